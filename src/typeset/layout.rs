//! Layout: breaks paragraphs into justified lines with real glyph widths, sets every line
//! on the style's grid, and paginates with keep rules (no widows or orphans, headings kept
//! with what follows, the signature kept with the last lines of text). Page furniture —
//! pleading line numbers and rules, footers — is drawn last, once the page count is known.

use super::fonts::{self, Face};
use super::model::{Align, Column, Element, Para, Spacing, Span};
use super::page::{Item, Page, Rule, TextRun};
use super::style::{CourtStyle, FooterAlign};

/// A character that no embedded font can draw.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the character {ch:?} (U+{code:04X}) in “{context}” is in none of Drafter's fonts")]
pub struct MissingGlyph {
    pub ch: char,
    pub code: u32,
    pub context: String,
}

/// Values the footer text can name.
#[derive(Debug, Clone, Default)]
pub struct FooterText {
    pub title: String,
    pub short_title: String,
    pub case_number: String,
}

/// A piece of a word set in one face.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    face: Face,
    width: f32,
}

#[derive(Debug, Clone)]
struct Word {
    pieces: Vec<Piece>,
    width: f32,
    /// A space follows this word (in the same line).
    space: bool,
    /// A hard line break follows this word.
    hard_break: bool,
}

/// A line's content, positioned horizontally relative to the column's left edge.
#[derive(Debug, Clone, Default)]
struct LineContent {
    runs: Vec<TextRun>,
}

/// Something the paginator places: one text line, or a kept-together box of several.
#[derive(Debug, Clone)]
struct LineBox {
    /// Grid units this box occupies (1 single line, 2 double line, more for boxes).
    height: u32,
    /// Must start on an even unit (a numbered line).
    on_line: bool,
    space_before: u32,
    /// Runs with their unit offset from the box's first baseline.
    runs: Vec<(u32, TextRun)>,
    /// Rules relative to the box's first baseline (y offsets in points).
    rules: Vec<Rule>,
    no_break_before: bool,
    force_break_before: bool,
    /// Move to this unit on the page if above it.
    at_unit: Option<u32>,
    bookmark: Option<String>,
}

/// Lays out composed elements into pages.
pub fn layout(
    elements: &[Element],
    style: &CourtStyle,
    footer: &FooterText,
) -> Result<Vec<Page>, MissingGlyph> {
    let boxes = to_boxes(elements, style)?;
    let mut pages = paginate(&boxes, style);
    let total = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        decorate(page, i + 1, total, style, footer);
    }
    Ok(pages)
}

fn to_boxes(elements: &[Element], style: &CourtStyle) -> Result<Vec<LineBox>, MissingGlyph> {
    let mut boxes: Vec<LineBox> = Vec::new();
    let mut keep_next = false;
    let mut force_next = false;
    for el in elements {
        match el {
            Element::Para(p) => {
                let lines = break_para(p, 0.0, style.text_width(), style)?;
                let n = lines.len();
                let units = p.spacing.units();
                for (i, line) in lines.into_iter().enumerate() {
                    let mut no_break = false;
                    if i == 0 {
                        no_break = keep_next || p.keep_with_previous;
                    } else if p.keep_together || i == 1 || i + 1 == n {
                        // Orphan (break after the first line) and widow (before the last).
                        no_break = true;
                    }
                    boxes.push(LineBox {
                        height: units,
                        on_line: p.spacing == Spacing::Double,
                        space_before: if i == 0 { p.space_before } else { 0 },
                        runs: line.runs.into_iter().map(|r| (0, r)).collect(),
                        rules: Vec::new(),
                        no_break_before: no_break,
                        force_break_before: i == 0 && force_next,
                        at_unit: None,
                        bookmark: if i == 0 { p.bookmark.clone() } else { None },
                    });
                }
                keep_next = p.keep_with_next;
                force_next = false;
            }
            Element::Columns {
                columns,
                boxed,
                space_before,
            } => {
                let b = columns_box(columns, *boxed, *space_before, style)?;
                let with_previous = columns
                    .iter()
                    .any(|c| c.paras.first().is_some_and(|p| p.keep_with_previous));
                boxes.push(LineBox {
                    no_break_before: keep_next || with_previous,
                    force_break_before: force_next,
                    ..b
                });
                keep_next = false;
                force_next = false;
            }
            Element::AtLine(n) => boxes.push(LineBox {
                height: 0,
                on_line: true,
                space_before: 0,
                runs: Vec::new(),
                rules: Vec::new(),
                no_break_before: true,
                force_break_before: false,
                at_unit: Some(n.saturating_sub(1) * 2),
                bookmark: None,
            }),
            Element::PageBreak => force_next = true,
        }
    }
    Ok(boxes)
}

