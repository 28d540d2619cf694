//! Field-level differences between two profiles: JSON path → before / after.

use crate::profile::CaseProfile;
use serde::Serialize;
use serde_json::Value;

/// One field that differs between two revisions.
///
/// `path` is the field's JSON path as the rest of Drafter spells it (`parties[2].name`,
/// `facts[4].text`, `dates.filed`). `before` is `None` when the field was added, `after`
/// is `None` when it was removed. Arrays are compared position by position, so inserting
/// a fact in the middle shows as changes to the facts after it plus one added at the end.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldChange {
    /// The field's JSON path (`facts[4].text`).
    pub path: String,
    /// The value before; `None` when the field was added.
    pub before: Option<Value>,
    /// The value after; `None` when the field was removed.
    pub after: Option<Value>,
}

impl FieldChange {
    /// A short label: `+facts[5]`, `-counsel[1]`, or the path itself for a change.
    pub fn label(&self) -> String {
        match (&self.before, &self.after) {
            (None, _) => format!("+{}", self.path),
            (_, None) => format!("-{}", self.path),
            _ => self.path.clone(),
        }
    }
}

/// Every field that differs between `before` and `after`, in document order.
pub fn diff_profiles(before: &CaseProfile, after: &CaseProfile) -> Vec<FieldChange> {
    let a = serde_json::to_value(before).expect("a profile always serializes");
    let b = serde_json::to_value(after).expect("a profile always serializes");
    let mut out = Vec::new();
    diff_values("", &a, &b, &mut out);
    out
}

/// A one-line account of a list of changes, for the revision history
/// ("changed facts[4].text, parties[2].name; added facts[5]").
pub fn summarize(changes: &[FieldChange]) -> String {
    if changes.is_empty() {
        return "no changes".to_string();
    }
    const SHOWN: usize = 4;
    let mut parts: Vec<String> = Vec::new();
    type Test = fn(&FieldChange) -> bool;
    let groups: [(&str, Test); 3] = [
        ("changed", |c| c.before.is_some() && c.after.is_some()),
        ("added", |c| c.before.is_none()),
        ("removed", |c| c.after.is_none()),
    ];
    let mut shown = 0;
    for (verb, test) in groups {
        let paths: Vec<&str> = changes
            .iter()
            .filter(|c| test(c))
            .map(|c| c.path.as_str())
            .collect();
        if paths.is_empty() || shown >= SHOWN {
            continue;
        }
        let take = (SHOWN - shown).min(paths.len());
        shown += take;
        parts.push(format!("{verb} {}", paths[..take].join(", ")));
    }
    let mut s = parts.join("; ");
    if changes.len() > shown {
        s.push_str(&format!(" (and {} more)", changes.len() - shown));
    }
    s
}

/// What a protected value is shown as unless the person asks to see it.
pub const MASK: &str = "\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}\u{2022}";

/// Replaces every protected value in `changes` (any text under a party's `protected`
/// block, or a whole block added or removed) with [`MASK`]. Which fields changed stays
/// visible; what they hold does not.
pub fn mask_changes(changes: &mut [FieldChange]) {
    for c in changes {
        let inside = c
            .path
            .split(['.', '['])
            .any(|segment| segment == "protected");
        for v in [&mut c.before, &mut c.after].into_iter().flatten() {
            mask_value(v, inside);
        }
    }
}

/// Replaces every protected value of every pseudonymous party with [`MASK`].
pub fn mask_profile(profile: &mut CaseProfile) {
    for party in &mut profile.parties {
        let Some(block) = &party.protected else {
            continue;
        };
        let mut value = serde_json::to_value(block).expect("a protected block serializes");
        mask_value(&mut value, true);
        if let Ok(masked) = serde_json::from_value(value) {
            party.protected = Some(masked);
        }
    }
}

/// Masks the text in `v` that is protected: all of it when `inside` a protected block,
/// else whatever sits under a `protected` key.
fn mask_value(v: &mut Value, inside: bool) {
    match v {
        Value::String(s) if inside => *s = MASK.to_string(),
        Value::Array(items) => items.iter_mut().for_each(|x| mask_value(x, inside)),
        Value::Object(map) => {
            for (k, x) in map.iter_mut() {
                mask_value(x, inside || k == "protected");
            }
        }
        _ => {}
    }
}

