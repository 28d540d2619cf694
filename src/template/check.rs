//! The template checker: syntax, front matter, and every variable a template uses that a
//! case profile cannot provide, each reported with its line and column. It walks the
//! compiled Handlebars tree against the shape of the data a template sees (a profile with
//! every field present), following `#each` and `#with` into lists and objects. It holds
//! the template to the same limits as every command ([`super::bounds`]) and then fills it
//! with the example case and with an empty one, so it never calls a template fine that
//! cannot be filled (a partial loop, a helper that fails whatever the profile).
//!
//! It also holds the body to the questions the front matter declares: every `extra` value
//! the body reads (`extra.summons.number`, `@root.extra.…`, a helper's argument such as
//! `(party extra.summons.issued_by)`, the fields read inside `#with extra.summons`) and
//! every `extra.…` entry of `required` must be a declared question, or inside one, so
//! nothing a template reads is left without a screen in the editor; a declared question
//! the body never reads is a warning.

use super::helpers::{self, Returns};
use super::{Origin, Template, TemplateError};
use crate::profile::Severity;
use handlebars::template::{
    BlockParam, HelperTemplate, Parameter, TemplateElement, TemplateMapping,
};
use handlebars::Path as HbPath;
use serde::Serialize;
use serde_json::{json, Value};

/// One problem in a template.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// The line in the template's file, from 1.
    pub line: usize,
    /// The column in that line, from 1.
    pub column: usize,
    /// An error (the template must be fixed) or a warning (worth a look).
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
}

impl Problem {
    fn error(line: usize, column: usize, message: String) -> Problem {
        Problem {
            line,
            column,
            severity: Severity::Error,
            message,
        }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.severity {
            Severity::Error => write!(f, "{}:{}: {}", self.line, self.column, self.message),
            Severity::Warning => write!(
                f,
                "{}:{}: warning: {}",
                self.line, self.column, self.message
            ),
        }
    }
}

/// What `drafter template check` reports.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// The template file checked.
    pub file: String,
    /// What the check found, with line and column.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// True when the check found no errors (warnings may remain).
    pub fn is_ok(&self) -> bool {
        self.errors() == 0
    }

    /// How many of the problems are errors.
    pub fn errors(&self) -> usize {
        self.problems
            .iter()
            .filter(|p| p.severity == Severity::Error)
            .count()
    }

    /// Each problem as `file:line:column: message` (`… warning: …` for a warning).
    pub fn lines(&self) -> Vec<String> {
        self.problems
            .iter()
            .map(|p| format!("{}:{p}", self.file))
            .collect()
    }
}

