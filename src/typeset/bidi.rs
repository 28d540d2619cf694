//! Right-to-left text in the order it is drawn. The layout keeps every line in logical
//! (reading) order, so the checks that read the laid-out text (the protected-identity
//! guard, the Rule 5.2 scan, text extraction) see names as they were typed. Only the two
//! drawers, the PDF writer and the SVG preview, ask [`visual_items`] for the page: there, a
//! run of Hebrew or Arabic inside a line is reversed into visual order by the Unicode
//! Bidirectional Algorithm (the filings' base direction is left to right), brackets are
//! mirrored, and Arabic letters take their joined forms (initial, medial, final, isolated,
//! and the lam-alef ligatures) from the font's presentation forms.

use super::fonts;
use super::page::{Item, Page, TextRun};
use std::borrow::Cow;
use unicode_bidi::{BidiInfo, Level};

/// Whether `ch` belongs to a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko,
/// Samaritan, Mandaic, their presentation forms, and the historic RTL scripts).
pub fn is_rtl(ch: char) -> bool {
    matches!(ch,
        '\u{0590}'..='\u{08FF}'
        | '\u{FB1D}'..='\u{FDFF}'
        | '\u{FE70}'..='\u{FEFF}'
        | '\u{10800}'..='\u{10FFF}'
        | '\u{1E800}'..='\u{1EFFF}')
        && ch != '\u{FEFF}'
}

/// The page's items with every line that holds right-to-left text in visual order; the
/// page itself when it has none (the common case costs one scan of the text).
pub fn visual_items(page: &Page) -> Cow<'_, [Item]> {
    let has_rtl = page.items.iter().any(|i| match i {
        Item::Text(t) => t.text.chars().any(is_rtl),
        Item::Rule(_) => false,
    });
    if !has_rtl {
        return Cow::Borrowed(&page.items);
    }
    // Segments: runs that continue one another on one baseline (a justified line, a line
    // with a change of face). A gap (a paragraph number and its text, the two halves of a
    // caption) starts a new segment; segments are never reordered against each other.
    let mut segments: Vec<Vec<usize>> = Vec::new();
    for (i, item) in page.items.iter().enumerate() {
        let Item::Text(t) = item else { continue };
        let continues = segments.last().is_some_and(|seg| {
            let Item::Text(prev) = &page.items[*seg.last().expect("segments are not empty")] else {
                return false;
            };
            (prev.y - t.y).abs() < 0.01 && (prev.end() - t.x).abs() < 0.5
        });
        match segments.last_mut() {
            Some(seg) if continues => seg.push(i),
            _ => segments.push(vec![i]),
        }
    }
    let mut replaced: Vec<Option<Vec<TextRun>>> = vec![None; page.items.len()];
    let mut skip = vec![false; page.items.len()];
    for seg in &segments {
        let runs: Vec<&TextRun> = seg
            .iter()
            .filter_map(|&i| match &page.items[i] {
                Item::Text(t) => Some(t),
                Item::Rule(_) => None,
            })
            .collect();
        if !runs.iter().any(|r| r.text.chars().any(is_rtl)) {
            continue;
        }
        replaced[seg[0]] = Some(reorder(&runs));
        for &i in &seg[1..] {
            skip[i] = true;
        }
    }
    let mut out = Vec::with_capacity(page.items.len() + 8);
    for (i, item) in page.items.iter().enumerate() {
        if skip[i] {
            continue;
        }
        match replaced[i].take() {
            Some(runs) => out.extend(runs.into_iter().map(Item::Text)),
            None => out.push(item.clone()),
        }
    }
    Cow::Owned(out)
}

/// One character with the style of the run it came from.
#[derive(Clone, Copy)]
struct Styled {
    ch: char,
    run: usize,
}

