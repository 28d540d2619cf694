//! The case store through its public API.

mod common;

use common::{fixture, fixture_text, fixtures_dir, snapshot};
use drafter::profile::{CaseProfile, Fact};
use drafter::store::{CaseId, ListOptions, Rev, Store, StoreError, FILE_NAME};
use std::path::PathBuf;

/// The passphrase the tests' stores are locked with.
const PASSPHRASE: &str = "test passphrase 1";

/// Opens the store in `dir`, unlocked (protected values are sealed with its key).
fn open(dir: &std::path::Path) -> Store {
    let mut store = Store::open(dir).unwrap();
    store.unlock(PASSPHRASE, false).unwrap();
    store
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(dir.path());
    store.set_author("tester");
    (dir, store)
}

const ALL: ListOptions = ListOptions {
    include_archived: true,
    limit: None,
};

fn ids(cases: &[drafter::store::CaseSummary]) -> Vec<i64> {
    cases.iter().map(|c| c.id.0).collect()
}

#[test]
fn fts5_is_compiled_into_the_bundled_sqlite() {
    let conn = rusqlite::Connection::open_in_memory().unwrap();
    let used: bool = conn
        .query_row("SELECT sqlite_compileoption_used('ENABLE_FTS5')", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert!(used, "the bundled SQLite must have FTS5");
    conn.execute_batch("CREATE VIRTUAL TABLE t USING fts5(x)")
        .unwrap();
}

#[test]
fn opening_sets_up_wal_and_the_current_schema() {
    let (dir, store) = store();
    assert_eq!(store.path(), dir.path().join(FILE_NAME));
    assert_eq!(
        store.schema_version().unwrap(),
        drafter::store::schema::CURRENT_VERSION
    );
    let conn = rusqlite::Connection::open(store.path()).unwrap();
    let mode: String = conn
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    // Opening again (a second window) works and sees the same file.
    let again = open(dir.path());
    again.check_integrity().unwrap();
    // A folder that does not exist yet is created.
    let nested = dir.path().join("a/b");
    open(&nested);
    assert!(nested.join(FILE_NAME).is_file());
}

/// Import → export is exact for the example and for every fixture profile.
#[test]
fn import_then_export_round_trips_exactly() {
    let (dir, mut store) = store();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();

    // The built-in example.
    let example = drafter::examples::profile("alt-uscis").expect("the example exists");
    let id = store.create("Example", &example).unwrap();
    let path = store
        .export(id, &out.join("example.case.json"), true)
        .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, example.to_json());
    assert_eq!(
        text,
        drafter::examples::json("alt-uscis").unwrap(),
        "byte for byte"
    );
    assert_eq!(CaseProfile::from_json(&text, "export").unwrap(), example);

    // Every fixture that is a profile (fixtures of bad input are skipped by name).
    let mut checked = 0;
    let mut entries: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    entries.sort();
    for file in entries {
        let original = std::fs::read_to_string(&file).unwrap();
        let Ok(profile) = CaseProfile::from_json(&original, &file.display().to_string()) else {
            continue;
        };
        let imported = store.import(std::slice::from_ref(&file)).unwrap();
        assert_eq!(imported.len(), 1);
        let exported = store.export(imported[0].id, &out, true).unwrap();
        assert!(exported
            .file_name()
            .unwrap()
            .to_string_lossy()
            .ends_with(".case.json"));
        let text = std::fs::read_to_string(&exported).unwrap();
        // Exactly the profile JSON…
        assert_eq!(text, profile.to_json(), "{}", file.display());
        assert_eq!(
            CaseProfile::from_json(&text, "export").unwrap(),
            profile,
            "{}",
            file.display()
        );
        // …and byte for byte the file itself (fixtures are kept in the canonical layout).
        assert_eq!(text, original, "{}", file.display());
        // A second trip changes nothing.
        let again = store.import(std::slice::from_ref(&exported)).unwrap();
        let second = store
            .export(again[0].id, &dir.path().join("second.json"), true)
            .unwrap();
        assert_eq!(std::fs::read_to_string(second).unwrap(), text);
        checked += 1;
    }
    assert!(checked >= 3, "only {checked} fixture profiles were checked");
    // The committed store fixtures are canonical, so they round-trip byte for byte.
    for name in [
        "store-alt-uscis.json",
        "store-minimal.json",
        "store-doe-v-acme.json",
    ] {
        assert_eq!(fixture(name).to_json(), fixture_text(name), "{name}");
    }
}

