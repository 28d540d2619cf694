//! Property: every glyph of a document's own text stays inside the body area of its page —
//! between the text column's edges, and from the first line down to the last. On pleading
//! paper (N.D. Cal. Civil L.R. 3-4: text on numbered lines 1–28) that is on or between
//! numbered lines 1 and 28, never below line 28 where the footer and page number sit.
//! Checked for random paragraphs, numbered paragraphs, lettered lists, block quotes and
//! single-spaced blocks (addresses), in the pleading (`cand`) and plain (`federal`) styles.

use drafter::typeset::compose::{compose, FilingSpec};
use drafter::typeset::layout::layout;
use drafter::typeset::model::{Align, Element, Para, Spacing, Span};
use drafter::typeset::{CaptionKind, CertificateRule, CourtStyle, FooterText, Item, Layout, Page};
use proptest::prelude::*;

/// Tolerance for floating-point positions, in points.
const EPS: f32 = 0.05;

/// Every problem with a body glyph's position, as readable lines (empty when all is well).
fn out_of_bounds(pages: &[Page], style: &CourtStyle) -> Vec<String> {
    let top = style.baseline(0) - EPS;
    let bottom = style.baseline(style.last_body_unit()) + EPS;
    let mut problems = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        for item in &page.items {
            let Item::Text(run) = item else { continue };
            if run.artifact {
                continue;
            }
            let at = format!("page {} y {:.1} {:?}", n + 1, run.y, run.text);
            if run.y < top || run.y > bottom {
                problems.push(format!(
                    "{at}: below or above the body ({top:.1}–{bottom:.1})"
                ));
            }
            if let Some(pl) = &style.pleading {
                // On a numbered line or between two (single-spaced text sits halfway).
                let units = (run.y - style.text.first_baseline) / style.text.unit;
                if (units - units.round()).abs() > 0.01 || units.round() as u32 > (pl.lines - 1) * 2
                {
                    problems.push(format!("{at}: off the pleading grid"));
                }
            }
            if run.x < style.page.left - EPS || run.end() > style.page.right + EPS {
                problems.push(format!(
                    "{at}: x {:.1}–{:.1} outside the column {}–{}",
                    run.x,
                    run.end(),
                    style.page.left,
                    style.page.right
                ));
            }
        }
    }
    problems
}

/// The text of every body run, in page order, without spaces (what must survive layout).
fn body_letters(pages: &[Page]) -> String {
    pages
        .iter()
        .flat_map(|p| p.text_lines(false))
        .flat_map(|(_, line)| line.chars().collect::<Vec<_>>())
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => "[a-z]{1,12}",
        2 => "[A-Z][a-z]{0,9}[.,;]?",
        1 => Just("§".to_string()),
        1 => "[0-9]{1,5}",
        // A word wider than the line: a web address or a long docket reference.
        1 => "https://example\\.com/[a-z0-9]{60,120}",
    ]
}

fn words(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..max).prop_map(|w| w.join(" "))
}

fn address() -> impl Strategy<Value = String> {
    prop::collection::vec("[A-Z][a-z]{2,10} [0-9]{1,4} [A-Z][a-z]{2,12}", 2..7)
        .prop_map(|lines| lines.join("\n"))
}

/// One element as composition makes them: body paragraphs, numbered paragraphs, lettered
/// list items, block quotes, headings kept with what follows, and kept-together
/// single-spaced blocks such as an address.
fn element(body: Spacing) -> impl Strategy<Value = Element> {
    prop_oneof![
        4 => words(80).prop_map(move |t| {
            let mut p = Para::new(vec![Span::plain(t)]).spacing(body);
            p.first_indent = 36.0;
            Element::Para(p)
        }),
        3 => (words(60), 1u32..40).prop_map(move |(t, n)| {
            let mut p = Para::new(vec![Span::plain(t)]).spacing(body);
            p.first_indent = 72.0;
            p.label = Some((format!("{n}."), 36.0));
            Element::Para(p)
        }),
        2 => (words(30), 0u8..3).prop_map(move |(t, depth)| {
            let left = 36.0 * (2.0 + f32::from(depth));
            let mut p = Para::new(vec![Span::plain(t)]).spacing(body);
            p.left = left;
            p.label = Some(("A.".into(), left - 36.0));
            Element::Para(p)
        }),
        2 => words(60).prop_map(|t| Element::Para(
            Para::new(vec![Span::plain(t)]).spacing(Spacing::Single).indent(36.0, 36.0)
        )),
        1 => words(8).prop_map(move |t| {
            let mut p = Para::new(vec![Span::bold(t)])
                .align(Align::Center)
                .spacing(body)
                .keep_together();
            p.keep_with_next = true;
            Element::Para(p)
        }),
        2 => (address(), 0u32..3).prop_map(|(t, gap)| Element::Para(
            Para::new(vec![Span::plain(t)])
                .align(Align::Left)
                .spacing(Spacing::Single)
                .indent(72.0, 0.0)
                .space_before(gap)
                .keep_together()
        )),
    ]
}

