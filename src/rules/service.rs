//! Who must be served with a paper filed after the complaint, how, and where: the list a
//! certificate of service recites (Fed. R. Civ. P. 5).
//!
//! - Rule 5(a)(1): a paper is served on every party. An interested person who is not a
//!   party (an "interested party" in the profile) has no right to service and is left out.
//! - Rule 5(b)(1): a party represented by an attorney is served through the attorney. A
//!   federal defendant with no counsel in the profile is served through the United States
//!   attorney for the district (the court data's `us_attorney` address), who represents
//!   it (28 U.S.C. § 547).
//! - Rule 5(b)(2)(E): counsel of record are registered users of the court's electronic
//!   filing system and are served by filing the paper there; Rule 5(d)(1)(B): no
//!   certificate of service is needed for a paper served that way.
//! - Rule 5(b)(2)(C): anyone else is served by mail to a full address; a party to be
//!   served by mail with no address is an error that names the party.
//!
//! Not modelled: service by e-mail with consent (Rule 5(b)(2)(E) outside the court's
//! system), personal delivery, parties in default (Rule 5(a)(2)).

use crate::profile::{CaseProfile, Finding, Party, Role, Sovereign};
use serde::Serialize;

/// How a paper reaches one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "method")]
pub enum PaperService {
    /// Through the court's electronic filing system, on the party's counsel of record.
    CourtElectronic {
        /// The names of the party's counsel.
        counsel: Vec<String>,
    },
    /// By first-class mail to `to` at `address`.
    Mail {
        /// Whom the envelope is addressed to.
        to: String,
        /// The mailing address, one line per entry.
        address: Vec<String>,
    },
}

/// One party that must be served, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ServiceEntry {
    /// The party's id in the profile.
    pub party: String,
    /// The party's name as in the caption.
    pub name: String,
    /// How the paper reaches it.
    pub service: PaperService,
}

/// The parties a paper filed for `filed_by` must be served on, in profile order, and the
/// problems that stop a certificate from being truthful (an error per party to be served
/// by mail with no address). `us_attorney` is the court's address for the United States
/// attorney, if its data has one.
pub fn service_list(
    profile: &CaseProfile,
    filed_by: Role,
    us_attorney: &[String],
) -> (Vec<ServiceEntry>, Vec<Finding>) {
    let filing_counsel: Vec<&str> = profile
        .counsel_for_role(filed_by)
        .iter()
        .map(|c| c.name.as_str())
        .collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (i, p) in profile.parties.iter().enumerate() {
        if p.role == filed_by || !p.is_party_to_the_action() {
            continue;
        }
        let counsel: Vec<String> = profile
            .counsel
            .iter()
            .filter(|c| c.represents.contains(&p.id))
            .map(|c| c.name.clone())
            .collect();
        if counsel.iter().any(|c| filing_counsel.contains(&c.as_str())) {
            continue; // the filer's own counsel
        }
        let service = if !counsel.is_empty() {
            PaperService::CourtElectronic { counsel }
        } else if is_federal(p) {
            if us_attorney.is_empty() {
                problems.push(Finding::error(
                    format!("parties[{i}]"),
                    format!(
                        "{} is a federal party with no counsel in the profile, so it is served through the United States attorney (Fed. R. Civ. P. 5(b)(1)); add its counsel (the assistant U.S. attorney) to the profile, or the U.S. attorney's address to the court's data (`[court] us_attorney`)",
                        p.name
                    ),
                ));
                continue;
            }
            PaperService::Mail {
                to: format!("{} (through the United States Attorney)", p.name),
                address: us_attorney.to_vec(),
            }
        } else if p.address.iter().all(|l| l.trim().is_empty()) {
            problems.push(Finding::error(
                format!("parties[{i}].address"),
                format!(
                    "{} has no counsel in the profile and must be served by mail (Fed. R. Civ. P. 5(b)(2)(C)), but no address is recorded; add its mailing address or its counsel",
                    p.name
                ),
            ));
            continue;
        } else {
            PaperService::Mail {
                to: p.name.clone(),
                address: p.address.clone(),
            }
        };
        out.push(ServiceEntry {
            party: p.id.clone(),
            name: p.name.clone(),
            service,
        });
    }
    (out, problems)
}

/// Whether a certificate of service is needed: some party is served other than through
/// the court's electronic filing system (Rule 5(d)(1)(B)).
pub fn certificate_needed(list: &[ServiceEntry]) -> bool {
    list.iter()
        .any(|e| !matches!(e.service, PaperService::CourtElectronic { .. }))
}

fn is_federal(p: &Party) -> bool {
    p.kind.is_government() && p.sovereign == Some(Sovereign::UnitedStates)
}

/// What a proof of service of the summons and complaint on `party` needs from its service
/// record (the party's latest one that is not a waiver request), as errors naming the
/// field: who served it (Rule 4(l)(1): the server's declaration), and for the United
/// States, a federal agency or a federal officer or employee, the day the United States
/// attorney was served and the day a copy was sent to the Attorney General
/// (Rule 4(i)(1)(A), (B)).
pub fn proof_of_service_findings(profile: &CaseProfile, party: &str) -> Vec<Finding> {
    use crate::profile::ServiceMethod;
    let Some((i, record)) = profile
        .docket
        .service
        .iter()
        .enumerate()
        .rev()
        .find(|(_, s)| s.party == party && s.method != ServiceMethod::WaiverRequest)
    else {
        return Vec::new();
    };
    let name = profile.party(party).map_or(party, |p| p.name.as_str());
    let mut out = Vec::new();
    if record.server.is_none() {
        out.push(Finding::error(
            format!("docket.service[{i}].server"),
            format!("the proof of service on {name} is the server's declaration (Fed. R. Civ. P. 4(l)(1)): record who served the papers"),
        ));
    }
    let federal = profile
        .party(party)
        .is_some_and(|p| p.is_united_states_or_official() || p.is_federal_officer_individually());
    if federal {
        if record.us_attorney_served.is_none() {
            out.push(Finding::error(
                format!("docket.service[{i}].us_attorney_served"),
                format!("serving {name} includes serving the United States attorney for the district (Fed. R. Civ. P. 4(i)(1)(A)): record the day it was done"),
            ));
        }
        if record.attorney_general_served.is_none() {
            out.push(Finding::error(
                format!("docket.service[{i}].attorney_general_served"),
                format!("serving {name} includes sending a copy to the Attorney General by registered or certified mail (Fed. R. Civ. P. 4(i)(1)(B)): record the day it was sent"),
            ));
        }
    }
    out
}
