//! Markdown (the filled template) to [`Block`]s, with pulldown-cmark. Only the constructs
//! documented in docs/templates.md carry meaning; raw HTML and code print as literal text.

use super::model::{Block, BlockKind, Span};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Parses a filled template body.
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut reader = Reader::default();
    for event in Parser::new(markdown) {
        reader.event(event);
    }
    reader.flush();
    reader.blocks
}

/// The parse in progress: the blocks so far, the open block, and where in the Markdown's
/// nesting (lists, quotes, emphasis) the next text falls.
#[derive(Default)]
struct Reader {
    blocks: Vec<Block>,
    current: Option<Block>,
    bold: u32,
    italic: u32,
    /// Open lists, innermost last: `Some(start)` ordered, `None` bulleted.
    lists: Vec<Option<u64>>,
    quote: u32,
    /// Inside a list item whose first paragraph has not ended.
    item_open: bool,
}

impl Reader {
    fn event(&mut self, event: Event<'_>) {
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let kind = self.kind_here();
                let block = self.current.get_or_insert_with(|| Block {
                    kind,
                    spans: Vec::new(),
                });
                push_text(&mut block.spans, &t, self.bold > 0, self.italic > 0);
            }
            Event::SoftBreak => self.push_to_open(" "),
            Event::HardBreak => self.push_to_open("\n"),
            _ => {}
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Heading { level, .. } => {
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                };
                self.open(BlockKind::Heading(level));
            }
            Tag::Paragraph => match &self.current {
                None => self.open(self.kind_here()),
                // A loose list item's first paragraph continues the item's block; a later
                // paragraph continues it without a new number.
                Some(b) if !b.spans.is_empty() => self.open(continuation(b.kind)),
                Some(_) => {}
            },
            Tag::List(start) => {
                self.flush();
                self.lists.push(start);
                self.item_open = false;
            }
            Tag::Item => {
                self.item_open = true;
                self.open(self.kind_here());
            }
            Tag::BlockQuote(_) => {
                self.flush();
                self.quote += 1;
            }
            Tag::CodeBlock(_) => self.open(BlockKind::Paragraph),
            Tag::HtmlBlock => self.flush(),
            Tag::Strong => self.bold += 1,
            Tag::Emphasis => self.italic += 1,
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock => self.flush(),
            TagEnd::Paragraph | TagEnd::Item => {
                self.flush();
                self.item_open = false;
            }
            TagEnd::List(_) => {
                self.flush();
                self.lists.pop();
            }
            TagEnd::BlockQuote(_) => {
                self.flush();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::Strong => self.bold = self.bold.saturating_sub(1),
            TagEnd::Emphasis => self.italic = self.italic.saturating_sub(1),
            _ => {}
        }
    }

    /// What a block opened here is: a numbered paragraph or lettered item inside a list
    /// item, a quotation inside a quote, otherwise a paragraph.
    fn kind_here(&self) -> BlockKind {
        if self.item_open {
            match self.lists.last() {
                Some(Some(_)) => BlockKind::Numbered,
                _ => BlockKind::Item(self.lists.len().saturating_sub(1).min(3) as u8),
            }
        } else if self.quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    }

    /// Ends the open block and opens an empty one of `kind`.
    fn open(&mut self, kind: BlockKind) {
        self.flush();
        self.current = Some(Block {
            kind,
            spans: Vec::new(),
        });
    }

    /// Adds text to the open block, if there is one.
    fn push_to_open(&mut self, text: &str) {
        if let Some(b) = &mut self.current {
            push_text(&mut b.spans, text, self.bold > 0, self.italic > 0);
        }
    }

    /// Ends the open block, keeping it if it has any text.
    fn flush(&mut self) {
        if let Some(mut b) = self.current.take() {
            trim_spans(&mut b.spans);
            if !b.spans.is_empty() {
                self.blocks.push(b);
            }
        }
    }
}

/// A second paragraph inside a list item or quote continues without a new number.
fn continuation(kind: BlockKind) -> BlockKind {
    match kind {
        BlockKind::Numbered | BlockKind::Item(_) => BlockKind::Paragraph,
        k => k,
    }
}

fn push_text(spans: &mut Vec<Span>, text: &str, bold: bool, italic: bool) {
    if let Some(last) = spans.last_mut() {
        if last.bold == bold && last.italic == italic {
            last.text.push_str(text);
            return;
        }
    }
    spans.push(Span {
        text: text.to_string(),
        bold,
        italic,
    });
}

fn trim_spans(spans: &mut Vec<Span>) {
    if let Some(first) = spans.first_mut() {
        let t = first.text.trim_start().to_string();
        first.text = t;
    }
    if let Some(last) = spans.last_mut() {
        let t = last.text.trim_end().to_string();
        last.text = t;
    }
    spans.retain(|s| !s.text.is_empty());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbered_items_and_headings() {
        let blocks = parse("## FACTS\n\n1. One fact.\n\n1. Another *fact*.\n\n- relief\n");
        let kinds: Vec<_> = blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Heading(2),
                BlockKind::Numbered,
                BlockKind::Numbered,
                BlockKind::Item(0)
            ]
        );
        assert_eq!(blocks[2].spans[1].text, "fact");
        assert!(blocks[2].spans[1].italic);
    }

    #[test]
    fn html_prints_literally() {
        let blocks = parse("a <b>x</b>");
        assert_eq!(blocks[0].plain_text(), "a <b>x</b>");
    }

    #[test]
    fn quotes_nested_lists_and_continuations() {
        let blocks = parse(
            "> quoted *text*\n\n- top\n  - nested\n\n1. first\n\n   second paragraph\n\n```\n*code*\n```\n",
        );
        let got: Vec<(BlockKind, String)> =
            blocks.iter().map(|b| (b.kind, b.plain_text())).collect();
        assert_eq!(
            got,
            [
                (BlockKind::Quote, "quoted text".to_string()),
                (BlockKind::Item(0), "top".to_string()),
                (BlockKind::Item(1), "nested".to_string()),
                (BlockKind::Numbered, "first".to_string()),
                (BlockKind::Paragraph, "second paragraph".to_string()),
                (BlockKind::Paragraph, "*code*".to_string()),
            ]
        );
    }

    #[test]
    fn soft_breaks_are_spaces_and_emphasis_nests() {
        let blocks = parse("one\ntwo ***both*** end");
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].plain_text(), "one two both end");
        let both = blocks[0].spans.iter().find(|s| s.text == "both").unwrap();
        assert!(both.bold && both.italic);
    }

    #[test]
    fn hard_breaks_survive() {
        let blocks = parse("one\\\ntwo");
        assert_eq!(blocks[0].plain_text(), "one\ntwo");
    }
}
