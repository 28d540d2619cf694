//! Compiling a template in pieces, so the cost grows with its length. Handlebars asks its
//! parser for the line and column of every element, and each answer counts from the start
//! of the source, so compiling a body whole costs the square of its length (a 640 KB firm
//! template took ~25 s, a 6 KB complaint ~19M instructions). Cut at the start of a line
//! where no block is open and where nothing reaches across the cut (a standalone tag's
//! trimmed newline, whitespace control), the pieces compile to the same elements, which
//! are joined with their line numbers shifted and touching text merged. The tests check
//! that the result equals compiling the whole body, for every built-in template and for
//! generated ones.

use super::lex;
use handlebars::template::{Template, TemplateElement};

/// What one line holds, as far as cutting around it goes.
#[derive(Default)]
struct Line {
    /// Text other than tags and whitespace.
    text: bool,
    /// A tag that may stand alone on its line (block, `else`, partial, comment, decorator):
    /// Handlebars then trims the line, newline included.
    standalone_kind: bool,
    /// `\{{` somewhere on the line: the line must not begin a piece.
    no_cut_before: bool,
    /// `~}}` somewhere on the line.
    no_cut_after: bool,
}

/// Byte offsets where the body may be cut: starts of lines outside every block and tag,
/// whose previous line cannot trim across the line break. Empty when the body has a raw
/// block (`{{{{`), which this reading does not follow, or does not lex or is unbalanced
/// (the whole body is then compiled, for Handlebars' own message). The body is read
/// through the lexer ([`super::lex`]), so a cut never falls where Handlebars would be
/// inside a tag, a comment or a raw block.
pub(crate) fn cuts(body: &str) -> Vec<usize> {
    let b = body.as_bytes();
    let mut depth: i64 = 0;
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = Line::default();
    let mut line_start_depth = 0;
    // After `~}}`: whitespace is stripped up to the next text, across line breaks.
    let mut stripping = false;
    let mut tokens = lex::tokens(body);
    loop {
        let token = match tokens.next() {
            Some(Ok(t)) => Some(t),
            Some(Err(_)) => return Vec::new(),
            None => None,
        };
        // The text before the token.
        let text_end = token.map_or(b.len(), |t| t.start);
        while i < text_end {
            let c = b[i];
            i += 1;
            if c == b'\n' {
                let prev = std::mem::take(&mut line);
                let prev_trims = prev.standalone_kind && !prev.text;
                let blocked = prev_trims || prev.no_cut_after || stripping;
                if depth == 0 && line_start_depth == 0 && !blocked && i < b.len() {
                    out.push(i);
                }
                line_start_depth = depth;
            } else if !c.is_ascii_whitespace() {
                line.text = true;
                stripping = false;
            }
        }
        let Some(token) = token else { break };
        let (inner, inner_end) = match token.kind {
            lex::Kind::Raw => return Vec::new(),
            lex::Kind::Escape => {
                line.text = true;
                line.no_cut_before = true;
                line.no_cut_after = true;
                stripping = false;
                i = token.end;
                continue;
            }
            lex::Kind::Comment => (token.start + 2, token.end),
            lex::Kind::Tag { inner, inner_end } => (inner, inner_end),
        };
        stripping = false;
        let tag = &b[inner..inner_end];
        if tag.starts_with(b"~") {
            // `{{~` strips whitespace back to the last text, across line breaks.
            let text_end = b[..token.start]
                .iter()
                .rposition(|c| !c.is_ascii_whitespace())
                .map_or(0, |n| n + 1);
            while out.last().is_some_and(|&c| c > text_end) {
                out.pop();
            }
        }
        let tag_body = match token.kind {
            lex::Kind::Comment => b"!".as_slice(),
            _ => lex::tag_text(body, inner, inner_end).as_bytes(),
        };
        match tag_body.first() {
            Some(b'#') => depth += 1,
            Some(b'/') => depth -= 1,
            _ => {}
        }
        if matches!(
            tag_body.first(),
            Some(b'#' | b'^' | b'/' | b'>' | b'!' | b'*')
        ) || tag_body.starts_with(b"else")
        {
            line.standalone_kind = true;
        } else {
            line.text = true;
        }
        if matches!(token.kind, lex::Kind::Tag { .. }) && tag.trim_ascii_end().ends_with(b"~") {
            line.no_cut_after = true;
            stripping = true;
        }
        // The tag may span lines: no cut inside it.
        if b[token.start..token.end].contains(&b'\n') {
            line.no_cut_after = true;
        }
        i = token.end;
        if line.no_cut_before {
            // Drop a cut made just before this line.
            let line_start = body[..i].rfind('\n').map_or(0, |n| n + 1);
            if out.last() == Some(&line_start) {
                out.pop();
            }
        }
    }
    if depth != 0 {
        return Vec::new();
    }
    out
}

