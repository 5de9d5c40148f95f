//! Output files written whole: into a temporary file with a unique name in the target's
//! directory, then renamed over the target, so that a reader never sees half a file, two runs
//! writing different targets never share a temporary file, and no other file is touched.

use anyhow::{Context, Result};
use std::fs::File;
use std::path::{Path, PathBuf};

/// A file being written for `target`.
pub struct Partial {
    target: PathBuf,
    tmp: tempfile::NamedTempFile,
}

impl Partial {
    /// A new temporary file beside `target`: `.NAME.XXXXXX.partial` in the same directory (so
    /// the final rename stays on one file system). It is removed if the run fails.
    pub fn beside(target: &Path) -> Result<Partial> {
        let dir = match target.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        let name = target
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "output".into());
        let prefix = format!(".{name}.");
        let mut b = tempfile::Builder::new();
        b.prefix(&prefix).suffix(".partial");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            // the mode an ordinary File::create gives (0600 is tempfile's default)
            b.permissions(std::fs::Permissions::from_mode(0o644));
        }
        let tmp = b.tempfile_in(dir).with_context(|| {
            format!("{}: cannot create a file in this directory", dir.display())
        })?;
        Ok(Partial {
            target: target.to_path_buf(),
            tmp,
        })
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut File {
        self.tmp.as_file_mut()
    }

    /// Move the finished file into place (replacing the target).
    pub fn finish(self) -> Result<()> {
        let target = self.target;
        self.tmp
            .persist(&target)
            .map_err(|e| e.error)
            .with_context(|| format!("{}: cannot move the output into place", target.display()))?;
        Ok(())
    }
}