impl std::fmt::Display for CheckReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for line in self.lines() {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// Checks a template's source. `name` is the template's name, `file` its path for messages.
pub fn check_source(name: &str, source: &str, origin: Origin) -> CheckReport {
    let file = super::file_label(name, &origin);
    let template = match Template::parse(name, source, origin) {
        Ok(t) => t,
        Err(e) => {
            let (line, column, message) = match &e {
                TemplateError::Syntax {
                    line,
                    column,
                    reason,
                    ..
                }
                | TemplateError::FrontMatter {
                    line,
                    column,
                    reason,
                    ..
                }
                | TemplateError::Limit {
                    line,
                    column,
                    reason,
                    ..
                } => (*line, *column, reason.clone()),
                other => (1, 1, other.to_string()),
            };
            return CheckReport {
                file,
                problems: vec![Problem::error(line, column, message)],
            };
        }
    };
    let compiled = template
        .compiled()
        .expect("parse compiled the body already")
        .clone();
    let root = shape(&template);
    let mut problems = Vec::new();
    let mut reads = Vec::new();
    let mut walker = Walker {
        root: &root,
        problems: &mut problems,
        reads: &mut reads,
        offset: template.body_line - 1,
    };
    walker.elements(
        &compiled.elements,
        &compiled.mapping,
        &mut vec![root.clone()],
    );
    for field in &template.front.required {
        if !path_known(&root, field) {
            problems.push(Problem::error(
                1,
                1,
                format!("`required` names `{field}`, which is not a case profile field"),
            ));
        }
    }
    problems.extend(question_problems(&template, &reads));
    problems.extend(trial_fills(&template));
    problems.sort_by_key(|p| (p.line, p.column));
    problems.dedup();
    CheckReport { file, problems }
}

/// Fills the template, beside the built-ins, with the example case and with an empty case.
/// What a profile could supply (a required or missing value) is not a problem of the
/// template; anything else that stops the fill is.
fn trial_fills(template: &Template) -> Vec<Problem> {
    let mut catalog = super::Catalog::builtin();
    catalog
        .entries
        .insert(template.name.clone(), Ok(template.clone()));
    let empty = serde_json::json!({"schema": crate::profile::CURRENT_SCHEMA, "title": "", "court": {"name": ""}});
    let profiles = [
        crate::examples::profile("alt-uscis"),
        serde_json::from_value(empty).ok(),
    ];
    let date = chrono::NaiveDate::from_ymd_opt(2017, 4, 7).unwrap_or_default();
    let mut out = Vec::new();
    for profile in profiles.iter().flatten() {
        let (line, column, message) = match catalog.fill(&template.name, profile, date) {
            Ok(_) | Err(TemplateError::Required { .. }) => continue,
            Err(TemplateError::Render { reason, .. }) if super::is_data_reason(&reason) => continue,
            Err(TemplateError::Render {
                line,
                column,
                reason,
                ..
            }) => (line, column, reason),
            Err(other) => (1, 1, other.to_string()),
        };
        out.push(Problem::error(line, column, message));
    }
    out
}

/// Whether a read of `extra.<read>` is answered by the question `key`: the read is the
/// question, inside it (an item of a list), or encloses it (`#with extra.summons`).
fn covers(key: &str, read: &str) -> bool {
    let inside = |inner: &str, outer: &str| {
        outer.is_empty()
            || inner == outer
            || inner
                .strip_prefix(outer)
                .is_some_and(|rest| rest.starts_with('.'))
    };
    inside(read, key) || inside(key, read)
}

/// The body's `extra` reads and the `extra.…` required fields against the declared
/// questions: an undeclared read or required field is an error where it is written; a
/// question nothing reads is a warning at its key.
fn question_problems(template: &Template, reads: &[(String, (usize, usize))]) -> Vec<Problem> {
    let questions = &template.front.questions;
    let toml_text = super::frontmatter::split(&template.source).map_or("", |(t, _, _)| t);
    let positions = super::questions::positions(toml_text);
    // A position in the TOML text as a line and column of the file (after the `+++` line).
    let at = |offset: Option<usize>| {
        offset.map_or((1, 1), |o| {
            let (line, column) = super::line_col(toml_text, o);
            (line + 1, column)
        })
    };
    let mut out = Vec::new();
    for (read, (line, column)) in reads {
        if questions.iter().any(|q| covers(&q.key, read)) {
            continue;
        }
        let message = if read.is_empty() {
            "the template reads all of `extra`, and declares no question: declare each value it uses in a [[questions]] table".to_string()
        } else {
            // Suggest the path up to the first list index (`introduction` for
            // `introduction.0`).
            let key = read
                .split('.')
                .take_while(|seg| seg.parse::<usize>().is_err())
                .collect::<Vec<_>>()
                .join(".");
            format!(
                "`extra.{read}` is read here but is not a question: declare it in the front matter so the editor can ask for it ([[questions]] with key = \"{key}\", a label and a type; see docs/templates.md)"
            )
        };
        out.push(Problem::error(*line, *column, message));
    }
    for (field, offset) in &positions.required {
        let Some(key) = field.strip_prefix("extra.") else {
            continue;
        };
        if !questions.iter().any(|q| q.key == key) {
            let (line, column) = at(Some(*offset));
            out.push(Problem::error(
                line,
                column,
                format!(
                    "`required` names `{field}`, which is not a question: declare it in a [[questions]] table with key = \"{key}\" and required = true (then it need not be listed here)"
                ),
            ));
        }
    }
    for (i, q) in questions.iter().enumerate() {
        if !reads.iter().any(|(read, _)| covers(&q.key, read)) {
            let (line, column) = at(positions.questions.get(i).copied());
            out.push(Problem {
                line,
                column,
                severity: Severity::Warning,
                message: format!(
                    "the question `{}` (\"{}\") is never read by the template: the editor would ask for an answer nothing prints",
                    q.key, q.label
                ),
            });
        }
    }
    out
}

fn path_known(root: &Value, path: &str) -> bool {
    if path.starts_with("extra.") || path.starts_with("dates.") {
        return true;
    }
    let mut v = root;
    for (i, seg) in path.split('.').enumerate() {
        if i == 1 && (path.starts_with("extra.") || path.starts_with("dates.")) {
            return true;
        }
        v = match v {
            Value::Object(m) => match m.get(seg) {
                Some(x) => x,
                None => return false,
            },
            Value::Array(a) => match seg.parse::<usize>() {
                Ok(_) => &a[0],
                Err(_) => return false,
            },
            _ => return false,
        };
    }
    true
}

/// The shape of the data a template sees: a profile with every field present and one
/// entry in every list, plus the derived values.
fn shape(template: &Template) -> Value {
    let party = json!({
        "id": "p", "name": "n", "role": "plaintiff", "kind": "government-official",
        "capacity": "c", "short_name": "s", "description": "d", "address": ["a"],
        "protected": {"true_name": "t", "email": "e", "phone": "p", "address": ["a"], "account_ids": ["a"]},
        "minor": true, "sovereign": "united-states", "sued_in": "official-capacity",
        "parents": ["n"], "ten_percent_owners": ["n"],
        "interested": [{"name": "n", "interest": "i"}]
    });
    // A second party: a pseudonymous organization filing the paper, for templates made
    // once per filer (`for_each`).
    let mut organization = party.clone();
    organization["id"] = json!("o");
    organization["role"] = json!(template.front.filed_by);
    organization["kind"] = json!("organization");
    let counsel = json!({
        "name": "n", "bar_number": "b", "firm": "f", "address": ["a"], "phone": "p",
        "email": "e", "represents": ["p"], "pro_hac_vice": true
    });
    let profile = json!({
        "schema": 1, "title": "t",
        "court": {"name": "n", "district": "d", "division": "v", "style": "federal"},
        "case_number": "1", "judge": "j",
        "parties": [party, organization], "counsel": [counsel],
        "dates": {"filed": "2017-04-06"},
        "facts": [{"text": "t", "heading": "h"}],
        "claims": [{"title": "t", "law": "l", "against": ["p"], "paragraphs": ["p"]}],
        "relief": ["r"],
        "docket": {
            "service": [{"party": "p", "method": "mail", "date": "2017-04-06",
                         "us_attorney_served": "2017-04-06", "outside_united_states": true,
                         "server": "s", "server_address": ["a"], "recipient": "r", "place": ["p"],
                         "us_attorney_by_mail": true, "attorney_general_served": "2017-04-06"}],
            "motions": [{"title": "t", "party": "o", "filed": "2017-04-06",
                         "hearing": "2017-05-11", "template": template.name}],
            "answer_served": "2017-04-06", "summary_judgment_motion_served": "2017-04-06",
            "prior_dismissals": [{"court": "c", "case_number": "n", "date": "2017-04-06", "claims": ["c"]}],
            "responses": [{"party": "p", "paper": "answer", "served": "2017-04-06"}],
            "dismissal_covers": ["p"]
        },
        "extra": {}
    });
    let profile: crate::profile::CaseProfile =
        serde_json::from_value(profile).expect("the checker's shape matches the profile model");
    super::context_for(&profile, template, chrono::NaiveDate::default(), None)
}

const BUILTIN_HELPERS: &[&str] = &[
    "if", "unless", "each", "with", "lookup", "log", "eq", "ne", "gt", "gte", "lt", "lte", "and",
    "or", "not", "len",
];

struct Walker<'a> {
    root: &'a Value,
    problems: &'a mut Vec<Problem>,
    /// Every path under `extra` the body reads, with where.
    reads: &'a mut Vec<(String, (usize, usize))>,
    offset: usize,
}

