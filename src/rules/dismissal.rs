//! Whether a plaintiff may still dismiss by notice under Fed. R. Civ. P. 41(a)(1)(A)(i).
//!
//! A plaintiff may dismiss an action without a court order by filing a notice of dismissal
//! before the opposing party serves either an answer or a motion for summary judgment.
//! Once either has been served, the plaintiff needs a stipulation of dismissal signed by
//! all parties who have appeared (Rule 41(a)(1)(A)(ii)) or a court order (Rule 41(a)(2)).
//! And under Rule 41(a)(1)(B), if the plaintiff previously dismissed any federal- or
//! state-court action based on or including the same claim, a notice of dismissal operates
//! as an adjudication on the merits.
//!
//! Not checked here: class and derivative actions and receiverships (Rules 23(e), 23.1(c),
//! 23.2, 66), where dismissal needs court approval whatever has been served.

use crate::profile::{CaseProfile, Finding, PriorDismissal, ResponsePaper, Role};

/// The defendants a notice of voluntary dismissal covers: those named in
/// `docket.dismissal_covers`, or every defendant and respondent when it is empty.
pub fn covered_defendants(profile: &CaseProfile) -> Vec<&crate::profile::Party> {
    let covers = &profile.docket.dismissal_covers;
    profile
        .parties
        .iter()
        .filter(|p| matches!(p.role, Role::Defendant | Role::Respondent))
        .filter(|p| covers.is_empty() || covers.contains(&p.id))
        .collect()
}

/// Whether Rule 41(a)(1)(B) makes a notice of dismissal an adjudication on the merits: the
/// plaintiff has recorded an earlier voluntary dismissal of the same claim.
pub fn two_dismissal_rule_applies(profile: &CaseProfile) -> bool {
    !profile.docket.prior_dismissals.is_empty()
}

/// Findings for a notice of voluntary dismissal under Rule 41(a)(1)(A)(i): an error for a
/// served answer or summary-judgment motion (of any adverse party, or of a covered
/// defendant in `docket.responses`): the notice is no longer available against it; and a
/// prominent warning for each recorded earlier dismissal of the same claim
/// (Rule 41(a)(1)(B)): the notice then says it operates as an adjudication on the merits.
pub fn voluntary_dismissal_findings(profile: &CaseProfile) -> Vec<Finding> {
    let mut out = Vec::new();
    let instead = "To dismiss now, file a stipulation of dismissal signed by all parties who have appeared (Fed. R. Civ. P. 41(a)(1)(A)(ii)) or ask the court for an order of dismissal (Rule 41(a)(2)).";
    if let Some(date) = profile.docket.answer_served {
        out.push(Finding::error(
            "docket.answer_served",
            format!(
                "An answer was served on {date}. A plaintiff may dismiss by notice under Fed. R. Civ. P. 41(a)(1)(A)(i) only before the opposing party serves an answer or a motion for summary judgment, so this notice cannot be used. {instead}"
            ),
        ));
    }
    if let Some(date) = profile.docket.summary_judgment_motion_served {
        out.push(Finding::error(
            "docket.summary_judgment_motion_served",
            format!(
                "A motion for summary judgment was served on {date}. A plaintiff may dismiss by notice under Fed. R. Civ. P. 41(a)(1)(A)(i) only before the opposing party serves an answer or a motion for summary judgment, so this notice cannot be used. {instead}"
            ),
        ));
    }
    let covered = covered_defendants(profile);
    for (i, r) in profile.docket.responses.iter().enumerate() {
        let paper = match r.paper {
            ResponsePaper::Answer => "an answer",
            ResponsePaper::SummaryJudgmentMotion => "a motion for summary judgment",
            ResponsePaper::Rule12Motion => continue,
        };
        let Some(p) = covered.iter().find(|p| p.id == r.party) else {
            continue;
        };
        out.push(Finding::error(
            format!("docket.responses[{i}]"),
            format!(
                "{} served {paper} on {}, and this notice would dismiss the claims against it. Under Fed. R. Civ. P. 41(a)(1)(A)(i) a notice is available against a defendant only before it serves an answer or a motion for summary judgment. Leave {} out of the dismissal (docket.dismissal_covers lists the defendants it covers), or: {instead}",
                p.name, r.served, p.name
            ),
        ));
    }
    if covered.is_empty() && !profile.docket.dismissal_covers.is_empty() {
        out.push(Finding::error(
            "docket.dismissal_covers",
            "the dismissal covers no defendant or respondent of this action",
        ));
    }
    for (i, prior) in profile.docket.prior_dismissals.iter().enumerate() {
        out.push(Finding::warning(
            format!("docket.prior_dismissals[{i}]"),
            prior_dismissal_message(profile, prior),
        ));
    }
    out
}

