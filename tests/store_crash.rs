//! Crash safety: processes saving in a loop are killed (SIGKILL) at random moments,
//! hundreds of times. Afterwards every revision whose save reported success is there with
//! the profile that was saved, the newest state is one that was saved, revision numbers
//! are contiguous, and `PRAGMA integrity_check` passes.
//!
//! The children are this test binary itself, re-run with `DRAFTER_CRASH_CHILD` set, so
//! they run [`crash_child`]. Two children save at once each round, so the kills also land
//! while one waits for the other's lock. `DRAFTER_CRASH_ROUNDS` and `DRAFTER_CRASH_SEED`
//! override the defaults (400 rounds, 800 kills; a seed from the clock, printed on failure).

mod common;

use drafter::profile::Fact;
use drafter::store::{CaseId, Rev, Store, StoreError};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const CHILD_ENV: &str = "DRAFTER_CRASH_CHILD";
const TAG_ENV: &str = "DRAFTER_CRASH_TAG";
const CASE: CaseId = CaseId(1);

/// The marker a save writes into the profile, so a revision can be matched to the save
/// that reported it.
fn marker(tag: &str, n: u32) -> String {
    format!("child {tag} save {n}")
}

/// Runs only inside a child process: saves as fast as it can until killed, printing
/// `saved <rev> <marker>` after each commit.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(CHILD_ENV) else {
        return;
    };
    let tag = std::env::var(TAG_ENV).unwrap();
    let mut store = Store::open(Path::new(&dir)).expect("the child opens the store");
    store.set_author(format!("child {tag}"));
    let mut out = std::io::stdout().lock();
    writeln!(out, "ready").unwrap();
    out.flush().unwrap();
    for n in 0.. {
        let current = store.show(CASE, None).expect("the child reads the case");
        let mut profile = current.profile;
        profile.facts[0].text = marker(&tag, n);
        // Vary the size so saves touch different numbers of pages.
        let extra = (n as usize * 7 + tag.len()) % 40;
        profile.facts.truncate(1);
        for i in 0..extra {
            profile.facts.push(Fact {
                text: format!("filler {i} {}", "lorem ipsum ".repeat(i % 9)),
                heading: None,
            });
        }
        match store.save(CASE, &profile, current.info.rev) {
            Ok(rev) => {
                writeln!(out, "saved {rev} {}", marker(&tag, n)).unwrap();
                out.flush().unwrap();
            }
            Err(StoreError::Conflict { .. }) | Err(StoreError::Busy { .. }) => {}
            Err(e) => panic!("unexpected error in child {tag}: {e}"),
        }
    }
}

/// A small xorshift generator: the test needs no crate for randomness.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

struct Running {
    child: Child,
    ready: mpsc::Receiver<()>,
    reader: std::thread::JoinHandle<Vec<(u32, String)>>,
}

fn spawn(dir: &Path, tag: &str) -> Running {
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, dir)
        .env(TAG_ENV, tag)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (tx, ready) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        let mut saved = Vec::new();
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
            // A line the kill cut short has no newline: it was not reported.
            let Some(line) = line.strip_suffix('\n') else {
                break;
            };
            // libtest may print "test crash_child ... " before the child's first line.
            if line.ends_with("ready") {
                let _ = tx.send(());
            } else if let Some(rest) = line.strip_prefix("saved ") {
                let (rev, m) = rest.split_once(' ').expect("saved <rev> <marker>");
                saved.push((rev.parse().expect("a revision number"), m.to_string()));
            }
        }
        saved
    });
    Running {
        child,
        ready,
        reader,
    }
}

