//! The Handlebars helpers templates may use (documented in docs/templates.md), and the
//! escape function that makes every value print literally in Markdown.

use crate::profile::{Role, Side};
use crate::words::{join_list, ordinal, roman};
use chrono::{Datelike, NaiveDate};
use handlebars::{
    Context, Handlebars, HelperDef, RenderContext, RenderError, RenderErrorReason, ScopedJson,
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

/// What a helper gives back, so the template checker can follow it (`{{#each (party…)}}`
/// walks a list of parties; `{{name}}` inside `{{#with (party "x")}}` is a party's field).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Returns {
    /// Text to print.
    Text,
    /// A whole number.
    Number,
    /// True or false, for `{{#if}}`.
    Bool,
    /// One party of the profile.
    Party,
    /// A list of the profile's parties.
    Parties,
}

/// One helper a template may use: its name, what it returns, its example and what the
/// example prints for the worked example case (docs/templates.md's table is made from
/// these, and a test runs every example), and its code.
pub struct Helper {
    /// The name templates call it by.
    pub name: &'static str,
    /// What it gives back.
    pub returns: Returns,
    /// A use of it in a template.
    pub example: &'static str,
    /// What the example gives for the worked example case; a description in parentheses
    /// when it is not text to print.
    pub prints: &'static str,
    run: fn(&Args<'_>) -> Result<Value, RenderError>,
}

impl std::fmt::Debug for Helper {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Helper")
            .field("name", &self.name)
            .field("returns", &self.returns)
            .finish_non_exhaustive()
    }
}

/// Every Drafter helper: the one list that registration, the template checker and the
/// documentation read.
pub const HELPERS: &[Helper] = &[
    Helper {
        name: "long-date",
        returns: Returns::Text,
        example: "{{long-date dates.filed}}",
        prints: "April 6, 2017",
        run: |a| text_value(a.date(0)?.format("%B %-d, %Y").to_string()),
    },
    Helper {
        name: "day-date",
        returns: Returns::Text,
        example: "{{day-date today}}",
        prints: "7th day of April, 2017",
        run: |a| {
            let d = a.date(0)?;
            text_value(format!(
                "{} day of {}, {}",
                ordinal(i64::from(d.day())),
                d.format("%B"),
                d.year()
            ))
        },
    },
    Helper {
        name: "ordinal",
        returns: Returns::Text,
        example: "{{ordinal 3}}",
        prints: "3rd",
        run: |a| text_value(ordinal(a.number(0)?)),
    },
    Helper {
        name: "ordinal-word",
        returns: Returns::Text,
        example: "{{ordinal-word 2}}",
        prints: "Second",
        run: |a| text_value(ordinal_word(a.number(0)?)),
    },
    Helper {
        name: "roman",
        returns: Returns::Text,
        example: "{{roman 4}}",
        prints: "IV",
        run: |a| text_value(roman(a.number(0)?)),
    },
    Helper {
        name: "upper",
        returns: Returns::Text,
        example: "{{upper court.district}}",
        prints: "NORTHERN DISTRICT OF CALIFORNIA",
        run: |a| text_value(a.text(0)?.to_uppercase()),
    },
    Helper {
        name: "lower",
        returns: Returns::Text,
        example: "{{lower court.district}}",
        prints: "northern district of california",
        run: |a| text_value(a.text(0)?.to_lowercase()),
    },
    Helper {
        name: "join-and",
        returns: Returns::Text,
        example: "{{join-and defendants \"short_name\"}}",
        prints: "DHS, CBP, Secretary Kelly, Acting Commissioner McAleenan, and Special Agent Reyes",
        run: |a| text_value(join_list(&a.list_items()?, "and")),
    },
    Helper {
        name: "join-or",
        returns: Returns::Text,
        example: "{{join-or relief}}",
        prints: "(the items of a list, joined with commas and “or”)",
        run: |a| text_value(join_list(&a.list_items()?, "or")),
    },
    Helper {
        name: "plural",
        returns: Returns::Text,
        example: "{{plural defendants \"Defendant\" \"Defendants\"}}",
        prints: "Defendants",
        run: |a| {
            let n = a.count(0)?;
            a.text(if n == 1 { 1 } else { 2 }).and_then(text_value)
        },
    },
    Helper {
        name: "count",
        returns: Returns::Number,
        example: "{{count defendants}}",
        prints: "5",
        run: |a| Ok(Value::from(a.count(0)?)),
    },
    Helper {
        name: "party",
        returns: Returns::Party,
        example: "{{#with (party \"cbp\")}}{{name}}{{/with}}",
        prints: "U.S. Customs and Border Protection",
        run: |a| {
            let id = a.text(0)?;
            parties(a.root)
                .find(|p| p.get("id").and_then(Value::as_str) == Some(&id))
                .cloned()
                .ok_or_else(|| fail(a.helper, format!("no party has the id `{id}`")))
        },
    },
    Helper {
        name: "parties-by-role",
        returns: Returns::Parties,
        example: "{{#each (parties-by-role \"plaintiff\")}}{{name}}{{/each}}",
        prints: "Twitter, Inc.",
        run: |a| Ok(parties_where(a.root, "role", &a.text(0)?)),
    },
    Helper {
        name: "parties-by-kind",
        returns: Returns::Parties,
        example: "{{count (parties-by-kind \"government-agency\")}}",
        prints: "2",
        run: |a| Ok(parties_where(a.root, "kind", &a.text(0)?)),
    },
    Helper {
        name: "party-name",
        returns: Returns::Text,
        example: "{{party-name (party \"kelly\")}}",
        prints: "John F. Kelly, in his official capacity as Secretary of Homeland Security",
        run: |a| text_value(party_name(a.arg(0)?)),
    },
    Helper {
        name: "short",
        returns: Returns::Text,
        example: "{{short (party \"dhs\")}}",
        prints: "DHS",
        run: |a| text_value(short_of(a.arg(0)?)),
    },
    Helper {
        name: "short-caption",
        returns: Returns::Text,
        example: "{{short-caption}}",
        prints: "Twitter, Inc. v. U.S. Department of Homeland Security, et al.",
        run: |a| text_value(short_caption(a.root)),
    },
    Helper {
        name: "inc",
        returns: Returns::Number,
        example: "{{#each plaintiffs}}{{inc @index}}{{/each}}",
        prints: "1",
        run: |a| Ok(Value::from(a.number(0)? + 1)),
    },
    Helper {
        name: "role-label",
        returns: Returns::Text,
        example: "{{role-label defendants}}",
        prints: "Defendants",
        run: role_label,
    },
    Helper {
        name: "is-pseudonymous",
        returns: Returns::Bool,
        example: "{{#if (is-pseudonymous (party \"doe\"))}}yes{{else}}no{{/if}}",
        prints: "yes",
        run: |a| {
            Ok(Value::Bool(
                a.arg(0)?.get("protected").is_some_and(|v| !v.is_null()),
            ))
        },
    },
];

