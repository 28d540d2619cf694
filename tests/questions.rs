//! Templates declare their questions, through the real `drafter` binary: `check` names a
//! missing or wrong answer by its label (field `extra.<key>`, no protected value), `template
//! check` holds a body to its declarations, relief prints with the template's punctuation in
//! the real PDF, and the date and docket-number checks read today and the court's system.

mod common;
use common::*;
use serde_json::{json, Value};
use std::path::Path;

fn example() -> Value {
    serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap()
}

fn write_profile(dir: &Path, profile: &Value) -> String {
    let p = dir.join("case.json");
    std::fs::write(&p, profile.to_string()).unwrap();
    p.to_str().unwrap().to_string()
}

/// `drafter check --json` on a profile: every finding as (severity, field, message), and
/// whether the command succeeded.
fn check(dir: &Path, profile: &Value, template: &str, today: &str) -> (Vec<[String; 3]>, bool) {
    let path = write_profile(dir, profile);
    let o = drafter()
        .env("DRAFTER_TODAY", today)
        .arg("--data-dir")
        .arg(dir)
        .args([
            "check",
            "--profile",
            &path,
            "--template",
            template,
            "--json",
        ])
        .output()
        .unwrap();
    let findings: Vec<Value> = serde_json::from_str(&stdout(&o)).unwrap_or_else(|e| {
        panic!("{e}: {} {}", stdout(&o), stderr(&o));
    });
    let rows = findings
        .iter()
        .map(|f| {
            [
                f["severity"].as_str().unwrap().to_string(),
                f["field"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            ]
        })
        .collect();
    (rows, o.status.success())
}

fn about<'a>(rows: &'a [[String; 3]], field: &str) -> Vec<&'a [String; 3]> {
    rows.iter().filter(|r| r[1] == field).collect()
}

#[test]
fn check_names_a_missing_required_answer_by_its_label() {
    let data = tempdir();
    let mut p = example();
    p["extra"]["summons"]
        .as_object_mut()
        .unwrap()
        .remove("issued_by");
    let path = write_profile(data.path(), &p);
    let o = run(
        data.path(),
        &[
            "check",
            "--profile",
            &path,
            "--template",
            "representation-letter",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains(
            "error: extra.summons.issued_by: The letter needs: Agency that issued the summons"
        ),
        "{}",
        stdout(&o)
    );
    // Said once, by its label: not again as a bare required field.
    assert_eq!(stdout(&o).matches("extra.summons.issued_by").count(), 1);
    // The example itself answers every required question.
    let (rows, ok) = check(
        data.path(),
        &example(),
        "representation-letter",
        "2017-04-07",
    );
    assert!(ok, "{rows:?}");
    assert!(rows.iter().all(|r| !r[1].starts_with("extra.")), "{rows:?}");
}

#[test]
fn check_validates_answers_by_kind_without_printing_them() {
    let data = tempdir();
    let true_name = "Mara Quill-Esterhazy";
    let mut p = example();
    p["extra"]["summons"]["date"] = json!("March 14th");
    p["extra"]["summons"]["signed_by"] = json!("nobody");
    p["extra"]["summons"]["served_on"] = json!(true_name);
    p["extra"]["letter"]["reply_by"] = json!("2017-02-30");
    let (rows, ok) = check(data.path(), &p, "representation-letter", "2017-04-07");
    assert!(!ok);
    // (field, message): one row per kind of answer checked.
    let want = [
        (
            "extra.summons.signed_by",
            "Official who signed the summons: no party in this case has that id; choose one of the case's parties",
        ),
        (
            "extra.summons.served_on",
            "Served on: no party in this case has that id; choose one of the case's parties",
        ),
        (
            "extra.summons.date",
            "Date of the summons: not a date (YYYY-MM-DD)",
        ),
        (
            "extra.letter.reply_by",
            "Confirm in writing by: not a date (YYYY-MM-DD)",
        ),
    ];
    for (field, message) in want {
        let got = about(&rows, field);
        assert_eq!(got.len(), 1, "{field}: {rows:?}");
        assert_eq!(got[0][0], "error");
        assert_eq!(got[0][2], message);
    }
    for r in &rows {
        assert!(!r[2].contains("Quill"), "{r:?}");
    }

    // The complaint's questions: paragraphs and yes/no.
    let mut p = example();
    p["extra"]["introduction"] = json!("One paragraph, not a list.");
    p["extra"]["jury_demand"] = json!("yes");
    p["extra"]["jurisdiction"][1] = json!("  ");
    let (rows, _) = check(data.path(), &p, "complaint", "2017-04-07");
    let messages: Vec<&str> = rows
        .iter()
        .filter(|r| r[1].starts_with("extra."))
        .map(|r| r[2].as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "Introduction: the answer should be a list of paragraphs",
            "Jurisdiction and venue: paragraph 2 is empty",
            "Demand a jury trial: the answer should be yes or no (true or false)",
        ]
    );
}

