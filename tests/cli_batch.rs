//! `drafter export --batch`: a folder of profiles, one template, every core.

mod common;
use common::*;

#[test]
fn a_batch_exports_every_profile_and_names_the_ones_it_cannot() {
    let data = tempdir();
    let profiles = data.path().join("profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    let example = stdout(&run(data.path(), &["example", "alt-uscis"]));
    for i in 0..3 {
        let text = example.replace("3:17-cv-01916", &format!("3:17-cv-0{i}000"));
        std::fs::write(profiles.join(format!("matter-{i}.json")), text).unwrap();
    }
    let out = data.path().join("out");
    let args = [
        "export",
        "--batch",
        profiles.to_str().unwrap(),
        "--template",
        "complaint",
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2017-04-07",
    ];
    let o = run(data.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    for i in 0..3 {
        let pdf = out.join(format!("matter-{i}.pdf"));
        assert!(stdout(&o).contains(pdf.to_str().unwrap()), "path printed");
        let text = squash(&pdf_text(&pdf));
        assert!(
            text.contains(&format!("3:17-cv-0{i}000")),
            "matter {i}'s own number"
        );
    }

    // A broken profile is named; the others are still written; nothing temporary stays.
    std::fs::write(profiles.join("broken.json"), "{ not json").unwrap();
    std::fs::remove_dir_all(&out).unwrap();
    let o = run(data.path(), &args);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("broken") && err.contains("1 of 4"), "{err}");
    let mut names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["matter-0.pdf", "matter-1.pdf", "matter-2.pdf"]);
}

#[test]
fn batch_needs_a_template_and_no_all() {
    let data = tempdir();
    let dir = data.path().to_str().unwrap();
    let o = run(data.path(), &["export", "--batch", dir, "--out", dir]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(
        data.path(),
        &["export", "--batch", dir, "--all", "--out", dir],
    );
    assert_eq!(o.status.code(), Some(2));
}
