//! Bad and extreme input through the public API: every problem is a message naming its
//! place, never a panic.

use chrono::NaiveDate;
use drafter::filing::{prepare, FilingError, Options};
use drafter::profile::{CaseProfile, Fact};
use drafter::template::{Catalog, TemplateError};

fn opts() -> Options {
    Options::dated(NaiveDate::from_ymd_opt(2017, 4, 7).unwrap())
}

fn example() -> CaseProfile {
    drafter::examples::profile("alt-uscis").unwrap()
}

#[test]
fn a_500_paragraph_complaint_lays_out() {
    let mut p = example();
    let base = p.facts.clone();
    p.facts = (0..500)
        .map(|i| Fact {
            text: format!("{} ({})", base[i % base.len()].text, i + 1),
            heading: None,
        })
        .collect();
    let filing = prepare(&p, &Catalog::builtin(), "complaint", &opts()).unwrap();
    assert!(filing.pages.len() > 50, "{} pages", filing.pages.len());
    let text = filing.to_text();
    assert!(text.contains("(500)"));
    let pdf = filing.to_pdf();
    assert!(pdf.starts_with(b"%PDF-1.7"));
}

#[test]
fn an_empty_fact_is_named() {
    let mut p = example();
    p.facts[3].text = "   ".into();
    let err = prepare(&p, &Catalog::builtin(), "complaint", &opts()).unwrap_err();
    assert!(matches!(err, FilingError::Invalid(_)));
    assert!(err.to_string().contains("facts[3].text"), "{err}");
}

#[test]
fn a_character_no_font_has_names_the_field() {
    let mut p = example();
    p.parties[2].short_name = Some("名前".into());
    let err = prepare(&p, &Catalog::builtin(), "complaint", &opts()).unwrap_err();
    let msg = err.to_string();
    assert!(
        msg.contains("parties[2].short_name") && msg.contains("U+540D"),
        "{msg}"
    );
}

fn firm(files: &[(&str, &str)]) -> (tempfile::TempDir, Catalog) {
    let dir = tempfile::tempdir().unwrap();
    for (name, body) in files {
        std::fs::write(
            dir.path().join(format!("{name}.md.hbs")),
            format!("+++\ntitle = \"{name}\"\nlayout = \"pleading\"\n+++\n{body}\n"),
        )
        .unwrap();
    }
    let catalog = Catalog::load(Some(dir.path()));
    (dir, catalog)
}

#[test]
fn partials_that_loop_are_refused_not_overflowed() {
    let (_dir, catalog) = firm(&[("a", "A {{> b}}"), ("b", "B {{> a}}")]);
    let err = prepare(&example(), &catalog, "a", &opts()).unwrap_err();
    assert!(
        matches!(err, FilingError::Template(TemplateError::Partial { .. })),
        "{err}"
    );
    assert!(err.to_string().contains("loop"), "{err}");
}

#[test]
fn partials_nest_to_a_limit() {
    let files: Vec<(String, String)> = (0..12)
        .map(|i| (format!("p{i}"), format!("level {i} {{{{> p{}}}}}", i + 1)))
        .collect();
    let mut files: Vec<(&str, &str)> = files
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    files.push(("p12", "bottom"));
    let (_dir, catalog) = firm(&files);
    let err = prepare(&example(), &catalog, "p0", &opts()).unwrap_err();
    assert!(err.to_string().contains("deeper"), "{err}");
    // A shallow chain is fine.
    assert!(prepare(&example(), &catalog, "p10", &opts()).is_ok());
}

#[test]
fn malformed_templates_never_panic() {
    let cases = [
        "{{",
        "{{#if}}",
        "{{/each}}",
        "{{#each facts}}{{else}}{{else}}{{/each}}",
        "{{> }}",
        "{{{{raw}}}}",
        "}}{{",
        "{{#each}}{{/each}}",
        "{{lookup}}",
        "{{#with}}x{{/with}}",
    ];
    for body in cases {
        let (_dir, catalog) = firm(&[("t", body)]);
        match prepare(&example(), &catalog, "t", &opts()) {
            Ok(_) => {}
            Err(e) => assert!(e.to_string().contains("t.md.hbs"), "{body:?}: {e}"),
        }
    }
}
