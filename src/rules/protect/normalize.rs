//! The comparison key of text: what is left of a character once everything a reader cannot
//! see or would read past is taken away.
//!
//! Every source character falls into one of three classes:
//!
//! - **ignorable**: a default-ignorable code point (Unicode property
//!   `Default_Ignorable_Code_Point`: zero-width characters, bidi controls U+202A–202E and
//!   U+2066–2069, the combining grapheme joiner U+034F, variation selectors, tags, Hangul
//!   fillers, musical-symbol format characters U+1D173–1D17A, …), any other format character
//!   (general category `Cf`: the interlinear annotation characters U+FFF9–FFFB, the soft
//!   hyphen, …) or a combining mark standing alone (`Mn`, `Me`). It produces nothing and is
//!   transparent: `Sm\u{200B}ith` reads as `Smith`.
//! - **word**: after compatibility normalization (NFKC), full case folding, canonical
//!   decomposition with the combining marks dropped (so `é`, `e\u{301}` and `e` compare
//!   equal) and the confusable skeleton of Unicode TR39 (so Cyrillic `а` compares equal to
//!   Latin `a`, `0` to `o`, `rn` to `m`, and `I`, `i`, `l` and `1` to each other),
//!   something alphanumeric is left: that is its key.
//! - **separator**: everything else (spaces, punctuation, hyphens, the blank braille
//!   pattern U+2800, symbols). It produces nothing, but marks a word boundary.
//!
//! A [`Projection`] of a text is the concatenation of its keys with, for every key byte,
//! the piece of the text it came from and whether a word boundary comes before it.

use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData};
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// How a source character counts for matching.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Class {
    Ignorable,
    Separator,
    Word,
}

fn is_ignorable(c: char) -> bool {
    if CodePointSetData::new::<DefaultIgnorableCodePoint>().contains(c) {
        return true;
    }
    matches!(
        CodePointMapData::<GeneralCategory>::new().get(c),
        GeneralCategory::Format | GeneralCategory::NonspacingMark | GeneralCategory::EnclosingMark
    )
}

/// Full case folding, as `lowercase(uppercase(c))`: `ß` folds to `ss`, final `ς` to `σ`,
/// the long `ſ` to `s`.
fn fold_case(s: &str, out: &mut String) {
    for c in s.chars() {
        for u in c.to_uppercase() {
            out.extend(u.to_lowercase());
        }
    }
}

/// Canonical decomposition without combining marks or ignorable characters, keeping only
/// letters and digits.
fn strip(s: &str, out: &mut String) {
    for c in s.nfd() {
        if c.is_alphanumeric() && !is_ignorable(c) {
            out.push(c);
        }
    }
}

/// The class and key of one character, computed the long way.
fn compute(c: char) -> (Class, String) {
    if is_ignorable(c) {
        return (Class::Ignorable, String::new());
    }
    let compat: String = std::iter::once(c).nfkc().collect();
    let mut folded = String::new();
    fold_case(&compat, &mut folded);
    let mut letters = String::new();
    strip(&folded, &mut letters);
    if letters.is_empty() {
        return (Class::Separator, String::new());
    }
    // The skeleton is taken before and after folding: capitals have prototypes of their
    // own (Cyrillic `М` is Latin `M`, whose small letter is then `rn`).
    let mut once = String::new();
    fold_case(
        &unicode_security::skeleton(&compat).collect::<String>(),
        &mut once,
    );
    let mut twice = String::new();
    fold_case(
        &unicode_security::skeleton(&once).collect::<String>(),
        &mut twice,
    );
    let mut key = String::new();
    strip(&twice, &mut key);
    if key.is_empty() {
        // A letter whose prototype is punctuation: keep the letter itself.
        key = letters;
    }
    // Case folding says `I` is `i`, the skeleton says `I` is `l`: one key for all three.
    (Class::Word, key.replace('i', "l"))
}

/// The class and key of ASCII characters, computed once.
fn ascii() -> &'static [(Class, String)] {
    static TABLE: OnceLock<Vec<(Class, String)>> = OnceLock::new();
    TABLE.get_or_init(|| (0u8..128).map(|b| compute(char::from(b))).collect())
}

/// Calls `f` with the class and key of `c`.
pub(crate) fn with_key<R>(c: char, f: impl FnOnce(Class, &str) -> R) -> R {
    if c.is_ascii() {
        let (class, key) = &ascii()[c as usize];
        f(*class, key)
    } else {
        thread_local! {
            static CACHE: std::cell::RefCell<std::collections::HashMap<char, (Class, String)>> =
                Default::default();
        }
        CACHE.with(|cache| {
            let mut cache = cache.borrow_mut();
            if cache.len() > 4096 {
                cache.clear();
            }
            let (class, key) = cache.entry(c).or_insert_with(|| compute(c));
            f(*class, key)
        })
    }
}

