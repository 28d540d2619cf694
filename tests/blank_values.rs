//! "Empty means absent", end to end: a case file whose optional values are `""` or blank
//! (as an editor or another program may write them) exports exactly as one without them,
//! through the real binary and the real PDF.

mod common;
use common::*;

fn export_complaint(dir: &std::path::Path, name: &str, profile: &serde_json::Value) -> String {
    let path = dir.join(format!("{name}.json"));
    std::fs::write(&path, serde_json::to_string_pretty(profile).unwrap()).unwrap();
    let out = dir.join(format!("{name}.pdf"));
    let o = run(
        dir,
        &[
            "export",
            "--profile",
            path.to_str().unwrap(),
            "--template",
            "complaint",
            "--out",
            out.to_str().unwrap(),
            "--date",
            "2017-04-06",
        ],
    );
    assert!(o.status.success(), "{name}: {}", stderr(&o));
    pdf_text(&out)
}

#[test]
fn a_blank_case_number_prints_the_blank_for_one_never_an_empty_number() {
    let data = tempdir();
    let dir = data.path();
    let mut example: serde_json::Value =
        serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap();
    example["judge"] = "".into();
    example["parties"][0]["short_name"] = " ".into();
    example["counsel"][0]["firm"] = "".into();
    example["counsel"][0]["address"] = serde_json::json!(["", "  "]);

    let mut absent = example.clone();
    let obj = absent.as_object_mut().unwrap();
    obj.remove("case_number");
    obj.remove("judge");
    absent["parties"][0]
        .as_object_mut()
        .unwrap()
        .remove("short_name");
    absent["counsel"][0].as_object_mut().unwrap().remove("firm");
    absent["counsel"][0]["address"] = serde_json::json!([]);
    let reference = export_complaint(dir, "absent", &absent);
    assert!(
        reference.contains("Case No. ____________"),
        "the blank for a number to come:\n{reference}"
    );

    for blank in ["", "   "] {
        let mut v = example.clone();
        v["case_number"] = blank.into();
        let text = export_complaint(dir, "blank", &v);
        assert_eq!(text, reference, "case_number {blank:?}");
        for line in text.lines() {
            let line = line.trim();
            assert!(
                !line.starts_with("Case No.") || line == "Case No. ____________",
                "case_number {blank:?} printed {line:?}"
            );
            assert!(!line.starts_with("Judge:"), "{line:?}");
        }
    }
}
