//! Deadlines: time computation under Fed. R. Civ. P. 6(a) and 6(d), answer periods under
//! Rule 12(a), the service period of Rule 4(m), and in the Northern District of
//! California the hearing, opposition and reply dates of a noticed motion (Civil L.R. 7-2,
//! 7-3; see [`motion_deadlines`]).
//!
//! Rule 6(a)(1) for a period stated in days: (A) exclude the day of the event that triggers
//! the period; (B) count every day, including intermediate Saturdays, Sundays and legal
//! holidays; (C) include the last day, but if it is a Saturday, Sunday or legal holiday
//! (see [`Calendar`]) the period runs until the end of the next day that is none of these.
//!
//! Rule 6(d): when a party must act within a time after being served and service was made
//! by mail, by leaving the paper with the clerk, or by other means the person consented to
//! (Rule 5(b)(2)(C), (D), (F) — not electronic service), 3 days are added after the period
//! would otherwise expire under Rule 6(a). Following the 2005 committee note, the period is
//! first computed and rolled forward under Rule 6(a), then 3 days are added, and the result
//! is rolled forward again.
//!
//! Every result carries its explanation: the rule, the trigger, the count and every
//! roll-forward with its reason, so a paralegal can check the date against a calendar.
//! Counting backward from an event (a period "before" a hearing) and the inaccessibility
//! of the clerk's office (Rule 6(a)(3)) are not modelled.

use super::calendar::Calendar;
use crate::profile::{CaseProfile, Party, ResponsePaper, Service, ServiceMethod, Side, Sovereign};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::Serialize;

/// The days Rule 6(d) adds after service by mail, by leaving with the clerk, or by other
/// consented means.
pub const RULE_6D_DAYS: u32 = 3;

/// One computed deadline with the reasoning behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Deadline {
    /// What must be done ("Answer (or Rule 12 motion) due from U.S. Customs and Border
    /// Protection").
    pub title: String,
    /// The rule that sets the period ("Fed. R. Civ. P. 12(a)(2)").
    pub rule: String,
    /// The last day.
    pub due: NaiveDate,
    /// Id of the party the deadline concerns.
    pub party: Option<String>,
    /// The rule, the trigger, the count and every roll-forward, one sentence each.
    pub explanation: Vec<String>,
    /// Set when a later event has made the deadline moot (a dismissal, a served answer):
    /// why. A moot deadline is listed for the record, never as due.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moot: Option<String>,
}

impl Deadline {
    /// Whether the deadline still has to be met.
    pub fn is_live(&self) -> bool {
        self.moot.is_none()
    }
}

/// The result of counting a period under Rule 6(a) (and 6(d)).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Computed {
    /// The day of the event that triggers the period (not counted).
    pub trigger: NaiveDate,
    /// The length of the period in days.
    pub days: u32,
    /// Whether Rule 6(d)'s 3 days were added.
    pub mail_service: bool,
    /// The last day under Rule 6(a) alone, after rolling forward.
    pub period_end: NaiveDate,
    /// The last day, with Rule 6(d) applied when `mail_service` is set.
    pub due: NaiveDate,
    /// One sentence per step: exclusion of the trigger, the count, each roll-forward.
    pub explanation: Vec<String>,
}

/// Why a period could not be counted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DeadlineError {
    /// The period would end after the last date Drafter can represent.
    #[error("counting {days} days from {trigger} runs past the last date Drafter can represent")]
    OutOfRange {
        /// The day the period runs from.
        trigger: NaiveDate,
        /// The period's length in days.
        days: u32,
    },
}