/// Smallest piece worth compiling alone: Handlebars' cost per compilation outweighs the
/// square of a piece this short.
pub(crate) const MIN_PIECE: usize = 256;

/// The cuts that leave pieces of at least `min` bytes (the last may be shorter).
pub(crate) fn thin(cuts: &[usize], min: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut last = 0;
    for &c in cuts {
        if c - last >= min {
            out.push(c);
            last = c;
        }
    }
    out
}

/// Compiles `body` piece by piece at `cuts`. A piece that does not compile gives its
/// error with the number of body lines before the piece.
pub(crate) fn compile(
    body: &str,
    name: &str,
    cuts: &[usize],
) -> Result<Template, (handlebars::TemplateError, usize)> {
    let mut whole: Option<Template> = None;
    let mut start = 0;
    let mut line = 0;
    for &end in cuts.iter().chain(std::iter::once(&body.len())) {
        let piece = &body[start..end];
        let mut t = Template::compile_with_name(piece, name.to_string()).map_err(|e| (e, line))?;
        shift(&mut t, line);
        match &mut whole {
            None => whole = Some(t),
            Some(w) => join(w, t),
        }
        line += piece.matches('\n').count();
        start = end;
    }
    Ok(whole.unwrap_or_default())
}

/// Appends `next`'s elements to `whole`, merging text that touches across the cut.
fn join(whole: &mut Template, mut next: Template) {
    let mut elements = std::mem::take(&mut next.elements).into_iter();
    let mut mapping = std::mem::take(&mut next.mapping).into_iter();
    if let (Some(TemplateElement::RawString(tail)), Some(TemplateElement::RawString(_))) =
        (whole.elements.last_mut(), next_first(&elements))
    {
        if let Some(TemplateElement::RawString(head)) = elements.next() {
            tail.push_str(&head);
            // Handlebars places a text at the tag that ends it: the later piece's place.
            if let (Some(last), Some(place)) = (whole.mapping.last_mut(), mapping.next()) {
                *last = place;
            }
        }
    }
    whole.elements.extend(elements);
    whole.mapping.extend(mapping);
}