/// The helper named `name`.
pub fn find(name: &str) -> Option<&'static Helper> {
    HELPERS.iter().find(|h| h.name == name)
}

/// The helpers' table in docs/templates.md, made from [`HELPERS`].
pub fn docs_table() -> String {
    let mut out = String::from("| helper | example | prints |\n| --- | --- | --- |\n");
    for h in HELPERS {
        out.push_str(&format!(
            "| `{}` | `{}` | {} |\n",
            h.name, h.example, h.prints
        ));
    }
    out
}

/// Registers every helper.
pub fn register(hb: &mut Handlebars<'_>) {
    for helper in HELPERS {
        hb.register_helper(helper.name, Box::new(helper));
    }
}

/// A helper's arguments as it is called, with the data's root.
struct Args<'a> {
    helper: &'static str,
    params: Vec<&'a Value>,
    root: &'a Value,
}

impl<'a> Args<'a> {
    fn arg(&self, i: usize) -> Result<&'a Value, RenderError> {
        self.params
            .get(i)
            .copied()
            .ok_or_else(|| fail(self.helper, format!("needs argument {}", i + 1)))
    }

    fn text(&self, i: usize) -> Result<String, RenderError> {
        self.arg(i).map(text)
    }

    fn number(&self, i: usize) -> Result<i64, RenderError> {
        number(self.helper, self.arg(i)?)
    }

    fn date(&self, i: usize) -> Result<NaiveDate, RenderError> {
        date(self.helper, self.arg(i)?)
    }

    /// A list's length, or a number.
    fn count(&self, i: usize) -> Result<i64, RenderError> {
        match self.arg(i)? {
            Value::Array(a) => Ok(a.len() as i64),
            v => number(self.helper, v),
        }
    }

    /// The items of the list in argument 1, or each item's field named by argument 2
    /// (`short_name` falls back to `name`); empty items are left out.
    fn list_items(&self) -> Result<Vec<String>, RenderError> {
        let list = self.arg(0)?;
        let field = self.params.get(1).map(|v| text(v));
        let Value::Array(items) = list else {
            return Err(fail(
                self.helper,
                format!("expected a list, found {}", kind_of(list)),
            ));
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
}

impl HelperDef for &'static Helper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &handlebars::Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, RenderError> {
        let missing = h.params().iter().position(|p| p.is_value_missing());
        if let Some(i) = missing {
            let what = h.params()[i]
                .relative_path()
                .cloned()
                .unwrap_or_else(|| format!("argument {}", i + 1));
            return Err(fail(self.name, format!("the profile has no `{what}`")));
        }
        let args = Args {
            helper: self.name,
            params: h.params().iter().map(|p| p.value()).collect(),
            root: ctx.data(),
        };
        (self.run)(&args).map(ScopedJson::Derived)
    }
}

fn text_value(s: String) -> Result<Value, RenderError> {
    Ok(Value::String(s))
}

fn fail(helper: &str, message: String) -> RenderError {
    RenderErrorReason::Other(format!("{helper}: {message}")).into()
}

