//! Checks of a filing against the court's rules that hold whatever the template says:
//! the court system the template is written for, the signature details of Rule 11(a),
//! N.D. Cal. Civil Local Rules for a complaint, the service list behind a certificate of
//! service, and an appearance for a person who is not a party. Two checks hold for the
//! case whatever the filing: the docket number's shape in the court's system
//! ([`case_number_findings`]) and the order of its dates ([`date_findings`]).

use super::court::{system_mismatch, CourtRules, CourtSystem};
use super::service::service_list;
use crate::profile::{CaseProfile, Finding, Role};
use chrono::NaiveDate;
use regex::Regex;
use std::sync::LazyLock;

/// A federal docket number: `3:17-cv-01916`, `1:20-cr-123`, `17-cv-1916`, with the judge's
/// initials after it when a court adds them (`3:17-cv-01916-JST`).
static FEDERAL_DOCKET: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\d{1,2}:)?\d{2}-[a-zA-Z]{2,4}-\d{1,6}(-[A-Z]{2,4})*$").expect("a valid pattern")
});

/// A California superior court case number. Each county numbers its own way: San
/// Francisco `CGC-17-561234`, Alameda `RG17861234` and `22CV012345`, Santa Clara
/// `17CV312345`, Los Angeles `BC123456` and `21STCV12345`, San Diego and Orange
/// `37-2017-00012345-CU-BC-CTL`. What they share: groups of letters and digits joined by
/// hyphens, with at least five digits.
static CALIFORNIA_CASE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[A-Za-z0-9]+(-[A-Za-z0-9]+)*$").expect("a valid pattern"));

/// A warning when the docket number does not look like one of the court's system (the
/// court's data says which: see [`CourtRules::system`]).
pub fn case_number_findings(profile: &CaseProfile, court: &CourtRules) -> Option<Finding> {
    let number = profile.case_number.as_deref()?.trim();
    let usual = match court.system {
        CourtSystem::Federal => FEDERAL_DOCKET.is_match(number),
        CourtSystem::California => {
            CALIFORNIA_CASE.is_match(number)
                && number.chars().filter(char::is_ascii_digit).count() >= 5
        }
    };
    (!usual).then(|| {
        Finding::warning(
            "case_number",
            match court.system {
                CourtSystem::Federal => "not a usual federal docket number (e.g. 3:17-cv-01916)",
                CourtSystem::California => {
                    "not a usual California superior court case number (e.g. CGC-17-561234, RG17861234, 17CV312345, BC123456)"
                }
            },
        )
    })
}

fn long(date: NaiveDate) -> String {
    date.format("%B %-d, %Y").to_string()
}