#[test]
fn export_all_writes_every_case_and_imports_back() {
    let (dir, mut store) = store();
    let a = store
        .create("Same Title", &fixture("store-alt-uscis.json"))
        .unwrap();
    let b = store
        .create("Same Title", &fixture("store-minimal.json"))
        .unwrap();
    let c = store
        .create("Doe v. Acme", &fixture("store-doe-v-acme.json"))
        .unwrap();
    store.archive(c).unwrap();
    let backup = dir.path().join("backup");
    let written = store.export_all(&backup, true).unwrap();
    assert_eq!(written.len(), 3, "archived cases are backed up too");
    let names: Vec<String> = written
        .iter()
        .map(|e| e.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "same-title.case.json".to_string(),
            format!("same-title-{b}.case.json"),
            "doe-v-acme.case.json".to_string()
        ]
    );
    // No temporary files are left behind.
    assert_eq!(std::fs::read_dir(&backup).unwrap().count(), 3);

    let other = tempfile::tempdir().unwrap();
    let mut restored = open(other.path());
    let imported = restored.import(&[backup]).unwrap();
    assert_eq!(imported.len(), 3);
    let mut before: Vec<String> = [a, b, c]
        .iter()
        .map(|id| store.show(*id, None).unwrap().profile.to_json())
        .collect();
    let mut after: Vec<String> = imported
        .iter()
        .map(|i| restored.show(i.id, None).unwrap().profile.to_json())
        .collect();
    before.sort();
    after.sort();
    assert_eq!(before, after);
}

#[test]
fn every_save_is_a_new_revision_with_who_when_and_what() {
    let (_dir, mut store) = store();
    let mut p = fixture("store-alt-uscis.json");
    let id = store.create("ALT_USCIS", &p).unwrap();
    assert_eq!(store.case(id).unwrap().latest_rev, Rev(1));

    p.parties[2].name = "U.S. Customs & Border Protection".into();
    p.facts[4].text = "A changed fact.".into();
    let r2 = store.save(id, &p, Rev(1)).unwrap();
    assert_eq!(r2, Rev(2));
    store.set_author("second person");
    p.facts.push(Fact {
        text: "A new fact.".into(),
        heading: None,
    });
    let r3 = store.save(id, &p, r2).unwrap();
    assert_eq!(r3, Rev(3));
    // Saving an unchanged profile is still a revision.
    assert_eq!(store.save(id, &p, r3).unwrap(), Rev(4));

    let history = store.history(id).unwrap();
    let revs: Vec<u32> = history.iter().map(|h| h.rev.0).collect();
    assert_eq!(revs, [4, 3, 2, 1]);
    assert_eq!(history[3].author, "tester");
    assert_eq!(history[0].author, "second person");
    assert_eq!(history[3].summary, "created");
    assert_eq!(history[2].summary, "changed parties[2].name, facts[4].text");
    assert_eq!(history[1].summary, "added facts[5]");
    assert_eq!(history[0].summary, "no changes");
    assert!(history[0].saved_at >= history[3].saved_at);
    let age = chrono::Utc::now() - history[0].saved_at;
    assert!(age.num_seconds().abs() < 60, "times are UTC now");

    // Field-level diff between any two revisions.
    let d = store.diff(id, Rev(1), Rev(3)).unwrap();
    let paths: Vec<&str> = d.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(paths, ["parties[2].name", "facts[4].text", "facts[5]"]);
    assert_eq!(
        d[0].before,
        Some(serde_json::json!("U.S. Customs and Border Protection"))
    );
    assert_eq!(
        d[0].after,
        Some(serde_json::json!("U.S. Customs & Border Protection"))
    );
    assert_eq!(d[2].before, None);
    assert!(store.diff(id, Rev(3), Rev(4)).unwrap().is_empty());

    // Show any revision; restore one as a new revision.
    let original = fixture("store-alt-uscis.json");
    assert_eq!(store.show(id, Some(Rev(1))).unwrap().profile, original);
    assert_eq!(store.show(id, None).unwrap().info.rev, Rev(4));
    let r5 = store.restore(id, Rev(1)).unwrap();
    assert_eq!(r5, Rev(5));
    let latest = store.show(id, None).unwrap();
    assert_eq!(latest.profile, original);
    assert!(latest.info.summary.starts_with("restored revision 1"));
    assert_eq!(store.history(id).unwrap().len(), 5, "nothing was lost");

    // Unknown case and revision are named.
    let e = store.show(id, Some(Rev(9))).unwrap_err();
    assert_eq!(
        e.to_string(),
        format!("case {id} has no revision 9 (its latest is revision 5)")
    );
    let e = store.show(CaseId(999), None).unwrap_err();
    assert_eq!(e.to_string(), "there is no case 999");
    assert!(matches!(
        store.save(id, &p, Rev(7)),
        Err(StoreError::RevisionNotFound { .. })
    ));
}

