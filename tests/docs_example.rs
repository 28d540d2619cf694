//! The worked example in docs/templates.md is a real template: it checks clean and exports.

mod common;
use common::*;

#[test]
fn the_documented_template_works() {
    let doc = include_str!("../docs/templates.md");
    let body = doc
        .split("## A worked example")
        .nth(1)
        .unwrap()
        .split("```")
        .nth(1)
        .unwrap();
    let data = tempdir();
    let dir = data.path().join("templates");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("notice-of-change-of-address.md.hbs");
    std::fs::write(&path, body.trim_start()).unwrap();
    let c = run(data.path(), &["template", "check", path.to_str().unwrap()]);
    assert!(c.status.success(), "{}", stderr(&c));

    let mut profile: serde_json::Value =
        serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap();
    profile["extra"]["new_address"] = "500 Example Avenue, San Francisco, California 94105".into();
    let p = data.path().join("case.json");
    std::fs::write(&p, profile.to_string()).unwrap();
    let pdf = data.path().join("n.pdf");
    let e = run(
        data.path(),
        &[
            "export",
            "--profile",
            p.to_str().unwrap(),
            "--template",
            "notice-of-change-of-address",
            "--out",
            pdf.to_str().unwrap(),
            "--date",
            "2017-05-01",
        ],
    );
    assert!(e.status.success(), "{}", stderr(&e));
    let text = squash(&pdf_text(&pdf));
    assert!(
        text.contains(
            "effective May 1, 2017, the address of counsel for Plaintiff Twitter, Inc. is:"
        ),
        "{text}"
    );
    assert!(text.contains("500 Example Avenue"));
}
