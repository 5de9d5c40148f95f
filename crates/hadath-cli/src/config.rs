//! The extractor's configuration from the command line and the user's config directory: extra
//! knowledge-base entries, trigger and cue rows, without recompiling. Files use the formats of
//! `data/kb/*.tsv` (named after their kind: people.tsv, my-orgs.tsv, …),
//! `data/events/triggers.tsv` and `data/events/cues.tsv`; a bad line is an error naming the file
//! and line.

use anyhow::{Context, Result};
use hadath_extract::{Config, Extractor};
use std::path::{Path, PathBuf};

#[derive(clap::Args, Clone, Default)]
pub struct ExtractorArgs {
    /// Extra knowledge-base entries (a .tsv in the format of data/kb/, named after its kind, e.g.
    /// people.tsv or my-orgs.tsv). Repeatable.
    #[arg(long, value_name = "FILE")]
    kb: Vec<PathBuf>,
    /// Extra event trigger rows (format of data/events/triggers.tsv). Repeatable.
    #[arg(long, value_name = "FILE")]
    triggers: Vec<PathBuf>,
    /// Extra cue rows (format of data/events/cues.tsv). Repeatable.
    #[arg(long, value_name = "FILE")]
    cues: Vec<PathBuf>,
    /// Skip the statistical name tagger (faster; entities come from the knowledge base only).
    #[arg(long)]
    no_ner: bool,
    /// Ignore publication dates given in the input and infer them from the text.
    #[arg(long)]
    ignore_published: bool,
    /// Do not read the user config directory ($HADATH_CONFIG, else $XDG_CONFIG_HOME/hadath, else
    /// ~/.config/hadath; it may hold kb/*.tsv, triggers.tsv and cues.tsv, read on every run).
    #[arg(long)]
    no_config: bool,
}

fn config_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("HADATH_CONFIG") {
        return Some(PathBuf::from(p));
    }
    if let Some(p) = std::env::var_os("XDG_CONFIG_HOME") {
        return Some(PathBuf::from(p).join("hadath"));
    }
    std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config/hadath"))
}

fn read(path: &Path) -> Result<(String, String)> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("{}: cannot read this file", path.display()))?;
    Ok((name, text))
}

impl ExtractorArgs {
    /// Build the extractor: the embedded data plus the user's files. With no user data at all,
    /// the shared default is returned (no re-parsing).
    pub fn extractor(&self) -> Result<Extractor> {
        let mut config = Config {
            no_ner: self.no_ner,
            ignore_published: self.ignore_published,
            ..Config::default()
        };
        if !self.no_config {
            if let Some(dir) = config_dir().filter(|d| d.is_dir()) {
                let kb = dir.join("kb");
                if kb.is_dir() {
                    let mut files: Vec<PathBuf> = std::fs::read_dir(&kb)
                        .with_context(|| format!("{}: cannot list", kb.display()))?
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                        .collect();
                    files.sort();
                    for f in files {
                        config.kb.push(read(&f)?);
                    }
                }
                for (name, list) in [
                    ("triggers.tsv", &mut config.triggers),
                    ("cues.tsv", &mut config.cues),
                ] {
                    let f = dir.join(name);
                    if f.is_file() {
                        list.push(read(&f)?);
                    }
                }
            }
        }
        for f in &self.kb {
            config.kb.push(read(f)?);
        }
        for f in &self.triggers {
            config.triggers.push(read(f)?);
        }
        for f in &self.cues {
            config.cues.push(read(f)?);
        }
        let plain = config.kb.is_empty() && config.triggers.is_empty() && config.cues.is_empty();
        if plain && !config.no_ner && !config.ignore_published {
            return Ok(Extractor::default());
        }
        Extractor::new(&config)
            .context("cannot load the user data (fix the line named above, or leave the file out)")
    }
}