#[test]
fn a_save_from_an_old_revision_is_refused_and_nothing_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let mut window_a = open(dir.path());
    window_a.set_author("alice");
    let mut window_b = open(dir.path());
    window_b.set_author("bob");
    let base = fixture("store-alt-uscis.json");
    let id = window_a.create("ALT_USCIS", &base).unwrap();
    for _ in 0..3 {
        let cur = window_a.show(id, None).unwrap().info.rev;
        let next = window_a.save(id, &base, cur).unwrap();
        assert_eq!(next.0, cur.0 + 1);
    }
    // Both windows open revision 4.
    let opened_a = window_a.show(id, None).unwrap();
    let opened_b = window_b.show(id, None).unwrap();
    assert_eq!(opened_a.info.rev, Rev(4));
    let mut edit_a = opened_a.profile.clone();
    edit_a.facts[0].text = "Alice's edit".into();
    let mut edit_b = opened_b.profile.clone();
    edit_b.facts[1].text = "Bob's edit".into();

    assert_eq!(window_a.save(id, &edit_a, Rev(4)).unwrap(), Rev(5));
    let err = window_b.save(id, &edit_b, Rev(4)).unwrap_err();
    assert!(err.is_conflict());
    let msg = err.to_string();
    assert!(
        msg.starts_with(&format!("case {id} was saved as revision 5 by alice at ")),
        "{msg}"
    );
    assert!(
        msg.ends_with("since you opened revision 4; reload to see the changes"),
        "{msg}"
    );
    // Alice's save is there; Bob's refused save wrote nothing; Bob reloads and saves.
    assert_eq!(window_b.case(id).unwrap().latest_rev, Rev(5));
    let reloaded = window_b.show(id, None).unwrap();
    assert_eq!(reloaded.profile, edit_a);
    let mut merged = reloaded.profile;
    merged.facts[1].text = "Bob's edit".into();
    assert_eq!(window_b.save(id, &merged, Rev(5)).unwrap(), Rev(6));
    let latest = window_a.show(id, None).unwrap().profile;
    assert_eq!(latest.facts[0].text, "Alice's edit");
    assert_eq!(latest.facts[1].text, "Bob's edit");
}

/// Many rounds of two connections (as two processes would) saving from the same base at
/// the same moment: exactly one wins each round.
#[test]
fn racing_writers_from_the_same_base_exactly_one_wins() {
    let dir = tempfile::tempdir().unwrap();
    let id = {
        let mut s = open(dir.path());
        s.create("Race", &fixture("store-minimal.json")).unwrap()
    };
    const ROUNDS: u32 = 40;
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(2));
    let handles: Vec<_> = (0..2)
        .map(|w| {
            let dir = dir.path().to_path_buf();
            let barrier = barrier.clone();
            std::thread::spawn(move || {
                let mut s = open(&dir);
                s.set_author(format!("writer {w}"));
                let mut results = Vec::new();
                for round in 0..ROUNDS {
                    let base = Rev(round + 1);
                    let mut p = fixture("store-minimal.json");
                    p.relief.push(format!("writer {w} round {round}"));
                    barrier.wait();
                    let r = s.save(id, &p, base);
                    results.push(match r {
                        Ok(rev) => {
                            assert_eq!(rev, Rev(round + 2));
                            Some(rev)
                        }
                        Err(e) => {
                            assert!(e.is_conflict(), "{e}");
                            None
                        }
                    });
                    barrier.wait();
                }
                results
            })
        })
        .collect();
    let results: Vec<Vec<Option<Rev>>> = handles.into_iter().map(|h| h.join().unwrap()).collect();
    let s = open(dir.path());
    for (round, (first, second)) in results[0].iter().zip(&results[1]).enumerate() {
        let outcomes = [first, second];
        let winners: Vec<usize> = (0..2).filter(|&w| outcomes[w].is_some()).collect();
        assert_eq!(winners.len(), 1, "round {round}: {winners:?}");
        let rev = outcomes[winners[0]].unwrap();
        let saved = s.show(id, Some(rev)).unwrap().profile;
        assert_eq!(
            saved.relief,
            [format!("writer {} round {round}", winners[0])]
        );
    }
    assert_eq!(s.case(id).unwrap().latest_rev, Rev(ROUNDS + 1));
}

