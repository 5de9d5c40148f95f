//! The JSON Lines output contract (`docs/output.md`, `../shared/spec/OUTPUT.md`): one object
//! per document, spans in code points.
//!
//! ```
//! use hadath_core::{Category, EventOut, Modality};
//! let line = r#"{"type":"ASSAULT","actors":[],"recipients":[],"mediators":[],
//!   "modality":"asserted","size":{"dead":3},
//!   "evidence":{"start":0,"end":4,"text":"قصف"},"evidence_all":[],
//!   "trigger":{"start":0,"end":3,"text":"قصف"}}"#;
//! let e: EventOut = serde_json::from_str(line).unwrap();
//! assert_eq!((e.kind, e.modality), (Category::Assault, Modality::Asserted));
//! assert_eq!(e.size.unwrap().dead, Some(3));
//! ```

use crate::vocab::{Category, DateSource, Modality, Mode};
use serde::{Deserialize, Serialize};

/// Everything extracted from one document: one line of `hadath extract`'s output.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Output {
    /// The document's id.
    pub id: String,
    /// The document's title, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The publication date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<PublishedOut>,
    /// Named entities, in text order.
    pub entities: Vec<EntityOut>,
    /// Time expressions, in text order.
    pub timexes: Vec<TimexOut>,
    /// Events, one per happening.
    pub events: Vec<EventOut>,
    /// Spans kept out of extraction as web boilerplate, with their kind.
    pub boilerplate: Vec<BoilerOut>,
}

/// The publication date, given or inferred.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PublishedOut {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Whether it was read from the text rather than given.
    pub inferred: bool,
    /// The words it was inferred from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// A span of the document: code-point offsets and its words.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SpanOut {
    /// Start, in code points.
    pub start: usize,
    /// End, in code points (exclusive).
    pub end: usize,
    /// The words.
    pub text: String,
}

/// A span kept out of extraction as web boilerplate.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct BoilerOut {
    /// Start, in code points.
    pub start: usize,
    /// End, in code points (exclusive).
    pub end: usize,
    /// The kind (entity type, timex type, boilerplate kind).
    pub kind: String,
}

/// A named entity: a state, person, organisation or place.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EntityOut {
    /// Start, in code points.
    pub start: usize,
    /// End, in code points (exclusive).
    pub end: usize,
    /// The words.
    pub text: String,
    /// The kind (entity type, timex type, boilerplate kind).
    #[serde(rename = "type")]
    pub kind: String,
    /// The English name from the knowledge base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state (ISO 3166 alpha-3) or IGO code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// A person's office at the time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// How the mention was found: "kb", "variant", "partial", "title", "nisba", "ner", …
    pub via: String,
}

/// A time expression (TimeML TIMEX3).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct TimexOut {
    /// Start, in code points.
    pub start: usize,
    /// End, in code points (exclusive).
    pub end: usize,
    /// The words.
    pub text: String,
    /// The kind (entity type, timex type, boilerplate kind).
    #[serde(rename = "type")]
    pub kind: String,
    /// The normalised value (TIMEX3 `value`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

/// A participant, place, speaker or source of an event: its words, name and code.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PartyOut {
    /// The words.
    pub text: String,
    /// The English name from the knowledge base.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The state (ISO 3166 alpha-3) or IGO code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Start, in code points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    /// End, in code points (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
    /// The party's PLOVER sector (GOV, MIL, REB …), where the knowledge base tells it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<crate::Sector>,
    /// Where a place lies (an event's `location` only): coordinates, gazetteer id, admin-1
    /// region, precision and why this reading was chosen. Its fields sit beside the others in
    /// JSON (`lat`, `lon`, `geonameid`, `admin1`, `precision`, `reason`).
    #[serde(flatten, default, skip_serializing_if = "Option::is_none")]
    pub geo: Option<GeoOut>,
}