/// The runs of one segment, rebuilt in visual order over the same width.
fn reorder(runs: &[&TextRun]) -> Vec<TextRun> {
    let start = runs[0].x;
    let width = runs[runs.len() - 1].end() - start;
    let mut text = String::new();
    let mut styled: Vec<(usize, Styled)> = Vec::new(); // (byte offset, character)
    for (ri, r) in runs.iter().enumerate() {
        for ch in r.text.chars() {
            styled.push((text.len(), Styled { ch, run: ri }));
            text.push(ch);
        }
    }
    let bidi = BidiInfo::new(&text, Some(Level::ltr()));
    let mut visual: Vec<Styled> = Vec::with_capacity(styled.len());
    for para in &bidi.paragraphs {
        let (levels, level_runs) = bidi.visual_runs(para, para.range.clone());
        for range in level_runs {
            let chars: Vec<Styled> = styled
                .iter()
                .filter(|(at, _)| range.contains(at))
                .map(|(_, s)| *s)
                .collect();
            if levels[range.start].is_rtl() {
                let shaped = shape_arabic(&chars, runs);
                visual.extend(shaped.into_iter().rev().map(|s| Styled {
                    ch: mirror(s.ch),
                    ..s
                }));
            } else {
                visual.extend(chars);
            }
        }
    }
    // The same width as before: shaping changes advances, so what it gained or lost is
    // spread over the spaces of a justified line.
    let advance = |s: &Styled| fonts::char_width(runs[s.run].face, s.ch, runs[s.run].size);
    let natural: f32 = visual
        .iter()
        .map(|s| {
            advance(s)
                + if s.ch == ' ' {
                    runs[s.run].word_spacing
                } else {
                    0.0
                }
        })
        .sum();
    let spaces = visual.iter().filter(|s| s.ch == ' ').count();
    let justified = runs.iter().any(|r| r.word_spacing.abs() > 0.001);
    let extra = if justified && spaces > 0 {
        (width - natural) / spaces as f32
    } else {
        0.0
    };
    let mut out: Vec<TextRun> = Vec::new();
    let mut x = start;
    for s in &visual {
        let r = runs[s.run];
        let ws = if justified {
            r.word_spacing + extra
        } else {
            r.word_spacing
        };
        match out.last_mut() {
            Some(last)
                if last.face == r.face
                    && last.size == r.size
                    && last.artifact == r.artifact
                    && (last.word_spacing - ws).abs() < 0.001 =>
            {
                last.text.push(s.ch)
            }
            _ => out.push(TextRun {
                x,
                y: r.y,
                face: r.face,
                size: r.size,
                text: s.ch.to_string(),
                word_spacing: ws,
                artifact: r.artifact,
            }),
        }
        x += advance(s) + if s.ch == ' ' { ws } else { 0.0 };
    }
    out
}

/// Brackets and the like face the other way in right-to-left text.
fn mirror(ch: char) -> char {
    match ch {
        '(' => ')',
        ')' => '(',
        '[' => ']',
        ']' => '[',
        '{' => '}',
        '}' => '{',
        '<' => '>',
        '>' => '<',
        '«' => '»',
        '»' => '«',
        '‹' => '›',
        '›' => '‹',
        c => c,
    }
}

/// How an Arabic letter joins its neighbours.
#[derive(Clone, Copy, PartialEq)]
enum Joining {
    /// Joins on both sides (beh, seen, lam, …): four forms.
    Dual,
    /// Joins only to the letter before it (alef, dal, reh, waw, …): two forms.
    Right,
    /// Hamza: one form, joins nothing.
    None,
    /// Tatweel: joins both sides, has no forms of its own.
    Causing,
    /// Vowel marks: ignored for joining.
    Transparent,
    /// Anything else breaks the joining.
    Breaks,
}

fn joining(ch: char) -> Joining {
    match ch {
        '\u{0621}' => Joining::None,
        '\u{0622}'..='\u{0625}'
        | '\u{0627}'
        | '\u{0629}'
        | '\u{062F}'..='\u{0632}'
        | '\u{0648}'
        | '\u{0649}' => Joining::Right,
        '\u{0626}' | '\u{0628}' | '\u{062A}'..='\u{062E}' | '\u{0633}'..='\u{063A}' => {
            Joining::Dual
        }
        '\u{0641}'..='\u{0647}' | '\u{064A}' => Joining::Dual,
        // Persian and Urdu: peh, tcheh, keheh, gaf, farsi yeh; jeh joins one way.
        '\u{067E}' | '\u{0686}' | '\u{06A9}' | '\u{06AF}' | '\u{06CC}' => Joining::Dual,
        '\u{0698}' => Joining::Right,
        '\u{0640}' => Joining::Causing,
        '\u{064B}'..='\u{065F}' | '\u{0670}' => Joining::Transparent,
        _ => Joining::Breaks,
    }
}

