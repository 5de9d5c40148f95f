//! Reading documents: .txt files, directories of them, JSON Lines files, standard input.
//! Streaming: one document at a time, so memory stays flat however many come. The binary and
//! the Python package read their paths with it, so a path gives the same documents (ids,
//! titles, skipped records) to both.
//!
//! ```
//! use hadath_store::input::Inputs;
//! let dir = tempfile::tempdir().unwrap();
//! std::fs::write(dir.path().join("a.txt"), "العنوان\n\nنص الخبر").unwrap();
//! std::fs::write(dir.path().join("b.jsonl"), "{\"id\":\"b1\",\"text\":\"نص\"}\n[1]\n").unwrap();
//! let items: Vec<_> = Inputs::open(&[dir.path().to_path_buf()]).unwrap().collect();
//! assert_eq!(items[0].doc.as_ref().unwrap().title.as_deref(), Some("العنوان"));
//! assert_eq!(items[1].doc.as_ref().unwrap().id, "b1");
//! assert!(items[2].origin.ends_with("b.jsonl:2") && items[2].doc.is_err());
//! ```

use crate::{Error, Result};
use hadath_core::Document;
use std::collections::VecDeque;
use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// One input record: where it came from, and the document or why it was skipped.
#[derive(Debug)]
pub struct Item {
    /// `file`, `file:line` or `<stdin>:line`.
    pub origin: String,
    /// The document, or why the record is not one.
    pub doc: Result<Document, String>,
    /// Bytes of input this record consumed (for progress).
    pub bytes: u64,
}

enum Source {
    Txt(PathBuf),
    Jsonl(PathBuf),
    Stdin,
    /// A FIFO, socket or device found in a directory: reading it could block for ever.
    NotRegular(PathBuf),
}

/// The UTF-8 byte-order mark some editors write at the start of a file: not part of the text.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Expand the command line's paths into sources, in order. Directories are walked recursively,
/// sorted by name, keeping `.txt`, `.jsonl` and `.json` files.
fn expand(paths: &[PathBuf]) -> Result<(Vec<Source>, u64)> {
    let mut out = Vec::new();
    let mut total = 0u64;
    for p in paths {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
            continue;
        }
        let shown = || p.display().to_string();
        let meta = std::fs::metadata(p).map_err(|error| Error::Input {
            path: shown(),
            what: "cannot read this path",
            error,
        })?;
        if meta.is_dir() {
            let mut files = Vec::new();
            walk(p, &mut files).map_err(|error| Error::Input {
                path: shown(),
                what: "cannot list this directory",
                error,
            })?;
            files.sort();
            if files.is_empty() {
                return Err(Error::NoInputs(shown()));
            }
            for f in files {
                match std::fs::metadata(&f) {
                    Ok(m) if !m.is_file() => out.push(Source::NotRegular(f)),
                    m => {
                        total += m.map(|m| m.len()).unwrap_or(0);
                        out.push(classify(f));
                    }
                }
            }
        } else {
            total += meta.len();
            out.push(classify(p.clone()));
        }
    }
    Ok((out, total))
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        if path.is_dir() {
            walk(&path, out)?;
        } else if matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt" | "jsonl" | "json")
        ) {
            out.push(path);
        }
    }
    Ok(())
}

fn classify(p: PathBuf) -> Source {
    match p.extension().and_then(|e| e.to_str()) {
        Some("jsonl" | "json" | "ndjson") => Source::Jsonl(p),
        _ => Source::Txt(p),
    }
}

/// A lazy stream of input records over all the sources.
pub struct Inputs {
    sources: VecDeque<Source>,
    current: Option<(String, Box<dyn BufRead>, usize)>,
    /// The input's size in bytes, as far as it is known before reading (files, not stdin).
    pub total_bytes: u64,
}

impl std::fmt::Debug for Inputs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inputs")
            .field("sources_left", &self.sources.len())
            .field("total_bytes", &self.total_bytes)
            .finish()
    }
}

impl Inputs {
    /// The records of `paths`, in order: a `.txt` file is one document (its stem the id, its
    /// first non-empty line the title), a `.jsonl`, `.json` or `.ndjson` file one document per
    /// line, a directory every `.txt`, `.jsonl` and `.json` file under it sorted by path, `-`
    /// standard input (JSON Lines if it starts with `{`, else one text document).
    ///
    /// # Errors
    ///
    /// [`Error::Input`] for a path that cannot be read or a directory that cannot be listed,
    /// [`Error::NoInputs`] for a directory without such files. Records that cannot be read
    /// are items with an error, not errors.
    pub fn open(paths: &[PathBuf]) -> Result<Inputs> {
        let (sources, total_bytes) = expand(paths)?;
        Ok(Inputs {
            sources: sources.into(),
            current: None,
            total_bytes,
        })
    }
}