/// Counts `days` days from `trigger` under Rule 6(a)(1), adding Rule 6(d)'s 3 days when
/// `mail_service` is set (service by mail, leaving with the clerk, or other consented
/// means; never for electronic service).
///
/// ```
/// use chrono::NaiveDate;
/// use drafter::rules::{count_days, Calendar};
///
/// // 21 days from 2022-05-29 ends on Sunday 2022-06-19 (Juneteenth), observed Monday.
/// let trigger = NaiveDate::from_ymd_opt(2022, 5, 29).unwrap();
/// let c = count_days(trigger, 21, &Calendar::federal(), false).unwrap();
/// assert_eq!(c.due, NaiveDate::from_ymd_opt(2022, 6, 21).unwrap());
/// assert!(c.explanation.last().unwrap().contains("2022-06-20 is a legal holiday"));
/// ```
pub fn count_days(
    trigger: NaiveDate,
    days: u32,
    calendar: &Calendar,
    mail_service: bool,
) -> Result<Computed, DeadlineError> {
    let out_of_range = || DeadlineError::OutOfRange { trigger, days };
    let mut explanation = vec![format!(
        "Fed. R. Civ. P. 6(a)(1)(A): the day of the event that triggers the period, {}, is not counted.",
        show(trigger)
    )];
    let last = trigger
        .checked_add_days(Days::new(days.into()))
        .ok_or_else(out_of_range)?;
    explanation.push(if days == 0 {
        format!(
            "Fed. R. Civ. P. 6(a)(1)(B): a period of 0 days ends on the trigger day, {}.",
            show(last)
        )
    } else {
        format!(
            "Fed. R. Civ. P. 6(a)(1)(B): counting {days} {} from the next day, including Saturdays, Sundays and legal holidays, the {} day is {}.",
            plural(days, "day", "days"),
            crate::words::ordinal(i64::from(days)),
            show(last)
        )
    });
    let period_end =
        roll_forward(last, calendar, "6(a)(1)(C)", &mut explanation).ok_or_else(out_of_range)?;
    let due = if mail_service {
        let added = period_end
            .checked_add_days(Days::new(RULE_6D_DAYS.into()))
            .ok_or_else(out_of_range)?;
        explanation.push(format!(
            "Fed. R. Civ. P. 6(d): service was by mail (or by leaving with the clerk, or by other consented means), so {RULE_6D_DAYS} days are added after the period would otherwise expire under Rule 6(a): {} + {RULE_6D_DAYS} days = {}.",
            show(period_end),
            show(added)
        ));
        roll_forward(
            added,
            calendar,
            "6(a)(1)(C), applied after Rule 6(d)",
            &mut explanation,
        )
        .ok_or_else(out_of_range)?
    } else {
        period_end
    };
    Ok(Computed {
        trigger,
        days,
        mail_service,
        period_end,
        due,
        explanation,
    })
}

/// Moves `date` to the next day that is not a Saturday, Sunday or legal holiday, explaining
/// each day skipped. `None` only past the end of the representable dates.
fn roll_forward(
    date: NaiveDate,
    calendar: &Calendar,
    cite: &str,
    explanation: &mut Vec<String>,
) -> Option<NaiveDate> {
    let mut reasons = Vec::new();
    let mut day = date;
    while let Some(off) = calendar.day_off(day) {
        reasons.push(format!("{day} is {off}"));
        day = day.succ_opt()?;
    }
    explanation.push(if reasons.is_empty() {
        format!(
            "Fed. R. Civ. P. {cite}: {} is not a Saturday, Sunday or legal holiday, so the period ends that day.",
            show(day)
        )
    } else {
        format!(
            "Fed. R. Civ. P. {cite}: {}; the period continues to the next day that is not a Saturday, Sunday or legal holiday: {}.",
            reasons.join("; "),
            show(day)
        )
    });
    Some(day)
}

