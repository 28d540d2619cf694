//! Reads a template body into its tokens exactly as Handlebars' grammar does (handlebars 6,
//! `src/grammar.pest`): escapes, comments, raw blocks and tags, each with its extent.
//!
//! The limits ([`super::bounds`]) and the cutting into pieces ([`super::segments`]) both
//! read the body through this one lexer. Their promise (nothing Handlebars parses nests
//! deeper than the limits) holds only if they see the tags Handlebars sees, where it sees
//! them; a text the grammar reads one way and a simpler reading another (`\\{{` is a tag,
//! not an escape; `{{! it's }}` ends at its `}}`; `[…]` in a tag may hold `}}`) let a
//! template hide thousands of nested blocks from the limits and abort the process.
//!
//! Where the grammar's reading is subtle and templates have no need of it, the lexer
//! refuses rather than guesses: object literals (`{…}`) and nested brackets inside a tag,
//! backslashes inside `'…'` strings.

use super::bounds::{Breach, MAX_EXPRESSION_DEPTH};

/// One token: `start..end` in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// `\{{` (or `\{{{{`): the braces print as text. Starts at the backslash.
    Escape,
    /// `{{! … }}` or `{{!-- … --}}`.
    Comment,
    /// `{{{{name}}}} … {{{{/name}}}}`: the contents print as text.
    Raw,
    /// Any other tag; its text is `inner..inner_end` (between `{{` and `}}`).
    Tag { inner: usize, inner_end: usize },
}

/// The tokens of `body`, in order; the text between them prints as it is. Stops after the
/// first error.
pub(crate) fn tokens(body: &str) -> Tokens<'_> {
    Tokens {
        b: body.as_bytes(),
        at: 0,
        failed: false,
    }
}

pub(crate) struct Tokens<'a> {
    b: &'a [u8],
    at: usize,
    failed: bool,
}

impl Iterator for Tokens<'_> {
    type Item = Result<Token, Breach>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        let next = next_token(self.b, self.at).transpose()?;
        match &next {
            Ok(t) => self.at = t.end,
            Err(_) => self.failed = true,
        }
        Some(next)
    }
}

/// A tag's text without its whitespace control, triple braces or `&`: `#if x`, `/if`,
/// `> caption`, `else`.
pub(crate) fn tag_text(body: &str, inner: usize, inner_end: usize) -> &str {
    body[inner..inner_end]
        .trim_start_matches('~')
        .trim_start()
        .trim_start_matches(['{', '&'])
        .trim_end()
        .trim_end_matches('~')
        .trim_end()
        .trim_end_matches('}')
        .trim()
}

fn next_token(b: &[u8], from: usize) -> Result<Option<Token>, Breach> {
    let Some(p) = find(&b[from..], b"{{").map(|f| from + f) else {
        return Ok(None);
    };
    // The grammar's `escape`: one backslash escapes the braces; a run of two or more is
    // text, and the tag after it is a tag.
    if backslashes_before(b, from, p) == 1 {
        let mut end = p + 2;
        if b[end..].starts_with(b"{{") {
            end += 2;
        }
        return Ok(Some(Token {
            start: p - 1,
            end,
            kind: Kind::Escape,
        }));
    }
    let token = if b[p..].starts_with(b"{{{{") {
        raw_block(b, p)?
    } else if b.get(p + 2) == Some(&b'!') {
        comment(b, p)?
    } else {
        tag(b, p)?
    };
    Ok(Some(token))
}

fn backslashes_before(b: &[u8], from: usize, p: usize) -> usize {
    b[from..p].iter().rev().take_while(|&&c| c == b'\\').count()
}

/// `{{{{name}}}}`, its text up to the first `{{{{` that is not escaped, which must be the
/// closing `{{{{/name}}}}`.
fn raw_block(b: &[u8], p: usize) -> Result<Token, Breach> {
    let unclosed = || breach(p, "a raw block `{{{{` is never closed with `{{{{/…}}}}`");
    let open = tag(b, p + 2)?;
    if !b[open.end..].starts_with(b"}}") {
        return Err(unclosed());
    }
    let mut q = open.end + 2;
    loop {
        let r = find(&b[q..], b"{{{{").map(|f| q + f).ok_or_else(unclosed)?;
        if backslashes_before(b, q, r) == 1 {
            q = r + 4;
            continue;
        }
        let after = b[r + 4..].strip_prefix(b"~").unwrap_or(&b[r + 4..]);
        if !after.trim_ascii_start().starts_with(b"/") {
            return Err(unclosed());
        }
        let end = find(&b[r + 4..], b"}}}}").ok_or_else(unclosed)?;
        return Ok(Token {
            start: p,
            end: r + 4 + end + 4,
            kind: Kind::Raw,
        });
    }
}

/// `{{!-- … --}}`, or when that has no `--}}`, `{{! … }}` up to the first `}}`.
fn comment(b: &[u8], p: usize) -> Result<Token, Breach> {
    if b[p + 2..].starts_with(b"!--") {
        if let Some(f) = find(&b[p + 5..], b"--}}") {
            return Ok(Token {
                start: p,
                end: p + 5 + f + 4,
                kind: Kind::Comment,
            });
        }
    }
    let f = find(&b[p + 3..], b"}}")
        .ok_or_else(|| breach(p, "a comment `{{!` is never closed with `}}`"))?;
    Ok(Token {
        start: p,
        end: p + 3 + f + 2,
        kind: Kind::Comment,
    })
}

