//! `hadath explain`: one story event, its reports and why each was merged in.

use super::timeline::{cut, type_label};
use super::{open, DbArg};
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct ExplainArgs {
    /// The story event's id (the ID column of `hadath timeline`).
    event: i64,
    #[command(flatten)]
    db: DbArg,
    /// Print the explanation as JSON.
    #[arg(long)]
    json: bool,
}

fn parties(v: &serde_json::Value, key: &str) -> String {
    v.get(key)
        .and_then(|a| a.as_array())
        .map(|a| {
            a.iter()
                .map(|p| {
                    let name = p.get("name").and_then(|x| x.as_str());
                    let code = p.get("code").and_then(|x| x.as_str());
                    let text = p.get("text").and_then(|x| x.as_str()).unwrap_or("");
                    match (name, code) {
                        (Some(n), Some(c)) => format!("{n} ({c})"),
                        (Some(n), None) => n.to_string(),
                        (None, Some(c)) => format!("{text} ({c})"),
                        (None, None) => text.to_string(),
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        })
        .unwrap_or_default()
}

pub fn explain(a: ExplainArgs) -> Result<ExitCode> {
    let store = open(&a.db, true)?;
    let x = store.explain(a.event)?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if a.json {
        serde_json::to_writer_pretty(&mut out, &x)?;
        out.write_all(b"\n")?;
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let e = &x.event;
    let mut s = String::new();
    s.push_str(&format!(
        "Event {} · {} · CAMEO {}\n{}\n\n",
        e.id,
        type_label(e),
        e.cameo.as_deref().unwrap_or("—"),
        e.summary
    ));
    s.push_str(&format!("  date          {}\n", e.date_display()));
    if let Some(l) = &e.location {
        s.push_str(&format!(
            "  place         {}{}\n",
            l.label(),
            l.code
                .as_ref()
                .map(|c| format!(" ({c})"))
                .unwrap_or_default()
        ));
        if let Some(g) = &l.geo {
            s.push_str(&format!("  coordinates   {}\n", coordinates(g)));
            if let Some(r) = &g.reason {
                s.push_str(&format!("  place reason  {r}\n"));
            }
        }
    }
    let ps = |v: &[hadath_store::Party]| {
        v.iter()
            .map(|p| match &p.code {
                Some(c) => format!("{} ({c})", p.label()),
                None => p.label(),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    for (k, v) in [
        ("actors", &e.actors),
        ("recipients", &e.recipients),
        ("mediators", &e.mediators),
    ] {
        if !v.is_empty() {
            s.push_str(&format!("  {k:<13} {}\n", ps(v)));
        }
    }
    if !e.toll().is_empty() {
        s.push_str(&format!(
            "  toll          {} (the lowest figure reported)\n",
            e.toll()
        ));
    }
    s.push_str(&format!(
        "  modality      {}\n  sources       {} documents, {} mentions\n",
        e.modality,
        e.sources.len(),
        e.n_mentions
    ));
    if let Some(ds) = e.disagreements.as_array().filter(|d| !d.is_empty()) {
        s.push_str("\nThe reports disagree:\n");
        for d in ds {
            let field = d.get("field").and_then(|f| f.as_str()).unwrap_or("?");
            let vals: Vec<String> = d
                .get("values")
                .and_then(|v| v.as_array())
                .map(|vs| {
                    vs.iter()
                        .map(|v| {
                            let docs: Vec<&str> = v
                                .get("docs")
                                .and_then(|d| d.as_array())
                                .map(|a| a.iter().filter_map(|x| x.as_str()).collect())
                                .unwrap_or_default();
                            format!(
                                "{} ({})",
                                v.get("value").and_then(|x| x.as_str()).unwrap_or("?"),
                                docs.join(", ")
                            )
                        })
                        .collect()
                })
                .unwrap_or_default();
            let rule = match field {
                "dead" | "injured" | "arrested" => " → kept the lowest (ACLED's rule)",
                "date" => " → kept the most reported, most specific",
                "place" => " → kept the most named",
                _ => "",
            };
            s.push_str(&format!("  {field}: {}{rule}\n", vals.join(" vs ")));
        }
    }
    s.push_str("\nReports merged into it:\n");
    for (i, m) in x.members.iter().enumerate() {
        let ev = &m.event;
        let g = |k: &str| ev.get(k).and_then(|v| v.as_str()).unwrap_or("");
        s.push_str(&format!(
            "{:>3}. {}{}{}\n",
            i + 1,
            m.doc_id,
            m.title
                .as_ref()
                .map(|t| format!(" «{}»", cut(t, 70)))
                .unwrap_or_default(),
            m.published
                .as_ref()
                .map(|p| format!(" (published {p})"))
                .unwrap_or_default()
        ));
        let mut line = format!("     {}", g("type"));
        if !g("mode").is_empty() {
            line.push_str(&format!("/{}", g("mode")));
        }
        line.push_str(&format!(
            " · date {}",
            if g("date").is_empty() {
                "none"
            } else {
                g("date")
            }
        ));
        for k in ["actors", "recipients", "mediators"] {
            let v = parties(ev, k);
            if !v.is_empty() {
                line.push_str(&format!(" · {k} {v}"));
            }
        }
        let place = ev.get("location");
        if let Some(n) = place
            .and_then(|l| l.get("name").or(l.get("text")))
            .and_then(|n| n.as_str())
        {
            line.push_str(&format!(" · at {n}"));
        }
        for k in ["dead", "injured", "arrested"] {
            if let Some(d) = ev.get("size").and_then(|s| s.get(k)) {
                line.push_str(&format!(" · {k} {d}"));
            }
        }
        s.push_str(&line);
        s.push('\n');
        s.push_str(&format!(
            "     why: {}{}\n",
            m.reason,
            m.score
                .map(|x| format!(" [score {x:.2}]"))
                .unwrap_or_default()
        ));
        if let Some(r) = place.and_then(|l| l.get("reason")).and_then(|r| r.as_str()) {
            s.push_str(&format!("     place: {r}\n"));
        }
        for (st, en, text) in &m.evidence {
            s.push_str(&format!(
                "     evidence [{st}–{en}]: «{}»\n",
                cut(text, 160)
            ));
        }
    }
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// `33.51, 36.29 · place · GeoNames 170654 · Damascus`: the point, whose point it is, its
/// gazetteer id and admin-1 region where known.
fn coordinates(g: &hadath_core::GeoOut) -> String {
    let mut out = format!("{:.4}, {:.4} · {}", g.lat, g.lon, g.precision.as_str());
    if let Some(id) = g.geonameid {
        out.push_str(&format!(" · GeoNames {id}"));
    }
    if let Some(a) = &g.admin1 {
        out.push_str(&format!(" · {a}"));
    }
    out
}
