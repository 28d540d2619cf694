//! What to look for: the written forms of each protected value.
//!
//! A true name is split into a given name, middle names, a family name (with its particles:
//! `de la Cruz`, `van der Berg`) and a suffix (`Jr.`, `III`); a value written "Family,
//! Given" is read that way round. From those parts come the forms of
//! [`MatchForm`](crate::profile::MatchForm). Punctuation and spacing never matter to the
//! matcher (see [`normalize`](super::normalize)), so "Jr" and "Jr.", "J.D. Doe" and
//! "J D Doe", "Doe, Jane" and "Doe Jane" are each one needle.

use super::normalize::{key, key_words};
use crate::profile::{MatchForm, ProtectedIdentity};

/// Needles shorter than this many key characters are not searched for: they would match
/// everywhere and identify no one.
pub const MIN_KEY_CHARS: usize = 3;

/// Length of the runs of an account identifier that are refused on their own.
pub const ID_RUN: usize = 6;

/// What a needle is, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Form {
    /// The value as stored.
    Whole,
    /// The value without its leading country code (+1).
    NationalNumber,
    /// The family name alone.
    Surname,
    /// One part of a family name of several words.
    SurnamePart,
    /// A given or middle name alone.
    GivenName,
    /// Given and family name, the middle names left out or as initials.
    GivenFamily,
    /// Family name first ("Doe, John").
    Reversed,
    /// Initials with a name.
    Initials,
    /// An address's street line.
    StreetLine,
    /// Part of an identifier.
    PartialIdentifier,
}

impl Form {
    /// " as the surname alone", inserted in a message after the field; empty for the whole
    /// value.
    pub fn describe(self) -> &'static str {
        match self {
            Form::Whole | Form::NationalNumber => "",
            Form::Surname => ", as the family name alone,",
            Form::SurnamePart => ", as one part of the family name,",
            Form::GivenName => ", as a given or middle name alone,",
            Form::GivenFamily => ", as given and family name,",
            Form::Reversed => ", family name first,",
            Form::Initials => ", as initials with a name,",
            Form::StreetLine => ", as the street line,",
            Form::PartialIdentifier => ", as part of the identifier,",
        }
    }
}

/// One string to look for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Needle {
    /// The comparison key (never shown).
    pub key: String,
    /// Which form of the protected value this is, for messages.
    pub form: Form,
    /// Found anywhere, not only between word boundaries (runs of an identifier).
    pub anywhere: bool,
}

const SUFFIXES: &[&str] = &[
    "jr", "sr", "ii", "iii", "iv", "esq", "phd", "md", "jd", "dds", "cpa",
];
const PARTICLES: &[&str] = &[
    "de", "del", "della", "der", "den", "di", "da", "dos", "das", "do", "du", "la", "le", "van",
    "von", "ter", "ten", "bin", "binti", "ibn", "al", "el", "st", "ben", "bat", "mac", "zu",
];
const UNIT_WORDS: &[&str] = &[
    "apt",
    "apartment",
    "unit",
    "suite",
    "ste",
    "room",
    "rm",
    "floor",
    "fl",
    "bldg",
    "building",
    "no",
    "number",
    "lot",
    "space",
    "box",
];
/// Street types and their usual abbreviations (USPS Publication 28, the common ones).
const STREET_TYPES: &[(&str, &str)] = &[
    ("street", "st"),
    ("avenue", "ave"),
    ("road", "rd"),
    ("boulevard", "blvd"),
    ("drive", "dr"),
    ("lane", "ln"),
    ("court", "ct"),
    ("place", "pl"),
    ("terrace", "ter"),
    ("highway", "hwy"),
    ("parkway", "pkwy"),
    ("circle", "cir"),
    ("square", "sq"),
    ("way", "wy"),
    ("trail", "trl"),
    ("hollow", "holw"),
];

/// The parts of a personal name.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct NameParts {
    /// The first given name, if any.
    pub given: Option<String>,
    /// Any further given (middle) names.
    pub middle: Vec<String>,
    /// The family name's words, particles included (`de`, `la`, `Cruz`); a hyphenated name
    /// is one word here.
    pub family: Vec<String>,
}