/// Every deadline the profile's docket and dates imply, earliest first:
///
/// - for each service record, the answer (or Rule 12 motion) under Rule 12(a): 21 days
///   after service; 60 days after service on the United States attorney for the United
///   States, an agency, or an officer or employee sued in an official capacity (from
///   service on the party when that date is not recorded, and the explanation says so);
///   60 days after a Rule 4(d) waiver request was sent, 90 when sent outside the United
///   States. Rule 6(d) never extends these: a summons is served under Rule 4, not Rule 5.
/// - when `dates.filed` is set, Rule 4(m)'s 90 days to serve each defendant or respondent
///   with no service recorded (a waiver request alone does not count as service), except
///   one whose waiver request went outside the United States: Rule 4(m) does not apply to
///   service in a foreign country.
///
/// A period that would run past the last representable date is left out.
pub fn compute(profile: &CaseProfile, calendar: &Calendar) -> Vec<Deadline> {
    let mut out: Vec<Deadline> = profile
        .docket
        .service
        .iter()
        .enumerate()
        .filter_map(|(i, s)| answer_deadline(profile, i, s, calendar))
        .collect();
    if let Some(&filed) = profile.dates.get("filed") {
        out.extend(
            profile
                .parties
                .iter()
                .filter_map(|p| service_deadline(profile, p, filed, calendar)),
        );
    }
    for d in &mut out {
        d.moot = moot_reason(profile, d);
    }
    mask(profile, &mut out);
    sort(&mut out);
    out
}

/// A deadline's words quote the case's own (a motion's title, a party's name): a
/// protected value typed there is masked here, once, for every place that shows them
/// (the CLI's `deadlines`, the app's deadline list).
fn mask(profile: &CaseProfile, deadlines: &mut [Deadline]) {
    let guard = super::protect::Guard::new(profile);
    for d in deadlines {
        d.title = guard.redact(&d.title);
        for line in &mut d.explanation {
            *line = guard.redact(line);
        }
        if let Some(why) = &mut d.moot {
            *why = guard.redact(why);
        }
    }
}

/// Why a later event has made `deadline` moot: a dismissal that covers its party
/// (`dates.dismissed`, `docket.dismissal_covers`), or for an answer deadline, the party's
/// own answer or motion (`docket.responses`).
fn moot_reason(profile: &CaseProfile, deadline: &Deadline) -> Option<String> {
    let party = deadline.party.as_deref()?;
    if let Some(&dismissed) = profile.dates.get("dismissed") {
        let covers = &profile.docket.dismissal_covers;
        if covers.is_empty() || covers.iter().any(|id| id == party) {
            let what = if covers.is_empty() {
                "the action was dismissed"
            } else {
                "the claims against this party were dismissed"
            };
            return Some(format!(
                "Moot: {what} on {} (dates.dismissed{}).",
                show(dismissed),
                if covers.is_empty() {
                    ""
                } else {
                    ", docket.dismissal_covers"
                }
            ));
        }
    }
    if deadline.rule.starts_with("Fed. R. Civ. P. 12(a)") {
        if let Some(r) = profile.docket.responses.iter().find(|r| r.party == party) {
            let paper = match r.paper {
                ResponsePaper::Answer => "an answer",
                ResponsePaper::Rule12Motion => "a Rule 12 motion",
                ResponsePaper::SummaryJudgmentMotion => "a motion for summary judgment",
            };
            return Some(format!(
                "Met: the party served {paper} on {} (docket.responses).",
                show(r.served)
            ));
        }
    }
    if deadline.rule == "Fed. R. Civ. P. 4(m)"
        && profile.docket.responses.iter().any(|r| r.party == party)
    {
        return Some(
            "Moot: the party has appeared and responded (docket.responses); an objection to service not raised in its first response is waived (Rule 12(h)(1))."
                .to_string(),
        );
    }
    None
}

