//! Positioned pages: the one layout that both the PDF writer and the preview draw.
//! Coordinates are points from the top-left corner of the page.

use super::fonts::Face;

/// A run of text in one face on one baseline.
#[derive(Debug, Clone, PartialEq)]
pub struct TextRun {
    /// Left end of the run, from the page's left edge.
    pub x: f32,
    /// Baseline, from the top of the page.
    pub y: f32,
    /// The face it is set in.
    pub face: Face,
    /// Type size in points.
    pub size: f32,
    /// The characters, in reading order.
    pub text: String,
    /// Extra space added to every space character (justification), in points.
    pub word_spacing: f32,
    /// Page furniture (line numbers, footer) rather than the document's own text.
    pub artifact: bool,
}

impl TextRun {
    /// Where the run ends on its baseline, justification included.
    pub fn end(&self) -> f32 {
        self.x
            + super::fonts::text_width(self.face, &self.text, self.size)
            + self.word_spacing * self.text.matches(' ').count() as f32
    }
}

/// A straight rule.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Start, from the page's left edge.
    pub x1: f32,
    /// Start, from the page's top edge.
    pub y1: f32,
    /// End, from the page's left edge.
    pub x2: f32,
    /// End, from the page's top edge.
    pub y2: f32,
    /// Thickness in points.
    pub width: f32,
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text.
    Text(TextRun),
    /// A straight line.
    Rule(Rule),
}

/// One laid-out page.
#[derive(Debug, Clone, PartialEq)]
pub struct Page {
    /// Paper width in points.
    pub width: f32,
    /// Paper height in points.
    pub height: f32,
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
    /// Outline entries that start on this page.
    pub bookmarks: Vec<String>,
}

impl Page {
    /// The page's text lines in reading order (top to bottom, left to right), each with
    /// its baseline. Runs on the same baseline are joined with a space where they are
    /// apart. With `include_artifacts` false, line numbers and footers are left out.
    pub fn text_lines(&self, include_artifacts: bool) -> Vec<(f32, String)> {
        let mut runs: Vec<&TextRun> = self
            .items
            .iter()
            .filter_map(|i| match i {
                Item::Text(t) if include_artifacts || !t.artifact => Some(t),
                _ => None,
            })
            .collect();
        runs.sort_by(|a, b| a.y.total_cmp(&b.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<(f32, String, f32)> = Vec::new();
        for r in runs {
            let end = r.end();
            match lines.last_mut() {
                Some((y, text, last_end)) if (*y - r.y).abs() < 0.5 => {
                    if r.x - *last_end > 1.0 && !text.ends_with(' ') {
                        text.push(' ');
                    }
                    text.push_str(&r.text);
                    *last_end = end;
                }
                _ => lines.push((r.y, r.text.clone(), end)),
            }
        }
        lines.into_iter().map(|(y, t, _)| (y, t)).collect()
    }
}

/// Plain text of a set of pages, pages separated by form feeds.
pub fn pages_to_text(pages: &[Page]) -> String {
    let mut out = String::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            out.push('\u{c}');
        }
        for (_, line) in page.text_lines(true) {
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}