fn word_key(w: &str) -> String {
    key(w)
}

fn is_suffix(w: &str) -> bool {
    let k = word_key(w);
    SUFFIXES.iter().any(|s| key(s) == k)
}

fn is_particle(w: &str) -> bool {
    let k = word_key(w);
    PARTICLES.iter().any(|s| key(s) == k)
}

/// Splits a name into its parts (see the module documentation).
pub fn name_parts(value: &str) -> NameParts {
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == ',')
            .map(|w| w.trim_matches(|c: char| c == '.' || c == ';'))
            .filter(|w| !w.is_empty() && !key(w).is_empty())
            .map(str::to_string)
            .collect()
    };
    // "Quill-Esterhazy, Mara" (a comma not followed only by a suffix).
    let (given_part, family_part) = match value.split_once(',') {
        Some((before, after)) if !words(after).iter().all(|w| is_suffix(w)) => {
            (after.to_string(), Some(before.to_string()))
        }
        _ => (value.to_string(), None),
    };
    let mut tokens: Vec<String> = words(&given_part)
        .into_iter()
        .filter(|w| !is_suffix(w))
        .collect();
    let family: Vec<String> = match family_part {
        Some(f) => words(&f).into_iter().filter(|w| !is_suffix(w)).collect(),
        None => {
            let Some(last) = tokens.pop() else {
                return NameParts::default();
            };
            let mut fam = vec![last];
            // Particles before the last word belong to the family name, never the given one.
            while tokens.len() > 1 && tokens.last().is_some_and(|w| is_particle(w)) {
                fam.insert(0, tokens.pop().unwrap_or_default());
            }
            fam
        }
    };
    let given = if tokens.is_empty() {
        None
    } else {
        Some(tokens.remove(0))
    };
    NameParts {
        given,
        middle: tokens,
        family,
    }
}

/// Adds a needle for `text` if its key is long enough and new.
fn push(out: &mut Vec<Needle>, text: &str, form: Form, anywhere: bool) {
    let key = key(text);
    if key.chars().count() < MIN_KEY_CHARS || out.iter().any(|n| n.key == key) {
        return;
    }
    out.push(Needle {
        key,
        form,
        anywhere,
    });
}

fn initial(w: &str) -> String {
    w.chars()
        .find(|c| c.is_alphanumeric())
        .map_or(String::new(), |c| c.to_string())
}

