//! Input documents, and the JSON Lines input form.

use serde::Deserialize;

/// One input document. Only `id` and `text` are required.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub title: Option<String>,
    /// Publication date from the input's metadata (`YYYY-MM-DD`), when given.
    pub published: Option<String>,
    pub url: Option<String>,
    pub source: Option<String>,
}

/// Why an input record is not a usable document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    #[error("not valid JSON: {0}")]
    Json(String),
    #[error("a JSON line must be an object with \"id\" and \"text\"; this one is {0}")]
    NotObject(&'static str),
    #[error("no \"text\" field (every document needs \"id\" and \"text\")")]
    MissingText,
    #[error("\"text\" must be a string")]
    TextNotString,
    #[error("no \"id\" field (every document needs \"id\" and \"text\")")]
    MissingId,
    #[error("the document is empty (its text has no letters or digits)")]
    Empty,
    #[error("\"published\" must be a date like 2022-09-16, not {0:?}")]
    BadDate(String),
}

#[derive(Deserialize)]
struct Raw {
    id: Option<serde_json::Value>,
    text: Option<serde_json::Value>,
    title: Option<String>,
    published: Option<String>,
    date: Option<String>,
    url: Option<String>,
    source: Option<String>,
}

impl Document {
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// A plain-text document: the first non-empty line is the title, the whole text is kept (offsets
    /// count from the start of the file).
    pub fn from_txt(id: impl Into<String>, text: String) -> Result<Document, DocumentError> {
        let title = text
            .lines()
            .map(|l| l.trim_start_matches('\u{feff}').trim())
            .find(|l| !l.is_empty())
            .map(str::to_string);
        let doc = Document {
            id: id.into(),
            text,
            title,
            ..Document::default()
        };
        doc.check()
    }

    /// One JSON Lines record: `{"id", "text", "title"?, "published"?, "url"?, "source"?}`.
    pub fn from_json_line(line: &str) -> Result<Document, DocumentError> {
        let v: serde_json::Value =
            serde_json::from_str(line).map_err(|e| DocumentError::Json(e.to_string()))?;
        let kind = match &v {
            serde_json::Value::Object(_) => None,
            serde_json::Value::Array(_) => Some("an array"),
            serde_json::Value::String(_) => Some("a string"),
            serde_json::Value::Number(_) => Some("a number"),
            serde_json::Value::Bool(_) => Some("a boolean"),
            serde_json::Value::Null => Some("null"),
        };
        if let Some(k) = kind {
            return Err(DocumentError::NotObject(k));
        }
        let raw: Raw = serde_json::from_value(v).map_err(|e| DocumentError::Json(e.to_string()))?;
        let text = match raw.text {
            None | Some(serde_json::Value::Null) => return Err(DocumentError::MissingText),
            Some(serde_json::Value::String(s)) => s,
            Some(_) => return Err(DocumentError::TextNotString),
        };
        let id = match raw.id {
            None | Some(serde_json::Value::Null) => return Err(DocumentError::MissingId),
            Some(serde_json::Value::String(s)) => s,
            Some(other) => other.to_string(),
        };
        let published = match raw.published.or(raw.date) {
            Some(p) => Some(normalise_date(&p).ok_or(DocumentError::BadDate(p))?),
            None => None,
        };
        let doc = Document {
            id,
            text,
            title: raw.title,
            published,
            url: raw.url,
            source: raw.source,
        };
        doc.check()
    }

    fn check(self) -> Result<Document, DocumentError> {
        if !self.text.chars().any(char::is_alphanumeric) {
            return Err(DocumentError::Empty);
        }
        Ok(self)
    }
}

/// Accept `YYYY-MM-DD`, optionally followed by a time (`2015-07-21 10:00:00`, `2015-07-21T…`).
fn normalise_date(s: &str) -> Option<String> {
    let d = s.trim().get(..10)?;
    let b = d.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    if !ok {
        return None;
    }
    let m: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    ((1..=12).contains(&m) && (1..=31).contains(&day)).then(|| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_line_errors_are_specific() {
        assert_eq!(
            Document::from_json_line(r#"{"id":"a"}"#),
            Err(DocumentError::MissingText)
        );
        assert_eq!(
            Document::from_json_line(r#"{"text":"نص"}"#),
            Err(DocumentError::MissingId)
        );
        assert_eq!(
            Document::from_json_line(r#"{"id":"a","text":"  "}"#),
            Err(DocumentError::Empty)
        );
        assert_eq!(
            Document::from_json_line(r#"[1]"#),
            Err(DocumentError::NotObject("an array"))
        );
        assert!(matches!(
            Document::from_json_line("{oops"),
            Err(DocumentError::Json(_))
        ));
        assert_eq!(
            Document::from_json_line(r#"{"id":"a","text":"نص","published":"16/9/2022"}"#),
            Err(DocumentError::BadDate("16/9/2022".into()))
        );
    }

    #[test]
    fn json_line_fields() {
        let d = Document::from_json_line(
            r#"{"id":7,"text":"نص","published":"2015-07-21 10:00:00","url":"u"}"#,
        )
        .unwrap();
        assert_eq!(d.id, "7");
        assert_eq!(d.published.as_deref(), Some("2015-07-21"));
        assert_eq!(d.url.as_deref(), Some("u"));
    }

    #[test]
    fn txt_title_is_first_nonempty_line() {
        let d = Document::from_txt("x", "\n\n  العنوان  \nالنص".into()).unwrap();
        assert_eq!(d.title.as_deref(), Some("العنوان"));
        assert!(d.text.starts_with("\n\n"));
        // A byte-order mark is no part of the title.
        let d = Document::from_txt("x", "\u{feff}العنوان\nالنص".into()).unwrap();
        assert_eq!(d.title.as_deref(), Some("العنوان"));
    }
}
