//! Reading a profile from JSON: schema migration, unknown-field paths, line and column,
//! and the limits every value is held to (docs/limits.md): a profile file is at most
//! [`crate::fsutil::MAX_PROFILE_BYTES`], a one-line field (a title, a name, a case number)
//! holds no line break or control character and at most [`MAX_LINE_CHARS`] characters
//! ([`MAX_CASE_NUMBER_CHARS`] for a case number), a paragraph field (a fact, a claim's
//! paragraph, a form of relief, a description, anything under `extra`) at most
//! [`MAX_PARAGRAPH_CHARS`], and a list at most [`MAX_LIST_ITEMS`] entries.

use super::CaseProfile;
use std::path::{Path, PathBuf};

/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 2;

/// Longest one-line value (a title, a name, an address line), in characters.
pub const MAX_LINE_CHARS: usize = 500;
/// Longest case number, in characters.
pub const MAX_CASE_NUMBER_CHARS: usize = 200;
/// Longest paragraph value (a fact, a claim's paragraph, a form of relief), in characters.
pub const MAX_PARAGRAPH_CHARS: usize = 20_000;
/// Most entries in one list (facts, parties, a claim's paragraphs, …).
pub const MAX_LIST_ITEMS: usize = 5_000;

/// Why a profile could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    /// The text is not valid JSON.
    #[error("{origin}:{line}:{column}: not valid JSON: {message}")]
    Syntax {
        /// Where the text came from (a file path, or a case and revision).
        origin: String,
        /// The line of the error (from 1).
        line: usize,
        /// The column of the error (from 1).
        column: usize,
        /// The JSON parser's description.
        message: String,
    },
    /// The JSON is well formed but a field is missing, unknown or of the wrong type.
    #[error("{origin}: field `{path}`: {message}")]
    Field {
        /// Where the text came from (a file path, or a case and revision).
        origin: String,
        /// The field's path (`parties[2].kind`).
        path: String,
        /// What is wrong with it.
        message: String,
    },
    /// The profile declares a newer schema version than this Drafter reads.
    #[error("{origin}: `schema` is {found}, but this version of Drafter reads schemas 1 to {CURRENT_SCHEMA}; update Drafter to open it")]
    FutureSchema {
        /// Where the text came from (a file path, or a case and revision).
        origin: String,
        /// The `schema` version the profile declares.
        found: u64,
    },
    /// The profile has no `schema` version field.
    #[error(
        "{origin}: the profile has no `schema` version field (add \"schema\": {CURRENT_SCHEMA})"
    )]
    MissingSchema {
        /// Where the text came from (a file path, or a case and revision).
        origin: String,
    },
    /// The profile file could not be read.
    #[error("{path}: cannot read the file: {source}")]
    Io {
        /// The profile file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// Not a regular file, larger than the limit, or not UTF-8 (with line:column).
    #[error(transparent)]
    File(#[from] crate::fsutil::ReadError),
}

impl CaseProfile {
    /// Reads a profile file.
    pub fn from_path(path: &Path) -> Result<CaseProfile, ProfileError> {
        let text =
            crate::fsutil::read_text(path, crate::fsutil::MAX_PROFILE_BYTES, "a case profile")?;
        let mut profile = CaseProfile::from_json(&text, &path.display().to_string())?;
        // An exhibit named by a relative path is read from the profile's folder.
        let folder = match path.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        let folder = std::path::absolute(folder).unwrap_or_else(|_| folder.to_path_buf());
        for exhibit in profile.exhibits.values_mut().flatten() {
            exhibit.file = crate::exhibit::resolve(&exhibit.file, &folder);
        }
        Ok(profile)
    }

    /// Parses a profile. `origin` names the source (a file path) in error messages.
    pub fn from_json(text: &str, origin: &str) -> Result<CaseProfile, ProfileError> {
        let syntax = |e: serde_json::Error| ProfileError::Syntax {
            origin: origin.to_string(),
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        };
        let value: serde_json::Value = serde_json::from_str(text).map_err(syntax)?;
        let value = migrate(value, origin)?;
        if let Some((path, message)) = value_limits(&value).into_iter().next() {
            return Err(ProfileError::Field {
                origin: origin.to_string(),
                path,
                message,
            });
        }
        let profile: CaseProfile = serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            ProfileError::Field {
                origin: origin.to_string(),
                path: if path == "." {
                    "(top level)".into()
                } else {
                    path
                },
                // Never echo the value: it may be a protected one in the wrong place.
                message: crate::rules::protect::strip_values(&strip_position(
                    &e.into_inner().to_string(),
                )),
            }
        })?;
        // Whatever prints a message later masks this profile's protected values.
        crate::rules::protect::remember(&profile);
        Ok(profile)
    }

    /// Every value over a limit or holding a character a one-line field may not (see the
    /// module's documentation), as (field path, message); [`CaseProfile::validate`]
    /// reports them as errors.
    pub fn limit_problems(&self) -> Vec<(String, String)> {
        serde_json::to_value(self)
            .map(|v| value_limits(&v))
            .unwrap_or_default()
    }

    /// The profile as pretty JSON, in the current schema.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).expect("a profile always serializes");
        s.push('\n');
        s
    }
}

