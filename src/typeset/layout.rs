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
    /// The character.
    pub ch: char,
    /// Its code point.
    pub code: u32,
    /// Up to twenty characters either side of it, to find it by.
    pub context: String,
}

/// Values the footer text can name.
#[derive(Debug, Clone, Default)]
pub struct FooterText {
    /// `{title}`: the document's title.
    pub title: String,
    /// `{short_title}`: the footer's short title.
    pub short_title: String,
    /// `{case_number}`: the case number, empty when there is none yet.
    pub case_number: String,
    /// A legend printed in bold capitals, centred at the top of every page ("FILED UNDER
    /// SEAL"); none when empty.
    pub legend: String,
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
            // After a page break, the line is on the new page.
            Element::AtLine(n) => {
                boxes.push(LineBox {
                    height: 0,
                    on_line: true,
                    space_before: 0,
                    runs: Vec::new(),
                    rules: Vec::new(),
                    no_break_before: true,
                    force_break_before: force_next,
                    at_unit: Some(n.saturating_sub(1) * 2),
                    bookmark: None,
                });
                force_next = false;
            }
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
    if !footer.legend.trim().is_empty() {
        let text = footer.legend.to_uppercase();
        let w = fonts::text_width(Face::SerifBold, &text, size);
        page.items.push(Item::Text(TextRun {
            x: (style.page.left + style.page.right - w) / 2.0,
            y: (style.text.first_baseline - 2.5 * style.text.unit).max(size + 6.0),
            face: Face::SerifBold,
            size,
            text,
            word_spacing: 0.0,
            artifact: true,
        }));
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

#[cfg(test)]
mod tests {
    use super::*;

    fn cand() -> CourtStyle {
        CourtStyle::load("cand", None).unwrap()
    }

    fn para(text: &str) -> Para {
        Para::new(vec![Span::plain(text)])
    }

    fn line(text: &str) -> Element {
        Element::Para(para(text).align(Align::Left))
    }

    /// The body's lines of each page, as (grid unit, text).
    fn body(pages: &[Page], style: &CourtStyle) -> Vec<Vec<(u32, String)>> {
        pages
            .iter()
            .map(|p| {
                p.text_lines(false)
                    .into_iter()
                    .map(|(y, t)| {
                        let k = (y - style.text.first_baseline) / style.text.unit;
                        (k.round() as u32, t)
                    })
                    .collect()
            })
            .collect()
    }

    const LONG: &str = "The Summons demanded records that would identify the person or persons \
        who created and operate the account, and the agency withdrew it the day after the \
        complaint was filed, before any court had ruled on the petition to enforce it.";

    #[test]
    fn justified_lines_fill_the_column_and_the_last_does_not() {
        let style = cand();
        let mut p = para(LONG);
        p.first_indent = 36.0;
        let lines = break_para(&p, 0.0, style.text_width(), &style).unwrap();
        assert!(lines.len() >= 3, "{}", lines.len());
        assert_eq!(lines[0].runs[0].x, style.page.left + 36.0);
        for l in &lines[..lines.len() - 1] {
            let end = l.runs.last().unwrap().end();
            assert!((end - style.page.right).abs() < 0.05, "{end}");
            assert!(l.runs[0].word_spacing >= 0.0);
        }
        let last = lines.last().unwrap().runs.last().unwrap();
        assert_eq!(last.word_spacing, 0.0);
        assert!(last.end() < style.page.right - 1.0);
        // Every word once, in order.
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect::<String>())
            .collect();
        assert_eq!(
            text.join(" "),
            LONG.split_whitespace().collect::<Vec<_>>().join(" ")
        );
    }

    #[test]
    fn centred_and_right_aligned_lines() {
        let style = cand();
        let lines = break_para(
            &para("CERTIFICATE").align(Align::Center),
            0.0,
            style.text_width(),
            &style,
        )
        .unwrap();
        let r = &lines[0].runs[0];
        let middle = (style.page.left + style.page.right) / 2.0;
        assert!(((r.x + r.end()) / 2.0 - middle).abs() < 0.05);
        let lines = break_para(
            &para("Dated").align(Align::Right),
            0.0,
            style.text_width(),
            &style,
        )
        .unwrap();
        assert!((lines[0].runs[0].end() - style.page.right).abs() < 0.05);
    }

    #[test]
    fn hard_breaks_end_lines_and_blank_lines_stay() {
        let style = cand();
        let p = para("Jane Roe\n\n100 Market Street").align(Align::Left);
        let lines = break_para(&p, 0.0, style.text_width(), &style).unwrap();
        let text: Vec<String> = lines
            .iter()
            .map(|l| l.runs.iter().map(|r| r.text.as_str()).collect())
            .collect();
        assert_eq!(text, ["Jane Roe", "", "100 Market Street"]);
    }

    #[test]
    fn section_signs_and_numbers_stay_together() {
        let w = words(&[Span::plain("under 19 U.S.C. § 1509 and No. 3")], 12.0).unwrap();
        let text: Vec<String> = w
            .iter()
            .map(|w| w.pieces.iter().map(|p| p.text.as_str()).collect())
            .collect();
        assert_eq!(
            text,
            ["under", "19", "U.S.C.", "§\u{a0}1509", "and", "No.\u{a0}3"]
        );
    }

    #[test]
    fn a_missing_glyph_is_named_with_its_context() {
        let err = words(&[Span::plain("a \u{10FFFD} b")], 12.0).unwrap_err();
        assert_eq!(err.code, 0x10FFFD);
        assert!(err.to_string().contains("U+10FFFD"), "{err}");
    }

    #[test]
    fn a_pleading_page_holds_28_double_spaced_lines() {
        let style = cand();
        let elements: Vec<Element> = (1..=29).map(|n| line(&format!("L{n}"))).collect();
        let pages = layout(&elements, &style, &FooterText::default()).unwrap();
        let body = body(&pages, &style);
        assert_eq!(body.len(), 2);
        assert_eq!(body[0].len(), 28);
        assert_eq!(body[0][27], (54, "L28".to_string()));
        assert_eq!(body[1], [(0, "L29".to_string())]);
        // Numbered lines 1–28 on both pages, as page furniture.
        for page in &pages {
            let numbers: Vec<String> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) if t.artifact && t.x < style.page.left => Some(t.text.clone()),
                    _ => None,
                })
                .collect();
            let want: Vec<String> = (1..=28).map(|n| n.to_string()).collect();
            assert_eq!(numbers, want);
        }
    }

    #[test]
    fn no_orphan_or_widow_a_three_line_paragraph_moves_whole() {
        let style = cand();
        // 26 lines fill numbered lines 1–26; a three-line paragraph would leave one line
        // on page 2 (a widow), and breaking after its first line would leave an orphan.
        let mut elements: Vec<Element> = (1..=26).map(|n| line(&format!("L{n}"))).collect();
        elements.push(Element::Para(para(LONG)));
        let pages = layout(&elements, &style, &FooterText::default()).unwrap();
        let body = body(&pages, &style);
        assert_eq!(body[0].len(), 26);
        assert_eq!(body[1].len(), 3);
        assert_eq!(body[1][0].0, 0);
    }

    #[test]
    fn a_heading_is_kept_with_what_follows() {
        let style = cand();
        let mut elements: Vec<Element> = (1..=27).map(|n| line(&format!("L{n}"))).collect();
        let mut heading = para("FIRST CLAIM").align(Align::Center);
        heading.keep_with_next = true;
        elements.push(Element::Para(heading));
        elements.push(line("The claim."));
        let pages = layout(&elements, &style, &FooterText::default()).unwrap();
        let body = body(&pages, &style);
        assert_eq!(body[0].len(), 27);
        assert_eq!(
            body[1],
            [
                (0, "FIRST CLAIM".to_string()),
                (2, "The claim.".to_string())
            ]
        );
    }

    #[test]
    fn a_page_break_and_a_numbered_line() {
        let style = cand();
        let elements = vec![
            line("one"),
            Element::AtLine(8),
            line("on line 8"),
            Element::PageBreak,
            line("two"),
        ];
        let pages = layout(&elements, &style, &FooterText::default()).unwrap();
        let body = body(&pages, &style);
        assert_eq!(
            body,
            [
                vec![(0, "one".to_string()), (14, "on line 8".to_string())],
                vec![(0, "two".to_string())]
            ]
        );
    }

    #[test]
    fn a_numbered_line_after_a_page_break_is_on_the_new_page() {
        let style = cand();
        let elements = vec![
            line("one"),
            Element::PageBreak,
            Element::AtLine(8),
            line("on line 8 of page two"),
        ];
        let pages = layout(&elements, &style, &FooterText::default()).unwrap();
        assert_eq!(
            body(&pages, &style),
            [
                vec![(0, "one".to_string())],
                vec![(14, "on line 8 of page two".to_string())]
            ]
        );
    }

    #[test]
    fn the_footer_numbers_pages_and_names_the_case() {
        let style = cand();
        let elements: Vec<Element> = (1..=30).map(|n| line(&format!("L{n}"))).collect();
        let footer = FooterText {
            title: "Complaint".into(),
            short_title: "COMPLAINT".into(),
            case_number: "3:17-cv-01916".into(),
            ..FooterText::default()
        };
        let pages = layout(&elements, &style, &footer).unwrap();
        for (i, page) in pages.iter().enumerate() {
            let lines = page.text_lines(true);
            let at = |y: f32| {
                lines
                    .iter()
                    .find(|(ly, _)| (ly - y).abs() < 0.5)
                    .map(|(_, t)| t.clone())
            };
            assert_eq!(at(style.footer.page_number_y), Some((i + 1).to_string()));
            assert_eq!(
                at(style.footer.title_y).as_deref(),
                Some("COMPLAINT — Case No. 3:17-cv-01916")
            );
        }
        // Without a case number the footer drops the "Case No." part.
        let pages = layout(&elements, &style, &FooterText::default()).unwrap();
        assert!(!crate::typeset::page::pages_to_text(&pages).contains("Case No."));
    }

    #[test]
    fn a_legend_heads_every_page_above_line_one() {
        let style = cand();
        let elements: Vec<Element> = (0..80).map(|i| line(&format!("Line {i}"))).collect();
        let footer = FooterText {
            legend: "Filed under seal".into(),
            ..FooterText::default()
        };
        let pages = layout(&elements, &style, &footer).unwrap();
        assert!(pages.len() > 1);
        for page in &pages {
            let legend: Vec<&TextRun> = page
                .items
                .iter()
                .filter_map(|i| match i {
                    Item::Text(t) if t.text == "FILED UNDER SEAL" => Some(t),
                    _ => None,
                })
                .collect();
            assert_eq!(legend.len(), 1);
            assert!(legend[0].y < style.text.first_baseline);
            assert!(legend[0].artifact);
        }
        let plain = layout(&elements, &style, &FooterText::default()).unwrap();
        assert!(plain[0]
            .items
            .iter()
            .all(|i| !matches!(i, Item::Text(t) if t.text.contains("SEAL"))));
    }
}