fn diff_values(path: &str, a: &Value, b: &Value, out: &mut Vec<FieldChange>) {
    match (a, b) {
        (Value::Object(ma), Value::Object(mb)) => {
            // Keys in the newer document's order, with removed keys placed after the key
            // that preceded them in the older one.
            let mut keys: Vec<&String> = mb.keys().collect();
            let mut prev: Option<&String> = None;
            for k in ma.keys() {
                if !mb.contains_key(k) {
                    let at = prev
                        .and_then(|p| keys.iter().position(|x| *x == p))
                        .map_or(0, |i| i + 1);
                    keys.insert(at, k);
                }
                prev = Some(k);
            }
            for k in keys {
                let p = join_key(path, k);
                match (ma.get(k), mb.get(k)) {
                    (Some(va), Some(vb)) => diff_values(&p, va, vb, out),
                    (Some(va), None) => out.push(FieldChange {
                        path: p,
                        before: Some(va.clone()),
                        after: None,
                    }),
                    (None, Some(vb)) => out.push(FieldChange {
                        path: p,
                        before: None,
                        after: Some(vb.clone()),
                    }),
                    (None, None) => unreachable!("a key of one of the two objects"),
                }
            }
        }
        (Value::Array(la), Value::Array(lb)) => {
            for i in 0..la.len().max(lb.len()) {
                let p = format!("{path}[{i}]");
                match (la.get(i), lb.get(i)) {
                    (Some(va), Some(vb)) => diff_values(&p, va, vb, out),
                    (Some(va), None) => out.push(FieldChange {
                        path: p,
                        before: Some(va.clone()),
                        after: None,
                    }),
                    (None, Some(vb)) => out.push(FieldChange {
                        path: p,
                        before: None,
                        after: Some(vb.clone()),
                    }),
                    (None, None) => unreachable!("index below the longer length"),
                }
            }
        }
        _ if a == b => {}
        _ => out.push(FieldChange {
            path: if path.is_empty() {
                "(top level)".into()
            } else {
                path.into()
            },
            before: Some(a.clone()),
            after: Some(b.clone()),
        }),
    }
}

fn join_key(path: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    match (path.is_empty(), plain) {
        (true, true) => key.to_string(),
        (false, true) => format!("{path}.{key}"),
        (_, false) => format!("{path}[{}]", Value::String(key.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile(json: &str) -> CaseProfile {
        CaseProfile::from_json(json, "test").unwrap()
    }

    #[test]
    fn paths_name_the_field() {
        let a = profile(
            r#"{"schema":1,"court":{"name":"C"},
                "parties":[{"id":"a","name":"A","role":"plaintiff","kind":"person"}],
                "facts":[{"text":"one"},{"text":"two"}]}"#,
        );
        let b = profile(
            r#"{"schema":1,"court":{"name":"C"},"case_number":"1",
                "parties":[{"id":"a","name":"A2","role":"plaintiff","kind":"person"}],
                "facts":[{"text":"one"},{"text":"TWO"},{"text":"three"}],
                "dates":{"filed":"2017-04-06"}}"#,
        );
        let d = diff_profiles(&a, &b);
        let paths: Vec<_> = d.iter().map(|c| c.label()).collect();
        assert_eq!(
            paths,
            [
                "+case_number",
                "parties[0].name",
                "+dates",
                "facts[1].text",
                "+facts[2]"
            ]
        );
        assert_eq!(d[1].before, Some(Value::String("A".into())));
        assert_eq!(d[1].after, Some(Value::String("A2".into())));
        assert_eq!(
            summarize(&d),
            "changed parties[0].name, facts[1].text; added case_number, dates (and 1 more)"
        );
        assert!(diff_profiles(&a, &a).is_empty());
        assert_eq!(summarize(&[]), "no changes");
    }

    #[test]
    fn masking_hides_protected_text_and_keeps_the_paths() {
        let a = profile(
            r#"{"schema":1,"court":{"name":"C"},
                "parties":[{"id":"d","name":"Doe","role":"plaintiff","kind":"person",
                            "protected":{"true_name":"Jane Roe","address":["1 Elm St"]}}]}"#,
        );
        let mut b = a.clone();
        b.parties[0].protected.as_mut().unwrap().true_name = Some("Janet Roe".into());
        b.parties.push(a.parties[0].clone());
        let mut d = diff_profiles(&a, &b);
        mask_changes(&mut d);
        let text = serde_json::to_string(&d).unwrap();
        assert!(!text.contains("Roe") && !text.contains("Elm"), "{text}");
        assert!(text.contains("\"Doe\""), "public names stay: {text}");
        let labels: Vec<_> = d.iter().map(|c| c.label()).collect();
        assert_eq!(labels, ["parties[0].protected.true_name", "+parties[1]"]);
        assert_eq!(d[0].after, Some(Value::String(MASK.into())));

        let mut p = a.clone();
        mask_profile(&mut p);
        let block = p.parties[0].protected.as_ref().unwrap();
        assert_eq!(block.true_name.as_deref(), Some(MASK));
        assert_eq!(block.address, [MASK]);
        assert_eq!(p.parties[0].name, "Doe");
    }

    #[test]
    fn odd_keys_are_quoted() {
        assert_eq!(join_key("extra", "two words"), "extra[\"two words\"]");
        assert_eq!(join_key("dates", "filed"), "dates.filed");
    }
}