/// Brings an older profile up to [`CURRENT_SCHEMA`]. Version 1 is the first; later schema
/// changes add a step here, so old files are migrated on load, never silently dropped.
fn migrate(value: serde_json::Value, origin: &str) -> Result<serde_json::Value, ProfileError> {
    let version = match value.get("schema") {
        Some(v) => v.as_u64().ok_or_else(|| ProfileError::Field {
            origin: origin.to_string(),
            path: "schema".into(),
            message: format!("expected a whole number, found {v}"),
        })?,
        None if value.is_object() => {
            return Err(ProfileError::MissingSchema {
                origin: origin.to_string(),
            })
        }
        None => {
            return Err(ProfileError::Field {
                origin: origin.to_string(),
                path: "(top level)".into(),
                message: "a case profile is a JSON object".into(),
            })
        }
    };
    if version == 0 || version > u64::from(CURRENT_SCHEMA) {
        return Err(ProfileError::FutureSchema {
            origin: origin.to_string(),
            found: version,
        });
    }
    let mut value = value;
    if version < 2 {
        value = schema_1_to_2(value);
    }
    Ok(value)
}

/// Schema 2 says whose government a government party is (`sovereign`) and in which
/// capacity an official is sued (`sued_in`). In schema 1 every `government-agency` was
/// "the United States or one of its agencies" and every `government-official` "an officer
/// or employee sued in an official capacity", so those are the values a version-1 party
/// gets; nothing else changes, and a value already present is kept.
fn schema_1_to_2(mut value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    if let Some(parties) = value.get_mut("parties").and_then(Value::as_array_mut) {
        for party in parties.iter_mut().filter_map(Value::as_object_mut) {
            let kind = party.get("kind").and_then(Value::as_str).map(str::to_owned);
            let (sovereign, sued_in) = match kind.as_deref() {
                Some("government-agency") => (true, false),
                Some("government-official") => (true, true),
                _ => (false, false),
            };
            if sovereign && !party.contains_key("sovereign") {
                party.insert("sovereign".into(), Value::from("united-states"));
            }
            if sued_in && !party.contains_key("sued_in") {
                party.insert("sued_in".into(), Value::from("official-capacity"));
            }
        }
    }
    if let Some(obj) = value.as_object_mut() {
        obj.insert("schema".into(), Value::from(2));
    }
    value
}

/// serde_json appends " at line X column Y"; we report the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Whether a field at `path` holds paragraphs (line breaks allowed, longer limit).
fn is_paragraph(path: &str) -> bool {
    path.starts_with("extra")
        || path.starts_with("relief[")
        || (path.starts_with("facts[") && path.ends_with("].text"))
        || (path.starts_with("claims[") && path.contains("].paragraphs["))
        || (path.starts_with("parties[") && path.ends_with("].description"))
}

