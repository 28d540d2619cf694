//! The protected-identity guard: a pseudonymous party's protected values (true name,
//! email, phone, address, account identifiers) must never appear in any output.
//!
//! [`protected_leaks`] searches the final laid-out text for every protected value of every
//! party. The comparison forgives what typesetting changes: both sides are lowercased
//! (Unicode-aware), whitespace and line breaks, hyphens of every kind (U+002D, the soft
//! hyphen U+00AD, U+2010 to U+2015, U+2212 and their compatibility forms) and invisible
//! joiners are dropped, curly quotes and apostrophes compare equal to straight ones, and
//! the ligatures ff, fi, fl, ffi, ffl, st are spelled out. A value broken across a line or a
//! page — hyphenated or not — is therefore found, and reported at the line where it starts.
//!
//! A value made only of digits and phone punctuation (a phone number, an account number) is
//! compared digit for digit, ignoring spaces, hyphens, dots, slashes, parentheses and a
//! plus sign, so `(415) 555-0100` matches `415.555.0100`; a North American number stored
//! with its leading 1 also matches without it.
//!
//! A match must stand as a whole word (or whole number): `Lee` is not found inside
//! `Leeds`. Values shorter than 3 characters once normalised (3 digits for numeric
//! values) are ignored: they would match everywhere and identify no one.
//!
//! No message, `Debug` or `Display` output of a [`Leak`] ever contains a protected value;
//! it names the field and the place only.

use super::TextLine;
use crate::profile::{CaseProfile, Finding};
use serde::Serialize;

/// One place where a protected value appears in the output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leak {
    /// The value's field path (`parties[3].protected.true_name`).
    pub field: String,
    /// 1-based page where the value starts.
    pub page: usize,
    /// 1-based line where the value starts.
    pub line: usize,
    /// "the protected true name of Doe (parties[3].protected.true_name) appears on page 2,
    /// line 14" — never the value.
    pub message: String,
}

impl Leak {
    /// The leak as a profile error on the value's field.
    pub fn to_finding(&self) -> Finding {
        Finding::error(self.field.clone(), self.message.clone())
    }
}

impl std::fmt::Display for Leak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Values shorter than this (normalised characters, or digits) are not searched for.
pub const MIN_VALUE_CHARS: usize = 3;

/// Every place where a protected value of any party appears in the text, in the order of
/// the profile's fields and then of the text.
///
/// ```
/// use drafter::profile::CaseProfile;
/// use drafter::rules::{protected_leaks, TextLine};
///
/// let profile = CaseProfile::from_json(r#"{"schema": 1, "court": {"name": "U.S. District Court"},
///     "parties": [{"id": "doe", "name": "John Doe", "role": "plaintiff", "kind": "person",
///                  "protected": {"true_name": "Sam Rivera-Ortiz"}}]}"#, "doc").unwrap();
/// let lines = [
///     TextLine::new(2, 13, "Plaintiff, whose name is Sam Rivera-"),
///     TextLine::new(2, 14, "ortiz, brings this action."),
/// ];
/// let leaks = protected_leaks(&lines, &profile);
/// assert_eq!(leaks[0].message,
///     "the protected true name of John Doe (parties[0].protected.true_name) appears on page 2, line 13");
/// ```
pub fn protected_leaks(lines: &[TextLine], profile: &CaseProfile) -> Vec<Leak> {
    let source = Source::new(lines);
    let words = Projection::new(&source, Mode::Words);
    let numbers = Projection::new(&source, Mode::Digits);
    let mut out: Vec<Leak> = Vec::new();
    for (i, party) in profile.parties.iter().enumerate() {
        let Some(protected) = &party.protected else {
            continue;
        };
        let values = protected.values();
        let designation = safe_designation(&party.name, &values, i);
        for (sub, value) in &values {
            let field = format!("parties[{i}].protected.{sub}");
            let found = match needles(value) {
                Needles::Numeric(list) => numbers.find(&source, &list),
                Needles::Words(needle) => words.find(&source, &[needle]),
                Needles::TooShort => Vec::new(),
            };
            let mut places: Vec<(usize, usize)> = found
                .into_iter()
                .filter_map(|orig| source.line.get(orig).and_then(|&li| lines.get(li)))
                .map(|l| (l.page, l.line))
                .collect();
            places.dedup();
            for (page, line) in places {
                if out
                    .iter()
                    .any(|l| l.field == field && l.page == page && l.line == line)
                {
                    continue;
                }
                out.push(Leak {
                    message: format!(
                        "the protected {} of {designation} ({field}) appears on page {page}, line {line}",
                        describe(sub)
                    ),
                    field: field.clone(),
                    page,
                    line,
                });
            }
        }
    }
    out
}

