//! Helpers shared by the store's integration tests.
#![allow(dead_code)]

use drafter::profile::CaseProfile;
use std::path::{Path, PathBuf};

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