/// The first of a letter's presentation forms (isolated, then final, initial, medial: as
/// many as its joining type has). Arabic Presentation Forms-B lists the letters
/// U+0621..U+064A in order, each with its forms, from U+FE80.
fn first_form(ch: char) -> Option<u32> {
    // The Persian letters' forms are in Presentation Forms-A.
    match ch {
        '\u{067E}' => return Some(0xFB56),
        '\u{0686}' => return Some(0xFB7A),
        '\u{0698}' => return Some(0xFB8A),
        '\u{06A9}' => return Some(0xFB8E),
        '\u{06AF}' => return Some(0xFB92),
        '\u{06CC}' => return Some(0xFBFC),
        _ => {}
    }
    let mut code = 0xFE80u32;
    for letter in '\u{0621}'..='\u{064A}' {
        let forms = match joining(letter) {
            Joining::None => 1,
            Joining::Right => 2,
            Joining::Dual => 4,
            _ => 0,
        };
        if letter == ch {
            return (forms > 0).then_some(code);
        }
        code += forms;
    }
    None
}

/// Arabic letters in their joined forms (the text is in logical order). A form the run's
/// face cannot draw is left as the letter itself.
fn shape_arabic(chars: &[Styled], runs: &[&TextRun]) -> Vec<Styled> {
    if !chars.iter().any(|s| first_form(s.ch).is_some()) {
        return chars.to_vec();
    }
    let kinds: Vec<Joining> = chars.iter().map(|s| joining(s.ch)).collect();
    // The nearest non-transparent neighbour on each side.
    let neighbour = |i: usize, step: isize| -> Joining {
        let mut j = i as isize + step;
        while j >= 0 && (j as usize) < kinds.len() {
            if kinds[j as usize] != Joining::Transparent {
                return kinds[j as usize];
            }
            j += step;
        }
        Joining::Breaks
    };
    let mut out: Vec<Styled> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let s = chars[i];
        let kind = kinds[i];
        let joins_before = matches!(neighbour(i, -1), Joining::Dual | Joining::Causing)
            && matches!(kind, Joining::Dual | Joining::Right);
        // Lam followed by an alef: one ligature glyph.
        if s.ch == '\u{0644}' {
            if let Some(next) = chars.get(i + 1) {
                let lig = match next.ch {
                    '\u{0622}' => Some(0xFEF5u32),
                    '\u{0623}' => Some(0xFEF7),
                    '\u{0625}' => Some(0xFEF9),
                    '\u{0627}' => Some(0xFEFB),
                    _ => None,
                };
                if let Some(base) = lig {
                    let form = char::from_u32(base + u32::from(joins_before))
                        .expect("lam-alef forms are characters");
                    out.push(drawable(s, form, runs));
                    i += 2;
                    continue;
                }
            }
        }
        let joins_after = matches!(kind, Joining::Dual | Joining::Causing)
            && matches!(
                neighbour(i, 1),
                Joining::Dual | Joining::Right | Joining::Causing
            );
        let shaped = first_form(s.ch).and_then(|first| {
            let offset = match (kind, joins_before, joins_after) {
                (Joining::None, _, _) => 0,
                (Joining::Right, false, _) => 0,
                (Joining::Right, true, _) => 1,
                (Joining::Dual, false, false) => 0,
                (Joining::Dual, true, false) => 1,
                (Joining::Dual, false, true) => 2,
                (Joining::Dual, true, true) => 3,
                _ => return None,
            };
            char::from_u32(first + offset)
        });
        out.push(match shaped {
            Some(form) => drawable(s, form, runs),
            None => s,
        });
        i += 1;
    }
    out
}