/// How the party is named in messages: its public designation, unless that designation
/// itself contains one of its protected values (then only its place in the profile).
fn safe_designation(name: &str, values: &[(String, &str)], index: usize) -> String {
    let folded = fold_str(name);
    let leaks = values.iter().any(|(_, v)| match needles(v) {
        Needles::Words(n) => folded.contains(&n),
        Needles::Numeric(list) => {
            let digits: String = name.chars().filter(char::is_ascii_digit).collect();
            list.iter().any(|n| digits.contains(n.as_str()))
        }
        Needles::TooShort => false,
    });
    if leaks || name.trim().is_empty() {
        format!("the party at parties[{index}]")
    } else {
        name.to_string()
    }
}

fn describe(sub: &str) -> &'static str {
    if sub == "true_name" {
        "true name"
    } else if sub == "email" {
        "email address"
    } else if sub == "phone" {
        "phone number"
    } else if sub.starts_with("address") {
        "address"
    } else if sub.starts_with("account_ids") {
        "account identifier"
    } else {
        "value"
    }
}

/// The text in reading order, one entry per character, with the index of its line. Lines
/// are separated by a `\n` that belongs to the line before.
struct Source {
    chars: Vec<char>,
    line: Vec<usize>,
}

impl Source {
    fn new(lines: &[TextLine]) -> Source {
        let size: usize = lines.iter().map(|l| l.text.len() + 1).sum();
        let mut chars = Vec::with_capacity(size);
        let mut line = Vec::with_capacity(size);
        for (i, l) in lines.iter().enumerate() {
            if i > 0 {
                chars.push('\n');
                line.push(i - 1);
            }
            for c in l.text.chars() {
                chars.push(c);
                line.push(i);
            }
        }
        Source { chars, line }
    }

    fn is_word_char(&self, at: Option<usize>) -> bool {
        at.and_then(|i| self.chars.get(i))
            .is_some_and(|c| c.is_alphanumeric())
    }

    fn is_digit(&self, at: Option<usize>) -> bool {
        at.and_then(|i| self.chars.get(i))
            .is_some_and(|c| c.is_ascii_digit())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Lowercased, without whitespace, hyphens or invisible characters.
    Words,
    /// Digits only; phone punctuation dropped; anything else becomes a `|` break.
    Digits,
}

/// The normalised text, with the source character of every byte.
struct Projection {
    mode: Mode,
    text: String,
    origin: Vec<usize>,
}

impl Projection {
    fn new(source: &Source, mode: Mode) -> Projection {
        let mut text = String::with_capacity(source.chars.len() + 16);
        let mut origin = Vec::with_capacity(source.chars.len() + 16);
        for (i, &c) in source.chars.iter().enumerate() {
            let mut push = |c: char| {
                text.push(c);
                origin.extend(std::iter::repeat_n(i, c.len_utf8()));
            };
            match mode {
                Mode::Words => fold(c, &mut push),
                Mode::Digits => {
                    if c.is_ascii_digit() {
                        push(c);
                    } else if !is_phone_punctuation(c) {
                        push('|');
                    }
                }
            }
        }
        Projection { mode, text, origin }
    }

