//! The Handlebars helpers templates may use (documented in docs/templates.md), and the
//! escape function that makes every value print literally in Markdown.

use crate::profile::{Role, Side};
use crate::words::{join_list, ordinal, roman};
use chrono::{Datelike, NaiveDate};
use handlebars::{
    Context, Handlebars, Helper, HelperDef, RenderContext, RenderError, RenderErrorReason,
    ScopedJson,
};
use serde::Deserialize;
use serde_json::Value;

/// Escapes a value so Markdown prints it exactly: every ASCII punctuation character is
/// backslash-escaped (CommonMark allows that for all of them) and runs of white space,
/// including line breaks, become one space, so a value can never start a heading, a
/// list, a quote or a code block, nor close an emphasis the template opened.
pub fn escape_markdown(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 8);
    let mut in_space = false;
    for ch in value.chars() {
        if ch.is_whitespace() && ch != '\u{a0}' {
            if !in_space {
                out.push(' ');
            }
            in_space = true;
            continue;
        }
        in_space = false;
        if ch.is_control() {
            continue;
        }
        if ch.is_ascii_punctuation() {
            out.push('\\');
        }
        out.push(ch);
    }
    out
}

/// Every helper's name, for the template checker.
pub const HELPERS: &[&str] = &[
    "long-date",
    "day-date",
    "ordinal",
    "ordinal-word",
    "roman",
    "upper",
    "lower",
    "join-and",
    "join-or",
    "plural",
    "count",
    "party",
    "parties-by-role",
    "party-name",
    "short",
    "short-caption",
    "inc",
    "role-label",
    "parties-by-kind",
    "is-pseudonymous",
];

/// Registers every helper.
pub fn register(hb: &mut Handlebars<'_>) {
    for name in HELPERS {
        hb.register_helper(name, Box::new(Named(name)));
    }
}

struct Named(&'static str);

impl HelperDef for Named {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let params: Vec<&Value> = h.params().iter().map(|p| p.value()).collect();
        let missing = h.params().iter().position(|p| p.is_value_missing());
        if let Some(i) = missing {
            let what = h.params()[i]
                .relative_path()
                .cloned()
                .unwrap_or_else(|| format!("argument {}", i + 1));
            return Err(fail(self.0, format!("the profile has no `{what}`")));
        }
        call(self.0, &params, ctx.data()).map(ScopedJson::Derived)
    }
}

fn fail(helper: &str, message: String) -> RenderError {
    RenderErrorReason::Other(format!("{helper}: {message}")).into()
}

fn arg<'a>(helper: &str, params: &[&'a Value], i: usize) -> Result<&'a Value, RenderError> {
    params
        .get(i)
        .copied()
        .ok_or_else(|| fail(helper, format!("needs argument {}", i + 1)))
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn number(helper: &str, v: &Value) -> Result<i64, RenderError> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| fail(helper, format!("expected a number, found {v}")))
}

fn date(helper: &str, v: &Value) -> Result<NaiveDate, RenderError> {
    let s = text(v);
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        fail(
            helper,
            format!("expected a date like 2017-04-06, found `{s}`"),
        )
    })
}

fn ordinal_word(n: i64) -> String {
    const WORDS: [&str; 20] = [
        "First",
        "Second",
        "Third",
        "Fourth",
        "Fifth",
        "Sixth",
        "Seventh",
        "Eighth",
        "Ninth",
        "Tenth",
        "Eleventh",
        "Twelfth",
        "Thirteenth",
        "Fourteenth",
        "Fifteenth",
        "Sixteenth",
        "Seventeenth",
        "Eighteenth",
        "Nineteenth",
        "Twentieth",
    ];
    match usize::try_from(n) {
        Ok(i @ 1..=20) => WORDS[i - 1].to_string(),
        _ => ordinal(n),
    }
}

fn list_items(helper: &str, params: &[&Value]) -> Result<Vec<String>, RenderError> {
    let list = arg(helper, params, 0)?;
    let field = params.get(1).map(|v| text(v));
    let Value::Array(items) = list else {
        return Err(fail(helper, format!("expected a list, found {list}")));
    };
    Ok(items
        .iter()
        .map(|item| match (&field, item) {
            (Some(f), Value::Object(map)) => map
                .get(f)
                .filter(|v| !v.is_null())
                .or_else(|| {
                    if f == "short_name" {
                        map.get("name")
                    } else {
                        None
                    }
                })
                .map(text)
                .unwrap_or_default(),
            _ => text(item),
        })
        .filter(|s| !s.is_empty())
        .collect())
}

fn party_name(p: &Value) -> String {
    let name = text(p.get("name").unwrap_or(&Value::Null));
    match (p.get("capacity"), p.get("kind").and_then(Value::as_str)) {
        (Some(Value::String(cap)), Some("government-official")) => format!("{name}, {cap}"),
        _ => name,
    }
}

fn short_of(p: &Value) -> String {
    p.get("short_name")
        .or_else(|| p.get("name"))
        .map(text)
        .unwrap_or_default()
}

fn parties_by_role<'a>(root: &'a Value, role: &str) -> Vec<&'a Value> {
    root.get("parties")
        .and_then(Value::as_array)
        .map(|ps| {
            ps.iter()
                .filter(|p| p.get("role").and_then(Value::as_str) == Some(role))
                .collect()
        })
        .unwrap_or_default()
}

