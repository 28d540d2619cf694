//! Sealed papers: the sealed declaration is the only output that may carry a protected
//! value. It is written on its own under `sealed/`, with the legend on every page, and
//! never enters `packet.pdf` or `index.json`; every other file the export writes is read
//! byte by byte and through pdftotext for every protected value. Through the real binary.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// Pieces of the example's protected values that no public output may hold: the values as
/// stored and the distinctive parts of each (matched without case or spacing).
const PROTECTED: [&str; 9] = [
    "Mara Quill-Esterhazy",
    "Quill-Esterhazy",
    "Esterhazy",
    "mqe.private.mailbox",
    "555 0147 2290",
    "0147",
    "Fennimore Hollow",
    "acct-ref-7Q4K-EZ19",
    "7Q4K",
];

/// Lower-case with every space, line break and hyphen taken out, so a value broken
/// across lines is found.
fn squash(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && *c != '-' && *c != '\u{ad}')
        .flat_map(char::to_lowercase)
        .collect()
}

fn found_in(text: &str) -> Vec<&'static str> {
    let text = squash(text);
    PROTECTED
        .iter()
        .copied()
        .filter(|v| text.contains(&squash(v)))
        .collect()
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let path = e.unwrap().path();
        if path.is_dir() {
            out.extend(files_under(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The example with `change` made to it, written to a file and exported with `args`
/// (`--out` is added: the returned folder).
fn export_changed(
    data: &Path,
    change: impl FnOnce(&mut Value),
    args: &[&str],
) -> (std::process::Output, PathBuf) {
    let mut v: Value = serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap();
    change(&mut v);
    let path = data.join("case.json");
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    let out = data.join("out");
    let mut all = vec!["export", "--profile", path.to_str().unwrap()];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--out", out.to_str().unwrap()]);
    (run(data, &all), out)
}

#[test]
fn only_the_sealed_declaration_holds_the_protected_values() {
    let data = tempdir();
    let out = data.path().join("out");
    let o = export_example_set(data.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let sealed = out.join("sealed/sealed-identity-declaration.pdf");
    assert!(sealed.is_file(), "{}", stdout(&o));
    assert!(stdout(&o).contains("sealed/sealed-identity-declaration.pdf"));

    // The sealed paper does hold them (so the search below would find them), with the
    // legend at the top of every page.
    let text = pdf_text(&sealed);
    assert!(found_in(&text).contains(&"Mara Quill-Esterhazy"), "{text}");
    assert!(found_in(&text).contains(&"acct-ref-7Q4K-EZ19"), "{text}");
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    assert!(!pages.is_empty());
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("FILED UNDER SEAL PURSUANT TO CIVIL L.R. 79-5"),
            "page {} has no sealed legend:\n{page}",
            i + 1
        );
    }
    // Its metadata names no one.
    let info = tool("pdfinfo", &[sealed.to_str().unwrap()]);
    assert!(found_in(&info).is_empty(), "{info}");

    // Every other file: its name, its bytes, and for a PDF its text.
    let others: Vec<PathBuf> = files_under(&out)
        .into_iter()
        .filter(|p| p != &sealed)
        .collect();
    assert!(others.len() >= 14, "{others:?}");
    for path in &others {
        let name = path.file_name().unwrap().to_string_lossy();
        assert!(found_in(&name).is_empty(), "{name}");
        // The raw bytes (a PDF's strings, the index's JSON) are searched for the longer
        // pieces: a 4-digit run turns up by chance in a PDF's offsets.
        let bytes = std::fs::read(path).unwrap();
        let raw = String::from_utf8_lossy(&bytes);
        let in_raw: Vec<&str> = found_in(&raw).into_iter().filter(|v| v.len() > 8).collect();
        assert!(in_raw.is_empty(), "{}: {in_raw:?}", path.display());
        if name.ends_with(".pdf") {
            let text = pdf_text(path);
            assert!(
                found_in(&text).is_empty(),
                "{}: {:?}",
                path.display(),
                found_in(&text)
            );
        }
    }

    // Neither the index nor the packet has it: the index lists the public files only, and
    // the packet's pages are theirs.
    let index: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let entries = index.as_array().unwrap();
    assert!(entries
        .iter()
        .all(|e| !e["template"].as_str().unwrap().contains("sealed")));
    assert!(entries
        .iter()
        .all(|e| !e["file"].as_str().unwrap().contains('/')));
    let listed: usize = entries
        .iter()
        .filter(|e| e["file"] != "packet.pdf")
        .map(|e| e["pages"].as_u64().unwrap() as usize)
        .sum();
    let packet = entries.iter().find(|e| e["file"] == "packet.pdf").unwrap();
    assert_eq!(packet["pages"].as_u64().unwrap() as usize, listed);
    let info = tool("pdfinfo", &[out.join("packet.pdf").to_str().unwrap()]);
    let pages = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .map(|n| n.trim().parse::<usize>().unwrap());
    assert_eq!(pages, Some(listed), "{info}");
}

#[test]
fn the_guard_still_refuses_the_value_in_every_public_paper() {
    let data = tempdir();
    // The true name typed into the public motion's argument.
    let (o, out) = export_changed(
        data.path(),
        |v| {
            v["extra"]["pseudonym"]["harm"][0] =
                "Doe, whose name is Mara Quill-Esterhazy, fears disclosure.".into()
        },
        &["--all"],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("pseudonym-motion"), "{err}");
    assert!(err.contains("parties[6].protected.true_name"), "{err}");
    assert!(found_in(&err).is_empty(), "{err}");
    assert!(!out.exists() || files_under(&out).is_empty());
}

#[test]
fn a_sealed_file_name_with_a_protected_value_is_refused() {
    let data = tempdir();
    // A second pseudonymous interested party whose id is the first one's surname: with
    // two of them, each sealed declaration is named after its party's id.
    let (o, out) = export_changed(
        data.path(),
        |v| {
            let parties = v["parties"].as_array_mut().unwrap();
            let mut other = parties[6].clone();
            other["id"] = "esterhazy".into();
            other["name"] = "Roe, a second operator".into();
            other["short_name"] = "Roe".into();
            other["protected"] = serde_json::json!({"true_name": "Ottoline Brabazon-Kettering"});
            parties.push(other);
        },
        &[
            "--template",
            "sealed-identity-declaration",
            "--template",
            "voluntary-dismissal",
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.contains("file name"), "{err}");
    assert!(found_in(&err).is_empty(), "{err}");
    assert!(!out.exists() || files_under(&out).is_empty());
}