/// A value whose inside is not known (a helper's result).
const ANY: &str = "\u{0}any";

/// A value under `extra` (free-form: any key may be there): this prefix, then its path.
const EXTRA: &str = "\u{0}extra:";

/// The path under `extra` a value stands for, when it is one.
fn extra_path(v: &Value) -> Option<&str> {
    v.as_str().and_then(|s| s.strip_prefix(EXTRA))
}

impl Walker<'_> {
    fn elements(
        &mut self,
        elements: &[TemplateElement],
        mapping: &[TemplateMapping],
        scopes: &mut Vec<Value>,
    ) {
        for (i, el) in elements.iter().enumerate() {
            let (line, col) = mapping.get(i).map_or((1, 1), |m| (m.0, m.1));
            let at = (line + self.offset, col);
            match el {
                TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                    self.expression(h, at, scopes);
                }
                TemplateElement::HelperBlock(h) => self.block(h, at, scopes),
                // An inline partial (`{{#*inline "name"}}`): its body reads `extra` too.
                TemplateElement::DecoratorBlock(d) => {
                    // Its context is whatever a caller passes, so only `@root` reads
                    // inside it can be checked.
                    if let Some(t) = &d.template {
                        scopes.push(Value::String(ANY.to_string()));
                        self.elements(&t.elements, &t.mapping, scopes);
                        scopes.pop();
                    }
                }
                _ => {}
            }
        }
    }

    fn problem(&mut self, at: (usize, usize), message: String) {
        self.problems.push(Problem::error(at.0, at.1, message));
    }

    /// Records a read of `extra.<path>` and stands for its value.
    fn read_extra(&mut self, path: String, at: (usize, usize)) -> Value {
        self.reads.push((path.clone(), at));
        Value::String(format!("{EXTRA}{path}"))
    }

    fn expression(
        &mut self,
        h: &HelperTemplate,
        at: (usize, usize),
        scopes: &mut Vec<Value>,
    ) -> Value {
        match &h.name {
            Parameter::Name(n) if is_helper(n) => self.helper(n, &h.params, at, scopes),
            Parameter::Name(n) if h.params.is_empty() => self.resolve_str(n, at, scopes),
            Parameter::Name(n) => {
                self.problem(at, format!("`{n}` is not a helper (see docs/templates.md)"));
                Value::String(ANY.into())
            }
            Parameter::Path(p) if h.params.is_empty() && is_helper(&raw(p)) => {
                let name = raw(p);
                self.helper(&name, &[], at, scopes)
            }
            Parameter::Path(p) if h.params.is_empty() => self.resolve(p, at, scopes),
            Parameter::Path(p) => {
                let name = raw(p);
                if !is_helper(&name) {
                    self.problem(
                        at,
                        format!("`{name}` is not a helper (see docs/templates.md)"),
                    );
                }
                Value::String(ANY.into())
            }
            other => self.param(other, at, scopes),
        }
    }

    fn helper(
        &mut self,
        name: &str,
        params: &[Parameter],
        at: (usize, usize),
        scopes: &mut Vec<Value>,
    ) -> Value {
        for p in params {
            self.param(p, at, scopes);
        }
        match helpers::find(name).map(|h| h.returns) {
            Some(Returns::Party) => self.root["parties"][0].clone(),
            Some(Returns::Parties) => self.root["parties"].clone(),
            Some(Returns::Bool) => json!(true),
            Some(Returns::Number) => json!(1),
            Some(Returns::Text) => Value::String("s".into()),
            // Handlebars' own helpers.
            None if name == "lookup" => Value::String(ANY.into()),
            None if name == "len" => json!(1),
            None => Value::String("s".into()),
        }
    }

    fn param(&mut self, p: &Parameter, at: (usize, usize), scopes: &mut Vec<Value>) -> Value {
        match p {
            Parameter::Path(path) => self.resolve(path, at, scopes),
            Parameter::Name(n) => self.resolve_str(n, at, scopes),
            Parameter::Literal(v) => v.clone(),
            Parameter::Subexpression(sub) => match sub.element.as_ref() {
                TemplateElement::Expression(h) | TemplateElement::HtmlExpression(h) => {
                    self.expression(h, at, scopes)
                }
                _ => Value::String(ANY.into()),
            },
            _ => Value::String(ANY.into()),
        }
    }

    fn block(&mut self, h: &HelperTemplate, at: (usize, usize), scopes: &mut Vec<Value>) {
        let name = match &h.name {
            Parameter::Name(n) => n.clone(),
            Parameter::Path(p) => raw(p),
            _ => String::new(),
        };
        let first = h.params.first().map(|p| self.param(p, at, scopes));
        for p in h.params.iter().skip(1) {
            self.param(p, at, scopes);
        }
        let inner_scope = match name.as_str() {
            "each" => match first {
                Some(Value::Array(a)) => a.first().cloned().unwrap_or(Value::String(ANY.into())),
                Some(Value::Object(m)) => m
                    .values()
                    .next()
                    .cloned()
                    .unwrap_or(Value::String(ANY.into())),
                Some(other) if other.as_str() == Some(ANY) => other,
                // A list or object under `extra`: its items are not known.
                Some(other) if extra_path(&other).is_some() => Value::String(ANY.into()),
                Some(other) => {
                    self.problem(
                        at,
                        format!("`#each` needs a list, and this is {}", kind_of(&other)),
                    );
                    Value::String(ANY.into())
                }
                None => Value::String(ANY.into()),
            },
            "with" => first.unwrap_or(Value::String(ANY.into())),
            n if is_helper(n) => scopes.last().cloned().unwrap_or(Value::Null),
            n => {
                self.problem(at, format!("`#{n}` is not a block helper"));
                scopes.last().cloned().unwrap_or(Value::Null)
            }
        };
        let pushes = matches!(name.as_str(), "each" | "with");
        // Block parameters (`{{#each facts as |fact i|}}`) name the item and its index (or
        // key) beside the item's own fields.
        let inner_scope = match (&h.block_param, inner_scope) {
            (Some(params), Value::Object(mut fields)) => {
                let (item, index) = match params {
                    BlockParam::Single(p) => (Some(p), None),
                    BlockParam::Pair((p, q)) => (Some(p), Some(q)),
                    _ => (None, None),
                };
                let item_value = Value::Object(fields.clone());
                if let Some(Parameter::Name(n)) = item {
                    fields.insert(n.clone(), item_value);
                }
                if let Some(Parameter::Name(n)) = index {
                    fields.insert(n.clone(), json!(1));
                }
                Value::Object(fields)
            }
            // An item that is not an object (a string, or anything): the names stand for
            // what is not known, so any read of them passes.
            (Some(_), _) => Value::String(ANY.into()),
            (None, scope) => scope,
        };
        if let Some(t) = &h.template {
            if pushes {
                scopes.push(inner_scope);
            }
            self.elements(&t.elements, &t.mapping, scopes);
            if pushes {
                scopes.pop();
            }
        }
        if let Some(t) = &h.inverse {
            self.elements(&t.elements, &t.mapping, scopes);
        }
    }

    fn resolve(&mut self, path: &HbPath, at: (usize, usize), scopes: &mut [Value]) -> Value {
        match path {
            HbPath::Local(_) => json!(1),
            HbPath::Relative((_, raw)) => {
                let raw = raw.clone();
                self.resolve_str(&raw, at, scopes)
            }
        }
    }

    fn resolve_str(&mut self, raw: &str, at: (usize, usize), scopes: &mut [Value]) -> Value {
        if raw.starts_with('@') && !raw.starts_with("@root") {
            return json!(1);
        }
        let mut rest = raw;
        let mut depth = scopes.len().saturating_sub(1);
        let mut current: Value = scopes.last().cloned().unwrap_or(Value::Null);
        if let Some(r) = rest.strip_prefix("@root") {
            current = self.root.clone();
            rest = r.trim_start_matches(['.', '/']);
        }
        while let Some(r) = rest.strip_prefix("../") {
            depth = depth.saturating_sub(1);
            current = scopes[depth].clone();
            rest = r;
        }
        rest = rest
            .strip_prefix("this")
            .map_or(rest, |r| r.trim_start_matches(['.', '/']));
        rest = rest.strip_prefix("./").unwrap_or(rest);
        let at_root_level = std::ptr::eq(&current, self.root) || current == *self.root;
        let segs: Vec<&str> = rest
            .split(['.', '/'])
            .filter(|s| !s.is_empty())
            .map(|seg| seg.trim_start_matches('[').trim_end_matches(']'))
            .collect();
        // Inside a value under `extra` (`#with extra.summons`): the read goes on there.
        if let Some(base) = extra_path(&current) {
            let path = std::iter::once(base)
                .chain(segs.iter().copied())
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(".");
            return self.read_extra(path, at);
        }
        for (i, &seg) in segs.iter().enumerate() {
            if current.as_str() == Some(ANY) {
                return current;
            }
            // Free-form values: any key may be present; the read is recorded.
            if i == 0 && at_root_level && seg == "extra" {
                return self.read_extra(segs[1..].join("."), at);
            }
            if i == 1 && at_root_level && rest.starts_with("dates") {
                return Value::String("2017-04-06".into());
            }
            current = match &current {
                Value::Object(m) => match m.get(seg) {
                    Some(v) => v.clone(),
                    None => {
                        self.problem(
                            at,
                            format!("`{raw}`: a case profile has no field `{seg}` here"),
                        );
                        return Value::String(ANY.into());
                    }
                },
                Value::Array(a) if seg.parse::<usize>().is_ok() => {
                    a.first().cloned().unwrap_or(Value::Null)
                }
                other => {
                    self.problem(
                        at,
                        format!(
                            "`{raw}`: `{seg}` is asked of {}, which has no fields",
                            kind_of(other)
                        ),
                    );
                    return Value::String(ANY.into());
                }
            };
        }
        current
    }
}