fn check_elements(style_id: &str, elements: &[Element]) -> Result<(), TestCaseError> {
    let style = CourtStyle::load(style_id, None).unwrap();
    let pages = layout(elements, &style, &FooterText::default()).unwrap();
    let problems = out_of_bounds(&pages, &style);
    prop_assert!(problems.is_empty(), "{style_id}: {problems:#?}");
    // Nothing is lost on the way: every letter of the input is on a page.
    let wanted: String = elements
        .iter()
        .flat_map(|e| match e {
            Element::Para(p) => p.spans.iter().map(|s| s.text.clone()).collect(),
            _ => Vec::new(),
        })
        .flat_map(|t| t.chars().collect::<Vec<_>>())
        .filter(|c| !c.is_whitespace())
        .collect();
    let got = body_letters(&pages);
    // Labels ("1.", "A.") are added; nothing else may be, and nothing may go missing.
    let mut rest = got.chars();
    let lost: Vec<char> = wanted.chars().filter(|c| !rest.any(|g| g == *c)).collect();
    prop_assert!(
        lost.is_empty(),
        "{style_id}: text lost or out of order: {lost:?}"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn body_glyphs_stay_on_the_pleading_lines(elements in prop::collection::vec(element(Spacing::Double), 1..40)) {
        check_elements("cand", &elements)?;
    }

    #[test]
    fn body_glyphs_stay_inside_plain_paper_margins(elements in prop::collection::vec(element(Spacing::Double), 1..40)) {
        check_elements("federal", &elements)?;
    }

    #[test]
    fn composed_filings_stay_inside_the_body(body in prop::collection::vec(markdown_block(), 1..30), pleading in any::<bool>()) {
        let style_id = if pleading { "cand" } else { "federal" };
        let style = CourtStyle::load(style_id, None).unwrap();
        let profile = drafter::examples::profile("alt-uscis").unwrap();
        let blocks = drafter::typeset::markdown::parse(&body.join("\n\n"));
        let elements = compose(&blocks, &spec(), &profile, &style);
        let pages = layout(&elements, &style, &FooterText::default()).unwrap();
        let problems = out_of_bounds(&pages, &style);
        prop_assert!(problems.is_empty(), "{style_id}: {problems:#?}");
    }
}

/// A Markdown block as a template writes one.
fn markdown_block() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => words(80),
        3 => words(60).prop_map(|t| format!("1. {t}")),
        2 => words(30).prop_map(|t| format!("- {t}")),
        1 => words(30).prop_map(|t| format!("- a\n\n  - {t}")),
        2 => words(60).prop_map(|t| format!("> {t}")),
        1 => words(6).prop_map(|t| format!("## {t}")),
        // Lines ended by a backslash: hard breaks, single lines in a block of their own.
        1 => address().prop_map(|a| a.replace('\n', "\\\n")),
    ]
}

fn spec() -> FilingSpec {
    FilingSpec {
        title: "Complaint".into(),
        short_title: "Complaint".into(),
        layout: Layout::Pleading,
        filed_by: drafter::profile::Role::Plaintiff,
        caption: CaptionKind::Full,
        attorney_block: true,
        signature: true,
        certificate_of_service: CertificateRule::Always,
        date: chrono::NaiveDate::from_ymd_opt(2017, 4, 7).unwrap(),
        caption_lines: Vec::new(),
    }
}

