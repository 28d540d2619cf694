//! Opening the database file safely, and the numbered schema migrations.
//!
//! Order of operations at open, so that a damaged file is never written to:
//! 1. plain file reads: the SQLite header, the page size, the recorded page count against
//!    the file's length (a truncated file is caught here);
//! 2. `PRAGMA integrity_check` as the first statement on the connection (a read);
//! 3. only then anything that writes: migrations, each of which backs the file up to
//!    `drafter.sqlite.bak-v{N}` first and runs in one transaction, then the WAL journal.
//!
//! A new database is built under a temporary name and linked into place only when
//! complete, so a crash during creation never leaves a half-made `drafter.sqlite`; such
//! names left by a process that died are removed at the next open.
//!
//! Until the integrity check has passed, the connection does not checkpoint on close: a
//! damaged file with a pending write-ahead log keeps both files exactly as they were.
//! A sound database in a folder Drafter cannot write opens read-only (listing and reading
//! work; saving says why it cannot).

use super::error::{Result, StoreError};
use super::{diff, index};
use crate::profile::CaseProfile;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// The schema version this build reads and writes (`PRAGMA user_version`).
pub const CURRENT_VERSION: u32 = 4;

/// `PRAGMA application_id` of a Drafter database ("DRFT").
pub const APPLICATION_ID: i32 = 0x4452_4654;

