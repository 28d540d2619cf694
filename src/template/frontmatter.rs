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
    pub layout: Layout,
    /// Whose counsel signs: the role of the filing party.
    #[serde(default = "plaintiff")]
    pub filed_by: Role,
    #[serde(default = "full")]
    pub caption: CaptionKind,
    #[serde(default = "yes")]
    pub attorney_block: bool,
    #[serde(default = "yes")]
    pub signature: bool,
    #[serde(default = "never")]
    pub certificate_of_service: CertificateRule,
    /// Profile fields that must be present and non-empty (`case_number`, `facts`,
    /// `dates.filed`, `extra.summons.number`).
    #[serde(default)]
    pub required: Vec<String>,
    /// Court-rule checks this filing must pass before export: `voluntary-dismissal`
    /// (Fed. R. Civ. P. 41(a)(1)(A)(i) eligibility), `initial-pleading` (the complaint:
    /// local rules for initial pleadings, such as N.D. Cal. Civil L.R. 3-2(c)).
    #[serde(default)]
    pub checks: Vec<String>,
    /// The court systems the template is written for (`["federal"]` when absent); using it
    /// in a court of another system is an error.
    #[serde(default = "federal_only")]
    pub systems: Vec<crate::rules::CourtSystem>,
}

fn federal_only() -> Vec<crate::rules::CourtSystem> {
    vec![crate::rules::CourtSystem::Federal]
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
    pub fn short_title(&self) -> &str {
        self.short_title.as_deref().unwrap_or(&self.title)
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