    /// Source indices where any of `needles` starts as a whole word or number.
    fn find(&self, source: &Source, needles: &[String]) -> Vec<usize> {
        let mut out = Vec::new();
        for needle in needles {
            let (Some(first), Some(last)) = (needle.chars().next(), needle.chars().last()) else {
                continue;
            };
            let mut from = 0;
            while let Some(found) = self
                .text
                .get(from..)
                .and_then(|rest| rest.find(needle.as_str()))
            {
                let start = from + found;
                let end = start + needle.len();
                from = start + first.len_utf8();
                let (Some(&s), Some(&e)) = (self.origin.get(start), self.origin.get(end - 1))
                else {
                    continue;
                };
                let before = s.checked_sub(1);
                let after = Some(e + 1);
                let whole = match self.mode {
                    Mode::Words => {
                        (!first.is_alphanumeric() || !source.is_word_char(before))
                            && (!last.is_alphanumeric() || !source.is_word_char(after))
                    }
                    Mode::Digits => !source.is_digit(before) && !source.is_digit(after),
                };
                if whole && !out.contains(&s) {
                    out.push(s);
                }
            }
        }
        out.sort_unstable();
        out
    }
}

enum Needles {
    Words(String),
    Numeric(Vec<String>),
    TooShort,
}

/// What to search for to find `value`.
fn needles(value: &str) -> Needles {
    let numeric = value
        .chars()
        .all(|c| c.is_ascii_digit() || is_phone_punctuation(c));
    if numeric {
        let digits: String = value.chars().filter(char::is_ascii_digit).collect();
        if digits.len() < MIN_VALUE_CHARS {
            return Needles::TooShort;
        }
        let mut list = vec![digits.clone()];
        if digits.len() == 11 && digits.starts_with('1') {
            // +1 415 555 0100 is also written (415) 555-0100.
            list.push(digits[1..].to_string());
        }
        return Needles::Numeric(list);
    }
    let folded = fold_str(value);
    if folded.chars().count() < MIN_VALUE_CHARS {
        Needles::TooShort
    } else {
        Needles::Words(folded)
    }
}

fn fold_str(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        fold(c, &mut |c| out.push(c));
    }
    out
}

