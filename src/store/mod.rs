//! Saved case profiles: one SQLite file (`drafter.sqlite`) in the data folder.
//!
//! Nothing is overwritten in place. Every save of a case is a new numbered revision that
//! records who saved it, when (UTC), and a summary of what changed; a save names the
//! revision it was based on and is refused with [`StoreError::Conflict`] when someone else
//! saved first. Renaming, archiving and deleting act on the case, never on a revision.
//!
//! The file is opened with a write-ahead log, `synchronous=FULL` and foreign keys on;
//! `PRAGMA integrity_check` runs before anything is written, and a damaged, truncated or
//! foreign file is reported with its path and left exactly as it was. Schema upgrades are
//! numbered (`PRAGMA user_version`) and back the file up first (see [`schema`]).
//!
//! Protected values (the true identity behind a pseudonymous party) are never written in
//! the clear: each revision's protected blocks are sealed with the store's data key (see
//! [`crypto`] and [`keys`]) and the profile JSON keeps only an empty block in their place.
//! A store opens *locked*; [`Store::unlock`] (the passphrase) or
//! [`Store::unlock_from_environment`] (the desktop's secret store, `DRAFTER_PASSPHRASE`)
//! open the key. A locked store lists cases and shows everything but the protected values
//! ([`Revision::locked`]); anything that needs them is refused with
//! [`StoreError::Locked`]. Deleted rows are zeroed (`secure_delete`), and a delete or a
//! save that drops a protected block is followed by `VACUUM` and a truncating checkpoint
//! of the write-ahead log, so no readable copy is left behind.
//!
//! The case *title* is the store's label for the case (what lists and pickers show). The
//! profile is kept exactly as given, including its own `title` field: on import the case
//! title is taken from the profile's `title` (or the file name when that is empty), and
//! renaming a case does not change its profile.

mod crypto;
mod diff;
mod error;
mod files;
mod index;
mod keys;
pub mod schema;

pub use diff::{diff_profiles, mask_changes, mask_profile, summarize, FieldChange, MASK};
pub use error::{Result, StoreError};
pub use files::{slug, Exported, Imported};
pub use keys::{KEYRING_ENV, MIN_PASSPHRASE_CHARS, NEW_PASSPHRASE_ENV, PASSPHRASE_ENV};

use crate::profile::{CaseProfile, Counsel, PartyKind, ProtectedIdentity};
use chrono::{DateTime, SecondsFormat, Utc};
use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde::Serialize;
use std::fmt;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// The database file's name inside the data folder.
pub const FILE_NAME: &str = "drafter.sqlite";

/// A case's id: a small integer, stable for the life of the case and never reused after
/// the case is deleted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct CaseId(pub i64);

impl fmt::Display for CaseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for CaseId {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().parse::<i64>() {
            Ok(n) if n > 0 => Ok(CaseId(n)),
            _ => Err(format!(
                "`{s}` is not a case id (case ids are numbers: 1, 2, 3…)"
            )),
        }
    }
}

/// A revision number within one case: 1 for the first save, then 2, 3, …
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(transparent)]
pub struct Rev(pub u32);

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

impl FromStr for Rev {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, String> {
        match s.trim().parse::<u32>() {
            Ok(n) if n > 0 => Ok(Rev(n)),
            _ => Err(format!(
                "`{s}` is not a revision number (revisions are numbered 1, 2, 3…)"
            )),
        }
    }
}

/// One line of the case list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CaseSummary {
    /// The case's id in the store.
    pub id: CaseId,
    /// The case's title, as shown in the case list.
    pub title: String,
    /// The docket number from the latest revision, if any.
    pub case_number: Option<String>,
    /// "United States District Court, Northern District of California, …".
    pub court: String,
    /// The number of the case's latest revision.
    pub latest_rev: Rev,
    /// When the case was created.
    pub created_at: DateTime<Utc>,
    /// When the latest revision was saved.
    pub updated_at: DateTime<Utc>,
    /// Who saved the latest revision.
    pub updated_by: String,
    /// Whether the case is archived (left out of the list by default; only archived cases can be deleted).
    pub archived: bool,
    /// How many documents were exported from the case (as recorded by
    /// [`Store::record_exports`]).
    pub exports: u32,
    /// The latest of them, as recorded (its file name with the case's protected values
    /// blanked out).
    pub last_export: Option<ExportRecord>,
}

/// A revision's record without its profile (for the history).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct RevisionInfo {
    /// The revision's number (1 for the first).
    pub rev: Rev,
    /// Who saved the revision.
    pub author: String,
    /// When the revision was saved.
    pub saved_at: DateTime<Utc>,
    /// What changed since the revision before ("changed facts[4].text"), or how the
    /// revision came about ("created", "restored revision 2; …").
    pub summary: String,
}

/// A document exported from a case, as the store remembers it (for the library's search
/// and the case's record). The folder is not kept: only the file's name, with the case's
/// protected values blanked out.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportRecord {
    /// The revision the document was made from (the latest saved when it was exported).
    pub rev: Rev,
    /// The document's title (or the packet's).
    pub title: String,
    /// The file's name, without its folder.
    pub file_name: String,
    /// How many pages it has.
    pub pages: u32,
    /// The SHA-256 of the file's bytes, in hex.
    pub sha256: String,
    /// When it was exported.
    pub exported_at: DateTime<Utc>,
}

/// One revision of a case, with its profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Revision {
    /// The case the revision belongs to.
    pub case: CaseSummary,
    /// The revision's number, author, time and summary.
    #[serde(flatten)]
    pub info: RevisionInfo,
    /// The case profile as saved in this revision.
    pub profile: CaseProfile,
    /// The revision's protected values are encrypted and the store is locked: its
    /// pseudonymous parties are shown with empty protected blocks.
    pub locked: bool,
}

/// Whether the store's key is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum KeyState {
    /// No passphrase has been set yet: protected values cannot be saved until one is.
    NoPassphrase,
    /// A passphrase is set and has not been given (nor the key found in the secret store).
    Locked,
    /// The key is open: protected values can be read and saved.
    Unlocked,
}

/// What [`Store::status`] reports.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StoreStatus {
    /// Whether protected values can be read and saved now.
    pub key: KeyState,
    /// Revisions whose protected values are sealed.
    pub sealed_revisions: u32,
    /// Revisions saved by an older Drafter whose protected values are still in the clear;
    /// they are sealed when the store is unlocked.
    pub unsealed_revisions: u32,
    /// Problems with the folder's or file's permissions (see [`Store::warnings`]).
    pub warnings: Vec<String>,
}

/// Which cases [`Store::list`] and [`Store::search`] return.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ListOptions {
    /// Include archived cases (they are left out by default).
    pub include_archived: bool,
    /// At most this many cases.
    pub limit: Option<usize>,
}

/// Counsel seen in saved cases, for the app's picker. `counsel.represents` is empty: whom
/// an attorney represents belongs to one case.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KnownCounsel {
    /// The record from the most recently saved case that names this attorney.
    pub counsel: Counsel,
    /// In how many cases' latest revisions the attorney appears.
    pub cases: u32,
    /// When a case naming this attorney was last saved.
    pub last_used: DateTime<Utc>,
}

