//! A story event's fields, computed from its reports: the most specific date, the lowest toll
//! (ACLED's conservative rule), the union of participants, the most frequent place and mode,
//! and the disagreements between reports. Pure computation: `coref` links reports and writes
//! the result.

use crate::coref::{codes, party_key};
use crate::query::Party;
use crate::search::search_key;
use crate::summary::{cameo_root, join_names, sentence, SummaryInput};
use hadath_core::DateRange;
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// A report as a story event's fields are computed from it.
#[derive(Clone)]
pub(crate) struct Row {
    pub doc_id: String,
    pub mode: Option<String>,
    pub modality: String,
    pub date: Option<DateRange>,
    pub actors: Vec<Party>,
    pub recipients: Vec<Party>,
    pub mediators: Vec<Party>,
    pub location: Option<Party>,
    pub dead: Option<i64>,
    pub injured: Option<i64>,
    pub arrested: Option<i64>,
    pub evidence: String,
}

/// Merge party lists by code (or name), naming each by its most frequent name (ties: shortest).
fn merge_parties<'a>(
    lists: impl IntoIterator<Item = &'a Party>,
    exclude: &BTreeSet<String>,
) -> Vec<Party> {
    let mut order: Vec<String> = Vec::new();
    let mut names: HashMap<String, BTreeMap<String, usize>> = HashMap::new();
    let mut first: HashMap<String, Party> = HashMap::new();
    for p in lists {
        let Some(k) = party_key(p) else { continue };
        if exclude.contains(&k) {
            continue;
        }
        if !first.contains_key(&k) {
            order.push(k.clone());
            first.insert(k.clone(), p.clone());
        }
        if let Some(n) = &p.name {
            *names.entry(k).or_default().entry(n.clone()).or_default() += 1;
        }
    }
    order
        .into_iter()
        .map(|k| {
            let mut p = first.remove(&k).unwrap_or_default();
            if let Some(ns) = names.get(&k) {
                if let Some((n, _)) = ns
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then(b.0.len().cmp(&a.0.len())))
                {
                    p.name = Some(n.clone());
                }
            }
            p
        })
        .collect()
}

fn most_frequent<'a>(items: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for i in items {
        match counts.iter_mut().find(|c| c.0 == i) {
            Some(c) => c.1 += 1,
            None => counts.push((i, 1)),
        }
    }
    // First among the most frequent (stable: earliest member wins ties).
    let max = counts.iter().map(|c| c.1).max()?;
    counts.into_iter().find(|c| c.1 == max).map(|c| c.0)
}

/// A story event's columns, as computed from its reports.
pub(crate) struct StoryFields {
    pub(crate) mode: Option<String>,
    pub(crate) modality: String,
    pub(crate) date: Option<DateRange>,
    pub(crate) location: Option<Party>,
    pub(crate) actors: String,
    pub(crate) recipients: String,
    pub(crate) mediators: String,
    pub(crate) participants: String,
    pub(crate) dead: Option<i64>,
    pub(crate) injured: Option<i64>,
    pub(crate) arrested: Option<i64>,
    pub(crate) n_sources: i64,
    pub(crate) n_mentions: i64,
    pub(crate) disagreements: String,
    pub(crate) summary: String,
    pub(crate) cameo: Option<&'static str>,
    pub(crate) search: String,
    pub(crate) codes: String,
}

