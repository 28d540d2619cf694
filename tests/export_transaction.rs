//! Exports are transactions, checked through the real binary: a set killed at any moment
//! leaves the old set or the new one (the index's hashes always match the files beside
//! it), a full disk leaves the previous state, and no temporary file survives the next
//! run.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::time::{Duration, Instant};

/// A small pseudo-random sequence (xorshift), seeded from the clock; the seed is printed
/// so that a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn new() -> Rng {
        let seed = std::env::var("EXPORT_KILL_SEED")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(|| {
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .unwrap()
                    .as_nanos() as u64
                    | 1
            });
        eprintln!("EXPORT_KILL_SEED={seed}");
        Rng(seed)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn sha256(path: &Path) -> String {
    drafter::filing::sha256_hex(&std::fs::read(path).unwrap())
}

/// Every file in `dir` with its hash.
fn snapshot(dir: &Path) -> BTreeMap<String, String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let name = e.file_name().to_string_lossy().into_owned();
            let hash = if e.file_type().unwrap().is_file() {
                sha256(&e.path())
            } else {
                "(folder)".into()
            };
            (name, hash)
        })
        .collect()
}

fn hidden(dir: &Path) -> Vec<String> {
    snapshot(dir)
        .into_keys()
        .filter(|n| n.starts_with('.'))
        .collect()
}

/// The folder holds one complete set: an index whose every entry is present with its
/// hash, and every PDF beside it listed.
fn assert_one_set(dir: &Path, context: &str) {
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap())
            .unwrap_or_else(|e| panic!("{context}: index.json: {e}"));
    let entries = index.as_array().unwrap();
    assert_eq!(
        entries.len(),
        13,
        "{context}: twelve filings and the packet"
    );
    let mut listed = Vec::new();
    for e in entries {
        let file = e["file"].as_str().unwrap();
        assert_eq!(
            sha256(&dir.join(file)),
            e["sha256"].as_str().unwrap(),
            "{context}: {file} matches the index"
        );
        listed.push(file.to_string());
    }
    for name in snapshot(dir).into_keys() {
        if name.ends_with(".pdf") {
            assert!(listed.contains(&name), "{context}: {name} is in the index");
        }
    }
}

fn export_all(out: &Path, date: &str) -> std::process::Command {
    let mut cmd = drafter();
    cmd.args(["--data-dir"])
        .arg(out.parent().unwrap())
        .args(example_all_args(out, date))
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null());
    cmd
}

#[test]
fn a_kill_during_export_all_leaves_the_old_set_or_the_new_one() {
    let data = tempdir();
    let out = data.path().join("out");
    let started = Instant::now();
    assert!(export_all(&out, "2017-04-06").status().unwrap().success());
    let full = started.elapsed();
    assert_one_set(&out, "the first export");

    let mut rng = Rng::new();
    let span = (full.as_micros() as u64).max(1000) * 5 / 4;
    let mut kept = 0;
    for round in 0..50 {
        let date = if round % 2 == 0 {
            "2017-04-06"
        } else {
            "2017-04-07"
        };
        let mut child = export_all(&out, date).spawn().unwrap();
        std::thread::sleep(Duration::from_micros(rng.below(span)));
        let _ = child.kill();
        let status = child.wait().unwrap();
        let context = format!("round {round} (killed: {})", !status.success());
        if out.join("index.json").exists() {
            assert_one_set(&out, &context);
        } else {
            // Only in the instant between removing the old index and moving in the new
            // one; the set is committed and the next run completes it.
            let committed = hidden(&out)
                .iter()
                .any(|n| n.starts_with(".drafter-set-") && out.join(n).join(".commit").exists());
            assert!(committed, "{context}: no index and no committed set");
        }
        if !status.success() {
            kept += 1;
        }
    }
    assert!(kept > 10, "most rounds were killed mid-run ({kept} of 50)");

    // The next run sweeps every leftover and writes a complete set.
    assert!(export_all(&out, "2017-04-06").status().unwrap().success());
    assert_one_set(&out, "after the kills");
    assert_eq!(
        hidden(&out),
        Vec::<String>::new(),
        "no temporary file stays"
    );
}

#[test]
fn a_full_disk_leaves_the_previous_set() {
    let data = tempdir();
    let out = data.path().join("out");
    assert!(export_all(&out, "2017-04-06").status().unwrap().success());
    let before = snapshot(&out);

    let args = ["--data-dir".to_string(), data.path().display().to_string()]
        .into_iter()
        .chain(example_all_args(&out, "2017-04-07"))
        .collect::<Vec<_>>();
    let o = with_a_full_disk(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("cannot write"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(snapshot(&out), before, "the folder is as it was");

    // A single filing under the same limit: refused, nothing left behind.
    let one = data.path().join("one");
    std::fs::create_dir_all(&one).unwrap();
    let o = with_a_full_disk(&[
        "--data-dir",
        data.path().to_str().unwrap(),
        "export",
        "--example",
        "alt-uscis",
        "--template",
        "complaint",
        "--out",
        one.join("c.pdf").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(snapshot(&one).is_empty(), "{:?}", snapshot(&one));
}

/// Runs drafter where no file can grow past 50 KiB (the complaint is about 70 KiB): a
/// file-size limit stands in for a full disk. Its signal is ignored, as a full disk sends
/// none: the write just fails.
fn with_a_full_disk(args: &[&str]) -> std::process::Output {
    std::process::Command::new("bash")
        .args(["-c", "ulimit -f 50; trap '' XFSZ; exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_drafter"))
        .args(args)
        .env_remove("DRAFTER_DATA_DIR")
        .env_remove("DRAFTER_TEMPLATES_DIR")
        .output()
        .unwrap()
}
