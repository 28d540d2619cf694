//! Schema migrations: from the committed v1 fixture database and from every earlier schema.
//!
//! `tests/fixtures/store-v1.sqlite` is made by `generate_store_v1_fixture` below (ignored;
//! run it with `cargo test --test store_migrate -- --ignored generate` only to remake the
//! file). It writes the version-1 layout from its own frozen copy of the v1 SQL, so the
//! fixture stays what version 1 really was even if someone edits the code later.

mod common;

use common::fixture;
use drafter::profile::{CaseProfile, Fact};
use drafter::store::schema::{create_at_version, APPLICATION_ID, CURRENT_VERSION};
use drafter::store::{CaseId, ListOptions, Rev, Store, StoreError, FILE_NAME};
use rusqlite::{params, Connection, OpenFlags};
use std::path::{Path, PathBuf};

const FIXTURE: &str = "store-v1.sqlite";

/// The version-1 layout exactly as released (a frozen copy; do not edit).
const V1_SQL: &str = "
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

fn fixture_path() -> PathBuf {
    common::fixtures_dir().join(FIXTURE)
}

/// The revisions the fixture holds: (case title, archived, [(author, saved_at, profile)]).
/// (author, saved_at, profile) of one revision.
type FixtureRevision = (&'static str, &'static str, CaseProfile);

fn fixture_cases() -> Vec<(&'static str, bool, Vec<FixtureRevision>)> {
    let alt1 = fixture("store-alt-uscis.json");
    let mut alt2 = alt1.clone();
    alt2.facts[2].text =
        "The summons demanded the records by a date that had already passed.".into();
    let mut alt3 = alt2.clone();
    alt3.facts.push(Fact {
        text: "On April 7, 2017, the agency withdrew the summons.".into(),
        heading: Some("Withdrawal".into()),
    });
    let min1 = fixture("store-minimal.json");
    let mut min2 = min1.clone();
    min2.case_number = Some("CGC-17-555555".into());
    vec![
        (
            "Twitter v. DHS (ALT_USCIS summons)",
            false,
            vec![
                ("paralegal-a", "2017-04-03T16:20:00.000Z", alt1),
                ("paralegal-b", "2017-04-05T09:12:30.250Z", alt2),
                ("paralegal-a", "2017-04-07T18:45:00.000Z", alt3),
            ],
        ),
        (
            "Doe v. Acme",
            true,
            vec![(
                "paralegal-b",
                "2024-01-15T12:00:00.000Z",
                fixture("store-doe-v-acme.json"),
            )],
        ),
        (
            "State court matter",
            false,
            vec![
                ("paralegal-a", "2023-06-01T08:00:00.000Z", min1),
                ("paralegal-a", "2023-06-02T08:00:00.000Z", min2),
            ],
        ),
        // Case 4 is created and deleted: its id must never be reused.
        (
            "Deleted",
            true,
            vec![(
                "paralegal-a",
                "2023-07-01T08:00:00.000Z",
                fixture("store-minimal.json"),
            )],
        ),
    ]
}

/// Remakes tests/fixtures/store-v1.sqlite. Run by hand only.
#[test]
#[ignore = "writes the committed fixture; run by hand to remake it"]
fn generate_store_v1_fixture() {
    let path = fixture_path();
    let _ = std::fs::remove_file(&path);
    write_v1_database(&path);
    eprintln!("wrote {}", path.display());
}

fn write_v1_database(path: &Path) {
    let conn = Connection::open(path).unwrap();
    conn.pragma_update(None, "application_id", APPLICATION_ID)
        .unwrap();
    conn.execute_batch(V1_SQL).unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    for (title, archived, revs) in fixture_cases() {
        conn.execute(
            "INSERT INTO cases (title, created_at, archived) VALUES (?1, ?2, ?3)",
            params![title, revs[0].1, archived],
        )
        .unwrap();
        let id = conn.last_insert_rowid();
        for (i, (author, at, profile)) in revs.iter().enumerate() {
            conn.execute(
                "INSERT INTO revisions (case_id, rev, profile, author, saved_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![id, i as i64 + 1, profile.to_json(), author, at],
            )
            .unwrap();
        }
        if title == "Deleted" {
            conn.execute("DELETE FROM revisions WHERE case_id = ?1", [id])
                .unwrap();
            conn.execute("DELETE FROM cases WHERE id = ?1", [id])
                .unwrap();
        }
    }
    conn.execute_batch("VACUUM").unwrap();
}

