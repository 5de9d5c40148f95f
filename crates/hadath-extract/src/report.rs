//! The human-readable view: a document's sentences with what was found in them.

use crate::Extraction;
use hadath_text::CharIndex;
use std::fmt::Write;

/// Render one document as text: each sentence (boilerplate marked), then the entities, time
/// expressions and events found in it.
pub fn render_table(x: &Extraction<'_>) -> String {
    let text = &x.doc.text;
    let ix = CharIndex::new(text);
    let mut s = String::new();
    let _ = writeln!(s, "══ {} ══", x.doc.id);
    if let Some(t) = &x.doc.title {
        let _ = writeln!(s, "title: {t}");
    }
    if let Some(p) = &x.output.published {
        let how = if p.inferred {
            format!(" (inferred from «{}»)", p.reason.as_deref().unwrap_or(""))
        } else {
            String::new()
        };
        let _ = writeln!(s, "published: {}{}", p.date, how);
    }
    for (n, sent) in x.analysis.sentences().iter().enumerate() {
        let a = ix.char_offset(sent.source.start);
        let b = ix.char_offset(sent.source.end);
        let body = text[sent.source.clone()].replace('\n', " ");
        match sent.boilerplate {
            Some(k) => {
                let _ = writeln!(s, "  [{n:>3}] ({}) {}", k.as_str(), body);
                continue;
            }
            None => {
                let _ = writeln!(s, "  [{n:>3}] {}", body);
            }
        }
        for e in x
            .output
            .entities
            .iter()
            .filter(|e| e.start >= a && e.end <= b)
        {
            let _ = writeln!(
                s,
                "        entity  {} → {} {} {}",
                e.text,
                e.kind,
                e.name.as_deref().unwrap_or("?"),
                e.code.as_deref().unwrap_or("")
            );
        }
        for t in x
            .output
            .timexes
            .iter()
            .filter(|t| t.start >= a && t.end <= b)
        {
            let _ = writeln!(
                s,
                "        time    {} → {} {}",
                t.text,
                t.kind,
                t.value.as_deref().unwrap_or("?")
            );
        }
        for ev in x
            .output
            .events
            .iter()
            .filter(|e| e.evidence.start >= a && e.evidence.end <= b)
        {
            let names = |ps: &[crate::PartyOut]| {
                ps.iter()
                    .map(|p| p.name.clone().unwrap_or_else(|| p.text.clone()))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let _ = writeln!(
                s,
                "        event   {}{} [{}] {} → {}{}{}",
                ev.kind,
                ev.mode
                    .as_ref()
                    .map(|m| format!("/{m}"))
                    .unwrap_or_default(),
                ev.date.as_deref().unwrap_or("undated"),
                names(&ev.actors),
                names(&ev.recipients),
                if ev.mediators.is_empty() {
                    String::new()
                } else {
                    format!(" via {}", names(&ev.mediators))
                },
                if ev.modality == hadath_core::Modality::Asserted {
                    String::new()
                } else {
                    format!(" ({})", ev.modality)
                },
            );
        }
        // every trigger considered, its clause, and why it was kept or dropped
        for c in x
            .considered
            .iter()
            .filter(|c| c.trigger.start >= sent.source.start && c.trigger.end <= sent.source.end)
        {
            let _ = writeln!(
                s,
                "        {} «{}» {} in a {} clause: {}",
                if c.kept { "kept   " } else { "dropped" },
                &text[c.trigger.clone()],
                c.category,
                c.clause.as_str(),
                c.why
            );
        }
    }
    s
}