fn answer_deadline(
    profile: &CaseProfile,
    index: usize,
    service: &Service,
    calendar: &Calendar,
) -> Option<Deadline> {
    let party = profile.party(&service.party);
    let name = party.map_or(service.party.as_str(), |p| p.name.as_str());
    let mut why = Vec::new();
    let us_attorney = |why: &mut Vec<String>, fallback: NaiveDate| match service.us_attorney_served
    {
        Some(date) => {
            why.push(format!(
                "Service on the United States attorney: {}, recorded in docket.service[{index}].us_attorney_served.",
                show(date)
            ));
            Some(date)
        }
        None => {
            why.push(format!(
                "No date of service on the United States attorney is recorded (docket.service[{index}].us_attorney_served), so the period is counted from service on {name} on {}. Record that date: the period runs from it.",
                show(fallback)
            ));
            None
        }
    };
    let (rule, days, trigger) = if party.is_some_and(|p| p.is_united_states_or_official()) {
        why.push(
            "Fed. R. Civ. P. 12(a)(2): the United States, a United States agency, or a United States officer or employee sued only in an official capacity must serve an answer within 60 days after service on the United States attorney."
                .to_string(),
        );
        if service.method == ServiceMethod::WaiverRequest {
            why.push(format!(
                "The record for {name} is a waiver request, but Rule 4(d) waivers are not available against the United States, its agencies or officers (see Rule 4(i)); the Rule 12(a)(2) period is shown."
            ));
        }
        let trigger = us_attorney(&mut why, service.date).unwrap_or(service.date);
        ("Fed. R. Civ. P. 12(a)(2)", 60, trigger)
    } else if party.is_some_and(|p| p.is_federal_officer_individually()) {
        why.push(
            "Fed. R. Civ. P. 12(a)(3): a United States officer or employee sued in an individual capacity for an act or omission in connection with duties performed on the United States' behalf must serve an answer within 60 days after service on the officer or employee or service on the United States attorney, whichever is later."
                .to_string(),
        );
        why.push(format!("Service on {name}: {}.", show(service.date)));
        let trigger = match us_attorney(&mut why, service.date) {
            Some(date) if date > service.date => {
                why.push(format!(
                    "The later of the two is service on the United States attorney, {}.",
                    show(date)
                ));
                date
            }
            Some(_) => {
                why.push(format!(
                    "The later of the two is service on {name}, {}.",
                    show(service.date)
                ));
                service.date
            }
            None => service.date,
        };
        ("Fed. R. Civ. P. 12(a)(3)", 60, trigger)
    } else if service.method == ServiceMethod::WaiverRequest
        && party.is_some_and(|p| p.kind.is_government())
    {
        // Rule 4(d)(1) reaches individuals, corporations and associations only.
        return None;
    } else if service.method == ServiceMethod::WaiverRequest {
        why.push(
            "Fed. R. Civ. P. 12(a)(1)(A)(ii): a defendant that timely waives service under Rule 4(d) must serve an answer within 60 days after the request for a waiver was sent, or within 90 days after it was sent to the defendant outside any judicial district of the United States."
                .to_string(),
        );
        let (days, place) = if service.outside_united_states {
            (
                90,
                " outside any judicial district of the United States, so the period is 90 days",
            )
        } else {
            (60, "")
        };
        why.push(format!(
            "Trigger: the waiver request was sent to {name} on {}{place}.",
            show(service.date)
        ));
        why.push(
            "This date holds only if the waiver is returned in time; if it is not, serve formally, and the answer is then due 21 days after that service (Rule 12(a)(1)(A)(i))."
                .to_string(),
        );
        ("Fed. R. Civ. P. 12(a)(1)(A)(ii)", days, service.date)
    } else {
        why.push(
            "Fed. R. Civ. P. 12(a)(1)(A)(i): a defendant must serve an answer within 21 days after being served with the summons and complaint."
                .to_string(),
        );
        if let Some(p) = party.filter(|p| p.kind.is_government()) {
            match p.sovereign {
                Some(Sovereign::UnitedStates) => {}
                Some(s) => why.push(format!(
                    "{name} is a government party of {}, not of the United States: Rule 12(a)(2) and (3) give 60 days only to the United States, its agencies, officers and employees, so the 21 days of Rule 12(a)(1)(A)(i) apply.",
                    s.label()
                )),
                None => why.push(format!(
                    "Whose government {name} belongs to is not recorded (its `sovereign`); the 21 days of Rule 12(a)(1)(A)(i) are shown, the shortest period that could apply. If it is the United States or a federal agency or officer, the period is 60 days (Rule 12(a)(2), (3))."
                )),
            }
        }
        let how = match service.method {
            ServiceMethod::Personal => "personally",
            ServiceMethod::Mail => "by mail",
            ServiceMethod::Electronic => "electronically",
            ServiceMethod::WaiverRequest => "by waiver",
        };
        why.push(format!(
            "Trigger: {name} was served with the summons and complaint {how} on {}.",
            show(service.date)
        ));
        ("Fed. R. Civ. P. 12(a)(1)(A)(i)", 21, service.date)
    };
    if service.method == ServiceMethod::Mail {
        why.push(
            "Service was by mail, but Rule 6(d) adds 3 days only after service of a paper under Rule 5(b); the summons and complaint are served under Rule 4, so no days are added to the answer period."
                .to_string(),
        );
    }
    if party.is_none() {
        why.push(format!(
            "No party in the profile has the id `{}`; the period for a private party is shown.",
            service.party
        ));
    }
    let computed = count_days(trigger, days, calendar, false).ok()?;
    why.extend(computed.explanation);
    Some(Deadline {
        title: format!("Answer (or Rule 12 motion) due from {name}"),
        rule: rule.to_string(),
        due: computed.due,
        party: Some(service.party.clone()),
        explanation: why,
        moot: None,
    })
}