/// A copy of the committed fixture as `drafter.sqlite` in a fresh folder.
fn copy_fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    std::fs::copy(fixture_path(), &path).unwrap();
    (dir, path)
}

/// The schema as SQLite records it: (type, name, sql), sorted.
fn schema_of(path: &Path) -> Vec<(String, String, Option<String>)> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, sql FROM sqlite_master ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn dump_v1(path: &Path) -> Vec<String> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let mut out = Vec::new();
    let mut stmt = conn
        .prepare("SELECT id, title, created_at, archived FROM cases ORDER BY id")
        .unwrap();
    for row in stmt
        .query_map([], |r| {
            Ok(format!(
                "{}|{}|{}|{}",
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, i64>(3)?
            ))
        })
        .unwrap()
    {
        out.push(row.unwrap());
    }
    let mut stmt = conn
        .prepare(
            "SELECT case_id, rev, profile, author, saved_at FROM revisions ORDER BY case_id, rev",
        )
        .unwrap();
    for row in stmt
        .query_map([], |r| {
            // The profile text is compared in the current profile schema: the generator
            // writes profiles through `CaseProfile::to_json`, which migrates them.
            let profile = r.get::<_, String>(2)?;
            let profile = CaseProfile::from_json(&profile, "revision")
                .map(|p| p.to_json())
                .unwrap_or(profile);
            Ok(format!(
                "{}|{}|{}|{}|{}",
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                profile,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?
            ))
        })
        .unwrap()
    {
        out.push(row.unwrap());
    }
    out
}

#[test]
fn the_committed_fixture_is_a_version_1_database() {
    let path = fixture_path();
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let version: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    let app: i32 = conn
        .query_row("PRAGMA application_id", [], |r| r.get(0))
        .unwrap();
    assert_eq!((version, app), (1, APPLICATION_ID));
    drop(conn);
    // Its layout is what the store's own step to version 1 makes.
    let dir = tempfile::tempdir().unwrap();
    let made = dir.path().join("v1.sqlite");
    create_at_version(&made, 1).unwrap();
    assert_eq!(schema_of(&path), schema_of(&made));
    // And its contents are what the generator writes.
    let regenerated = dir.path().join("regenerated.sqlite");
    write_v1_database(&regenerated);
    assert_eq!(dump_v1(&path), dump_v1(&regenerated));
}

