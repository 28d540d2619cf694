//! The embedded fonts and their metrics. Liberation Serif (regular, bold, italic, bold
//! italic) sets the text; DejaVu Sans and Symbola draw characters Liberation Serif lacks
//! (another script, a symbol, an emoji). The font files come from Debian packages found by
//! build.rs and are compiled into the binary; nothing is loaded at run time.

use std::sync::OnceLock;

/// One embedded font face.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Face {
    /// Liberation Serif.
    SerifRegular,
    /// Liberation Serif Bold.
    SerifBold,
    /// Liberation Serif Italic.
    SerifItalic,
    /// Liberation Serif Bold Italic.
    SerifBoldItalic,
    /// DejaVu Sans: other scripts (Hebrew, Arabic, Cyrillic, Greek, …).
    FallbackSans,
    /// Symbola: symbols and emoji.
    FallbackSymbols,
}

impl Face {
    /// Every face, in the order of the enum.
    pub const ALL: [Face; 6] = [
        Face::SerifRegular,
        Face::SerifBold,
        Face::SerifItalic,
        Face::SerifBoldItalic,
        Face::FallbackSans,
        Face::FallbackSymbols,
    ];

    /// The serif face for a text style.
    pub fn serif(bold: bool, italic: bool) -> Face {
        match (bold, italic) {
            (false, false) => Face::SerifRegular,
            (true, false) => Face::SerifBold,
            (false, true) => Face::SerifItalic,
            (true, true) => Face::SerifBoldItalic,
        }
    }

    /// The font file's bytes.
    pub fn bytes(self) -> &'static [u8] {
        match self {
            Face::SerifRegular => include_bytes!(env!("DRAFTER_FONT_SERIF_REGULAR")),
            Face::SerifBold => include_bytes!(env!("DRAFTER_FONT_SERIF_BOLD")),
            Face::SerifItalic => include_bytes!(env!("DRAFTER_FONT_SERIF_ITALIC")),
            Face::SerifBoldItalic => include_bytes!(env!("DRAFTER_FONT_SERIF_BOLD_ITALIC")),
            Face::FallbackSans => include_bytes!(env!("DRAFTER_FONT_FALLBACK_SANS")),
            Face::FallbackSymbols => include_bytes!(env!("DRAFTER_FONT_FALLBACK_SYMBOLS")),
        }
    }

    /// CSS family, weight and style for the SVG preview.
    pub fn css(self) -> (&'static str, &'static str, &'static str) {
        match self {
            Face::SerifRegular => ("Liberation Serif", "normal", "normal"),
            Face::SerifBold => ("Liberation Serif", "bold", "normal"),
            Face::SerifItalic => ("Liberation Serif", "normal", "italic"),
            Face::SerifBoldItalic => ("Liberation Serif", "bold", "italic"),
            Face::FallbackSans => ("DejaVu Sans", "normal", "normal"),
            Face::FallbackSymbols => ("Symbola", "normal", "normal"),
        }
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// Advance widths of one face, with a fast table for Latin-1.
struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
    /// Advance in font units for U+0000..U+00FF; `u16::MAX` where the face has no glyph.
    latin1: [u16; 256],
    ascender: f32,
}

impl Metrics {
    fn load(face: Face) -> Metrics {
        let parsed = ttf_parser::Face::parse(face.bytes(), 0)
            .expect("embedded font files are checked when Drafter is built");
        let mut latin1 = [u16::MAX; 256];
        for (i, slot) in latin1.iter_mut().enumerate() {
            let ch = char::from(i as u8);
            if let Some(g) = parsed.glyph_index(ch) {
                *slot = parsed.glyph_hor_advance(g).unwrap_or(0);
            }
        }
        Metrics {
            units_per_em: f32::from(parsed.units_per_em()),
            ascender: f32::from(parsed.ascender()),
            latin1,
            face: parsed,
        }
    }

