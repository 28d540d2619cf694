//! The limits every template is held to before Handlebars sees it (docs/limits.md): its
//! size, how deeply blocks and sub-expressions nest, and which partials it includes.
//! Handlebars' parser and renderer recurse once per level and have no limit of their own,
//! so a template nested deeply enough, or partials that include each other, would exhaust
//! the stack and abort the process. This module reads the body once, in linear time, and
//! reports the first tag over a limit by its line and column; what it accepts is safe to
//! compile and fill on the fill thread ([`FILL_STACK`]).

use super::lex;
use std::collections::BTreeMap;

/// Largest template file, in bytes (front matter and body).
pub const MAX_TEMPLATE_BYTES: usize = 1024 * 1024;
/// Deepest nesting of blocks (`{{#if}}`, `{{#each}}`, `{{#*inline}}`, `{{else if}}` chains).
pub const MAX_BLOCK_DEPTH: usize = 32;
/// Deepest nesting of sub-expressions within one tag (`{{a (b (c x))}}`).
pub const MAX_EXPRESSION_DEPTH: usize = 16;
/// Deepest nesting of partials (`{{> other}}`) a template may use.
pub const MAX_PARTIAL_DEPTH: usize = 8;
/// Stack of the thread templates are compiled and filled on. The limits above keep the
/// deepest recursion they allow (every partial level at full block depth) well inside it.
pub const FILL_STACK: usize = 64 * 1024 * 1024;

/// What the scan learned about a body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scan {
    /// Partials included outside any `{{#*inline}}` definition, in order.
    pub partials: Vec<String>,
    /// Inline partials the body defines, each with the partials its own body includes.
    pub inline: BTreeMap<String, Vec<String>>,
}

impl Scan {
    /// Every partial name the body includes, inside inline definitions or not.
    pub fn all_partials(&self) -> impl Iterator<Item = &String> {
        self.partials.iter().chain(self.inline.values().flatten())
    }
}

/// A limit the body breaks, at a byte offset of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Breach {
    /// The byte offset in the body where the breach is.
    pub offset: usize,
    /// Which limit is broken, and how.
    pub reason: String,
}

/// Runs `f` on a thread with a [`FILL_STACK`]-byte stack (or on this thread, if no thread
/// can be started), returning its result.
pub(crate) fn on_fill_stack<T: Send>(f: impl FnOnce() -> T + Send) -> T {
    let mut f = Some(f);
    let spawned = std::thread::scope(|s| {
        let job = &mut f;
        let handle = std::thread::Builder::new()
            .name("drafter-fill".into())
            .stack_size(FILL_STACK)
            .spawn_scoped(s, move || job.take().map(|f| f()));
        handle.ok().map(|h| h.join())
    });
    match spawned {
        Some(Ok(Some(result))) => result,
        // A panic is contained by the callers (`contain`); re-raise anything else.
        Some(Err(panic)) => std::panic::resume_unwind(panic),
        Some(Ok(None)) | None => (f.take().expect("the job did not run"))(),
    }
}