/// "Twitter, Inc. v. U.S. Department of Homeland Security, et al."
pub fn short_caption(root: &Value) -> String {
    let side = |side: Side| {
        let ps: Vec<&Value> = root
            .get("parties")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|p| {
                p.get("role")
                    .and_then(|r| Role::deserialize(r).ok())
                    .and_then(Role::side)
                    == Some(side)
            })
            .collect();
        match ps.as_slice() {
            [] => None,
            [one] => Some(text(one.get("name").unwrap_or(&Value::Null))),
            [first, ..] => Some(format!(
                "{}, et al.",
                text(first.get("name").unwrap_or(&Value::Null))
            )),
        }
    };
    match (side(Side::Initiating), side(Side::Responding)) {
        (Some(a), Some(b)) => format!("{a} v. {b}"),
        (Some(a), None) | (None, Some(a)) => format!("In re {a}"),
        (None, None) => String::new(),
    }
}

fn call(helper: &str, params: &[&Value], root: &Value) -> Result<Value, RenderError> {
    let s = |x: String| Ok(Value::String(x));
    match helper {
        "long-date" => s(date(helper, arg(helper, params, 0)?)?
            .format("%B %-d, %Y")
            .to_string()),
        "day-date" => {
            let d = date(helper, arg(helper, params, 0)?)?;
            s(format!(
                "{} day of {}, {}",
                ordinal(i64::from(d.day())),
                d.format("%B"),
                d.year()
            ))
        }
        "ordinal" => s(ordinal(number(helper, arg(helper, params, 0)?)?)),
        "ordinal-word" => s(ordinal_word(number(helper, arg(helper, params, 0)?)?)),
        "roman" => s(roman(number(helper, arg(helper, params, 0)?)?)),
        "upper" => s(text(arg(helper, params, 0)?).to_uppercase()),
        "lower" => s(text(arg(helper, params, 0)?).to_lowercase()),
        "join-and" => s(join_list(&list_items(helper, params)?, "and")),
        "join-or" => s(join_list(&list_items(helper, params)?, "or")),
        "plural" | "count" => {
            let n = match arg(helper, params, 0)? {
                Value::Array(a) => a.len() as i64,
                v => number(helper, v)?,
            };
            if helper == "count" {
                return Ok(Value::from(n));
            }
            let one = text(arg(helper, params, 1)?);
            let many = text(arg(helper, params, 2)?);
            s(if n == 1 { one } else { many })
        }
        "party" => {
            let id = text(arg(helper, params, 0)?);
            root.get("parties")
                .and_then(Value::as_array)
                .and_then(|ps| {
                    ps.iter()
                        .find(|p| p.get("id").and_then(Value::as_str) == Some(&id))
                })
                .cloned()
                .ok_or_else(|| fail(helper, format!("no party has the id `{id}`")))
        }
        "parties-by-role" => {
            let role = text(arg(helper, params, 0)?);
            Ok(Value::Array(
                parties_by_role(root, &role).into_iter().cloned().collect(),
            ))
        }
        "party-name" => s(party_name(arg(helper, params, 0)?)),
        "short" => s(short_of(arg(helper, params, 0)?)),
        "short-caption" => s(short_caption(root)),
        "inc" => Ok(Value::from(number(helper, arg(helper, params, 0)?)? + 1)),
        "role-label" => {
            // A role ("interested-party") or a list of parties with one role.
            let (role, many) = match arg(helper, params, 0)? {
                Value::Array(ps) => (
                    ps.first()
                        .and_then(|p| p.get("role"))
                        .map(text)
                        .unwrap_or_default(),
                    ps.len() != 1,
                ),
                Value::Object(p) => (p.get("role").map(text).unwrap_or_default(), false),
                v => (text(v), false),
            };
            let role: crate::profile::Role = serde_json::from_value(Value::String(role.clone()))
                .map_err(|_| fail(helper, format!("`{role}` is not a role")))?;
            s(if many {
                role.plural_label()
            } else {
                role.label()
            }
            .to_string())
        }
        "parties-by-kind" => {
            let kind = text(arg(helper, params, 0)?);
            Ok(Value::Array(
                root.get("parties")
                    .and_then(Value::as_array)
                    .map(|ps| {
                        ps.iter()
                            .filter(|p| {
                                p.get("kind").and_then(Value::as_str) == Some(kind.as_str())
                            })
                            .cloned()
                            .collect()
                    })
                    .unwrap_or_default(),
            ))
        }
        "is-pseudonymous" => Ok(Value::Bool(
            arg(helper, params, 0)?
                .get("protected")
                .is_some_and(|v| !v.is_null()),
        )),
        other => Err(fail(other, "is not a Drafter helper".into())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        assert_eq!(ordinal(1), "1st");
        assert_eq!(ordinal(12), "12th");
        assert_eq!(ordinal(23), "23rd");
        assert_eq!(roman(14), "XIV");
        assert_eq!(ordinal_word(2), "Second");
    }

    #[test]
    fn lists() {
        let v = |xs: &[&str]| xs.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_list(&v(&["A"]), "and"), "A");
        assert_eq!(join_list(&v(&["A", "B"]), "and"), "A and B");
        assert_eq!(join_list(&v(&["A", "B", "C"]), "or"), "A, B, or C");
    }

    #[test]
    fn escaping_neutralises_markdown() {
        assert_eq!(escape_markdown("*Acme*"), "\\*Acme\\*");
        assert_eq!(escape_markdown("1. a\n\n# b"), "1\\. a \\# b");
    }
}