/// Normalises one character for comparison (see the module documentation).
fn fold(c: char, push: &mut impl FnMut(char)) {
    if c.is_whitespace() || is_hyphen_like(c) || is_invisible(c) {
        return;
    }
    let spelled: &str = match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`'
        | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{FB05}' | '\u{FB06}' => "st",
        _ => {
            for l in c.to_lowercase() {
                push(l);
            }
            return;
        }
    };
    for c in spelled.chars() {
        push(c);
    }
}

fn is_hyphen_like(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{00AD}' | '\u{2010}'
            ..='\u{2015}' | '\u{2043}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}')
}

fn is_phone_punctuation(c: char) -> bool {
    c.is_whitespace()
        || is_hyphen_like(c)
        || is_invisible(c)
        || matches!(c, '(' | ')' | '.' | '+' | '/')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> CaseProfile {
        CaseProfile::from_json(
            r#"{"schema": 1, "court": {"name": "United States District Court"},
                "parties": [
                  {"id": "twitter", "name": "Twitter, Inc.", "role": "plaintiff", "kind": "organization"},
                  {"id": "op", "name": "the operator of @ALT_USCIS", "role": "interested-party",
                   "kind": "person",
                   "protected": {"true_name": "Jordan Avery Quill", "email": "jq@example.org",
                                 "phone": "+1 (415) 555-0100", "address": ["12 Elm St.", ""],
                                 "account_ids": ["ab", "7731-2290"]}}
                ]}"#,
            "test",
        )
        .unwrap()
    }

    fn lines(pages: &[&[&str]]) -> Vec<TextLine> {
        let mut out = Vec::new();
        for (p, page) in pages.iter().enumerate() {
            for (l, text) in page.iter().enumerate() {
                out.push(TextLine::new(p + 1, l + 1, *text));
            }
        }
        out
    }

    fn places(leaks: &[Leak]) -> Vec<(&str, usize, usize)> {
        leaks
            .iter()
            .map(|l| (l.field.as_str(), l.page, l.line))
            .collect()
    }

    #[test]
    fn finds_a_leak_in_different_case() {
        let text = lines(&[&["Caption", "signed by JORDAN avery quill today"]]);
        let leaks = protected_leaks(&text, &profile());
        assert_eq!(places(&leaks), [("parties[1].protected.true_name", 1, 2)]);
        assert_eq!(
            leaks[0].message,
            "the protected true name of the operator of @ALT_USCIS (parties[1].protected.true_name) appears on page 1, line 2"
        );
    }

    #[test]
    fn finds_a_leak_split_across_a_line_with_a_hyphen() {
        for hyphen in ["-", "\u{00AD}", "\u{2010}", "\u{2011}", "\u{2013}"] {
            let first = format!("the operator, Jordan Avery Qu{hyphen}");
            let text = lines(&[&["x", &first, "ill, wrote"]]);
            let leaks = protected_leaks(&text, &profile());
            assert_eq!(
                places(&leaks),
                [("parties[1].protected.true_name", 1, 2)],
                "hyphen {hyphen:?}"
            );
        }
    }

    #[test]
    fn finds_a_leak_split_across_a_page() {
        let text = lines(&[&["one", "as Jordan"], &["Avery Quill said"]]);
        let leaks = protected_leaks(&text, &profile());
        assert_eq!(places(&leaks), [("parties[1].protected.true_name", 1, 2)]);
    }

    #[test]
    fn no_false_positive_when_absent() {
        let text = lines(&[&[
            "Jordan Avery filed; Quill Corp. answered.",
            "Call (415) 555-0101 or write jq@example.com; 12 Elm Street Annex",
            "Jordan Avery Quillen is someone else. Ref 773122901.",
        ]]);
        let leaks = protected_leaks(&text, &profile());
        assert!(leaks.is_empty(), "{leaks:?}");
    }

    #[test]
    fn phone_email_address_and_account_ids() {
        let text = lines(&[&[
            "reach them at 415.555.0100 or",
            "JQ@Example.org; 12 Elm",
            "St. Account 7731 2290.",
        ]]);
        let leaks = protected_leaks(&text, &profile());
        assert_eq!(
            places(&leaks),
            [
                ("parties[1].protected.email", 1, 2),
                ("parties[1].protected.phone", 1, 1),
                ("parties[1].protected.address[0]", 1, 2),
                ("parties[1].protected.account_ids[1]", 1, 3),
            ]
        );
        for l in &leaks {
            for secret in ["555", "example", "Elm", "7731", "Quill"] {
                assert!(!l.message.contains(secret), "{}", l.message);
                assert!(!format!("{l:?}").contains(secret));
                assert!(!l.to_string().contains(secret));
            }
        }
    }

    #[test]
    fn short_values_are_ignored() {
        // account_ids[0] is "ab": too short to search for.
        let text = lines(&[&["ab ab ab"]]);
        assert!(protected_leaks(&text, &profile()).is_empty());
        assert!(matches!(needles("ab"), Needles::TooShort));
        assert!(matches!(needles(" a-b "), Needles::TooShort));
        assert!(matches!(needles("12"), Needles::TooShort));
        assert!(matches!(needles("abc"), Needles::Words(_)));
    }

    #[test]
    fn a_designation_that_contains_the_value_is_not_repeated() {
        let mut p = profile();
        p.parties[1].name = "Jordan Avery Quill".into();
        let text = lines(&[&["Jordan Avery Quill"]]);
        let leaks = protected_leaks(&text, &p);
        assert_eq!(leaks.len(), 1);
        assert!(!leaks[0].message.contains("Quill"), "{}", leaks[0].message);
        assert!(leaks[0].message.contains("the party at parties[1]"));
    }

    #[test]
    fn typography_is_forgiven() {
        let mut p = profile();
        p.parties[1].protected.as_mut().unwrap().true_name = Some("Finn O'Shea".into());
        let text = lines(&[&["by \u{FB01}nn O\u{2019}She-", "a,"]]);
        assert_eq!(
            places(&protected_leaks(&text, &p)),
            [("parties[1].protected.true_name", 1, 1)]
        );
    }

    #[test]
    fn reports_every_place_once() {
        let text = lines(&[
            &["Jordan Avery Quill and Jordan Avery Quill", "x"],
            &["jordan avery quill"],
        ]);
        let leaks = protected_leaks(&text, &profile());
        assert_eq!(
            places(&leaks),
            [
                ("parties[1].protected.true_name", 1, 1),
                ("parties[1].protected.true_name", 2, 1)
            ]
        );
    }

    #[test]
    fn empty_input() {
        assert!(protected_leaks(&[], &profile()).is_empty());
    }
}
