//! Compiles `data/kb/*.tsv` into the embedded tables: an fst of folded keys, an fst of loose
//! (skeleton) keys, an fst of word flags, postings and the entry table. A bad line fails the build
//! with `file:line: what is wrong`.

#[path = "src/compile/mod.rs"]
#[allow(dead_code)]
mod compile;

use compile::{Compiled, SourceKind};
use std::path::{Path, PathBuf};

fn fst_bytes(groups: &[(String, Vec<u32>)], vals: &[u64]) -> Vec<u8> {
    let mut b = fst::MapBuilder::memory();
    for ((k, _), v) in groups.iter().zip(vals) {
        b.insert(k, *v).expect("sorted keys");
    }
    b.into_inner().expect("fst")
}

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let kb = manifest.join("../../data/kb");
    let fallback = manifest.join("fallback");
    println!("cargo:rerun-if-changed={}", kb.display());
    println!("cargo:rerun-if-changed={}", fallback.display());
    println!("cargo:rerun-if-changed=src/compile");
    let mut c = Compiled::new(0);
    let mut sources = Vec::new();
    for kind in SourceKind::ALL {
        let name = format!("{}.tsv", kind.file_stem());
        let main = kb.join(&name);
        let path: PathBuf = if main.exists() {
            main
        } else if fallback.join(&name).exists() {
            println!("cargo:warning=data/kb/{name} missing: using the test fallback");
            fallback.join(&name)
        } else {
            println!("cargo:warning=data/kb/{name} missing");
            continue;
        };
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let shown = display(&path, &manifest);
        if let Err(e) = c.add_source(kind, &shown, &text, &|_| None) {
            eprintln!("error: {e}");
            panic!("knowledge base: {e}");
        }
        sources.push(shown);
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    let groups = Compiled::groups(&c.keys);
    let (post, vals) = compile::write_postings(&groups);
    std::fs::write(out.join("keys.fst"), fst_bytes(&groups, &vals)).unwrap();
    std::fs::write(out.join("keys.post"), post).unwrap();
    let lgroups = Compiled::groups(&c.loose);
    let (lpost, lvals) = compile::write_postings(&lgroups);
    std::fs::write(out.join("loose.fst"), fst_bytes(&lgroups, &lvals)).unwrap();
    std::fs::write(out.join("loose.post"), lpost).unwrap();
    let words = compile::word_flags(&c.keys, &c.entries, 0);
    let mut b = fst::MapBuilder::memory();
    for (w, f) in &words {
        b.insert(w, *f as u64).unwrap();
    }
    std::fs::write(out.join("words.fst"), b.into_inner().unwrap()).unwrap();
    std::fs::write(out.join("entries.bin"), compile::write_entries(&c.entries)).unwrap();
    std::fs::write(out.join("sources.txt"), sources.join("\n")).unwrap();
}

fn display(p: &Path, manifest: &Path) -> String {
    let root = manifest.join("../..");
    let root = root.canonicalize().unwrap_or(root);
    let p2 = p.canonicalize().unwrap_or(p.to_path_buf());
    p2.strip_prefix(&root)
        .map(|x| x.display().to_string())
        .unwrap_or_else(|_| p.display().to_string())
}