fn prior_dismissal_message(profile: &CaseProfile, prior: &PriorDismissal) -> String {
    let case = match &prior.case_number {
        Some(n) if !n.trim().is_empty() => format!("{} (No. {n})", prior.court),
        _ => prior.court.clone(),
    };
    let claims = if prior.claims.is_empty() {
        "the same claims as this action".to_string()
    } else {
        let unmatched = prior.claims.iter().all(|old| {
            !profile
                .claims
                .iter()
                .any(|c| c.title.trim().eq_ignore_ascii_case(old.trim()))
        });
        let listed = prior
            .claims
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        if unmatched && !profile.claims.is_empty() {
            format!(
                "{listed} (no claim in this action has the same title; check whether they are based on the same claim)"
            )
        } else {
            listed
        }
    };
    format!(
        "WITH PREJUDICE — Rule 41(a)(1)(B) two-dismissal rule. The plaintiff voluntarily dismissed an earlier action in {case} on {}, which included {claims}. Under Fed. R. Civ. P. 41(a)(1)(B), when the plaintiff has previously dismissed an action based on or including the same claim, a notice of dismissal operates as an adjudication on the merits, so this notice says the dismissal is with prejudice. Confirm with the attorney before filing.",
        prior.date
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::{Claim, Court, Docket, Severity};
    use chrono::NaiveDate;

    fn profile(docket: Docket) -> CaseProfile {
        CaseProfile {
            schema: 1,
            title: String::new(),
            court: Court {
                name: "United States District Court".into(),
                district: String::new(),
                division: String::new(),
                style: "federal".into(),
            },
            case_number: None,
            judge: None,
            parties: vec![],
            counsel: vec![],
            dates: Default::default(),
            facts: vec![],
            claims: vec![Claim {
                title: "Violation of the First Amendment".into(),
                law: String::new(),
                against: vec![],
                paragraphs: vec!["x".into()],
            }],
            relief: vec![],
            docket,
            exhibits: Default::default(),
            extra: Default::default(),
        }
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn nothing_served_means_no_findings() {
        assert!(voluntary_dismissal_findings(&profile(Docket::default())).is_empty());
    }

    #[test]
    fn an_answer_or_summary_judgment_motion_refuses() {
        let f = voluntary_dismissal_findings(&profile(Docket {
            answer_served: Some(d(2017, 5, 1)),
            summary_judgment_motion_served: Some(d(2017, 6, 1)),
            ..Docket::default()
        }));
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.severity == Severity::Error));
        assert_eq!(f[0].field, "docket.answer_served");
        assert!(f[0].message.contains("2017-05-01"));
        assert!(f[0].message.contains("41(a)(1)(A)(ii)"));
        assert!(f[0].message.contains("41(a)(2)"));
        assert_eq!(f[1].field, "docket.summary_judgment_motion_served");
    }

    #[test]
    fn prior_dismissal_warns() {
        let f = voluntary_dismissal_findings(&profile(Docket {
            prior_dismissals: vec![
                PriorDismissal {
                    court: "Superior Court of California".into(),
                    case_number: Some("CGC-16-000001".into()),
                    date: d(2016, 3, 1),
                    claims: vec![],
                },
                PriorDismissal {
                    court: "D. Nev.".into(),
                    case_number: None,
                    date: d(2016, 4, 1),
                    claims: vec!["Breach of contract".into()],
                },
            ],
            ..Docket::default()
        }));
        assert_eq!(f.len(), 2);
        assert!(f.iter().all(|f| f.severity == Severity::Warning));
        assert_eq!(f[0].field, "docket.prior_dismissals[0]");
        assert!(f[0].message.contains("No. CGC-16-000001"));
        assert!(f[0].message.contains("adjudication on the merits"));
        assert!(f[1].message.contains("check whether"));
    }
}