    fn advance(&self, ch: char) -> Option<u16> {
        let c = ch as u32;
        if c < 256 {
            let a = self.latin1[c as usize];
            return (a != u16::MAX).then_some(a);
        }
        let g = self.face.glyph_index(ch)?;
        Some(self.face.glyph_hor_advance(g).unwrap_or(0))
    }
}

fn metrics(face: Face) -> &'static Metrics {
    static ALL: OnceLock<Vec<Metrics>> = OnceLock::new();
    &ALL.get_or_init(|| Face::ALL.iter().map(|f| Metrics::load(*f)).collect())[face.index()]
}

/// Characters that take no space and are never drawn (joiners, variation selectors, BOM).
pub fn is_invisible(ch: char) -> bool {
    matches!(ch, '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{00AD}')
}

/// The face that draws `ch` in the given style: the serif face when it has the glyph,
/// otherwise the first fallback that has it; `None` when no embedded font has it.
pub fn face_for(ch: char, bold: bool, italic: bool) -> Option<Face> {
    let serif = Face::serif(bold, italic);
    [
        serif,
        Face::SerifRegular,
        Face::FallbackSans,
        Face::FallbackSymbols,
    ]
    .into_iter()
    .find(|f| metrics(*f).advance(ch).is_some())
}

/// Width of `ch` in `face` at `size` points (0 for a character the face lacks).
/// Whether `face` has a glyph for `ch`.
pub fn has_glyph(face: Face, ch: char) -> bool {
    metrics(face).advance(ch).is_some()
}

/// The advance width of `ch` in `face` at `size` points (0 for a character the face lacks).
pub fn char_width(face: Face, ch: char, size: f32) -> f32 {
    let m = metrics(face);
    f32::from(m.advance(ch).unwrap_or(0)) * size / m.units_per_em
}

/// Width of a string set entirely in `face`.
pub fn text_width(face: Face, text: &str, size: f32) -> f32 {
    let m = metrics(face);
    let units: u32 = text
        .chars()
        .map(|c| u32::from(m.advance(c).unwrap_or(0)))
        .sum();
    units as f32 * size / m.units_per_em
}

/// Height of the face's ascender at `size` points.
pub fn ascender(face: Face, size: f32) -> f32 {
    let m = metrics(face);
    m.ascender * size / m.units_per_em
}

/// The first character in `text` that no embedded font can draw.
pub fn first_unsupported(text: &str) -> Option<char> {
    // Liberation Serif has every printable ASCII character (a test holds it to that), and
    // ASCII control characters are never drawn: only the rest need looking up.
    text.chars()
        .filter(|c| !c.is_ascii() && !c.is_control() && !is_invisible(*c))
        .find(|c| face_for(*c, false, false).is_none())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serif_covers_legal_typography() {
        for ch in "§¶“”‘’—–…éñøÅŁ".chars() {
            assert_eq!(face_for(ch, false, false), Some(Face::SerifRegular), "{ch}");
        }
    }

    #[test]
    fn other_scripts_fall_back() {
        assert_eq!(face_for('ع', false, false), Some(Face::FallbackSans));
        assert!(face_for('😀', false, false).is_some());
        assert_eq!(first_unsupported("plain text"), None);
        // No embedded font has CJK ideographs: they are reported, never drawn as boxes.
        assert_eq!(first_unsupported("名前"), Some('名'));
    }

    #[test]
    fn serif_has_every_printable_ascii_character() {
        for ch in ' '..='~' {
            assert_eq!(
                face_for(ch, false, false),
                Some(Face::SerifRegular),
                "{ch:?}"
            );
        }
    }

    #[test]
    fn widths_are_plausible() {
        let w = text_width(Face::SerifRegular, "abc", 12.0);
        assert!(w > 10.0 && w < 25.0, "{w}");
        assert!(text_width(Face::SerifBold, "W", 12.0) > text_width(Face::SerifBold, "i", 12.0));
    }
}
