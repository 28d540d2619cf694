//! Pages to PDF bytes with printpdf: every glyph real text in reading order, the fonts
//! embedded and subset, the metadata set, one outline entry per heading. [`pdfa`] then
//! makes the file a PDF/A-2b document.

pub mod pdfa;

use crate::typeset::fonts::Face;
use crate::typeset::{Item, Page};
use chrono::NaiveDate;
use printpdf::{
    Color, FontEmbeddingMode, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFont,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, PrintpdfFontMeta, Pt, Rgb, TextItem, TextMatrix,
};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock};

/// Document information written to the PDF.
#[derive(Debug, Clone, Default)]
pub struct PdfInfo {
    /// The document's title.
    pub title: String,
    /// Who wrote it (counsel).
    pub author: String,
    /// What it is about (the case).
    pub subject: String,
    /// Search keywords.
    pub keywords: Vec<String>,
    /// Creation and modification date (midnight UTC of this day).
    pub date: NaiveDate,
}

/// The face parsed for printpdf, once per process and only when a document uses it (the
/// fallback faces are large, and most filings never need them).
fn parsed(face: Face) -> &'static ParsedFont {
    static FONTS: [OnceLock<ParsedFont>; Face::ALL.len()] =
        [const { OnceLock::new() }; Face::ALL.len()];
    FONTS[face as usize].get_or_init(|| {
        ParsedFont::from_bytes(face.bytes(), 0, &mut Vec::new())
            .expect("embedded font files are checked when Drafter is built")
    })
}

/// `face` subset to `chars` by printpdf's own subsetter, parsed back, and named with a
/// subset tag; kept for the life of the process per face and character set, so a document
/// drawn again (a preview after a keystroke, a batch of similar complaints) does not subset
/// again. `None` when the subset cannot be made (printpdf then subsets the face itself).
fn subset(face: Face, chars: &BTreeSet<char>) -> Option<Arc<ParsedFont>> {
    type Key = (Face, Vec<char>);
    static CACHE: OnceLock<Mutex<HashMap<Key, Arc<ParsedFont>>>> = OnceLock::new();
    let key: Key = (face, chars.iter().copied().collect());
    let cache = CACHE.get_or_init(Default::default);
    if let Some(font) = cache.lock().ok()?.get(&key) {
        return Some(font.clone());
    }
    let full = parsed(face);
    let glyphs: BTreeMap<u16, String> = chars
        .iter()
        .filter_map(|c| Some((full.lookup_glyph_index(u32::from(*c))?, c.to_string())))
        .collect();
    let sub = printpdf::font::subset_font(full, &glyphs).ok()?;
    let mut font = ParsedFont::from_bytes(&sub.bytes, 0, &mut Vec::new())?;
    // The subset tag (ISO 32000-1, 9.6.4): six capitals, here from the character set.
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    let mut n = h.finish();
    let tag: String = (0..6)
        .map(|_| {
            let c = char::from(b'A' + (n % 26) as u8);
            n /= 26;
            c
        })
        .collect();
    let name = full
        .font_name
        .clone()
        .unwrap_or_else(|| format!("{face:?}"));
    font.font_name = Some(format!("{tag}+{}", name.replace(' ', "")));
    let font = Arc::new(font);
    let mut map = cache.lock().ok()?;
    if map.len() >= 256 {
        map.clear();
    }
    map.insert(key, font.clone());
    Some(font)
}

fn pt_to_mm(v: f32) -> Mm {
    Mm(v * 25.4 / 72.0)
}

/// Writes pages as a PDF (PDF/A-2b: see [`pdfa`]).
pub fn write(pages: &[Page], info: &PdfInfo) -> Vec<u8> {
    write_with(pages, info, &[])
}