/// The coordinates of a place and how they were found.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct GeoOut {
    /// Latitude, WGS84 decimal degrees.
    pub lat: f64,
    /// Longitude, WGS84 decimal degrees.
    pub lon: f64,
    /// The GeoNames id, where the place comes from GeoNames.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub geonameid: Option<u32>,
    /// The admin-1 region (governorate, province) it lies in, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin1: Option<String>,
    /// Whether the point is the place's own, its admin-1 region's or its country's.
    pub precision: crate::GeoPrecision,
    /// Why this reading: the cue and the choice among places of that name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One PLOVER event: who did what to whom, when, where, how many, as the text reports it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EventOut {
    /// The PLOVER category.
    #[serde(rename = "type")]
    pub kind: Category,
    /// The PLOVER mode, when the words fix one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<Mode>,
    /// The date at its precision (`2022-09-13`, `2022-09`, `2022`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Who acted.
    pub actors: Vec<PartyOut>,
    /// Who was acted upon.
    pub recipients: Vec<PartyOut>,
    /// Who mediated or hosted.
    pub mediators: Vec<PartyOut>,
    /// Where it happened.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<PartyOut>,
    /// How many were killed, injured, arrested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<Size>,
    /// A toll reported with this event that is not its own (see [`Cumulative`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cumulative: Option<Cumulative>,
    /// How the text reports it.
    pub modality: Modality,
    /// Where the date came from: "text" (a time expression of the clause or sentence),
    /// "paragraph" (the paragraph's narrative anchor), "story" (the story's day: its first
    /// day-dated expression, in the week before publication) or "publication" (the publication
    /// date).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date_source: Option<DateSource>,
    /// Who said it (the speaker of قال، أعلن، أكد …), when the event is reported speech.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attribution: Option<PartyOut>,
    /// The outlet or source the sentence cites (رويترز، بلومبرغ …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<PartyOut>,
    /// The words of the first mention (the trigger's clause).
    pub evidence: SpanOut,
    /// Every mention of the same happening in the document, first one included.
    pub evidence_all: Vec<SpanOut>,
    /// The trigger words themselves.
    pub trigger: SpanOut,
}

/// How many: killed, injured, arrested in this happening.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct Size {
    /// People killed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead: Option<u64>,
    /// How exact `dead` is when not exact: `at-least`, `about`, `more-than`, `up-to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_qualifier: Option<String>,
    /// The fewest dead the words allow, when they bound the count: «أكثر من 20» 21, «20 على
    /// الأقل» 20, «ما بين 10 و15» 10. `dead` stays the point figure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_min: Option<u64>,
    /// The most dead the words allow: «ما لا يزيد عن 20» 20, «ما بين 10 و15» 15.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_max: Option<u64>,
    /// The dead of each side, where the text splits the toll.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub by_side: Vec<SideToll>,
    /// People injured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub injured: Option<u64>,
    /// People arrested.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrested: Option<u64>,
}

impl Size {
    /// Whether it says nothing.
    pub fn is_empty(&self) -> bool {
        *self == Size::default()
    }
}

/// A toll reported with an event that is not its own: a running or whole-war total, or a count
/// too large for one happening. Kept apart from `size`, so that summing `size.dead` counts
/// each death once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Cumulative {
    /// People killed over the scope.
    pub dead: u64,
    /// How exact `dead` is when not exact: `at-least`, `about`, `more-than`, `up-to`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dead_qualifier: Option<String>,
    /// Why it is not this happening's toll.
    pub why: crate::TollScope,
    /// The words that scope it (منذ بداية الحرب، ارتفعت حصيلة), when the text gives them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<SpanOut>,
}

/// One side's dead, with the words that say it.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SideToll {
    /// People of this side killed.
    pub dead: u64,
    /// The side's state or IGO code, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Code-point offsets and words of the figure.
    pub start: usize,
    /// End of the figure (code points, exclusive).
    pub end: usize,
    /// The figure's words.
    pub text: String,
}