/// Reads `body` and checks it against the limits. The body is read through the lexer
/// ([`super::lex`]), which sees every tag where Handlebars' grammar sees it.
pub fn scan(body: &str) -> Result<Scan, Breach> {
    let mut out = Scan::default();
    // The depth each open block adds (an `{{else if}}` adds one more level).
    let mut blocks: Vec<usize> = Vec::new();
    let mut depth = 0usize;
    // The inline partial being defined, with the block depth its definition opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    for token in lex::tokens(body) {
        let token = token?;
        let lex::Kind::Tag { inner, inner_end } = token.kind else {
            continue;
        };
        let start = token.start;
        let text = lex::tag_text(body, inner, inner_end);
        match text.as_bytes().first() {
            _ if text == "^" || text == "else" => {}
            Some(b'#') => {
                let rest = text[1..].trim_start();
                depth += 1;
                blocks.push(1);
                if depth > MAX_BLOCK_DEPTH {
                    return Err(breach(
                        start,
                        &format!("blocks nest deeper than {MAX_BLOCK_DEPTH} levels"),
                    ));
                }
                if let Some(partial) = rest.strip_prefix('>') {
                    record(
                        &mut out,
                        &inline,
                        partial_name(partial.trim_start(), start)?,
                    );
                } else if let Some(decorator) = rest.strip_prefix('*') {
                    let decorator = decorator.trim_start();
                    if let Some(name) = decorator.strip_prefix("inline") {
                        let defined = inline_name(name, start)?;
                        out.inline.entry(defined.clone()).or_default();
                        inline.push((defined, depth));
                    }
                }
            }
            Some(b'/') => {
                let Some(weight) = blocks.pop() else {
                    return Err(breach(start, "a closing tag `{{/…}}` closes no block"));
                };
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
                depth -= weight;
            }
            Some(b'>') => {
                record(
                    &mut out,
                    &inline,
                    partial_name(text[1..].trim_start(), start)?,
                );
            }
            // `{{else if x}}` and `{{^x}}` (the grammar reads `{{elsewhere}}` as
            // `{{else where}}`) continue a block with one inside it.
            _ if text.starts_with("else") || text.starts_with('^') => {
                if let Some(top) = blocks.last_mut() {
                    *top += 1;
                    depth += 1;
                    if depth > MAX_BLOCK_DEPTH {
                        return Err(breach(
                            start,
                            &format!("blocks nest deeper than {MAX_BLOCK_DEPTH} levels (counting each `else if`)"),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

fn breach(offset: usize, reason: &str) -> Breach {
    Breach {
        offset,
        reason: reason.to_string(),
    }
}

/// Whether Handlebars reads `c` as part of a partial's name (`partial_symbol_char`).
fn partial_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '@' | '/' | '.') || !c.is_ascii()
}

/// The name a partial tag includes, as Handlebars looks it up: the plain name, or a
/// `'quoted'` name with its quotes. A computed name (`{{> (lookup …)}}`) or any other
/// form cannot be followed, so it is refused.
fn partial_name(text: &str, start: usize) -> Result<String, Breach> {
    if text.starts_with('(') {
        return Err(breach(
            start,
            "a partial's name must be written out (`{{> caption}}`), not computed",
        ));
    }
    if let Some(quoted) = text.strip_prefix('\'') {
        if let Some(close) = quoted.find('\'') {
            if close > 0 {
                return Ok(text[..close + 2].to_string());
            }
        }
    }
    let end = text.find(|c: char| !partial_char(c)).unwrap_or(text.len());
    if end == 0 {
        return Err(breach(
            start,
            "a partial tag `{{>` must name its partial plainly (`{{> caption}}`)",
        ));
    }
    Ok(text[..end].to_string())
}

/// The name an inline partial defines: its first parameter, a string without backslashes.
fn inline_name(text: &str, start: usize) -> Result<String, Breach> {
    let t = text.trim_start();
    let name = match t.chars().next() {
        Some(q @ ('"' | '\'')) => t[1..].split(q).next().filter(|n| !n.contains('\\')),
        _ => None,
    };
    name.map(str::to_string).ok_or_else(|| {
        breach(
            start,
            "an inline partial's name must be written in quotes, without backslashes (`{{#*inline \"name\"}}`)",
        )
    })
}

fn record(out: &mut Scan, inline: &[(String, usize)], name: String) {
    match inline.last() {
        Some((defining, _)) => out.inline.entry(defining.clone()).or_default().push(name),
        None => out.partials.push(name),
    }
}

/// Checks the partial graph from `root`: `includes(name)` gives what a partial named
/// `name` includes (`None` when no such partial exists). Refuses a loop and a chain longer
/// than [`MAX_PARTIAL_DEPTH`].
pub fn check_partials(
    root: &str,
    root_includes: &[String],
    includes: &dyn Fn(&str) -> Option<Vec<String>>,
) -> Result<(), String> {
    fn walk(
        children: &[String],
        stack: &mut Vec<String>,
        includes: &dyn Fn(&str) -> Option<Vec<String>>,
    ) -> Result<(), String> {
        for p in children {
            if stack.contains(p) {
                return Err(format!(
                    "partials include each other in a loop: {} > {p}",
                    stack.join(" > ")
                ));
            }
            if stack.len() > MAX_PARTIAL_DEPTH {
                return Err(format!(
                    "partials nest deeper than {MAX_PARTIAL_DEPTH} levels: {} > {p}",
                    stack.join(" > ")
                ));
            }
            let Some(grand) = includes(p) else { continue };
            stack.push(p.clone());
            walk(&grand, stack, includes)?;
            stack.pop();
        }
        Ok(())
    }
    walk(root_includes, &mut vec![root.to_string()], includes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_within_the_limit_passes() {
        let ok = "{{#if a}}".repeat(MAX_BLOCK_DEPTH) + &"{{/if}}".repeat(MAX_BLOCK_DEPTH);
        assert!(scan(&ok).is_ok());
    }

    #[test]
    fn nesting_past_the_limit_is_placed() {
        let n = MAX_BLOCK_DEPTH + 1;
        let body = "x\n".to_string() + &"{{#if a}}".repeat(n) + &"{{/if}}".repeat(n);
        let e = scan(&body).unwrap_err();
        assert_eq!(e.offset, 2 + 9 * MAX_BLOCK_DEPTH);
        assert!(e.reason.contains("blocks nest"), "{}", e.reason);
    }

    #[test]
    fn else_if_chains_count() {
        let body = "{{#if a}}".to_string() + &"{{else if b}}".repeat(MAX_BLOCK_DEPTH) + "{{/if}}";
        assert!(scan(&body).is_err());
        let short = "{{#if a}}{{else if b}}{{else}}{{/if}}{{#if c}}{{/if}}";
        assert!(scan(short).is_ok());
    }

    #[test]
    fn sub_expressions_are_bounded() {
        let n = MAX_EXPRESSION_DEPTH + 1;
        let body = format!("{{{{x {}y{}}}}}", "(a ".repeat(n), ")".repeat(n));
        assert!(scan(&body).unwrap_err().reason.contains("sub-expressions"));
        assert!(scan("{{x \"((((((((((((((((((((\"}}").is_ok());
    }

    #[test]
    fn partials_and_inline_definitions_are_found() {
        let s = scan("{{> caption}} {{#*inline \"a\"}}{{> b}}{{/inline}}{{#> c}}{{/c}}").unwrap();
        assert_eq!(s.partials, vec!["caption", "c"]);
        assert_eq!(s.inline["a"], vec!["b"]);
    }

    #[test]
    fn computed_partials_are_refused() {
        assert!(scan("{{> (lookup . \"x\")}}").is_err());
    }

    #[test]
    fn comments_raw_blocks_and_escapes_are_skipped() {
        let s =
            scan("{{!-- {{#if}} --}}{{{{raw}}}}{{#if}}{{{{/raw}}}}\\{{#if x}}{{! {{#x}}").unwrap();
        assert_eq!(s, Scan::default());
    }

    #[test]
    fn loops_and_long_chains_are_refused() {
        let graph = |n: &str| -> Option<Vec<String>> {
            match n {
                "a" => Some(vec!["b".into()]),
                "b" => Some(vec!["a".into()]),
                _ => None,
            }
        };
        assert!(check_partials("t", &["a".into()], &graph)
            .unwrap_err()
            .contains("loop"));
        let chain = |n: &str| -> Option<Vec<String>> {
            n.strip_prefix('p')
                .and_then(|k| k.parse::<usize>().ok())
                .map(|k| vec![format!("p{}", k + 1)])
        };
        assert!(check_partials("t", &["p0".into()], &chain)
            .unwrap_err()
            .contains("deeper"));
        assert!(check_partials("t", &["missing".into()], &chain).is_ok());
    }
}