/// A court seen in saved cases.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct KnownCourt {
    /// The court's name ("United States District Court").
    pub name: String,
    /// The district ("Northern District of California"); empty if none.
    pub district: String,
    /// The division ("San Francisco Division"); empty if none.
    pub division: String,
    /// The court style id (`cand`, `federal`).
    pub style: String,
    /// In how many cases' latest revisions this court appears.
    pub cases: u32,
    /// When a case in this court was last saved.
    pub last_used: DateTime<Utc>,
}

/// A party seen in saved cases. For a pseudonymous party only the public designation is
/// here; its protected values never leave the profile.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KnownParty {
    /// The party's name, or its public designation if pseudonymous.
    pub name: String,
    /// Whether the party is a person, an organization or a government body or official.
    pub kind: PartyKind,
    /// The capacity the party appears in, if stated.
    pub capacity: Option<String>,
    /// The short name used in the body of filings, if any.
    pub short_name: Option<String>,
    /// Whether the party proceeds under a pseudonym.
    pub pseudonymous: bool,
    /// In how many cases' latest revisions this party appears.
    pub cases: u32,
    /// When a case naming this party was last saved.
    pub last_used: DateTime<Utc>,
}

/// The saved cases. One `Store` is one connection to the database file; open one per
/// window or thread (they coordinate through SQLite's locks).
pub struct Store {
    conn: Connection,
    path: PathBuf,
    author: String,
    /// Opened read-only: its folder cannot be written (see `schema::open`).
    read_only: bool,
    /// The data key, once unlocked.
    key: Option<crypto::Key>,
    warnings: Vec<String>,
}

/// What a write transaction needs besides the connection.
/// A passphrase being set (the first, or a new one) has at least
/// [`MIN_PASSPHRASE_CHARS`] characters.
fn long_enough(passphrase: &str) -> Result<()> {
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        return Err(StoreError::WeakPassphrase {
            min: MIN_PASSPHRASE_CHARS,
        });
    }
    Ok(())
}

struct Ctx<'a> {
    path: &'a Path,
    author: &'a str,
    key: Option<&'a crypto::Key>,
}

impl fmt::Debug for Store {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .field("author", &self.author)
            .finish()
    }
}

/// The person saving: `$USER` (or `%USERNAME%`), else "unknown".
pub fn default_author() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .map(|v| v.trim().to_string())
        .find(|v| !v.is_empty())
        .unwrap_or_else(|| "unknown".to_string())
}

trait At<T> {
    fn at(self, path: &Path) -> Result<T>;
}

impl<T> At<T> for rusqlite::Result<T> {
    fn at(self, path: &Path) -> Result<T> {
        self.map_err(|e| StoreError::sqlite(path, e))
    }
}

fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

fn parse_time(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .unwrap_or_default()
}

/// "2017-04-06 18:02 UTC" for messages.
fn display_time(s: &str) -> String {
    parse_time(s).format("%Y-%m-%d %H:%M UTC").to_string()
}

const SUMMARY_COLUMNS: &str = "c.id, c.title, c.case_number, c.court_name, c.court_district,
    c.court_division, c.latest_rev, c.created_at, c.updated_at, c.updated_by, c.archived,
    (SELECT COUNT(*) FROM case_exports e WHERE e.case_id = c.id),
    le.rev, le.title, le.file_name, le.pages, le.sha256, le.exported_at";

/// The cases with their latest export, if any (`le`), for [`SUMMARY_COLUMNS`].
const SUMMARY_FROM: &str = "cases c LEFT JOIN case_exports le
    ON le.id = (SELECT MAX(e.id) FROM case_exports e WHERE e.case_id = c.id)";

fn summary_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<CaseSummary> {
    let number: String = r.get(2)?;
    let court: Vec<String> = vec![r.get(3)?, r.get(4)?, r.get(5)?];
    Ok(CaseSummary {
        id: CaseId(r.get(0)?),
        title: r.get(1)?,
        case_number: (!number.is_empty()).then_some(number),
        court: court
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(", "),
        latest_rev: Rev(r.get(6)?),
        created_at: parse_time(&r.get::<_, String>(7)?),
        updated_at: parse_time(&r.get::<_, String>(8)?),
        updated_by: r.get(9)?,
        archived: r.get(10)?,
        exports: r.get(11)?,
        last_export: match r.get::<_, Option<i64>>(12)? {
            None => None,
            Some(_) => Some(export_record(r, 12)?),
        },
    })
}

/// An [`ExportRecord`] from the columns `rev, title, file_name, pages, sha256,
/// exported_at`, the first at `at`.
fn export_record(r: &rusqlite::Row<'_>, at: usize) -> rusqlite::Result<ExportRecord> {
    Ok(ExportRecord {
        rev: Rev(r.get(at)?),
        title: r.get(at + 1)?,
        file_name: r.get(at + 2)?,
        pages: r.get(at + 3)?,
        sha256: r.get(at + 4)?,
        exported_at: parse_time(&r.get::<_, String>(at + 5)?),
    })
}

fn non_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// Turns what a person typed into FTS5 queries, one per word: each word must match, as a
/// prefix, punctuation inside a word kept as a phrase (`3:17-cv-01916`).
fn fts_terms(text: &str) -> Vec<String> {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .map(|w| format!("\"{}\"*", w.replace('"', "\"\"")))
        .collect()
}

impl Store {
    /// Opens the store in `data_dir` (created if missing), creating `drafter.sqlite` there
    /// if there is none. See [`crate::paths::data_dir`] for choosing the folder.
    ///
    /// A new folder is made readable by its owner only (0700). An existing folder that
    /// others can read is tightened when it holds nothing but Drafter's own files, and
    /// otherwise reported in [`Store::warnings`].
    pub fn open(data_dir: &Path) -> Result<Store> {
        let folder = |cause| StoreError::Folder {
            path: data_dir.to_path_buf(),
            cause,
        };
        let mut builder = std::fs::DirBuilder::new();
        builder.recursive(true);
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(data_dir).map_err(folder)?;
        let folder_warning = tighten_folder(data_dir);
        let mut store = Store::open_file(&data_dir.join(FILE_NAME))?;
        store.warnings.splice(0..0, folder_warning);
        Ok(store)
    }

