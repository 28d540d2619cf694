//! Pages to what the app shows: one SVG per page, drawn from the same layout as the PDF
//! (same positions, same fonts, same justification), so the preview is the printed page.

use crate::typeset::fonts;
use crate::typeset::{Item, Page};
use std::fmt::Write;

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// One page as a standalone SVG document (units are points). Everything on the page but
/// its white sheet is inside one `<g>`: the app updates a drawn page by replacing only the
/// elements of that group that changed, and WebKit repaints just their area. (Removing a
/// direct child of the `<svg>` makes it repaint the whole page, ~12 ms at 1024×700 without
/// a GPU; docs/app.md, "The preview's floor without a GPU".)
pub fn svg(page: &Page) -> String {
    let mut out = String::with_capacity(page.items.len() * 120);
    let _ = write!(
        out,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}pt" height="{h}pt"><rect width="{w}" height="{h}" fill="#fff"/><g>"##,
        w = page.width,
        h = page.height
    );
    for item in crate::typeset::bidi::visual_items(page).iter() {
        match item {
            Item::Rule(r) => {
                let _ = write!(
                    out,
                    r##"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="#000" stroke-width="{}"/>"##,
                    r.x1, r.y1, r.x2, r.y2, r.width
                );
            }
            Item::Text(t) => {
                let (family, weight, style) = t.face.css();
                let mut font = format!(
                    r#" font-family="{family}" font-size="{}" xml:space="preserve""#,
                    t.size
                );
                if weight != "normal" {
                    let _ = write!(font, r#" font-weight="{weight}""#);
                }
                if style != "normal" {
                    let _ = write!(font, r#" font-style="{style}""#);
                }
                // Already in visual order: the browser must not reorder it again
                // (`unicode-bidi` is not inherited, so it goes on every text element).
                let bidi = if t.text.chars().any(crate::typeset::bidi::is_rtl) {
                    r#" direction="ltr" unicode-bidi="bidi-override""#
                } else {
                    ""
                };
                if t.word_spacing.abs() < 0.001 {
                    let _ = write!(
                        out,
                        r#"<text x="{:.2}" y="{:.2}"{font}{bidi}>{}</text>"#,
                        t.x,
                        t.y,
                        esc(&t.text)
                    );
                    continue;
                }
                // Justified: every word where the PDF places it, each its own text element.
                // Not one text with a <tspan> per word: WebKitGTK (2.50) keeps native memory
                // for every <tspan> it lays out, and the preview redraws pages all day
                // (docs/app.md, "Rendering without a GPU").
                let _ = write!(out, "<g{font}>");
                let space = fonts::char_width(t.face, ' ', t.size) + t.word_spacing;
                let mut x = t.x;
                for (i, word) in t.text.split(' ').enumerate() {
                    if i > 0 {
                        out.push(' ');
                    }
                    if !word.is_empty() {
                        let _ = write!(
                            out,
                            r#"<text x="{x:.2}" y="{:.2}"{bidi}>{}</text>"#,
                            t.y,
                            esc(word)
                        );
                    }
                    x += fonts::text_width(t.face, word, t.size) + space;
                }
                out.push_str("</g>");
            }
        }
    }
    out.push_str("</g></svg>");
    out
}
