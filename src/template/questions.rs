//! A template's questions: the values it reads under `extra`, declared in its front matter
//! (`[[questions]]`: key, label, type, help, required) so that the editor can ask for them
//! and `check` can name them by their label.
//!
//! - [`check_declarations`]: the declarations themselves (keys well formed, none asked
//!   twice, none inside another), when the front matter is read.
//! - [`answer_findings`]: what a case answers: a required question left empty ("The letter
//!   needs: Agency that issued the summons"), an answer of the wrong kind (a date that is
//!   not a date, a party id no party has). Each finding's field is `extra.<key>`, so the app
//!   links it to the question's input; no message quotes the answer itself.
//!
//! `template check` holds the body to its declarations (every `extra` value it reads is
//! declared; a declared question the body never reads is a warning): see [`super::check`].

use super::frontmatter::{FrontMatter, Question, QuestionKind, Rejection};
use crate::profile::{CaseProfile, Finding};
use serde::Deserialize;
use serde_json::Value;

/// Where the front matter's questions and required fields are written: byte offsets into
/// the TOML text, for messages with a line and column.
#[derive(Debug, Default)]
pub(crate) struct Positions {
    /// The offset of each question's `key` value, in order.
    pub questions: Vec<usize>,
    /// Each `required` entry with the offset of its value.
    pub required: Vec<(String, usize)>,
}

#[derive(Deserialize)]
struct SpannedFront {
    #[serde(default)]
    questions: Vec<SpannedQuestion>,
    #[serde(default)]
    required: Vec<toml::Spanned<String>>,
}

#[derive(Deserialize)]
struct SpannedQuestion {
    key: toml::Spanned<String>,
    label: Option<toml::Spanned<String>>,
}

/// The positions of the questions' keys and the required fields in front matter that
/// has already been read (an unreadable text gives none).
pub(crate) fn positions(toml_text: &str) -> Positions {
    let Ok(front) = toml::from_str::<SpannedFront>(toml_text) else {
        return Positions::default();
    };
    Positions {
        questions: front.questions.iter().map(|q| q.key.span().start).collect(),
        required: front
            .required
            .into_iter()
            .map(|r| {
                let start = r.span().start;
                (r.into_inner(), start)
            })
            .collect(),
    }
}

/// Whether a key is a dotted path of names (`summons.issued_by`): each name starts with a
/// letter and holds letters, digits, `_` and `-`.
fn well_formed(key: &str) -> bool {
    !key.is_empty()
        && key.split('.').all(|seg| {
            seg.starts_with(|c: char| c.is_ascii_alphabetic())
                && seg
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        })
}

/// Whether `inner` lies inside `outer` (`summons.number` inside `summons`).
fn nested(inner: &str, outer: &str) -> bool {
    inner
        .strip_prefix(outer)
        .is_some_and(|rest| rest.starts_with('.'))
}