fn txt_item(origin: String, id: String, mut bytes: Vec<u8>) -> Item {
    let n = bytes.len() as u64;
    if bytes.starts_with(BOM) {
        bytes.drain(..BOM.len());
    }
    let doc = match String::from_utf8(bytes) {
        Ok(text) => Document::from_txt(id, text).map_err(|e| e.to_string()),
        Err(e) => Err(format!(
            "not valid UTF-8 (first bad byte at offset {}); convert the file to UTF-8",
            e.utf8_error().valid_up_to()
        )),
    };
    Item {
        origin,
        doc,
        bytes: n,
    }
}

impl Iterator for Inputs {
    type Item = Item;

    fn next(&mut self) -> Option<Item> {
        loop {
            if let Some((name, reader, line_no)) = &mut self.current {
                let mut buf = Vec::new();
                match reader.read_until(b'\n', &mut buf) {
                    Ok(0) => {
                        self.current = None;
                        continue;
                    }
                    Ok(n) => {
                        *line_no += 1;
                        let origin = format!("{name}:{line_no}");
                        let mut trimmed = buf.trim_ascii();
                        if *line_no == 1 {
                            trimmed = trimmed.strip_prefix(BOM).unwrap_or(trimmed).trim_ascii();
                        }
                        if trimmed.is_empty() {
                            continue;
                        }
                        let doc = match std::str::from_utf8(trimmed) {
                            Ok(line) => Document::from_json_line(line).map_err(|e| e.to_string()),
                            Err(e) => Err(format!(
                                "not valid UTF-8 (first bad byte at column {})",
                                e.valid_up_to() + 1
                            )),
                        };
                        return Some(Item {
                            origin,
                            doc,
                            bytes: n as u64,
                        });
                    }
                    Err(e) => {
                        let origin = format!("{name}:{}", *line_no + 1);
                        self.current = None;
                        return Some(Item {
                            origin,
                            doc: Err(format!("read error: {e}")),
                            bytes: 0,
                        });
                    }
                }
            }
            match self.sources.pop_front()? {
                Source::Txt(p) => {
                    let origin = p.display().to_string();
                    let id = p
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_else(|| origin.clone());
                    return Some(match std::fs::read(&p) {
                        Ok(bytes) => txt_item(origin, id, bytes),
                        Err(e) => Item {
                            origin,
                            doc: Err(format!("cannot read: {e}")),
                            bytes: 0,
                        },
                    });
                }
                Source::Jsonl(p) => match File::open(&p) {
                    Ok(f) => {
                        self.current = Some((
                            p.display().to_string(),
                            Box::new(BufReader::with_capacity(1 << 16, f)),
                            0,
                        ))
                    }
                    Err(e) => {
                        return Some(Item {
                            origin: p.display().to_string(),
                            doc: Err(format!("cannot read: {e}")),
                            bytes: 0,
                        })
                    }
                },
                Source::NotRegular(p) => {
                    return Some(Item {
                        origin: p.display().to_string(),
                        doc: Err("not a regular file (a FIFO, socket or device); not read".into()),
                        bytes: 0,
                    })
                }
                Source::Stdin => {
                    // JSON Lines when the first non-blank byte (after a byte-order mark) opens an
                    // object, else one text document.
                    let mut r = BufReader::with_capacity(1 << 16, std::io::stdin());
                    let first = match r.fill_buf() {
                        Ok(b) => b
                            .strip_prefix(BOM)
                            .unwrap_or(b)
                            .iter()
                            .copied()
                            .find(|c| !c.is_ascii_whitespace()),
                        Err(e) => {
                            return Some(Item {
                                origin: "<stdin>".into(),
                                doc: Err(format!("read error: {e}")),
                                bytes: 0,
                            })
                        }
                    };
                    if first == Some(b'{') {
                        self.current = Some(("<stdin>".into(), Box::new(r), 0));
                        continue;
                    }
                    let mut bytes = Vec::new();
                    if let Err(e) = r.read_to_end(&mut bytes) {
                        return Some(Item {
                            origin: "<stdin>".into(),
                            doc: Err(format!("read error: {e}")),
                            bytes: 0,
                        });
                    }
                    // The id comes from the text: a second document piped in is another document,
                    // not a new version of the first.
                    let mut item = txt_item("<stdin>".into(), String::new(), bytes);
                    if let Ok(doc) = &mut item.doc {
                        doc.id = format!("stdin-{}", &crate::content_hash(doc)[..16]);
                    }
                    return Some(item);
                }
            }
        }
    }
}