/// How long a statement waits for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Version 1: cases and their revisions. Frozen: never edit a released step; add a new one.
const V1: &str = "
CREATE TABLE cases (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    title      TEXT NOT NULL,
    created_at TEXT NOT NULL,
    archived   INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE revisions (
    id       INTEGER PRIMARY KEY,
    case_id  INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    rev      INTEGER NOT NULL,
    profile  TEXT NOT NULL,
    author   TEXT NOT NULL,
    saved_at TEXT NOT NULL,
    UNIQUE (case_id, rev)
);
";

/// Version 2: list columns kept with the case (latest revision, last save, case number,
/// court), a summary per revision, full-text search, and the picker tables. The search
/// index is contentless (it keeps only the index, not a second copy of the text).
const V2: &str = "
ALTER TABLE cases ADD COLUMN latest_rev INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN updated_at TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN updated_by TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN case_number TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN court_name TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN court_district TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN court_division TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN court_style TEXT NOT NULL DEFAULT '';
ALTER TABLE revisions ADD COLUMN summary TEXT NOT NULL DEFAULT '';
CREATE INDEX cases_by_last_save ON cases (updated_at DESC, id DESC);
CREATE TABLE case_counsel (
    case_id    INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position   INTEGER NOT NULL,
    name       TEXT NOT NULL,
    bar_number TEXT NOT NULL,
    firm       TEXT NOT NULL,
    record     TEXT NOT NULL,
    PRIMARY KEY (case_id, position)
);
CREATE INDEX case_counsel_by_key ON case_counsel (name, bar_number, firm, case_id);
CREATE TABLE case_parties (
    case_id      INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    name         TEXT NOT NULL,
    kind         TEXT NOT NULL,
    capacity     TEXT NOT NULL,
    short_name   TEXT NOT NULL,
    pseudonymous INTEGER NOT NULL,
    PRIMARY KEY (case_id, position)
);
CREATE INDEX case_parties_by_key
    ON case_parties (name, kind, capacity, short_name, pseudonymous, case_id);
CREATE VIRTUAL TABLE case_search USING fts5 (
    title, parties, case_number, court, facts,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
";

/// Version 3: protected values at rest. Each revision's protected blocks move out of the
/// profile JSON into `sealed` (encrypted with the store's data key; see `keys`), and the
/// data key is kept wrapped by the passphrase in `store_key`. Revisions saved before this
/// version are sealed when the store is first unlocked (`Store::unlock`).
const V3: &str = "
ALTER TABLE revisions ADD COLUMN sealed BLOB;
CREATE INDEX revisions_unsealed ON revisions (id) WHERE sealed IS NULL;
CREATE TABLE store_key (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    key_id     TEXT NOT NULL,
    salt       BLOB NOT NULL,
    kdf        TEXT NOT NULL,
    wrapped    BLOB NOT NULL,
    key_check  BLOB NOT NULL,
    created_at TEXT NOT NULL
);
";

/// Version 4: the documents exported from each case (title, file name without its folder,
/// pages, SHA-256, the revision and time), and their own contentless search index, so the
/// library finds a case by what was filed from it. Titles and file names are kept with the
/// case's protected values blanked out, as the case search does; deleting a record deletes
/// its index entry.
const V4: &str = "
CREATE TABLE case_exports (
    id          INTEGER PRIMARY KEY,
    case_id     INTEGER NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    rev         INTEGER NOT NULL,
    title       TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    pages       INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    exported_at TEXT NOT NULL
);
CREATE INDEX case_exports_by_case ON case_exports (case_id, id);
CREATE VIRTUAL TABLE export_search USING fts5 (
    title, file_name,
    content = '', contentless_delete = 1,
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER case_exports_unindex AFTER DELETE ON case_exports BEGIN
    DELETE FROM export_search WHERE rowid = old.id;
END;
";

/// Connection settings: full sync, foreign keys, and `secure_delete`, which zeroes the
/// bytes of deleted rows and freed pages instead of leaving them readable in the file.
const SETTINGS: &str =
    "PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA secure_delete = ON;";

/// Makes a file readable and writable by its owner only (0600); nothing elsewhere.
pub(crate) fn owner_only(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let meta = std::fs::metadata(path)?;
        if meta.permissions().mode() & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600))?;
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

/// Opens (creating if absent) the database at `path`, checked and migrated. The flag is
/// true when the database could only be opened read-only.
pub(crate) fn open(path: &Path) -> Result<(Connection, bool)> {
    sweep_leftovers(path);
    if !path.exists() {
        create_new(path)?;
    }
    check_header(path)?;
    // A file made by an older Drafter (0644): its owner's alone from now on, with its
    // write-ahead log and index, which SQLite creates with the database's permissions.
    // Where that is not allowed (someone else's file), `Store::warnings` says so.
    for p in [
        path.to_path_buf(),
        with_suffix(path, "-wal"),
        with_suffix(path, "-shm"),
    ] {
        if p.exists() {
            let _ = owner_only(&p);
        }
    }
    let sq = |e| StoreError::sqlite(path, e);
    // The companion files SQLite creates on open; on a refusal, the ones it created (and
    // left empty) are removed again, so the folder is as it was.
    let companions: Vec<(PathBuf, bool)> = ["-wal", "-shm"]
        .iter()
        .map(|s| {
            let p = with_suffix(path, s);
            let existed = p.exists();
            (p, existed)
        })
        .collect();
    let tidy = |conn: Connection| {
        drop(conn);
        for (i, (p, existed)) in companions.iter().enumerate() {
            // The log only if nothing was written to it; the index (`-shm`) holds no data.
            let removable = i == 1 || std::fs::metadata(p).is_ok_and(|m| m.len() == 0);
            if !existed && removable {
                let _ = std::fs::remove_file(p);
            }
        }
    };
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(sq)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sq)?;
    // No checkpoint on close until the file is known to be sound: a damaged file and its
    // write-ahead log are left exactly as they were.
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)
        .map_err(sq)?;
    let sound = integrity_check(&conn, path).and_then(|()| check_version(&conn, path, false));
    match sound {
        Ok(()) => {}
        Err(e) if cannot_write(&e) => {
            tidy(conn);
            return open_read_only(path).map(|c| (c, true));
        }
        Err(e) => {
            tidy(conn);
            return Err(e);
        }
    }
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)
        .map_err(sq)?;

    let version = user_version(&conn).map_err(sq)?;

    // From here on the file is known to be a sound Drafter database. Upgrades first, in
    // the journal mode the file already has, so a failed upgrade leaves it as it was;
    // then the write-ahead log.
    conn.execute_batch(SETTINGS).map_err(sq)?;
    if version < CURRENT_VERSION {
        migrate(&conn, path, CURRENT_VERSION, true)?;
    }
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(sq)?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Sqlite {
            path: path.to_path_buf(),
            cause: rusqlite::Error::InvalidParameterName(format!(
                "the journal could not be switched to WAL (it is `{mode}`)"
            )),
        });
    }
    Ok((conn, false))
}

