//! Compiles `data/geo/{places,admin1,features}.tsv` into an fst of folded names (value: offset
//! and count of its postings), the postings and the records. A bad line fails the build with
//! `file:line: what is wrong`.

#[path = "src/parse.rs"]
#[allow(dead_code)]
mod parse;

use parse::GeoSource;
use std::path::PathBuf;

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap());
    let dir = manifest.join("../../data/geo");
    println!("cargo:rerun-if-changed={}", dir.display());
    println!("cargo:rerun-if-changed=src/parse.rs");
    let mut rows = Vec::new();
    for kind in GeoSource::ALL {
        let name = format!("{}.tsv", kind.file_stem());
        let path = dir.join(&name);
        println!("cargo:rerun-if-changed={}", path.display());
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("data/geo/{name}: {e}"));
        match parse::parse(kind, &format!("data/geo/{name}"), &text) {
            Ok(r) => rows.extend(r),
            Err(e) => panic!("gazetteer: {}:{}: {}", e.file, e.line, e.msg),
        }
    }
    let keys = parse::keys(&rows, 0);
    let mut post: Vec<u8> = Vec::new();
    let mut b = fst::MapBuilder::memory();
    for (k, ids) in &keys {
        let off = (post.len() / 4) as u64;
        for id in ids {
            post.extend_from_slice(&id.to_le_bytes());
        }
        b.insert(k, (off << 16) | ids.len().min(0xffff) as u64)
            .expect("sorted keys");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap());
    std::fs::write(out.join("names.fst"), b.into_inner().expect("fst")).unwrap();
    std::fs::write(out.join("names.post"), post).unwrap();
    std::fs::write(out.join("records.bin"), parse::encode(&rows)).unwrap();
}
