//! Property: any string value — Markdown, Handlebars, HTML syntax, non-ASCII — prints
//! literally and never changes the document's structure.

use drafter::filing::{prepare, Options};
use drafter::template::Catalog;
use proptest::prelude::*;

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The filing's own text, without line numbers or footers (page furniture).
fn body_text(filing: &drafter::filing::Filing) -> String {
    filing
        .text_lines()
        .into_iter()
        .map(|l| l.text)
        .collect::<Vec<_>>()
        .join(" ")
}

fn base() -> drafter::profile::CaseProfile {
    drafter::examples::profile("alt-uscis").unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, .. ProptestConfig::default() })]

    #[test]
    fn any_value_prints_literally(value in r"[ -~àéñøŁ§¶“”‘’—–…משהعربي]{1,60}") {
        prop_assume!(!value.trim().is_empty());
        let catalog = Catalog::builtin();
        let mut profile = base();
        let n_facts = profile.facts.len();
        profile.facts[0].text = value.clone();
        profile.parties[0].name = value.clone();
        let filing = prepare(&profile, &catalog, "complaint", &Options::dated(chrono::NaiveDate::from_ymd_opt(2017, 4, 7).unwrap())).unwrap();
        let text = squash(&body_text(&filing));
        prop_assert!(text.contains(&squash(&value)), "value {:?} not found literally", value);
        // Structure unchanged: the same count of numbered fact paragraphs follows.
        let blocks = drafter::typeset::markdown::parse(&filing.markdown);
        let numbered = blocks.iter().filter(|b| b.kind == drafter::typeset::model::BlockKind::Numbered).count();
        let baseline = {
            let filing = prepare(&base(), &catalog, "complaint", &Options::dated(chrono::NaiveDate::from_ymd_opt(2017, 4, 7).unwrap())).unwrap();
            drafter::typeset::markdown::parse(&filing.markdown).iter().filter(|b| b.kind == drafter::typeset::model::BlockKind::Numbered).count()
        };
        prop_assert_eq!(numbered, baseline);
        prop_assert_eq!(profile.facts.len(), n_facts);
    }
}

#[test]
fn mixed_scripts_print_literally() {
    for value in [
        "يké@ a0",
        "a0§‘éبé%§MK",
        "%aŁAàמ…§ש 0بKש",
        "…§ש 0بKש",
        "§ש",
        "0بKש",
    ] {
        let catalog = Catalog::builtin();
        let mut profile = base();
        profile.facts[0].text = value.to_string();
        let filing = prepare(
            &profile,
            &catalog,
            "complaint",
            &Options::dated(chrono::NaiveDate::from_ymd_opt(2017, 4, 7).unwrap()),
        )
        .unwrap();
        let text = squash(&body_text(&filing));
        assert!(text.contains(&squash(value)), "{value:?} not in text");
    }
}
