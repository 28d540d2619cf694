//! Checks a profile for what a filing needs: missing facts, dangling party references,
//! values that do not look like what the field holds (an e-mail address). The docket
//! number's shape depends on the court's system, so it is checked with the court's rules
//! (`rules::case_number_findings`).
//! Findings name the field path so the app can link to the field. These are the only field
//! checks in the program: the app's editor shows the findings its commands return.

use super::{CaseProfile, Side};
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// An e-mail address as a person would type it: something, `@`, a domain with a dot.
static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[^\s@]+@[^\s@]+\.[^\s@]+$").expect("a valid pattern"));

/// A party id templates and references can use: a letter or digit, then letters, digits,
/// `-` and `_`.
static PARTY_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[a-zA-Z0-9][a-zA-Z0-9_-]*$").expect("a valid pattern"));

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The filing cannot be produced.
    Error,
    /// The filing can be produced but a person should look.
    Warning,
}

/// One problem found in a profile or a filing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    /// Whether it stops a filing (error) or only needs a look (warning).
    pub severity: Severity,
    /// Field path in the profile (`parties[1].name`), or a place in the output (`page 2, line 14`).
    pub field: String,
    /// What is wrong, for a person to read.
    pub message: String,
}

impl Finding {
    /// An error about `field`.
    pub fn error(field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Error,
            field: field.into(),
            message: message.into(),
        }
    }

    /// A warning about `field`.
    pub fn warning(field: impl Into<String>, message: impl Into<String>) -> Self {
        Finding {
            severity: Severity::Warning,
            field: field.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let tag = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{tag}: {}: {}", self.field, self.message)
    }
}

