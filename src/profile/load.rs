//! Reading a profile from JSON: schema migration, unknown-field paths, line and column.

use super::CaseProfile;
use std::path::{Path, PathBuf};

/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 2;

/// Why a profile could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("{origin}:{line}:{column}: not valid JSON: {message}")]
    Syntax {
        origin: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error("{origin}: field `{path}`: {message}")]
    Field {
        origin: String,
        path: String,
        message: String,
    },
    #[error("{origin}: `schema` is {found}, but this version of Drafter reads schemas 1 to {CURRENT_SCHEMA}; update Drafter to open it")]
    FutureSchema { origin: String, found: u64 },
    #[error(
        "{origin}: the profile has no `schema` version field (add \"schema\": {CURRENT_SCHEMA})"
    )]
    MissingSchema { origin: String },
    #[error("{path}: cannot read the file: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

impl ProfileError {
    /// The field path or `line:column` the error points at, for UIs that link to a field.
    pub fn field_path(&self) -> Option<&str> {
        match self {
            ProfileError::Field { path, .. } => Some(path),
            _ => None,
        }
    }
}

impl CaseProfile {
    /// Reads a profile file.
    pub fn from_path(path: &Path) -> Result<CaseProfile, ProfileError> {
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        CaseProfile::from_json(&text, &path.display().to_string())
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
        serde_path_to_error::deserialize(value).map_err(|e| {
            let path = e.path().to_string();
            ProfileError::Field {
                origin: origin.to_string(),
                path: if path == "." {
                    "(top level)".into()
                } else {
                    path
                },
                message: strip_position(&e.into_inner().to_string()),
            }
        })
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
