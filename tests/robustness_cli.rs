//! Issue 12's failures, through the real `drafter` binary: each is now a clear message
//! naming the file and the field or line:column, exit code 1, and an unchanged disk (or,
//! for a command that must go on working beside a broken file, exit 0).

mod common;

use common::{drafter, example_complaint_args, snapshot, stderr, stdout};
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::{Duration, Instant};

/// Runs drafter with `args` (data and templates in `data`), killing it after 60 s: a hang
/// fails the test instead of stalling it.
fn run_in(data: &Path, args: &[&str]) -> Output {
    let mut child = drafter()
        .arg("--data-dir")
        .arg(data)
        .arg("--templates-dir")
        .arg(data.join("templates"))
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("drafter runs");
    let start = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("drafter {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

/// Asserts exit code 1 (not a crash: a signal has no code) and a message with `needles`.
fn refused(o: &Output, needles: &[&str]) {
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let err = stderr(o);
    for n in needles {
        assert!(err.contains(n), "missing {n:?} in: {err}");
    }
}

fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let templates = dir.path().join("templates");
    std::fs::create_dir_all(templates.join("styles")).unwrap();
    (dir, templates)
}

fn template(dir: &Path, name: &str, body: &str) -> PathBuf {
    let path = dir.join(format!("{name}.md.hbs"));
    std::fs::write(
        &path,
        format!("+++\ntitle = \"T\"\nlayout = \"pleading\"\n+++\n{body}\n"),
    )
    .unwrap();
    path
}

fn mkfifo(path: &Path) {
    let ok = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(ok.success());
}

fn render(data: &Path, name: &str) -> Output {
    run_in(
        data,
        &[
            "render",
            "--example",
            "alt-uscis",
            "--template",
            name,
            "--format",
            "text",
            "--date",
            "2017-04-07",
        ],
    )
}

#[test]
fn recursive_inline_partials_are_refused_and_spare_every_other_command() {
    for (name, body) in [
        ("selfloop", "{{#*inline \"a\"}}x{{> a}}{{/inline}}{{> a}}"),
        (
            "mutual",
            "{{#*inline \"a\"}}{{> b}}{{/inline}}{{#*inline \"b\"}}{{> a}}{{/inline}}{{> a}}",
        ),
    ] {
        let (dir, templates) = setup();
        let file = template(&templates, name, body);
        refused(
            &render(dir.path(), name),
            &["loop", &format!("{name}.md.hbs")],
        );
        let check = run_in(dir.path(), &["template", "check", file.to_str().unwrap()]);
        refused(&check, &["loop"]);
        // The built-ins and the list still work.
        let list = run_in(dir.path(), &["templates"]);
        assert_eq!(list.status.code(), Some(0), "{list:?}");
        assert!(stdout(&list).contains("complaint"));
        let out = dir.path().join("c.txt");
        let ok = run_in(
            dir.path(),
            &[
                "render",
                "--example",
                "alt-uscis",
                "--template",
                "complaint",
                "--format",
                "text",
                "--date",
                "2017-04-07",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(ok.status.code(), Some(0), "{ok:?}");
    }
}

#[test]
fn deep_nesting_is_placed_and_never_aborts() {
    let n = 20_000;
    for (name, body) in [
        ("blocks", "{{#if court}}".repeat(n) + &"{{/if}}".repeat(n)),
        (
            "subexpr",
            format!(
                "{{{{upper {}title{}}}}}",
                "(upper ".repeat(n),
                ")".repeat(n)
            ),
        ),
        (
            "elseif",
            "{{#if a}}".to_string() + &"{{else if b}}".repeat(n) + "{{/if}}",
        ),
    ] {
        let (dir, templates) = setup();
        let file = template(&templates, name, &format!("line one\n{body}"));
        let before = snapshot(&templates);
        refused(
            &render(dir.path(), name),
            &[&format!("{name}.md.hbs:6:"), "nest deeper"],
        );
        let check = run_in(dir.path(), &["template", "check", file.to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(1), "{check:?}");
        assert!(stderr(&check).contains(":6:"), "{}", stderr(&check));
        let list = run_in(dir.path(), &["templates"]);
        assert_eq!(list.status.code(), Some(0), "{list:?}");
        assert!(
            stdout(&list).contains("cannot be used"),
            "{}",
            stdout(&list)
        );
        let args = example_complaint_args("export", &dir.path().join("c.pdf"));
        let export = run_in(
            dir.path(),
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert_eq!(export.status.code(), Some(0), "{export:?}");
        assert_eq!(snapshot(&templates), before);
    }
}

/// Nesting and partial loops disguised by syntax a simpler reading of the body gets wrong
/// (each aborted the process before the lexer followed Handlebars' grammar): every one is
/// refused with its place or its loop, and `template check` exits 1, never on a signal.
#[test]
fn disguised_nesting_and_partial_loops_are_refused() {
    let n = 20_000;
    let cases: Vec<(&str, String, &str)> = vec![
        // A quote in a short comment does not reach past its `}}`.
        (
            "comment",
            format!(
                "{{{{! ' }}}}{}{}{{{{! ' }}}}",
                "{{#if a}}".repeat(n),
                "{{/if}}".repeat(n)
            ),
            "nest deeper",
        ),
        // Two backslashes print one and leave the tag a tag.
        (
            "backslashes",
            "\\\\{{#if a}}".repeat(n) + &"\\\\{{/if}}".repeat(n),
            "nest deeper",
        ),
        // `{{elsewhere}}` is `{{else where}}` to Handlebars.
        (
            "elsewhere",
            format!("{{{{#if a}}}}{}{{{{/if}}}}", "{{elsex}}".repeat(n)),
            "nest deeper",
        ),
        // An escaped end inside a raw block does not end it.
        (
            "raw",
            "{{#if a}}{{{{raw}}}}\\{{{{/raw}}}}{{/if}}{{{{/raw}}}}".repeat(n),
            "nest deeper",
        ),
        // `[…]` may hold `}}`: a close tag hidden in a key is refused, not counted.
        ("key", "{{#if a}}{{a.[}}{{/if}}]}}".repeat(n), "plain name"),
        (
            "brackets",
            format!("{{{{x {}}}}}", "[".repeat(n)),
            "never closed",
        ),
        (
            "object",
            format!("{{{{x {}}}}}", "{\"a\":".repeat(n)),
            "object literals",
        ),
        // Handlebars keeps the quotes of `{{> 'p'}}` and unescapes an inline name.
        (
            "quoted",
            "{{#*inline \"'p'\"}}{{> 'p'}}{{/inline}}{{> 'p'}}".to_string(),
            "loop",
        ),
        (
            "escaped",
            "{{#*inline \"\\u0071\"}}{{> q}}{{/inline}}{{> q}}".to_string(),
            "in quotes",
        ),
        (
            "glued",
            "{{#*inline \"p\"}}{{> p\"x\"}}{{/inline}}{{> p}}".to_string(),
            "loop",
        ),
    ];
    for (name, body, reason) in cases {
        let (dir, templates) = setup();
        let file = template(&templates, name, &body);
        let check = run_in(dir.path(), &["template", "check", file.to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(1), "{name}: {check:?}");
        assert!(
            stdout(&check).contains(reason) || stderr(&check).contains(reason),
            "{name}: {check:?}"
        );
        refused(
            &render(dir.path(), name),
            &[&format!("{name}.md.hbs"), reason],
        );
    }
}

#[test]
fn a_broken_firm_template_named_like_a_built_in_leaves_the_built_in() {
    let (dir, templates) = setup();
    template(&templates, "complaint", &"{{#if x}}".repeat(100));
    let list = run_in(dir.path(), &["templates"]);
    assert_eq!(list.status.code(), Some(0));
    let text = stdout(&list);
    assert!(
        text.contains("built-in `complaint` is used instead"),
        "{text}"
    );
    let o = render(dir.path(), "complaint");
    assert_eq!(o.status.code(), Some(0), "{o:?}");
}

#[test]
fn an_oversized_template_is_refused_by_size() {
    let (dir, templates) = setup();
    let file = template(&templates, "big", &"word ".repeat(250_000));
    refused(&render(dir.path(), "big"), &["big.md.hbs", "limit"]);
    let check = run_in(dir.path(), &["template", "check", file.to_str().unwrap()]);
    refused(&check, &["big.md.hbs", "at most 1048576 bytes"]);
}

#[test]
fn devices_and_fifos_are_refused_without_blocking() {
    let (dir, templates) = setup();
    let fifo = dir.path().join("fifo.json");
    mkfifo(&fifo);
    let fifo = fifo.to_str().unwrap();
    for args in [
        vec!["check", "--profile", "/dev/zero", "--template", "complaint"],
        vec!["check", "--profile", fifo, "--template", "complaint"],
        vec!["case", "import", "/dev/zero"],
        vec!["case", "import", fifo],
        vec!["template", "check", "/dev/zero"],
        vec!["template", "check", fifo],
    ] {
        let o = run_in(dir.path(), &args);
        refused(&o, &["not a regular file"]);
    }
    // A FIFO behind a style name.
    mkfifo(&templates.join("styles").join("pipe.toml"));
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--example",
            "alt-uscis",
            "--template",
            "complaint",
            "--style",
            "pipe",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    let out = stdout(&o);
    assert!(
        out.contains("court.style")
            && out.contains("pipe.toml")
            && out.contains("not a regular file"),
        "{out}"
    );
}

#[test]
fn style_ids_are_names_not_paths() {
    let (dir, _templates) = setup();
    let secret = dir.path().join("secret.toml");
    std::fs::write(&secret, "name = \"SECRET-VALUE\"\n").unwrap();
    let path = secret.with_extension("");
    for style in [path.to_str().unwrap(), "../secret", "CAND", "a/b", "-x"] {
        let o = run_in(
            dir.path(),
            &[
                "check",
                "--example",
                "alt-uscis",
                "--template",
                "complaint",
                &format!("--style={style}"),
            ],
        );
        assert_eq!(o.status.code(), Some(1), "{o:?}");
        let out = stdout(&o);
        assert!(
            out.contains("court.style") && out.contains("not a court style name"),
            "{out}"
        );
        assert!(!out.contains("SECRET-VALUE") && !stderr(&o).contains("SECRET-VALUE"));
    }
}

#[test]
fn outputs_replace_only_regular_writable_files() {
    let (dir, _templates) = setup();
    let fifo = dir.path().join("out.txt");
    mkfifo(&fifo);
    let args = |out: &Path, force: bool| -> Vec<String> {
        let mut a: Vec<String> = [
            "render",
            "--example",
            "alt-uscis",
            "--template",
            "complaint",
            "--format",
            "text",
            "--date",
            "2017-04-07",
            "--out",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        a.push(out.to_str().unwrap().to_string());
        if force {
            a.push("--force".into());
        }
        a
    };
    let run = |a: Vec<String>| {
        run_in(
            dir.path(),
            &a.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };
    refused(&run(args(&fifo, true)), &["out.txt", "FIFO"]);
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());

    let ro = dir.path().join("ro.txt");
    std::fs::write(&ro, "keep").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    refused(&run(args(&ro, false)), &["ro.txt", "read-only", "--force"]);
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "keep");
    let forced = run(args(&ro, true));
    assert_eq!(forced.status.code(), Some(0), "{forced:?}");
    assert!(std::fs::read_to_string(&ro).unwrap().contains("COMPLAINT"));
}

use std::os::unix::fs::{FileTypeExt, PermissionsExt};

fn example_json() -> serde_json::Value {
    serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap()
}

#[test]
fn profile_messages_name_the_file_and_the_field_or_place() {
    let (dir, _templates) = setup();
    // Invalid UTF-8 on line 3.
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\n  \"schema\": 1,\n  \"title\": \"A\xff\"\n}\n").unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--profile",
            bad.to_str().unwrap(),
            "--template",
            "complaint",
        ],
    );
    refused(&o, &["bad.json:3:14: not UTF-8 text (byte 0xFF)"]);

    // A 10 MB case number is refused by the file limit; a 300-character one by the field's.
    let mut v = example_json();
    v["case_number"] = "9".repeat(10_000_000).into();
    let huge = dir.path().join("huge.json");
    std::fs::write(&huge, v.to_string()).unwrap();
    let start = Instant::now();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--profile",
            huge.to_str().unwrap(),
            "--template",
            "complaint",
        ],
    );
    refused(&o, &["huge.json", "at most 4194304 bytes"]);
    assert!(start.elapsed() < Duration::from_secs(10));
    v["case_number"] = "9".repeat(300).into();
    let long = dir.path().join("long.json");
    std::fs::write(&long, v.to_string()).unwrap();
    let o = run_in(
        dir.path(),
        &[
            "check",
            "--profile",
            long.to_str().unwrap(),
            "--template",
            "complaint",
        ],
    );
    refused(
        &o,
        &["long.json: field `case_number`: is longer than 200 characters"],
    );

    // A title that would rewrite the terminal.
    let mut v = example_json();
    v["title"] = "Twitter\u{1b}[2J\u{1b}[H v. Nobody\nforged line".into();
    let spoof = dir.path().join("spoof.json");
    std::fs::write(&spoof, v.to_string()).unwrap();
    let data = dir.path().join("data");
    let o = run_in(&data, &["case", "import", spoof.to_str().unwrap()]);
    refused(
        &o,
        &["spoof.json: field `title`: holds the control character U+001B"],
    );
    let o = run_in(&data, &["case", "new", "--title", "A\u{1b}[31m title"]);
    refused(&o, &["title", "control character", "U+001B"]);
    let o = run_in(&data, &["case", "list"]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn leftover_creation_files_are_swept() {
    let dir = tempfile::tempdir().unwrap();
    // A process that has ended: its id is free.
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let pid = child.id();
    child.wait().unwrap();
    let leftover = dir.path().join(format!(".drafter.sqlite.new-{pid}-1"));
    std::fs::write(&leftover, b"half a database").unwrap();
    std::fs::write(
        dir.path().join(format!(".drafter.sqlite.new-{pid}-1-wal")),
        b"x",
    )
    .unwrap();
    let o = run_in(dir.path(), &["case", "list"]);
    assert_eq!(o.status.code(), Some(0), "{o:?}");
    let names: Vec<String> = snapshot(dir.path()).into_iter().map(|(n, _)| n).collect();
    assert!(!names.iter().any(|n| n.contains(".new-")), "{names:?}");
}

#[test]
fn a_damaged_store_with_a_pending_wal_is_left_byte_for_byte() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("drafter.sqlite");
    assert_eq!(
        run_in(dir.path(), &["case", "new", "--title", "First"])
            .status
            .code(),
        Some(0)
    );
    // A second process holds the database open so the WAL stays; copy the pair mid-life.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.pragma_update(None, "wal_autocheckpoint", 0).unwrap();
    for i in 0..50 {
        conn.execute(
            "UPDATE cases SET title = ?1 WHERE id = 1",
            [format!("Title {i} {}", "x".repeat(2000))],
        )
        .unwrap();
    }
    let copy = tempfile::tempdir().unwrap();
    let db2 = copy.path().join("drafter.sqlite");
    std::fs::copy(&db, &db2).unwrap();
    std::fs::copy(
        dir.path().join("drafter.sqlite-wal"),
        copy.path().join("drafter.sqlite-wal"),
    )
    .unwrap();
    drop(conn);
    // Damage the main file's pages after the header.
    let mut bytes = std::fs::read(&db2).unwrap();
    assert!(bytes.len() > 4096 * 2);
    for b in &mut bytes[4096..] {
        *b = 0xA5;
    }
    std::fs::write(&db2, &bytes).unwrap();
    let main = std::fs::read(&db2).unwrap();
    let wal = std::fs::read(copy.path().join("drafter.sqlite-wal")).unwrap();
    let o = run_in(copy.path(), &["case", "list"]);
    refused(&o, &["drafter.sqlite", "damaged"]);
    assert_eq!(std::fs::read(&db2).unwrap(), main, "the main file changed");
    assert_eq!(
        std::fs::read(copy.path().join("drafter.sqlite-wal")).unwrap(),
        wal,
        "the WAL changed"
    );
}

/// Runs drafter as an unprivileged user when this test runs as root (root writes into
/// read-only folders), or directly otherwise.
fn run_unprivileged(data: &Path, args: &[&str]) -> Option<Output> {
    let root = std::fs::metadata("/proc/self").map(|m| {
        use std::os::unix::fs::MetadataExt;
        m.uid() == 0
    });
    if !matches!(root, Ok(true)) {
        return Some(run_in(data, args));
    }
    let mut cmd = std::process::Command::new("setpriv");
    cmd.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
        .arg(env!("CARGO_BIN_EXE_drafter"))
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .env_remove("DRAFTER_DATA_DIR")
        .env_remove("DRAFTER_TEMPLATES_DIR");
    cmd.output().ok()
}

#[test]
fn a_healthy_store_in_a_read_only_folder_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    assert_eq!(
        run_in(&data, &["case", "new", "--title", "Readable matter"])
            .status
            .code(),
        Some(0)
    );
    for p in [dir.path(), data.as_path()] {
        std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o555)).unwrap();
    }
    std::fs::set_permissions(
        data.join("drafter.sqlite"),
        std::fs::Permissions::from_mode(0o444),
    )
    .unwrap();
    let before = snapshot(&data);
    let list = run_unprivileged(&data, &["case", "list"]).expect("setpriv runs");
    assert_eq!(list.status.code(), Some(0), "{list:?}");
    assert!(stdout(&list).contains("Readable matter"));
    let new =
        run_unprivileged(&data, &["case", "new", "--title", "Another"]).expect("setpriv runs");
    refused(&new, &["drafter.sqlite is read-only", "cannot be written"]);
    assert_eq!(snapshot(&data), before);
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&data, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn a_broken_firm_style_is_listed_with_its_error_and_hides_no_other() {
    let (dir, templates) = setup();
    let styles = templates.join("styles");
    std::fs::create_dir_all(&styles).unwrap();
    std::fs::write(styles.join("broken.toml"), "name = [\n").unwrap();
    let list = run_in(dir.path(), &["styles"]);
    assert_eq!(list.status.code(), Some(0), "{list:?}");
    let text = stdout(&list);
    assert!(
        text.contains("broken") && text.contains("cannot be used"),
        "{text}"
    );
    assert!(text.contains("cand"), "{text}");
    let json = run_in(dir.path(), &["styles", "--json"]);
    let rows: serde_json::Value = serde_json::from_str(&stdout(&json)).unwrap();
    let broken = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "broken")
        .unwrap();
    assert!(
        broken["error"].as_str().unwrap().contains("broken.toml"),
        "{broken}"
    );
}
