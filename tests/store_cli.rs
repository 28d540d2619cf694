//! `drafter case …` through the real binary: output, exit codes (0 ok, 1 refused with a
//! message on stderr, 2 usage), and JSON.

mod common;

use common::{fixture_text, fixtures_dir, snapshot};
use std::path::Path;
use std::process::{Command, Output, Stdio};

struct Cli {
    dir: tempfile::TempDir,
}

impl Cli {
    fn new() -> Cli {
        Cli {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    fn data(&self) -> std::path::PathBuf {
        self.dir.path().join("data")
    }

    fn cmd(&self, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_drafter"));
        c.arg("--data-dir")
            .arg(self.data())
            .arg("case")
            .args(args)
            .env_remove("DRAFTER_DATA_DIR")
            .env("USER", "cli-tester")
            .env("DRAFTER_PASSPHRASE", "cli test passphrase")
            .env("DRAFTER_KEYRING", "off")
            .stdin(Stdio::null());
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd(args).output().unwrap()
    }

    /// Runs and expects success; returns stdout.
    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "drafter case {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs and expects exit code `code`; returns stderr.
    fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        assert_eq!(
            out.status.code(),
            Some(code),
            "drafter case {args:?}: stdout {} stderr {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(out.stdout.is_empty(), "nothing on stdout when refused");
        String::from_utf8(out.stderr).unwrap()
    }

    fn write(&self, name: &str, text: &str) -> String {
        let p = self.dir.path().join(name);
        std::fs::write(&p, text).unwrap();
        p.display().to_string()
    }
}

/// The ids `drafter case list --search TEXT --json` prints.
fn search_ids(cli: &Cli, text: &str) -> Vec<i64> {
    json(&cli.ok(&["list", "--search", text, "--json"]))
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_i64().unwrap())
        .collect()
}

fn json(s: &str) -> serde_json::Value {
    serde_json::from_str(s).unwrap_or_else(|e| panic!("not JSON ({e}): {s}"))
}

#[test]
fn a_case_from_creation_to_deletion() {
    let cli = Cli::new();
    // From the built-in example (whatever its content): exactly its profile.
    assert_eq!(
        cli.ok(&["new", "--title", "ALT_USCIS", "--from-example", "alt-uscis"]),
        "1\n"
    );
    let example = drafter::examples::profile("alt-uscis").unwrap();
    let out = cli.dir.path().join("alt.case.json");
    let printed = cli.ok(&["export", "1", "--reveal", "--out", out.to_str().unwrap()]);
    assert_eq!(printed.trim_end(), out.display().to_string());
    assert_eq!(std::fs::read_to_string(&out).unwrap(), example.to_json());
    let text = cli.ok(&["show", "1"]);
    assert!(
        text.starts_with("Case 1: ALT_USCIS\nRevision 1 of 1, saved "),
        "{text}"
    );
    if let Some(n) = &example.case_number {
        assert!(text.contains(&format!("Case number: {n}")), "{text}");
    }
    for (field, value) in example.protected_values() {
        assert!(!text.contains(value), "show printed {field}: {text}");
    }
    assert_eq!(cli.ok(&["new", "--title", "Blank matter"]), "2\n");
    let blank = json(&cli.ok(&["show", "2", "--json"]));
    assert_eq!(blank["profile"]["title"], "Blank matter");

    // A case from the store's fixture, whose content the rest relies on.
    let fixture = fixtures_dir().join("store-alt-uscis.json");
    assert_eq!(cli.ok(&["import", fixture.to_str().unwrap()]), "3\n");
    let text = cli.ok(&["show", "3"]);
    assert!(
        text.starts_with("Case 3: Twitter v. DHS (ALT_USCIS summons)\n"),
        "{text}"
    );
    assert!(
        text.contains("by cli-tester (imported from store-alt-uscis.json)"),
        "{text}"
    );
    assert!(text.contains("Case number: 3:17-cv-01916"), "{text}");
    assert!(
        text.contains("Interested Party: the operator of @ALT_USCIS"),
        "{text}"
    );
    assert!(
        !text.contains("Hollister"),
        "show's summary never prints protected values"
    );
    let shown = json(&cli.ok(&["show", "3", "--json"]));
    assert_eq!(shown["rev"], 1);
    assert_eq!(shown["author"], "cli-tester");
    assert_eq!(shown["case"]["id"], 3);
    assert_eq!(shown["profile"]["case_number"], "3:17-cv-01916");

    // Save a new revision from a file; a second save from the same base is refused.
    let exported = std::fs::read_to_string(
        cli.ok(&[
            "export",
            "3",
            "--reveal",
            "--out",
            cli.dir.path().to_str().unwrap(),
        ])
        .trim_end(),
    )
    .unwrap();
    assert_eq!(exported, fixture_text("store-alt-uscis.json"));
    let edited = exported.replace("Kevin K. McAleenan", "Kevin McAleenan");
    let file = cli.write("edited.json", &edited);
    assert_eq!(cli.ok(&["save", "3", &file, "--base", "1"]), "2\n");
    let err = cli.fails(&["save", "3", &file, "--base", "1"], 1);
    assert!(
        err.contains("case 3 was saved as revision 2 by cli-tester")
            && err.contains("since you opened revision 1; reload to see the changes"),
        "{err}"
    );

    // History, diff, restore.
    let history = cli.ok(&["history", "3"]);
    let lines: Vec<&str> = history.lines().collect();
    assert_eq!(lines.len(), 2, "{history}");
    assert!(
        lines[0].trim_start().starts_with('2') && lines[0].ends_with("changed parties[4].name"),
        "{history}"
    );
    assert!(
        lines[1].ends_with("cli-tester  imported from store-alt-uscis.json"),
        "{history}"
    );
    let h = json(&cli.ok(&["history", "3", "--json"]));
    assert_eq!(h[0]["rev"], 2);
    assert_eq!(h[0]["summary"], "changed parties[4].name");
    assert_eq!(
        cli.ok(&["diff", "3", "1", "2"]),
        "~ parties[4].name: \"Kevin K. McAleenan\" -> \"Kevin McAleenan\"\n"
    );
    assert!(cli
        .ok(&["diff", "3", "2", "2"])
        .contains("have the same profile"));
    assert_eq!(cli.ok(&["restore", "3", "1"]), "3\n");
    let restored = json(&cli.ok(&["show", "3", "--json"]));
    assert_eq!(
        restored["profile"]["parties"][4]["name"],
        "Kevin K. McAleenan"
    );
    let old = json(&cli.ok(&["show", "3", "--rev", "2", "--json"]));
    assert_eq!(old["profile"]["parties"][4]["name"], "Kevin McAleenan");

    // Duplicate, rename, list.
    assert_eq!(cli.ok(&["duplicate", "3"]), "4\n");
    assert_eq!(cli.ok(&["duplicate", "3", "--title", "Related"]), "5\n");
    cli.ok(&["rename", "4", "Second summons"]);
    let list = json(&cli.ok(&["list", "--json"]));
    let titles: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["title"].as_str().unwrap())
        .collect();
    assert_eq!(
        titles,
        [
            "Related",
            "Second summons",
            "Twitter v. DHS (ALT_USCIS summons)",
            "Blank matter",
            "ALT_USCIS"
        ]
    );
    let text = cli.ok(&["list"]);
    assert!(
        text.lines()
            .next()
            .unwrap()
            .contains("Related  [3:17-cv-01916]"),
        "{text}"
    );