/// Refuses a database of a later version or of another program; `read_only` also refuses
/// one that needs an upgrade (which would write).
fn check_version(conn: &Connection, path: &Path, read_only: bool) -> Result<()> {
    let sq = |e| StoreError::sqlite(path, e);
    let version = user_version(conn).map_err(sq)?;
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .map_err(sq)?;
    if version > CURRENT_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: version,
            supported: CURRENT_VERSION,
        });
    }
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
        .map_err(sq)?;
    if (version == 0 && tables > 0) || (version > 0 && app != APPLICATION_ID) {
        return Err(StoreError::NotDrafter {
            path: path.to_path_buf(),
        });
    }
    if read_only && version < CURRENT_VERSION {
        return Err(StoreError::ReadOnly {
            path: path.to_path_buf(),
            reason: format!(
                "it needs an upgrade from version {version} to {CURRENT_VERSION}, which cannot be written here; open it once where its folder is writable"
            ),
        });
    }
    Ok(())
}

/// Whether an error says the file or its folder cannot be written (rather than damaged).
fn cannot_write(e: &StoreError) -> bool {
    use rusqlite::ffi::ErrorCode;
    matches!(e, StoreError::Sqlite { cause: rusqlite::Error::SqliteFailure(f, _), .. }
        if matches!(f.code, ErrorCode::CannotOpen | ErrorCode::ReadOnly | ErrorCode::PermissionDenied))
}

/// Opens a sound database read-only, for a folder Drafter cannot write. Without a pending
/// write-ahead log the file is opened as immutable (SQLite then needs no `-shm` file,
/// which the folder could not hold).
fn open_read_only(path: &Path) -> Result<Connection> {
    let sq = |e| StoreError::sqlite(path, e);
    let pending_wal = std::fs::metadata(with_suffix(path, "-wal")).is_ok_and(|m| m.len() > 0);
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    let conn = if pending_wal {
        Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
    } else {
        Connection::open_with_flags(format!("file:{}?immutable=1", uri_path(path)), flags)
    }
    .map_err(sq)?;
    conn.busy_timeout(BUSY_TIMEOUT).map_err(sq)?;
    match integrity_check(&conn, path) {
        Ok(()) => {}
        Err(e) if cannot_write(&e) => {
            return Err(StoreError::ReadOnly {
                path: path.to_path_buf(),
                reason: "its folder cannot be written and it holds changes not yet merged into the file (a -wal file); open it once where the folder is writable".into(),
            })
        }
        Err(e) => return Err(e),
    }
    check_version(&conn, path, true)?;
    Ok(conn)
}

