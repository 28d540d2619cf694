//! Markdown (the filled template) to [`Block`]s, with pulldown-cmark. Only the constructs
//! documented in docs/templates.md carry meaning; raw HTML and code print as literal text.

use super::model::{Block, BlockKind, Span};
use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

/// Parses a filled template body.
pub fn parse(markdown: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut bold = 0u32;
    let mut italic = 0u32;
    // Stack of open lists: Some(start) for ordered, None for bullets.
    let mut lists: Vec<Option<u64>> = Vec::new();
    let mut quote = 0u32;
    let mut item_open = false;

    let flush = |current: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(mut b) = current.take() {
            trim_spans(&mut b.spans);
            if !b.spans.is_empty() {
                blocks.push(b);
            }
        }
    };
    let kind_here = |lists: &Vec<Option<u64>>, quote: u32, item_open: bool| {
        if item_open {
            match lists.last() {
                Some(Some(_)) => BlockKind::Numbered,
                _ => BlockKind::Item(lists.len().saturating_sub(1).min(3) as u8),
            }
        } else if quote > 0 {
            BlockKind::Quote
        } else {
            BlockKind::Paragraph
        }
    };

    for event in Parser::new(markdown) {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut current, &mut blocks);
                let level = match level {
                    HeadingLevel::H1 => 1,
                    HeadingLevel::H2 => 2,
                    _ => 3,
                };
                current = Some(Block {
                    kind: BlockKind::Heading(level),
                    spans: Vec::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => flush(&mut current, &mut blocks),
            Event::Start(Tag::Paragraph) => {
                // A loose list item's first paragraph continues the item's block.
                if current.is_none() {
                    current = Some(Block {
                        kind: kind_here(&lists, quote, item_open),
                        spans: Vec::new(),
                    });
                } else if let Some(b) = &mut current {
                    if !b.spans.is_empty() {
                        let kind = b.kind;
                        flush(&mut current, &mut blocks);
                        current = Some(Block {
                            kind: continuation(kind),
                            spans: Vec::new(),
                        });
                    }
                }
            }
            Event::End(TagEnd::Paragraph) => {
                flush(&mut current, &mut blocks);
                // Later paragraphs of the same item are continuations.
                if item_open {
                    item_open = false;
                }
            }
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut blocks);
                lists.push(start);
                item_open = false;
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut blocks);
                lists.pop();
            }
            Event::Start(Tag::Item) => {
                flush(&mut current, &mut blocks);
                item_open = true;
                current = Some(Block {
                    kind: kind_here(&lists, quote, true),
                    spans: Vec::new(),
                });
            }
            Event::End(TagEnd::Item) => {
                flush(&mut current, &mut blocks);
                item_open = false;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut current, &mut blocks);
                quote += 1;
            }
            Event::End(TagEnd::BlockQuote(_)) => {
                flush(&mut current, &mut blocks);
                quote = quote.saturating_sub(1);
            }
            Event::Start(Tag::Strong) => bold += 1,
            Event::End(TagEnd::Strong) => bold = bold.saturating_sub(1),
            Event::Start(Tag::Emphasis) => italic += 1,
            Event::End(TagEnd::Emphasis) => italic = italic.saturating_sub(1),
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                let block = current.get_or_insert_with(|| Block {
                    kind: kind_here(&lists, quote, item_open),
                    spans: Vec::new(),
                });
                push_text(&mut block.spans, &t, bold > 0, italic > 0);
            }
            Event::SoftBreak => {
                if let Some(b) = &mut current {
                    push_text(&mut b.spans, " ", bold > 0, italic > 0);
                }
            }
            Event::HardBreak => {
                if let Some(b) = &mut current {
                    push_text(&mut b.spans, "\n", bold > 0, italic > 0);
                }
            }
            Event::Start(Tag::CodeBlock(_)) => {
                flush(&mut current, &mut blocks);
                current = Some(Block {
                    kind: BlockKind::Paragraph,
                    spans: Vec::new(),
                });
            }
            Event::End(TagEnd::CodeBlock)
            | Event::Start(Tag::HtmlBlock)
            | Event::End(TagEnd::HtmlBlock) => flush(&mut current, &mut blocks),
            _ => {}
        }
    }
    flush(&mut current, &mut blocks);
    blocks
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
    fn hard_breaks_survive() {
        let blocks = parse("one\\\ntwo");
        assert_eq!(blocks[0].plain_text(), "one\ntwo");
    }
}
