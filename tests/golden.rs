//! Golden text: every document `export --all` writes for the example and the many-parties
//! fixture (a proof of service per defendant served, the sealed declaration under
//! `sealed/`), exported to PDF and read back with pdftotext. Set UPDATE_GOLDEN=1 to rewrite the files
//! after a deliberate change, then review the diff and the PDFs by eye.

mod common;
use common::*;
use std::path::Path;

/// The four filings every case had before the new ones; both cases write each.
const ORIGINAL: [&str; 4] = [
    "complaint",
    "notice-of-appearance",
    "representation-letter",
    "voluntary-dismissal",
];

fn golden(source: &[&str], label: &str) {
    let data = tempdir();
    let out = data.path().join("out");
    let mut args = vec!["export"];
    args.extend_from_slice(source);
    args.extend_from_slice(&[
        "--all",
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2017-04-07",
    ]);
    let o = run(data.path(), &args);
    assert!(o.status.success(), "{}", stderr(&o));
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(label);
    // Every document the set wrote (the packet aside), and the sealed papers written
    // beside it: each has its golden text, and each golden text its document.
    let mut names: Vec<String> = Vec::new();
    for folder in [out.clone(), out.join("sealed")] {
        for e in std::fs::read_dir(&folder).into_iter().flatten() {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            if let Some(stem) = name.strip_suffix(".pdf") {
                if stem != "packet" {
                    let sub = if folder == out { "" } else { "sealed/" };
                    names.push(format!("{sub}{stem}"));
                }
            }
        }
    }
    names.sort();
    for t in ORIGINAL {
        assert!(names.iter().any(|n| n == t), "{label}: {t}.pdf written");
    }
    if std::env::var_os("UPDATE_GOLDEN").is_none() {
        let mut want: Vec<String> = Vec::new();
        for folder in [dir.clone(), dir.join("sealed")] {
            for e in std::fs::read_dir(&folder).into_iter().flatten() {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                if let Some(stem) = name.strip_suffix(".txt") {
                    let sub = if folder == dir { "" } else { "sealed/" };
                    want.push(format!("{sub}{stem}"));
                }
            }
        }
        want.sort();
        assert_eq!(
            names, want,
            "{label}: the documents written and the golden files"
        );
    }
    let mut failures = Vec::new();
    for t in &names {
        let text = pdf_text(&out.join(format!("{t}.pdf")));
        let path = dir.join(format!("{t}.txt"));
        if std::env::var_os("UPDATE_GOLDEN").is_some() {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
        if want != text {
            let line = want
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .unwrap_or(0);
            failures.push(format!(
                "{}: first difference at line {}:\n  want: {:?}\n  got:  {:?}",
                path.display(),
                line + 1,
                want.lines().nth(line),
                text.lines().nth(line)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn example_golden_text() {
    golden(&["--example", "alt-uscis"], "alt-uscis");
}

#[test]
fn many_parties_golden_text() {
    let f = fixture_path("many-parties.json");
    golden(&["--profile", f.to_str().unwrap()], "many-parties");
}