/// `n` double-spaced one-line paragraphs: they fill numbered lines 1..=n.
fn filler(n: usize) -> Vec<Element> {
    (0..n)
        .map(|i| {
            Element::Para(
                Para::new(vec![Span::plain(format!("Line {}", i + 1))])
                    .align(Align::Left)
                    .spacing(Spacing::Double),
            )
        })
        .collect()
}

fn address_block(lines: &[&str]) -> Element {
    Element::Para(
        Para::new(vec![Span::plain(lines.join("\n"))])
            .align(Align::Left)
            .spacing(Spacing::Single)
            .indent(72.0, 0.0)
            .keep_together(),
    )
}

/// Regression: a single-spaced block (an address) that starts on numbered line 28 used to
/// set its second line half a line below line 28, into the footer and over the page
/// number. It now moves to the next page whole.
#[test]
fn address_at_the_foot_of_a_pleading_page_moves_to_the_next_page() {
    let style = CourtStyle::load("cand", None).unwrap();
    // 27 double-spaced lines fill numbered lines 1–27; the address starts on line 28.
    let mut elements = filler(27);
    elements.push(address_block(&["Jane Roe", "100 Market Street"]));
    let pages = layout(&elements, &style, &FooterText::default()).unwrap();
    assert_eq!(out_of_bounds(&pages, &style), Vec::<String>::new());
    assert_eq!(pages.len(), 2);
    let second: Vec<String> = pages[1]
        .text_lines(false)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert_eq!(second, ["Jane Roe", "100 Market Street"]);
    // Page 1 ends with line 27's text, above the page number.
    let last = pages[0].text_lines(false).last().cloned().unwrap();
    assert_eq!(last, (style.baseline(52), "Line 27".to_string()));
    // Line 1 of page 2.
    let (y, _) = pages[1].text_lines(false)[0].clone();
    assert_eq!(y, style.baseline(0));
    // A one-line single-spaced block still fits on line 28 itself.
    let mut elements = filler(27);
    elements.push(address_block(&["Jane Roe"]));
    let pages = layout(&elements, &style, &FooterText::default()).unwrap();
    assert_eq!(pages.len(), 1);
    let last = pages[0].text_lines(false).last().cloned().unwrap();
    assert_eq!(last, (style.baseline(54), "Jane Roe".to_string()));
}

/// The same address on plain paper may use the page's last single-spaced line.
#[test]
fn plain_paper_fills_to_its_last_unit() {
    let style = CourtStyle::load("federal", None).unwrap();
    // 25 double lines fill units 0..50; a two-line address takes units 50 and 51.
    let mut elements = filler(25);
    elements.push(address_block(&["Jane Roe", "100 Market Street"]));
    let pages = layout(&elements, &style, &FooterText::default()).unwrap();
    assert_eq!(pages.len(), 1);
    let last = pages[0].text_lines(false).last().cloned().unwrap();
    assert_eq!(last, (style.baseline(51), "100 Market Street".to_string()));
    assert_eq!(out_of_bounds(&pages, &style), Vec::<String>::new());
}

/// A word wider than the column is cut at the line's end and continues on the next line,
/// all its characters kept in order.
#[test]
fn a_word_wider_than_the_line_is_cut_not_overset() {
    let style = CourtStyle::load("cand", None).unwrap();
    let long = format!("https://example.com/{}", "abcdefghij".repeat(12));
    let elements = vec![Element::Para(
        Para::new(vec![Span::plain(format!("See {long} for the summons."))])
            .spacing(Spacing::Double),
    )];
    let pages = layout(&elements, &style, &FooterText::default()).unwrap();
    assert_eq!(out_of_bounds(&pages, &style), Vec::<String>::new());
    let lines: Vec<String> = pages[0]
        .text_lines(false)
        .into_iter()
        .map(|(_, t)| t)
        .collect();
    assert!(lines.len() >= 3, "{lines:?}");
    assert_eq!(
        lines.concat().replace(' ', ""),
        format!("See{long}forthesummons.")
    );
}