/// Compute a story event's fields from its reports (a pure function of them: a new story's
/// fields are computed before the writer needs them).
pub(crate) fn story_fields(kind: &str, rows: &[Row]) -> StoryFields {
    let mut disagreements = Vec::new();
    // Record a field on which reports differ: every value with the documents giving it.
    let mut disagree = |field: &str, values: Vec<(String, &str)>| {
        let mut by: BTreeMap<String, BTreeSet<&str>> = BTreeMap::new();
        for (v, d) in values {
            by.entry(v).or_default().insert(d);
        }
        if by.len() > 1 {
            disagreements.push(json!({
                "field": field,
                "values": by.iter().map(|(v, ds)| json!({"value": v, "docs": ds})).collect::<Vec<_>>(),
            }));
        }
    };

    let modality = [
        "asserted",
        "historical",
        "future",
        "hypothetical",
        "negated",
    ]
    .into_iter()
    .find(|m| rows.iter().any(|r| r.modality == *m))
    .unwrap_or(rows[0].modality.as_str())
    .to_string();
    let mode = most_frequent(rows.iter().filter_map(|r| r.mode.as_deref())).map(str::to_string);
    // The most specific date; among those, the most reported (ties: earliest member).
    let best_prec = rows
        .iter()
        .filter_map(|r| r.date.as_ref().map(|d| d.precision))
        .max();
    let date = best_prec.and_then(|p| {
        let v = most_frequent(
            rows.iter()
                .filter_map(|r| r.date.as_ref())
                .filter(|d| d.precision == p)
                .map(|d| d.value.as_str()),
        )?;
        DateRange::parse(v)
    });
    if let Some(p) = best_prec {
        disagree(
            "date",
            rows.iter()
                .filter_map(|r| r.date.as_ref().map(|d| (d, r.doc_id.as_str())))
                .filter(|(d, _)| d.precision == p)
                .map(|(d, doc)| (d.value.clone(), doc))
                .collect(),
        );
    }
    // Place: the most named one.
    let loc_name = most_frequent(
        rows.iter()
            .filter_map(|r| r.location.as_ref().and_then(|l| l.name.as_deref())),
    )
    .map(str::to_string);
    let location = match &loc_name {
        Some(n) => rows
            .iter()
            .filter_map(|r| r.location.clone())
            .find(|l| l.name.as_deref() == Some(n)),
        None => rows.iter().find_map(|r| r.location.clone()),
    };
    disagree(
        "place",
        rows.iter()
            .filter_map(|r| {
                r.location
                    .as_ref()
                    .and_then(|l| l.name.clone())
                    .map(|n| (n, r.doc_id.as_str()))
            })
            .collect(),
    );
    // A party named as actor by some reports and as recipient by others takes the role most
    // reports give it (actor on a tie).
    let mut votes: HashMap<String, i32> = HashMap::new();
    for r in rows {
        for k in codes(&r.actors) {
            *votes.entry(k).or_default() += 1;
        }
        for k in codes(&r.recipients) {
            *votes.entry(k).or_default() -= 1;
        }
    }
    let as_recipient: BTreeSet<String> = votes
        .iter()
        .filter(|(_, v)| **v < 0)
        .map(|(k, _)| k.clone())
        .collect();
    let actors = merge_parties(rows.iter().flat_map(|r| &r.actors), &as_recipient);
    let actor_keys = codes(&actors);
    let recipients = merge_parties(rows.iter().flat_map(|r| &r.recipients), &actor_keys);
    let mut both = actor_keys.clone();
    both.extend(codes(&recipients));
    let mediators = merge_parties(rows.iter().flat_map(|r| &r.mediators), &both);
    // Tolls: the lowest figure reported (ACLED), every figure kept as a disagreement.
    let mut toll = |field: &str, get: fn(&Row) -> Option<i64>| {
        let vals: Vec<(i64, &str)> = rows
            .iter()
            .filter_map(|r| get(r).map(|v| (v, r.doc_id.as_str())))
            .collect();
        disagree(
            field,
            vals.iter().map(|(v, d)| (v.to_string(), *d)).collect(),
        );
        vals.iter().map(|v| v.0).min()
    };
    let dead = toll("dead", |r| r.dead);
    let injured = toll("injured", |r| r.injured);
    let arrested = toll("arrested", |r| r.arrested);
    let n_sources = rows
        .iter()
        .map(|r| r.doc_id.as_str())
        .collect::<BTreeSet<_>>()
        .len();

    let labels = |ps: &[Party]| ps.iter().map(Party::label).collect::<Vec<_>>();
    let (al, rl, ml) = (labels(&actors), labels(&recipients), labels(&mediators));
    let sent = sentence(&SummaryInput {
        kind,
        mode: mode.as_deref(),
        modality: &modality,
        actors: &al,
        recipients: &rl,
        mediators: &ml,
        dead,
        injured,
        arrested,
    });
    let mut summary = date
        .as_ref()
        .map_or_else(|| "undated".to_string(), |d| d.value.clone());
    if let Some(l) = &location {
        summary.push_str(" · ");
        summary.push_str(&l.label());
    }
    summary.push_str(" · ");
    summary.push_str(&sent);

    let mut participants = String::from(" ");
    for p in actors.iter().chain(&recipients).chain(&mediators) {
        for s in [&p.code, &p.name].into_iter().flatten() {
            participants.push_str(s);
            participants.push(' ');
        }
    }
    let search = search_key(
        rows.iter()
            .map(|r| r.evidence.as_str())
            .chain([summary.as_str(), join_names(&al).as_str()]),
    );
    let js = |v: &Vec<Party>| serde_json::to_string(v).unwrap_or_else(|_| "[]".into());
    StoryFields {
        codes: codes(actors.iter().chain(&recipients))
            .into_iter()
            .collect::<Vec<_>>()
            .join(" "),
        cameo: cameo_root(kind, mode.as_deref()),
        mode,
        modality,
        date,
        location,
        actors: js(&actors),
        recipients: js(&recipients),
        mediators: js(&mediators),
        participants,
        dead,
        injured,
        arrested,
        n_sources: n_sources as i64,
        n_mentions: rows.len() as i64,
        disagreements: serde_json::Value::Array(disagreements).to_string(),
        summary,
        search,
    }
}