/// A character no field may hold: C0 and C1 controls other than a paragraph's line break
/// and tab, and the bidirectional embedding, override and isolate controls, which could
/// make text display in an order other than the one stored (terminal escapes, spoofed
/// listings, reordered names).
pub fn is_forbidden_char(c: char, paragraph: bool) -> bool {
    match c {
        '\n' | '\t' => !paragraph,
        '\r' => !paragraph,
        c if c.is_control() => true,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

/// `text` with every character [`is_forbidden_char`] forbids in a one-line field written
/// as a visible escape (`\u{1b}`), for printing a stored value on a terminal.
pub fn escape_controls(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(|c| is_forbidden_char(c, false)) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.chars()
            .map(|c| {
                if is_forbidden_char(c, false) {
                    c.escape_unicode().to_string()
                } else {
                    c.to_string()
                }
            })
            .collect(),
    )
}

/// Every value of a profile (as JSON) over a limit, as (field path, message).
fn value_limits(value: &serde_json::Value) -> Vec<(String, String)> {
    fn walk(v: &serde_json::Value, path: &mut String, out: &mut Vec<(String, String)>) {
        use serde_json::Value;
        match v {
            Value::String(s) => {
                let paragraph = is_paragraph(path);
                let limit = if paragraph {
                    MAX_PARAGRAPH_CHARS
                } else if path == "case_number" {
                    MAX_CASE_NUMBER_CHARS
                } else {
                    MAX_LINE_CHARS
                };
                // Counting stops just past the limit: a huge value costs no more.
                let chars = s.chars().take(limit + 1).count();
                if chars > limit {
                    out.push((
                        path.clone(),
                        format!("is longer than {limit} characters (see docs/limits.md)"),
                    ));
                } else if s.trim().is_empty() {
                    // White space only: read as absent (see `absent`), or an empty
                    // required field that validation names.
                } else if let Some(c) = s.chars().find(|&c| is_forbidden_char(c, paragraph)) {
                    let what = if c == '\n' || c == '\r' {
                        "a line break, which a one-line field cannot hold".to_string()
                    } else {
                        format!("the control character U+{:04X}", c as u32)
                    };
                    out.push((path.clone(), format!("holds {what}")));
                }
            }
            Value::Array(items) => {
                if items.len() > MAX_LIST_ITEMS {
                    out.push((
                        path.clone(),
                        format!(
                            "has {} entries; the limit is {MAX_LIST_ITEMS} (see docs/limits.md)",
                            items.len()
                        ),
                    ));
                    return;
                }
                for (i, item) in items.iter().enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            Value::Object(map) => {
                for (key, item) in map {
                    let len = path.len();
                    if !path.is_empty() {
                        path.push('.');
                    }
                    path.push_str(key);
                    walk(item, path, out);
                    path.truncate(len);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut String::new(), &mut out);
    out
}

#[cfg(test)]
mod limit_tests {
    use super::*;

    fn example() -> serde_json::Value {
        serde_json::from_str(crate::examples::json("alt-uscis").unwrap()).unwrap()
    }

    fn error_for(mut v: serde_json::Value, pointer: &str, value: serde_json::Value) -> String {
        *v.pointer_mut(pointer).unwrap() = value;
        CaseProfile::from_json(&v.to_string(), "p.json")
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn the_example_is_within_every_limit() {
        assert!(value_limits(&example()).is_empty());
    }

    #[test]
    fn long_values_are_named() {
        let e = error_for(example(), "/case_number", "1".repeat(201).into());
        assert_eq!(
            e,
            "p.json: field `case_number`: is longer than 200 characters (see docs/limits.md)"
        );
        let ok = example();
        let mut v = ok.clone();
        *v.pointer_mut("/case_number").unwrap() = "1".repeat(200).into();
        assert!(CaseProfile::from_json(&v.to_string(), "p.json").is_ok());
        let e = error_for(example(), "/facts/2/text", "word ".repeat(4001).into());
        assert!(
            e.contains("field `facts[2].text`: is longer than 20000"),
            "{e}"
        );
    }

    #[test]
    fn control_characters_in_one_line_fields_are_refused() {
        let e = error_for(example(), "/title", "A\u{1b}[2J v. B".into());
        assert!(
            e.contains("field `title`: holds the control character U+001B"),
            "{e}"
        );
        let e = error_for(example(), "/parties/0/name", "A\nB".into());
        assert!(
            e.contains("field `parties[0].name`: holds a line break"),
            "{e}"
        );
        let e = error_for(example(), "/court/name", "A\u{202E}B".into());
        assert!(e.contains("U+202E"), "{e}");
        let mut v = example();
        *v.pointer_mut("/facts/0/text").unwrap() = "one\ntwo\tthree".into();
        assert!(CaseProfile::from_json(&v.to_string(), "p.json").is_ok());
    }

    #[test]
    fn escapes_are_visible() {
        assert_eq!(escape_controls("a\u{1b}[31mb\nc"), "a\\u{1b}[31mb\\u{a}c");
        assert_eq!(escape_controls("Twitter v. DHS"), "Twitter v. DHS");
    }
}