/// `form` in place of `s` when the run's face has a glyph for it.
fn drawable(s: Styled, form: char, runs: &[&TextRun]) -> Styled {
    if fonts::has_glyph(runs[s.run].face, form) {
        Styled { ch: form, ..s }
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::fonts::Face;

    fn run(x: f32, text: &str, face: Face) -> TextRun {
        TextRun {
            x,
            y: 100.0,
            face,
            size: 12.0,
            text: text.into(),
            word_spacing: 0.0,
            artifact: false,
        }
    }

    fn page(runs: Vec<TextRun>) -> Page {
        Page {
            width: 612.0,
            height: 792.0,
            items: runs.into_iter().map(Item::Text).collect(),
            bookmarks: Vec::new(),
        }
    }

    fn drawn(items: &[Item]) -> String {
        let mut runs: Vec<&TextRun> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t),
                Item::Rule(_) => None,
            })
            .collect();
        runs.sort_by(|a, b| a.x.total_cmp(&b.x));
        runs.iter().map(|r| r.text.as_str()).collect()
    }

    #[test]
    fn left_to_right_pages_are_untouched() {
        let p = page(vec![run(
            72.0,
            "Plaintiff Twitter, Inc.",
            Face::SerifRegular,
        )]);
        assert!(matches!(visual_items(&p), Cow::Borrowed(_)));
    }

    #[test]
    fn hebrew_words_are_drawn_right_to_left_in_a_left_to_right_line() {
        // "known as שלום עולם here": the two Hebrew words swap and each is reversed.
        let face = Face::FallbackSans;
        let p = page(vec![run(72.0, "known as שלום עולם here", face)]);
        let items = visual_items(&p);
        assert_eq!(drawn(&items), "known as םלוע םולש here");
        // The same width as the line it replaces.
        let last = match items.last() {
            Some(Item::Text(t)) => t.end(),
            _ => unreachable!(),
        };
        let before = match &p.items[0] {
            Item::Text(t) => t.end(),
            Item::Rule(_) => unreachable!(),
        };
        assert!((last - before).abs() < 0.01, "{last} vs {before}");
    }

    #[test]
    fn numbers_inside_hebrew_keep_their_order_and_brackets_mirror() {
        let p = page(vec![run(72.0, "(שלום 123)", Face::FallbackSans)]);
        let items = visual_items(&p);
        // Visual: the bracketed Hebrew run reads right to left with 123 kept as is.
        assert_eq!(drawn(&items), "(123 םולש)");
    }

    #[test]
    fn arabic_letters_join() {
        // "سلام": seen initial, lam-alef ligature (final form after seen), meem isolated.
        let p = page(vec![run(72.0, "سلام", Face::FallbackSans)]);
        let items = visual_items(&p);
        let text = drawn(&items);
        assert!(fonts::has_glyph(Face::FallbackSans, '\u{FEFC}'));
        let expected: String = ['\u{FEE1}', '\u{FEFC}', '\u{FEB3}'].iter().collect();
        assert_eq!(text, expected);
    }

    #[test]
    fn persian_letters_join_too() {
        // "پدر": peh initial, dal final, reh isolated (dal never joins forward).
        let p = page(vec![run(72.0, "پدر", Face::FallbackSans)]);
        let text = drawn(&visual_items(&p));
        assert!(fonts::has_glyph(Face::FallbackSans, '\u{FB58}'));
        let expected: String = ['\u{FEAD}', '\u{FEAA}', '\u{FB58}'].iter().collect();
        assert_eq!(text, expected);
    }

    #[test]
    fn runs_apart_are_reordered_separately() {
        // A paragraph number and its text are two segments: the number stays first.
        let face = Face::FallbackSans;
        let p = page(vec![run(72.0, "1.", face), run(144.0, "שלום עולם", face)]);
        let items = visual_items(&p);
        let xs: Vec<f32> = items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) => Some(t.x),
                Item::Rule(_) => None,
            })
            .collect();
        assert_eq!(xs[0], 72.0);
        assert_eq!(drawn(&items), "1.םלוע םולש");
    }
}