    /// Opens (or creates) the database file at `path` itself.
    pub fn open_file(path: &Path) -> Result<Store> {
        let (conn, read_only) = schema::open(path)?;
        let mut warnings = Vec::new();
        if let Some(mode) = group_or_other_mode(path) {
            warnings.push(format!(
                "{} can be read by other users of this computer (mode {mode:o}); make it \
                 readable by its owner only (chmod 600)",
                path.display()
            ));
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            author: default_author(),
            read_only,
            key: None,
            warnings,
        })
    }

    /// Problems with the permissions of the data folder or the database file that the
    /// store could not fix itself (the file or folder belongs to someone else, or the
    /// folder holds other files too).
    pub fn warnings(&self) -> &[String] {
        &self.warnings
    }

    /// Whether the key is open, and how many revisions are sealed or still in the clear.
    pub fn status(&self) -> Result<StoreStatus> {
        let has_key = keys::load(&self.conn).at(&self.path)?.is_some();
        // Counted through the partial index of unsealed revisions: no profile is read.
        let sealed = self
            .conn
            .query_row(
                "SELECT (SELECT count(*) FROM revisions)
                      - (SELECT count(*) FROM revisions WHERE sealed IS NULL)",
                [],
                |r| r.get::<_, u32>(0),
            )
            .at(&self.path)?;
        let unsealed = self.legacy_revisions()?.len() as u32;
        Ok(StoreStatus {
            key: match (&self.key, has_key) {
                (Some(_), _) => KeyState::Unlocked,
                (None, true) => KeyState::Locked,
                (None, false) => KeyState::NoPassphrase,
            },
            sealed_revisions: sealed,
            unsealed_revisions: unsealed,
            warnings: self.warnings.clone(),
        })
    }

    /// Whether the key is open.
    pub fn is_unlocked(&self) -> bool {
        self.key.is_some()
    }

    /// Opens the key with the passphrase. When no passphrase has been set yet, this sets
    /// it (at least [`MIN_PASSPHRASE_CHARS`] characters) and makes the store's key. Any
    /// revision an older Drafter saved with protected values in the clear is then sealed.
    /// The key is also remembered in the desktop's secret store when `remember` is set
    /// and there is one (never when `DRAFTER_KEYRING=off`).
    pub fn unlock(&mut self, passphrase: &str, remember: bool) -> Result<()> {
        let path = self.path.clone();
        let wrapped = keys::load(&self.conn).at(&path)?;
        let key = match &wrapped {
            Some(w) => w.open(passphrase).map_err(|f| f.into_error(&path))?,
            None => {
                long_enough(passphrase)?;
                let tx = self
                    .conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .at(&path)?;
                if keys::load(&tx).at(&path)?.is_some() {
                    // Another window set a passphrase a moment ago: use that one.
                    drop(tx);
                    return self.unlock(passphrase, remember);
                }
                let key = keys::create(&tx, passphrase, &now()).at(&path)?;
                tx.commit().at(&path)?;
                key
            }
        };
        if remember && keys::keyring_allowed() {
            if let Some(w) = keys::load(&self.conn).at(&path)? {
                keys::remember(&w, &key);
            }
        }
        self.key = Some(key);
        self.seal_legacy()
    }

    /// Changes the passphrase: `current` must be the store's, and `new` (at least
    /// [`MIN_PASSPHRASE_CHARS`] characters) opens it from now on; the store is unlocked
    /// afterwards. The store's key stays the same (it is wrapped anew; no revision is
    /// re-encrypted), so the key remembered in the desktop's secret store keeps working;
    /// the old wrapping is zeroed and the file rewritten, as after a delete. A copy of the
    /// database made before the change still opens with the old passphrase.
    pub fn change_passphrase(&mut self, current: &str, new: &str) -> Result<()> {
        long_enough(new)?;
        let changed = self.write(|tx, ctx| {
            let Some(w) = keys::load(tx).at(ctx.path)? else {
                return Ok(None);
            };
            let key = w.open(current).map_err(|f| f.into_error(ctx.path))?;
            keys::rewrap(tx, &w, &key, new).at(ctx.path)?;
            Ok(Some(key))
        })?;
        match changed {
            Some(key) => {
                self.scrub();
                self.key = Some(key);
                self.seal_legacy()
            }
            // No passphrase was set: the new one is the first.
            None => self.unlock(new, false),
        }
    }

    /// Opens the key without asking anyone: from the desktop's secret store (unless
    /// `DRAFTER_KEYRING=off`), else from the passphrase in `DRAFTER_PASSPHRASE`. Returns
    /// whether the store is unlocked. A wrong passphrase in the environment is an error.
    pub fn unlock_from_environment(&mut self) -> Result<bool> {
        if self.key.is_some() {
            return Ok(true);
        }
        if keys::keyring_allowed() {
            if let Some(w) = keys::load(&self.conn).at(&self.path)? {
                if let Some(key) = keys::from_keyring(&w) {
                    self.key = Some(key);
                    self.seal_legacy()?;
                    return Ok(true);
                }
            }
        }
        match std::env::var(PASSPHRASE_ENV) {
            Ok(p) if !p.is_empty() => {
                self.unlock(&p, true)?;
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Revisions (row ids) an older Drafter saved with protected values in the clear.
    fn legacy_revisions(&self) -> Result<Vec<(i64, i64, u32, String)>> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT id, case_id, rev, profile FROM revisions
                 WHERE sealed IS NULL AND profile LIKE '%\"protected\"%'",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .at(&self.path)?;
        let mut out = Vec::new();
        for row in rows {
            let (rowid, case, rev, text): (i64, i64, u32, String) = row.at(&self.path)?;
            let profile = CaseProfile::from_json(&text, &format!("case {case} revision {rev}"))?;
            if split_protected(&profile).1.is_some() {
                out.push((rowid, case, rev, text));
            }
        }
        Ok(out)
    }

    /// Seals every revision an older Drafter saved with protected values in the clear,
    /// then removes the upgrade backups (they hold those values in the clear too) and
    /// compacts the file. Every revision is kept.
    fn seal_legacy(&mut self) -> Result<()> {
        let legacy = self.legacy_revisions()?;
        if legacy.is_empty() {
            return Ok(());
        }
        let key = self.key.clone().expect("called once unlocked");
        self.write(|tx, ctx| {
            for (rowid, case, rev, text) in &legacy {
                let profile = CaseProfile::from_json(text, &format!("case {case} revision {rev}"))?;
                let (stripped, sealed) = seal_profile(Some(&key), ctx.path, *case, *rev, &profile)?;
                tx.execute(
                    "UPDATE revisions SET profile = ?2, sealed = ?3 WHERE id = ?1",
                    params![rowid, stripped, sealed],
                )
                .at(ctx.path)?;
            }
            Ok(())
        })?;
        self.remove_clear_backups()?;
        self.scrub();
        Ok(())
    }

    /// Deletes the upgrade backups (`drafter.sqlite.bak-vN`) once the revisions an older
    /// Drafter saved in the clear are sealed: every such copy was taken while they were
    /// still in the clear (from version 1 or 2, and also from version 3 or later when the
    /// store was upgraded again before it was first unlocked).
    fn remove_clear_backups(&self) -> Result<()> {
        let (Some(dir), Some(name)) = (self.path.parent(), self.path.file_name()) else {
            return Ok(());
        };
        let prefix = format!("{}.bak-v", name.to_string_lossy());
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        let Ok(entries) = std::fs::read_dir(dir) else {
            return Ok(());
        };
        for entry in entries.flatten() {
            let file = entry.file_name().to_string_lossy().into_owned();
            let Some(rest) = file.strip_prefix(&prefix) else {
                continue;
            };
            // `bak-v3` or `bak-v3.1`: a number first (not some other file of the person's).
            let numbered = rest
                .split('.')
                .next()
                .is_some_and(|v| !v.is_empty() && v.bytes().all(|b| b.is_ascii_digit()));
            if numbered {
                let p = entry.path();
                std::fs::remove_file(&p).map_err(|cause| StoreError::Io {
                    action: "remove the unencrypted backup",
                    path: p.clone(),
                    cause,
                })?;
            }
        }
        Ok(())
    }

    /// Rewrites the file without free pages and empties the write-ahead log, so that
    /// nothing deleted survives in either. Best effort: another window reading at the
    /// same moment keeps the log until it is done (the bytes of deleted rows are zeroed
    /// regardless, by `secure_delete`).
    fn scrub(&self) {
        let _ = self
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;");
        let _ = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
    }

    /// Whether the store opened read-only (its folder cannot be written).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The schema version of the open file (always [`schema::CURRENT_VERSION`]).
    pub fn schema_version(&self) -> Result<u32> {
        schema::user_version(&self.conn).at(&self.path)
    }

    /// Who new revisions are recorded as saved by.
    pub fn author(&self) -> &str {
        &self.author
    }

    /// Records later revisions as saved by `author` (default: [`default_author`]).
    pub fn set_author(&mut self, author: impl Into<String>) {
        let a = author.into();
        self.author = if a.trim().is_empty() {
            default_author()
        } else {
            a.trim().to_string()
        };
    }

    /// Runs SQLite's full integrity check now.
    pub fn check_integrity(&self) -> Result<()> {
        schema::integrity_check(&self.conn, &self.path)
    }

    /// Runs `f` in a `BEGIN IMMEDIATE` transaction: it holds the write lock from the
    /// start, so what it reads cannot change before it commits.
    fn write<T>(&mut self, f: impl FnOnce(&Connection, &Ctx<'_>) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(StoreError::ReadOnly {
                path: self.path.clone(),
                reason: "its folder cannot be written, so nothing can be saved; cases can be listed, shown and exported".into(),
            });
        }
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .at(&path)?;
        let ctx = Ctx {
            path: &path,
            author: &self.author,
            key: self.key.as_ref(),
        };
        let out = f(&tx, &ctx)?;
        tx.commit().at(&path)?;
        Ok(out)
    }

    /// A new case with `profile` as its revision 1.
    pub fn create(&mut self, title: &str, profile: &CaseProfile) -> Result<CaseId> {
        self.write(|tx, ctx| insert_case(tx, ctx, title, profile, "created"))
    }

    /// Several new cases in one transaction (all or none), each with its profile as
    /// revision 1; ids in the same order.
    pub fn create_many(&mut self, cases: &[(String, CaseProfile)]) -> Result<Vec<CaseId>> {
        self.write(|tx, ctx| {
            cases
                .iter()
                .map(|(title, profile)| insert_case(tx, ctx, title, profile, "created"))
                .collect()
        })
    }

    /// Saves `profile` as a new revision of case `id`. `base` is the revision the profile
    /// was loaded from; if another window or process has saved since, nothing is written
    /// and [`StoreError::Conflict`] names both revisions.
    ///
    /// A case whose protected values are sealed can be saved only while the store is
    /// unlocked ([`StoreError::Locked`]); a save that drops the last protected block
    /// compacts the file afterwards.
    pub fn save(&mut self, id: CaseId, profile: &CaseProfile, base: Rev) -> Result<Rev> {
        let (rev, dropped) = self.write(|tx, ctx| {
            let path = ctx.path;
            let (_, latest) = case_head(tx, path, id)?;
            if base != latest {
                if base > latest {
                    return Err(StoreError::RevisionNotFound {
                        id,
                        rev: base,
                        latest,
                    });
                }
                let (who, at): (String, String) = tx
                    .query_row(
                        "SELECT author, saved_at FROM revisions WHERE case_id = ?1 AND rev = ?2",
                        params![id.0, latest.0],
                        |r| Ok((r.get(0)?, r.get(1)?)),
                    )
                    .at(path)?;
                return Err(StoreError::Conflict {
                    id,
                    base,
                    latest,
                    author: who,
                    saved_at: display_time(&at),
                });
            }
            let previous = load_profile(tx, ctx, id, latest)?;
            let summary = summarize(&diff_profiles(&previous, profile));
            let dropped =
                split_protected(&previous).1.is_some() && split_protected(profile).1.is_none();
            Ok((append_revision(tx, ctx, id, profile, &summary)?, dropped))
        })?;
        if dropped {
            self.scrub();
        }
        Ok(rev)
    }

    /// Saves an editing session's work: like [`Store::save`], but the session's own
    /// revision is amended instead of a new one being added, so one sitting of edits is one
    /// revision in the history. `session` is the revision this session made last (`None`
    /// before its first save); it is amended when it is still the latest, was saved by this
    /// author, and less than `idle` ago. A save that changes nothing adds nothing and
    /// answers the latest revision. The amended revision's summary says what changed since
    /// the revision before it.
    pub fn save_session(
        &mut self,
        id: CaseId,
        profile: &CaseProfile,
        base: Rev,
        session: Option<Rev>,
        idle: std::time::Duration,
    ) -> Result<Rev> {
        let latest = self.case(id)?.latest_rev;
        if base == latest {
            let current = self.show(id, Some(latest))?;
            if !current.locked && current.profile == *profile {
                return Ok(latest);
            }
            let fresh = Utc::now()
                .signed_duration_since(current.info.saved_at)
                .to_std()
                .is_ok_and(|age| age < idle);
            if session == Some(latest)
                && latest.0 > 1
                && fresh
                && current.info.author == self.author
            {
                return self.amend(id, profile, latest);
            }
        }
        self.save(id, profile, base)
    }

    /// Replaces revision `rev` (the latest) of the case with `profile`, with a new time and
    /// a summary of the changes since the revision before it.
    fn amend(&mut self, id: CaseId, profile: &CaseProfile, rev: Rev) -> Result<Rev> {
        let dropped = self.write(|tx, ctx| {
            let path = ctx.path;
            let (title, latest) = case_head(tx, path, id)?;
            if latest != rev {
                return Err(StoreError::RevisionNotFound { id, rev, latest });
            }
            if let Some((field, _)) = profile
                .protected_values()
                .into_iter()
                .find(|(_, v)| v.contains(MASK))
            {
                return Err(StoreError::MaskedValue { field });
            }
            let before = load_profile(tx, ctx, id, Rev(rev.0 - 1))?;
            let amended = load_profile(tx, ctx, id, rev)?;
            let summary = summarize(&diff_profiles(&before, profile));
            let dropped =
                split_protected(&amended).1.is_some() && split_protected(profile).1.is_none();
            let at = now();
            let (json, sealed) = seal_profile(ctx.key, path, id.0, rev.0, profile)?;
            tx.prepare_cached(
                "UPDATE revisions SET profile = ?3, saved_at = ?4, summary = ?5, sealed = ?6
                 WHERE case_id = ?1 AND rev = ?2",
            )
            .and_then(|mut s| s.execute(params![id.0, rev.0, json, at, summary, sealed]))
            .at(path)?;
            tx.prepare_cached("UPDATE cases SET updated_at = ?2, updated_by = ?3 WHERE id = ?1")
                .and_then(|mut s| s.execute(params![id.0, at, ctx.author]))
                .at(path)?;
            index::reindex(tx, id.0, &title, profile).at(path)?;
            Ok(dropped)
        })?;
        if dropped {
            self.scrub();
        }
        Ok(rev)
    }

    /// Cases, most recently saved first; archived ones only when asked.
    pub fn list(&self, opts: &ListOptions) -> Result<Vec<CaseSummary>> {
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM}
             WHERE c.archived IN (0, ?1)
             ORDER BY c.updated_at DESC, c.id DESC
             LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let rows = stmt
            .query_map(params![opts.include_archived, limit(opts)], summary_row)
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Cases whose title, party names (and short names), case number, court or facts
    /// (in their latest revision), or the titles and file names of the documents exported
    /// from them, contain every word of `text`: the list, filtered, in the same order (most
    /// recently saved first). Each word may be found in either place. Words match as
    /// prefixes and without regard to case or accents; punctuation inside a word makes it a
    /// phrase (`3:17-cv-01916`).
    pub fn search(&self, text: &str, opts: &ListOptions) -> Result<Vec<CaseSummary>> {
        let terms = fts_terms(text);
        if terms.is_empty() {
            return Ok(Vec::new());
        }
        // Most searches match no exported document: then one full-text query over the
        // cases does it (every word in it at once). Otherwise each word gets its own set of
        // case ids, matched in the case or in its documents.
        let mut in_documents = self
            .conn
            .prepare_cached("SELECT 1 FROM export_search WHERE export_search MATCH ?1 LIMIT 1")
            .at(&self.path)?;
        let mut documents_match = false;
        for t in &terms {
            if in_documents.exists([t]).at(&self.path)? {
                documents_match = true;
                break;
            }
        }
        let (wanted, args): (String, Vec<String>) = if documents_match {
            // ?1 and ?2 are the list options; each word is ?3, ?4, ...
            let word = |i: usize| {
                format!(
                    "c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?{i}
                              UNION
                              SELECT e.case_id FROM case_exports e WHERE e.id IN
                                  (SELECT rowid FROM export_search WHERE export_search MATCH ?{i}))"
                )
            };
            let sets: Vec<String> = (0..terms.len()).map(|k| word(k + 3)).collect();
            (sets.join(" AND "), terms)
        } else {
            (
                "c.id IN (SELECT rowid FROM case_search WHERE case_search MATCH ?3)".into(),
                vec![terms.join(" ")],
            )
        };
        let sql = format!(
            "SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM}
             WHERE {wanted}
               AND c.archived IN (0, ?1)
             ORDER BY c.updated_at DESC, c.id DESC
             LIMIT ?2"
        );
        let mut stmt = self.conn.prepare_cached(&sql).at(&self.path)?;
        let limit = limit(opts);
        let mut params: Vec<&dyn rusqlite::ToSql> = vec![&opts.include_archived, &limit];
        params.extend(args.iter().map(|a| a as &dyn rusqlite::ToSql));
        let rows = stmt
            .query_map(params.as_slice(), summary_row)
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Remembers documents just exported from case `id` (its latest saved revision): their
    /// titles and file names (not their folders), with the case's protected values taken
    /// from `profile` blanked out, so the library finds the case by them.
    pub fn record_exports(
        &mut self,
        id: CaseId,
        profile: &CaseProfile,
        files: &[crate::export::ExportedFile],
    ) -> Result<()> {
        let clean = index::cleaner(profile);
        let at = now();
        self.write(|tx, ctx| {
            let path = ctx.path;
            let (_, latest) = case_head(tx, path, id)?;
            for f in files {
                let title = clean(&f.title);
                let file_name = clean(
                    &f.path
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                );
                tx.execute(
                    "INSERT INTO case_exports
                         (case_id, rev, title, file_name, pages, sha256, exported_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    params![
                        id.0,
                        latest.0,
                        title,
                        file_name,
                        f.pages as i64,
                        f.sha256,
                        at
                    ],
                )
                .at(path)?;
                tx.execute(
                    "INSERT INTO export_search (rowid, title, file_name) VALUES (?1, ?2, ?3)",
                    params![tx.last_insert_rowid(), title, file_name],
                )
                .at(path)?;
            }
            Ok(())
        })
    }

    /// The documents exported from case `id`, most recent first.
    pub fn exports(&self, id: CaseId) -> Result<Vec<ExportRecord>> {
        case_summary(&self.conn, &self.path, id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rev, title, file_name, pages, sha256, exported_at FROM case_exports
                 WHERE case_id = ?1 ORDER BY id DESC",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([id.0], |r| export_record(r, 0))
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The case's list line.
    pub fn case(&self, id: CaseId) -> Result<CaseSummary> {
        case_summary(&self.conn, &self.path, id)
    }

    /// The latest revision of the case, or revision `rev`.
    pub fn show(&self, id: CaseId, rev: Option<Rev>) -> Result<Revision> {
        let case = case_summary(&self.conn, &self.path, id)?;
        let rev = rev.unwrap_or(case.latest_rev);
        let info = revision_info(&self.conn, &self.path, id, rev, case.latest_rev)?;
        let (profile, locked) = load_revision(&self.conn, &self.path, self.key.as_ref(), id, rev)?;
        Ok(Revision {
            case,
            info,
            profile,
            locked,
        })
    }

    /// The latest profile of the case, whole, for rendering and checking: refused with
    /// [`StoreError::Locked`] while its protected values are sealed and the store is
    /// locked (every output is checked against them, so they must be known).
    pub fn latest_profile(&self, id: CaseId) -> Result<CaseProfile> {
        let revision = self.show(id, None)?;
        if revision.locked {
            return Err(StoreError::Locked {
                path: self.path.clone(),
            });
        }
        Ok(revision.profile)
    }

    /// Every revision of the case, newest first.
    pub fn history(&self, id: CaseId) -> Result<Vec<RevisionInfo>> {
        case_head(&self.conn, &self.path, id)?;
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT rev, author, saved_at, summary FROM revisions
                 WHERE case_id = ?1 ORDER BY rev DESC",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([id.0], |r| {
                Ok(RevisionInfo {
                    rev: Rev(r.get(0)?),
                    author: r.get(1)?,
                    saved_at: parse_time(&r.get::<_, String>(2)?),
                    summary: r.get(3)?,
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// The fields that differ between revisions `a` and `b` of the case. While the store
    /// is locked, protected values are not compared (see [`Store::status`]).
    pub fn diff(&self, id: CaseId, a: Rev, b: Rev) -> Result<Vec<FieldChange>> {
        let key = self.key.as_ref();
        let (before, _) = load_revision(&self.conn, &self.path, key, id, a)?;
        let (after, _) = load_revision(&self.conn, &self.path, key, id, b)?;
        Ok(diff_profiles(&before, &after))
    }

    /// Makes revision `rev`'s profile the case's newest state, as a new revision (nothing
    /// in between is lost: it stays in the history).
    pub fn restore(&mut self, id: CaseId, rev: Rev) -> Result<Rev> {
        let (new, dropped) = self.write(|tx, ctx| {
            let (_, latest) = case_head(tx, ctx.path, id)?;
            let old = load_profile(tx, ctx, id, rev)?;
            let current = load_profile(tx, ctx, id, latest)?;
            let changes = summarize(&diff_profiles(&current, &old));
            let summary = format!("restored revision {rev}: {changes}");
            let dropped =
                split_protected(&current).1.is_some() && split_protected(&old).1.is_none();
            Ok((append_revision(tx, ctx, id, &old, &summary)?, dropped))
        })?;
        if dropped {
            self.scrub();
        }
        Ok(new)
    }

    /// A new case whose revision 1 is the latest profile of case `id` ("new case from
    /// this one"). The title defaults to "<title> (copy)".
    pub fn duplicate(&mut self, id: CaseId, title: Option<&str>) -> Result<CaseId> {
        self.write(|tx, ctx| {
            let (old_title, latest) = case_head(tx, ctx.path, id)?;
            let profile = load_profile(tx, ctx, id, latest)?;
            let title = match title {
                Some(t) => t.to_string(),
                None => format!("{old_title} (copy)"),
            };
            let note = format!("copied from case {id} revision {latest}");
            insert_case(tx, ctx, &title, &profile, &note)
        })
    }

    /// Renames the case (its profile is not changed and no revision is added).
    pub fn rename(&mut self, id: CaseId, title: &str) -> Result<()> {
        let title = title.trim();
        files::check_title(title)?;
        self.write(|tx, ctx| {
            let path = ctx.path;
            let (_, latest) = case_head(tx, path, id)?;
            tx.execute(
                "UPDATE cases SET title = ?2 WHERE id = ?1",
                params![id.0, title],
            )
            .at(path)?;
            let profile = load_profile(tx, ctx, id, latest)?;
            index::reindex(tx, id.0, title, &profile).at(path)
        })
    }

    /// Hides the case from the list and search (it can be brought back, or deleted).
    pub fn archive(&mut self, id: CaseId) -> Result<()> {
        self.set_archived(id, true)
    }

    /// Brings an archived case back into the list.
    pub fn unarchive(&mut self, id: CaseId) -> Result<()> {
        self.set_archived(id, false)
    }

    fn set_archived(&mut self, id: CaseId, archived: bool) -> Result<()> {
        self.write(|tx, ctx| {
            let path = ctx.path;
            case_head(tx, path, id)?;
            tx.execute(
                "UPDATE cases SET archived = ?2 WHERE id = ?1",
                params![id.0, archived],
            )
            .at(path)?;
            Ok(())
        })
    }

    /// Deletes an archived case and all its revisions, for good. A case that is not
    /// archived is refused with [`StoreError::NotArchived`]. The file is compacted and
    /// its write-ahead log emptied afterwards, so nothing of the case stays readable.
    pub fn delete(&mut self, id: CaseId) -> Result<()> {
        self.write(|tx, ctx| {
            let path = ctx.path;
            let case = case_summary(tx, path, id)?;
            if !case.archived {
                return Err(StoreError::NotArchived {
                    id,
                    title: case.title,
                });
            }
            tx.execute("DELETE FROM case_search WHERE rowid = ?1", [id.0])
                .at(path)?;
            tx.execute("DELETE FROM cases WHERE id = ?1", [id.0])
                .at(path)?;
            Ok(())
        })?;
        self.scrub();
        Ok(())
    }

    /// Imports case files: each path is a profile file, or a folder whose `*.case.json`
    /// and `*.json` files (not in subfolders) are imported in name order. Every file is
    /// read and checked first, then all are saved in one transaction: either every case is
    /// imported or none is, and the error names the failing file and field.
    pub fn import(&mut self, paths: &[PathBuf]) -> Result<Vec<Imported>> {
        let loaded = files::load_all(paths)?;
        self.write(|tx, ctx| {
            let mut out = Vec::with_capacity(loaded.len());
            for (file, title, profile) in &loaded {
                let name = file
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                let id = insert_case(tx, ctx, title, profile, &format!("imported from {name}"))?;
                out.push(Imported {
                    id,
                    title: title.clone(),
                    path: file.clone(),
                });
            }
            Ok(out)
        })
    }

    /// Writes the latest profile of case `id` to `out` (exactly the profile JSON). When
    /// `out` is an existing folder the file is `<slug>.case.json` inside it. The file is
    /// written under a temporary name and renamed into place, readable by its owner only.
    ///
    /// Unless `reveal` is set, protected values are withheld: each pseudonymous party's
    /// protected block is written empty (such a file is not a complete backup). With
    /// `reveal` they are written in the clear, which needs the store unlocked.
    pub fn export(&self, id: CaseId, out: &Path, reveal: bool) -> Result<PathBuf> {
        let case = case_summary(&self.conn, &self.path, id)?;
        let profile = self.exported_profile(id, case.latest_rev, reveal)?;
        let target = if out.is_dir() {
            out.join(format!("{}.case.json", slug(&case.title)))
        } else {
            out.to_path_buf()
        };
        files::write_atomic(&target, profile.to_json().as_bytes())?;
        Ok(target)
    }

    /// Writes every case, archived ones included, as `<slug>.case.json` files in `dir`
    /// (created if needed), for backup. The cases are read from one consistent snapshot.
    /// `reveal` as for [`Store::export`].
    pub fn export_all(&self, dir: &Path, reveal: bool) -> Result<Vec<Exported>> {
        std::fs::create_dir_all(dir).map_err(|cause| StoreError::Io {
            action: "create the folder",
            path: dir.to_path_buf(),
            cause,
        })?;
        let tx = self.conn.unchecked_transaction().at(&self.path)?;
        let cases: Vec<(CaseId, String, Rev)> = {
            let mut stmt = tx
                .prepare("SELECT id, title, latest_rev FROM cases ORDER BY id")
                .at(&self.path)?;
            let rows = stmt
                .query_map([], |r| Ok((CaseId(r.get(0)?), r.get(1)?, Rev(r.get(2)?))))
                .at(&self.path)?;
            rows.collect::<rusqlite::Result<_>>().at(&self.path)?
        };
        let mut used = std::collections::HashSet::new();
        let mut out = Vec::with_capacity(cases.len());
        for (id, title, rev) in cases {
            let profile = self.exported_profile(id, rev, reveal)?;
            let mut name = slug(&title);
            if !used.insert(name.clone()) {
                name = format!("{name}-{id}");
                used.insert(name.clone());
            }
            let path = dir.join(format!("{name}.case.json"));
            files::write_atomic(&path, profile.to_json().as_bytes())?;
            out.push(Exported { id, rev, path });
        }
        tx.finish().at(&self.path)?;
        Ok(out)
    }

    /// The profile an export writes: in full with `reveal` (which needs the key when the
    /// revision is sealed), else with every protected block emptied.
    fn exported_profile(&self, id: CaseId, rev: Rev, reveal: bool) -> Result<CaseProfile> {
        let (mut profile, locked) =
            load_revision(&self.conn, &self.path, self.key.as_ref(), id, rev)?;
        if reveal && locked {
            return Err(StoreError::Locked {
                path: self.path.clone(),
            });
        }
        if !reveal {
            profile = split_protected(&profile).0;
        }
        Ok(profile)
    }

    /// Distinct counsel (by name, bar number and firm) across every saved case's latest
    /// revision, each with the record from the most recently saved case, by name.
    pub fn known_counsel(&self) -> Result<Vec<KnownCounsel>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT k.record, count(DISTINCT k.case_id), max(c.updated_at)
                 FROM case_counsel k JOIN cases c ON c.id = k.case_id
                 GROUP BY k.name, k.bar_number, k.firm
                 ORDER BY k.name COLLATE NOCASE, k.bar_number, k.firm",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, u32>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .at(&self.path)?;
        let mut out = Vec::new();
        for row in rows {
            let (record, cases, last) = row.at(&self.path)?;
            let counsel: Counsel = serde_json::from_str(&record).map_err(|e| {
                StoreError::sqlite(
                    &self.path,
                    rusqlite::Error::FromSqlConversionFailure(
                        0,
                        rusqlite::types::Type::Text,
                        Box::new(e),
                    ),
                )
            })?;
            out.push(KnownCounsel {
                counsel,
                cases,
                last_used: parse_time(&last),
            });
        }
        Ok(out)
    }

    /// Distinct courts (name, district, division, style) across saved cases, by name.
    pub fn known_courts(&self) -> Result<Vec<KnownCourt>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT court_name, court_district, court_division, court_style,
                        count(*), max(updated_at)
                 FROM cases WHERE court_name <> ''
                 GROUP BY court_name, court_district, court_division, court_style
                 ORDER BY court_name COLLATE NOCASE, court_district, court_division",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |r| {
                Ok(KnownCourt {
                    name: r.get(0)?,
                    district: r.get(1)?,
                    division: r.get(2)?,
                    style: r.get(3)?,
                    cases: r.get(4)?,
                    last_used: parse_time(&r.get::<_, String>(5)?),
                })
            })
            .at(&self.path)?;
        rows.collect::<rusqlite::Result<_>>().at(&self.path)
    }

    /// Distinct parties (name, kind, capacity, short name) across saved cases, by name.
    /// A pseudonymous party appears under its public designation only.
    pub fn known_parties(&self) -> Result<Vec<KnownParty>> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT p.name, p.kind, p.capacity, p.short_name, max(p.pseudonymous),
                        count(DISTINCT p.case_id), max(c.updated_at)
                 FROM case_parties p JOIN cases c ON c.id = p.case_id
                 GROUP BY p.name, p.kind, p.capacity, p.short_name
                 ORDER BY p.name COLLATE NOCASE, p.kind, p.capacity",
            )
            .at(&self.path)?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, bool>(4)?,
                    r.get::<_, u32>(5)?,
                    r.get::<_, String>(6)?,
                ))
            })
            .at(&self.path)?;
        let mut out = Vec::new();
        for row in rows {
            let (name, kind, capacity, short_name, pseudonymous, cases, last) =
                row.at(&self.path)?;
            let Some(kind) = index::kind_from_name(&kind) else {
                continue;
            };
            out.push(KnownParty {
                name,
                kind,
                capacity: non_empty(capacity),
                short_name: non_empty(short_name),
                pseudonymous,
                cases,
                last_used: parse_time(&last),
            });
        }
        Ok(out)
    }
}