/// Writes pages as a PDF with exhibits' pages merged in after the given pages (see
/// [`crate::exhibit`]).
pub fn write_with(
    pages: &[Page],
    info: &PdfInfo,
    inserts: &[crate::exhibit::Insert<'_>],
) -> Vec<u8> {
    let mut doc = PdfDocument::new(&info.title);
    // What is drawn: right-to-left runs in visual order (see `typeset::bidi`).
    let drawn: Vec<std::borrow::Cow<'_, [Item]>> = pages
        .iter()
        .map(crate::typeset::bidi::visual_items)
        .collect();
    // The characters each face draws, then that face subset to them (see `subset`).
    let mut used: BTreeMap<Face, BTreeSet<char>> = BTreeMap::new();
    for items in &drawn {
        for item in items.iter() {
            if let Item::Text(t) = item {
                used.entry(t.face).or_default().extend(t.text.chars());
            }
        }
    }
    let mut fonts: BTreeMap<Face, FontId> = BTreeMap::new();
    for (face, chars) in &used {
        let id = match subset(*face, chars) {
            Some(font) => {
                let id = FontId::new();
                let meta = PrintpdfFontMeta {
                    embedding_mode: FontEmbeddingMode::Full,
                    requires_subsetting: false,
                    ..Default::default()
                };
                doc.resources
                    .fonts
                    .map
                    .insert(id.clone(), PdfFont::with_meta((*font).clone(), meta));
                id
            }
            // printpdf subsets the whole face itself.
            None => doc.add_font(parsed(*face)),
        };
        fonts.insert(*face, id);
    }
    let mut out_pages = Vec::with_capacity(pages.len());
    for (page, items) in pages.iter().zip(&drawn) {
        out_pages.push(PdfPage::new(
            pt_to_mm(page.width),
            pt_to_mm(page.height),
            page_ops(page.height, items, &fonts),
        ));
    }
    doc.with_pages(out_pages);
    for (i, page) in pages.iter().enumerate() {
        for b in &page.bookmarks {
            doc.add_bookmark(b, i + 1);
        }
    }
    let meta = &mut doc.metadata.info;
    meta.document_title = info.title.clone();
    meta.author = info.author.clone();
    meta.subject = info.subject.clone();
    meta.keywords = info.keywords.clone();
    meta.creator = format!("Drafter {}", env!("CARGO_PKG_VERSION"));
    meta.producer = format!("Drafter {} (printpdf)", env!("CARGO_PKG_VERSION"));
    let opts = PdfSaveOptions {
        subset_fonts: true,
        optimize: true,
        ..Default::default()
    };
    let mut warnings = Vec::new();
    let mut lo = doc.to_lopdf_document(&opts, &mut warnings);
    crate::exhibit::merge(&mut lo, inserts);
    pdfa::finish(lo, info)
}

fn page_ops(height: f32, items: &[Item], fonts: &BTreeMap<Face, FontId>) -> Vec<Op> {
    let mut ops = Vec::with_capacity(items.len() * 4 + 8);
    let black = Color::Rgb(Rgb {
        r: 0.0,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    });
    let mut rules = items.iter().filter_map(|i| match i {
        Item::Rule(r) => Some(r),
        _ => None,
    });
    if let Some(first) = rules.next() {
        ops.push(Op::SetOutlineColor { col: black.clone() });
        let mut width = -1.0;
        for r in std::iter::once(first).chain(rules) {
            if (r.width - width).abs() > f32::EPSILON {
                ops.push(Op::SetOutlineThickness { pt: Pt(r.width) });
                width = r.width;
            }
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(r.x1),
                                y: Pt(height - r.y1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(r.x2),
                                y: Pt(height - r.y2),
                            },
                            bezier: false,
                        },
                    ],
                    is_closed: false,
                },
            });
        }
    }
    ops.push(Op::StartTextSection);
    ops.push(Op::SetFillColor { col: black });
    let mut current: Option<(Face, f32)> = None;
    for item in items {
        let Item::Text(t) = item else { continue };
        if current != Some((t.face, t.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(fonts[&t.face].clone()),
                size: Pt(t.size),
            });
            current = Some((t.face, t.size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(t.x), Pt(height - t.y)),
        });
        ops.push(Op::ShowText {
            items: text_items(&t.text, t.word_spacing, t.size),
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The run's text, with the justification space after every space character (a TJ
/// adjustment: CID fonts ignore the word-spacing operator).
fn text_items(text: &str, word_spacing: f32, size: f32) -> Vec<TextItem> {
    if word_spacing.abs() < 0.001 || !text.contains(' ') {
        return vec![TextItem::Text(text.to_string())];
    }
    let adjust = -word_spacing * 1000.0 / size;
    let mut items = Vec::new();
    let mut parts = text.split(' ').peekable();
    while let Some(part) = parts.next() {
        if parts.peek().is_some() {
            items.push(TextItem::Text(format!("{part} ")));
            items.push(TextItem::Offset(adjust));
        } else if !part.is_empty() {
            items.push(TextItem::Text(part.to_string()));
        }
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::TextRun;

    fn run(x: f32, y: f32, face: Face, text: &str) -> Item {
        Item::Text(TextRun {
            x,
            y,
            face,
            size: 12.0,
            text: text.into(),
            word_spacing: 0.0,
            artifact: false,
        })
    }

    /// Two pages using four faces: the serif in three styles and the fallback (Hebrew).
    fn pages() -> Vec<Page> {
        let page = |items| Page {
            width: 612.0,
            height: 792.0,
            items,
            bookmarks: Vec::new(),
        };
        vec![
            page(vec![
                run(72.0, 84.0, Face::SerifBold, "First line"),
                run(72.0, 108.0, Face::SerifRegular, "Second line"),
                run(72.0, 132.0, Face::SerifItalic, "Third line"),
            ]),
            page(vec![
                run(72.0, 84.0, Face::SerifRegular, "Page two"),
                run(72.0, 108.0, Face::FallbackSans, "שלום"),
            ]),
        ]
    }

    fn info() -> PdfInfo {
        PdfInfo {
            title: "Test".into(),
            date: NaiveDate::from_ymd_opt(2017, 4, 7).unwrap(),
            ..Default::default()
        }
    }

    #[test]
    fn every_font_is_embedded() {
        let bytes = write(&pages(), &info());
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        let mut descriptors = 0;
        for object in doc.objects.values() {
            let Ok(dict) = object.as_dict() else { continue };
            if dict.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"FontDescriptor") {
                descriptors += 1;
                let embedded = [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
                    .iter()
                    .any(|k| dict.has(k));
                assert!(embedded, "a font is not embedded: {dict:?}");
            }
        }
        assert_eq!(descriptors, 4, "one embedded font per face used");
    }

    #[test]
    fn text_extracts_in_reading_order() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.pdf");
        std::fs::write(&path, write(&pages(), &info())).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(&path)
            .arg("-")
            .output()
            .expect("pdftotext is needed for this test (scripts/setup installs it)");
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        // Pages end with a form feed; pdftotext marks right-to-left text with embedding
        // controls (U+202B … U+202C), which are not part of the text.
        let pages: Vec<Vec<String>> = text
            .split('\u{c}')
            .map(|page| {
                page.lines()
                    .map(|l| l.trim().replace(['\u{202b}', '\u{202c}'], ""))
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .filter(|page: &Vec<String>| !page.is_empty())
            .collect();
        assert_eq!(
            pages,
            [
                vec!["First line", "Second line", "Third line"],
                vec!["Page two", "שלום"]
            ]
        );
    }

    #[test]
    fn justification_is_spread_after_each_space() {
        let items = text_items("a b c", 2.0, 12.0);
        let adjust = -2.0 * 1000.0 / 12.0;
        assert_eq!(
            items,
            [
                TextItem::Text("a ".into()),
                TextItem::Offset(adjust),
                TextItem::Text("b ".into()),
                TextItem::Offset(adjust),
                TextItem::Text("c".into()),
            ]
        );
        assert_eq!(text_items("a b", 0.0, 12.0), [TextItem::Text("a b".into())]);
    }
}
