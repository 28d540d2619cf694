//! Court-grade output, checked on the real PDFs: pleading paper on the grid (N.D. Cal.
//! Civil L.R. 3-4), the plain federal style, a style added as a TOML file alone, PDF/A-2b
//! structure read back by pikepdf, and the filing packet.

mod common;
use common::*;
use std::path::Path;

/// A word's box (xMin, yMin, xMax, yMax) and text.
type Word = (f32, f32, f32, f32, String);

/// Words with their boxes from `pdftotext -bbox`, per page.
fn words(pdf: &Path) -> Vec<Vec<Word>> {
    let html = tool("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let mut pages = Vec::new();
    for chunk in html.split("<page ").skip(1) {
        let mut page = Vec::new();
        for w in chunk.split("<word ").skip(1) {
            let attr = |name: &str| -> f32 {
                let at = w.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                w[at..].split('"').next().unwrap().parse().unwrap()
            };
            let text = w
                .split('>')
                .nth(1)
                .unwrap()
                .split('<')
                .next()
                .unwrap()
                .to_string();
            page.push((attr("xMin"), attr("yMin"), attr("xMax"), attr("yMax"), text));
        }
        pages.push(page);
    }
    pages
}

/// The example complaint ends with its Exhibit A: one page of an outside document (the
/// sample summons, in its own style), which the court-style checks leave out. The index
/// of exhibits and the slip sheet before it are Drafter's pages and are checked.
const EXHIBIT_PAGES: usize = 1;

/// The words of Drafter's own pages of the exported complaint.
fn own_words(pdf: &Path) -> Vec<Vec<Word>> {
    let mut pages = words(pdf);
    pages.truncate(pages.len() - EXHIBIT_PAGES);
    pages
}

fn export(data: &Path, style: Option<&str>, name: &str) -> std::path::PathBuf {
    let out = data.join(name);
    let mut args = vec![
        "export",
        "--example",
        "alt-uscis",
        "--template",
        "complaint",
        "--out",
        out.to_str().unwrap(),
        "--date",
        "2017-04-07",
    ];
    if let Some(s) = style {
        args.extend_from_slice(&["--style", s]);
    }
    let o = run(data, &args);
    assert!(o.status.success(), "{}", stderr(&o));
    out
}

#[test]
fn ndcal_complaint_is_pleading_paper_on_the_grid() {
    let data = tempdir();
    let pdf = export(data.path(), None, "cand.pdf");
    let pages = own_words(&pdf);
    assert!(pages.len() > 3);
    let (mut on, mut total) = (0usize, 0usize);
    for (pi, page) in pages.iter().enumerate() {
        // Numbers 1–28 down the left margin, each on its own baseline.
        let mut grid: Vec<(u32, f32)> = Vec::new();
        for n in 1..=28u32 {
            let w = page
                .iter()
                .find(|w| {
                    w.4 == n.to_string()
                        && w.2 < 100.0
                        && !grid.iter().any(|(_, y)| (*y - w.3).abs() < 1.0)
                })
                .unwrap_or_else(|| {
                    panic!("page {}: line number {n} missing from the margin", pi + 1)
                });
            grid.push((n, w.3));
        }
        for pair in grid.windows(2) {
            assert!(
                (pair[1].1 - pair[0].1 - 24.0).abs() < 0.2,
                "page {}: numbered lines 24 pt apart",
                pi + 1
            );
        }
        let last = grid[27].1;
        // Body text: right of the rules, above the footer.
        for w in page.iter().filter(|w| w.0 > 100.0 && w.3 <= last + 6.0) {
            total += 1;
            if grid
                .iter()
                .any(|(_, y)| (w.3 - y).abs() <= 1.5 || (w.3 - (y + 12.0)).abs() <= 1.5)
            {
                on += 1;
            }
        }
        if pi == 0 {
            let first_body = page
                .iter()
                .filter(|w| w.0 > 100.0)
                .min_by(|a, b| a.3.total_cmp(&b.3))
                .unwrap();
            assert!(
                (first_body.3 - grid[0].1).abs() <= 1.5,
                "counsel's block starts on line 1: {first_body:?}"
            );
            let united = page.iter().find(|w| w.4 == "UNITED").expect("court title");
            assert!(
                (united.3 - grid[7].1).abs() <= 1.5,
                "the court's title is on line 8"
            );
        }
    }
    let share = on as f64 / total as f64;
    assert!(
        share >= 0.95,
        "{on} of {total} body words on the grid ({share:.3})"
    );
}

#[test]
fn federal_style_has_no_line_numbers_and_one_inch_margins() {
    let data = tempdir();
    let pdf = export(data.path(), Some("federal"), "federal.pdf");
    for (pi, page) in own_words(&pdf).iter().enumerate() {
        for w in page {
            assert!(
                w.0 >= 71.5 && w.2 <= 540.5,
                "page {}: {w:?} inside 1-inch margins",
                pi + 1
            );
            assert!(
                w.1 >= 71.0 && w.3 <= 792.0 - 24.0,
                "page {}: {w:?} inside the top margin",
                pi + 1
            );
        }
        let number = (pi + 1).to_string();
        let n = page
            .iter()
            .rfind(|w| w.4 == number && w.1 > 700.0)
            .expect("page number");
        assert!(
            ((n.0 + n.2) / 2.0 - 306.0).abs() < 2.0,
            "page number centred: {n:?}"
        );
        assert!(
            !page.iter().any(|w| w.4 == "28" && w.2 < 72.0),
            "no line numbers"
        );
    }
}

#[test]
fn a_style_is_added_as_a_toml_file_alone() {
    let data = tempdir();
    let styles = data.path().join("templates/styles");
    std::fs::create_dir_all(&styles).unwrap();
    let federal = include_str!("../templates/styles/federal.toml");
    std::fs::write(
        styles.join("wide-margins.toml"),
        federal
            .replace("left = 72", "left = 108")
            .replace("name = \"Federal", "name = \"Wide"),
    )
    .unwrap();
    let list = stdout(&run(data.path(), &["styles"]));
    assert!(list.contains("wide-margins"), "{list}");
    let pdf = export(data.path(), Some("wide-margins"), "wide.pdf");
    for page in own_words(&pdf) {
        for w in page {
            assert!(w.0 >= 107.5, "{w:?} inside the new 1.5-inch margin");
        }
    }
    // A bad value: the file, the key and the reason.
    std::fs::write(
        styles.join("broken.toml"),
        federal.replace("units_per_page = 52", "units_per_page = 500"),
    )
    .unwrap();
    let out = data.path().join("b.pdf");
    let o = run(
        data.path(),
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "complaint",
            "--style",
            "broken",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(
        err.contains("broken.toml")
            && err.contains("text.units_per_page")
            && err.contains("off the page"),
        "{err}"
    );
    assert!(!out.exists());
}

const PIKEPDF_CHECK: &str = r#"
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
root = pdf.Root
assert "/Encrypt" not in pdf.trailer, "encrypted"
for key in ("/OpenAction", "/AA", "/Names"):
    assert key not in root, "catalog has " + key
meta = pdf.open_metadata()
assert meta.pdfa_status == "2B", "PDF/A claim: %r" % meta.pdfa_status
intents = root.OutputIntents
assert len(intents) == 1 and intents[0].S == "/GTS_PDFA1", "OutputIntent"
profile = intents[0].DestOutputProfile
assert int(profile.N) == 3, "sRGB profile has 3 components"
info = pdf.docinfo
assert str(info.Title) == meta["dc:title"], "Title %r vs XMP %r" % (str(info.Title), meta["dc:title"])
assert str(info.Producer) == meta["pdf:Producer"], "Producer"
assert str(info.Creator) == meta["xmp:CreatorTool"], "Creator"
assert len(pdf.trailer.ID) == 2, "document ID"
for page in pdf.pages:
    fonts = page.Resources.get("/Font", {})
    for name, font in fonts.items():
        desc = font.DescendantFonts[0].FontDescriptor if "/DescendantFonts" in font else font.FontDescriptor
        assert "/FontFile2" in desc or "/FontFile3" in desc or "/FontFile" in desc, "font %s embedded" % name
    assert "/Group" not in page, "no transparency group"
print("ok")
"#;

#[test]
fn every_export_is_pdfa_2b_and_the_packet_is_indexed() {
    let data = tempdir();
    let out = data.path().join("out");
    export_example_all(data.path(), &out, "2017-04-07");
    let python = std::env::var("DRAFTER_PYTHON").unwrap_or_else(|_| "python3".into());
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let entries = index.as_array().unwrap();
    assert_eq!(entries.len(), 13);
    for e in entries {
        let file = out.join(e["file"].as_str().unwrap());
        let bytes = std::fs::read(&file).unwrap();
        assert_eq!(
            e["sha256"].as_str().unwrap(),
            drafter::filing::sha256_hex(&bytes)
        );
        let info = tool("pdfinfo", &[file.to_str().unwrap()]);
        assert!(
            info.contains(&format!("Pages:           {}", e["pages"])),
            "{info}"
        );
        let check = std::process::Command::new(&python)
            .args(["-c", PIKEPDF_CHECK, file.to_str().unwrap()])
            .output()
            .expect("python runs");
        assert!(
            check.status.success(),
            "{}: {} (pikepdf comes from scripts/test's venv; set DRAFTER_PYTHON)",
            file.display(),
            String::from_utf8_lossy(&check.stderr)
        );
        let q = std::process::Command::new("qpdf")
            .args(["--check", file.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(q.status.success());
    }
    // The packet: every filing, in order, one outline entry each, and the complaint's
    // index of exhibits and Exhibit A after the filing's short title.
    let packet = out.join("packet.pdf");
    let outline = std::process::Command::new(&python)
        .args(["-c", "import sys,pikepdf\nwith pikepdf.open(sys.argv[1]) as p:\n  print('\\n'.join(i.title for i in p.open_outline().root))", packet.to_str().unwrap()])
        .output()
        .unwrap();
    let titles = String::from_utf8_lossy(&outline.stdout);
    let mut want: Vec<String> = Vec::new();
    for e in &entries[..entries.len() - 1] {
        want.push(e["title"].as_str().unwrap().to_string());
        if let Some(exhibits) = e.get("exhibits").and_then(|x| x.as_array()) {
            want.push("Complaint — Index of Exhibits".into());
            for x in exhibits {
                want.push(format!(
                    "Complaint — {}: {}",
                    x["label"].as_str().unwrap(),
                    x["title"].as_str().unwrap()
                ));
            }
        }
    }
    assert!(
        want.iter().any(|w| w == "Complaint — Index of Exhibits"),
        "the example's complaint has an exhibit"
    );
    assert_eq!(titles.lines().collect::<Vec<_>>(), want);
}