/// Lays out columns side by side as one box; the first column may be closed by rules.
fn columns_box(
    columns: &[Column],
    boxed: bool,
    space_before: u32,
    style: &CourtStyle,
) -> Result<LineBox, MissingGlyph> {
    let mut runs = Vec::new();
    let mut height = 0u32;
    for col in columns {
        let mut k = 0u32;
        for (pi, p) in col.paras.iter().enumerate() {
            if pi > 0 {
                k += p.space_before;
            }
            let lines = break_para(p, col.x, col.width, style)?;
            for line in lines {
                if p.spacing == Spacing::Double && k % 2 == 1 {
                    k += 1;
                }
                runs.extend(line.runs.into_iter().map(|r| (k, r)));
                k += p.spacing.units();
            }
        }
        height = height.max(k);
    }
    // Round the box up to whole numbered lines so what follows stays on the grid.
    height += height % 2;
    let mut rules = Vec::new();
    if boxed {
        // The rules close the box on a blank line below its text, and a blank numbered
        // line separates the box from what follows.
        height += 2;
        if let Some(first) = columns.first() {
            let unit = style.text.unit;
            let left = style.page.left;
            let right = left + first.x + first.width + 6.0;
            let top = -unit * 0.9;
            let bottom = unit * (height.saturating_sub(3)) as f32 + unit * 0.5;
            rules.push(Rule {
                x1: right,
                y1: top,
                x2: right,
                y2: bottom,
                width: 0.6,
            });
            rules.push(Rule {
                x1: left,
                y1: bottom,
                x2: right,
                y2: bottom,
                width: 0.6,
            });
        }
    }
    Ok(LineBox {
        height: height.max(1),
        on_line: true,
        space_before,
        runs,
        rules,
        no_break_before: false,
        force_break_before: false,
        at_unit: None,
        bookmark: None,
    })
}

/// Splits spans into words, choosing a face for every character.
fn words(spans: &[Span], size: f32) -> Result<Vec<Word>, MissingGlyph> {
    let mut out: Vec<Word> = Vec::new();
    let mut cur = Word {
        pieces: Vec::new(),
        width: 0.0,
        space: false,
        hard_break: false,
    };
    let finish = |cur: &mut Word, out: &mut Vec<Word>| {
        if !cur.pieces.is_empty() {
            out.push(std::mem::replace(
                cur,
                Word {
                    pieces: Vec::new(),
                    width: 0.0,
                    space: false,
                    hard_break: false,
                },
            ));
        }
    };
    for span in spans {
        for ch in span.text.chars() {
            match ch {
                ' ' | '\t' | '\r' if glues(&cur) => {
                    // "§ 1509", "¶ 12", "No. 3": the space after these never breaks.
                    let face = cur.pieces.last().map_or(Face::SerifRegular, |p| p.face);
                    let w = fonts::char_width(face, '\u{a0}', size);
                    if let Some(p) = cur.pieces.last_mut() {
                        p.text.push('\u{a0}');
                        p.width += w;
                    }
                    cur.width += w;
                }
                ' ' | '\t' | '\r' => {
                    finish(&mut cur, &mut out);
                    if let Some(last) = out.last_mut() {
                        last.space = true;
                    }
                }
                '\n' => {
                    let had_word = !cur.pieces.is_empty();
                    finish(&mut cur, &mut out);
                    match out.last_mut() {
                        Some(last) if had_word || !last.hard_break => {
                            last.hard_break = true;
                            last.space = false;
                        }
                        // A blank line: an empty word that ends its own line.
                        _ => out.push(Word {
                            pieces: Vec::new(),
                            width: 0.0,
                            space: false,
                            hard_break: true,
                        }),
                    }
                }
                c if fonts::is_invisible(c) || c.is_control() => {}
                c => {
                    let face = fonts::face_for(c, span.bold, span.italic).ok_or_else(|| {
                        let text: String = spans.iter().map(|s| s.text.as_str()).collect();
                        MissingGlyph {
                            ch: c,
                            code: c as u32,
                            context: excerpt(&text, c),
                        }
                    })?;
                    let w = fonts::char_width(face, c, size);
                    match cur.pieces.last_mut() {
                        Some(p) if p.face == face => {
                            p.text.push(c);
                            p.width += w;
                        }
                        _ => {
                            let mut text = String::with_capacity(16);
                            text.push(c);
                            cur.pieces.push(Piece {
                                text,
                                face,
                                width: w,
                            })
                        }
                    }
                    cur.width += w;
                }
            }
        }
    }
    finish(&mut cur, &mut out);
    Ok(out)
}