/// A tag from its `{{` to its `}}` (`}}}` for `{{{x}}}`), reading strings, `[…]` and
/// sub-expressions inside it; sub-expressions deeper than [`MAX_EXPRESSION_DEPTH`] are
/// refused here.
fn tag(b: &[u8], p: usize) -> Result<Token, Breach> {
    let mut k = p + 2;
    if b.get(k) == Some(&b'~') {
        k += 1;
    }
    let triple = b.get(k) == Some(&b'{');
    if triple {
        k += 1;
    }
    let mut parens = 0usize;
    while k < b.len() {
        match b[k] {
            b'"' => k = string_end(b, p, k)?,
            b'\'' => k = string_end(b, p, k)?,
            b'[' => {
                let close = b[k + 1..]
                    .iter()
                    .position(|&c| c == b']')
                    .ok_or_else(|| breach(p, "a `[` in a tag is never closed with `]`"))?;
                let key = &b[k + 1..k + 1 + close];
                if key.iter().any(|c| matches!(c, b'[' | b'{' | b'"' | b'\'')) {
                    return Err(breach(
                        p,
                        "`[…]` in a tag may hold a plain name or number only (no brackets, braces or quotes)",
                    ));
                }
                k += close + 2;
            }
            b'{' => {
                return Err(breach(
                    p,
                    "a `{` inside a tag is not supported (object literals cannot be used)",
                ))
            }
            b'(' => {
                parens += 1;
                if parens > MAX_EXPRESSION_DEPTH {
                    return Err(breach(
                        p,
                        &format!("sub-expressions nest deeper than {MAX_EXPRESSION_DEPTH} levels"),
                    ));
                }
                k += 1;
            }
            b')' => {
                parens = parens.saturating_sub(1);
                k += 1;
            }
            b'}' if b.get(k + 1) == Some(&b'}') => {
                let mut end = k + 2;
                if triple && b.get(end) == Some(&b'}') {
                    end += 1;
                }
                return Ok(Token {
                    start: p,
                    end,
                    kind: Kind::Tag {
                        inner: p + 2,
                        inner_end: k,
                    },
                });
            }
            _ => k += 1,
        }
    }
    Err(breach(p, "a tag `{{` is never closed with `}}`"))
}

/// The index after the string literal that opens at `k` (`"…"` with JSON escapes, `'…'`
/// without backslashes).
fn string_end(b: &[u8], p: usize, k: usize) -> Result<usize, Breach> {
    let quote = b[k];
    let mut j = k + 1;
    while j < b.len() {
        match b[j] {
            b'\\' if quote == b'"' => j += 2,
            b'\\' => {
                return Err(breach(
                    p,
                    "a backslash inside a '…' string is not supported; write the string in \"…\"",
                ))
            }
            c if c == quote => return Ok(j + 1),
            _ => j += 1,
        }
    }
    Err(breach(p, "a string in a tag is never closed"))
}

fn breach(offset: usize, reason: &str) -> Breach {
    Breach {
        offset,
        reason: reason.to_string(),
    }
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<(Kind, &str)> {
        tokens(body)
            .map(|t| {
                let t = t.unwrap();
                (t.kind, &body[t.start..t.end])
            })
            .collect()
    }

    fn tag_texts(body: &str) -> Vec<&str> {
        tokens(body)
            .filter_map(|t| match t.unwrap().kind {
                Kind::Tag { inner, inner_end } => Some(tag_text(body, inner, inner_end)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn one_backslash_escapes_two_do_not() {
        assert_eq!(kinds("a\\{{x}}")[0], (Kind::Escape, "\\{{"));
        assert_eq!(kinds("\\{{{{x}}")[0], (Kind::Escape, "\\{{{{"));
        assert_eq!(tag_texts("a\\\\{{#if x}}"), vec!["#if x"]);
        assert_eq!(tag_texts("\\\\\\{{y}}"), vec!["y"]);
    }

    #[test]
    fn comments_end_where_the_grammar_ends_them() {
        // A quote in a short comment is text: the comment ends at its `}}`.
        assert_eq!(
            tag_texts("{{! it's }}{{#if a}}{{/if}}{{! ' }}"),
            vec!["#if a", "/if"]
        );
        assert_eq!(kinds("{{!-- a }} b --}}")[0].1, "{{!-- a }} b --}}");
        // `{{!--` without `--}}` is a short comment.
        assert_eq!(kinds("{{!-- a }} b")[0].1, "{{!-- a }}");
    }

    #[test]
    fn raw_blocks_end_at_the_first_unescaped_four_braces() {
        let body = "{{{{raw}}}}\\{{{{/raw}}}}{{#if a}}{{{{/raw}}}}{{x}}";
        assert_eq!(
            kinds(body)[0].1,
            "{{{{raw}}}}\\{{{{/raw}}}}{{#if a}}{{{{/raw}}}}"
        );
        assert_eq!(tag_texts(body), vec!["x"]);
        assert!(tokens("{{{{raw}}}}{{{{x}}}}").any(|t| t.is_err()));
    }

    #[test]
    fn strings_and_keys_may_hold_braces() {
        assert_eq!(tag_texts("{{x \"}}\" y}}{{z}}"), vec!["x \"}}\" y", "z"]);
        assert_eq!(tag_texts("{{a.[}}]}}{{/if}}"), vec!["a.[}}]", "/if"]);
        assert_eq!(tag_texts("{{{x}}}{{~{y}~}}"), vec!["x", "y"]);
        assert_eq!(kinds("{{{x}}}")[0].1, "{{{x}}}");
    }

    #[test]
    fn ambiguous_constructs_are_refused() {
        for body in [
            "{{x {\"a\": 1}}}",
            "{{x [[1]]}}",
            "{{x [\"]\"]}}",
            "{{a.[}}{{/if}}]}}",
            "{{> 'a\\'b'}}",
            "{{x \"unclosed}}",
            "{{x",
        ] {
            assert!(tokens(body).any(|t| t.is_err()), "{body}");
        }
    }
}