#[test]
fn search_finds_party_names_case_numbers_and_fact_words_but_never_protected_values() {
    let (_dir, mut store) = store();
    let alt = store
        .create("Summons matter", &fixture("store-alt-uscis.json"))
        .unwrap();
    let doe = store
        .create("Products case", &fixture("store-doe-v-acme.json"))
        .unwrap();
    let blank = store
        .create("Empty one", &fixture("store-minimal.json"))
        .unwrap();
    let find = |s: &Store, q: &str| ids(&s.search(q, &ListOptions::default()).unwrap());

    assert_eq!(find(&store, "McAleenan"), [alt.0], "party name");
    assert_eq!(
        find(&store, "customs border"),
        [alt.0],
        "words of a party name"
    );
    assert_eq!(find(&store, "CBP"), [alt.0], "short name");
    assert_eq!(find(&store, "3:17-cv-01916"), [alt.0], "case number");
    assert_eq!(find(&store, "01916"), [alt.0], "part of a case number");
    assert_eq!(find(&store, "chill"), [alt.0], "a word in a fact");
    assert_eq!(find(&store, "swimming"), [doe.0], "a word in a fact");
    assert_eq!(find(&store, "ACME"), [doe.0], "ignores case");
    assert_eq!(find(&store, "Oregon"), [doe.0], "court");
    assert_eq!(find(&store, "summons matter"), [alt.0], "title");
    assert_eq!(find(&store, "empty"), [blank.0]);
    assert_eq!(
        find(&store, "whitcom"),
        Vec::<i64>::new(),
        "counsel are not indexed"
    );
    assert_eq!(find(&store, "McAlee"), [alt.0], "prefixes match");
    let mut both = find(&store, "united states district");
    both.sort();
    assert_eq!(both, [alt.0, doe.0]);
    assert!(
        find(&store, "\"").is_empty(),
        "punctuation alone finds nothing"
    );
    // FTS syntax typed by a person is taken as words, never as an error.
    for typed in ["AND OR NOT (", "NEAR(a b)", "title:x", "a*b", "'quoted'"] {
        store.search(typed, &ListOptions::default()).unwrap();
    }

    // Protected values are never searchable.
    for secret in [
        "Hollister",
        "Morgan Q. Hollister",
        "mqh-private",
        "8675309",
        "Vantongeren",
        "Hidden Lane",
    ] {
        assert!(
            find(&store, secret).is_empty(),
            "{secret} must not be indexed"
        );
    }
    // …even when the same text is typed into a fact.
    let mut p = fixture("store-alt-uscis.json");
    p.facts[0].text = "The operator, Morgan Q. Hollister, asked to stay anonymous.".into();
    store.save(alt, &p, Rev(1)).unwrap();
    assert!(find(&store, "Hollister").is_empty());
    assert_eq!(find(&store, "anonymous operator"), [alt.0]);

    // The latest revision is what is indexed.
    p.parties[0].name = "Birdsite Holdings".into();
    store.save(alt, &p, Rev(2)).unwrap();
    assert_eq!(find(&store, "Birdsite"), [alt.0]);
    assert!(find(&store, "Inc").is_empty(), "the old name is gone");

    // Renames are searchable; archived cases only when asked.
    store.rename(doe, "Widget injury").unwrap();
    assert_eq!(find(&store, "widget injury"), [doe.0]);
    store.archive(doe).unwrap();
    assert!(find(&store, "swimming").is_empty());
    assert_eq!(ids(&store.search("swimming", &ALL).unwrap()), [doe.0]);
}

#[test]
fn search_finds_a_case_by_the_documents_exported_from_it_but_never_by_a_protected_value() {
    use drafter::export::ExportedFile;
    let (_dir, mut store) = store();
    let profile = fixture("store-alt-uscis.json");
    let alt = store.create("Summons matter", &profile).unwrap();
    let doe = store
        .create("Products case", &fixture("store-doe-v-acme.json"))
        .unwrap();
    let find = |s: &Store, q: &str| ids(&s.search(q, &ListOptions::default()).unwrap());
    assert!(
        find(&store, "declaratory").is_empty(),
        "nothing exported yet"
    );

    let file = |path: &str, title: &str, pages| ExportedFile {
        path: PathBuf::from(path),
        title: title.into(),
        pages,
        sha256: "ab".repeat(32),
    };
    // A folder or file named after the anonymous client: the name is never kept.
    store
        .record_exports(
            alt,
            &profile,
            &[
                file(
                    "/cases/Hollister/complaint-signed.pdf",
                    "Complaint for Declaratory and Injunctive Relief",
                    12,
                ),
                file(
                    "/cases/x/Morgan Q. Hollister notice.pdf",
                    "Notice of Appearance",
                    2,
                ),
            ],
        )
        .unwrap();

    assert_eq!(find(&store, "declaratory"), [alt.0], "a document's title");
    assert_eq!(find(&store, "signed"), [alt.0], "a file's name");
    assert_eq!(find(&store, "appearance"), [alt.0]);
    assert_eq!(
        find(&store, "injunctive summons"),
        [alt.0],
        "one word in a document, one in the case"
    );
    assert!(
        find(&store, "injunctive swimming").is_empty(),
        "every word must be found for the same case"
    );
    for secret in ["Hollister", "Morgan"] {
        assert!(find(&store, secret).is_empty(), "{secret} was indexed");
    }
    let kept = store.exports(alt).unwrap();
    assert_eq!(kept.len(), 2);
    assert_eq!(kept[0].title, "Notice of Appearance", "most recent first");
    assert!(
        !kept[0].file_name.contains("Hollister"),
        "{:?}",
        kept[0].file_name
    );
    assert!(kept[0].file_name.ends_with("notice.pdf"));
    assert_eq!(kept[1].file_name, "complaint-signed.pdf", "no folder kept");
    assert_eq!((kept[1].pages, kept[1].rev), (12, Rev(1)));
    assert!(store.exports(doe).unwrap().is_empty());
    // The list line carries the count and the latest, as kept (no name in it).
    let line = store.case(alt).unwrap();
    assert_eq!(line.exports, 2);
    assert_eq!(line.last_export.as_ref(), Some(&kept[0]));
    let listed = store.list(&ListOptions::default()).unwrap();
    let doe_line = listed.iter().find(|c| c.id == doe).unwrap();
    assert_eq!((doe_line.exports, doe_line.last_export.as_ref()), (0, None));
    assert_eq!(
        listed.iter().find(|c| c.id == alt).unwrap().last_export,
        line.last_export
    );

    // A later revision's export records that revision; archived cases hide their documents
    // too; a deleted case takes its records (and their index entries) with it.
    let mut p = profile.clone();
    p.facts[0].text.push_str(" (amended)");
    store.save(alt, &p, Rev(1)).unwrap();
    store
        .record_exports(alt, &p, &[file("/x/zebra-brief.pdf", "Brief", 3)])
        .unwrap();
    assert_eq!(store.exports(alt).unwrap()[0].rev, Rev(2));
    store.archive(alt).unwrap();
    assert!(find(&store, "zebra").is_empty());
    assert_eq!(ids(&store.search("zebra", &ALL).unwrap()), [alt.0]);
    store.delete(alt).unwrap();
    assert!(ids(&store.search("zebra", &ALL).unwrap()).is_empty());
    assert!(matches!(
        store.exports(alt),
        Err(StoreError::CaseNotFound { .. })
    ));
}