fn limit(opts: &ListOptions) -> i64 {
    opts.limit
        .map_or(-1, |n| i64::try_from(n).unwrap_or(i64::MAX))
}

/// The case's title and latest revision, or CaseNotFound.
fn case_head(conn: &Connection, path: &Path, id: CaseId) -> Result<(String, Rev)> {
    conn.prepare_cached("SELECT title, latest_rev FROM cases WHERE id = ?1")
        .and_then(|mut s| {
            s.query_row([id.0], |r| Ok((r.get(0)?, Rev(r.get(1)?))))
                .optional()
        })
        .at(path)?
        .ok_or(StoreError::CaseNotFound { id })
}

fn case_summary(conn: &Connection, path: &Path, id: CaseId) -> Result<CaseSummary> {
    let sql = format!("SELECT {SUMMARY_COLUMNS} FROM {SUMMARY_FROM} WHERE c.id = ?1");
    conn.prepare_cached(&sql)
        .and_then(|mut s| s.query_row([id.0], summary_row).optional())
        .at(path)?
        .ok_or(StoreError::CaseNotFound { id })
}

fn revision_info(
    conn: &Connection,
    path: &Path,
    id: CaseId,
    rev: Rev,
    latest: Rev,
) -> Result<RevisionInfo> {
    conn.prepare_cached(
        "SELECT author, saved_at, summary FROM revisions WHERE case_id = ?1 AND rev = ?2",
    )
    .and_then(|mut s| {
        s.query_row(params![id.0, rev.0], |r| {
            Ok(RevisionInfo {
                rev,
                author: r.get(0)?,
                saved_at: parse_time(&r.get::<_, String>(1)?),
                summary: r.get(2)?,
            })
        })
        .optional()
    })
    .at(path)?
    .ok_or(StoreError::RevisionNotFound { id, rev, latest })
}