    // Archive, delete.
    let err = cli.fails(&["delete", "5"], 1);
    assert!(
        err.contains("case 5 (\u{201c}Related\u{201d}) is not archived"),
        "{err}"
    );
    cli.ok(&["archive", "5"]);
    assert_eq!(
        json(&cli.ok(&["list", "--json"])).as_array().unwrap().len(),
        4
    );
    let all = json(&cli.ok(&["list", "--archived", "--json"]));
    assert_eq!(all.as_array().unwrap().len(), 5);
    assert!(cli.ok(&["list", "--archived"]).contains("(archived)"));
    cli.ok(&["unarchive", "5"]);
    cli.ok(&["archive", "5"]);
    assert_eq!(cli.ok(&["delete", "5"]), "deleted case 5\n");
    let err = cli.fails(&["show", "5"], 1);
    // One line: main's prefix ("error:" / "drafter:"), then the store's message.
    assert!(err.ends_with(": there is no case 5\n"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn search_from_the_command_line() {
    let cli = Cli::new();
    let dir = fixtures_dir();
    let a = dir.join("store-alt-uscis.json");
    let b = dir.join("store-doe-v-acme.json");
    assert_eq!(
        cli.ok(&["import", a.to_str().unwrap(), b.to_str().unwrap()]),
        "1\n2\n"
    );
    let ids = |q: &str| search_ids(&cli, q);
    assert_eq!(ids("McAleenan"), [1]);
    assert_eq!(ids("3:17-cv-01916"), [1]);
    assert_eq!(ids("swimming"), [2]);
    assert_eq!(ids("Hollister"), Vec::<i64>::new());
    let out = cli.run(&["list", "--search", "nothing-matches-this"]);
    assert!(out.status.success());
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no saved case matches"));
}

#[test]
fn exporting_a_stored_case_records_the_document_for_search() {
    let cli = Cli::new();
    let a = fixtures_dir().join("store-alt-uscis.json");
    assert_eq!(cli.ok(&["import", a.to_str().unwrap()]), "1\n");
    let pdf = cli.dir.path().join("out").join("filed-complaint.pdf");
    let out = Command::new(env!("CARGO_BIN_EXE_drafter"))
        .arg("--data-dir")
        .arg(cli.data())
        .args(["export", "--case", "1", "--template", "complaint", "--out"])
        .arg(&pdf)
        .env_remove("DRAFTER_DATA_DIR")
        .env("DRAFTER_PASSPHRASE", "cli test passphrase")
        .env("DRAFTER_KEYRING", "off")
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(pdf.is_file());
    let ids = |q: &str| search_ids(&cli, q);
    assert_eq!(ids("filed"), [1], "the file's name");
    assert_eq!(ids("declaratory injunctive"), [1], "the document's title");
    assert_eq!(ids("filed McAleenan"), [1], "a file word and a party word");
}

#[test]
fn import_and_export_folders() {
    let cli = Cli::new();
    let incoming = cli.dir.path().join("incoming");
    std::fs::create_dir(&incoming).unwrap();
    for name in [
        "store-alt-uscis.json",
        "store-doe-v-acme.json",
        "store-minimal.json",
    ] {
        std::fs::write(incoming.join(name), fixture_text(name)).unwrap();
    }
    let bad = fixture_text("store-minimal.json").replace("\"relief\": []", "\"relief\": 7");
    std::fs::write(incoming.join("zz-bad.case.json"), bad).unwrap();
    let err = cli.fails(&["import", incoming.to_str().unwrap()], 1);
    assert!(
        err.contains("zz-bad.case.json") && err.contains("field `relief`"),
        "{err}"
    );
    assert_eq!(
        cli.ok(&["list", "--archived", "--json"]).trim(),
        "[]",
        "all or nothing"
    );

    std::fs::remove_file(incoming.join("zz-bad.case.json")).unwrap();
    assert_eq!(cli.ok(&["import", incoming.to_str().unwrap()]), "1\n2\n3\n");
    let backup = cli.dir.path().join("backup");
    let printed = cli.ok(&[
        "export",
        "--all",
        "--reveal",
        "--out",
        backup.to_str().unwrap(),
    ]);
    assert_eq!(printed.lines().count(), 3);
    // Each exported file is byte for byte the file imported (the fixtures are canonical).
    let mut exported: Vec<String> = std::fs::read_dir(&backup)
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    let mut originals: Vec<String> = [
        "store-alt-uscis.json",
        "store-doe-v-acme.json",
        "store-minimal.json",
    ]
    .iter()
    .map(|n| fixture_text(n))
    .collect();
    exported.sort();
    originals.sort();
    assert_eq!(exported, originals);
    // Export into an existing folder names the file after the case.
    let one = cli.ok(&["export", "2", "--out", backup.to_str().unwrap()]);
    assert!(
        one.trim_end().ends_with("doe-v-acme-widgets.case.json"),
        "{one}"
    );
}

#[test]
fn two_processes_saving_from_the_same_base_one_wins() {
    let cli = Cli::new();
    let fixture = fixtures_dir().join("store-alt-uscis.json");
    cli.ok(&["import", fixture.to_str().unwrap()]);
    let base = cli.ok(&["show", "1", "--json", "--reveal"]);
    let base = json(&base)["profile"].to_string();
    let a = cli.write("a.json", &base.replace("Twitter, Inc.", "Writer A"));
    let b = cli.write("b.json", &base.replace("Twitter, Inc.", "Writer B"));
    for round in 1..=5u32 {
        let base = round.to_string();
        let pa = cli
            .cmd(&["save", "1", &a, "--base", &base])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pb = cli
            .cmd(&["save", "1", &b, "--base", &base])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let outs = [
            pa.wait_with_output().unwrap(),
            pb.wait_with_output().unwrap(),
        ];
        let winners: Vec<&Output> = outs.iter().filter(|o| o.status.success()).collect();
        assert_eq!(winners.len(), 1, "round {round}");
        assert_eq!(
            String::from_utf8_lossy(&winners[0].stdout),
            format!("{}\n", round + 1)
        );
        let loser = outs.iter().find(|o| !o.status.success()).unwrap();
        assert_eq!(loser.status.code(), Some(1));
        let err = String::from_utf8_lossy(&loser.stderr);
        assert!(
            err.contains(&format!("was saved as revision {}", round + 1))
                && err.contains(&format!("since you opened revision {round}")),
            "{err}"
        );
    }
    let h = json(&cli.ok(&["history", "1", "--json"]));
    assert_eq!(
        h.as_array().unwrap().len(),
        6,
        "every winning save is there"
    );
}

#[test]
fn usage_errors_exit_2_and_refusals_exit_1() {
    let cli = Cli::new();
    cli.ok(&["new", "--title", "One"]);
    let file = cli.write("p.json", &fixture_text("store-minimal.json"));
    for args in [
        vec!["save", "1", file.as_str()],           // --base missing
        vec!["show", "abc"],                        // not an id
        vec!["show", "1", "--rev", "0"],            // not a revision
        vec!["export", "1"],                        // --out missing
        vec!["export", "1", "--all", "--out", "x"], // both
        vec!["export", "--out", "x"],               // neither
        vec!["import"],                             // nothing to import
        vec!["frobnicate"],
    ] {
        let out = cli.run(&args);
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(cli
        .fails(&["show", "1", "--rev", "5"], 1)
        .contains("case 1 has no revision 5"));
    let bad = cli.write(
        "bad.json",
        "{\"schema\": 1, \"court\": {\"name\": \"X\"}, \"parties\": [{\"id\": 1}]}",
    );
    let err = cli.fails(&["save", "1", &bad, "--base", "1"], 1);
    assert!(
        err.contains("bad.json") && err.contains("parties[0].id"),
        "{err}"
    );
    let err = cli.fails(&["new", "--title", "X", "--from-example", "nope"], 1);
    assert!(err.contains("no built-in example called `nope`"), "{err}");
    let err = cli.fails(&["rename", "1", "   "], 1);
    assert!(err.contains("a case needs a title"), "{err}");
}

#[test]
fn a_damaged_database_is_reported_and_left_untouched() {
    let cli = Cli::new();
    std::fs::create_dir_all(cli.data()).unwrap();
    let db = cli.data().join("drafter.sqlite");
    std::fs::write(
        &db,
        b"this is not a database, but it is someone's file\n".repeat(200),
    )
    .unwrap();
    let before = snapshot(&cli.data());
    let err = cli.fails(&["list"], 1);
    assert!(err.contains(&db.display().to_string()), "{err}");
    assert!(
        err.contains("damaged") && err.contains("has not changed it"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "one clear message: {err}");
    let file = cli.write("p.json", &fixture_text("store-minimal.json"));
    cli.fails(&["import", &file], 1);
    assert_eq!(snapshot(&cli.data()), before);
}

#[test]
fn the_data_folder_comes_from_the_environment_when_no_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_drafter"))
        .args(["case", "new", "--title", "Env"])
        .env("DRAFTER_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(Path::new(&dir.path().join("drafter.sqlite")).is_file());
}
