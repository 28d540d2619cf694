//! Compiling a long built-in template in pieces. Handlebars asks its parser for the line
//! and column of every element, and each answer counts from the start of the source, so
//! compiling costs the square of the template's length: the complaint's 6 KB body took
//! ~19M instructions, 40% of a whole `drafter export`. Cut where no block is open and a
//! new line starts a top-level block, the pieces compile to the same elements, which are
//! joined with their line numbers shifted. The unit tests check, for every built-in
//! template, that the result equals compiling the whole body; any other template is
//! compiled whole.

use handlebars::template::{Template, TemplateElement};

/// Byte offsets where the body may be cut: starts of lines that open a top-level block
/// (`{{#…`), outside every block and comment, after a line of plain text. Empty when the
/// body has a construct this reading does not follow (raw blocks, whitespace control).
pub(crate) fn cuts(body: &str) -> Vec<usize> {
    let b = body.as_bytes();
    let mut depth: i32 = 0;
    let mut out = Vec::new();
    let mut i = 0;
    // Whether the current line holds a tag.
    let mut line_has_tag = false;
    while i < b.len() {
        if b[i] == b'\n' {
            let prev_line_has_tag = line_has_tag;
            line_has_tag = false;
            i += 1;
            if depth == 0 && !prev_line_has_tag && b[i..].starts_with(b"{{#") {
                out.push(i);
            }
            continue;
        }
        if b[i..].starts_with(b"{{") {
            if i > 0 && b[i - 1] == b'\\' {
                return Vec::new();
            }
            line_has_tag = true;
            let rest = &b[i + 2..];
            if rest.starts_with(b"{") || rest.starts_with(b"~") {
                return Vec::new();
            }
            if rest.starts_with(b"!--") {
                match find(rest, b"--}}") {
                    Some(end) => {
                        i += 2 + end + 4;
                        continue;
                    }
                    None => return Vec::new(),
                }
            }
            match rest.first() {
                Some(b'#') => depth += 1,
                Some(b'/') => depth -= 1,
                _ => {}
            }
            match find(rest, b"}}") {
                // Whitespace control (`~}}`) reaches across the cut: do not cut.
                Some(end) if end > 0 && rest[end - 1] == b'~' => return Vec::new(),
                Some(end) => i += 2 + end + 2,
                None => return Vec::new(),
            }
            continue;
        }
        i += 1;
    }
    if depth != 0 {
        return Vec::new();
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Compiles `body` piece by piece at `cuts`; `None` when a piece does not compile (the
/// caller then compiles the whole body, for its error message).
pub(crate) fn compile(body: &str, name: &str, cuts: &[usize]) -> Option<Template> {
    let mut whole: Option<Template> = None;
    let mut start = 0;
    let mut line = 0;
    for &end in cuts.iter().chain(std::iter::once(&body.len())) {
        let piece = &body[start..end];
        let mut t = Template::compile_with_name(piece, name.to_string()).ok()?;
        shift(&mut t, line);
        match &mut whole {
            None => whole = Some(t),
            Some(w) => {
                w.elements.append(&mut t.elements);
                w.mapping.append(&mut t.mapping);
            }
        }
        line += piece.matches('\n').count();
        start = end;
    }
    whole
}

/// Moves every element's line number (and those of the blocks inside) down by `lines`.
fn shift(t: &mut Template, lines: usize) {
    if lines == 0 {
        return;
    }
    for m in &mut t.mapping {
        m.0 += lines;
    }
    for e in &mut t.elements {
        match e {
            TemplateElement::HelperBlock(h)
            | TemplateElement::Expression(h)
            | TemplateElement::HtmlExpression(h) => {
                for inner in [&mut h.template, &mut h.inverse].into_iter().flatten() {
                    shift(inner, lines);
                }
            }
            TemplateElement::DecoratorBlock(d)
            | TemplateElement::DecoratorExpression(d)
            | TemplateElement::PartialBlock(d)
            | TemplateElement::PartialExpression(d) => {
                if let Some(inner) = &mut d.template {
                    shift(inner, lines);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_compiles_to_the_same_template_in_pieces() {
        for (name, source) in crate::template::BUILTIN {
            let (_, body, _) = super::super::frontmatter::split(source).unwrap();
            let whole = Template::compile_with_name(body, name.to_string()).unwrap();
            let cuts = cuts(body);
            let pieces = compile(body, name, &cuts).unwrap();
            assert!(pieces == whole, "{name}: cut at {cuts:?} differs");
        }
    }

    #[test]
    fn the_complaint_is_cut() {
        let (_, body, _) = super::super::frontmatter::split(crate::template::BUILTIN[0].1).unwrap();
        assert!(cuts(body).len() >= 3, "{:?}", cuts(body));
    }

    #[test]
    fn unusual_constructs_are_not_cut() {
        assert!(cuts("a\n{{#if x}}\n{{{{raw}}}}{{{{/raw}}}}\n{{/if}}\n").is_empty());
        assert!(cuts("a\n{{#if x}}y{{~/if}}\n").is_empty());
        assert!(cuts("a\n{{#if x}}\n").is_empty());
    }
}