fn is_helper(name: &str) -> bool {
    helpers::find(name).is_some() || BUILTIN_HELPERS.contains(&name)
}

fn raw(p: &HbPath) -> String {
    match p {
        HbPath::Relative((_, raw)) => raw.clone(),
        HbPath::Local((_, _, raw)) => raw.clone(),
    }
}

fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
        Value::String(_) => "text",
        Value::Number(_) => "a number",
        Value::Bool(_) => "a yes/no value",
        Value::Null => "nothing",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(body: &str) -> CheckReport {
        let src = format!("+++\ntitle = \"T\"\nlayout = \"pleading\"\n+++\n{body}");
        check_source("t", &src, Origin::Builtin)
    }

    fn check_with(front: &str, body: &str) -> CheckReport {
        let src = format!("+++\ntitle = \"T\"\nlayout = \"pleading\"\n{front}+++\n{body}");
        check_source("t", &src, Origin::Builtin)
    }

    fn question(key: &str, kind: &str) -> String {
        format!("[[questions]]\nkey = \"{key}\"\nlabel = \"{key}\"\ntype = \"{kind}\"\n")
    }

    #[test]
    fn block_parameters_name_the_item_and_its_index() {
        let ok = check("{{#each facts as |fact i|}}{{fact.text}} {{i}} {{text}}{{/each}}{{#with court as |c|}}{{c.name}}{{/with}}");
        assert!(ok.problems.is_empty(), "{ok}");
        let bad = check("{{#each facts as |fact i|}}{{fact.nope}}{{/each}}");
        assert!(bad.to_string().contains("nope"), "{bad}");
    }

    #[test]
    fn known_fields_pass() {
        let r = check_with(
            &question("anything.at.all", "text"),
            "{{court.name}} {{#each parties}}{{name}} {{party-name this}}{{/each}} {{extra.anything.at.all}}",
        );
        assert!(r.problems.is_empty(), "{r}");
    }

    #[test]
    fn every_extra_read_must_be_a_question() {
        // Every way a body reads `extra`, each on its own line (body line 1 is file line 5).
        let body = "{{extra.a}}\n\
                    {{#each parties}}{{@root.extra.b.c}}{{/each}}\n\
                    {{short (party extra.d)}}\n\
                    {{#with extra.e}}{{f}}{{/with}}\n\
                    {{#if extra.g}}x{{/if}}\n\
                    {{#each extra.h}}{{this}}{{/each}}\n\
                    {{extra.i.[0]}}\n";
        let r = check(body);
        let found: Vec<(usize, String)> = r
            .problems
            .iter()
            .map(|p| {
                let path = p.message.split('`').nth(1).unwrap_or_default().to_string();
                (p.line, path)
            })
            .collect();
        assert_eq!(
            found,
            [
                (5, "extra.a".to_string()),
                (6, "extra.b.c".to_string()),
                (7, "extra.d".to_string()),
                // `#with extra.e` reads `e`, and `f` inside it reads `e.f`.
                (8, "extra.e".to_string()),
                (8, "extra.e.f".to_string()),
                (9, "extra.g".to_string()),
                (10, "extra.h".to_string()),
                (11, "extra.i.0".to_string()),
            ],
            "{r}"
        );
        assert!(r.problems.iter().all(|p| p.severity == Severity::Error));
        assert_eq!(r.problems[0].column, 1);
        assert!(r.problems[7].message.contains("key = \"i\""), "{r}");
        assert!(!r.is_ok());

        // Declared, the same body checks clean: a read inside a question (a list's item)
        // or around it (`#with extra.e` around `e.f`) is answered by it.
        let declared = [
            question("a", "text"),
            question("b.c", "text"),
            question("d", "party"),
            question("e.f", "text"),
            question("g", "yes-no"),
            question("h", "list"),
            question("i", "paragraphs"),
        ]
        .concat();
        let r = check_with(&declared, body);
        assert!(r.problems.is_empty(), "{r}");
    }

    #[test]
    fn required_extra_fields_must_be_questions_and_unread_questions_are_warned() {
        let front = format!(
            "required = [\"case_number\", \"extra.summons.number\"]\n{}",
            question("unused", "text")
        );
        let r = check_with(&front, "{{case_number}}");
        assert_eq!(r.problems.len(), 2, "{r}");
        let required = &r.problems[0];
        assert_eq!((required.line, required.column), (4, 28), "{r}");
        assert_eq!(required.severity, Severity::Error);
        assert!(required.message.contains("`extra.summons.number`"), "{r}");
        let unread = &r.problems[1];
        assert_eq!(unread.severity, Severity::Warning);
        assert_eq!(unread.line, 6, "{r}");
        assert!(unread.message.contains("`unused`"), "{r}");
        // A warning alone does not fail the check; its line says it is a warning.
        let r = check_with(&question("unused", "text"), "{{case_number}}");
        assert!(r.is_ok(), "{r}");
        assert!(
            r.to_string()
                .contains(":5:7: warning: the question `unused`"),
            "{r}"
        );
    }

    #[test]
    fn the_built_in_templates_declare_everything_they_read() {
        for (name, source) in super::super::BUILTIN {
            let r = check_source(name, source, Origin::Builtin);
            assert!(r.problems.is_empty(), "{name}: {r}");
        }
    }

    #[test]
    fn unknown_field_has_line_and_column() {
        let r = check("line one\n{{#each parties}}{{nmae}}{{/each}}");
        assert_eq!(r.problems.len(), 1, "{r}");
        assert_eq!(r.problems[0].line, 6);
        assert!(r.problems[0].message.contains("nmae"));
    }

    #[test]
    fn syntax_error_is_reported() {
        let r = check("{{#each parties}}\n{{name}}");
        assert!(!r.is_ok());
    }
}
