//! The limits every template is held to before Handlebars sees it (docs/limits.md): its
//! size, how deeply blocks and sub-expressions nest, and which partials it includes.
//! Handlebars' parser and renderer recurse once per level and have no limit of their own,
//! so a template nested deeply enough, or partials that include each other, would exhaust
//! the stack and abort the process. This module reads the body once, in linear time, and
//! reports the first tag over a limit by its line and column; what it accepts is safe to
//! compile and fill on the fill thread ([`FILL_STACK`]).

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

/// Reads `body` and checks it against the limits.
pub fn scan(body: &str) -> Result<Scan, Breach> {
    let b = body.as_bytes();
    let mut out = Scan::default();
    // Each open block and the depth it adds (an `{{else if}}` adds one more level).
    let mut blocks: Vec<(Option<String>, usize)> = Vec::new();
    let mut depth = 0usize;
    // The inline partial being defined, with the block depth its definition opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut i = 0;
    while let Some(found) = find(&b[i..], b"{{") {
        let start = i + found;
        if start > 0 && b[start - 1] == b'\\' {
            // `\{{…}}` prints literally.
            i = start + 2;
            continue;
        }
        if b[start..].starts_with(b"{{{{") {
            // A raw block: its contents are not read as tags.
            let Some(close) = find(&b[start..], b"{{{{/") else {
                return Err(breach(start, "a raw block `{{{{` is never closed"));
            };
            let Some(end) = find(&b[start + close..], b"}}}}") else {
                return Err(breach(start, "a raw block `{{{{` is never closed"));
            };
            i = start + close + end + 4;
            continue;
        }
        let mut inner = start + 2;
        if b[inner..].starts_with(b"!--") {
            match find(&b[inner..], b"--}}") {
                Some(end) => {
                    i = inner + end + 4;
                    continue;
                }
                None => return Err(breach(start, "a comment `{{!--` is never closed")),
            }
        }
        let Some(len) = tag_end(&b[inner..]) else {
            return Err(breach(start, "a tag `{{` is never closed with `}}`"));
        };
        let end = inner + len;
        i = end + 2;
        while inner < end && matches!(b[inner], b'{' | b'~' | b'&') {
            inner += 1;
        }
        let text = body[inner..end].trim_end_matches(['~', '}']).trim();
        if text.starts_with('!') {
            continue;
        }
        sub_expression_depth(text, start)?;
        let first = text.as_bytes().first().copied();
        match first {
            _ if text == "^" || text == "else" => {}
            Some(b'#') | Some(b'^') => {
                let rest = text[1..].trim_start();
                let (partial, rest) = match rest.strip_prefix('>') {
                    Some(r) => (true, r.trim_start()),
                    None => (false, rest.trim_start_matches('*').trim_start()),
                };
                let name = word(rest);
                depth += 1;
                blocks.push((Some(name.to_string()), 1));
                if depth > MAX_BLOCK_DEPTH {
                    return Err(breach(
                        start,
                        &format!("blocks nest deeper than {MAX_BLOCK_DEPTH} levels"),
                    ));
                }
                if partial {
                    record(&mut out, &inline, partial_name(rest, start)?);
                } else if text[1..].trim_start().starts_with('*') && name == "inline" {
                    let defined = quoted(rest[name.len()..].trim_start());
                    out.inline.entry(defined.clone()).or_default();
                    inline.push((defined, depth));
                }
            }
            Some(b'/') => {
                let Some((_, weight)) = blocks.pop() else {
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
            _ if text.starts_with("else ") => {
                // `{{else if x}}` opens a block inside the one it continues.
                if let Some(top) = blocks.last_mut() {
                    top.1 += 1;
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

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Length of a tag's inside up to its closing `}}`, skipping quoted strings.
pub(crate) fn tag_end(b: &[u8]) -> Option<usize> {
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < b.len() {
        match (quote, b[i]) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, c @ (b'"' | b'\'')) => quote = Some(c),
            (None, b'}') if b.get(i + 1) == Some(&b'}') => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Checks the parenthesis nesting of one tag's text.
fn sub_expression_depth(text: &str, start: usize) -> Result<(), Breach> {
    let mut depth = 0usize;
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '(') => {
                depth += 1;
                if depth > MAX_EXPRESSION_DEPTH {
                    return Err(breach(
                        start,
                        &format!("sub-expressions nest deeper than {MAX_EXPRESSION_DEPTH} levels"),
                    ));
                }
            }
            (None, ')') => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// The first word of a tag (a helper's or a partial's name).
fn word(text: &str) -> &str {
    let end = text
        .find(|c: char| c.is_whitespace() || matches!(c, '(' | ')' | '~' | '}'))
        .unwrap_or(text.len());
    &text[..end]
}

/// A quoted or bare name (`"caption"` or `caption`).
fn quoted(text: &str) -> String {
    let t = text.trim_start();
    match t.chars().next() {
        Some(q @ ('"' | '\'')) => t[1..].split(q).next().unwrap_or_default().to_string(),
        _ => word(t).to_string(),
    }
}

/// The name a partial tag includes; a computed name (`{{> (lookup …)}}`) cannot be
/// followed, so it is refused.
fn partial_name(text: &str, start: usize) -> Result<String, Breach> {
    if text.starts_with('(') {
        return Err(breach(
            start,
            "a partial's name must be written out (`{{> caption}}`), not computed",
        ));
    }
    let name = quoted(text);
    if name.is_empty() {
        return Err(breach(start, "a partial tag `{{>` names no partial"));
    }
    Ok(name)
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
