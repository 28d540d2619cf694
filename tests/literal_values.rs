//! Property: a value with Markdown, Handlebars or HTML syntax prints literally and never
//! changes the document's structure. A fact of the complaint (`1. {{text}}` in the
//! template) must come out as exactly one numbered paragraph whose text is the value,
//! character for character, on the laid-out pages and in the text of the real PDF.

mod common;

use drafter::filing::{prepare, Filing, Options};
use drafter::template::Catalog;
use drafter::typeset::markdown;
use drafter::typeset::model::BlockKind;
use proptest::prelude::*;

fn date() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2017, 4, 7).unwrap()
}

fn complaint(facts: &[String]) -> Filing {
    let mut profile = drafter::examples::profile("alt-uscis").unwrap();
    for (fact, value) in profile.facts.iter_mut().zip(facts) {
        fact.text = value.clone();
        fact.heading = None;
    }
    prepare(
        &profile,
        &Catalog::builtin(),
        "complaint",
        &Options::dated(date()),
    )
    .unwrap()
}

/// A value as it must print: runs of white space are one space (a value is inline text).
fn as_printed(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The numbered paragraphs of a filing's Markdown, as plain text.
fn numbered(filing: &Filing) -> Vec<String> {
    markdown::parse(&filing.markdown)
        .iter()
        .filter(|b| b.kind == BlockKind::Numbered)
        .map(|b| b.plain_text())
        .collect()
}

/// The document's own text on the laid-out pages (no line numbers or footers), joined.
fn page_text(filing: &Filing) -> String {
    filing
        .pages
        .iter()
        .flat_map(|p| p.text_lines(false))
        .map(|(_, line)| line)
        .collect::<Vec<_>>()
        .join(" ")
}

fn no_space(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Syntax that would change the document if a value were not escaped.
fn syntax() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "# ",
        "## ",
        "1. ",
        "2) ",
        "- ",
        "* ",
        "+ ",
        "> ",
        "    ",
        "```",
        "---",
        "*",
        "**",
        "_",
        "__",
        "`",
        "[x](http://example.com)",
        "![img](a.png)",
        "<b>",
        "</p>",
        "<!-- c -->",
        "&amp;",
        "\\",
        "{{case_number}}",
        "{{> complaint}}",
        "{{#each parties}}",
        "|a|b|",
        "\n\n1. ",
        "\n# ",
    ])
    .prop_map(str::to_string)
}

fn value() -> impl Strategy<Value = String> {
    (
        syntax(),
        "[a-zA-Z0-9 ]{0,12}",
        syntax(),
        "[a-zA-Z0-9 .,;:'\"!?()-]{1,20}",
        syntax(),
    )
        .prop_map(|(a, b, c, d, e)| format!("{a}{b}{c}{d}{e}"))
        .prop_filter("a value with some text", |v| {
            v.chars().any(|c| c.is_alphanumeric())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn syntax_in_a_value_prints_literally(first in value(), second in value()) {
        let plain = complaint(&[]);
        let filing = complaint(&[first.clone(), second.clone()]);
        let got = numbered(&filing);
        // The same numbered paragraphs as before: nothing added, split or swallowed.
        prop_assert_eq!(got.len(), numbered(&plain).len(), "{:#?}", got);
        // The first two facts are the values, exactly.
        let first_fact = got.iter().position(|t| *t == as_printed(&first));
        prop_assert!(first_fact.is_some(), "{:?} is not a paragraph of its own: {:#?}", first, got);
        let i = first_fact.unwrap();
        prop_assert_eq!(&got[i + 1], &as_printed(&second));
        // And the laid-out pages carry them in order (the second after its number).
        let text = no_space(&page_text(&filing));
        let at = text.find(&no_space(&first));
        prop_assert!(at.is_some(), "{:?} is not on the pages", first);
        let after = &text[at.unwrap() + no_space(&first).len()..];
        prop_assert!(
            after.starts_with(&format!("{}.{}", i + 2, no_space(&second))),
            "{:?} does not follow {:?} on the pages", second, first
        );
    }
}

/// The real PDF: what pdftotext reads back has every value, literally.
#[test]
fn syntax_in_values_survives_into_the_pdf() {
    let values: Vec<String> = [
        "*Acme* & __Co.__",
        "1. Not a list",
        "# Not a heading",
        "> Not a quote",
        "{{case_number}} stays as typed",
        "<b>not bold</b> &amp;",
        "[a link](http://example.com)",
        "`not code` and \\*escaped\\*",
        "- not an item",
    ]
    .map(String::from)
    .to_vec();
    let filing = complaint(&values);
    let dir = common::tempdir();
    let pdf = dir.path().join("complaint.pdf");
    std::fs::write(&pdf, filing.to_pdf()).unwrap();
    let text = no_space(&common::squash(&common::pdf_text(&pdf)));
    for v in &values {
        assert!(text.contains(&no_space(v)), "{v:?} not in the PDF's text");
    }
    // The Handlebars expression was not evaluated: the case number is not where it stood.
    assert!(!text.contains("3:17-cv-01916staysastyped"));
}

/// Mixed scripts (a regression found by an earlier version of the property above): Arabic
/// and Hebrew letters among Latin ones keep every character in the laid-out text.
#[test]
fn mixed_scripts_print_literally() {
    let values: Vec<String> = [
        "يké@ a0",
        "a0§‘éبé%§MK",
        "%aŁAàמ…§ש 0بKש",
        "…§ש 0بKש",
        "§ש",
        "0بKש",
    ]
    .map(String::from)
    .to_vec();
    let filing = complaint(&values);
    let text = no_space(&page_text(&filing));
    for v in &values {
        assert!(text.contains(&no_space(v)), "{v:?} not in the text");
    }
}
