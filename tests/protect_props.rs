//! Property tests of the protected-value matcher: any insertion of invisible or format
//! characters, any accent added, any look-alike letter substituted, anywhere in a
//! protected value, is still refused; and a message holding such a variant is masked.

use drafter::profile::CaseProfile;
use drafter::rules::protect::{redact, Guard, Output};
use drafter::rules::{protected_leaks, TextLine};
use icu_properties::props::{DefaultIgnorableCodePoint, GeneralCategory};
use icu_properties::{CodePointMapData, CodePointSetData};
use proptest::prelude::*;
use std::sync::OnceLock;

const NAME: &str = "Mara Quill-Esterhazy";

fn profile() -> CaseProfile {
    let mut p = drafter::examples::profile("alt-uscis").unwrap();
    let i = p
        .parties
        .iter()
        .position(|x| x.protected.is_some())
        .unwrap();
    // Only the whole value: every change below must be seen through, not caught by a
    // shorter form.
    p.parties[i].protected.as_mut().unwrap().forms = Some(vec![]);
    p
}

/// Every default-ignorable or format code point (from the Unicode properties, not a list
/// kept by hand).
fn invisible() -> &'static [char] {
    static ALL: OnceLock<Vec<char>> = OnceLock::new();
    ALL.get_or_init(|| {
        let di = CodePointSetData::new::<DefaultIgnorableCodePoint>();
        let gc = CodePointMapData::<GeneralCategory>::new();
        (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| di.contains(c) || gc.get(c) == GeneralCategory::Format)
            .collect()
    })
}

/// Latin letters and look-alikes from other scripts (Unicode confusables).
const LOOKALIKES: &[(char, &[char])] = &[
    ('a', &['\u{0430}', '\u{FF41}']),
    ('e', &['\u{0435}', '\u{FF45}']),
    ('i', &['\u{0456}', '\u{0131}', '1', 'l']),
    ('l', &['1', 'I', '\u{04CF}']),
    ('r', &['\u{0433}']),
    ('s', &['\u{0455}']),
    ('t', &['\u{FF54}']),
    ('h', &['\u{04BB}']),
    ('y', &['\u{0443}']),
    ('M', &['\u{041C}', '\u{039C}']),
    ('Q', &['\u{051A}']),
    ('E', &['\u{0415}', '\u{0395}']),
];

fn line(text: &str) -> Vec<TextLine> {
    vec![TextLine::new(1, 1, format!("Counsel for {text} appear."))]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn invisible_characters_anywhere_are_seen_through(
        picks in proptest::collection::vec((0usize..NAME.len(), any::<prop::sample::Index>()), 1..8)
    ) {
        let chars: Vec<char> = NAME.chars().collect();
        let mut inserted: Vec<Vec<char>> = vec![Vec::new(); chars.len() + 1];
        for (pos, pick) in &picks {
            inserted[pos % (chars.len() + 1)].push(*pick.get(invisible()));
        }
        let mut text = String::new();
        for (i, slot) in inserted.iter().enumerate() {
            text.extend(slot);
            if let Some(c) = chars.get(i) {
                text.push(*c);
            }
        }
        let p = profile();
        let leaks = protected_leaks(&line(&text), &p);
        prop_assert_eq!(leaks.len(), 1, "{:?}", text);
        let masked = redact(&format!("found `{text}`"), &p);
        prop_assert!(Guard::new(&p).check_bytes(Output::Message, masked.as_bytes()).is_empty(), "{}", masked);
    }

    #[test]
    fn accents_added_anywhere_are_seen_through(
        marks in proptest::collection::vec(proptest::option::of(0x300u32..0x370), NAME.chars().count())
    ) {
        let mut text = String::new();
        for (c, m) in NAME.chars().zip(&marks) {
            text.push(c);
            if let Some(m) = m.and_then(char::from_u32) {
                if c.is_alphabetic() {
                    text.push(m);
                }
            }
        }
        let nfc: String = unicode_normalization::UnicodeNormalization::nfc(text.chars()).collect();
        for t in [&text, &nfc] {
            prop_assert_eq!(protected_leaks(&line(t), &profile()).len(), 1, "{:?}", t);
        }
    }

    #[test]
    fn a_value_stored_with_accents_matches_text_without(
        marks in proptest::collection::vec(proptest::option::of(0x300u32..0x370), NAME.chars().count())
    ) {
        let mut stored = String::new();
        for (c, m) in NAME.chars().zip(&marks) {
            stored.push(c);
            if let Some(m) = m.and_then(char::from_u32) {
                if c.is_alphabetic() {
                    stored.push(m);
                }
            }
        }
        let mut p = profile();
        let i = p.parties.iter().position(|x| x.protected.is_some()).unwrap();
        p.parties[i].protected.as_mut().unwrap().true_name = Some(stored.clone());
        prop_assert_eq!(protected_leaks(&line(NAME), &p).len(), 1, "{:?}", stored);
    }

    #[test]
    fn look_alike_letters_are_seen_through(
        subs in proptest::collection::vec(any::<prop::sample::Index>(), NAME.chars().count()),
        on in proptest::collection::vec(any::<bool>(), NAME.chars().count()),
    ) {
        let text: String = NAME
            .chars()
            .zip(subs.iter().zip(&on))
            .map(|(c, (pick, on))| match LOOKALIKES.iter().find(|(l, _)| *l == c) {
                Some((_, alts)) if *on => *pick.get(alts),
                _ => c,
            })
            .collect();
        prop_assert_eq!(protected_leaks(&line(&text), &profile()).len(), 1, "{:?}", text);
    }
}

#[test]
fn the_invisible_set_is_the_unicode_one() {
    // The bidi controls, U+034F, the interlinear annotation characters and the musical
    // format characters named in the issue are all in it; U+2800 reads as a space.
    for c in [
        '\u{202A}',
        '\u{202E}',
        '\u{2066}',
        '\u{2069}',
        '\u{034F}',
        '\u{FFF9}',
        '\u{FFFB}',
        '\u{1D173}',
        '\u{1D17A}',
    ] {
        assert!(invisible().contains(&c), "{c:?}");
    }
    assert!(invisible().len() > 4000, "{}", invisible().len());
    let spaced = NAME.replace(' ', "\u{2800}");
    assert_eq!(protected_leaks(&line(&spaced), &profile()).len(), 1);
}