#[test]
fn an_exported_file_named_after_the_client_in_any_written_form_is_never_kept() {
    use drafter::export::ExportedFile;
    let (_dir, mut store) = store();
    let profile = fixture("store-alt-uscis.json");
    let alt = store.create("Summons matter", &profile).unwrap();
    let names = [
        "Morgan\u{200B}Q. Hollister notice.pdf", // an invisible character inside
        "HOLLISTER, Morgan Q - letter.pdf",      // family name first, other case
        "\u{397}ollister draft.pdf",             // a Greek capital Eta for the H
        "Hollister\u{2010}brief.pdf",            // the family name alone, a Unicode hyphen
    ];
    let files: Vec<ExportedFile> = names
        .iter()
        .map(|n| ExportedFile {
            path: PathBuf::from("/x").join(n),
            title: format!("Notice for {n}"),
            pages: 1,
            sha256: "00".repeat(32),
        })
        .collect();
    store.record_exports(alt, &profile, &files).unwrap();
    let find = |q: &str| ids(&store.search(q, &ListOptions::default()).unwrap());
    for secret in ["Hollister", "ollister", "Morgan"] {
        assert!(find(secret).is_empty(), "{secret} was indexed");
    }
    assert_eq!(find("letter"), [alt.0], "the rest of the name is kept");
    for r in store.exports(alt).unwrap() {
        let kept = format!("{} {}", r.title, r.file_name).to_lowercase();
        assert!(
            !kept.contains("ollister") && !kept.contains("morgan"),
            "{kept:?}"
        );
    }
}

#[test]
fn list_is_most_recent_first_and_hides_archived_cases() {
    let (_dir, mut store) = store();
    let a = store.create("A", &fixture("store-minimal.json")).unwrap();
    let b = store.create("B", &fixture("store-minimal.json")).unwrap();
    let c = store.create("C", &fixture("store-minimal.json")).unwrap();
    assert_eq!(
        ids(&store.list(&ListOptions::default()).unwrap()),
        [c.0, b.0, a.0]
    );
    std::thread::sleep(std::time::Duration::from_millis(5));
    store
        .save(a, &fixture("store-minimal.json"), Rev(1))
        .unwrap();
    assert_eq!(
        ids(&store.list(&ListOptions::default()).unwrap()),
        [a.0, c.0, b.0]
    );
    store.archive(c).unwrap();
    assert_eq!(
        ids(&store.list(&ListOptions::default()).unwrap()),
        [a.0, b.0]
    );
    let all = store.list(&ALL).unwrap();
    assert_eq!(ids(&all), [a.0, c.0, b.0]);
    assert!(all[1].archived);
    let limited = store
        .list(&ListOptions {
            include_archived: false,
            limit: Some(1),
        })
        .unwrap();
    assert_eq!(ids(&limited), [a.0]);
    store.unarchive(c).unwrap();
    assert_eq!(store.list(&ListOptions::default()).unwrap().len(), 3);
}