fn service_deadline(
    profile: &CaseProfile,
    party: &Party,
    filed: NaiveDate,
    calendar: &Calendar,
) -> Option<Deadline> {
    if party.role.side() != Some(Side::Responding) {
        return None;
    }
    let records: Vec<&Service> = profile
        .docket
        .service
        .iter()
        .filter(|s| s.party == party.id)
        .collect();
    if records
        .iter()
        .any(|s| s.method != ServiceMethod::WaiverRequest)
    {
        return None;
    }
    if records.iter().any(|s| s.outside_united_states) {
        // Rule 4(m) does not apply to service in a foreign country (Rule 4(f), 4(h)(2),
        // 4(j)(1)).
        return None;
    }
    let name = party.name.as_str();
    let mut why = vec![
        "Fed. R. Civ. P. 4(m): if a defendant is not served within 90 days after the complaint is filed, the court must dismiss the action without prejudice against that defendant or order that service be made within a specified time (and must extend the time for good cause)."
            .to_string(),
        format!(
            "Trigger: the complaint was filed on {} (dates.filed).",
            show(filed)
        ),
    ];
    match records.first() {
        None => why.push(format!("No service on {name} is recorded in the docket.")),
        Some(waiver) => why.push(format!(
            "A waiver was requested from {name} on {}; if the signed waiver is returned, no further service is needed.",
            show(waiver.date)
        )),
    }
    let computed = count_days(filed, 90, calendar, false).ok()?;
    why.extend(computed.explanation);
    Some(Deadline {
        title: format!("Serve the summons and complaint on {name}"),
        rule: "Fed. R. Civ. P. 4(m)".to_string(),
        due: computed.due,
        party: Some(party.id.clone()),
        explanation: why,
        moot: None,
    })
}

/// N.D. Cal. Civil L.R. 7-2(a): a motion is noticed for hearing not less than this many
/// days after it is filed.
pub const NOTICE_DAYS: u32 = 35;
/// N.D. Cal. Civil L.R. 7-3(a): the opposition is due this many days after the motion is
/// filed.
pub const OPPOSITION_DAYS: u32 = 14;
/// N.D. Cal. Civil L.R. 7-3(c): the reply is due this many days after the opposition was
/// due.
pub const REPLY_DAYS: u32 = 7;

/// [`compute`]'s deadlines plus those of the court's local rules: in a court with the
/// N.D. Cal. Civil Local Rules, each noticed motion's earliest hearing date, opposition
/// and reply ([`motion_deadlines`]). Earliest first, moot ones last.
pub fn compute_in(
    profile: &CaseProfile,
    calendar: &Calendar,
    court: &super::CourtRules,
) -> Vec<Deadline> {
    let mut out = compute(profile, calendar);
    if court.is_cand() {
        let mut motions: Vec<Deadline> = profile
            .docket
            .motions
            .iter()
            .enumerate()
            .flat_map(|(i, m)| motion_deadlines(profile, i, m, calendar))
            .collect();
        for d in &mut motions {
            d.moot = moot_reason(profile, d);
        }
        mask(profile, &mut motions);
        out.extend(motions);
        sort(&mut out);
    }
    out
}

