//! Masking messages: every error or finding message passes through here before it is
//! printed or sent to the app.
//!
//! [`redact`] masks the protected values of a profile at hand. Where no profile is at hand
//! (the CLI's last-resort error printer, the app's error conversion), [`redact_known`]
//! masks the values of every profile this process has built a [`Guard`] for — as a CI
//! system masks the secrets it was given, whatever step prints them. [`strip_values`]
//! takes the quoted values out of parser messages, for errors raised before a profile
//! exists (a type error in the profile file).

use super::Guard;
use crate::profile::CaseProfile;
use std::sync::{Mutex, OnceLock};

/// How many profiles' guards [`redact_known`] keeps (the oldest is forgotten first).
const KNOWN_LIMIT: usize = 64;

fn known() -> &'static Mutex<Vec<Guard>> {
    static KNOWN: OnceLock<Mutex<Vec<Guard>>> = OnceLock::new();
    KNOWN.get_or_init(|| Mutex::new(Vec::new()))
}

pub(crate) fn remember_guard(guard: &Guard) {
    if guard.is_empty() {
        return;
    }
    let Ok(mut list) = known().lock() else {
        return;
    };
    if let Some(i) = list
        .iter()
        .position(|g| g.fingerprint() == guard.fingerprint())
    {
        list.remove(i);
    }
    if list.len() >= KNOWN_LIMIT {
        list.remove(0);
    }
    list.push(guard.clone());
}

/// Remembers a profile's protected values for [`redact_known`] (building a [`Guard`] does
/// this too).
pub fn remember(profile: &CaseProfile) {
    let _ = Guard::new(profile);
}

/// `text` with every form of `profile`'s protected values masked.
///
/// ```
/// use drafter::profile::CaseProfile;
/// let profile = CaseProfile::from_json(r#"{"schema": 1, "court": {"name": "Court"},
///     "parties": [{"id": "doe", "name": "John Doe", "role": "plaintiff", "kind": "person",
///                  "protected": {"true_name": "Sam Rivera-Ortiz"}}]}"#, "doc").unwrap();
/// assert_eq!(
///     drafter::rules::protect::redact("expected a number, found [\"Sam Rivera-Ortiz\"]", &profile),
///     "expected a number, found [\"[redacted]\"]"
/// );
/// ```
pub fn redact(text: &str, profile: &CaseProfile) -> String {
    Guard::new(profile).redact(text)
}

/// `text` with every form of the protected values of every profile this process has
/// seen masked.
pub fn redact_known(text: &str) -> String {
    let guards: Vec<Guard> = match known().lock() {
        Ok(list) => list.clone(),
        Err(_) => return text.to_string(),
    };
    let mut out = text.to_string();
    for g in guards.iter().rev() {
        out = g.redact(&out);
    }
    out
}

/// A parser's message without the values it quotes: serde's `invalid type: string
/// "Mara", expected …` becomes `invalid type: a string, expected …`; `unknown variant
/// `x`` loses the `x`. Field names and what was expected stay.
pub fn strip_values(message: &str) -> String {
    static PATTERNS: OnceLock<Vec<(regex::Regex, &'static str)>> = OnceLock::new();
    let patterns = PATTERNS.get_or_init(|| {
        [
            (r#"string "(?:[^"\\]|\\.)*""#, "a string"),
            (
                r"(integer|floating point|boolean|character|byte array|char) `[^`]*`",
                "a value of type $1",
            ),
            (r"unknown variant `[^`]*`", "unknown variant"),
            (r"(invalid (?:type|value|length)): `[^`]*`", "$1"),
        ]
        .into_iter()
        .filter_map(|(p, r)| regex::Regex::new(p).ok().map(|re| (re, r)))
        .collect()
    });
    let mut out = message.to_string();
    for (re, with) in patterns {
        out = re.replace_all(&out, *with).into_owned();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_serde_values() {
        assert_eq!(
            strip_values(r#"invalid type: string "Mara \"Q\" Quill", expected a sequence"#),
            "invalid type: a string, expected a sequence"
        );
        assert_eq!(
            strip_values("unknown variant `Mara Quill`, expected one of `person`, `organization`"),
            "unknown variant, expected one of `person`, `organization`"
        );
        assert_eq!(
            strip_values("invalid type: integer `5550147`, expected a string"),
            "invalid type: a value of type integer, expected a string"
        );
    }
}
