//! The JSON Lines output contract (see the README): code-point offsets, one object per document.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Output {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub published: Option<PublishedOut>,
    pub entities: Vec<EntityOut>,
    pub timexes: Vec<TimexOut>,
    pub events: Vec<EventOut>,
    /// Spans kept out of extraction as web boilerplate, with their kind.
    pub boilerplate: Vec<BoilerOut>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PublishedOut {
    pub date: String,
    pub inferred: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SpanOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct BoilerOut {
    pub start: usize,
    pub end: usize,
    pub kind: &'static str,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EntityOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub office: Option<String>,
    /// How the mention was found: "kb", "variant", "partial", "title", "nisba", "ner", …
    pub via: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TimexOut {
    pub start: usize,
    pub end: usize,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PartyOut {
    pub text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<usize>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct EventOut {
    #[serde(rename = "type")]
    pub kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub actors: Vec<PartyOut>,
    pub recipients: Vec<PartyOut>,
    pub mediators: Vec<PartyOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<PartyOut>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub size: Option<serde_json::Map<String, serde_json::Value>>,
    pub modality: String,
    /// Where the date came from: "text" (a time expression of the clause or sentence),
    /// "paragraph" (the paragraph's narrative anchor) or "publication" (the publication date).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_source: Option<String>,
    /// Who said it (the speaker of قال، أعلن، أكد …), when the event is reported speech.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attribution: Option<PartyOut>,
    /// The outlet or source the sentence cites (رويترز، بلومبرغ …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<PartyOut>,
    /// The words of the first mention (the trigger's clause).
    pub evidence: SpanOut,
    /// Every mention of the same happening in the document, first one included.
    pub evidence_all: Vec<SpanOut>,
    /// The trigger words themselves.
    pub trigger: SpanOut,
}