#[test]
fn rename_duplicate_archive_and_delete() {
    let (_dir, mut store) = store();
    let p = fixture("store-alt-uscis.json");
    let id = store.create("Original", &p).unwrap();
    store.rename(id, "  Renamed  ").unwrap();
    let case = store.case(id).unwrap();
    assert_eq!(case.title, "Renamed");
    assert_eq!(case.latest_rev, Rev(1), "a rename is not a revision");
    assert_eq!(
        store.show(id, None).unwrap().profile,
        p,
        "the profile is unchanged"
    );
    assert!(matches!(store.rename(id, " "), Err(StoreError::EmptyTitle)));

    let copy = store.duplicate(id, None).unwrap();
    assert_ne!(copy, id);
    let shown = store.show(copy, None).unwrap();
    assert_eq!(shown.case.title, "Renamed (copy)");
    assert_eq!(shown.profile, p);
    assert_eq!(shown.info.rev, Rev(1));
    assert_eq!(
        shown.info.summary,
        format!("copied from case {id} revision 1")
    );
    let named = store.duplicate(id, Some("Related matter")).unwrap();
    assert_eq!(store.case(named).unwrap().title, "Related matter");

    // Delete only after archive.
    let err = store.delete(copy).unwrap_err();
    assert!(matches!(err, StoreError::NotArchived { .. }));
    assert_eq!(
        err.to_string(),
        format!("case {copy} (\u{201c}Renamed (copy)\u{201d}) is not archived; archive it before deleting it")
    );
    store.archive(copy).unwrap();
    store.delete(copy).unwrap();
    assert!(matches!(
        store.show(copy, None),
        Err(StoreError::CaseNotFound { .. })
    ));
    assert!(matches!(
        store.archive(copy),
        Err(StoreError::CaseNotFound { .. })
    ));
    assert!(store.search("Renamed copy", &ALL).unwrap().is_empty());
    // Ids are never reused.
    let next = store.create("Next", &p).unwrap();
    assert!(next.0 > named.0);
    // The original is untouched.
    assert_eq!(store.show(id, None).unwrap().profile, p);
}

#[test]
fn importing_a_folder_is_all_or_nothing_and_names_the_file_and_field() {
    let (dir, mut store) = store();
    let folder = dir.path().join("incoming");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a-good.case.json"),
        fixture_text("store-alt-uscis.json"),
    )
    .unwrap();
    let bad = fixture_text("store-doe-v-acme.json")
        .replace("\"short_name\": \"Acme\"", "\"shortname\": \"Acme\"");
    std::fs::write(folder.join("b-bad.json"), bad).unwrap();
    std::fs::write(
        folder.join("c-good.json"),
        fixture_text("store-minimal.json"),
    )
    .unwrap();
    std::fs::write(folder.join("notes.txt"), "not a case").unwrap();

    let err = store.import(std::slice::from_ref(&folder)).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("b-bad.json"), "{msg}");
    assert!(msg.contains("parties[1].shortname"), "{msg}");
    assert!(store.list(&ALL).unwrap().is_empty(), "nothing was imported");

    std::fs::remove_file(folder.join("b-bad.json")).unwrap();
    let imported = store.import(std::slice::from_ref(&folder)).unwrap();
    let titles: Vec<&str> = imported.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(titles, ["Twitter v. DHS (ALT_USCIS summons)", "c-good"]);
    let h = store.history(imported[0].id).unwrap();
    assert_eq!(h[0].summary, "imported from a-good.case.json");

    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let err = store.import(&[empty]).unwrap_err();
    assert!(matches!(err, StoreError::NothingToImport { .. }), "{err}");
    let err = store
        .import(&[dir.path().join("missing.json")])
        .unwrap_err();
    assert!(err.to_string().contains("missing.json"), "{err}");
}

#[test]
fn pickers_offer_counsel_courts_and_parties_without_protected_values() {
    let (_dir, mut store) = store();
    let alt = fixture("store-alt-uscis.json");
    let a = store.create("One", &alt).unwrap();
    store.create("Two", &alt).unwrap();
    store
        .create("Three", &fixture("store-doe-v-acme.json"))
        .unwrap();
    store
        .create("Four", &fixture("store-minimal.json"))
        .unwrap();
    // A later revision of case one changes a counsel's phone: the newest record wins.
    let mut changed = alt.clone();
    changed.counsel[0].phone = Some("(415) 555-0199".into());
    std::thread::sleep(std::time::Duration::from_millis(5));
    store.save(a, &changed, Rev(1)).unwrap();

    let counsel = store.known_counsel().unwrap();
    let names: Vec<&str> = counsel.iter().map(|k| k.counsel.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Avery L. Whitcombe",
            "Dana R. Petrakis",
            "Robin Okafor-Lindqvist"
        ]
    );
    assert_eq!(counsel[0].cases, 2);
    assert_eq!(counsel[0].counsel.phone.as_deref(), Some("(415) 555-0199"));
    assert_eq!(counsel[0].counsel.bar_number.as_deref(), Some("SBN 245810"));
    assert!(counsel[0].counsel.represents.is_empty());
    assert_eq!(counsel[0].counsel.address, alt.counsel[0].address);

    let courts = store.known_courts().unwrap();
    let c: Vec<(&str, &str)> = courts
        .iter()
        .map(|c| (c.name.as_str(), c.district.as_str()))
        .collect();
    assert_eq!(
        c,
        [
            ("Superior Court of California", ""),
            ("United States District Court", "District of Oregon"),
            (
                "United States District Court",
                "Northern District of California"
            ),
        ]
    );
    assert_eq!(courts[2].style, "cand");
    assert_eq!(courts[2].cases, 2);

    let parties = store.known_parties().unwrap();
    let names: Vec<&str> = parties.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "Acme *Widgets* Co.",
            "Jane Doe",
            "John F. Kelly",
            "Kevin K. McAleenan",
            "the operator of @ALT_USCIS",
            "Twitter, Inc.",
            "U.S. Customs and Border Protection",
            "U.S. Department of Homeland Security",
        ]
    );
    let cbp = parties.iter().find(|p| p.name.contains("Customs")).unwrap();
    assert_eq!(cbp.short_name.as_deref(), Some("CBP"));
    assert_eq!(cbp.cases, 2);
    let doe = parties.iter().find(|p| p.name == "Jane Doe").unwrap();
    assert!(doe.pseudonymous);
    let text = serde_json::to_string(&parties).unwrap();
    for secret in [
        "Hollister",
        "mqh-private",
        "8675309",
        "Vantongeren",
        "Hidden Lane",
    ] {
        assert!(
            !text.contains(secret),
            "{secret} leaked into the party picker"
        );
    }
}