/// Whether the space after this word is non-breaking: a section or paragraph sign, or
/// an abbreviation that must stay with the number after it.
fn glues(word: &Word) -> bool {
    const GLUE: [&str; 7] = ["§", "§§", "¶", "¶¶", "No.", "Nos.", "Art."];
    let Some(last) = word.pieces.last() else {
        return false;
    };
    if last.text.ends_with('§') {
        return true;
    }
    if word.pieces.len() == 1 {
        return GLUE.contains(&last.text.as_str());
    }
    // The words that glue are at most 4 bytes long.
    let mut buf = [0u8; 4];
    let mut len = 0;
    for p in &word.pieces {
        let b = p.text.as_bytes();
        if len + b.len() > buf.len() {
            return false;
        }
        buf[len..len + b.len()].copy_from_slice(b);
        len += b.len();
    }
    GLUE.iter().any(|g| g.as_bytes() == &buf[..len])
}
fn excerpt(text: &str, ch: char) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = chars.iter().position(|c| *c == ch).unwrap_or(0);
    let from = at.saturating_sub(20);
    let to = (at + 20).min(chars.len());
    chars[from..to]
        .iter()
        .collect::<String>()
        .replace('\n', " ")
}

/// Breaks a paragraph into lines within a column at `col_x` (relative to the text area).
fn break_para(
    p: &Para,
    col_x: f32,
    col_width: f32,
    style: &CourtStyle,
) -> Result<Vec<LineContent>, MissingGlyph> {
    let size = p.size.unwrap_or(style.text.size);
    let mut words = words(&p.spans, size)?;
    let base_x = style.page.left + col_x + p.left;
    let full = col_width - p.left - p.right;
    let mut lines = Vec::new();
    let mut start = 0;
    let mut first = true;
    if words.is_empty() {
        return Ok(vec![LineContent::default()]);
    }
    while start < words.len() {
        let indent = if first { p.first_indent } else { 0.0 };
        let avail = full - indent;
        if words[start].width > avail + 0.01 {
            // A word wider than the line (a long web address): it is cut where the line
            // ends and goes on at the start of the next one, instead of running into the
            // margin.
            if let Some(tail) = cut_word(&mut words[start], avail, size) {
                words.insert(start + 1, tail);
            }
        }
        let mut end = start;
        let mut width = 0.0;
        while end < words.len() {
            let gap = if end > start {
                space_width(&words[end - 1], size)
            } else {
                0.0
            };
            if end > start && width + gap + words[end].width > avail + 0.01 {
                break;
            }
            width += gap + words[end].width;
            end += 1;
            if words[end - 1].hard_break {
                break;
            }
        }
        let last = end == words.len() || words[end - 1].hard_break;
        let gaps = (end - start).saturating_sub(1);
        let (offset, extra) = match p.align {
            Align::Justify if !last && gaps > 0 => (0.0, (avail - width) / gaps as f32),
            Align::Center => (((avail - width) / 2.0).max(0.0), 0.0),
            Align::Right => ((avail - width).max(0.0), 0.0),
            _ => (0.0, 0.0),
        };
        let mut content = LineContent::default();
        if first {
            if let Some((label, lx)) = &p.label {
                content.runs.push(TextRun {
                    x: style.page.left + col_x + lx,
                    y: 0.0,
                    face: Face::SerifRegular,
                    size,
                    text: label.clone(),
                    word_spacing: 0.0,
                    artifact: false,
                });
            }
        }
        let mut x = base_x + indent + offset;
        for (wi, word) in words[start..end].iter().enumerate() {
            for (pi, piece) in word.pieces.iter().enumerate() {
                let joins = pi == 0 && wi > 0;
                match content.runs.last_mut() {
                    Some(run)
                        if joins
                            && run.face == piece.face
                            && (run.word_spacing - extra).abs() < 1e-3 =>
                    {
                        run.text.push(' ');
                        run.text.push_str(&piece.text);
                    }
                    Some(run) if !joins && pi > 0 && run.face == piece.face => {
                        run.text.push_str(&piece.text)
                    }
                    _ => content.runs.push(TextRun {
                        x,
                        y: 0.0,
                        face: piece.face,
                        size,
                        text: piece.text.clone(),
                        word_spacing: extra,
                        artifact: false,
                    }),
                }
                x += piece.width;
            }
            if wi + 1 < end - start {
                x += space_width(word, size) + extra;
            }
        }
        lines.push(content);
        start = end;
        first = false;
    }
    Ok(lines)
}

