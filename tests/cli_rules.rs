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