#[test]
fn killing_savers_at_random_moments_loses_no_reported_save() {
    if std::env::var(CHILD_ENV).is_ok() {
        return;
    }
    let rounds: u32 = std::env::var("DRAFTER_CRASH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(400);
    let seed: u64 = std::env::var("DRAFTER_CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos() as u64
                | 1
        });
    let context = format!("seed {seed} (rerun with DRAFTER_CRASH_SEED={seed})");
    let mut rng = Rng(seed);

    let dir = tempfile::tempdir().unwrap();
    {
        let mut store = Store::open(dir.path()).unwrap();
        let id = store
            .create("Crash test", &common::fixture("store-minimal.json"))
            .unwrap();
        assert_eq!(id, CASE);
        let mut p = common::fixture("store-minimal.json");
        p.facts.push(Fact {
            text: marker("setup", 0),
            heading: None,
        });
        store.save(CASE, &p, Rev(1)).unwrap();
    }

    let started = Instant::now();
    let mut confirmed: BTreeMap<u32, String> = BTreeMap::new();
    let mut kills_after_a_save = 0;
    for round in 0..rounds {
        let mut children: Vec<Running> = (0..2)
            .map(|k| spawn(dir.path(), &format!("{round}.{k}")))
            .collect();
        // Let both open the store (each open runs the integrity check and any recovery
        // after the previous round's kill), then kill each at its own random moment.
        for c in &children {
            c.ready
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("a child did not start; {context}"));
        }
        let mut delays: Vec<u64> = (0..2).map(|_| rng.below(25_000)).collect();
        delays.sort();
        let mut waited = 0;
        for (c, delay) in children.iter_mut().zip(delays) {
            std::thread::sleep(Duration::from_micros(delay - waited));
            waited = delay;
            c.child.kill().unwrap(); // SIGKILL on Unix
        }
        for c in children {
            let mut child = c.child;
            child.wait().unwrap();
            let saved = c.reader.join().unwrap();
            if !saved.is_empty() {
                kills_after_a_save += 1;
            }
            for (rev, m) in saved {
                if let Some(other) = confirmed.insert(rev, m.clone()) {
                    panic!("revision {rev} was reported by two saves ({other} and {m}); {context}");
                }
            }
        }
    }
    let elapsed = started.elapsed();

    // Everything reported is there, exactly as saved; the file is sound.
    let store = Store::open(dir.path()).unwrap_or_else(|e| panic!("{e}; {context}"));
    store.check_integrity().unwrap();
    let case = store.case(CASE).unwrap();
    let latest = case.latest_rev.0;
    for (rev, m) in &confirmed {
        let shown = store
            .show(CASE, Some(Rev(*rev)))
            .unwrap_or_else(|e| panic!("reported revision {rev} is missing: {e}; {context}"));
        assert_eq!(&shown.profile.facts[0].text, m, "revision {rev}; {context}");
    }
    // Revisions are numbered without gaps, and the newest is a state some child saved.
    let history = store.history(CASE).unwrap();
    assert_eq!(history.len() as u32, latest, "{context}");
    for (i, h) in history.iter().enumerate() {
        assert_eq!(h.rev.0, latest - i as u32, "{context}");
    }
    let max_confirmed = confirmed.keys().last().copied().unwrap_or(2);
    assert!(latest >= max_confirmed, "{context}");
    let newest = store.show(CASE, None).unwrap().profile;
    let text = &newest.facts[0].text;
    assert!(
        text.starts_with("child ") || text == &marker("setup", 0),
        "newest state {text:?} was never saved; {context}"
    );
    if let Some(m) = confirmed.get(&latest) {
        assert_eq!(text, m, "{context}");
    }
    eprintln!(
        "{rounds} rounds ({} kills) in {elapsed:.1?}: {} saves reported, {latest} revisions \
         stored, {kills_after_a_save} kills landed after at least one save; {context}",
        rounds * 2,
        confirmed.len(),
    );
    assert!(
        confirmed.len() as u32 >= rounds / 2,
        "too few saves completed for the test to mean anything; {context}"
    );
}

const MIGRATE_ENV: &str = "DRAFTER_CRASH_MIGRATE";

/// Runs only inside a child process: opens (and so upgrades) a version-1 database.
#[test]
fn crash_child_migrate() {
    let Ok(dir) = std::env::var(MIGRATE_ENV) else {
        return;
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "\nready").unwrap();
    out.flush().unwrap();
    Store::open(Path::new(&dir)).expect("the child opens the store");
    writeln!(out, "migrated").unwrap();
    out.flush().unwrap();
}

/// An upgrade killed at a random moment (it runs in the rollback journal, before the
/// switch to WAL) leaves a file that the next open recovers and upgrades, with every
/// revision of the version-1 database.
#[test]
fn killing_an_upgrade_at_random_moments_loses_nothing() {
    if std::env::var(CHILD_ENV).is_ok() || std::env::var(MIGRATE_ENV).is_ok() {
        return;
    }
    let mut rng = Rng(std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1);
    let fixture = common::fixtures_dir().join("store-v1.sqlite");
    let mut finished = 0;
    for _ in 0..40 {
        let dir = tempfile::tempdir().unwrap();
        std::fs::copy(&fixture, dir.path().join(drafter::store::FILE_NAME)).unwrap();
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_migrate",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(MIGRATE_ENV, dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap();
        let mut stdout = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.ends_with("ready\n") {
            line.clear();
            assert!(stdout.read_line(&mut line).unwrap() > 0, "the child died");
        }
        std::thread::sleep(Duration::from_micros(rng.below(20_000)));
        child.kill().unwrap();
        child.wait().unwrap();
        let mut rest = String::new();
        let _ = std::io::Read::read_to_string(&mut stdout, &mut rest);
        if rest.contains("migrated") {
            finished += 1;
        }

        let store = Store::open(dir.path()).expect("the interrupted upgrade is recovered");
        assert_eq!(
            store.schema_version().unwrap(),
            drafter::store::schema::CURRENT_VERSION
        );
        store.check_integrity().unwrap();
        let revisions: usize = [1, 2, 3]
            .iter()
            .map(|id| store.history(CaseId(*id)).unwrap().len())
            .sum();
        assert_eq!(revisions, 6, "every version-1 revision is there");
    }
    eprintln!("40 upgrades killed; {finished} had finished before the kill");
}
