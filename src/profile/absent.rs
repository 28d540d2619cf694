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
                    "the date `{name}` is `{text}`, not a date (YYYY-MM-DD)"
                )));
            }
            _ => {}
        }
    }
    Ok(out)
}