/// `path` as the path part of a SQLite `file:` URI.
fn uri_path(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = String::new();
    for c in abs.to_string_lossy().chars() {
        match c {
            '%' | '?' | '#' => out.push_str(&format!("%{:02X}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Removes the temporary files of a creation whose process is gone
/// (`.drafter.sqlite.new-PID-TIME` and its `-wal` and `-shm`).
fn sweep_leftovers(path: &Path) {
    let (Some(dir), Some(name)) = (path.parent(), path.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.new-", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let file = e.file_name();
        let Some(rest) = file.to_str().and_then(|f| f.strip_prefix(&prefix)) else {
            continue;
        };
        let pid = rest.split('-').next().and_then(|p| p.parse::<u32>().ok());
        if pid.is_some_and(|pid| !process_alive(pid)) {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Whether a process with this id is running (on systems without `/proc`, assumed so).
fn process_alive(pid: u32) -> bool {
    if pid == std::process::id() {
        return true;
    }
    let proc_root = Path::new("/proc/self");
    if !proc_root.exists() {
        return true;
    }
    Path::new("/proc").join(pid.to_string()).exists()
}

/// Builds an empty database at the current version under a temporary name, then links it
/// into place (never replacing a file another process created meanwhile).
fn create_new(path: &Path) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.new-{}-{}",
        path.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let result = (|| {
        let sq = |e| StoreError::sqlite(&tmp, e);
        let conn = Connection::open(&tmp).map_err(sq)?;
        owner_only(&tmp).map_err(|cause| StoreError::Io {
            action: "restrict the permissions of",
            path: tmp.clone(),
            cause,
        })?;
        conn.query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))
            .map_err(sq)?;
        conn.execute_batch(SETTINGS).map_err(sq)?;
        migrate(&conn, &tmp, CURRENT_VERSION, false)?;
        conn.close().map_err(|(_, e)| sq(e))?;
        match std::fs::hard_link(&tmp, path) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
            // A file system without hard links: rename, unless someone got there first.
            Err(_) if !path.exists() => {
                std::fs::rename(&tmp, path).map_err(|cause| StoreError::Io {
                    action: "create",
                    path: path.to_path_buf(),
                    cause,
                })
            }
            Err(_) => Ok(()),
        }
    })();
    for p in [
        tmp.clone(),
        with_suffix(&tmp, "-wal"),
        with_suffix(&tmp, "-shm"),
    ] {
        let _ = std::fs::remove_file(p);
    }
    result
}

/// Looks at the file's first bytes and length without opening it as a database.
fn check_header(path: &Path) -> Result<()> {
    let damaged = |detail: String| StoreError::Damaged {
        path: path.to_path_buf(),
        detail,
    };
    let io = |cause| StoreError::Io {
        action: "read",
        path: path.to_path_buf(),
        cause,
    };
    let meta = std::fs::metadata(path).map_err(io)?;
    if !meta.is_file() {
        return Err(damaged("it is not a file".into()));
    }
    let len = meta.len();
    if len == 0 {
        return Err(damaged("the file is empty".into()));
    }
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut got = 0;
    while got < header.len() {
        match file.read(&mut header[got..]).map_err(io)? {
            0 => break,
            n => got += n,
        }
    }
    if got < header.len() || &header[..16] != b"SQLite format 3\0" {
        return Err(damaged(
            "it does not begin with a SQLite database header".into(),
        ));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        n => {
            return Err(damaged(format!(
                "its header gives an impossible page size ({n})"
            )))
        }
    };
    // With a write-ahead log or a rollback journal left by a crash, the main file may
    // legitimately be shorter or longer than its header says until SQLite recovers it;
    // the integrity check after recovery decides.
    let pending = ["-wal", "-journal"]
        .iter()
        .any(|s| std::fs::metadata(with_suffix(path, s)).is_ok_and(|m| m.len() > 0));
    if pending {
        return Ok(());
    }
    if len % page_size != 0 {
        return Err(damaged(format!(
            "the file is truncated: {len} bytes is not a whole number of {page_size}-byte pages"
        )));
    }
    let change_counter = &header[24..28];
    let valid_for = &header[92..96];
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    if change_counter == valid_for && pages > 0 && len < pages * page_size {
        return Err(damaged(format!(
            "the file is truncated: it holds {len} bytes of the {} its header records",
            pages * page_size
        )));
    }
    Ok(())
}

/// Runs `PRAGMA integrity_check`; anything but `ok` is a damaged file.
pub(crate) fn integrity_check(conn: &Connection, path: &Path) -> Result<()> {
    let rows: rusqlite::Result<Vec<String>> = (|| {
        let mut stmt = conn.prepare("PRAGMA integrity_check(5)")?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        rows.collect()
    })();
    match rows {
        Ok(rows) if rows.len() == 1 && rows[0] == "ok" => Ok(()),
        Ok(rows) => Err(StoreError::Damaged {
            path: path.to_path_buf(),
            detail: format!("integrity check: {}", rows.join("; ")),
        }),
        // Corruption is `Damaged` (see `StoreError::sqlite`); a folder or file that cannot
        // be opened or written is not.
        Err(e) => Err(StoreError::sqlite(path, e)),
    }
}

pub(crate) fn user_version(conn: &Connection) -> rusqlite::Result<u32> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the database up to `target`, one numbered step at a time. When `backup` is set,
/// each step from an existing version N first copies the file to `…bak-vN`.
pub(crate) fn migrate(conn: &Connection, path: &Path, target: u32, backup: bool) -> Result<()> {
    let sq = |e| StoreError::sqlite(path, e);
    loop {
        let from = user_version(conn).map_err(sq)?;
        if from >= target {
            return Ok(());
        }
        // The backup is taken before the write transaction (SQLite cannot copy a
        // database from a connection that is writing to it); it is kept only if the
        // version is still the same once the write lock is held.
        let copy = if backup && from > 0 {
            Some(backup_copy(conn, path, from)?)
        } else {
            None
        };
        let tx = rusqlite::Transaction::new_unchecked(conn, TransactionBehavior::Immediate)
            .map_err(sq)?;
        if user_version(&tx).map_err(sq)? != from {
            // Another process upgraded the file meanwhile; our copy is of an older state
            // that is backed up under its own name already.
            drop(tx);
            if let Some(copy) = copy {
                let _ = std::fs::remove_file(copy);
            }
            continue;
        }
        let to = from + 1;
        let failed = |detail: String| StoreError::Migration {
            path: path.to_path_buf(),
            from,
            to,
            detail,
        };
        step(&tx, to).map_err(failed)?;
        tx.pragma_update(None, "user_version", to)
            .map_err(|e| failed(e.to_string()))?;
        tx.commit().map_err(|e| failed(e.to_string()))?;
    }
}

/// One migration step, inside the caller's transaction.
fn step(conn: &Connection, to: u32) -> std::result::Result<(), String> {
    match to {
        1 => {
            conn.pragma_update(None, "application_id", APPLICATION_ID)
                .map_err(|e| e.to_string())?;
            conn.execute_batch(V1).map_err(|e| e.to_string())
        }
        2 => {
            conn.execute_batch(V2).map_err(|e| e.to_string())?;
            backfill_v2(conn)
        }
        3 => conn.execute_batch(V3).map_err(|e| e.to_string()),
        4 => conn.execute_batch(V4).map_err(|e| e.to_string()),
        _ => Err(format!("no migration step leads to version {to}")),
    }
}

/// Fills version 2's derived columns from the revisions already stored.
fn backfill_v2(conn: &Connection) -> std::result::Result<(), String> {
    let e = |e: rusqlite::Error| e.to_string();
    let cases: Vec<(i64, String, String)> = {
        let mut stmt = conn
            .prepare("SELECT id, title, created_at FROM cases ORDER BY id")
            .map_err(e)?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(e)?;
        rows.collect::<rusqlite::Result<_>>().map_err(e)?
    };
    for (id, title, created_at) in cases {
        let revs: Vec<(i64, String, String, String)> = {
            let mut stmt = conn
                .prepare(
                    "SELECT rev, profile, author, saved_at FROM revisions
                     WHERE case_id = ?1 ORDER BY rev",
                )
                .map_err(e)?;
            let rows = stmt
                .query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .map_err(e)?;
            rows.collect::<rusqlite::Result<_>>().map_err(e)?
        };
        let mut previous: Option<CaseProfile> = None;
        for (rev, text, _, _) in &revs {
            let profile = CaseProfile::from_json(text, &format!("case {id} revision {rev}"))
                .map_err(|err| err.to_string())?;
            let summary = match &previous {
                None => "created".to_string(),
                Some(p) => diff::summarize(&diff::diff_profiles(p, &profile)),
            };
            conn.execute(
                "UPDATE revisions SET summary = ?3 WHERE case_id = ?1 AND rev = ?2",
                rusqlite::params![id, rev, summary],
            )
            .map_err(e)?;
            previous = Some(profile);
        }
        let (latest, updated_at, updated_by) = match revs.last() {
            Some((rev, _, author, at)) => (*rev, at.clone(), author.clone()),
            None => (0, created_at, String::new()),
        };
        conn.execute(
            "UPDATE cases SET latest_rev = ?2, updated_at = ?3, updated_by = ?4 WHERE id = ?1",
            rusqlite::params![id, latest, updated_at, updated_by],
        )
        .map_err(e)?;
        if let Some(profile) = previous {
            index::reindex(conn, id, &title, &profile).map_err(e)?;
        }
    }
    Ok(())
}

/// Copies the database to `…bak-v{version}` (or `…bak-v{version}.N` when that name is
/// taken) through SQLite's online backup API, into a temporary file that is checked (it
/// must be at `version`), flushed and renamed into place. Returns the backup's path.
fn backup_copy(conn: &Connection, path: &Path, version: u32) -> Result<PathBuf> {
    let base = with_suffix(path, &format!(".bak-v{version}"));
    let mut target = base.clone();
    let mut n = 1;
    while target.exists() {
        target = with_suffix(&base, &format!(".{n}"));
        n += 1;
    }
    let tmp = with_suffix(&target, ".partial");
    let _ = std::fs::remove_file(&tmp);
    let failed = |detail: String| StoreError::Backup {
        path: path.to_path_buf(),
        backup: target.clone(),
        detail,
    };
    let result = (|| {
        let mut dst = Connection::open(&tmp).map_err(|e| failed(e.to_string()))?;
        owner_only(&tmp).map_err(|e| failed(e.to_string()))?;
        {
            let b =
                rusqlite::backup::Backup::new(conn, &mut dst).map_err(|e| failed(e.to_string()))?;
            b.run_to_completion(256, Duration::from_millis(10), None)
                .map_err(|e| failed(e.to_string()))?;
        }
        let copied = user_version(&dst).map_err(|e| failed(e.to_string()))?;
        if copied != version {
            return Err(failed(format!(
                "the copy is at version {copied}, not {version}; another process is upgrading \
                 the file"
            )));
        }
        dst.close().map_err(|(_, e)| failed(e.to_string()))?;
        std::fs::File::open(&tmp)
            .and_then(|f| f.sync_all())
            .map_err(|e| failed(e.to_string()))?;
        std::fs::rename(&tmp, &target).map_err(|e| failed(e.to_string()))?;
        Ok(target.clone())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

pub(crate) fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut s = path.as_os_str().to_os_string();
    s.push(suffix);
    PathBuf::from(s)
}

/// Creates an empty database at `path` at schema `version` (0 ..= current), for tests of
/// the migrations from every earlier schema.
#[doc(hidden)]
pub fn create_at_version(path: &Path, version: u32) -> Result<()> {
    let sq = |e| StoreError::sqlite(path, e);
    let conn = Connection::open(path).map_err(sq)?;
    if version > 0 {
        migrate(&conn, path, version, false)?;
    } else {
        // A real (non-empty) SQLite file with no tables and user_version 0.
        conn.execute_batch("CREATE TABLE t (x); DROP TABLE t;")
            .map_err(sq)?;
    }
    conn.close().map_err(|(_, e)| sq(e))
}
