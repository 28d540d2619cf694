//! What can go wrong with the case store, in words a paralegal can act on. Every message
//! names the file, the case or the revision it is about.

use super::{CaseId, Rev};
use crate::profile::ProfileError;
use std::path::PathBuf;

/// Why the store refused or could not do something.
///
/// Each message is complete on its own (it includes the underlying I/O or SQLite error's
/// text), so print it with `{}`; the underlying errors are kept in fields, not chained.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file exists but is not a readable SQLite database, or SQLite's
    /// integrity check failed. The file has not been changed.
    #[error(
        "the case database {path} is damaged ({detail}). Drafter has not changed it. \
         Restore it from a backup (a drafter.sqlite.bak-v* file or an exported folder), or \
         move it aside to start with an empty store"
    )]
    Damaged {
        /// The database file.
        path: PathBuf,
        /// SQLite's or the integrity check's own words.
        detail: String,
    },

    /// The file is a SQLite database that some other program wrote.
    #[error(
        "{path} is a database, but not a Drafter case database; Drafter has not changed it. \
         Move it aside or choose another data folder"
    )]
    NotDrafter {
        /// The foreign database file.
        path: PathBuf,
    },

    /// A newer Drafter has upgraded the file; this version cannot read it safely.
    #[error(
        "the case database {path} was upgraded by a newer Drafter (layout version {found}; this \
         version reads up to {supported}). Update Drafter to open it"
    )]
    TooNew {
        /// The database file.
        path: PathBuf,
        /// The layout version recorded in the file.
        found: u32,
        /// The newest layout version this Drafter reads.
        supported: u32,
    },

    /// The data folder could not be created or read.
    #[error("cannot use the data folder {path}: {cause}")]
    Folder {
        /// The data folder.
        path: PathBuf,
        /// The I/O error from creating or reading it.
        cause: std::io::Error,
    },

    /// Backing the file up before an upgrade failed; nothing was upgraded.
    #[error(
        "cannot back up {path} to {backup} before upgrading it, so it was left as it is: {detail}"
    )]
    Backup {
        /// The database file being upgraded.
        path: PathBuf,
        /// Where the backup copy was to be written.
        backup: PathBuf,
        /// Why the copy failed.
        detail: String,
    },

    /// An upgrade step failed; the file is unchanged (the step runs in one transaction).
    #[error(
        "cannot upgrade the case database {path} from layout version {from} to {to}, so it was \
         left as it is: {detail}"
    )]
    Migration {
        /// The database file.
        path: PathBuf,
        /// The layout version the step started from.
        from: u32,
        /// The layout version the step was to reach.
        to: u32,
        /// Why the step failed.
        detail: String,
    },

    /// Another window or process holds the database for longer than the wait allows.
    #[error(
        "the case database {path} is busy (another Drafter window or command is saving); \
         try again in a moment"
    )]
    Busy {
        /// The busy database file.
        path: PathBuf,
    },

    /// No case has this id (never created, or deleted).
    #[error("there is no case {id}")]
    CaseNotFound {
        /// The case id asked for.
        id: CaseId,
    },

    /// The case exists but not this revision.
    #[error("case {id} has no revision {rev} (its latest is revision {latest})")]
    RevisionNotFound {
        /// The case.
        id: CaseId,
        /// The revision asked for.
        rev: Rev,
        /// The case's latest revision.
        latest: Rev,
    },

    /// The save was based on a revision that is no longer the latest.
    #[error(
        "case {id} was saved as revision {latest} by {author} at {saved_at} (another window or \
         process) since you opened revision {base}; reload to see the changes"
    )]
    Conflict {
        /// The case.
        id: CaseId,
        /// The revision the refused save was based on.
        base: Rev,
        /// The revision saved since, now the latest.
        latest: Rev,
        /// Who saved the latest revision.
        author: String,
        /// When the latest revision was saved.
        saved_at: String,
    },

    /// Only archived cases can be deleted.
    #[error("case {id} (\u{201c}{title}\u{201d}) is not archived; archive it before deleting it")]
    NotArchived {
        /// The case.
        id: CaseId,
        /// The case's title, for the message.
        title: String,
    },

    /// A case title must say something.
    #[error("a case needs a title")]
    EmptyTitle,
    /// The database opened read-only (its folder cannot be written), or cannot be opened
    /// at all where it is; the reason says which and what to do.
    #[error("the case database {path} is read-only: {reason}")]
    ReadOnly {
        /// The database file.
        path: PathBuf,
        /// Why it cannot be written, and what to do.
        reason: String,
    },

    /// An export target that may not be replaced (not a regular file, or read-only);
    /// the message names it.
    #[error("{message}")]
    Target {
        /// The complete message, naming the target.
        message: String,
    },

    /// A title with a line break or control character, or too long (docs/limits.md).
    #[error("a case title {reason}")]
    BadTitle {
        /// What is wrong with the title (completes "a case title ...").
        reason: String,
    },

    /// A profile file to import, or a saved revision, could not be read. The message names
    /// the file (or case and revision) and the field path.
    #[error(transparent)]
    Profile(#[from] ProfileError),

    /// An import found nothing to import.
    #[error("{path} has no case files (*.case.json or *.json) in it")]
    NothingToImport {
        /// The folder that was to be imported.
        path: PathBuf,
    },

    /// Reading or writing a file outside the database failed.
    #[error("cannot {action} {path}: {cause}")]
    Io {
        /// What was being done ("read the folder", "write", ...), for the message.
        action: &'static str,
        /// The file or folder it was done to.
        path: PathBuf,
        /// The I/O error.
        cause: std::io::Error,
    },

    /// Protected values are needed (to read them in full, or to save a case that has
    /// them) and the store's key is not open.
    #[error(
        "the case store {path} is locked: protected values are kept encrypted and need the \
         store's passphrase (give it when asked, or in DRAFTER_PASSPHRASE; if none has been \
         set yet, the first one given becomes it)"
    )]
    Locked {
        /// The locked store's database file.
        path: PathBuf,
    },

    /// A profile to save carries the mask shown in place of a protected value (from a
    /// masked `case show --json`), not the value itself.
    #[error(
        "{field} holds the mask shown in place of a protected value, not the value; save a \
         profile taken with --reveal instead"
    )]
    MaskedValue {
        /// The field path that holds the mask.
        field: String,
    },

    /// The passphrase given is not the store's.
    #[error("that is not the passphrase of the case store {path}")]
    WrongPassphrase {
        /// The store's database file.
        path: PathBuf,
    },

    /// A new passphrase is too short.
    #[error("a passphrase needs at least {min} characters")]
    WeakPassphrase {
        /// The fewest characters a passphrase may have.
        min: usize,
    },

    /// The store's key record or a sealed block cannot be read.
    #[error(
        "the encrypted data in the case store {path} cannot be read ({detail}); restore the \
         file from a backup"
    )]
    KeyDamaged {
        /// The store's database file.
        path: PathBuf,
        /// What could not be read, and why.
        detail: String,
    },

    /// Any other database failure, with the file it happened in.
    #[error("the case database {path} could not be used: {cause}")]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// SQLite's error.
        cause: rusqlite::Error,
    },
}

impl StoreError {
    /// Wraps a SQLite error for `path`, turning the kinds a person can act on (busy,
    /// damaged, disk full) into their own variants.
    pub(crate) fn sqlite(path: &std::path::Path, e: rusqlite::Error) -> StoreError {
        use rusqlite::ffi::ErrorCode;
        if let rusqlite::Error::SqliteFailure(f, msg) = &e {
            match f.code {
                ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked => {
                    return StoreError::Busy {
                        path: path.to_path_buf(),
                    }
                }
                ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase => {
                    return StoreError::Damaged {
                        path: path.to_path_buf(),
                        detail: msg.clone().unwrap_or_else(|| f.to_string()),
                    }
                }
                _ => {}
            }
        }
        StoreError::Sqlite {
            path: path.to_path_buf(),
            cause: e,
        }
    }

    /// Whether this is a save refused because someone else saved first.
    pub fn is_conflict(&self) -> bool {
        matches!(self, StoreError::Conflict { .. })
    }
}

/// Result with [`StoreError`].
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
