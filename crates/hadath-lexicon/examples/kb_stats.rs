//! Print the size of the embedded knowledge base: entries per kind, keys, and the source files.
//!
//! `cargo run -p hadath-lexicon --example kb_stats`

fn main() {
    let lx = hadath_lexicon::Lexicon::embedded();
    for (k, n) in lx.stats() {
        println!("{k}\t{n}");
    }
    let orgs = lx.entries().filter(|e| {
        e.kind == hadath_lexicon::EntityKind::Organization
            || e.kind == hadath_lexicon::EntityKind::Igo
    });
    let mut by: std::collections::BTreeMap<&str, usize> = Default::default();
    for e in orgs {
        *by.entry(&e.subkind).or_default() += 1;
    }
    for (k, n) in by {
        println!("  org:{k}\t{n}");
    }
    for s in lx.sources() {
        println!("source\t{s}");
    }
}