/// Needles for a true name.
pub fn name_needles(value: &str, id: &ProtectedIdentity, out: &mut Vec<Needle>) {
    push(out, value, Form::Whole, false);
    let parts = name_parts(value);
    if parts.family.is_empty() {
        return;
    }
    let family = parts.family.join(" ");
    // The family name without particles, and each part of a compound one.
    let core: Vec<&String> = parts.family.iter().filter(|w| !is_particle(w)).collect();
    let pieces: Vec<String> = core.iter().flat_map(|w| key_words(w)).collect::<Vec<_>>();
    let mut families = vec![family.clone()];
    let core_joined = core
        .iter()
        .map(|s| s.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if !core_joined.is_empty() && core_joined != family {
        families.push(core_joined);
    }
    if pieces.len() > 1 {
        families.extend(pieces.iter().cloned());
    }
    if id.wants(MatchForm::Surname) {
        push(out, &family, Form::Surname, false);
        for f in &families[1..] {
            push(out, f, Form::SurnamePart, false);
        }
    }
    let given = parts.given.clone().unwrap_or_default();
    if id.wants(MatchForm::GivenNames) {
        for g in parts.given.iter().chain(&parts.middle) {
            push(out, g, Form::GivenName, false);
        }
    }
    if given.is_empty() {
        return;
    }
    let middles = parts.middle.join(" ");
    let middle_initials: String = parts.middle.iter().map(|m| initial(m)).collect();
    for f in &families {
        if id.wants(MatchForm::GivenFamily) {
            push(out, &format!("{given} {f}"), Form::GivenFamily, false);
            if !middle_initials.is_empty() {
                push(
                    out,
                    &format!("{given} {middle_initials} {f}"),
                    Form::GivenFamily,
                    false,
                );
            }
        }
        if id.wants(MatchForm::Reversed) {
            push(out, &format!("{f} {given}"), Form::Reversed, false);
            if !middles.is_empty() {
                push(
                    out,
                    &format!("{f} {given} {middles}"),
                    Form::Reversed,
                    false,
                );
                push(
                    out,
                    &format!("{f} {given} {middle_initials}"),
                    Form::Reversed,
                    false,
                );
            }
        }
        if id.wants(MatchForm::Initials) {
            let g = initial(&given);
            push(out, &format!("{g} {f}"), Form::Initials, false);
            if !middle_initials.is_empty() {
                push(
                    out,
                    &format!("{g} {middle_initials} {f}"),
                    Form::Initials,
                    false,
                );
            }
            push(
                out,
                &format!("{given} {}", initial(f)),
                Form::Initials,
                false,
            );
            push(out, &format!("{f} {g}"), Form::Initials, false);
        }
    }
}

/// Needles for one address line.
pub fn address_needles(value: &str, id: &ProtectedIdentity, out: &mut Vec<Needle>) {
    push(out, value, Form::Whole, false);
    if !id.wants(MatchForm::StreetLine) {
        return;
    }
    // The street line: up to the first comma, without a unit designator and what follows.
    let first = value.split(',').next().unwrap_or_default();
    let mut words: Vec<&str> = Vec::new();
    for w in first.split_whitespace() {
        let k = key(w);
        if w.starts_with('#') || UNIT_WORDS.iter().any(|u| key(u) == k) && !words.is_empty() {
            break;
        }
        words.push(w);
    }
    // Only a line that starts with a house number is a street line.
    if words.len() < 2 || !words[0].chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return;
    }
    let street = words.join(" ");
    push(out, &street, Form::StreetLine, false);
    let last = key(words[words.len() - 1]);
    if let Some((long, short)) = STREET_TYPES
        .iter()
        .find(|(l, s)| key(l) == last || key(s) == last)
    {
        let stem = words[..words.len() - 1].join(" ");
        push(out, &format!("{stem} {long}"), Form::StreetLine, false);
        push(out, &format!("{stem} {short}"), Form::StreetLine, false);
        if words.len() > 2 {
            push(out, &stem, Form::StreetLine, false);
        }
    }
}

/// Needles for a phone number: as stored, and without a leading North American `1`.
pub fn phone_needles(value: &str, out: &mut Vec<Needle>) {
    push(out, value, Form::Whole, false);
    let digits: String = value.chars().filter(char::is_ascii_digit).collect();
    if digits.len() == 11 && digits.starts_with('1') {
        push(out, &digits[1..], Form::NationalNumber, false);
    }
}

/// Needles for an account identifier: as stored, and every run of [`ID_RUN`] of its key
/// characters that holds a digit, found anywhere.
pub fn identifier_needles(value: &str, id: &ProtectedIdentity, out: &mut Vec<Needle>) {
    push(out, value, Form::Whole, false);
    if !id.wants(MatchForm::PartialIdentifier) {
        return;
    }
    // Key characters, each with whether it came from a digit.
    let k: Vec<(char, bool)> = value
        .chars()
        .flat_map(|c| {
            key(&c.to_string())
                .chars()
                .map(|k| (k, c.is_numeric()))
                .collect::<Vec<_>>()
        })
        .collect();
    if k.len() <= ID_RUN {
        return;
    }
    // A run of letters only is a word ("handle", "commen"), not the identifying part.
    for w in k.windows(ID_RUN).filter(|w| w.iter().any(|(_, d)| *d)) {
        let run: String = w.iter().map(|(c, _)| c).collect();
        if !out.iter().any(|n| n.key == run) {
            out.push(Needle {
                key: run,
                form: Form::PartialIdentifier,
                anywhere: true,
            });
        }
    }
}

