//! The document model between Markdown and layout: blocks of styled inline text.
//! Parsing produces [`Block`]s; composition turns them (and the court's furniture) into
//! [`Element`]s with spacing, alignment and keep rules that layout follows.

/// A run of text in one style. A `'\n'` in `text` is a hard line break.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The characters.
    pub text: String,
    /// Set in bold.
    pub bold: bool,
    /// Set in italic.
    pub italic: bool,
}

impl Span {
    /// Text in the regular face.
    pub fn plain(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: false,
            italic: false,
        }
    }

    /// Text in bold.
    pub fn bold(text: impl Into<String>) -> Span {
        Span {
            text: text.into(),
            bold: true,
            italic: false,
        }
    }
}

/// What a parsed Markdown block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `#`, `##`, `###`.
    Heading(u8),
    /// An ordinary paragraph.
    Paragraph,
    /// An ordered-list item: a numbered paragraph in a pleading.
    Numbered,
    /// A bullet-list item (lettered in a pleading) at a nesting depth (0 = top).
    Item(u8),
    /// A block quotation.
    Quote,
}

/// One block of the body as the template wrote it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// Its text, in styled runs.
    pub spans: Vec<Span>,
}

impl Block {
    /// The block's text without styling.
    pub fn plain_text(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }
}

/// Horizontal alignment of a paragraph's lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    /// Every line but the last spread to both edges.
    Justify,
    /// Flush left.
    Left,
    /// Centred.
    Center,
    /// Flush right.
    Right,
}

/// Line spacing in grid units: single is one unit, double two. A court style names it
/// `"single"` or `"double"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Spacing {
    /// One grid unit per line.
    Single,
    /// Two grid units per line: on pleading paper, one numbered line.
    Double,
}

impl Spacing {
    /// Grid units per line.
    pub fn units(self) -> u32 {
        match self {
            Spacing::Single => 1,
            Spacing::Double => 2,
        }
    }
}

/// A paragraph ready for layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Para {
    /// The text, in styled runs.
    pub spans: Vec<Span>,
    /// How its lines are aligned.
    pub align: Align,
    /// Single or double spaced.
    pub spacing: Spacing,
    /// Left indent of every line, from the column's left edge (pt).
    pub left: f32,
    /// Right indent from the column's right edge (pt).
    pub right: f32,
    /// Extra indent of the first line (pt), on top of `left`.
    pub first_indent: f32,
    /// A label drawn on the first line at `left + label_x` (a paragraph number, "A.").
    pub label: Option<(String, f32)>,
    /// Empty grid units before the paragraph (dropped at the top of a page).
    pub space_before: u32,
    /// Never split across pages.
    pub keep_together: bool,
    /// Never separate from the first lines of what follows (headings).
    pub keep_with_next: bool,
    /// Never separate from the last lines of what precedes (the signature block).
    pub keep_with_previous: bool,
    /// An outline entry pointing at this paragraph.
    pub bookmark: Option<String>,
    /// Type size in points; the style's when `None`.
    pub size: Option<f32>,
}

impl Para {
    /// A justified, double-spaced paragraph with no indents or keep rules.
    pub fn new(spans: Vec<Span>) -> Para {
        Para {
            spans,
            align: Align::Justify,
            spacing: Spacing::Double,
            left: 0.0,
            right: 0.0,
            first_indent: 0.0,
            label: None,
            space_before: 0,
            keep_together: false,
            keep_with_next: false,
            keep_with_previous: false,
            bookmark: None,
            size: None,
        }
    }

    /// With this alignment.
    pub fn align(mut self, align: Align) -> Para {
        self.align = align;
        self
    }

    /// With this spacing.
    pub fn spacing(mut self, spacing: Spacing) -> Para {
        self.spacing = spacing;
        self
    }

    /// With this many empty grid units before it.
    pub fn space_before(mut self, units: u32) -> Para {
        self.space_before = units;
        self
    }

    /// With these left and right indents (points).
    pub fn indent(mut self, left: f32, right: f32) -> Para {
        self.left = left;
        self.right = right;
        self
    }

    /// Never split across pages.
    pub fn keep_together(mut self) -> Para {
        self.keep_together = true;
        self
    }
}

/// A column of paragraphs that sits beside another (caption, dated/signature lines).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Left edge relative to the text area (pt) and width (pt).
    pub x: f32,
    /// Width of the column (pt).
    pub width: f32,
    /// Its paragraphs, top to bottom.
    pub paras: Vec<Para>,
}

/// A unit the layout places.
#[derive(Debug, Clone, PartialEq)]
pub enum Element {
    /// A paragraph.
    Para(Para),
    /// Columns side by side, starting on the same grid line, kept together. With `boxed`,
    /// the first column is closed by rules on its right and bottom (a caption box).
    Columns {
        /// The columns, left to right.
        columns: Vec<Column>,
        /// Close the first column with rules.
        boxed: bool,
        /// Empty grid units before the columns.
        space_before: u32,
    },
    /// Move down to this numbered line (1-based, double-spaced grid) of the current page
    /// if the cursor is above it.
    AtLine(u32),
    /// Start a new page.
    PageBreak,
}
