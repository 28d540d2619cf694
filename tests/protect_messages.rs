//! Every kind of error or finding message, made to happen with a protected value in the
//! offending spot, through the real CLI: nothing it prints (stdout or stderr, text or
//! `--json`) holds a protected value in any form.

mod common;

use common::{drafter, stderr, stdout};
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