fn make_store_with_cases(dir: &std::path::Path, n: usize) -> PathBuf {
    let mut s = open(dir);
    let cases: Vec<(String, CaseProfile)> = (0..n)
        .map(|i| (format!("Case {i}"), fixture("store-alt-uscis.json")))
        .collect();
    s.create_many(&cases).unwrap();
    s.path().to_path_buf()
}

fn assert_refused_untouched(dir: &std::path::Path, expect: &str) {
    let before = snapshot(dir);
    let err = Store::open(dir).unwrap_err();
    let msg = err.to_string();
    let path = dir.join(FILE_NAME);
    assert!(msg.contains(&path.display().to_string()), "{msg}");
    assert!(msg.contains(expect), "{msg}");
    assert_eq!(snapshot(dir), before, "the file was changed");
    // Asking again gives the same answer and still changes nothing.
    assert!(Store::open(dir).is_err());
    assert_eq!(snapshot(dir), before);
}

#[test]
fn a_truncated_file_is_reported_with_its_path_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_store_with_cases(dir.path(), 30);
    let full = std::fs::read(&path).unwrap();
    assert!(full.len() > 8 * 4096);

    // Cut at a page boundary: the header still records the full size.
    std::fs::write(&path, &full[..full.len() / 2 / 4096 * 4096]).unwrap();
    assert_refused_untouched(dir.path(), "truncated");
    // Cut mid-page.
    std::fs::write(&path, &full[..full.len() / 3 + 100]).unwrap();
    assert_refused_untouched(dir.path(), "truncated");
    // Cut inside the header.
    std::fs::write(&path, &full[..50]).unwrap();
    assert_refused_untouched(dir.path(), "damaged");
    // Empty.
    std::fs::write(&path, b"").unwrap();
    assert_refused_untouched(dir.path(), "empty");
}

#[test]
fn a_garbage_file_is_reported_with_its_path_and_left_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    let mut garbage = Vec::new();
    let mut x: u32 = 12345;
    for _ in 0..20_000 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        garbage.push(x as u8);
    }
    std::fs::write(&path, &garbage).unwrap();
    assert_refused_untouched(dir.path(), "damaged");
    // Text that is not a database.
    std::fs::write(&path, "{\"schema\": 1}\n".repeat(100)).unwrap();
    assert_refused_untouched(dir.path(), "does not begin with a SQLite database header");
}

#[test]
fn a_file_damaged_inside_is_caught_by_the_integrity_check() {
    let dir = tempfile::tempdir().unwrap();
    let path = make_store_with_cases(dir.path(), 30);
    let mut bytes = std::fs::read(&path).unwrap();
    // Scribble over the middle of the file, keeping the header intact.
    let pages = bytes.len() / 4096;
    for p in [pages / 3, pages / 2] {
        for b in &mut bytes[p * 4096..p * 4096 + 64] {
            *b = 0x5A;
        }
    }
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_untouched(dir.path(), "damaged");
}

#[test]
fn foreign_and_newer_databases_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(FILE_NAME);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE invoices (n INTEGER); INSERT INTO invoices VALUES (1);")
            .unwrap();
    }
    assert_refused_untouched(dir.path(), "not a Drafter case database");

    std::fs::remove_file(&path).unwrap();
    make_store_with_cases(dir.path(), 1);
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let err = Store::open(dir.path()).unwrap_err();
    assert!(matches!(err, StoreError::TooNew { found: 99, .. }), "{err}");
    assert_refused_untouched(dir.path(), "newer Drafter");
}