/// The profile saved as revision `rev` of case `id`, with its protected values when
/// `key` is given; without it a sealed revision comes back with empty protected blocks
/// and `true` (locked).
fn load_revision(
    conn: &Connection,
    path: &Path,
    key: Option<&crypto::Key>,
    id: CaseId,
    rev: Rev,
) -> Result<(CaseProfile, bool)> {
    let row: Option<(String, Option<Vec<u8>>)> = conn
        .prepare_cached("SELECT profile, sealed FROM revisions WHERE case_id = ?1 AND rev = ?2")
        .and_then(|mut s| {
            s.query_row(params![id.0, rev.0], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()
        })
        .at(path)?;
    let Some((text, sealed)) = row else {
        let (_, latest) = case_head(conn, path, id)?;
        return Err(StoreError::RevisionNotFound { id, rev, latest });
    };
    let mut profile = CaseProfile::from_json(&text, &format!("case {id} revision {rev}"))?;
    let Some(sealed) = sealed else {
        return Ok((profile, false));
    };
    let Some(key) = key else {
        return Ok((profile, true));
    };
    let damaged = |detail: &str| StoreError::KeyDamaged {
        path: path.to_path_buf(),
        detail: format!("case {id} revision {rev}: {detail}"),
    };
    let plain = crypto::open(key, &sealed_aad(id.0, rev.0), &sealed)
        .ok_or_else(|| damaged("its protected values do not open with the store's key"))?;
    let blocks: Vec<(usize, ProtectedIdentity)> = serde_json::from_slice(&plain)
        .map_err(|_| damaged("its protected values are not in the expected form"))?;
    for (i, block) in blocks {
        let party = profile
            .parties
            .get_mut(i)
            .ok_or_else(|| damaged("its protected values name a party it does not have"))?;
        party.protected = Some(block);
    }
    Ok((profile, false))
}

/// The whole profile of a revision, for work that must see the protected values (a
/// save, a restore, a copy): refused with [`StoreError::Locked`] while they are sealed
/// and the store is locked.
fn load_profile(conn: &Connection, ctx: &Ctx<'_>, id: CaseId, rev: Rev) -> Result<CaseProfile> {
    match load_revision(conn, ctx.path, ctx.key, id, rev)? {
        (_, true) => Err(StoreError::Locked {
            path: ctx.path.to_path_buf(),
        }),
        (profile, false) => Ok(profile),
    }
}

/// What a sealed block is bound to: it opens only as this revision's.
fn sealed_aad(case: i64, rev: u32) -> Vec<u8> {
    format!("drafter case {case} revision {rev}").into_bytes()
}

/// The profile with every protected block emptied (each pseudonymous party keeps an empty
/// block, so it stays pseudonymous), and the blocks taken out, by party position, when
/// any holds something.
fn split_protected(
    profile: &CaseProfile,
) -> (CaseProfile, Option<Vec<(usize, ProtectedIdentity)>>) {
    let mut stripped = profile.clone();
    let mut blocks = Vec::new();
    for (i, party) in stripped.parties.iter_mut().enumerate() {
        if let Some(block) = &mut party.protected {
            if *block != ProtectedIdentity::default() {
                blocks.push((i, std::mem::take(block)));
            }
        }
    }
    (stripped, (!blocks.is_empty()).then_some(blocks))
}

/// The profile JSON to store and its sealed protected blocks (if any) for revision `rev`
/// of case `case`. Protected values need the key: without one the save is refused.
fn seal_profile(
    key: Option<&crypto::Key>,
    path: &Path,
    case: i64,
    rev: u32,
    profile: &CaseProfile,
) -> Result<(String, Option<Vec<u8>>)> {
    let (stripped, blocks) = split_protected(profile);
    let sealed = match blocks {
        None => None,
        Some(blocks) => {
            let key = key.ok_or_else(|| StoreError::Locked {
                path: path.to_path_buf(),
            })?;
            let plain = zeroize::Zeroizing::new(
                serde_json::to_vec(&blocks).expect("protected blocks always serialize"),
            );
            Some(crypto::seal(key, &sealed_aad(case, rev), &plain))
        }
    };
    Ok((stored_json(&stripped), sealed))
}

/// The mode bits of `path` that give others any access, if there are such bits.
fn group_or_other_mode(path: &Path) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path).ok()?.permissions().mode() & 0o777;
        (mode & 0o077 != 0).then_some(mode)
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// Makes the data folder its owner's alone (0700) when others can open it and it holds
/// nothing but Drafter's files; otherwise returns a warning naming it.
fn tighten_folder(dir: &Path) -> Option<String> {
    let mode = group_or_other_mode(dir)?;
    let ours = |name: &str| {
        name.starts_with(FILE_NAME) || name == "templates" || name.starts_with(".drafter")
    };
    let only_ours = std::fs::read_dir(dir).is_ok_and(|entries| {
        entries
            .flatten()
            .all(|e| ours(&e.file_name().to_string_lossy()))
    });
    #[cfg(unix)]
    if only_ours {
        use std::os::unix::fs::PermissionsExt;
        let tightened = std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700));
        if tightened.is_ok() {
            return None;
        }
    }
    let _ = only_ours;
    Some(format!(
        "the data folder {} can be opened by other users of this computer (mode {mode:o}); \
         make it its owner's only (chmod 700)",
        dir.display()
    ))
}

