//! Input documents, and the JSON Lines input form.

use serde::Deserialize;

/// One input document. Only `id` and `text` are required.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The document's id (unique in a store).
    pub id: String,
    /// Its text, exactly as given: every offset counts into it.
    pub text: String,
    /// Its title.
    pub title: Option<String>,
    /// Publication date from the input's metadata (`YYYY-MM-DD`), when given and readable.
    pub published: Option<String>,
    /// A `published` value that could not be read as a date. The document is kept and its
    /// date is inferred from the text; the caller should report the value.
    pub published_unreadable: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The outlet.
    pub source: Option<String>,
}

/// Why an input record is not a usable document.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum DocumentError {
    /// The line is not JSON.
    #[error("not valid JSON: {0}")]
    Json(String),
    /// The line is JSON but not an object.
    #[error("a JSON line must be an object with \"id\" and \"text\"; this one is {0}")]
    NotObject(&'static str),
    /// No `text`.
    #[error("no \"text\" field (every document needs \"id\" and \"text\")")]
    MissingText,
    /// `text` is not a string.
    #[error("\"text\" must be a string")]
    TextNotString,
    /// No `id`.
    #[error("no \"id\" field (every document needs \"id\" and \"text\")")]
    MissingId,
    /// Nothing to read.
    #[error("the document is empty (its text has no letters or digits)")]
    Empty,
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
    /// A document of `text` with the id `id` and nothing else.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Document {
        Document {
            id: id.into(),
            text: text.into(),
            ..Document::default()
        }
    }

    /// A plain-text document: the first non-empty line is the title, the whole text is kept (offsets
    /// count from the start of the file).
    ///
    /// # Errors
    ///
    /// [`DocumentError::Empty`] when the text has no letters or digits.
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
    /// `published` (or `date`) may be `YYYY-MM-DD`, an ISO 8601 date-time or an RFC 2822
    /// date (`Tue, 21 Jul 2015 10:00:00 +0300`, as RSS feeds give it); another value keeps
    /// the document, with the value in [`Document::published_unreadable`].
    ///
    /// # Errors
    ///
    /// A [`DocumentError`] saying what is wrong with the record.
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
        let published = raw.published.or(raw.date);
        Document::from_fields(
            id,
            text,
            raw.title,
            published.as_deref(),
            raw.url,
            raw.source,
        )
    }

    /// A document from its fields, read by the rules of [`Document::from_json_line`]: an empty
    /// `published` is none, an unreadable one is kept in [`Document::published_unreadable`]
    /// (for callers that hold the fields already: the Python package's keyword arguments and
    /// Arrow columns).
    ///
    /// ```
    /// use hadath_core::Document;
    /// let d = Document::from_fields("a".into(), "نص".into(), None, Some("Tue, 21 Jul 2015 10:00:00 +0300"), None, None).unwrap();
    /// assert_eq!(d.published.as_deref(), Some("2015-07-21"));
    /// ```
    ///
    /// # Errors
    ///
    /// [`DocumentError::Empty`] when the text has no letters or digits.
    pub fn from_fields(
        id: String,
        text: String,
        title: Option<String>,
        published: Option<&str>,
        url: Option<String>,
        source: Option<String>,
    ) -> Result<Document, DocumentError> {
        let given = published.filter(|p| !p.trim().is_empty());
        let published = given.and_then(normalise_date);
        let published_unreadable = given.filter(|_| published.is_none()).map(str::to_string);
        let doc = Document {
            id,
            text,
            title,
            published,
            published_unreadable,
            url,
            source,
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

/// Accept `YYYY-MM-DD`, optionally followed by a time (`2015-07-21 10:00:00`, `2015-07-21T…`),
/// or an RFC 2822 date (the day as written, in its own offset).
fn normalise_date(s: &str) -> Option<String> {
    iso_date(s).or_else(|| {
        jiff::fmt::rfc2822::parse(s.trim())
            .ok()
            .map(|z| z.date().to_string())
    })
}

fn iso_date(s: &str) -> Option<String> {
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
    d.parse::<jiff::civil::Date>().ok().map(|x| x.to_string())
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
    }

    #[test]
    fn an_unreadable_date_keeps_the_document() {
        let d =
            Document::from_json_line(r#"{"id":"a","text":"نص","published":"16/9/2022"}"#).unwrap();
        assert_eq!(d.published, None);
        assert_eq!(d.published_unreadable.as_deref(), Some("16/9/2022"));
    }

    #[test]
    fn rfc2822_and_iso_date_times_are_read() {
        let read = |p: &str| {
            let line = serde_json::json!({"id": "a", "text": "نص", "published": p}).to_string();
            Document::from_json_line(&line).unwrap().published
        };
        assert_eq!(
            read("Tue, 21 Jul 2015 10:00:00 +0300").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(
            read("Mon, 20 Jul 2015 23:30:00 GMT").as_deref(),
            Some("2015-07-20")
        );
        assert_eq!(read("2015-07-21T22:10:00Z").as_deref(), Some("2015-07-21"));
        assert_eq!(
            read("2015-07-21T01:10:00+03:00").as_deref(),
            Some("2015-07-21")
        );
        assert_eq!(read("2015-02-30"), None);
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
