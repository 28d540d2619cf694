//! Checks of a filing against the court's rules that hold whatever the template says:
//! the court system the template is written for, the signature details of Rule 11(a),
//! N.D. Cal. Civil Local Rules for a complaint, the service list behind a certificate of
//! service, and an appearance for a person who is not a party.

use super::court::{system_mismatch, CourtRules, CourtSystem};
use super::service::service_list;
use crate::profile::{CaseProfile, Finding, Role};

/// What the checks need to know about the filing being made.
#[derive(Debug, Clone)]
pub struct FilingContext<'a> {
    /// The template's title.
    pub title: &'a str,
    /// The court systems the template is written for.
    pub systems: &'a [CourtSystem],
    /// Whose counsel sign it.
    pub filed_by: Role,
    /// Whether counsel sign it (Rule 11(a)).
    pub signed: bool,
    /// Whether it may carry a certificate of service (a paper served under Rule 5).
    pub served_under_rule_5: bool,
    /// Whether it is the complaint (the initial pleading).
    pub initial_pleading: bool,
    /// Whether it is a court paper with a caption (not a letter).
    pub layout_has_caption: bool,
}

/// Every finding of the rules for this filing in this court, errors first in the order
/// the checks run.
pub fn filing_findings(
    profile: &CaseProfile,
    filing: &FilingContext<'_>,
    court: &CourtRules,
) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(system_mismatch(filing.title, filing.systems, court));
    if filing.signed {
        out.extend(signature_findings(profile, filing.filed_by));
    }
    if filing.layout_has_caption {
        out.extend(super::caption::caption_findings(profile, court));
    }
    if filing.initial_pleading && court.is_cand() {
        let has = |key: &str| {
            profile.extra.get(key).is_some_and(|v| {
                !v.is_null()
                    && v != &serde_json::Value::Bool(false)
                    && v.as_str().is_none_or(|s| !s.trim().is_empty())
            })
        };
        if !has("intradistrict_assignment") {
            out.push(Finding::warning(
                "extra.intradistrict_assignment",
                "N.D. Cal. Civil L.R. 3-2(c): a complaint must have a paragraph titled \"Intradistrict Assignment\" saying which division the case belongs in and why (Civil L.R. 3-2(d)); add it",
            ));
        }
    }
    if filing.served_under_rule_5 {
        let (_, problems) = service_list(profile, filing.filed_by, &court.us_attorney);
        out.extend(problems);
    }
    if filing.filed_by == Role::InterestedParty {
        for (i, p) in profile.parties.iter().enumerate() {
            if p.role != Role::InterestedParty {
                continue;
            }
            let pseudonym = if p.is_pseudonymous() {
                " Because it would take part under a pseudonym, it also needs the court's leave to proceed anonymously (Rule 10(a) requires the parties' names otherwise): file Drafter's pseudonym motion set with the motion to intervene — the Motion for Leave to Proceed Under a Pseudonym (template `pseudonym-motion`), the Declaration of Counsel in support (`pseudonym-declaration`), the proposed order (`pseudonym-proposed-order`), and, for the true identity, the Administrative Motion to File Under Seal (`motion-to-seal`) with the sealed declaration (`sealed-identity-declaration`)."
            } else {
                ""
            };
            out.push(Finding::warning(
                format!("parties[{i}].role"),
                format!(
                    "{} is not a party to this action: counsel may appear for it and receive papers as a courtesy, but it has no right to be served under Fed. R. Civ. P. 5(a), and it cannot file motions or take part as a party. To become a party it needs a motion to intervene under Rule 24, with the pleading Rule 24(c) requires.{pseudonym}",
                    p.name
                ),
            ));
        }
    }
    out
}

/// Fed. R. Civ. P. 11(a): every paper is signed by an attorney of record, and the paper
/// states the signer's address, e-mail address and telephone number; N.D. Cal. Civil
/// L.R. 3-4(a)(1) (and the California State Bar number rule courts there follow) also
/// asks for the bar number.
fn signature_findings(profile: &CaseProfile, filed_by: Role) -> Vec<Finding> {
    let mut out = Vec::new();
    for (i, c) in profile.counsel.iter().enumerate() {
        let signs = c
            .represents
            .iter()
            .any(|id| profile.party(id).is_some_and(|p| p.role == filed_by));
        if !signs {
            continue;
        }
        let blank = |v: &Option<String>| v.as_deref().is_none_or(|s| s.trim().is_empty());
        let mut missing = Vec::new();
        if c.address.iter().all(|l| l.trim().is_empty()) {
            missing.push(("address", "address"));
        }
        if blank(&c.email) {
            missing.push(("email", "e-mail address"));
        }
        if blank(&c.phone) {
            missing.push(("phone", "telephone number"));
        }
        for (field, words) in missing {
            out.push(Finding::warning(
                format!("counsel[{i}].{field}"),
                format!(
                    "Fed. R. Civ. P. 11(a): the signature block must state the signer's address, e-mail address and telephone number; {} has no {words}",
                    c.name
                ),
            ));
        }
        if blank(&c.bar_number) && !c.pro_hac_vice {
            out.push(Finding::warning(
                format!("counsel[{i}].bar_number"),
                format!(
                    "{} has no bar number: the first page of every paper names each attorney with a State Bar number (N.D. Cal. Civil L.R. 3-4(a)(1)); mark counsel admitted pro hac vice as such",
                    c.name
                ),
            ));
        }
    }
    out
}
