//! Every kind of error or finding message, made to happen with a protected value in the
//! offending spot, through the real CLI: nothing it prints (stdout or stderr, text or
//! `--json`) holds a protected value in any form.

mod common;

use common::{drafter, example_all_args, example_complaint_args, stderr, stdout};
use drafter::profile::CaseProfile;
use drafter::rules::protect::{Guard, Output};
use std::path::Path;

fn example() -> CaseProfile {
    drafter::examples::profile("alt-uscis").unwrap()
}

/// Asserts that `text` carries no protected value of the example in any form.
fn clean(what: &str, text: &str) {
    let leaks = Guard::new(&example()).check_bytes(Output::Message, text.as_bytes());
    assert!(
        leaks.is_empty(),
        "{what} prints a protected value:\n{text}\n{leaks:?}"
    );
    for word in ["Quill", "Esterh", "Fennimore", "mailbox", "7Q4K"] {
        assert!(!text.contains(word), "{what} prints {word}:\n{text}");
    }
}

fn run(args: &[&str], templates: &Path) -> (bool, String) {
    let data = tempfile::tempdir().unwrap();
    let out = drafter()
        .arg("--data-dir")
        .arg(data.path())
        .arg("--templates-dir")
        .arg(templates)
        .args(args)
        .output()
        .unwrap();
    (
        out.status.success(),
        format!("{}\n{}", stdout(&out), stderr(&out)),
    )
}

const FRONT: &str = "+++\ntitle = \"Firm Notice\"\nlayout = \"pleading\"\nfiled_by = \"interested-party\"\ncaption = \"short\"\n+++\n";

fn firm(dir: &Path, body: &str) {
    std::fs::write(dir.join("firm.md.hbs"), format!("{FRONT}{body}\n")).unwrap();
}

#[test]
fn template_errors_never_quote_values() {
    let dir = tempfile::tempdir().unwrap();
    let doe = example()
        .parties
        .iter()
        .position(|p| p.protected.is_some())
        .unwrap();
    for (what, body) in [
        (
            "a helper given the whole parties array",
            "{{ordinal parties}}".to_string(),
        ),
        (
            "a list helper given an object",
            "{{join-and court}}".to_string(),
        ),
        (
            "a date helper given the true name",
            format!("{{{{long-date parties.[{doe}].protected.true_name}}}}"),
        ),
        (
            "a number helper given the address",
            format!("{{{{roman parties.[{doe}].protected.address}}}}"),
        ),
        (
            "a syntax error beside a literal name",
            "Mara Quill-Esterhazy {{#if court}} Mara Quill-Esterhazy {{/each}}".to_string(),
        ),
        (
            "a value printed in a comment",
            format!("Text.\n\n<!-- {{{{parties.[{doe}].protected.true_name}}}} -->"),
        ),
    ] {
        firm(dir.path(), &body);
        for args in [
            &[
                "check",
                "--example",
                "alt-uscis",
                "--template",
                "firm",
                "--json",
            ][..],
            &["check", "--example", "alt-uscis", "--template", "firm"][..],
            &[
                "render",
                "--example",
                "alt-uscis",
                "--template",
                "firm",
                "--format",
                "markdown",
            ][..],
            &[
                "export",
                "--example",
                "alt-uscis",
                "--template",
                "firm",
                "--out",
                "/dev/null/x.pdf",
            ][..],
        ] {
            let (ok, text) = run(args, dir.path());
            assert!(!ok, "{what}: {args:?} succeeded:\n{text}");
            clean(&format!("{what} ({})", args[0]), &text);
        }
    }
}

#[test]
fn profile_type_errors_never_quote_values() {
    let dir = tempfile::tempdir().unwrap();
    let json: serde_json::Value =
        serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap();
    let doe = json["parties"]
        .as_array()
        .unwrap()
        .iter()
        .position(|p| p.get("protected").is_some())
        .unwrap();
    let name = "Mara Quill-Esterhazy";
    let mut cases: Vec<(&str, serde_json::Value)> = Vec::new();
    let mut role = json.clone();
    role["parties"][doe]["role"] = name.into();
    cases.push(("an unknown variant", role));
    let mut minor = json.clone();
    minor["parties"][doe]["minor"] = name.into();
    cases.push(("a string where a boolean goes", minor));
    let mut date = json.clone();
    date["dates"]["filed"] = name.into();
    cases.push(("a string where a date goes", date));
    let mut schema = json.clone();
    schema["parties"][doe]["protected"]["true_name"] = serde_json::json!([name]);
    cases.push(("a list where text goes", schema));
    let mut number = json.clone();
    number["parties"][doe]["protected"]["phone"] = serde_json::json!(15550147);
    cases.push(("a number where text goes", number));
    let mut field = json.clone();
    field["parties"][doe]["protected"]["forms"] = serde_json::json!([name]);
    cases.push(("an unknown form", field));
    for (what, value) in cases {
        let path = dir.path().join("case.json");
        std::fs::write(&path, value.to_string()).unwrap();
        let p = path.to_str().unwrap();
        for args in [
            &[
                "check",
                "--profile",
                p,
                "--template",
                "notice-of-appearance",
                "--json",
            ][..],
            &[
                "export",
                "--profile",
                p,
                "--template",
                "notice-of-appearance",
                "--out",
                "/dev/null/x.pdf",
            ][..],
        ] {
            let (ok, text) = run(args, dir.path());
            assert!(!ok, "{what}: accepted:\n{text}");
            assert!(
                text.contains("parties") || text.contains("dates"),
                "{what}: the field is named:\n{text}"
            );
            clean(what, &text);
        }
    }
}