#[test]
fn the_v1_fixture_migrates_with_a_backup_and_keeps_every_revision() {
    let (dir, path) = copy_fixture();
    let before = dump_v1(&path);

    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.schema_version().unwrap(), CURRENT_VERSION);
    store.check_integrity().unwrap();

    // The backup holds the version-1 database as it was.
    let backup = dir.path().join(format!("{FILE_NAME}.bak-v1"));
    assert!(backup.is_file());
    let conn = Connection::open_with_flags(&backup, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let v: u32 = conn
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(v, 1);
    drop(conn);
    assert_eq!(dump_v1(&backup), before);

    // Every case and revision is there, with who and when.
    let all = ListOptions {
        include_archived: true,
        limit: None,
    };
    let cases = store.list(&all).unwrap();
    let titles: Vec<(&str, u32, bool)> = cases
        .iter()
        .map(|c| (c.title.as_str(), c.latest_rev.0, c.archived))
        .collect();
    assert_eq!(
        titles,
        [
            ("Doe v. Acme", 1, true),
            ("State court matter", 2, false),
            ("Twitter v. DHS (ALT_USCIS summons)", 3, false),
        ],
        "most recently saved first"
    );
    assert_eq!(store.list(&ListOptions::default()).unwrap().len(), 2);
    let alt = CaseId(1);
    let history = store.history(alt).unwrap();
    let h: Vec<(u32, &str, String, &str)> = history
        .iter()
        .map(|r| {
            (
                r.rev.0,
                r.author.as_str(),
                r.saved_at
                    .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
                r.summary.as_str(),
            )
        })
        .collect();
    assert_eq!(
        h,
        [
            (
                3,
                "paralegal-a",
                "2017-04-07T18:45:00.000Z".to_string(),
                "added facts[5]"
            ),
            (
                2,
                "paralegal-b",
                "2017-04-05T09:12:30.250Z".to_string(),
                "changed facts[2].text"
            ),
            (
                1,
                "paralegal-a",
                "2017-04-03T16:20:00.000Z".to_string(),
                "created"
            ),
        ]
    );
    let expected = fixture_cases();
    for (i, (_, _, revs)) in expected.iter().take(3).enumerate() {
        for (r, (_, _, profile)) in revs.iter().enumerate() {
            let shown = store
                .show(CaseId(i as i64 + 1), Some(Rev(r as u32 + 1)))
                .unwrap();
            assert_eq!(&shown.profile, profile);
        }
    }
    let case = store.case(alt).unwrap();
    assert_eq!(case.case_number.as_deref(), Some("3:17-cv-01916"));
    assert_eq!(
        case.updated_at
            .to_rfc3339_opts(chrono::SecondsFormat::Millis, true),
        "2017-04-07T18:45:00.000Z"
    );
    assert_eq!(case.updated_by, "paralegal-a");

    // Search and pickers work on migrated data, protected values excluded.
    let find = |s: &Store, q: &str| -> Vec<i64> {
        s.search(q, &all).unwrap().iter().map(|c| c.id.0).collect()
    };
    assert_eq!(find(&store, "McAleenan"), [1]);
    assert_eq!(find(&store, "3:17-cv-01916"), [1]);
    assert_eq!(find(&store, "withdrew"), [1]);
    assert_eq!(find(&store, "CGC-17-555555"), [3]);
    assert!(find(&store, "Hollister").is_empty());
    assert!(find(&store, "Vantongeren").is_empty());
    assert_eq!(store.known_counsel().unwrap().len(), 3);
    assert_eq!(store.known_courts().unwrap().len(), 3);

    // Work goes on (once unlocked: the cases have protected values): saves continue the
    // numbering, conflicts are caught, ids are not reused.
    store.unlock("migration test passphrase", false).unwrap();
    let latest = store.show(alt, None).unwrap().profile;
    assert_eq!(store.save(alt, &latest, Rev(3)).unwrap(), Rev(4));
    assert!(store.save(alt, &latest, Rev(3)).unwrap_err().is_conflict());
    let new = store.create("After upgrade", &latest).unwrap();
    assert_eq!(new, CaseId(5), "the deleted case 4's id is not reused");

    // Opening again does not migrate or back up again; the backup, which held protected
    // values in the clear, went when they were sealed.
    drop(store);
    Store::open(dir.path()).unwrap();
    let backups = std::fs::read_dir(dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .contains(".bak-")
        })
        .count();
    assert_eq!(backups, 0);
    // The committed fixture itself was never touched (tests work on copies).
    assert_eq!(dump_v1(&fixture_path()), before);
}

#[test]
fn a_migrated_database_has_the_same_schema_as_a_new_one() {
    let (_dir, migrated) = copy_fixture();
    Store::open_file(&migrated).unwrap();
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = Store::open(fresh_dir.path()).unwrap();
    assert_eq!(schema_of(&migrated), schema_of(fresh.path()));
}

#[test]
fn every_earlier_schema_migrates_to_the_current_one() {
    let fresh_dir = tempfile::tempdir().unwrap();
    let fresh = Store::open(fresh_dir.path()).unwrap();
    let want = schema_of(fresh.path());
    for version in 0..CURRENT_VERSION {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(FILE_NAME);
        create_at_version(&path, version).unwrap();
        let mut store = Store::open(dir.path()).unwrap();
        assert_eq!(
            store.schema_version().unwrap(),
            CURRENT_VERSION,
            "from v{version}"
        );
        assert_eq!(schema_of(&path), want, "from v{version}");
        let backup = dir.path().join(format!("{FILE_NAME}.bak-v{version}"));
        assert_eq!(backup.exists(), version > 0, "from v{version}");
        let id = store
            .create("Works", &fixture("store-minimal.json"))
            .unwrap();
        assert_eq!(
            store.search("works", &ListOptions::default()).unwrap()[0].id,
            id
        );
    }
}