/// Checks the declared questions: every key is a well-formed dotted path written without
/// `extra.`, no key is asked twice or inside another, every label has words.
pub(crate) fn check_declarations(front: &FrontMatter, toml_text: &str) -> Result<(), Rejection> {
    if front.questions.is_empty() {
        return Ok(());
    }
    let spans = toml::from_str::<SpannedFront>(toml_text).ok();
    let key_at = |i: usize| {
        spans
            .as_ref()
            .and_then(|s| s.questions.get(i))
            .map(|q| q.key.span().start)
    };
    let label_at = |i: usize| {
        spans
            .as_ref()
            .and_then(|s| s.questions.get(i))
            .and_then(|q| q.label.as_ref())
            .map(|l| l.span().start)
    };
    let reject = |i: usize, field: &str, offset: Option<usize>, reason: String| Rejection {
        key: Some(format!("questions[{i}].{field}")),
        offset,
        reason,
    };
    for (i, q) in front.questions.iter().enumerate() {
        if let Some(rest) = q.key.strip_prefix("extra.") {
            return Err(reject(
                i,
                "key",
                key_at(i),
                format!("write the key without `extra.`: `{rest}` asks for `extra.{rest}`"),
            ));
        }
        if !well_formed(&q.key) {
            return Err(reject(
                i,
                "key",
                key_at(i),
                format!(
                    "`{}` is not a key: a key is a dotted path of names under `extra` (`summons.issued_by`), each name a letter followed by letters, digits, `_` or `-`",
                    q.key
                ),
            ));
        }
        if q.label.trim().is_empty() {
            return Err(reject(
                i,
                "label",
                label_at(i),
                format!(
                    "the question `{}` has no label: the editor and `check` name it by its label",
                    q.key
                ),
            ));
        }
        for (j, earlier) in front.questions[..i].iter().enumerate() {
            if earlier.key == q.key {
                return Err(reject(
                    i,
                    "key",
                    key_at(i),
                    format!(
                        "`{}` is asked twice (questions {} and {}); ask it once",
                        q.key,
                        j + 1,
                        i + 1
                    ),
                ));
            }
            let (outer, inner) = if nested(&q.key, &earlier.key) {
                (&earlier.key, &q.key)
            } else if nested(&earlier.key, &q.key) {
                (&q.key, &earlier.key)
            } else {
                continue;
            };
            return Err(reject(
                i,
                "key",
                key_at(i),
                format!(
                    "`{inner}` lies inside `{outer}`, which is a question too: an answer is one value, so ask for `{outer}`'s parts one by one or for `{outer}` alone"
                ),
            ));
        }
    }
    Ok(())
}

/// The value at a dotted path under `extra` (`summons.issued_by`).
pub fn answer<'a>(extra: &'a serde_json::Map<String, Value>, key: &str) -> Option<&'a Value> {
    let mut parts = key.split('.');
    let first = extra.get(parts.next()?)?;
    parts.try_fold(first, |v, seg| v.as_object()?.get(seg))
}

/// Whether an answer is empty, and so absent: nothing, `null`, blank text, an empty list or
/// object, or "no" (an unticked box).
fn is_blank(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) | Some(Value::Bool(false)) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// What the case answers to the template's questions: a required question left empty (an
/// error naming its label), and each answer that is not of the question's kind (an error).
/// A question listed in `required` as `extra.<key>` is required too.
pub fn answer_findings(front: &FrontMatter, profile: &CaseProfile) -> Vec<Finding> {
    let mut out = Vec::new();
    for q in &front.questions {
        let path = q.path();
        let value = answer(&profile.extra, &q.key);
        if is_blank(value) {
            if q.required || front.required.contains(&path) {
                out.push(Finding::error(
                    path,
                    format!("{} needs: {}", front.document_words(), q.label),
                ));
            }
            continue;
        }
        if let Some(problem) = value.and_then(|v| kind_problem(q, v, profile)) {
            out.push(Finding::error(path, format!("{}: {problem}", q.label)));
        }
    }
    out
}

