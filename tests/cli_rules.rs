//! The filing rules at the CLI: Rule 41 eligibility, the protected-identity guard and the
//! Rule 5.2 privacy scan stop an export, name the place, and leave no file.

mod common;
use common::*;
use serde_json::Value;

fn example() -> Value {
    serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap()
}

fn write_profile(dir: &std::path::Path, name: &str, v: &Value) -> std::path::PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, serde_json::to_string_pretty(v).unwrap()).unwrap();
    p
}

/// `drafter check` of `v` (written to case.json in `dir`) with `template`: everything it
/// printed, standard output then standard error.
fn check_says(dir: &std::path::Path, v: &Value, template: &str) -> String {
    let p = write_profile(dir, "case.json", v);
    let o = run(
        dir,
        &[
            "check",
            "--profile",
            p.to_str().unwrap(),
            "--template",
            template,
        ],
    );
    format!("{}{}", stdout(&o), stderr(&o))
}

#[test]
fn dismissal_after_an_answer_is_refused_with_the_reason() {
    let data = tempdir();
    let mut v = example();
    v["docket"]["answer_served"] = "2017-04-20".into();
    let p = write_profile(data.path(), "answered.json", &v);
    let out = data.path().join("d.pdf");
    let o = run(
        data.path(),
        &[
            "export",
            "--profile",
            p.to_str().unwrap(),
            "--template",
            "voluntary-dismissal",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("docket.answer_served"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("41(a)"), "{}", stderr(&o));
    assert!(!out.exists());
    // The complaint is unaffected.
    let c = run(
        data.path(),
        &[
            "export",
            "--profile",
            p.to_str().unwrap(),
            "--template",
            "complaint",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(c.status.success(), "{}", stderr(&c));
}

#[test]
fn a_protected_name_in_a_fact_is_refused_wherever_it_lands() {
    let data = tempdir();
    let v = example();
    let (pi, true_name) = v["parties"]
        .as_array()
        .unwrap()
        .iter()
        .enumerate()
        .find_map(|(i, p)| {
            p["protected"]["true_name"]
                .as_str()
                .map(|n| (i, n.to_string()))
        })
        .expect("the example has a pseudonymous party");
    let out = data.path().join("c.pdf");
    // Different case, and long enough text around it that it may break across lines.
    for (k, leak) in [true_name.to_uppercase(), true_name.to_lowercase()]
        .iter()
        .enumerate()
    {
        let mut v = v.clone();
        let text = format!("Counsel met with {leak} at length to discuss the summons and the steps that might follow.");
        v["facts"]
            .as_array_mut()
            .unwrap()
            .push(serde_json::json!({ "text": text }));
        let p = write_profile(data.path(), &format!("leak{k}.json"), &v);
        let o = run(
            data.path(),
            &[
                "export",
                "--profile",
                p.to_str().unwrap(),
                "--template",
                "complaint",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(
            err.contains(&format!("parties[{pi}].protected.true_name")),
            "{err}"
        );
        assert!(err.contains("page") && err.contains("line"), "{err}");
        assert!(
            !err.to_lowercase().contains(&true_name.to_lowercase()),
            "the message never repeats the value: {err}"
        );
        assert!(!out.exists());
    }
    // Split across a line break with a hyphen.
    let mut v = v.clone();
    let (first, rest) = true_name.split_at(true_name.len() / 2);
    v["facts"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({ "text": format!("Noted: {first}-\n{rest}.") }));
    let p = write_profile(data.path(), "split.json", &v);
    let o = run(
        data.path(),
        &[
            "export",
            "--profile",
            p.to_str().unwrap(),
            "--template",
            "complaint",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Without the leak, the same profile exports.
    let p = write_profile(data.path(), "clean.json", &example());
    let o = run(
        data.path(),
        &[
            "export",
            "--profile",
            p.to_str().unwrap(),
            "--template",
            "complaint",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn privacy_findings_need_the_override() {
    let data = tempdir();
    let f = fixture_path("privacy-findings.json");
    let out = data.path().join("p.pdf");
    let args = [
        "export",
        "--profile",
        f.to_str().unwrap(),
        "--template",
        "complaint",
        "--out",
        out.to_str().unwrap(),
    ];
    let o = run(data.path(), &args);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    for kind in ["Social Security", "birth", "account", "minor"] {
        assert!(
            err.to_lowercase().contains(&kind.to_lowercase()),
            "finds {kind}: {err}"
        );
    }
    assert!(err.contains("--allow-privacy-findings"));
    assert!(!out.exists());
    let mut with = args.to_vec();
    with.push("--allow-privacy-findings");
    let o = run(data.path(), &with);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
}

#[test]
fn deadlines_lists_the_federal_answer_date() {
    let data = tempdir();
    let o = run(
        data.path(),
        &["deadlines", "--example", "alt-uscis", "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert!(v
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["due"] == "2017-06-05" && d["rule"].as_str().unwrap().contains("12(a)")));
}

// ---- Issue 15: each "What was wrong" through the real binary. ----

/// A one-defendant N.D. Cal. case: `defendant` is merged into the defendant's JSON.
fn one_defendant(defendant: Value, docket: Value, dates: Value) -> Value {
    let mut d = serde_json::json!({"id": "d", "name": "Dee Defendant", "role": "defendant"});
    d.as_object_mut()
        .unwrap()
        .extend(defendant.as_object().unwrap().clone());
    serde_json::json!({
        "schema": 2,
        "court": {"name": "United States District Court", "district": "Northern District of California", "style": "cand"},
        "case_number": "3:24-cv-00001",
        "parties": [
            {"id": "p", "name": "Pat Plaintiff", "role": "plaintiff", "kind": "person"},
            d
        ],
        "counsel": [{"name": "Alex Counsel", "bar_number": "SBN 100001", "address": ["1 Main St", "Oakland, CA 94607"], "phone": "(510) 555-0100", "email": "alex@example.com", "represents": ["p"]}],
        "dates": dates,
        "docket": docket,
        "facts": [{"text": "A fact."}],
        "claims": [{"title": "A claim", "paragraphs": ["A paragraph."]}],
        "relief": ["Relief."]
    })
}

fn deadlines_json(dir: &std::path::Path, v: &Value) -> Vec<Value> {
    let p = write_profile(dir, "case.json", v);
    let o = run(
        dir,
        &["deadlines", "--profile", p.to_str().unwrap(), "--json"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str::<Vec<Value>>(&stdout(&o)).unwrap()
}

#[test]
fn a_state_agency_has_21_days_not_60() {
    let data = tempdir();
    // Served Monday 2024-06-03; 21 days -> Monday 2024-06-24 (Rule 12(a)(1)(A)(i)).
    let v = one_defendant(
        serde_json::json!({"kind": "government-agency", "sovereign": "state"}),
        serde_json::json!({"service": [{"party": "d", "method": "personal", "date": "2024-06-03"}]}),
        serde_json::json!({}),
    );
    let d = deadlines_json(data.path(), &v);
    assert_eq!(d.len(), 1, "{d:#?}");
    assert_eq!(d[0]["rule"], "Fed. R. Civ. P. 12(a)(1)(A)(i)");
    assert_eq!(d[0]["due"], "2024-06-24");
}

#[test]
fn a_federal_officer_sued_individually_counts_from_the_later_service() {
    let data = tempdir();
    // Officer served 2024-03-01, U.S. attorney 2024-03-11: 60 days from the later is
    // Friday 2024-05-10 (Rule 12(a)(3)).
    let v = one_defendant(
        serde_json::json!({"kind": "government-official", "sovereign": "united-states", "sued_in": "individual-capacity", "capacity": "individually"}),
        serde_json::json!({"service": [{"party": "d", "method": "personal", "date": "2024-03-01", "us_attorney_served": "2024-03-11"}]}),
        serde_json::json!({}),
    );
    let d = deadlines_json(data.path(), &v);
    assert_eq!(d[0]["rule"], "Fed. R. Civ. P. 12(a)(3)");
    assert_eq!(d[0]["due"], "2024-05-10");
}

#[test]
fn a_california_holiday_extends_the_period_in_cand_but_not_elsewhere() {
    let data = tempdir();
    // Served 2025-03-10: day 21 is Monday 2025-03-31, Cesar Chavez Day (Cal. Gov. Code
    // § 6700), so in N.D. Cal. the answer is due Tuesday 2025-04-01 (Rule 6(a)(6)(C)).
    let mut v = one_defendant(
        serde_json::json!({"kind": "organization"}),
        serde_json::json!({"service": [{"party": "d", "method": "personal", "date": "2025-03-10"}]}),
        serde_json::json!({}),
    );
    let d = deadlines_json(data.path(), &v);
    assert_eq!(d[0]["due"], "2025-04-01");
    let why = d[0]["explanation"].to_string();
    assert!(why.contains("Cesar Chavez Day"), "{why}");
    v["court"]["style"] = "federal".into();
    let d = deadlines_json(data.path(), &v);
    assert_eq!(d[0]["due"], "2025-03-31");
}

#[test]
fn deadlines_after_a_dismissal_are_moot() {
    let data = tempdir();
    let v = one_defendant(
        serde_json::json!({"kind": "person"}),
        serde_json::json!({}),
        serde_json::json!({"filed": "2024-01-10", "dismissed": "2024-02-01"}),
    );
    let d = deadlines_json(data.path(), &v);
    assert_eq!(d[0]["rule"], "Fed. R. Civ. P. 4(m)");
    assert!(
        d[0]["moot"].as_str().unwrap().contains("dismissed"),
        "{d:#?}"
    );
    let p = write_profile(data.path(), "case.json", &v);
    let o = run(
        data.path(),
        &["deadlines", "--profile", p.to_str().unwrap()],
    );
    assert!(stdout(&o).starts_with("MOOT"), "{}", stdout(&o));
}

fn export(
    dir: &std::path::Path,
    v: &Value,
    template: &str,
) -> (std::process::Output, std::path::PathBuf) {
    let p = write_profile(dir, "case.json", v);
    let out = dir.join(format!("{template}.pdf"));
    let _ = std::fs::remove_file(&out);
    let o = run(
        dir,
        &[
            "export",
            "--profile",
            p.to_str().unwrap(),
            "--template",
            template,
            "--out",
            out.to_str().unwrap(),
            "--date",
            "2024-05-01",
        ],
    );
    (o, out)
}

#[test]
fn certificate_of_service_serves_counsel_and_refuses_mail_without_an_address() {
    let data = tempdir();
    // An unrepresented defendant with no address: the dismissal's certificate would
    // certify mail to nowhere.
    let v = one_defendant(
        serde_json::json!({"kind": "person"}),
        serde_json::json!({}),
        serde_json::json!({}),
    );
    let (o, out) = export(data.path(), &v, "voluntary-dismissal");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("Dee Defendant") && stderr(&o).contains("address"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    // With its counsel on file, it is served through the court's system and no
    // certificate is printed (Rule 5(d)(1)(B)).
    let mut v = v;
    v["counsel"].as_array_mut().unwrap().push(serde_json::json!({"name": "Dana Defense", "address": ["2 Elm St", "Oakland, CA 94607"], "represents": ["d"]}));
    let (o, out) = export(data.path(), &v, "voluntary-dismissal");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!pdf_text(&out).contains("CERTIFICATE OF SERVICE"));
    // A federal agency without counsel is served through the U.S. attorney.
    v["parties"][1] = serde_json::json!({"id": "d", "name": "U.S. Agency", "role": "defendant", "kind": "government-agency", "sovereign": "united-states", "address": ["HQ, Washington, DC"]});
    v["counsel"].as_array_mut().unwrap().pop();
    let (o, out) = export(data.path(), &v, "voluntary-dismissal");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squash(&pdf_text(&out));
    assert!(text.contains("CERTIFICATE OF SERVICE"), "{text}");
    assert!(
        text.contains("through the United States Attorney"),
        "{text}"
    );
    assert!(text.contains("450 Golden Gate Avenue"), "{text}");
    assert!(!text.contains("HQ, Washington"), "{text}");
}

#[test]
fn the_two_dismissal_rule_changes_the_wording_and_covered_defendants_are_checked() {
    let data = tempdir();
    let mut v = one_defendant(
        serde_json::json!({"kind": "person", "address": ["3 Oak St", "Oakland, CA 94607"]}),
        serde_json::json!({"prior_dismissals": [{"court": "Superior Court of California, County of Alameda", "date": "2023-01-05"}]}),
        serde_json::json!({}),
    );
    let (o, out) = export(data.path(), &v, "voluntary-dismissal");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squash(&pdf_text(&out));
    assert!(text.contains("with prejudice"), "{text}");
    assert!(text.contains("adjudication on the merits"), "{text}");
    assert!(!text.contains("without prejudice"), "{text}");
    let all = check_says(data.path(), &v, "voluntary-dismissal");
    assert!(all.contains("WITH PREJUDICE"), "{all}");
    // A second defendant that answered: dismissing only the first is allowed and says so;
    // covering the one that answered is refused.
    v["docket"] = serde_json::json!({"responses": [{"party": "e", "paper": "answer", "served": "2024-04-01"}], "dismissal_covers": ["d"]});
    v["parties"].as_array_mut().unwrap().push(serde_json::json!({"id": "e", "name": "Eve Answered", "role": "defendant", "kind": "person", "address": ["4 Pine St", "Oakland, CA 94607"]}));
    let (o, out) = export(data.path(), &v, "voluntary-dismissal");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squash(&pdf_text(&out));
    assert!(
        text.contains("all claims in this action against Defendant Dee Defendant"),
        "{text}"
    );
    v["docket"]["dismissal_covers"] = serde_json::json!(["d", "e"]);
    let (o, out) = export(data.path(), &v, "voluntary-dismissal");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("Eve Answered"), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn check_names_missing_signature_details_and_the_intradistrict_paragraph() {
    let data = tempdir();
    let mut v = one_defendant(
        serde_json::json!({"kind": "person"}),
        serde_json::json!({}),
        serde_json::json!({}),
    );
    v["counsel"][0]["phone"] = Value::Null;
    v["counsel"][0].as_object_mut().unwrap().remove("phone");
    v["counsel"][0]
        .as_object_mut()
        .unwrap()
        .remove("bar_number");
    let all = check_says(data.path(), &v, "complaint");
    assert!(
        all.contains("counsel[0].phone") && all.contains("11(a)"),
        "{all}"
    );
    assert!(all.contains("counsel[0].bar_number"), "{all}");
    assert!(
        all.contains("extra.intradistrict_assignment") && all.contains("3-2(c)"),
        "{all}"
    );
}

#[test]
fn a_letter_to_an_agency_is_not_held_to_the_court_rules_for_signatures() {
    // Rule 11(a) governs papers filed in court, and N.D. Cal. Civil L.R. 3-4(a)(1) the
    // first page of a court paper; the representation letter goes to the agency.
    let data = tempdir();
    let mut v = example();
    for c in v["counsel"].as_array_mut().unwrap() {
        let c = c.as_object_mut().unwrap();
        c.remove("phone");
        c.remove("bar_number");
    }
    let letter = check_says(data.path(), &v, "representation-letter");
    assert!(!letter.contains("11(a)"), "{letter}");
    assert!(!letter.contains("3-4(a)(1)"), "{letter}");
    assert!(!letter.contains("bar_number"), "{letter}");
    // Nor is it told about intervening under Rule 24: the letter is not before the court.
    assert!(!letter.contains("Rule 24"), "{letter}");
    // Still told, in plain words, that the agency has no number to call counsel on.
    assert!(
        letter.contains("counsel[2].phone") && letter.contains("no telephone number"),
        "{letter}"
    );
    // The notice of appearance for the same filer is a court paper: both rules apply.
    let court = check_says(data.path(), &v, "notice-of-appearance");
    assert!(
        court.contains("counsel[2].phone") && court.contains("11(a)"),
        "{court}"
    );
    assert!(court.contains("counsel[2].bar_number"), "{court}");
    assert!(court.contains("Rule 24"), "{court}");
}

#[test]
fn a_federal_template_in_a_state_court_is_an_error() {
    let data = tempdir();
    let mut v = one_defendant(
        serde_json::json!({"kind": "person"}),
        serde_json::json!({}),
        serde_json::json!({}),
    );
    v["court"] = serde_json::json!({"name": "Superior Court of California", "district": "County of Alameda", "style": "ca-superior"});
    let (o, out) = export(data.path(), &v, "complaint");
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("California superior court"),
        "{}",
        stderr(&o)
    );
    assert!(!out.exists());
    let p = write_profile(data.path(), "case.json", &v);
    let d = run(
        data.path(),
        &["deadlines", "--profile", p.to_str().unwrap()],
    );
    assert_eq!(d.status.code(), Some(1));
    assert!(
        stderr(&d).contains("federal district courts only"),
        "{}",
        stderr(&d)
    );
}

#[test]
fn an_appearance_for_a_non_party_does_not_claim_party_status() {
    let data = tempdir();
    let v = example();
    let all = check_says(data.path(), &v, "notice-of-appearance");
    assert!(
        all.contains("Rule 24") && all.contains("pseudonym"),
        "{all}"
    );
    let (o, out) = export(data.path(), &v, "notice-of-appearance");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = squash(&pdf_text(&out));
    assert!(text.contains("is not a party to this action"), "{text}");
    assert!(!text.contains("counsel of record for"), "{text}");
}

#[test]
fn the_rule_5_2_false_alarms_do_not_block_export() {
    let data = tempdir();
    let mut v = one_defendant(
        serde_json::json!({"kind": "person", "address": ["3 Oak St", "Oakland, CA 94607"]}),
        serde_json::json!({}),
        serde_json::json!({}),
    );
    v["facts"] = serde_json::json!([
        {"text": "The deadline fell on Washington's Birthday, February 20, 2017."},
        {"text": "The state action, No. 12-3456789, was dismissed."}
    ]);
    v["extra"] = serde_json::json!({"intradistrict_assignment": "Assignment to the Oakland Division is proper."});
    let (o, out) = export(data.path(), &v, "complaint");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(out.exists());
    v["facts"] = serde_json::json!([{"text": "Her number is 123.45.6789."}]);
    let (o, out) = export(data.path(), &v, "complaint");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!out.exists());
}

#[test]
fn cand_caption_adds_the_judges_initials_and_the_jury_demand() {
    let data = tempdir();
    let mut v = example();
    // L.R. 3-4(a)(3)(C): with a judge assigned, the initials follow the case number.
    v["judge"] = Value::from("Hon. Jon S. Tigar");
    // L.R. 3-6(a): a complaint that demands a jury says so in its caption.
    v["extra"]["jury_demand"] = Value::Bool(true);
    let (o, out) = export(data.path(), &v, "complaint");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&out);
    assert!(text.contains("Case No. 3:17-cv-01916-JST"), "{text}");
    assert!(text.contains("DEMAND FOR JURY TRIAL"), "{text}");
    // The notice of appearance is not a pleading that demands a jury: no such line.
    let (o, out) = export(data.path(), &v, "notice-of-appearance");
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&out);
    assert!(text.contains("3:17-cv-01916-JST"), "{text}");
    assert!(!text.contains("DEMAND FOR JURY TRIAL"), "{text}");

    // Initials already typed into the number are not added twice.
    v["case_number"] = Value::from("3:17-cv-01916-JST");
    let (o, out) = export(data.path(), &v, "complaint");
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!pdf_text(&out).contains("JST-JST"));

    // No judge: check says what L.R. 3-4(a)(3)(C) asks for, on the judge field, with the
    // case's own number in its illustration (not another case's judge).
    v["case_number"] = Value::from("3:24-cv-00321");
    v.as_object_mut().unwrap().remove("judge");
    let all = check_says(data.path(), &v, "complaint");
    assert!(
        all.contains("3-4(a)(3)(C)") && all.contains("judge"),
        "{all}"
    );
    assert!(all.contains("(as in 3:24-cv-00321-XYZ)"), "{all}");
    assert!(!all.contains("JST"), "{all}");
}
