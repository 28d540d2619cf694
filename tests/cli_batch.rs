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

fn batch_folder(data: &std::path::Path, n: usize) -> std::path::PathBuf {
    let profiles = data.join("profiles");
    std::fs::create_dir_all(&profiles).unwrap();
    let example = stdout(&run(data, &["example", "alt-uscis"]));
    for i in 0..n {
        std::fs::write(profiles.join(format!("m-{i:02}.json")), &example).unwrap();
    }
    profiles
}

fn batch_args<'a>(profiles: &'a std::path::Path, out: &'a std::path::Path) -> Vec<&'a str> {
    vec![
        "export",
        "--batch",
        profiles.to_str().unwrap(),
        "--template",
        "voluntary-dismissal",
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2017-04-07",
    ]
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn an_output_name_that_cannot_be_written_is_reported_and_the_rest_are_written() {
    let data = tempdir();
    let profiles = batch_folder(data.path(), 3);
    let out = data.path().join("out");
    std::fs::create_dir_all(out.join("m-01.pdf")).unwrap();
    let o = run(data.path(), &batch_args(&profiles, &out));
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("m-01") && err.contains("is a folder") && err.contains("1 of 3"),
        "{err}"
    );
    let written = stdout(&o);
    for name in ["m-00.pdf", "m-02.pdf"] {
        assert!(
            written.contains(out.join(name).to_str().unwrap()),
            "{written}"
        );
        assert!(std::fs::read(out.join(name)).unwrap().starts_with(b"%PDF"));
    }
    assert!(out.join("m-01.pdf").is_dir(), "the folder is left alone");
    assert_eq!(names(&out), ["m-00.pdf", "m-01.pdf", "m-02.pdf"]);
}

#[test]
fn a_killed_batch_leaves_no_temporary_file_after_the_next_run() {
    let data = tempdir();
    let profiles = batch_folder(data.path(), 40);
    let out = data.path().join("out");
    let args = batch_args(&profiles, &out);
    let mut killed_with_leftovers = 0;
    for wait_ms in [150u64, 300, 600, 900, 1200] {
        let mut child = drafter()
            .arg("--data-dir")
            .arg(data.path())
            .args(&args)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(wait_ms));
        let _ = child.kill();
        let _ = child.wait();
        if out.is_dir() && names(&out).iter().any(|n| n.starts_with(".drafter-")) {
            killed_with_leftovers += 1;
        }
        // Whatever is visible is a whole PDF.
        if out.is_dir() {
            for n in names(&out).iter().filter(|n| n.ends_with(".pdf")) {
                let bytes = std::fs::read(out.join(n)).unwrap();
                assert!(bytes.starts_with(b"%PDF"), "{n}");
                let tail =
                    String::from_utf8_lossy(&bytes[bytes.len().saturating_sub(32)..]).into_owned();
                assert!(tail.contains("%%EOF"), "{n} is complete");
            }
        }
    }
    // What a kill at the worst moment leaves, whether or not one of the kills above did.
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join(".drafter-Xq3k9a.tmp"), b"%PDF-1.7 half a file").unwrap();
    let o = run(data.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let listed = names(&out);
    assert_eq!(listed.len(), 40, "{listed:?}");
    assert!(listed.iter().all(|n| n.ends_with(".pdf")), "{listed:?}");
    eprintln!("{killed_with_leftovers} of 5 kills left temporary files behind for the sweep");
}

#[test]
fn a_new_batch_folder_named_after_a_client_is_refused_and_nothing_is_made() {
    let data = tempdir();
    let profiles = batch_folder(data.path(), 2);
    // The example's pseudonymous client, in a look-alike spelling (a Unicode hyphen).
    for name in ["Quill\u{2010}Esterhazy batch", "new/Mara Quill-Esterhazy"] {
        let out = data.path().join("out").join(name);
        let o = run(data.path(), &batch_args(&profiles, &out));
        assert_eq!(o.status.code(), Some(1), "{name:?}: {}", stderr(&o));
        let err = stderr(&o);
        assert!(err.contains("file name"), "{err}");
        assert!(!err.contains("Quill") && !err.contains("Esterh"), "{err}");
        assert!(
            !data.path().join("out").exists(),
            "{name:?}: a folder was made"
        );
    }
    // A folder that exists already is the person's: the batch goes in it.
    let out = data.path().join("Quill-Esterhazy");
    std::fs::create_dir(&out).unwrap();
    let o = run(data.path(), &batch_args(&profiles, &out));
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(names(&out), ["m-00.pdf", "m-01.pdf"]);
}