/// Why a (non-blank) answer does not fit its question, in words that do not quote it.
fn kind_problem(q: &Question, v: &Value, profile: &CaseProfile) -> Option<String> {
    let items = |noun: &str, what: &str| -> Option<String> {
        let Some(list) = v.as_array() else {
            return Some(format!("the answer should be {what}"));
        };
        list.iter().enumerate().find_map(|(i, item)| match item {
            Value::String(s) if s.trim().is_empty() => Some(format!("{noun} {} is empty", i + 1)),
            Value::String(_) => None,
            _ => Some(format!("{noun} {} is not text", i + 1)),
        })
    };
    match q.kind {
        QuestionKind::Text => match v {
            Value::String(_) | Value::Number(_) => None,
            _ => Some("the answer should be text".into()),
        },
        QuestionKind::Paragraphs => items("paragraph", "a list of paragraphs"),
        QuestionKind::List => items("item", "a list of items"),
        QuestionKind::Date => {
            let ok = v
                .as_str()
                .is_some_and(|s| chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").is_ok());
            (!ok).then(|| "not a date (YYYY-MM-DD)".into())
        }
        QuestionKind::YesNo => {
            (!v.is_boolean()).then(|| "the answer should be yes or no (true or false)".into())
        }
        QuestionKind::Party => match v.as_str() {
            None => Some("the answer should be one of the case's parties (its id)".into()),
            Some(id) if profile.party(id.trim()).is_none() => {
                Some("no party in this case has that id; choose one of the case's parties".into())
            }
            Some(_) => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::frontmatter::parse;

    const FRONT: &str =
        "title = \"Notice of Representation\"\nshort_title = \"Notice\"\nlayout = \"letter\"\n";

    fn front(questions: &str) -> Result<FrontMatter, Rejection> {
        parse(&format!("{FRONT}{questions}"))
    }

    fn q(key: &str, kind: &str) -> String {
        format!("[[questions]]\nkey = \"{key}\"\nlabel = \"L {key}\"\ntype = \"{kind}\"\n")
    }

    #[test]
    fn declarations_read_with_their_defaults() {
        let f = front(&format!(
            "{}help = \"Who issued it.\"\nrequired = true\n{}",
            q("summons.issued_by", "party"),
            q("jury_demand", "yes-no")
        ))
        .unwrap();
        assert_eq!(f.questions.len(), 2);
        assert_eq!(f.questions[0].kind, QuestionKind::Party);
        assert!(f.questions[0].required);
        assert_eq!(f.questions[0].help, "Who issued it.");
        assert!(!f.questions[1].required);
        assert_eq!(f.questions[1].help, "");
        assert_eq!(f.required_fields(), ["extra.summons.issued_by".to_string()]);
    }

    #[test]
    fn bad_declarations_name_the_question_and_where_it_is() {
        // (questions, the key rejected, words in the reason)
        let rows = [
            (
                q("extra.summons.number", "text"),
                "questions[0].key",
                "without `extra.`",
            ),
            (
                q("summons..number", "text"),
                "questions[0].key",
                "not a key",
            ),
            (q("2nd", "text"), "questions[0].key", "not a key"),
            (q("a b", "text"), "questions[0].key", "not a key"),
            (
                format!("{}{}", q("summons", "text"), q("summons", "date")),
                "questions[1].key",
                "asked twice (questions 1 and 2)",
            ),
            (
                format!("{}{}", q("summons.date", "date"), q("summons", "text")),
                "questions[1].key",
                "`summons.date` lies inside `summons`",
            ),
            (
                "[[questions]]\nkey = \"a\"\nlabel = \"  \"\ntype = \"text\"\n".to_string(),
                "questions[0].label",
                "has no label",
            ),
            (
                "[[questions]]\nkey = \"a\"\nlabel = \"A\"\ntype = \"number\"\n".to_string(),
                "questions[0].type",
                "number",
            ),
        ];
        for (text, key, words) in rows {
            let e = front(&text).unwrap_err();
            assert_eq!(e.key.as_deref(), Some(key), "{text}: {e}");
            assert!(e.to_string().contains(words), "{text}: {e}");
            let offset = e.offset.expect("a position");
            // The position is in the question's own table, after the fixed lines.
            assert!(offset > FRONT.len(), "{text}: {offset}");
        }
        // Keys that share a first name without one holding the other are fine.
        assert!(front(&format!(
            "{}{}",
            q("summons.date", "date"),
            q("summons_note", "text")
        ))
        .is_ok());
    }

    fn profile(extra: Value) -> CaseProfile {
        let mut p = crate::examples::profile("alt-uscis").unwrap();
        p.extra = extra.as_object().cloned().unwrap_or_default();
        p
    }

    fn findings(questions: &str, extra: Value) -> Vec<(String, String)> {
        let f = front(questions).unwrap();
        answer_findings(&f, &profile(extra))
            .into_iter()
            .map(|f| (f.field, f.message))
            .collect()
    }

    #[test]
    fn a_missing_required_answer_is_named_by_its_label() {
        let qs = "[[questions]]\nkey = \"summons.issued_by\"\nlabel = \"Agency that issued the summons\"\ntype = \"party\"\nrequired = true\n";
        let want = vec![(
            "extra.summons.issued_by".to_string(),
            "The letter needs: Agency that issued the summons".to_string(),
        )];
        assert_eq!(findings(qs, serde_json::json!({})), want);
        assert_eq!(
            findings(qs, serde_json::json!({"summons": {"issued_by": " "}})),
            want
        );
        assert!(findings(qs, serde_json::json!({"summons": {"issued_by": "cbp"}})).is_empty());
        // Listed in `required` instead: the same finding.
        let listed = qs.replace("required = true\n", "");
        let f = parse(&format!(
            "{FRONT}required = [\"extra.summons.issued_by\"]\n{listed}"
        ))
        .unwrap();
        assert_eq!(
            answer_findings(&f, &profile(serde_json::json!({})))[0].message,
            "The letter needs: Agency that issued the summons"
        );
        // Not required: an empty answer is simply absent.
        assert!(findings(&listed, serde_json::json!({})).is_empty());
    }

    #[test]
    fn answers_are_checked_by_kind_without_quoting_them() {
        use serde_json::json;
        // (type, answer, the message after the label; None: accepted)
        let rows: [(&str, Value, Option<&str>); 17] = [
            ("text", json!("OPR-1"), None),
            ("text", json!(1509), None),
            ("text", json!(["a"]), Some("the answer should be text")),
            ("date", json!("2017-03-14"), None),
            (
                "date",
                json!("14 March 2017"),
                Some("not a date (YYYY-MM-DD)"),
            ),
            ("date", json!("2017-02-30"), Some("not a date (YYYY-MM-DD)")),
            ("yes-no", json!(true), None),
            (
                "yes-no",
                json!("yes"),
                Some("the answer should be yes or no (true or false)"),
            ),
            ("party", json!("cbp"), None),
            (
                "party",
                json!("Secret Name"),
                Some("no party in this case has that id; choose one of the case's parties"),
            ),
            (
                "party",
                json!(3),
                Some("the answer should be one of the case's parties (its id)"),
            ),
            ("paragraphs", json!(["One.", "Two."]), None),
            (
                "paragraphs",
                json!("One."),
                Some("the answer should be a list of paragraphs"),
            ),
            (
                "paragraphs",
                json!(["One.", " "]),
                Some("paragraph 2 is empty"),
            ),
            ("list", json!(["a", 2]), Some("item 2 is not text")),
            ("list", json!(["a", "b"]), None),
            (
                "list",
                json!({"a": "b"}),
                Some("the answer should be a list of items"),
            ),
        ];
        for (kind, value, want) in rows {
            let qs = format!(
                "[[questions]]\nkey = \"x.y\"\nlabel = \"The answer\"\ntype = \"{kind}\"\n"
            );
            let got = findings(&qs, json!({"x": {"y": value.clone()}}));
            match want {
                None => assert!(got.is_empty(), "{kind} {value}: {got:?}"),
                Some(m) => {
                    assert_eq!(
                        got,
                        [("extra.x.y".to_string(), format!("The answer: {m}"))],
                        "{kind} {value}"
                    );
                    assert!(!got[0].1.contains("Secret"), "{got:?}");
                }
            }
        }
    }

    #[test]
    fn positions_point_at_keys_and_required_entries() {
        let text = format!(
            "{FRONT}required = [\"filer\", \"extra.a\"]\n{}",
            q("a", "text")
        );
        let p = positions(&text);
        assert_eq!(&text[p.questions[0]..p.questions[0] + 3], "\"a\"");
        assert_eq!(p.required[1].0, "extra.a");
        assert_eq!(&text[p.required[1].1..p.required[1].1 + 9], "\"extra.a\"");
    }
}
