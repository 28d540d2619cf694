//! A template's TOML front matter: its title, layout, who files it and what it requires.

use crate::profile::Role;
use crate::typeset::{CaptionKind, CertificateRule, Layout};
use serde::{Deserialize, Serialize};

/// The settings between the `+++` lines at the top of a template.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The document title (caption, PDF title).
    pub title: String,
    /// The footer's short title; defaults to the title.
    #[serde(default)]
    pub short_title: Option<String>,
    /// One line for the template picker.
    #[serde(default)]
    pub description: String,
    /// A court paper or a letter.
    pub layout: Layout,
    /// Whose counsel signs: the role of the filing party.
    #[serde(default = "plaintiff")]
    pub filed_by: Role,
    /// How much of the caption to print.
    #[serde(default = "full")]
    pub caption: CaptionKind,
    /// Counsel's block at the top of the first page (if the court style has one).
    #[serde(default = "yes")]
    pub attorney_block: bool,
    /// The signature block after the body.
    #[serde(default = "yes")]
    pub signature: bool,
    /// When to add a certificate of service.
    #[serde(default = "never")]
    pub certificate_of_service: CertificateRule,
    /// Profile fields that must be present and non-empty (`case_number`, `facts`,
    /// `dates.filed`, `extra.summons.number`).
    #[serde(default)]
    pub required: Vec<String>,
    /// Court-rule checks this filing must pass before export.
    #[serde(default)]
    pub checks: Vec<Check>,
    /// The court systems the template is written for (`["federal"]` when absent); using it
    /// in a court of another system is an error.
    #[serde(default = "federal_only")]
    pub systems: Vec<crate::rules::CourtSystem>,
    /// The questions the template asks beyond the case profile: each `extra` field it
    /// reads, with the label and help the editor shows (`[[questions]]` tables).
    #[serde(default)]
    pub questions: Vec<Question>,
    /// A sealed paper (`sealed = true`): the only kind of document that may print a
    /// protected value. It carries the sealed legend on every page, is exported on its own
    /// and never enters a public packet or index.
    #[serde(default)]
    pub sealed: bool,
    /// The legend printed at the top of every page of a sealed paper; "FILED UNDER SEAL"
    /// when not given. Only a sealed paper may have one.
    #[serde(default)]
    pub seal_legend: Option<String>,
    /// Makes one document per record instead of one per case (`for_each = "service"`):
    /// see [`ForEach`]. A case with no such record has no document of this template.
    #[serde(default)]
    pub for_each: Option<ForEach>,
    /// The local rules the paper is written for (`local_rules = "cand"`): in a court
    /// with other local rules the paper is not part of the case's set, and exporting it
    /// alone is an error.
    #[serde(default)]
    pub local_rules: Option<String>,
}

/// What a template makes one document for (`for_each` in its front matter). Each
/// document is exported under its own file name, `<template>-<party id>.pdf` (for the
/// filer kinds, only when there is more than one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ForEach {
    /// `service`: each party served with the summons and complaint (its latest record in
    /// `docket.service` that is not a waiver request). The template reads the record as
    /// `service` and the party as `served`.
    Service,
    /// `corporate-filer`: each filer that is a nongovernmental organization
    /// (Fed. R. Civ. P. 7.1(a)(1)).
    CorporateFiler,
    /// `nongovernmental-filer`: each filer that is not a government, agency or official
    /// (N.D. Cal. Civil L.R. 3-15(a)).
    NongovernmentalFiler,
    /// `pseudonymous-filer`: each filer that appears under a pseudonym.
    PseudonymousFiler,
}

impl ForEach {
    /// Words for a message: "no party served with the summons and complaint".
    pub fn none_found(self) -> &'static str {
        match self {
            ForEach::Service => {
                "the docket records no service of the summons and complaint (docket.service)"
            }
            ForEach::CorporateFiler => "no filer is a nongovernmental organization",
            ForEach::NongovernmentalFiler => "every filer is a government body or official",
            ForEach::PseudonymousFiler => "no filer appears under a pseudonym",
        }
    }
}

/// One question a template asks: a field under `extra` that the editor shows for it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// The dotted path under `extra` (`summons.issued_by` for `extra.summons.issued_by`).
    pub key: String,
    /// The label the editor and `check` show ("Agency that issued the summons").
    pub label: String,
    /// What kind of answer it takes.
    #[serde(rename = "type")]
    pub kind: QuestionKind,
    /// One or two sentences of help under the field.
    #[serde(default)]
    pub help: String,
    /// Whether the filing cannot be exported without an answer.
    #[serde(default)]
    pub required: bool,
}

/// The kind of answer a template question takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum QuestionKind {
    /// One line of text.
    Text,
    /// Paragraphs (a list of strings, one per paragraph).
    Paragraphs,
    /// A date (`YYYY-MM-DD`).
    Date,
    /// Yes or no.
    YesNo,
    /// The id of a party in the case.
    Party,
    /// A list of short items.
    List,
}

fn federal_only() -> Vec<crate::rules::CourtSystem> {
    vec![crate::rules::CourtSystem::Federal]
}

