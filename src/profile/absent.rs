//! "Empty means absent": how a profile reads text a person left blank.
//!
//! An editor keeps `""` in an input that was cleared, and a hand-written or imported file
//! may carry `"case_number": ""` or an address line of spaces. The model has one meaning
//! for all of these: the value is not there. These serde helpers apply that meaning while
//! a profile is read, so every consumer (the caption's "Case No. ____", the attorney
//! block, the privacy matcher, the store's index) sees `None` or no line, never a blank.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer};
use std::collections::BTreeMap;

/// True when the text is empty or white space only.
pub(crate) fn is_blank(s: &str) -> bool {
    s.trim().is_empty()
}

/// An optional text: `null`, `""` and white space only all read as `None`.
pub(crate) fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    let value = Option::<String>::deserialize(d)?;
    Ok(value.filter(|s| !is_blank(s)))
}

/// A list of lines (an address, account ids): blank lines are dropped.
pub(crate) fn lines<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    let value = Vec::<String>::deserialize(d)?;
    Ok(value.into_iter().filter(|s| !is_blank(s)).collect())
}

/// Named dates: an entry whose date is `""` (a date input not filled in yet) or whose name
/// is blank is left out; any other value must be a date (`YYYY-MM-DD`).
pub(crate) fn dates<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<BTreeMap<String, NaiveDate>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Entry {
        Date(NaiveDate),
        Text(String),
    }
    let raw = BTreeMap::<String, Option<Entry>>::deserialize(d)?;
    let mut out = BTreeMap::new();
    for (name, entry) in raw {
        match entry {
            Some(Entry::Date(date)) if !is_blank(&name) => {
                out.insert(name, date);
            }
            Some(Entry::Text(text)) if !is_blank(&text) => {
                return Err(serde::de::Error::custom(format!(
                    "the date `{name}` is not a date (YYYY-MM-DD)"
                )));
            }
            _ => {}
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::profile::CaseProfile;

    fn read(extra: &str) -> Result<CaseProfile, String> {
        let text = format!(
            r#"{{"schema": 1, "court": {{"name": "C"}},
                 "parties": [{{"id": "a", "name": "A", "role": "plaintiff", "kind": "person",
                              "short_name": " ", "address": ["1 Main St", "", "  "],
                              "protected": {{"true_name": "", "account_ids": [""]}}}}],
                 "counsel": [{{"name": "N", "email": "", "firm": "\t", "address": [" "]}}],
                 "facts": [{{"text": "t", "heading": ""}}]
                 {extra}}}"#
        );
        CaseProfile::from_json(&text, "case.json").map_err(|e| e.to_string())
    }

    #[test]
    fn blank_optional_text_and_blank_lines_read_as_absent() {
        let p = read(r#", "case_number": "", "judge": "   ""#).unwrap();
        assert_eq!(p.case_number, None);
        assert_eq!(p.judge, None);
        let party = &p.parties[0];
        assert_eq!(party.short_name, None);
        assert_eq!(party.address, ["1 Main St"]);
        let protected = party.protected.as_ref().expect("still pseudonymous");
        assert_eq!(protected.true_name, None);
        assert!(protected.account_ids.is_empty());
        assert!(p.protected_values().is_empty());
        assert_eq!(p.counsel[0].email, None);
        assert_eq!(p.counsel[0].firm, None);
        assert!(p.counsel[0].address.is_empty());
        assert_eq!(p.facts[0].heading, None);
        // Written back, the blanks are gone rather than kept as "".
        let json = p.to_json();
        assert!(!json.contains("\"\""), "{json}");
        assert!(!json.contains("case_number"), "{json}");
    }

    #[test]
    fn text_that_is_present_is_kept_as_written() {
        let p = read(r#", "case_number": " 3:17-cv-01916""#).unwrap();
        assert_eq!(p.case_number.as_deref(), Some(" 3:17-cv-01916"));
    }

    #[test]
    fn an_unfilled_date_is_absent_and_a_wrong_one_names_its_field() {
        let p = read(
            r#", "dates": {"filed": "2017-04-06", "served": "", " ": "2017-04-07", "x": null}"#,
        )
        .unwrap();
        assert_eq!(p.dates.len(), 1);
        assert_eq!(p.dates["filed"].to_string(), "2017-04-06");
        let e = read(r#", "dates": {"filed": "April 6"}"#).unwrap_err();
        assert_eq!(
            e,
            "case.json: field `dates`: the date `filed` is not a date (YYYY-MM-DD)"
        );
    }

    #[test]
    fn a_value_of_the_wrong_type_is_still_refused() {
        let e = read(r#", "case_number": 17"#).unwrap_err();
        assert!(e.contains("field `case_number`"), "{e}");
    }
}