/// Cuts `word` after its last character that ends within `width` (at least one
/// character stays), returning the rest as a new word that keeps the original's space
/// and hard break; `None` when nothing is left over.
fn cut_word(word: &mut Word, width: f32, size: f32) -> Option<Word> {
    let mut used = 0.0;
    let mut kept = 0usize;
    let mut at: Option<(usize, usize)> = None;
    'pieces: for (pi, piece) in word.pieces.iter().enumerate() {
        for (bi, ch) in piece.text.char_indices() {
            let w = fonts::char_width(piece.face, ch, size);
            if kept > 0 && used + w > width + 0.01 {
                at = Some((pi, bi));
                break 'pieces;
            }
            used += w;
            kept += 1;
        }
    }
    let (pi, bi) = at?;
    let mut rest: Vec<Piece> = word.pieces.split_off(pi);
    if bi > 0 {
        let first = &mut rest[0];
        let head = Piece {
            text: first.text[..bi].to_string(),
            face: first.face,
            width: fonts::text_width(first.face, &first.text[..bi], size),
        };
        first.text.drain(..bi);
        first.width = fonts::text_width(first.face, &first.text, size);
        word.pieces.push(head);
    }
    word.width = word.pieces.iter().map(|p| p.width).sum();
    let tail = Word {
        width: rest.iter().map(|p| p.width).sum(),
        pieces: rest,
        space: word.space,
        hard_break: word.hard_break,
    };
    word.space = false;
    word.hard_break = false;
    Some(tail)
}

fn space_width(word: &Word, size: f32) -> f32 {
    let face = word
        .pieces
        .last()
        .map(|p| p.face)
        .unwrap_or(Face::SerifRegular);
    fonts::char_width(face, ' ', size)
}

