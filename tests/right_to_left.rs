//! Hebrew and Arabic names and words inside an English filing: drawn right to left, Arabic
//! letters joined, read back in reading order from the real PDF, shown the same way in the
//! preview, and still caught by the protected-identity guard.

mod common;
use chrono::NaiveDate;
use common::*;
use drafter::filing::{prepare, FilingError, Options};
use drafter::profile::CaseProfile;
use drafter::template::Catalog;

const HEBREW: &str = "שלום עולם";
const ARABIC: &str = "مرحبا بالعالم";

fn opts() -> Options {
    Options::dated(NaiveDate::from_ymd_opt(2017, 4, 7).unwrap())
}

fn profile() -> CaseProfile {
    let mut p = drafter::examples::profile("alt-uscis").unwrap();
    p.facts[0].text =
        format!("The account's operator, known in Hebrew as {HEBREW} and in Arabic as {ARABIC}, posted criticism.");
    p
}

#[test]
fn right_to_left_words_read_back_in_reading_order_from_the_pdf() {
    let filing = prepare(&profile(), &Catalog::builtin(), "complaint", &opts()).unwrap();
    let dir = tempdir();
    let pdf = dir.path().join("c.pdf");
    std::fs::write(&pdf, filing.to_pdf()).unwrap();
    let text = squash(&pdf_text(&pdf));
    // pdftotext turns drawn (visual) order back into reading order: the Hebrew words come
    // out as typed only if they were drawn right to left.
    assert!(text.contains(HEBREW), "{text}");
    assert!(!text.contains("םולש"), "drawn in typed order: {text}");
    // Arabic comes out as its joined presentation forms, in reading order: meem initial,
    // reh final, hah initial (reh never joins the letter after it), beh medial, alef
    // final; beh initial, alef final, lam initial, ain medial, alef final, lam initial,
    // meem final.
    let joined = "ﻣﺮﺣﺒﺎ ﺑﺎﻟﻌﺎﻟﻢ";
    assert!(text.contains(joined), "{text}");
    // The checks read the laid-out text in typed order.
    let lines: String = filing
        .text_lines()
        .iter()
        .map(|l| l.text.clone())
        .collect::<Vec<_>>()
        .join(" ");
    assert!(lines.contains(HEBREW));
}

#[test]
fn the_preview_draws_what_the_pdf_draws() {
    let filing = prepare(&profile(), &Catalog::builtin(), "complaint", &opts()).unwrap();
    let svg: String = filing.to_svg().concat();
    // Visual order, with the browser told not to reorder it again.
    assert!(svg.contains("unicode-bidi=\"bidi-override\""));
    assert!(svg.contains("םלוע"), "Hebrew in visual order");
    assert!(!svg.contains(HEBREW));
}

#[test]
fn a_protected_hebrew_name_is_still_caught() {
    let mut p = profile();
    let doe = p
        .parties
        .iter()
        .position(|x| x.protected.is_some())
        .unwrap();
    p.parties[doe].protected.as_mut().unwrap().true_name = Some(HEBREW.to_string());
    let err = prepare(&p, &Catalog::builtin(), "complaint", &opts()).unwrap_err();
    assert!(matches!(err, FilingError::ProtectedLeak(_)), "{err}");
    assert!(err.to_string().contains("true_name"), "{err}");
}