fn next_first(it: &std::vec::IntoIter<TemplateElement>) -> Option<&TemplateElement> {
    it.as_slice().first()
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
            assert!(
                pieces.elements == whole.elements && placed(&pieces) == placed(&whole),
                "{name}: cut at {cuts:?} differs"
            );
        }
    }

    #[test]
    fn the_complaint_is_cut() {
        let (_, body, _) = super::super::frontmatter::split(crate::template::BUILTIN[0].1).unwrap();
        assert!(cuts(body).len() >= 3, "{:?}", cuts(body));
    }

    /// Template bodies made of the constructs that decide where a cut may go: text,
    /// blank lines, expressions, standalone and inline blocks, `else`, comments, partials,
    /// whitespace control and escapes.
    fn body() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let leaf = prop_oneof![
            Just("text".to_string()),
            Just(" ".to_string()),
            Just("\n".to_string()),
            Just("\n\n".to_string()),
            Just("  \n".to_string()),
            Just("{{x}}".to_string()),
            Just("{{{x}}}".to_string()),
            Just("{{~x}}".to_string()),
            Just("{{x~}}".to_string()),
            Just("{{! note }}".to_string()),
            Just("{{!-- a }} note --}}".to_string()),
            Just("{{> p}}".to_string()),
            Just("\\{{x}}".to_string()),
            Just("{{x \"}}\"}}".to_string()),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            (
                proptest::collection::vec(inner.clone(), 0..6),
                proptest::collection::vec(inner, 0..3),
                any::<(bool, bool, bool, bool)>(),
            )
                .prop_map(|(body, alt, (nl_open, nl_close, with_else, tilde))| {
                    let open = if tilde { "{{~#if x~}}" } else { "{{#if x}}" };
                    let mut s = String::from(open);
                    if nl_open {
                        s.push('\n');
                    }
                    s.push_str(&body.concat());
                    if with_else {
                        s.push_str("\n{{else}}\n");
                        s.push_str(&alt.concat());
                    }
                    if nl_close {
                        s.push('\n');
                    }
                    s.push_str("{{/if}}");
                    s
                })
        })
        .prop_map(|s| s)
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(
            std::env::var("SEGMENT_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(500)
        ))]
        #[test]
        fn pieces_compile_to_the_whole(parts in proptest::collection::vec(body(), 1..12)) {
            let body = parts.join("\n");
            let whole = Template::compile_with_name(&body, "t".to_string());
            let cuts = cuts(&body);
            let pieces = compile(&body, "t", &cuts);
            match (whole, pieces) {
                (Ok(w), Ok(p)) => {
                    proptest::prop_assert!(w.elements == p.elements, "cut at {:?}: {:?}", cuts, body);
                    proptest::prop_assert!(placed(&w) == placed(&p), "places, cut at {:?}: {:?}", cuts, body);
                }
                (Err(_), Err(_)) => {}
                (w, p) => proptest::prop_assert!(false, "{:?}: whole {:?} pieces {:?}", body, w.is_ok(), p.is_ok()),
            }
        }
    }

    /// The places of the elements other than text (a text's place is never reported).
    fn placed(t: &Template) -> Vec<(usize, usize)> {
        t.elements
            .iter()
            .zip(&t.mapping)
            .filter(|(e, _)| !matches!(e, TemplateElement::RawString(_)))
            .map(|(_, m)| (m.0, m.1))
            .collect()
    }

    #[test]
    fn compile_time_grows_linearly() {
        let unit = "Paragraph {{x}} and {{#if y}}yes{{else}}no{{/if}} {{z}}.\n\n{{#each facts}}\n{{text}}\n{{/each}}\n";
        let time = |n: usize| {
            let body = unit.repeat(n);
            let start = std::time::Instant::now();
            let t = compile(&body, "t", &thin(&cuts(&body), MIN_PIECE)).unwrap();
            assert!(!t.elements.is_empty());
            (body.len(), start.elapsed())
        };
        let (small_len, small) = time(500);
        let (big_len, big) = time(4_000);
        // Eight times the text: linear cost is ~8x; quadratic would be ~64x.
        let ratio = big.as_secs_f64() / small.as_secs_f64().max(1e-4);
        assert!(
            ratio < 20.0,
            "{small_len} B: {small:?}; {big_len} B: {big:?}"
        );
    }

    #[test]
    fn unusual_constructs_are_not_cut() {
        assert!(cuts("a\n{{#if x}}\n{{{{raw}}}}{{{{/raw}}}}\n{{/if}}\n").is_empty());
        assert_eq!(cuts("a\n{{#if x}}y{{/if}}\nb\n\n  {{~x}}\n"), vec![2, 20]);
        assert_eq!(cuts("a{{x~}}\n\nb\nc\n"), vec![11]);
        assert!(cuts("a\n{{#if x}}\n").is_empty());
    }
}
