//! What a court's local rules add to the caption: the assigned judge's initials after the
//! case number (N.D. Cal. Civil L.R. 3-4(a)(3)(C)) and the words "DEMAND FOR JURY TRIAL"
//! on a pleading that demands a jury (Civil L.R. 3-6(a)).

use super::court::CourtRules;
use crate::profile::{CaseProfile, Finding};

/// Words before a judge's name that are not part of it.
const TITLES: &[&str] = &[
    "the",
    "hon",
    "honorable",
    "judge",
    "chief",
    "senior",
    "district",
    "magistrate",
    "u.s",
    "us",
    "united",
    "states",
    "justice",
];

/// Words after a judge's name that are not part of it.
const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// A judge's initials as N.D. Cal. prints them after a case number: the first letter of
/// each part of the name, without titles ("Hon.", "Judge") or suffixes ("Jr."), in capitals
/// ("Jon S. Tigar" → `JST`, "Yvonne Gonzalez Rogers" → `YGR`). `None` when fewer than two
/// letters remain or a part does not start with a Latin letter (write the initials into the
/// case number then: `3:17-cv-01916-JST`).
pub fn judge_initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',' || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    let bare = |w: &str| w.trim_end_matches('.').to_lowercase();
    let start = words
        .iter()
        .position(|w| !TITLES.contains(&bare(w).as_str()))?;
    let mut end = words.len();
    while end > start && SUFFIXES.contains(&bare(words[end - 1]).as_str()) {
        end -= 1;
    }
    let mut initials = String::new();
    for w in &words[start..end] {
        let first = w.chars().next()?;
        if !first.is_ascii_alphabetic() {
            return None;
        }
        initials.push(first.to_ascii_uppercase());
    }
    (2..=4).contains(&initials.len()).then_some(initials)
}

/// Whether a docket number already ends with a judge's initials (`3:17-cv-01916-JST`).
fn has_initials(case_number: &str) -> bool {
    let mut parts = case_number.rsplit('-');
    let last = parts.next().unwrap_or_default();
    parts.next().is_some()
        && (2..=4).contains(&last.len())
        && last.chars().all(|c| c.is_ascii_uppercase())
        && case_number.contains(':')
}

/// The case number as the caption prints it: in a court whose local rules ask for it, with
/// the assigned judge's initials added (unless the number already carries them).
pub fn caption_case_number(profile: &CaseProfile, court: &CourtRules) -> Option<String> {
    let number = profile.case_number.as_deref()?;
    if !court.is_cand() || has_initials(number) {
        return Some(number.to_string());
    }
    match profile.judge.as_deref().and_then(judge_initials) {
        Some(initials) => Some(format!("{number}-{initials}")),
        None => Some(number.to_string()),
    }
}

/// Lines the caption adds under the document's title: "DEMAND FOR JURY TRIAL" on an
/// N.D. Cal. complaint that demands a jury (`extra.jury_demand`).
pub fn caption_lines(
    profile: &CaseProfile,
    initial_pleading: bool,
    court: &CourtRules,
) -> Vec<String> {
    let demands_jury = profile
        .extra
        .get("jury_demand")
        .is_some_and(|v| v == &serde_json::Value::Bool(true));
    if court.is_cand() && initial_pleading && demands_jury {
        vec!["DEMAND FOR JURY TRIAL".to_string()]
    } else {
        Vec::new()
    }
}

/// L.R. 3-4(a)(3)(C): once a case has a number in N.D. Cal., papers carry the assigned
/// judge's initials after it. A warning when neither the number nor the judge gives them.
pub fn caption_findings(profile: &CaseProfile, court: &CourtRules) -> Option<Finding> {
    let number = profile.case_number.as_deref()?;
    if !court.is_cand() || has_initials(number) {
        return None;
    }
    // The case's own number, with letters that are plainly not anyone's initials.
    let example = format!("{}-XYZ", number.trim());
    let message = match profile.judge.as_deref() {
        None => format!("N.D. Cal. Civil L.R. 3-4(a)(3)(C): the case number is followed by the assigned judge's initials once a judge is assigned; enter the judge, or write the initials after the number (as in {example})"),
        Some(_) => format!("N.D. Cal. Civil L.R. 3-4(a)(3)(C): the judge's initials could not be worked out from the name entered; write them after the case number (as in {example})"),
    };
    let field = if profile.judge.is_some() {
        "case_number"
    } else {
        "judge"
    };
    (profile.judge.as_deref().and_then(judge_initials).is_none())
        .then(|| Finding::warning(field, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn initials_of_judges_as_the_court_prints_them() {
        // Each pair: the name as a paralegal would type it, the initials N.D. Cal. dockets use.
        for (name, initials) in [
            ("Jon S. Tigar", "JST"),
            ("Hon. William H. Alsup", "WHA"),
            ("Yvonne Gonzalez Rogers", "YGR"),
            ("Haywood S. Gilliam, Jr.", "HSG"),
            ("Judge Laurel Beeler", "LB"),
            ("The Honorable Edward M. Chen", "EMC"),
            ("Magistrate Judge Jacqueline Scott Corley", "JSC"),
        ] {
            assert_eq!(judge_initials(name).as_deref(), Some(initials), "{name}");
        }
        for name in ["Hon.", "Tigar", "Ëva Ölund", ""] {
            assert_eq!(judge_initials(name), None, "{name}");
        }
    }

    #[test]
    fn a_number_that_carries_initials_is_left_alone() {
        assert!(has_initials("3:17-cv-01916-JST"));
        assert!(!has_initials("3:17-cv-01916"));
        assert!(!has_initials("CGC-17-561234"));
        assert!(!has_initials("3:17-cv-01916-jst"));
    }
}