impl CaseProfile {
    /// Structural checks that hold for every filing: names present, ids unique, every
    /// reference to a party resolves.
    pub fn validate(&self) -> Vec<Finding> {
        let mut out: Vec<Finding> = (self.limit_problems().into_iter())
            .map(|(field, message)| Finding::error(field, message))
            .collect();
        if self.court.name.trim().is_empty() {
            out.push(Finding::error("court.name", "the court's name is empty"));
        }
        let mut seen = std::collections::HashSet::new();
        for (i, p) in self.parties.iter().enumerate() {
            if p.id.trim().is_empty() {
                out.push(Finding::error(
                    format!("parties[{i}].id"),
                    "the party has no id",
                ));
            } else if !seen.insert(p.id.as_str()) {
                out.push(Finding::error(
                    format!("parties[{i}].id"),
                    format!("the id `{}` is used by another party", p.id),
                ));
            }
            if !p.id.trim().is_empty() && !PARTY_ID.is_match(&p.id) {
                out.push(Finding::warning(
                    format!("parties[{i}].id"),
                    "an id is letters, digits, - and _ only, starting with a letter or digit",
                ));
            }
            if p.name.trim().is_empty() {
                out.push(Finding::error(
                    format!("parties[{i}].name"),
                    "the party has no name",
                ));
            }
            if p.kind == super::PartyKind::GovernmentOfficial && p.capacity.is_none() {
                out.push(Finding::warning(
                    format!("parties[{i}].capacity"),
                    "an official is named without the capacity in which they are sued",
                ));
            }
            if p.kind.is_government() && p.sovereign.is_none() {
                out.push(Finding::warning(
                    format!("parties[{i}].sovereign"),
                    "say whose government this party is (the United States, a State, or a local government): the time to answer depends on it (Fed. R. Civ. P. 12(a)(1)-(3)); until then the shortest period, 21 days, is shown",
                ));
            }
            if !p.kind.is_government() && p.sovereign.is_some() {
                out.push(Finding::warning(
                    format!("parties[{i}].sovereign"),
                    "only a government, agency or official belongs to a government; set the party's kind or remove `sovereign`",
                ));
            }
            if p.kind == super::PartyKind::GovernmentOfficial && p.sued_in.is_none() {
                out.push(Finding::warning(
                    format!("parties[{i}].sued_in"),
                    "say whether the official is sued in an official or an individual capacity (for a federal officer, Fed. R. Civ. P. 12(a)(2) or 12(a)(3))",
                ));
            }
            if p.kind != super::PartyKind::GovernmentOfficial && p.sued_in.is_some() {
                out.push(Finding::warning(
                    format!("parties[{i}].sued_in"),
                    "only an official is sued in an official or individual capacity; set the party's kind or remove `sued_in`",
                ));
            }
        }
        for (i, c) in self.counsel.iter().enumerate() {
            if c.name.trim().is_empty() {
                out.push(Finding::error(
                    format!("counsel[{i}].name"),
                    "counsel has no name",
                ));
            }
            if let Some(email) = &c.email {
                if !EMAIL.is_match(email.trim()) {
                    out.push(Finding::warning(
                        format!("counsel[{i}].email"),
                        "not an e-mail address",
                    ));
                }
            }
            for (j, id) in c.represents.iter().enumerate() {
                if self.party(id).is_none() {
                    out.push(Finding::error(
                        format!("counsel[{i}].represents[{j}]"),
                        format!("no party has the id `{id}`"),
                    ));
                }
            }
        }
        for (i, fact) in self.facts.iter().enumerate() {
            if fact.text.trim().is_empty() {
                out.push(Finding::error(
                    format!("facts[{i}].text"),
                    "the fact is empty",
                ));
            }
        }
        for (i, item) in self.relief.iter().enumerate() {
            if item.trim().is_empty() {
                out.push(Finding::error(
                    format!("relief[{i}]"),
                    "the request for relief is empty",
                ));
            }
        }
        for (i, claim) in self.claims.iter().enumerate() {
            if claim.title.trim().is_empty() {
                out.push(Finding::error(
                    format!("claims[{i}].title"),
                    "the claim has no title",
                ));
            }
            for (j, para) in claim.paragraphs.iter().enumerate() {
                if para.trim().is_empty() {
                    out.push(Finding::error(
                        format!("claims[{i}].paragraphs[{j}]"),
                        "the paragraph is empty",
                    ));
                }
            }
            for (j, id) in claim.against.iter().enumerate() {
                if self.party(id).is_none() {
                    out.push(Finding::error(
                        format!("claims[{i}].against[{j}]"),
                        format!("no party has the id `{id}`"),
                    ));
                }
            }
            if claim.paragraphs.is_empty() {
                out.push(Finding::error(
                    format!("claims[{i}].paragraphs"),
                    "the claim has no paragraphs",
                ));
            }
        }
        for (i, r) in self.docket.responses.iter().enumerate() {
            if self.party(&r.party).is_none() {
                out.push(Finding::error(
                    format!("docket.responses[{i}].party"),
                    format!("no party has the id `{}`", r.party),
                ));
            }
        }
        for (i, id) in self.docket.dismissal_covers.iter().enumerate() {
            match self.party(id) {
                None => out.push(Finding::error(
                    format!("docket.dismissal_covers[{i}]"),
                    format!("no party has the id `{id}`"),
                )),
                Some(p) if p.role.side() == Some(Side::Initiating) => out.push(Finding::error(
                    format!("docket.dismissal_covers[{i}]"),
                    format!(
                        "`{id}` is a {}; a dismissal covers the parties the claims are against",
                        p.role.label().to_lowercase()
                    ),
                )),
                Some(_) => {}
            }
        }
        for (i, s) in self.docket.service.iter().enumerate() {
            if self.party(&s.party).is_none() {
                out.push(Finding::error(
                    format!("docket.service[{i}].party"),
                    format!("no party has the id `{}`", s.party),
                ));
            }
        }
        for (i, m) in self.docket.motions.iter().enumerate() {
            if self.party(&m.party).is_none() {
                out.push(Finding::error(
                    format!("docket.motions[{i}].party"),
                    format!("no party has the id `{}`", m.party),
                ));
            }
            if m.hearing.is_some_and(|h| h < m.filed) {
                out.push(Finding::error(
                    format!("docket.motions[{i}].hearing"),
                    "the hearing date is before the day the motion is filed",
                ));
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn case(extra: &str) -> CaseProfile {
        let text = format!(
            r#"{{"schema": 1, "court": {{"name": "United States District Court"}},
                 "parties": [{{"id": "a", "name": "A", "role": "plaintiff", "kind": "person"}}]
                 {extra}}}"#
        );
        CaseProfile::from_json(&text, "test").unwrap()
    }

    fn fields(p: &CaseProfile) -> Vec<String> {
        p.validate()
            .iter()
            .map(|f| format!("{:?}:{}", f.severity, f.field))
            .collect()
    }

    #[test]
    fn each_check_names_its_field_with_its_severity() {
        // One row per check; the message wording is the one the app shows.
        let p = case(
            r#", "counsel": [{"name": "", "email": "nope", "represents": ["zz"]}],
                 "facts": [{"text": " "}], "relief": [""],
                 "claims": [{"title": "", "paragraphs": [], "against": ["zz"]}],
                 "docket": {"service": [{"party": "zz", "method": "mail", "date": "2017-04-07"}]}"#,
        );
        assert_eq!(
            fields(&p),
            [
                "Error:counsel[0].name",
                "Warning:counsel[0].email",
                "Error:counsel[0].represents[0]",
                "Error:facts[0].text",
                "Error:relief[0]",
                "Error:claims[0].title",
                "Error:claims[0].against[0]",
                "Error:claims[0].paragraphs",
                "Error:docket.service[0].party",
            ]
        );
        let mut p = case("");
        p.parties[0].id = "a b".into();
        p.parties.push(p.parties[0].clone());
        p.parties[1].kind = crate::profile::PartyKind::GovernmentOfficial;
        assert_eq!(
            fields(&p),
            [
                "Warning:parties[0].id",
                "Error:parties[1].id",
                "Warning:parties[1].id",
                "Warning:parties[1].capacity",
                "Warning:parties[1].sovereign",
                "Warning:parties[1].sued_in"
            ]
        );
    }
}
