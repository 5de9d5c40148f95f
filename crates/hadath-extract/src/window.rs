//! Very long documents read in windows: a text over [`WINDOW`] bytes is cut at paragraph
//! breaks into pieces of about that size, each piece extracted on its own, and the outputs
//! joined with their offsets moved to the whole text. Memory then stays a small multiple of
//! the text (one window's analysis at a time, plus the output), where a single pass would keep
//! the text layer's alignment and tokens for all of it (about 25 times the text).
//!
//! What a window cannot see: an event told across a window's edge is read in each window it
//! touches, and mentions of one happening in different windows are not merged into one event
//! (the store's coreference still merges them across reports). News articles are far shorter
//! than a window; this is for dumps, books and transcripts.

use hadath_core::{Document, Output, PartyOut, SpanOut};

/// Texts longer than this (bytes) are read in windows of about this size.
pub const WINDOW: usize = 1 << 20;

/// The byte ranges of the windows of `text`: each ends at a paragraph break (a blank line,
/// else a line break, else a space) at or before `size` bytes from its start, or at `size`
/// (on a character boundary) when there is none.
pub fn windows(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < text.len() {
        let mut end = (start + size).min(text.len());
        if end < text.len() {
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            let piece = &text[start..end];
            // Prefer a break in the second half of the window.
            let half = piece.len() / 2;
            let cut = ["\n\n", "\n", " "]
                .iter()
                .find_map(|b| piece.rfind(b).filter(|&i| i >= half).map(|i| i + b.len()));
            if let Some(c) = cut {
                end = start + c;
            }
        }
        out.push(start..end);
        start = end;
    }
    out
}

fn shift_span(s: &mut SpanOut, by: usize) {
    s.start += by;
    s.end += by;
}

fn shift_party(p: &mut PartyOut, by: usize) {
    p.start = p.start.map(|x| x + by);
    p.end = p.end.map(|x| x + by);
}

/// Move every code-point offset of `out` by `by`.
fn shift(out: &mut Output, by: usize) {
    for e in &mut out.entities {
        e.start += by;
        e.end += by;
    }
    for t in &mut out.timexes {
        t.start += by;
        t.end += by;
    }
    for b in &mut out.boilerplate {
        b.start += by;
        b.end += by;
    }
    for ev in &mut out.events {
        for p in ev
            .actors
            .iter_mut()
            .chain(&mut ev.recipients)
            .chain(&mut ev.mediators)
            .chain(ev.location.iter_mut())
            .chain(ev.attribution.iter_mut())
            .chain(ev.source.iter_mut())
        {
            shift_party(p, by);
        }
        if let Some(size) = &mut ev.size {
            for side in &mut size.by_side {
                side.start += by;
                side.end += by;
            }
        }
        shift_span(&mut ev.evidence, by);
        ev.evidence_all.iter_mut().for_each(|s| shift_span(s, by));
        shift_span(&mut ev.trigger, by);
    }
}

/// Extract `doc` window by window with `one` (the single-pass pipeline) and join the outputs.
/// The publication date the first window gives (given, or read from its text) anchors the
/// others.
pub fn extract(doc: &Document, size: usize, one: impl Fn(&Document) -> Output) -> Output {
    let mut whole: Option<Output> = None;
    let mut chars_before = 0;
    let mut last = 0;
    for w in windows(&doc.text, size) {
        chars_before += doc.text[last..w.start].chars().count();
        last = w.start;
        let mut piece = Document {
            id: doc.id.clone(),
            text: doc.text[w.clone()].to_string(),
            title: doc.title.clone(),
            published: doc.published.clone(),
            published_unreadable: None,
            url: doc.url.clone(),
            source: doc.source.clone(),
        };
        if let Some(p) = whole.as_ref().and_then(|o| o.published.as_ref()) {
            piece.published = Some(p.date.clone());
        }
        // A window without letters (a run of punctuation) gives nothing.
        if !piece.text.chars().any(char::is_alphanumeric) {
            continue;
        }
        let mut out = one(&piece);
        shift(&mut out, chars_before);
        match &mut whole {
            None => whole = Some(out),
            Some(o) => {
                o.entities.append(&mut out.entities);
                o.timexes.append(&mut out.timexes);
                o.events.append(&mut out.events);
                o.boilerplate.append(&mut out.boilerplate);
            }
        }
    }
    whole.unwrap_or_else(|| one(doc))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_cover_the_text_and_end_at_breaks() {
        let text = "فقرة أولى.\n\nفقرة ثانية أطول قليلا.\n\nفقرة ثالثة.".repeat(50);
        let ws = windows(&text, 200);
        assert_eq!(ws.first().unwrap().start, 0);
        assert_eq!(ws.last().unwrap().end, text.len());
        for pair in ws.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for w in &ws[..ws.len() - 1] {
            assert!(text[w.clone()].ends_with("\n\n"), "{:?}", &text[w.clone()]);
            assert!(w.len() <= 200);
        }
        // no break at all: cut on a character boundary
        let solid = "ب".repeat(301);
        let ws = windows(&solid, 100);
        assert!(ws.iter().all(|w| solid.is_char_boundary(w.start)));
        assert_eq!(ws.last().unwrap().end, solid.len());
    }
}