#[test]
fn an_editing_session_is_one_revision_until_it_ends_or_idles() {
    use std::time::Duration;
    let (_dir, mut store) = store();
    let mut p = fixture("store-alt-uscis.json");
    let id = store.create("ALT_USCIS", &p).unwrap();
    let hour = Duration::from_secs(3600);

    // Nothing changed: no revision.
    assert_eq!(
        store.save_session(id, &p, Rev(1), None, hour).unwrap(),
        Rev(1)
    );
    // The session's first save adds revision 2; its later saves amend it.
    p.facts[0].text = "First edit.".into();
    let r = store.save_session(id, &p, Rev(1), None, hour).unwrap();
    assert_eq!(r, Rev(2));
    p.facts[1].text = "Second edit.".into();
    assert_eq!(
        store.save_session(id, &p, r, Some(r), hour).unwrap(),
        Rev(2)
    );
    p.parties[2].name = "U.S. Customs & Border Protection".into();
    assert_eq!(
        store.save_session(id, &p, r, Some(r), hour).unwrap(),
        Rev(2)
    );
    let history = store.history(id).unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    // The summary covers every edit of the session, against revision 1.
    assert!(
        history[0].summary.contains("facts[0].text"),
        "{}",
        history[0].summary
    );
    assert!(
        history[0].summary.contains("facts[1].text"),
        "{}",
        history[0].summary
    );
    assert!(
        history[0].summary.contains("parties[2].name"),
        "{}",
        history[0].summary
    );
    assert_eq!(store.show(id, None).unwrap().profile, p);

    // A new session (the case was closed and opened again) starts a new revision.
    p.facts[2].text = "Third edit.".into();
    assert_eq!(
        store.save_session(id, &p, Rev(2), None, hour).unwrap(),
        Rev(3)
    );
    // So does a session idle for longer than the limit.
    p.facts[3].text = "Fourth edit.".into();
    assert_eq!(
        store
            .save_session(id, &p, Rev(3), Some(Rev(3)), Duration::ZERO)
            .unwrap(),
        Rev(4)
    );
    // Another author's revision is never amended.
    store.set_author("second person");
    p.facts[4].text = "Fifth edit.".into();
    assert_eq!(
        store
            .save_session(id, &p, Rev(4), Some(Rev(4)), hour)
            .unwrap(),
        Rev(5)
    );
    // A stale base is refused as by `save`.
    let e = store
        .save_session(id, &p, Rev(3), Some(Rev(3)), hour)
        .unwrap_err();
    assert!(e.is_conflict(), "{e}");
    // Revision 1 (created) is never amended.
    assert!(store
        .history(id)
        .unwrap()
        .iter()
        .any(|h| h.rev == Rev(1) && h.summary == "created"));
}

#[test]
fn a_changed_passphrase_leaves_no_old_wrapping_while_the_app_keeps_the_store_open() {
    // The app holds one store open all day: the old wrapping of the key must be gone
    // from the file and its log at once, not at the next checkpoint or when it closes.
    let (dir, mut store) = store();
    let db = dir.path().join(FILE_NAME);
    let id = store
        .create("Example", &drafter::examples::profile("alt-uscis").unwrap())
        .unwrap();
    let old: Vec<u8> = rusqlite::Connection::open(&db)
        .unwrap()
        .query_row("SELECT wrapped FROM store_key", [], |r| r.get(0))
        .unwrap();
    let in_files = |bytes: &[u8]| {
        ["", "-wal"].iter().any(|s| {
            std::fs::read(format!("{}{s}", db.display()))
                .is_ok_and(|b| b.windows(bytes.len()).any(|w| w == bytes))
        })
    };
    assert!(in_files(&old));

    // Refused: the wrong current passphrase, a new one too short.
    assert!(matches!(
        store.change_passphrase("wrong passphrase", "new passphrase 2"),
        Err(StoreError::WrongPassphrase { .. })
    ));
    assert!(matches!(
        store.change_passphrase(PASSPHRASE, "short"),
        Err(StoreError::WeakPassphrase { min: 8 })
    ));

    store
        .change_passphrase(PASSPHRASE, "new passphrase 2")
        .unwrap();
    assert!(
        !in_files(&old),
        "the old wrapping is still in the file or its log"
    );
    // Still unlocked, and a save seals with the same key.
    let mut p = store.show(id, None).unwrap().profile;
    p.title = "Example, renamed".into();
    store.save(id, &p, Rev(1)).unwrap();

    // Another window (a new Store) opens it with the new passphrase only.
    let mut other = Store::open(dir.path()).unwrap();
    assert!(matches!(
        other.unlock(PASSPHRASE, false),
        Err(StoreError::WrongPassphrase { .. })
    ));
    other.unlock("new passphrase 2", false).unwrap();
    let shown = other.show(id, None).unwrap();
    assert!(!shown.locked);
    assert_eq!(
        shown.profile.protected_values().len(),
        drafter::examples::profile("alt-uscis")
            .unwrap()
            .protected_values()
            .len()
    );
}