/// The profile as kept in the database: its JSON without the pretty-printing (exports
/// go through [`CaseProfile::to_json`], so the files are the same either way).
fn stored_json(profile: &CaseProfile) -> String {
    serde_json::to_string(profile).expect("a profile always serializes")
}

/// Inserts a case and its revision 1; inside the caller's transaction.
fn insert_case(
    tx: &Connection,
    ctx: &Ctx<'_>,
    title: &str,
    profile: &CaseProfile,
    summary: &str,
) -> Result<CaseId> {
    let (path, author) = (ctx.path, ctx.author);
    let title = title.trim();
    files::check_title(title)?;
    let at = now();
    tx.prepare_cached(
        "INSERT INTO cases (title, created_at, archived, latest_rev, updated_at, updated_by)
         VALUES (?1, ?2, 0, 0, ?2, ?3)",
    )
    .and_then(|mut s| s.execute(params![title, at, author]))
    .at(path)?;
    let id = CaseId(tx.last_insert_rowid());
    append_revision(tx, ctx, id, profile, summary)?;
    Ok(id)
}

/// Adds the next revision of case `id` and brings the derived rows up to date; inside the
/// caller's transaction (which has checked the base revision).
fn append_revision(
    tx: &Connection,
    ctx: &Ctx<'_>,
    id: CaseId,
    profile: &CaseProfile,
    summary: &str,
) -> Result<Rev> {
    let (path, author) = (ctx.path, ctx.author);
    if let Some((field, _)) = profile
        .protected_values()
        .into_iter()
        .find(|(_, v)| v.contains(MASK))
    {
        return Err(StoreError::MaskedValue { field });
    }
    let (title, latest) = case_head(tx, path, id)?;
    let rev = Rev(latest.0 + 1);
    let at = now();
    let (json, sealed) = seal_profile(ctx.key, path, id.0, rev.0, profile)?;
    tx.prepare_cached(
        "INSERT INTO revisions (case_id, rev, profile, author, saved_at, summary, sealed)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
    .and_then(|mut s| s.execute(params![id.0, rev.0, json, author, at, summary, sealed]))
    .at(path)?;
    tx.prepare_cached(
        "UPDATE cases SET latest_rev = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
    )
    .and_then(|mut s| s.execute(params![id.0, rev.0, at, author]))
    .at(path)?;
    index::reindex(tx, id.0, &title, profile).at(path)?;
    Ok(rev)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_quote_every_word() {
        assert_eq!(
            fts_terms("Twitter 3:17-cv-01916"),
            ["\"Twitter\"*", "\"3:17-cv-01916\"*"]
        );
        assert!(fts_terms(" - \"\" ").is_empty());
        assert_eq!(fts_terms("a\"b"), ["\"a\"\"b\"*"]);
    }

    #[test]
    fn ids_parse() {
        assert_eq!("7".parse::<CaseId>(), Ok(CaseId(7)));
        assert!("0".parse::<CaseId>().is_err());
        assert!("x".parse::<Rev>().is_err());
    }
}