fn sort(out: &mut [Deadline]) {
    out.sort_by(|a, b| {
        a.moot
            .is_some()
            .cmp(&b.moot.is_some())
            .then_with(|| a.due.cmp(&b.due))
            .then_with(|| a.title.cmp(&b.title))
    });
}

/// The dates N.D. Cal. Civil L.R. 7-2 and 7-3 set for a noticed motion (`index` is its
/// place in `docket.motions`): the earliest hearing date (35 days after filing), the
/// opposition (14 days after filing) and the reply (7 days after the opposition was due).
/// Civil L.R. 1-5(c) gives "day" the meaning of Fed. R. Civ. P. 6(a), so each period is
/// counted under Rule 6(a)(1) with the court's calendar, and one that ends on a Saturday,
/// Sunday or legal holiday runs to the next day that is none. Each runs from filing, not
/// service, so Rule 6(d) adds nothing. Empty when a period runs past the last
/// representable date.
pub fn motion_deadlines(
    profile: &CaseProfile,
    index: usize,
    motion: &crate::profile::Motion,
    calendar: &Calendar,
) -> Vec<Deadline> {
    let field = format!("docket.motions[{index}]");
    let mover = profile
        .party(&motion.party)
        .map_or(motion.party.as_str(), |p| p.short());
    let filed_why = format!(
        "Trigger: {mover}'s {} was filed on {} ({field}.filed).",
        motion.title,
        show(motion.filed)
    );
    let days_meaning = "N.D. Cal. Civil L.R. 1-5(c): a \"day\" in the local rules has the meaning Fed. R. Civ. P. 6(a) gives it, so the period is counted under Rule 6(a)(1).".to_string();
    let Ok(hearing) = count_days(motion.filed, NOTICE_DAYS, calendar, false) else {
        return Vec::new();
    };
    let Ok(opposition) = count_days(motion.filed, OPPOSITION_DAYS, calendar, false) else {
        return Vec::new();
    };
    let Ok(reply) = count_days(opposition.due, REPLY_DAYS, calendar, false) else {
        return Vec::new();
    };
    let mut hearing_why = vec![
        format!("N.D. Cal. Civil L.R. 7-2(a): a motion is noticed for hearing not less than {NOTICE_DAYS} days after it is filed."),
        filed_why.clone(),
        days_meaning.clone(),
    ];
    hearing_why.extend(hearing.explanation);
    hearing_why.push(
        "The hearing may be set on this day or later, on a day the assigned judge hears civil motions (see the judge's standing order)."
            .to_string(),
    );
    if let Some(noticed) = motion.hearing {
        hearing_why.push(if noticed < hearing.due {
            format!(
                "The hearing noticed in {field}.hearing, {}, is earlier than Civil L.R. 7-2(a) allows: choose {} or later.",
                show(noticed),
                show(hearing.due)
            )
        } else {
            format!(
                "The hearing noticed in {field}.hearing, {}, is not earlier than this date.",
                show(noticed)
            )
        });
    }
    let mut opposition_why = vec![
        format!("N.D. Cal. Civil L.R. 7-3(a): an opposition to a motion is filed and served not more than {OPPOSITION_DAYS} days after the motion is filed."),
        filed_why,
        days_meaning.clone(),
    ];
    opposition_why.extend(opposition.explanation);
    opposition_why.push(
        "The period runs from filing, not from service, so Fed. R. Civ. P. 6(d) adds no days."
            .to_string(),
    );
    let mut reply_why = vec![
        format!("N.D. Cal. Civil L.R. 7-3(c): a reply to an opposition is filed and served not more than {REPLY_DAYS} days after the opposition was due."),
        format!(
            "Trigger: the opposition was due on {} (Civil L.R. 7-3(a), above).",
            show(opposition.due)
        ),
        days_meaning,
    ];
    reply_why.extend(reply.explanation);
    let deadline = |title: String, rule: &str, due: NaiveDate, explanation: Vec<String>| Deadline {
        title,
        rule: rule.to_string(),
        due,
        party: Some(motion.party.clone()),
        explanation,
        moot: None,
    };
    vec![
        deadline(
            format!("Earliest hearing date for {mover}'s {}", motion.title),
            "N.D. Cal. Civil L.R. 7-2(a)",
            hearing.due,
            hearing_why,
        ),
        deadline(
            format!("Opposition due to {mover}'s {}", motion.title),
            "N.D. Cal. Civil L.R. 7-3(a)",
            opposition.due,
            opposition_why,
        ),
        deadline(
            format!("Reply due in support of {mover}'s {}", motion.title),
            "N.D. Cal. Civil L.R. 7-3(c)",
            reply.due,
            reply_why,
        ),
    ]
}

