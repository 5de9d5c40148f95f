//! The date mentions of the five seed articles, resolved with the gold publication dates as
//! anchors; and publication dates inferred from the seed texts alone. Skips when ../shared is absent.

use hadath_text::Folded;
use hadath_time::{find_timexes, infer_publication, publication_candidates};
use jiff::civil::Date;
use std::path::{Path, PathBuf};

const MENTIONS: &str = include_str!("seed_mentions.tsv");

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
    if p.join("corpus/seeds").is_dir() && p.join("eval/gold/seeds.json").is_file() {
        Some(p)
    } else {
        eprintln!("note: ../shared not found next to the checkout; seed tests skipped");
        None
    }
}

/// Gold publication dates: (id, first day, last day).
fn gold(shared: &Path) -> Vec<(String, Date, Date)> {
    let g: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("eval/gold/seeds.json")).unwrap(),
    )
    .unwrap();
    g["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let id = d["id"].as_str().unwrap().to_string();
            let (lo, hi) = match &d["published"] {
                serde_json::Value::Array(a) => (a[0].as_str().unwrap(), a[1].as_str().unwrap()),
                v => (v.as_str().unwrap(), v.as_str().unwrap()),
            };
            (id, lo.parse().unwrap(), hi.parse().unwrap())
        })
        .collect()
}

fn text(shared: &Path, id: &str) -> String {
    std::fs::read_to_string(shared.join("corpus/seeds").join(format!("{id}.txt"))).unwrap()
}

#[test]
fn seed_mentions_resolve() {
    let Some(sh) = shared() else { return };
    let gold = gold(&sh);
    let mut total = 0;
    let mut wrong = Vec::new();
    for (id, anchor, _) in &gold {
        let t = text(&sh, id);
        let f = Folded::new(&t);
        let found = find_timexes(&t, &f, Some(*anchor));
        for line in MENTIONS
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let c: Vec<&str> = line.split('\t').collect();
            if c[0] != id {
                continue;
            }
            total += 1;
            let occ: usize = c[1].parse().unwrap();
            let (surface, kind, value) = (c[2], c[3], c[4]);
            let pos = t
                .match_indices(surface)
                .nth(occ - 1)
                .map(|(p, _)| p)
                .expect("surface in text");
            let span = pos..pos + surface.len();
            let hit = found
                .iter()
                .find(|x| x.source.start < span.end && span.start < x.source.end);
            match hit {
                Some(x) if x.value.as_deref() == Some(value) && x.kind.as_str() == kind => {}
                Some(x) => wrong.push(format!(
                    "{id} «{surface}»: expected {kind} {value}, got {} {:?} on «{}»",
                    x.kind.as_str(),
                    x.value,
                    &t[x.source.clone()]
                )),
                None => wrong.push(format!(
                    "{id} «{surface}»: expected {kind} {value}, not found"
                )),
            }
        }
    }
    println!(
        "seed date mentions resolved: {}/{}",
        total - wrong.len(),
        total
    );
    assert!(
        total >= 50,
        "the mention list should hold about fifty mentions, has {total}"
    );
    assert!(wrong.is_empty(), "wrong or missed:\n{}", wrong.join("\n"));
}

#[test]
fn seed_publication_inferred() {
    let Some(sh) = shared() else { return };
    for (id, lo, hi) in gold(&sh) {
        let t = text(&sh, &id);
        let p = infer_publication(&t, &Folded::new(&t));
        if id.starts_with("002_") {
            let p = p.expect("seed 002 dates itself");
            assert_eq!(p.date, "2022-09-16".parse::<Date>().unwrap());
            assert!(p.inferred);
            assert_eq!(p.reason, "أمس الخميس 15 سبتمبر 2022");
            assert_eq!(&t[p.reason_span.clone()], p.reason);
        } else if let Some(p) = p {
            assert!(
                p.date >= lo && p.date <= hi,
                "{id}: inferred {} outside the gold {lo}..{hi}",
                p.date
            );
        }
    }
}

#[test]
fn seed_publication_candidates_keep_the_truth() {
    let Some(sh) = shared() else { return };
    for (id, lo, hi) in gold(&sh) {
        let t = text(&sh, &id);
        let f = Folded::new(&t);
        let window = (
            lo.checked_sub(jiff::Span::new().days(60)).unwrap(),
            hi.checked_add(jiff::Span::new().days(60)).unwrap(),
        );
        let c = publication_candidates(&t, &f, window.0, window.1);
        println!(
            "{id}: {} candidate days in {}..{}",
            c.len(),
            window.0,
            window.1
        );
        assert!(
            c.iter().any(|d| *d >= lo && *d <= hi),
            "{id}: the gold date {lo}..{hi} was ruled out"
        );
        if id.starts_with("004_") {
            // اليوم الثلاثاء + 9 نوفمبر الجاري: Tuesdays of November from the 10th.
            let want: Vec<jiff::civil::Date> = ["2020-11-10", "2020-11-17", "2020-11-24"]
                .iter()
                .map(|d| d.parse().unwrap())
                .collect();
            assert_eq!(c, want);
        }
    }
}
