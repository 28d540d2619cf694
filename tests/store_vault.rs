//! Protected values at rest, through the real `drafter` binary: the database file and its
//! write-ahead log never hold a protected value in the clear (after a save, after a
//! revision that drops the protected block, after `case delete`); files are 0600 in a
//! 0700 folder; `case show --json`, `case diff` and `case export` mask or withhold
//! protected values unless `--reveal`; a locked store still lists and shows cases; the
//! passphrase can be changed, after which the old one opens nothing and its wrapping of
//! the key is gone from the file.

mod common;

use common::{drafter, stderr, stdout};
use drafter::store::{FILE_NAME, MASK};
use std::path::{Path, PathBuf};
use std::process::Output;

const PASSPHRASE: &str = "vault test passphrase";

struct Data {
    _tmp: tempfile::TempDir,
    dir: PathBuf,
    outside: PathBuf,
}

impl Data {
    fn new() -> Data {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("data");
        let outside = tmp.path().join("elsewhere");
        std::fs::create_dir(&outside).unwrap();
        Data {
            _tmp: tmp,
            dir,
            outside,
        }
    }

    /// `drafter --data-dir DIR ARGS…` with `passphrase` in the environment (or none).
    fn run_with(&self, passphrase: Option<&str>, args: &[&str]) -> Output {
        let mut cmd = drafter();
        cmd.arg("--data-dir").arg(&self.dir).args(args);
        cmd.env_remove("DRAFTER_PASSPHRASE");
        if let Some(p) = passphrase {
            cmd.env("DRAFTER_PASSPHRASE", p);
        }
        cmd.output().expect("drafter runs")
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run_with(Some(PASSPHRASE), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    }

    /// Saves the example as a new case titled `title`; its id.
    fn new_example(&self, title: &str) -> String {
        self.ok(&[
            "case",
            "new",
            "--title",
            title,
            "--from-example",
            "alt-uscis",
        ])
        .trim()
        .to_string()
    }

    fn db(&self) -> PathBuf {
        self.dir.join(FILE_NAME)
    }

    /// Every protected value found in the clear in the database file or its WAL, with the
    /// file it was found in.
    fn leaks(&self, values: &[String]) -> Vec<String> {
        let mut found = Vec::new();
        for file in [self.db(), with_suffix(&self.db(), "-wal")] {
            let Ok(bytes) = std::fs::read(&file) else {
                continue;
            };
            for v in values {
                if contains(&bytes, v.as_bytes()) {
                    found.push(format!("{v:?} in {}", file.display()));
                }
            }
        }
        found
    }

    /// Whether `text` is anywhere in the database file or its WAL (to show that the grep
    /// sees what the store writes).
    fn holds(&self, text: &str) -> bool {
        self.holds_bytes(text.as_bytes())
    }

    fn holds_bytes(&self, bytes: &[u8]) -> bool {
        [self.db(), with_suffix(&self.db(), "-wal")]
            .iter()
            .filter_map(|f| std::fs::read(f).ok())
            .any(|b| contains(&b, bytes))
    }
}

fn with_suffix(p: &Path, s: &str) -> PathBuf {
    let mut o = p.as_os_str().to_os_string();
    o.push(s);
    PathBuf::from(o)
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// The example's protected values (each at least 6 characters, so a hit is no accident).
fn example_values() -> Vec<String> {
    let example = drafter::examples::profile("alt-uscis").unwrap();
    let values: Vec<String> = example
        .protected_values()
        .into_iter()
        .map(|(_, v)| v.to_string())
        .collect();
    assert!(values.len() >= 4 && values.iter().all(|v| v.len() >= 6));
    values
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[test]
fn the_file_and_its_log_never_hold_a_protected_value_in_the_clear() {
    let d = Data::new();
    let values = example_values();
    let id = d.new_example("ALT_USCIS summons");
    assert!(
        d.holds("Customs and Border Protection"),
        "the grep sees the store's public text"
    );
    assert_eq!(
        d.leaks(&values),
        Vec::<String>::new(),
        "after the first save"
    );

    // The values are really there, sealed: --reveal reads them back.
    let shown = d.ok(&["case", "show", &id, "--json", "--reveal"]);
    for v in &values {
        assert!(shown.contains(&v.replace('"', "\\\"")), "{v} is kept");
    }

    // A revision that drops the protected block.
    let file = d.outside.join("edited.case.json");
    d.ok(&[
        "case",
        "export",
        &id,
        "--reveal",
        "--out",
        file.to_str().unwrap(),
    ]);
    let mut json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let mut dropped = 0;
    for party in json["parties"].as_array_mut().unwrap() {
        if party.as_object_mut().unwrap().remove("protected").is_some() {
            dropped += 1;
        }
    }
    assert!(dropped > 0);
    std::fs::write(&file, serde_json::to_string_pretty(&json).unwrap()).unwrap();
    assert_eq!(
        d.ok(&["case", "save", &id, file.to_str().unwrap(), "--base", "1"])
            .trim(),
        "2"
    );
    assert_eq!(
        d.leaks(&values),
        Vec::<String>::new(),
        "after a revision without the protected block"
    );
    // Revision 1 keeps its (sealed) values.
    let old = d.ok(&["case", "show", &id, "--rev", "1", "--json", "--reveal"]);
    assert!(old.contains(&values[0]));

    // Delete the case: nothing of it is left in the file or the log.
    d.ok(&["case", "archive", &id]);
    d.ok(&["case", "delete", &id]);
    assert_eq!(d.leaks(&values), Vec::<String>::new(), "after case delete");
    assert!(
        !d.holds("Customs and Border Protection"),
        "a deleted case's public text is gone from the file too"
    );

    #[cfg(unix)]
    {
        assert_eq!(mode(&d.dir), 0o700, "the data folder");
        assert_eq!(mode(&d.db()), 0o600, "the database");
        let wal = with_suffix(&d.db(), "-wal");
        if wal.exists() {
            assert_eq!(mode(&wal), 0o600, "the write-ahead log");
        }
        assert_eq!(mode(&file), 0o600, "an exported case file");
    }
}

#[test]
fn show_diff_and_export_mask_protected_values_unless_revealed() {
    let d = Data::new();
    let values = example_values();
    d.new_example("Example");
    let example = drafter::examples::profile("alt-uscis").unwrap();
    let mut changed = example.clone();
    let party = changed
        .parties
        .iter_mut()
        .find(|p| p.is_pseudonymous())
        .unwrap();
    party.protected.as_mut().unwrap().true_name = Some("Another Hidden Person".into());
    let file = d.outside.join("changed.json");
    std::fs::write(&file, changed.to_json()).unwrap();
    d.ok(&["case", "save", "1", file.to_str().unwrap(), "--base", "1"]);

    let masked = d.ok(&["case", "show", "1", "--json"]);
    for v in &values {
        assert!(!masked.contains(v.as_str()), "show --json printed {v}");
    }
    assert!(masked.contains(MASK));
    assert!(masked.contains("Customs and Border Protection"));
    let text = d.ok(&["case", "show", "1"]);
    assert!(!text.contains("Another Hidden Person"));
    let revealed = d.ok(&["case", "show", "1", "--reveal"]);
    assert!(revealed.contains("Another Hidden Person"), "{revealed}");

    let diff = d.ok(&["case", "diff", "1", "1", "2"]);
    assert!(diff.contains(".protected.true_name"), "{diff}");
    assert!(!diff.contains(&values[0]) && !diff.contains("Another Hidden Person"));
    let diff = d.ok(&["case", "diff", "1", "1", "2", "--reveal"]);
    assert!(diff.contains(&values[0]) && diff.contains("Another Hidden Person"));

    // A masked profile saved back would replace the values with the mask: refused.
    let shown: serde_json::Value = serde_json::from_str(&masked).unwrap();
    let back = d.outside.join("masked-profile.json");
    std::fs::write(&back, shown["profile"].to_string()).unwrap();
    let o = d.run_with(
        Some(PASSPHRASE),
        &["case", "save", "1", back.to_str().unwrap(), "--base", "2"],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("holds the mask"), "{}", stderr(&o));

    let out = d.outside.join("masked.case.json");
    let o = d.run_with(
        Some(PASSPHRASE),
        &["case", "export", "1", "--out", out.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("--reveal"), "{}", stderr(&o));
    let written = std::fs::read_to_string(&out).unwrap();
    assert!(!written.contains("Another Hidden Person"));
    for v in &values {
        assert!(!written.contains(v.as_str()), "export wrote {v}");
    }
    // Still a valid profile, the party still pseudonymous.
    let back = drafter::profile::CaseProfile::from_json(&written, "export").unwrap();
    assert!(back.parties.iter().any(|p| p.is_pseudonymous()));
    let all = d.outside.join("all");
    d.ok(&["case", "export", "--all", "--out", all.to_str().unwrap()]);
    for e in std::fs::read_dir(&all).unwrap() {
        let t = std::fs::read_to_string(e.unwrap().path()).unwrap();
        assert!(!t.contains("Another Hidden Person"));
    }
}

#[test]
fn a_locked_store_lists_and_shows_but_never_reveals() {
    let d = Data::new();
    d.new_example("Example");
    let values = example_values();

    let list = d.run_with(None, &["case", "list"]);
    assert!(list.status.success(), "{}", stderr(&list));
    assert!(stdout(&list).contains("Example"));
    let status = d.run_with(None, &["case", "status", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["key"], "locked");
    assert_eq!(status["sealed_revisions"], 1);

    let show = d.run_with(None, &["case", "show", "1", "--json"]);
    assert!(show.status.success(), "{}", stderr(&show));
    let shown: serde_json::Value = serde_json::from_slice(&show.stdout).unwrap();
    assert_eq!(shown["locked"], true);
    assert_eq!(shown["profile"]["case_number"], "3:17-cv-01916");
    for v in &values {
        assert!(!stdout(&show).contains(v.as_str()));
    }

    let reveal = d.run_with(None, &["case", "show", "1", "--reveal"]);
    assert_eq!(reveal.status.code(), Some(1));
    assert!(stderr(&reveal).contains("locked"), "{}", stderr(&reveal));
    assert!(
        stderr(&reveal).contains("passphrase"),
        "{}",
        stderr(&reveal)
    );

    // Rendering a case needs its protected values (every output is checked against them).
    let render = d.run_with(None, &["check", "--case", "1", "--template", "complaint"]);
    assert_eq!(render.status.code(), Some(1), "{}", stdout(&render));
    assert!(stderr(&render).contains("locked"), "{}", stderr(&render));

    // A save of a case with sealed values waits for the key.
    let file = d.outside.join("p.json");
    std::fs::write(&file, drafter::examples::json("alt-uscis").unwrap()).unwrap();
    let save = d.run_with(
        None,
        &["case", "save", "1", file.to_str().unwrap(), "--base", "1"],
    );
    assert_eq!(save.status.code(), Some(1));
    assert!(stderr(&save).contains("locked"));

    let wrong = d.run_with(
        Some("not the passphrase"),
        &["case", "show", "1", "--reveal"],
    );
    assert_eq!(wrong.status.code(), Some(1));
    assert!(
        stderr(&wrong).contains("not the passphrase of the case store"),
        "{}",
        stderr(&wrong)
    );
    assert!(!stderr(&wrong).contains(values[0].as_str()));

    // A new store without any passphrase refuses to keep protected values in the clear.
    let fresh = Data::new();
    let refused = fresh.run_with(
        None,
        &["case", "new", "--title", "X", "--from-example", "alt-uscis"],
    );
    assert_eq!(refused.status.code(), Some(1));
    assert!(
        stderr(&refused).contains("passphrase"),
        "{}",
        stderr(&refused)
    );
    assert!(!fresh.holds(&values[0]));
    // A short first passphrase is refused.
    let short = fresh.run_with(
        Some("short"),
        &["case", "new", "--title", "X", "--from-example", "alt-uscis"],
    );
    assert_eq!(short.status.code(), Some(1));
    assert!(
        stderr(&short).contains("at least 8 characters"),
        "{}",
        stderr(&short)
    );
}

#[cfg(unix)]
#[test]
fn an_existing_open_folder_is_tightened_or_warned_about() {
    use std::os::unix::fs::PermissionsExt;
    let d = Data::new();
    std::fs::create_dir(&d.dir).unwrap();
    std::fs::set_permissions(&d.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    d.ok(&["case", "list"]);
    assert_eq!(
        mode(&d.dir),
        0o700,
        "a folder of Drafter's own files is tightened"
    );

    // A folder that holds other things too is left alone, with a warning.
    let shared = Data::new();
    std::fs::create_dir(&shared.dir).unwrap();
    std::fs::write(shared.dir.join("notes.txt"), "x").unwrap();
    std::fs::set_permissions(&shared.dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    let o = shared.run_with(Some(PASSPHRASE), &["case", "list"]);
    assert!(o.status.success());
    assert!(stderr(&o).contains("chmod 700"), "{}", stderr(&o));
    assert_eq!(mode(&shared.dir), 0o755);
    assert_eq!(mode(&shared.db()), 0o600);
}

#[test]
fn the_passphrase_can_be_changed_and_the_old_one_no_longer_opens_the_store() {
    let d = Data::new();
    let id = d.new_example("Example");
    let values = example_values();
    const NEW: &str = "a new passphrase after staff changes";
    let wrapped = |db: &Path| -> Vec<u8> {
        let c = rusqlite::Connection::open(db).unwrap();
        c.query_row("SELECT wrapped FROM store_key", [], |r| r.get(0))
            .unwrap()
    };
    let old_wrapped = wrapped(&d.db());
    assert!(d.holds_bytes(&old_wrapped), "the grep sees the wrapped key");

    let change = |current: Option<&str>, new: Option<&str>| {
        let mut cmd = drafter();
        cmd.arg("--data-dir")
            .arg(&d.dir)
            .args(["case", "passphrase"])
            .env_remove("DRAFTER_PASSPHRASE")
            .env_remove("DRAFTER_NEW_PASSPHRASE");
        if let Some(p) = current {
            cmd.env("DRAFTER_PASSPHRASE", p);
        }
        if let Some(p) = new {
            cmd.env("DRAFTER_NEW_PASSPHRASE", p);
        }
        cmd.output().expect("drafter runs")
    };
    let reveals = |passphrase: &str| {
        let o = d.run_with(
            Some(passphrase),
            &["case", "show", &id, "--json", "--reveal"],
        );
        o.status.success() && values.iter().all(|v| stdout(&o).contains(v.as_str()))
    };

    // Refused, with nothing changed: a wrong current passphrase, a short new one, no new
    // one without a terminal. No message repeats a passphrase.
    let wrong = change(Some("not the passphrase"), Some(NEW));
    assert!(!wrong.status.success());
    assert!(
        stderr(&wrong).contains("not the passphrase of the case store"),
        "{}",
        stderr(&wrong)
    );
    let short = change(Some(PASSPHRASE), Some("short"));
    assert!(!short.status.success());
    assert!(
        stderr(&short).contains("at least 8 characters"),
        "{}",
        stderr(&short)
    );
    let none = change(Some(PASSPHRASE), None);
    assert!(!none.status.success());
    assert!(
        stderr(&none).contains("DRAFTER_NEW_PASSPHRASE"),
        "{}",
        stderr(&none)
    );
    for o in [&wrong, &short, &none] {
        assert!(!stderr(o).contains(PASSPHRASE) && !stderr(o).contains(NEW));
    }
    assert_eq!(wrapped(&d.db()), old_wrapped);
    assert!(reveals(PASSPHRASE));

    let before = std::fs::read(d.db()).unwrap();
    let o = change(Some(PASSPHRASE), Some(NEW));
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("passphrase of the case store"),
        "{}",
        stdout(&o)
    );

    // The new passphrase opens every sealed value; the old one is refused.
    assert!(reveals(NEW));
    let old = d.run_with(
        Some(PASSPHRASE),
        &["case", "show", &id, "--json", "--reveal"],
    );
    assert!(!old.status.success());
    assert!(
        stderr(&old).contains("not the passphrase"),
        "{}",
        stderr(&old)
    );
    // The old wrapping is gone from the file and its log (not merely superseded), and
    // no protected value was written in the clear on the way.
    assert!(
        !d.holds_bytes(&old_wrapped),
        "the old wrapped key is still in the file"
    );
    assert!(d.leaks(&values).is_empty(), "{:?}", d.leaks(&values));
    // A copy made before the change is a different file that still opens the old way
    // (what the command's message says).
    assert!(contains(&before, &old_wrapped));

    // A store without a passphrase gets its first one, and is told so.
    let fresh = Data::new();
    let mut cmd = drafter();
    let o = cmd
        .arg("--data-dir")
        .arg(&fresh.dir)
        .args(["case", "passphrase"])
        .env_remove("DRAFTER_PASSPHRASE")
        .env("DRAFTER_NEW_PASSPHRASE", NEW)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("had no passphrase; this one is now set"),
        "{}",
        stdout(&o)
    );
    let status = fresh.run_with(Some(NEW), &["case", "status", "--json"]);
    let status: serde_json::Value = serde_json::from_slice(&status.stdout).unwrap();
    assert_eq!(status["key"], "unlocked");
}