#[test]
fn a_refusal_names_the_place_not_the_value() {
    let dir = tempfile::tempdir().unwrap();
    firm(dir.path(), "Counsel appear for Ms. Esterhazy’s interests.");
    let (ok, text) = run(
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "firm",
            "--out",
            "/dev/null/x.pdf",
        ],
        dir.path(),
    );
    assert!(!ok);
    assert!(text.contains("protected.true_name"), "{text}");
    assert!(text.contains("page 1, line"), "{text}");
    clean("the refusal", &text);
}

#[test]
fn deadlines_never_quote_a_protected_value_typed_into_a_motion() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = example();
    p.docket.motions[0].title = "Motion of Mara Quill-Esterhazy to Proceed".into();
    let file = dir.path().join("case.json");
    std::fs::write(&file, serde_json::to_string(&p).unwrap()).unwrap();
    let path = file.to_str().unwrap();
    for json in [false, true] {
        let mut args = vec!["deadlines", "--profile", path];
        if json {
            args.push("--json");
        }
        let (ok, text) = run(&args, dir.path());
        assert!(ok, "{text}");
        assert!(text.contains("Motion of [redacted] to Proceed"), "{text}");
        clean("deadlines", &text);
    }
}

/// Runs drafter on the example in a fresh data folder; (succeeded, stdout and stderr).
fn run_example(args: &[&str]) -> (bool, String) {
    let templates = tempfile::tempdir().unwrap();
    run(args, templates.path())
}

/// What is under `dir`, as relative paths.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in walkdir(dir) {
        out.push(e.strip_prefix(dir).unwrap().display().to_string());
    }
    out.sort();
    out
}

fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walkdir(&p));
        }
        out.push(p);
    }
    out
}

#[test]
fn a_file_or_new_folder_named_after_the_client_is_refused_and_nothing_is_written() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path();
    let chosen = [
        "Mara Quill-Esterhazy complaint.pdf",
        "Mara\u{200B}Quill-Esterhazy notice.pdf", // an invisible character inside
        "QUILL-ESTERHAZY, Mara - complaint.pdf",  // family name first, other case
        "Quill\u{2010}Esterhazy brief.pdf",       // the family name, a Unicode hyphen
        "\u{41C}ara Quill-Esterhazy.pdf",         // a Cyrillic capital Em for the M
        "Quill-Esterhazy/complaint.pdf",          // a folder Drafter would create
    ];
    for name in chosen {
        let target = dir.join(name);
        for verb in ["export", "render"] {
            let args = example_complaint_args(verb, &target);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let (ok, text) = run_example(&args);
            assert!(!ok, "{verb} to {name:?} was written");
            clean(&format!("{verb} to a name of the client"), &text);
            assert!(
                text.contains("file name"),
                "the refusal says what is wrong: {text}"
            );
            assert_eq!(listing(dir), Vec::<String>::new(), "nothing written");
        }
    }
    // A whole set into a new folder named after the client: refused too.
    let set = dir.join("Quill-Esterhazy filings");
    let args = example_all_args(&set, "2017-04-07");
    let (ok, text) = run_example(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(!ok, "a set into a new folder named after the client");
    clean("a set to a folder named after the client", &text);
    assert_eq!(listing(dir), Vec::<String>::new(), "nothing written");

    // A folder that exists already was named by the person: the file goes in it.
    std::fs::create_dir(dir.join("Quill-Esterhazy")).unwrap();
    let target = dir.join("Quill-Esterhazy").join("complaint.pdf");
    let args = example_complaint_args("export", &target);
    let (ok, text) = run_example(&args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(ok, "{text}");
    assert!(target.is_file());
}