fn text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// What sort of value `v` is, for a message. Messages name the kind of a value, never
/// the value: a template can hand a helper anything, protected values included.
fn kind_of(v: &Value) -> String {
    match v {
        Value::Null => "nothing".into(),
        Value::Bool(_) => "true or false".into(),
        Value::Number(_) => "a number".into(),
        Value::String(s) if s.trim().is_empty() => "empty text".into(),
        Value::String(_) => "text".into(),
        Value::Array(a) => format!("a list of {} item(s)", a.len()),
        Value::Object(_) => "an object".into(),
    }
}

fn number(helper: &str, v: &Value) -> Result<i64, RenderError> {
    match v {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
    .ok_or_else(|| fail(helper, format!("expected a number, found {}", kind_of(v))))
}

fn date(helper: &str, v: &Value) -> Result<NaiveDate, RenderError> {
    let s = text(v);
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| {
        fail(
            helper,
            format!("expected a date like 2017-04-06, found {}", kind_of(v)),
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

fn parties(root: &Value) -> impl Iterator<Item = &Value> {
    root.get("parties")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
}

/// The parties whose `field` (`role`, `kind`) is `value`, in profile order.
fn parties_where(root: &Value, field: &str, value: &str) -> Value {
    Value::Array(
        parties(root)
            .filter(|p| p.get(field).and_then(Value::as_str) == Some(value))
            .cloned()
            .collect(),
    )
}

/// "Twitter, Inc. v. U.S. Department of Homeland Security, et al."
pub fn short_caption(root: &Value) -> String {
    let side = |side: Side| {
        let ps: Vec<&Value> = parties(root)
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

/// "Plaintiff" / "Plaintiffs" / "Interested Party": from a role, a party, or a list of
/// parties that share one role.
fn role_label(a: &Args<'_>) -> Result<Value, RenderError> {
    let (role, many) = match a.arg(0)? {
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
    let role: Role = serde_json::from_value(Value::String(role.clone()))
        .map_err(|_| fail(a.helper, format!("`{role}` is not a role")))?;
    text_value(
        if many {
            role.plural_label()
        } else {
            role.label()
        }
        .to_string(),
    )
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

    /// Every helper's example, run on the worked example case, prints what the table says.
    #[test]
    fn every_example_prints_what_the_table_says() {
        let catalog = crate::template::Catalog::builtin();
        let template = catalog.get("complaint").unwrap();
        let profile = crate::examples::profile("alt-uscis").unwrap();
        let data = crate::template::context(
            &profile,
            template,
            NaiveDate::from_ymd_opt(2017, 4, 7).unwrap(),
        );
        let mut hb = Handlebars::new();
        hb.set_strict_mode(true);
        hb.register_escape_fn(handlebars::no_escape);
        register(&mut hb);
        for h in HELPERS {
            assert!(
                h.example.contains(h.name),
                "{}: example {}",
                h.name,
                h.example
            );
            let got = hb
                .render_template(h.example, &data)
                .unwrap_or_else(|e| panic!("{}: {e}", h.name));
            if h.prints.starts_with('(') {
                assert!(!got.is_empty(), "{}", h.name);
            } else {
                assert_eq!(got, h.prints, "{}", h.name);
            }
        }
    }

    #[test]
    fn names_are_unique_and_found() {
        for (i, h) in HELPERS.iter().enumerate() {
            assert!(
                HELPERS[..i].iter().all(|g| g.name != h.name),
                "{} twice",
                h.name
            );
            assert_eq!(find(h.name).map(|f| f.name), Some(h.name));
        }
        assert!(find("if").is_none());
    }

    /// docs/templates.md shows the table made from [`HELPERS`], word for word.
    #[test]
    fn the_documentation_lists_every_helper() {
        let docs = include_str!("../../docs/templates.md");
        assert!(
            docs.contains(&docs_table()),
            "docs/templates.md's helper table differs from helpers::docs_table():\n{}",
            docs_table()
        );
    }

    #[test]
    fn a_bad_argument_is_named() {
        let mut hb = Handlebars::new();
        register(&mut hb);
        let data = serde_json::json!({"d": "April 6", "parties": []});
        let err = hb.render_template("{{long-date d}}", &data).unwrap_err();
        assert!(
            err.to_string().contains("long-date: expected a date"),
            "{err}"
        );
        let err = hb.render_template("{{party \"x\"}}", &data).unwrap_err();
        assert!(err.to_string().contains("no party has the id `x`"), "{err}");
        let err = hb
            .render_template("{{role-label \"judge\"}}", &data)
            .unwrap_err();
        assert!(err.to_string().contains("`judge` is not a role"), "{err}");
    }

    #[test]
    fn escaping_neutralises_markdown() {
        assert_eq!(escape_markdown("*Acme*"), "\\*Acme\\*");
        assert_eq!(escape_markdown("1. a\n\n# b"), "1\\. a \\# b");
    }
}