/// The earliest hearing date N.D. Cal. Civil L.R. 7-2(a) allows for a motion filed on
/// `filed`: 35 days later, counted under Fed. R. Civ. P. 6(a)(1) (Civil L.R. 1-5(c)).
pub fn earliest_hearing(filed: NaiveDate, calendar: &Calendar) -> Result<NaiveDate, DeadlineError> {
    count_days(filed, NOTICE_DAYS, calendar, false).map(|c| c.due)
}

/// "2017-06-05 (Monday)".
fn show(date: NaiveDate) -> String {
    let day = match date.weekday() {
        Weekday::Mon => "Monday",
        Weekday::Tue => "Tuesday",
        Weekday::Wed => "Wednesday",
        Weekday::Thu => "Thursday",
        Weekday::Fri => "Friday",
        Weekday::Sat => "Saturday",
        Weekday::Sun => "Sunday",
    };
    format!("{date} ({day})")
}

fn plural<'a>(n: u32, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn explains_each_roll_forward() {
        let c = count_days(d(2022, 5, 29), 21, &Calendar::federal(), false).unwrap();
        assert_eq!(c.due, d(2022, 6, 21));
        let text = c.explanation.join("\n");
        assert!(
            text.contains("2022-05-29 (Sunday), is not counted"),
            "{text}"
        );
        assert!(
            text.contains("the 21st day is 2022-06-19 (Sunday)"),
            "{text}"
        );
        assert!(
            text.contains(
                "2022-06-19 is a Sunday (Juneteenth National Independence Day); 2022-06-20 is a legal holiday (Juneteenth National Independence Day (observed)); the period continues to the next day that is not a Saturday, Sunday or legal holiday: 2022-06-21 (Tuesday)"
            ),
            "{text}"
        );
    }

    #[test]
    fn mail_adds_three_days_after_rolling_forward() {
        // 14 days from Friday 2020-06-19 is Friday 2020-07-03, Independence Day observed;
        // Rule 6(a) moves the end to Monday 2020-07-06, then Rule 6(d) adds 3 days.
        let c = count_days(d(2020, 6, 19), 14, &Calendar::federal(), true).unwrap();
        assert_eq!(c.period_end, d(2020, 7, 6));
        assert_eq!(c.due, d(2020, 7, 9));
        let text = c.explanation.join("\n");
        assert!(text.contains("Fed. R. Civ. P. 6(d)"), "{text}");
        assert!(
            text.contains("2020-07-06 (Monday) + 3 days = 2020-07-09 (Thursday)"),
            "{text}"
        );
        assert_eq!(c.explanation.len(), 5);
    }

    #[test]
    fn zero_days_and_out_of_range() {
        let c = count_days(d(2017, 4, 8), 0, &Calendar::federal(), false).unwrap();
        assert_eq!(c.due, d(2017, 4, 10));
        assert_eq!(
            count_days(NaiveDate::MAX, 1, &Calendar::federal(), false),
            Err(DeadlineError::OutOfRange {
                trigger: NaiveDate::MAX,
                days: 1
            })
        );
        // Whatever day of the week the last representable date is, Rule 6(d) (or the
        // roll-forward) would run past it.
        assert!(count_days(NaiveDate::MAX, 0, &Calendar::federal(), true).is_err());
        assert!(count_days(NaiveDate::MIN, u32::MAX, &Calendar::federal(), true).is_err());
    }
}
