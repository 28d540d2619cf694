//! Property tests of the field-level diff between revisions.

mod common;

use drafter::store::diff_profiles;
use proptest::prelude::*;
use serde_json::json;
use std::collections::BTreeMap;

/// Which field an edit touches: a fact's text, a party's name, or a relief line.
#[derive(Debug, Clone)]
enum Edit {
    Fact(usize, String),
    PartyName(usize, String),
    Relief(usize, String),
}

fn edit() -> impl Strategy<Value = Edit> {
    let text = "[a-zA-Z0-9 .,*_#\"'-]{0,24}";
    prop_oneof![
        (0..5usize, text).prop_map(|(i, t)| Edit::Fact(i, t)),
        (0..6usize, text).prop_map(|(i, t)| Edit::PartyName(i, t)),
        (0..3usize, text).prop_map(|(i, t)| Edit::Relief(i, t)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn the_diff_names_exactly_the_fields_that_changed(edits in prop::collection::vec(edit(), 0..8)) {
        let before = common::fixture("store-alt-uscis.json");
        let mut after = before.clone();
        // Expected: path -> (before, after), last edit of a field wins.
        let mut expected: BTreeMap<String, (String, String)> = BTreeMap::new();
        for e in &edits {
            let (path, old, new) = match e {
                Edit::Fact(i, t) => {
                    let old = before.facts[*i].text.clone();
                    after.facts[*i].text = t.clone();
                    (format!("facts[{i}].text"), old, t.clone())
                }
                Edit::PartyName(i, t) => {
                    let old = before.parties[*i].name.clone();
                    after.parties[*i].name = t.clone();
                    (format!("parties[{i}].name"), old, t.clone())
                }
                Edit::Relief(i, t) => {
                    let old = before.relief[*i].clone();
                    after.relief[*i] = t.clone();
                    (format!("relief[{i}]"), old, t.clone())
                }
            };
            expected.insert(path, (old, new));
        }
        expected.retain(|_, (old, new)| old != new);

        let diff = diff_profiles(&before, &after);
        let got: BTreeMap<String, (String, String)> = diff
            .iter()
            .map(|c| {
                let s = |v: &Option<serde_json::Value>| v.as_ref().unwrap().as_str().unwrap().to_string();
                (c.path.clone(), (s(&c.before), s(&c.after)))
            })
            .collect();
        prop_assert_eq!(got.len(), diff.len(), "a path is reported once");
        prop_assert_eq!(&got, &expected);

        // The reverse diff is the mirror image; a profile has no diff with itself.
        let back = diff_profiles(&after, &before);
        prop_assert_eq!(back.len(), diff.len());
        for (b, f) in back.iter().zip(&diff) {
            prop_assert_eq!(&b.path, &f.path);
            prop_assert_eq!(&b.before, &f.after);
            prop_assert_eq!(&b.after, &f.before);
        }
        prop_assert!(diff_profiles(&after, &after).is_empty());
    }

    #[test]
    fn added_and_removed_list_items_are_whole_entries(extra in 0..4usize, dropped in 0..3usize) {
        let before = common::fixture("store-alt-uscis.json");
        let mut after = before.clone();
        after.relief.truncate(before.relief.len() - dropped);
        for i in 0..extra {
            after.facts.push(drafter::profile::Fact { text: format!("new {i}"), heading: None });
        }
        let diff = diff_profiles(&before, &after);
        let added: Vec<_> = diff.iter().filter(|c| c.before.is_none()).collect();
        let removed: Vec<_> = diff.iter().filter(|c| c.after.is_none()).collect();
        prop_assert_eq!(added.len(), extra);
        prop_assert_eq!(removed.len(), dropped);
        for (i, c) in added.iter().enumerate() {
            prop_assert_eq!(&c.path, &format!("facts[{}]", before.facts.len() + i));
            prop_assert_eq!(c.after.clone(), Some(json!({"text": format!("new {i}")})));
        }
        prop_assert_eq!(diff.len(), extra + dropped);
    }
}