/// Places boxes on pages, honouring the no-break-before marks.
fn paginate(boxes: &[LineBox], style: &CourtStyle) -> Vec<Page> {
    let capacity = style.text.units_per_page;
    let last_line = style.last_body_unit();
    let mut pages = Vec::new();
    let mut i = 0;
    while i < boxes.len() || pages.is_empty() {
        let mut page = Page {
            width: style.page.width,
            height: style.page.height,
            items: Vec::new(),
            bookmarks: Vec::new(),
        };
        let mut placed: Vec<(usize, u32)> = Vec::new();
        let mut cursor = 0u32;
        let mut j = i;
        let mut next = boxes.len();
        while j < boxes.len() {
            let b = &boxes[j];
            if b.force_break_before && j > i {
                next = j;
                break;
            }
            let mut k = cursor + if placed.is_empty() { 0 } else { b.space_before };
            if let Some(at) = b.at_unit {
                k = k.max(at);
            }
            if b.on_line && k % 2 == 1 {
                k += 1;
            }
            // The box's last baseline must stay on the body's last line: on pleading
            // paper the last numbered line, never the half-line below it, where the
            // footer begins.
            let ink = b.runs.iter().map(|(dk, _)| *dk).max().unwrap_or(0);
            let fits = (k + b.height <= capacity || (b.height == 0 && k <= capacity))
                && k + ink <= last_line;
            if !fits {
                // Break before the last allowed box on this page.
                let allowed = (i + 1..=j).rev().find(|&c| !boxes[c].no_break_before);
                next = match allowed {
                    Some(c) => c,
                    None if j > i => j,
                    None => j + 1, // one box taller than a page: set it anyway
                };
                if next == j + 1 {
                    placed.push((j, k));
                }
                break;
            }
            placed.push((j, k));
            cursor = k + b.height;
            j += 1;
        }
        for &(idx, k) in placed.iter().filter(|(idx, _)| *idx < next) {
            let b = &boxes[idx];
            let base = style.baseline(k);
            for (dk, run) in &b.runs {
                let mut run = run.clone();
                run.y = base + style.text.unit * *dk as f32;
                page.items.push(Item::Text(run));
            }
            for r in &b.rules {
                page.items.push(Item::Rule(Rule {
                    y1: base + r.y1,
                    y2: base + r.y2,
                    ..*r
                }));
            }
            if let Some(bm) = &b.bookmark {
                page.bookmarks.push(bm.clone());
            }
        }
        pages.push(page);
        if next <= i {
            break;
        }
        i = next;
    }
    pages
}

/// Draws line numbers, rules and the footer.
fn decorate(page: &mut Page, number: usize, total: usize, style: &CourtStyle, footer: &FooterText) {
    let size = style.text.size;
    if let Some(pl) = &style.pleading {
        for n in 1..=pl.lines {
            let label = n.to_string();
            let w = fonts::text_width(Face::SerifRegular, &label, size);
            page.items.push(Item::Text(TextRun {
                x: pl.number_x - w,
                y: style.baseline((n - 1) * 2),
                face: Face::SerifRegular,
                size,
                text: label,
                word_spacing: 0.0,
                artifact: true,
            }));
        }
        for &x in pl.left_rules.iter().chain(&pl.right_rules) {
            page.items.push(Item::Rule(Rule {
                x1: x,
                y1: 0.0,
                x2: x,
                y2: page.height,
                width: pl.rule_width,
            }));
        }
    }
    let f = &style.footer;
    if f.skip_first_page && number == 1 {
        return;
    }
    let fill = |t: &str| {
        t.replace("{page}", &number.to_string())
            .replace("{pages}", &total.to_string())
            .replace("{title}", &footer.title)
            .replace("{short_title}", &footer.short_title)
            .replace("{case_number}", &footer.case_number)
    };
    if f.rule {
        page.items.push(Item::Rule(Rule {
            x1: style.page.left,
            y1: f.rule_y,
            x2: style.page.right,
            y2: f.rule_y,
            width: 0.6,
        }));
    }
    let mut put = |text: String, y: f32, align: FooterAlign| {
        if text.trim().is_empty() {
            return;
        }
        let w = fonts::text_width(Face::SerifRegular, &text, f.size);
        let x = match align {
            FooterAlign::Left => style.page.left,
            FooterAlign::Right => style.page.right - w,
            FooterAlign::Center => (style.page.left + style.page.right - w) / 2.0,
        };
        page.items.push(Item::Text(TextRun {
            x,
            y,
            face: Face::SerifRegular,
            size: f.size,
            text,
            word_spacing: 0.0,
            artifact: true,
        }));
    };
    let title = fill(&f.title);
    let title = if footer.case_number.is_empty() {
        title
            .replace(" — Case No. ", "")
            .trim_end_matches(" — ")
            .to_string()
    } else {
        title
    };
    put(fill(&f.page_number), f.page_number_y, f.page_number_align);
    put(title, f.title_y, FooterAlign::Center);
}