#[test]
fn template_check_holds_the_body_to_its_questions() {
    let data = tempdir();
    let dir = data.path();
    let file = dir.join("notice.md.hbs");
    // Line 5 reads an undeclared value inside a helper; `required` names another.
    std::fs::write(
        &file,
        "+++\ntitle = \"Notice\"\nlayout = \"pleading\"\nrequired = [\"extra.hearing.date\"]\n+++\nOn {{long-date extra.hearing.date}} in {{extra.hearing.room}}.\n",
    )
    .unwrap();
    let o = run(dir, &["template", "check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    let name = file.to_str().unwrap();
    assert!(
        err.contains(&format!(
            "{name}:4:13: `required` names `extra.hearing.date`, which is not a question"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "{name}:6:4: `extra.hearing.date` is read here but is not a question"
        )),
        "{err}"
    );
    assert!(err.contains("`extra.hearing.room` is read here"), "{err}");

    // Declared (the date required by its question), it checks clean; a question nothing
    // reads is a warning, and the check still passes.
    std::fs::write(
        &file,
        "+++\ntitle = \"Notice\"\nlayout = \"pleading\"\n\n[[questions]]\nkey = \"hearing.date\"\nlabel = \"Hearing date\"\ntype = \"date\"\nrequired = true\n\n[[questions]]\nkey = \"hearing.room\"\nlabel = \"Courtroom\"\ntype = \"text\"\n\n[[questions]]\nkey = \"hearing.judge\"\nlabel = \"Judge\"\ntype = \"text\"\n+++\nOn {{long-date extra.hearing.date}} in {{extra.hearing.room}}.\n",
    )
    .unwrap();
    let o = run(dir, &["template", "check", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!(
            "{name}:17:7: warning: the question `hearing.judge` (\"Judge\") is never read"
        )),
        "{}",
        stderr(&o)
    );
    assert!(
        stdout(&o).contains("ok, with 1 warning(s)"),
        "{}",
        stdout(&o)
    );
    let json = run(
        dir,
        &["template", "check", file.to_str().unwrap(), "--json"],
    );
    let report: Value = serde_json::from_str(&stdout(&json)).unwrap();
    assert_eq!(report["problems"][0]["severity"], "warning");

    // A question asked twice is an error of the front matter: the template cannot be used.
    std::fs::write(
        &file,
        "+++\ntitle = \"Notice\"\nlayout = \"pleading\"\n[[questions]]\nkey = \"room\"\nlabel = \"Room\"\ntype = \"text\"\n[[questions]]\nkey = \"room\"\nlabel = \"Room again\"\ntype = \"text\"\n+++\n{{extra.room}}\n",
    )
    .unwrap();
    let o = run(dir, &["template", "check", file.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains(&format!(
            "{name}:9:7: `questions[1].key`: `room` is asked twice (questions 1 and 2)"
        )),
        "{}",
        stderr(&o)
    );

    // The built-in templates check clean: every value they read has its question.
    for t in [
        "complaint",
        "notice-of-appearance",
        "representation-letter",
        "voluntary-dismissal",
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("templates/{t}.md.hbs"));
        let o = run(dir, &["template", "check", path.to_str().unwrap()]);
        assert!(o.status.success(), "{t}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{t}");
    }
}

#[test]
fn relief_prints_with_the_template_s_punctuation_only() {
    let data = tempdir();
    let mut p = example();
    p["relief"] = json!([
        "Declare that the Summons is unenforceable under section 1021.5.;",
        "Enjoin Acme Widgets, Inc.",
        "Award fees under 42 U.S.C.",
        "Award costs under section 1021.5."
    ]);
    let path = write_profile(data.path(), &p);
    let pdf = data.path().join("complaint.pdf");
    let o = run(
        data.path(),
        &[
            "export",
            "--profile",
            &path,
            "--template",
            "complaint",
            "--out",
            pdf.to_str().unwrap(),
            "--date",
            "2017-04-06",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squash(&pdf_text(&pdf));
    for want in [
        "A. Declare that the Summons is unenforceable under section 1021.5;",
        "B. Enjoin Acme Widgets, Inc.;",
        "C. Award fees under 42 U.S.C.;",
        "D. Award costs under section 1021.5; and",
    ] {
        assert!(text.contains(want), "{want}\n{text}");
    }
    assert!(
        !text.contains("1021.5.") && !text.contains("Inc.."),
        "{text}"
    );
}

#[test]
fn a_future_filing_date_and_service_before_filing_are_warnings() {
    let data = tempdir();
    // The example was filed on April 6, 2017.
    let (rows, ok) = check(data.path(), &example(), "complaint", "2017-04-05");
    assert!(ok, "{rows:?}");
    assert_eq!(
        about(&rows, "dates.filed"),
        [&[
            "warning".to_string(),
            "dates.filed".to_string(),
            "The filing date, April 6, 2017, is after today (April 5, 2017): check the year, or leave the date empty until the complaint is filed".to_string()
        ]]
    );
    let (rows, _) = check(data.path(), &example(), "complaint", "2017-04-06");
    assert!(about(&rows, "dates.filed").is_empty(), "{rows:?}");

    let mut p = example();
    p["docket"]["service"][0]["date"] = json!("2017-04-03");
    let (rows, ok) = check(data.path(), &p, "complaint", "2026-12-03");
    assert!(ok, "{rows:?}");
    let got = about(&rows, "docket.service[0].date");
    assert_eq!(got.len(), 1, "{rows:?}");
    assert_eq!(got[0][0], "warning");
    assert!(
        got[0][2].starts_with(
            "Service on DHS is dated April 3, 2017, before the complaint was filed on April 6, 2017"
        ),
        "{}",
        got[0][2]
    );

    // A malformed stand-in for today is an error, not ignored.
    let path = write_profile(data.path(), &example());
    let o = drafter()
        .env("DRAFTER_TODAY", "tomorrow")
        .arg("--data-dir")
        .arg(data.path())
        .args(["check", "--profile", &path, "--template", "complaint"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("DRAFTER_TODAY"), "{}", stderr(&o));
}

#[test]
fn a_state_docket_number_in_a_state_court_is_not_unusual() {
    let data = tempdir();
    let mut p = example();
    p["court"] = json!({"name": "Superior Court of California", "district": "County of San Francisco", "style": "ca-superior"});
    for number in ["CGC-17-561234", "RG17861234", "17CV312345", "BC123456"] {
        p["case_number"] = json!(number);
        let (rows, _) = check(data.path(), &p, "complaint", "2017-04-07");
        assert!(about(&rows, "case_number").is_empty(), "{number}: {rows:?}");
    }
    // A federal number there, and a state number in a federal court, are.
    p["case_number"] = json!("3:17-cv-01916");
    let (rows, _) = check(data.path(), &p, "complaint", "2017-04-07");
    assert_eq!(about(&rows, "case_number")[0][0], "warning", "{rows:?}");
    assert!(about(&rows, "case_number")[0][2].contains("California superior court case number"));
    let mut p = example();
    p["case_number"] = json!("CGC-17-561234");
    let (rows, _) = check(data.path(), &p, "complaint", "2017-04-07");
    assert_eq!(
        about(&rows, "case_number")[0][2],
        "not a usual federal docket number (e.g. 3:17-cv-01916)"
    );
}