/// Dates that cannot be right, as warnings naming the date in words: a filing date
/// (`dates.filed`) after `today`, and service of the summons (or on the United States
/// attorney) dated before the filing — a summons is served with a complaint already filed
/// (Fed. R. Civ. P. 3, 4(b), 4(c)(1)).
pub fn date_findings(profile: &CaseProfile, today: NaiveDate) -> Vec<Finding> {
    let mut out = Vec::new();
    let filed = profile.dates.get("filed").copied();
    if let Some(filed) = filed.filter(|f| *f > today) {
        out.push(Finding::warning(
            "dates.filed",
            format!(
                "The filing date, {}, is after today ({}): check the year, or leave the date empty until the complaint is filed",
                long(filed),
                long(today)
            ),
        ));
    }
    let Some(filed) = filed else {
        return out;
    };
    for (i, s) in profile.docket.service.iter().enumerate() {
        let on = profile
            .party(&s.party)
            .map(|p| p.short().to_string())
            .unwrap_or_else(|| format!("party {}", i + 1));
        let dated = [
            ("date", s.date, format!("Service on {on}")),
            (
                "us_attorney_served",
                s.us_attorney_served.unwrap_or(filed),
                format!("Service on the United States attorney for {on}"),
            ),
        ];
        for (field, date, what) in dated {
            if date < filed {
                out.push(Finding::warning(
                    format!("docket.service[{i}].{field}"),
                    format!(
                        "{what} is dated {}, before the complaint was filed on {}: a summons is served after the complaint is filed (Fed. R. Civ. P. 4(b), 4(c)(1)); check both dates",
                        long(date),
                        long(filed)
                    ),
                ));
            }
        }
    }
    out
}

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
        out.extend(signature_findings(
            profile,
            filing.filed_by,
            filing.layout_has_caption,
        ));
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
    // A court paper filed for a non-party; a letter to an agency is not before the court.
    if filing.filed_by == Role::InterestedParty && filing.layout_has_caption {
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

/// Fed. R. Civ. P. 11(a): every paper filed in court is signed by an attorney of record,
/// and the paper states the signer's address, e-mail address and telephone number; N.D.
/// Cal. Civil L.R. 3-4(a)(1) (and the California State Bar number rule courts there
/// follow) also asks for the bar number. A letter (to an agency, not filed in court) is
/// under neither rule: it is only told when it gives counsel no way to be reached, with
/// no rule cited and nothing said of a bar number.
fn signature_findings(profile: &CaseProfile, filed_by: Role, court_paper: bool) -> Vec<Finding> {
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
            let message = if court_paper {
                format!(
                    "Fed. R. Civ. P. 11(a): the signature block must state the signer's address, e-mail address and telephone number; {} has no {words}",
                    c.name
                )
            } else {
                format!(
                    "The letter gives no {words} for {}: the recipient is asked to direct communications to counsel",
                    c.name
                )
            };
            out.push(Finding::warning(format!("counsel[{i}].{field}"), message));
        }
        if court_paper && blank(&c.bar_number) && !c.pro_hac_vice {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn example() -> CaseProfile {
        crate::examples::profile("alt-uscis").unwrap()
    }

    #[test]
    fn docket_numbers_are_read_in_the_court_s_own_system() {
        let federal = CourtRules::default();
        let california = CourtRules {
            system: CourtSystem::California,
            ..CourtRules::default()
        };
        // (number, usual in a federal court, usual in a California superior court)
        let rows = [
            ("3:17-cv-01916", true, false),
            ("1:20-cr-123", true, false),
            // The shapes overlap: San Mateo numbers `17-CIV-01234`, so a short federal
            // number cannot be told from a county's.
            ("17-cv-1916", true, true),
            ("17-CIV-01234", true, true),
            ("3:17-cv-01916-JST", true, false),
            ("CGC-17-561234", false, true), // San Francisco
            ("RG17861234", false, true),    // Alameda
            ("22CV012345", false, true),    // Alameda since 2022
            ("17CV312345", false, true),    // Santa Clara
            ("BC123456", false, true),      // Los Angeles
            ("21STCV12345", false, true),   // Los Angeles (Stanley Mosk)
            ("37-2017-00012345-CU-BC-CTL", false, true), // San Diego
            ("seventeen", false, false),
            ("CGC 17", false, false),
        ];
        let mut p = example();
        for (number, in_federal, in_california) in rows {
            p.case_number = Some(number.into());
            assert_eq!(
                case_number_findings(&p, &federal).is_none(),
                in_federal,
                "{number} in a federal court"
            );
            assert_eq!(
                case_number_findings(&p, &california).is_none(),
                in_california,
                "{number} in a California superior court"
            );
        }
        p.case_number = Some("seventeen".into());
        let f = case_number_findings(&p, &california).unwrap();
        assert_eq!(f.field, "case_number");
        assert!(f
            .message
            .starts_with("not a usual California superior court case number"));
        p.case_number = None;
        assert!(case_number_findings(&p, &federal).is_none());
    }

    #[test]
    fn a_future_filing_date_and_service_before_filing_are_warned() {
        let mut p = example();
        // The example: filed April 6, 2017; DHS served (and the U.S. attorney) that day.
        assert!(date_findings(&p, day("2017-04-06")).is_empty());
        let f = date_findings(&p, day("2017-04-05"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].field, "dates.filed");
        assert_eq!(f[0].severity, crate::profile::Severity::Warning);
        assert_eq!(
            f[0].message,
            "The filing date, April 6, 2017, is after today (April 5, 2017): check the year, or leave the date empty until the complaint is filed"
        );
        p.docket.service[0].date = day("2017-04-05");
        p.docket.service[0].us_attorney_served = Some(day("2017-04-01"));
        let f = date_findings(&p, day("2026-12-03"));
        let fields: Vec<&str> = f.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "docket.service[0].date",
                "docket.service[0].us_attorney_served"
            ]
        );
        assert!(
            f[0].message.starts_with("Service on DHS is dated April 5, 2017, before the complaint was filed on April 6, 2017"),
            "{}",
            f[0].message
        );
        assert!(
            f[1].message.starts_with(
                "Service on the United States attorney for DHS is dated April 1, 2017"
            ),
            "{}",
            f[1].message
        );
        // Without a filing date there is nothing to compare.
        p.dates.remove("filed");
        assert!(date_findings(&p, day("2026-12-03")).is_empty());
    }
}