/// A court-rule check a template's front matter may ask for (`checks = [...]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Check {
    /// `voluntary-dismissal`: Fed. R. Civ. P. 41(a)(1)(A)(i) eligibility — the
    /// plaintiff may still dismiss by notice.
    VoluntaryDismissal,
    /// `initial-pleading`: the complaint — local rules for initial pleadings, such as
    /// N.D. Cal. Civil L.R. 3-2(c).
    InitialPleading,
    /// `noticed-motion`: a motion noticed for hearing — the profile records it in
    /// `docket.motions` (with `template` naming this template), and the hearing is
    /// noticed no earlier than the local rules allow (N.D. Cal. Civil L.R. 7-2(a)).
    NoticedMotion,
}

/// Why front matter was rejected: the key (a dotted path, `checks[0]`), the byte offset
/// in the TOML text when known, and the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{reason}", key.as_ref().map(|k| format!("`{k}`: ")).unwrap_or_default())]
pub struct Rejection {
    /// The key whose value was rejected; `None` for the text as a whole (a syntax error).
    pub key: Option<String>,
    /// Byte offset of the problem in the TOML text.
    pub offset: Option<usize>,
    /// What is wrong.
    pub reason: String,
}

/// Reads front matter TOML. An unknown key, a value of the wrong type or a setting
/// outside its fixed set of values is rejected with the key's path; so are questions whose
/// keys are malformed, repeated or nested in one another ([`super::questions`]).
pub fn parse(toml_text: &str) -> Result<FrontMatter, Rejection> {
    let de = toml::Deserializer::new(toml_text);
    let front: FrontMatter = serde_path_to_error::deserialize(de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        Rejection {
            key: (path != ".").then_some(path),
            offset: inner.span().map(|s| s.start),
            reason: inner.message().trim().to_string(),
        }
    })?;
    super::questions::check_declarations(&front, toml_text)?;
    Ok(front)
}

fn plaintiff() -> Role {
    Role::Plaintiff
}
fn full() -> CaptionKind {
    CaptionKind::Full
}
fn yes() -> bool {
    true
}
fn never() -> CertificateRule {
    CertificateRule::Never
}

impl FrontMatter {
    /// The footer's short title: `short_title`, or the title when there is none.
    pub fn short_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
    }

    /// Every field that must be present and non-empty: `required`, then `extra.<key>` of
    /// each required question not listed there already.
    pub fn required_fields(&self) -> Vec<String> {
        let mut out = self.required.clone();
        for q in self.questions.iter().filter(|q| q.required) {
            let path = q.path();
            if !out.contains(&path) {
                out.push(path);
            }
        }
        out
    }

    /// The question whose answer is at this profile path (`extra.summons.issued_by`).
    pub fn question_at(&self, path: &str) -> Option<&Question> {
        let key = path.strip_prefix("extra.")?;
        self.questions.iter().find(|q| q.key == key)
    }

    /// How a message names this document: "The letter" for a letter, otherwise "The"
    /// and its short title ("The Notice of Voluntary Dismissal").
    pub fn document_words(&self) -> String {
        match self.layout {
            Layout::Letter => "The letter".to_string(),
            Layout::Pleading => format!("The {}", self.short_title()),
        }
    }
}

impl Question {
    /// The answer's path in the case profile: `extra.` and the key.
    pub fn path(&self) -> String {
        format!("extra.{}", self.key)
    }
}

/// Splits `+++ toml +++ body`. Returns the TOML, the body and the 1-based line on which
/// the body starts (to report body errors at their line in the file).
pub fn split(source: &str) -> Option<(&str, &str, usize)> {
    let rest = source.strip_prefix("\u{feff}").unwrap_or(source);
    let rest = rest.strip_prefix("+++")?;
    let rest = rest
        .strip_prefix("\r\n")
        .or_else(|| rest.strip_prefix('\n'))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let toml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let body_line = 2 + toml.lines().count() + 1;
            return Some((toml, body, body_line));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const FRONT: &str = "title = \"Notice\"\nlayout = \"pleading\"\n";

    #[test]
    fn checks_read_as_their_values() {
        let front = parse(&format!("{FRONT}checks = [\"voluntary-dismissal\"]\n")).unwrap();
        assert_eq!(front.checks, [Check::VoluntaryDismissal]);
        assert!(parse(FRONT).unwrap().checks.is_empty());
    }

    #[test]
    fn an_unknown_check_names_the_key_and_the_known_ones() {
        let text = format!("{FRONT}checks = [\"voluntary-dismissal\", \"statute-of-limits\"]\n");
        let err = parse(&text).unwrap_err();
        assert_eq!(err.key.as_deref(), Some("checks[1]"));
        let message = err.to_string();
        assert!(message.starts_with("`checks[1]`: "), "{message}");
        assert!(
            message.contains("statute-of-limits") && message.contains("`voluntary-dismissal`"),
            "{message}"
        );
        // The offset points into the third line, where the bad value is.
        let offset = err.offset.unwrap();
        assert_eq!(text[..offset].matches('\n').count(), 2);
    }

    #[test]
    fn other_settings_are_checked_by_type_too() {
        let err = parse("title = \"Notice\"\nlayout = \"memo\"\n").unwrap_err();
        assert_eq!(err.key.as_deref(), Some("layout"));
        let err = parse(&format!("{FRONT}caption = \"long\"\n")).unwrap_err();
        assert_eq!(err.key.as_deref(), Some("caption"));
        let err = parse(&format!("{FRONT}colour = \"red\"\n")).unwrap_err();
        assert!(err.to_string().contains("colour"), "{err}");
    }
}
