//! Opening: another program's database is refused untouched; a store that cannot be written
//! (read-only directory or mount) can still be read.

use hadath_core::{Document, Output};
use hadath_store::{Filter, Store};
use std::path::Path;
use std::process::Command;

fn journal_mode(path: &Path) -> String {
    rusqlite::Connection::open(path)
        .unwrap()
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap()
}

#[test]
fn another_programs_database_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("app.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE notes(x); INSERT INTO notes VALUES ('mine');")
        .unwrap();
    assert_eq!(journal_mode(&foreign), "delete");
    let before = std::fs::read(&foreign).unwrap();
    for e in [
        Store::open(&foreign).unwrap_err(),
        Store::open_read_only(&foreign).unwrap_err(),
    ] {
        assert!(e.to_string().contains("not a hadath store"), "{e}");
    }
    assert_eq!(journal_mode(&foreign), "delete", "switched to WAL");
    assert_eq!(std::fs::read(&foreign).unwrap(), before);
    assert!(!dir.path().join("app.sqlite-wal").exists());
}

/// Makes `dir` unwritable (chmod, or for root the immutable attribute) until dropped; `None`
/// when this machine cannot.
struct ReadOnlyDir<'a>(&'a Path);

impl<'a> ReadOnlyDir<'a> {
    fn new(dir: &'a Path) -> Option<ReadOnlyDir<'a>> {
        use std::os::unix::fs::PermissionsExt;
        let guard = ReadOnlyDir(dir);
        std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o555)).ok()?;
        let writable = |d: &Path| std::fs::write(d.join("probe"), "x").is_ok();
        if writable(dir) {
            let _ = std::fs::remove_file(dir.join("probe"));
            // root ignores the mode bits
            let _ = Command::new("chattr").arg("+i").arg(dir).status();
            if writable(dir) {
                let _ = std::fs::remove_file(dir.join("probe"));
                return None;
            }
        }
        Some(guard)
    }
}

impl Drop for ReadOnlyDir<'_> {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        let _ = Command::new("chattr")
            .arg("-i")
            .arg(self.0)
            .stderr(std::process::Stdio::null())
            .status();
        let _ = std::fs::set_permissions(self.0, std::fs::Permissions::from_mode(0o755));
    }
}

#[test]
fn a_store_in_a_read_only_directory_can_be_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ro.db");
    {
        let mut store = Store::open(&path).unwrap();
        let doc = Document::new("d1", "قصفت القوات الأذرية مواقع أرمينية يوم 13 سبتمبر 2022.");
        let out: Output = serde_json::from_value(serde_json::json!({
            "id": "d1", "entities": [], "timexes": [], "boilerplate": [],
            "events": [{"type": "ASSAULT", "date": "2022-09-13", "modality": "asserted",
                "actors": [{"text": "القوات الأذرية", "name": "Azerbaijan", "code": "AZE"}],
                "recipients": [{"text": "أرمينية", "name": "Armenia", "code": "ARM"}],
                "mediators": [], "evidence": {"start": 0, "end": 10, "text": "قصفت القوات"},
                "evidence_all": [], "trigger": {"start": 0, "end": 4, "text": "قصفت"}}]
        }))
        .unwrap();
        store.put(&doc, &out).unwrap();
    }
    let Some(_ro) = ReadOnlyDir::new(dir.path()) else {
        eprintln!("cannot make a directory read-only here: skipped");
        return;
    };
    let store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.stats().unwrap().documents, 1);
    assert!(!store.timeline(&Filter::default()).unwrap().is_empty());
    // and it cannot write
    assert!(store
        .connection()
        .execute("DELETE FROM documents", [])
        .is_err());
}