/// Every needle of a protected identity, by field name (`true_name`, `address[0]`).
pub fn needles(id: &ProtectedIdentity) -> Vec<(String, Vec<Needle>)> {
    let mut out = Vec::new();
    for (field, value) in id.values() {
        let mut list = Vec::new();
        if field == "true_name" {
            name_needles(value, id, &mut list);
        } else if field.starts_with("address") {
            address_needles(value, id, &mut list);
        } else if field == "phone" {
            phone_needles(value, &mut list);
        } else if field.starts_with("account_ids") {
            identifier_needles(value, id, &mut list);
        } else {
            push(&mut list, value, Form::Whole, false);
        }
        if !list.is_empty() {
            out.push((field, list));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(s: &str) -> (Option<&str>, Vec<String>, Vec<String>) {
        let p = name_parts(s);
        let given = p.given.map(|g| Box::leak(g.into_boxed_str()) as &str);
        (given, p.middle, p.family)
    }

    #[test]
    fn splits_names() {
        assert_eq!(
            parts("Jordan Avery Quill Jr."),
            (Some("Jordan"), vec!["Avery".into()], vec!["Quill".into()])
        );
        assert_eq!(
            parts("Quill-Esterhazy, Mara"),
            (Some("Mara"), vec![], vec!["Quill-Esterhazy".into()])
        );
        assert_eq!(
            parts("Maria de la Cruz"),
            (
                Some("Maria"),
                vec![],
                vec!["de".into(), "la".into(), "Cruz".into()]
            )
        );
        assert_eq!(
            parts("John Smith, III"),
            (Some("John"), vec![], vec!["Smith".into()])
        );
        assert_eq!(parts("Cher"), (None, vec![], vec!["Cher".into()]));
    }

    fn keys(list: &[Needle]) -> Vec<&str> {
        list.iter().map(|n| n.key.as_str()).collect()
    }

    #[test]
    fn name_forms() {
        let id = ProtectedIdentity::default();
        let mut list = Vec::new();
        name_needles("Mara Quill-Esterhazy", &id, &mut list);
        for form in [
            "Quill",
            "Esterhazy",
            "Quill-Esterhazy",
            "Mara",
            "Esterhazy, Mara",
            "M. Esterhazy",
            "Mara Q.",
            "Mara Quill",
        ] {
            assert!(keys(&list).contains(&key(form).as_str()), "{form}");
        }
        let none = ProtectedIdentity {
            forms: Some(vec![]),
            ..Default::default()
        };
        let mut only = Vec::new();
        name_needles("Mara Quill-Esterhazy", &none, &mut only);
        assert_eq!(keys(&only), [key("Mara Quill-Esterhazy")]);
    }

    #[test]
    fn short_tokens_are_not_needles() {
        let mut list = Vec::new();
        name_needles("Al Li", &ProtectedIdentity::default(), &mut list);
        assert!(list.iter().all(|n| n.key.chars().count() >= MIN_KEY_CHARS));
        assert!(!keys(&list).contains(&key("al").as_str()));
    }

    #[test]
    fn street_lines() {
        let mut list = Vec::new();
        address_needles(
            "88 Fennimore Hollow Lane, Unit 3",
            &ProtectedIdentity::default(),
            &mut list,
        );
        for form in [
            "88 Fennimore Hollow Lane",
            "88 Fennimore Hollow Ln",
            "88 Fennimore Hollow",
        ] {
            assert!(keys(&list).contains(&key(form).as_str()), "{form}");
        }
        let mut apt = Vec::new();
        address_needles("12 Elm St Apt 4", &ProtectedIdentity::default(), &mut apt);
        assert!(keys(&apt).contains(&key("12 Elm Street").as_str()));
    }

    #[test]
    fn identifier_runs() {
        let mut list = Vec::new();
        identifier_needles("7731-2290", &ProtectedIdentity::default(), &mut list);
        assert_eq!(
            keys(&list)[1..],
            [key("773122"), key("731229"), key("312290")]
        );
    }
}
