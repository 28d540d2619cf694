//! Helpers shared by the integration tests: run the real `drafter` binary and read the
//! real PDFs with outside tools (poppler's pdftotext/pdffonts/pdfinfo, qpdf).
#![allow(dead_code)]

use drafter::profile::CaseProfile;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn drafter() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_drafter"));
    // Never read the developer's own templates or cases.
    cmd.env_remove("DRAFTER_DATA_DIR")
        .env_remove("DRAFTER_TEMPLATES_DIR")
        // Saved cases' protected values are sealed with this passphrase's key; never the
        // developer's own secret store.
        .env("DRAFTER_PASSPHRASE", "common test passphrase")
        .env("DRAFTER_KEYRING", "off");
    cmd
}

/// Runs drafter with `args` in a fresh data folder; returns the output.
pub fn run(data: &Path, args: &[&str]) -> Output {
    drafter()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .output()
        .expect("drafter runs")
}

/// The arguments of `drafter export --example alt-uscis --all --out OUT --date DATE`.
pub fn example_all_args(out: &Path, date: &str) -> Vec<String> {
    ["export", "--example", "alt-uscis", "--all", "--out"]
        .into_iter()
        .map(String::from)
        .chain([out.display().to_string(), "--date".into(), date.into()])
        .collect()
}

/// The arguments that write the example's complaint as a PDF to `out`:
/// `drafter export … --date 2017-04-07 --out OUT`, or `drafter render … --format pdf --out OUT`.
pub fn example_complaint_args(verb: &str, out: &Path) -> Vec<String> {
    let how: &[&str] = match verb {
        "render" => &["--format", "pdf"],
        _ => &["--date", "2017-04-07"],
    };
    [verb, "--example", "alt-uscis", "--template", "complaint"]
        .into_iter()
        .chain(how.iter().copied())
        .map(String::from)
        .chain(["--out".into(), out.display().to_string()])
        .collect()
}

/// `drafter export --example alt-uscis --all --out OUT --date DATE` in a fresh data
/// folder, which must succeed; its output.
pub fn export_example_all(data: &Path, out: &Path, date: &str) -> Output {
    let args = example_all_args(out, date);
    let o = run(data, &args.iter().map(String::as_str).collect::<Vec<_>>());
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn tool(name: &str, args: &[&str]) -> String {
    let out = Command::new(name).args(args).output().unwrap_or_else(|e| {
        panic!("{name} is needed for this test (scripts/setup installs it): {e}")
    });
    assert!(
        out.status.success(),
        "{name} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The text of a PDF as pdftotext reads it (reading order, UTF-8).
pub fn pdf_text(pdf: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Collapses all white space, so text broken across lines still matches, and drops the
/// pleading paper's line numbers (lines holding only a number), which pdftotext reads
/// into the middle of paragraphs, and the footers that fall between pages.
pub fn squash(s: &str) -> String {
    s.lines()
        .filter(|l| !l.trim().chars().all(|c| c.is_ascii_digit()) || l.trim().is_empty())
        .filter(|l| !l.contains(" — Case No. "))
        .flat_map(|l| l.split_whitespace())
        .collect::<Vec<_>>()
        .join(" ")
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

// Store tests' helpers.

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// A fixture profile by file name (`store-alt-uscis.json`).
pub fn fixture(name: &str) -> CaseProfile {
    CaseProfile::from_path(&fixtures_dir().join(name)).expect("fixture loads")
}

pub fn fixture_text(name: &str) -> String {
    std::fs::read_to_string(fixtures_dir().join(name)).expect("fixture reads")
}

/// Every file in `dir` with its bytes, sorted by name (to check nothing was touched).
pub fn snapshot(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            let bytes = if e.path().is_file() {
                std::fs::read(e.path()).unwrap()
            } else {
                Vec::new()
            };
            (e.file_name().to_string_lossy().into_owned(), bytes)
        })
        .collect();
    out.sort();
    out
}

/// `drafter export --example alt-uscis --all --out OUT --date 2017-04-07` in `data`.
pub fn export_example_set(data: &Path, out: &Path) -> Output {
    let args = example_all_args(out, "2017-04-07");
    run(data, &args.iter().map(String::as_str).collect::<Vec<_>>())
}
