//! Case files on disk: reading profiles to import, writing exports atomically.

use super::error::{Result, StoreError};
use super::{CaseId, Rev};
use crate::profile::CaseProfile;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A case created by an import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Imported {
    /// The new case's id.
    pub id: CaseId,
    /// The new case's title.
    pub title: String,
    /// The file it came from.
    pub path: PathBuf,
}

/// A case written by an export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Exported {
    /// The case's id.
    pub id: CaseId,
    /// The revision written (the latest).
    pub rev: Rev,
    /// The file it was written to.
    pub path: PathBuf,
}

/// A file-name form of a title: lower-case ASCII letters and digits joined by `-`
/// ("Twitter v. DHS (ALT_USCIS)" → `twitter-v-dhs-alt-uscis`); `case` when nothing is left.
pub fn slug(title: &str) -> String {
    let mut out = String::new();
    for c in title.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-');
    if out.is_empty() {
        "case".to_string()
    } else {
        out.to_string()
    }
}

/// Every profile named by `paths` (files, or folders of `*.json` files), read and checked,
/// with the case title each will get. Nothing is written.
pub(crate) fn load_all(paths: &[PathBuf]) -> Result<Vec<(PathBuf, String, CaseProfile)>> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|cause| StoreError::Io {
                action: "read the folder",
                path: path.clone(),
                cause,
            })?;
            let mut found = Vec::new();
            for entry in entries {
                let entry = entry.map_err(|cause| StoreError::Io {
                    action: "read the folder",
                    path: path.clone(),
                    cause,
                })?;
                let p = entry.path();
                let is_json = p
                    .file_name()
                    .and_then(|n| n.to_str())
                    .is_some_and(|n| n.ends_with(".json") && !n.starts_with('.'));
                if is_json && p.is_file() {
                    found.push(p);
                }
            }
            if found.is_empty() {
                return Err(StoreError::NothingToImport { path: path.clone() });
            }
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
        .into_iter()
        .map(|file| {
            let profile = CaseProfile::from_path(&file)?;
            let title = if profile.title.trim().is_empty() {
                file_title(&file)
            } else {
                profile.title.trim().to_string()
            };
            Ok((file, title, profile))
        })
        .collect()
}

/// Checks a case title (already trimmed): present, one line of at most
/// [`crate::profile::MAX_LINE_CHARS`] characters, no control characters.
pub(crate) fn check_title(title: &str) -> Result<()> {
    if title.is_empty() {
        return Err(StoreError::EmptyTitle);
    }
    let limit = crate::profile::MAX_LINE_CHARS;
    if title.chars().nth(limit).is_some() {
        return Err(StoreError::BadTitle {
            reason: format!("may be at most {limit} characters long"),
        });
    }
    if let Some(c) = title
        .chars()
        .find(|&c| crate::profile::is_forbidden_char(c, false))
    {
        return Err(StoreError::BadTitle {
            reason: format!(
                "may not hold a line break or control character (U+{:04X})",
                c as u32
            ),
        });
    }
    Ok(())
}

/// `twitter-v-dhs.case.json` → "twitter-v-dhs".
fn file_title(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let stem = name
        .strip_suffix(".case.json")
        .or_else(|| name.strip_suffix(".json"))
        .unwrap_or(&name);
    if stem.trim().is_empty() {
        "Imported case".to_string()
    } else {
        stem.to_string()
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder, flushed to disk
/// and renamed into place: `path` is either the old file or the whole new one.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let io = |cause| StoreError::Io {
        action: "write",
        path: path.to_path_buf(),
        cause,
    };
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    crate::export::check_target(path, false).map_err(|e| StoreError::Target {
        message: e.to_string(),
    })?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".drafter-").suffix(".tmp");
    // A case file may hold protected values: readable by its owner only (0600).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o600));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io)?;
    tmp.write_all(bytes).map_err(io)?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("Twitter v. DHS (ALT_USCIS)"),
            "twitter-v-dhs-alt-uscis"
        );
        assert_eq!(slug("  --  "), "case");
        assert_eq!(slug("Ünïcode Matter"), "n-code-matter");
        assert!(slug(&"x".repeat(200)).len() <= 60);
    }

    #[test]
    fn titles_from_file_names() {
        assert_eq!(file_title(Path::new("/a/b/acme.case.json")), "acme");
        assert_eq!(file_title(Path::new("acme.json")), "acme");
    }
}