#[test]
fn an_existing_backup_is_never_replaced() {
    let (dir, _path) = copy_fixture();
    let first = dir.path().join(format!("{FILE_NAME}.bak-v1"));
    std::fs::write(&first, b"an older backup").unwrap();
    Store::open(dir.path()).unwrap();
    assert_eq!(std::fs::read(&first).unwrap(), b"an older backup");
    let second = dir.path().join(format!("{FILE_NAME}.bak-v1.1"));
    assert_eq!(dump_v1(&second), dump_v1(&fixture_path()));
}

#[test]
fn a_failed_migration_leaves_the_database_as_it_was() {
    let (dir, path) = copy_fixture();
    {
        let conn = Connection::open(&path).unwrap();
        let text: String = conn
            .query_row(
                "SELECT profile FROM revisions WHERE case_id = 3 AND rev = 2",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let broken = text.replacen(
            "\"schema\": 1,",
            "\"schema\": 1,\n  \"colour\": \"red\",",
            1,
        );
        conn.execute(
            "UPDATE revisions SET profile = ?1 WHERE case_id = 3 AND rev = 2",
            [broken],
        )
        .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Store::open(dir.path()).unwrap_err();
    assert!(
        matches!(err, StoreError::Migration { from: 1, to: 2, .. }),
        "{err}"
    );
    let msg = err.to_string();
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains("case 3 revision 2"), "{msg}");
    assert!(msg.contains("colour"), "{msg}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the database is unchanged"
    );
}

/// Every protected value of every fixture revision.
fn fixture_protected_values() -> Vec<String> {
    let mut values: Vec<String> = fixture_cases()
        .iter()
        .flat_map(|(_, _, revs)| revs.iter())
        .flat_map(|(_, _, p)| {
            p.protected_values()
                .into_iter()
                .map(|(_, v)| v.to_string())
                .collect::<Vec<_>>()
        })
        .collect();
    values.sort();
    values.dedup();
    values
}

/// The protected values found in the clear in any file of `dir` (the database, its
/// write-ahead log, backups).
fn clear_values_in(dir: &Path, values: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for v in values {
            if bytes.windows(v.len()).any(|w| w == v.as_bytes()) {
                found.push(format!(
                    "{v} in {}",
                    path.file_name().unwrap().to_string_lossy()
                ));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn unlocking_a_migrated_store_seals_every_revision_and_keeps_them_all() {
    let (dir, _path) = copy_fixture();
    let values = fixture_protected_values();
    assert!(values.iter().any(|v| v == "Morgan Q. Hollister"));
    assert!(
        !clear_values_in(dir.path(), &values).is_empty(),
        "the v1 fixture holds protected values in the clear (what this test is about)"
    );

    // Opened without the key: upgraded, still readable, and it says what is not sealed.
    let mut store = Store::open(dir.path()).unwrap();
    let status = store.status().unwrap();
    assert_eq!(status.key, drafter::store::KeyState::NoPassphrase);
    assert_eq!(status.sealed_revisions, 0);
    assert_eq!(
        status.unsealed_revisions, 4,
        "three of case 1, one of case 2"
    );

    // The first passphrase given sets it, and seals every old revision.
    store.unlock("migration test passphrase", false).unwrap();
    let status = store.status().unwrap();
    assert_eq!(status.key, drafter::store::KeyState::Unlocked);
    assert_eq!((status.sealed_revisions, status.unsealed_revisions), (4, 0));
    drop(store);
    assert_eq!(clear_values_in(dir.path(), &values), Vec::<String>::new());

    // Every revision is still there, whole, once unlocked.
    let mut store = Store::open(dir.path()).unwrap();
    let locked = store.show(CaseId(1), Some(Rev(1))).unwrap();
    assert!(locked.locked);
    assert!(locked.profile.protected_values().is_empty());
    assert!(matches!(
        store.unlock("not it at all", false),
        Err(StoreError::WrongPassphrase { .. })
    ));
    store.unlock("migration test passphrase", false).unwrap();
    let expected = fixture_cases();
    for (i, (_, _, revs)) in expected.iter().take(3).enumerate() {
        for (r, (_, _, profile)) in revs.iter().enumerate() {
            let shown = store
                .show(CaseId(i as i64 + 1), Some(Rev(r as u32 + 1)))
                .unwrap();
            assert!(!shown.locked);
            assert_eq!(&shown.profile, profile, "case {} revision {}", i + 1, r + 1);
        }
    }
    let history = store.history(CaseId(1)).unwrap();
    assert_eq!(history.len(), 3);
    // Search still never finds protected values.
    let all = ListOptions {
        include_archived: true,
        limit: None,
    };
    assert!(store.search("Hollister", &all).unwrap().is_empty());
    assert_eq!(store.search("McAleenan", &all).unwrap().len(), 1);
}

#[test]
fn a_version_2_store_with_protected_values_in_the_clear_is_sealed_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    create_at_version(&path, 2).unwrap();
    let doe = fixture("store-doe-v-acme.json");
    {
        // What version 2 wrote: the whole profile, protected block included, as text.
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO cases (title, created_at, latest_rev, updated_at, updated_by)
             VALUES ('Doe', '2024-01-15T12:00:00.000Z', 2, '2024-01-16T12:00:00.000Z', 'a')",
            [],
        )
        .unwrap();
        for rev in 1..=2 {
            conn.execute(
                "INSERT INTO revisions (case_id, rev, profile, author, saved_at, summary)
                 VALUES (1, ?1, ?2, 'a', '2024-01-15T12:00:00.000Z', 'x')",
                params![rev, doe.to_json()],
            )
            .unwrap();
        }
    }
    let values: Vec<String> = doe
        .protected_values()
        .into_iter()
        .map(|(_, v)| v.to_string())
        .collect();
    assert!(!clear_values_in(dir.path(), &values).is_empty());

    let mut store = Store::open(dir.path()).unwrap();
    assert_eq!(store.status().unwrap().unsealed_revisions, 2);
    store.unlock("version two passphrase", false).unwrap();
    drop(store);
    assert_eq!(clear_values_in(dir.path(), &values), Vec::<String>::new());
    let mut store = Store::open(dir.path()).unwrap();
    store.unlock("version two passphrase", false).unwrap();
    for rev in 1..=2 {
        assert_eq!(store.show(CaseId(1), Some(Rev(rev))).unwrap().profile, doe);
    }
}

/// Profile schema 1 -> 2 on a saved store: every revision of the committed version-1
/// store opens; a version-1 government agency or official becomes a party of the United
/// States (an official sued in an official capacity), as schema 1 meant; and nothing else
/// in any revision changes.
#[test]
fn profile_schema_1_revisions_gain_sovereign_and_capacity_and_lose_nothing() {
    let (dir, path) = copy_fixture();
    let conn = Connection::open_with_flags(&path, OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let raw: Vec<(i64, u32, String)> = conn
        .prepare("SELECT case_id, rev, profile FROM revisions ORDER BY case_id, rev")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    drop(conn);
    assert_eq!(raw.len(), 6, "every revision of the fixture");
    let store = Store::open(dir.path()).unwrap();
    let mut governments = 0;
    for (case, rev, text) in raw {
        let old: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(old["schema"], 1, "the fixture holds schema-1 profiles");
        let shown = store.show(CaseId(case), Some(Rev(rev))).unwrap();
        assert_eq!(shown.profile.schema, drafter::profile::CURRENT_SCHEMA);
        let mut new: serde_json::Value = serde_json::from_str(&shown.profile.to_json()).unwrap();
        for (i, party) in new["parties"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            let kind = party["kind"].as_str().unwrap().to_string();
            let obj = party.as_object_mut().unwrap();
            match kind.as_str() {
                "government-agency" => {
                    assert_eq!(obj.remove("sovereign").unwrap(), "united-states");
                    assert!(!obj.contains_key("sued_in"));
                    governments += 1;
                }
                "government-official" => {
                    assert_eq!(obj.remove("sovereign").unwrap(), "united-states");
                    assert_eq!(obj.remove("sued_in").unwrap(), "official-capacity");
                    governments += 1;
                }
                _ => assert!(
                    !obj.contains_key("sovereign") && !obj.contains_key("sued_in"),
                    "case {case} rev {rev} parties[{i}]"
                ),
            }
        }
        new["schema"] = serde_json::Value::from(1);
        assert_eq!(
            new, old,
            "case {case} rev {rev}: only the new fields differ"
        );
    }
    // Three revisions of the ALT_USCIS case, each with two agencies and two officials.
    assert_eq!(governments, 12);
}