/// The key of a whole string (what a needle is compared as).
pub(crate) fn key(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        with_key(c, |_, k| out.push_str(k));
    }
    out
}

/// The key of a string as words: the keys of its runs of word characters.
pub(crate) fn key_words(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    for c in s.chars() {
        with_key(c, |class, k| match class {
            Class::Word => cur.push_str(k),
            Class::Separator => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            Class::Ignorable => {}
        });
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// A piece of output text and where it sits.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub(crate) struct Spot {
    /// 1-based page (0 when the output has no pages).
    pub page: usize,
    /// 1-based line (0 when the output has no lines).
    pub line: usize,
    /// A metadata key (`Subject`) or a column name, when that says more than a line.
    pub key: Option<String>,
}

/// The keys of a sequence of pieces of text, each piece followed by a word boundary.
pub(crate) struct Projection {
    pub text: String,
    /// For every byte of `text`, the index of the piece it came from.
    pub piece: Vec<u32>,
    /// For every byte of `text`, whether a word boundary (a separator, or the start of a
    /// piece) comes right before it.
    pub boundary: Vec<bool>,
    /// For every byte of `text`: the char index in its piece of the source character.
    pub source: Vec<u32>,
}

impl Projection {
    pub fn new<'a>(pieces: impl IntoIterator<Item = &'a str>) -> Projection {
        let mut p = Projection {
            text: String::new(),
            piece: Vec::new(),
            boundary: Vec::new(),
            source: Vec::new(),
        };
        for (pi, text) in pieces.into_iter().enumerate() {
            let mut pending = true;
            for (ci, c) in text.chars().enumerate() {
                with_key(c, |class, k| match class {
                    Class::Separator => pending = true,
                    Class::Ignorable => {}
                    Class::Word => {
                        for (i, b) in k.bytes().enumerate() {
                            let _ = b;
                            p.piece.push(pi as u32);
                            p.boundary.push(pending && i == 0);
                            p.source.push(ci as u32);
                        }
                        p.text.push_str(k);
                        pending = false;
                    }
                });
            }
        }
        p
    }

    /// Whether a word boundary comes before byte `at` (the end of the text is one).
    pub fn boundary_at(&self, at: usize) -> bool {
        self.boundary.get(at).copied().unwrap_or(true)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        for c in [
            '\u{200B}',
            '\u{202A}',
            '\u{202E}',
            '\u{2066}',
            '\u{2069}',
            '\u{034F}',
            '\u{FFF9}',
            '\u{FFFB}',
            '\u{1D173}',
            '\u{1D17A}',
            '\u{00AD}',
            '\u{FE0F}',
            '\u{E0041}',
            '\u{0301}',
        ] {
            assert_eq!(with_key(c, |class, _| class), Class::Ignorable, "{c:?}");
        }
        for c in [' ', '-', '\u{2800}', '.', '\'', '\u{2019}', '\n', '\\'] {
            assert_eq!(with_key(c, |class, _| class), Class::Separator, "{c:?}");
        }
    }

    #[test]
    fn keys_fold_case_accents_compatibility_and_confusables() {
        assert_eq!(key("Müller"), key("MULLER"));
        assert_eq!(key("Mu\u{308}ller"), key("muller"));
        assert_eq!(key("Stra\u{DF}e"), key("STRASSE"));
        assert_eq!(key("\u{FB01}nn"), key("Finn"));
        assert_eq!(key("Qu\u{0456}ll"), key("Quill")); // Cyrillic і
        assert_eq!(key("M\u{0430}ra"), key("Mara")); // Cyrillic а
        assert_eq!(key("\u{041C}ara"), key("mara")); // Cyrillic М
        assert_eq!(key("\u{0395}ste\u{1D22}"), key("estez")); // Greek Ε, small capital z
        assert_eq!(key("\u{FF2D}ara"), key("Mara")); // fullwidth M
        assert_eq!(key("Ma\u{200D}ra"), key("Mara"));
        assert_ne!(key("Mara"), key("Mora"));
    }

    #[test]
    fn projection_marks_boundaries() {
        let p = Projection::new(["Smith-field", "x"]);
        assert_eq!(p.text, key("smithfieldx"));
        let at = key("smith").len();
        assert!(p.boundary_at(0) && p.boundary_at(at));
        assert!(!p.boundary_at(1));
        let q = Projection::new(["Smith\u{200B}field"]);
        assert!(!q.boundary_at(at));
    }
}
