//! Reading a profile from JSON: schema migration, unknown-field paths, line and column.

use super::CaseProfile;
use std::path::{Path, PathBuf};

/// The schema version this build writes.
pub const CURRENT_SCHEMA: u32 = 1;

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
    Ok(value)
}

/// serde_json appends " at line X column Y"; we report the position ourselves.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
