//! Deadlines held to a table computed by hand from the rule text.
//!
//! Every row is one defendant served (or not) in a case in the Northern District of
//! California (`cand`: federal holidays and, under Fed. R. Civ. P. 6(a)(6)(C),
//! California's) or in a federal court whose state Drafter does not know (`federal`:
//! federal holidays only). The expected due dates were worked out from the rule text
//! (Rules 4(m), 6(a), 6(d), 12(a); 5 U.S.C. § 6103; Cal. Gov. Code §§ 6700–6701), with a
//! calendar for the weekdays, independently of Drafter's code and holiday data: the
//! comment above each row shows the raw last day of the period and each day skipped.
//! The first column is the rule the row exercises. The noticed-motion table
//! ([`hand_computed_motion_dates`]) does the same for N.D. Cal. Civil L.R. 7-2 and 7-3.

use chrono::NaiveDate;
use drafter::profile::CaseProfile;
use drafter::rules::{compute, compute_in, count_days, Calendar};
use drafter::typeset::CourtStyle;
use proptest::prelude::*;

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn calendar(court: &str) -> Calendar {
    CourtStyle::load(court, None).unwrap().calendar()
}

/// The party JSON fields for a kind of party named in the table.
fn party_fields(kind: &str) -> &'static str {
    match kind {
        "person" => r#""kind": "person""#,
        "organization" => r#""kind": "organization""#,
        "united-states" => r#""kind": "government", "sovereign": "united-states""#,
        "us-agency" => r#""kind": "government-agency", "sovereign": "united-states""#,
        "us-official" => {
            r#""kind": "government-official", "sovereign": "united-states", "sued_in": "official-capacity""#
        }
        "us-individual" => {
            r#""kind": "government-official", "sovereign": "united-states", "sued_in": "individual-capacity""#
        }
        "state" => r#""kind": "government", "sovereign": "state""#,
        "state-agency" => r#""kind": "government-agency", "sovereign": "state""#,
        "state-official" => {
            r#""kind": "government-official", "sovereign": "state", "sued_in": "official-capacity""#
        }
        "local" => r#""kind": "government", "sovereign": "local""#,
        "local-agency" => r#""kind": "government-agency", "sovereign": "local""#,
        "local-official" => {
            r#""kind": "government-official", "sovereign": "local", "sued_in": "official-capacity""#
        }
        other => panic!("unknown party kind {other}"),
    }
}

/// A case with one defendant `d` of `kind`, served by `method` on `trigger` (or, for
/// `unserved`, a complaint filed on `trigger`).
fn profile(court: &str, kind: &str, method: &str, trigger: &str, usa: Option<&str>) -> CaseProfile {
    let (method, abroad) = match method {
        "waiver" => ("waiver-request", false),
        "waiver-abroad" => ("waiver-request", true),
        m => (m, false),
    };
    let usa = usa.map_or(String::new(), |d| {
        format!(r#", "us_attorney_served": "{d}""#)
    });
    let abroad = if abroad {
        r#", "outside_united_states": true"#
    } else {
        ""
    };
    let (dates, docket) = if method == "unserved" {
        (
            format!(r#""dates": {{"filed": "{trigger}"}},"#),
            String::new(),
        )
    } else {
        (
            String::new(),
            format!(
                r#", "docket": {{"service": [{{"party": "d", "method": "{method}", "date": "{trigger}"{usa}{abroad}}}]}}"#
            ),
        )
    };
    let json = format!(
        r#"{{"schema": 2, "court": {{"name": "United States District Court", "style": "{court}"}}, {dates}
            "parties": [{{"id": "p", "name": "Pat Plaintiff", "role": "plaintiff", "kind": "person"}},
                        {{"id": "d", "name": "Dee Defendant", "role": "defendant", {}}}]{docket}}}"#,
        party_fields(kind)
    );
    CaseProfile::from_json(&json, "table row").unwrap()
}

/// Checks one row: `cite` is the rule, `due` the hand-computed last day (`None`: no such
/// deadline may be listed).
#[allow(clippy::too_many_arguments)]
fn row(
    cite: &str,
    court: &str,
    kind: &str,
    method: &str,
    trigger: &str,
    usa: Option<&str>,
    due: Option<&str>,
) -> usize {
    let at = format!("{cite} {court} {kind} {method} {trigger} {usa:?}");
    let cal = calendar(court);
    if method.starts_with("paper-") {
        // A 14-day period after service of a paper under Rule 5(b); mail adds 3 days
        // under Rule 6(d), electronic service does not.
        let c = count_days(date(trigger), 14, &cal, method == "paper-mail").unwrap();
        assert_eq!(Some(c.due), due.map(date), "{at}");
        return 1;
    }
    let rule = format!("Fed. R. Civ. P. {cite}");
    let deadlines = compute(&profile(court, kind, method, trigger, usa), &cal);
    match due {
        Some(due) => {
            let found: Vec<_> = deadlines
                .iter()
                .filter(|d| d.party.as_deref() == Some("d") && d.rule == rule)
                .collect();
            assert_eq!(found.len(), 1, "{at}: {deadlines:#?}");
            assert_eq!(found[0].due, date(due), "{at}: {:#?}", found[0].explanation);
            assert!(found[0].is_live(), "{at}");
        }
        None => assert!(
            !deadlines
                .iter()
                .any(|d| d.rule.starts_with("Fed. R. Civ. P. 12(a)")),
            "{at}: {deadlines:#?}"
        ),
    }
    1
}

#[test]
fn hand_computed_deadlines() {
    let rows = [
        // raw 2017-01-02 Mon; 2017-01-02 Mon New Year's Day (observed)
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "personal",
            "2016-12-12",
            None,
            Some("2017-01-03"),
        ),
        // raw 2017-01-02 Mon; 2017-01-02 Mon New Year's Day (observed)
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "organization",
            "mail",
            "2016-12-12",
            None,
            Some("2017-01-03"),
        ),
        // raw 2017-01-16 Mon; 2017-01-16 Mon MLK
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state",
            "personal",
            "2016-12-26",
            None,
            Some("2017-01-17"),
        ),
        // raw 2017-02-13 Mon; 2017-02-13 Mon Lincoln Day (observed)
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-agency",
            "electronic",
            "2017-01-23",
            None,
            Some("2017-02-14"),
        ),
        // raw 2017-02-20 Mon; 2017-02-20 Mon Washington's Birthday
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "organization",
            "waiver-abroad",
            "2016-11-22",
            None,
            Some("2017-02-21"),
        ),
        // raw 2017-02-20 Mon; 2017-02-20 Mon Washington's Birthday
        row(
            "12(a)(1)(A)(ii)",
            "federal",
            "organization",
            "waiver-abroad",
            "2016-11-22",
            None,
            Some("2017-02-21"),
        ),
        // raw 2017-03-31 Fri; 2017-03-31 Fri Cesar Chavez Day; 2017-04-01 Sat; 2017-04-02 Sun
        row(
            "12(a)(2)",
            "cand",
            "us-agency",
            "personal",
            "2017-01-26",
            Some("2017-01-30"),
            Some("2017-04-03"),
        ),
        // raw 2017-09-09 Sat; 2017-09-09 Sat Admission Day; 2017-09-10 Sun
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2017-07-11",
            Some("2017-07-07"),
            Some("2017-09-11"),
        ),
        // raw 2017-09-22 Fri; 2017-09-22 Fri Native American Day; 2017-09-23 Sat; 2017-09-24 Sun
        row(
            "4(m)",
            "cand",
            "state-agency",
            "unserved",
            "2017-06-24",
            None,
            Some("2017-09-25"),
        ),
        // raw 2017-09-22 Fri
        row(
            "4(m)",
            "federal",
            "state-agency",
            "unserved",
            "2017-06-24",
            None,
            Some("2017-09-22"),
        ),
        // raw 2017-11-10 Fri; 2017-11-10 Fri Veterans Day (observed); 2017-11-11 Sat Veterans Day; 2017-11-12 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-official",
            "mail",
            "2017-10-20",
            None,
            Some("2017-11-13"),
        ),
        // raw 2017-11-23 Thu; 2017-11-23 Thu Thanksgiving
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local",
            "personal",
            "2017-11-02",
            None,
            Some("2017-11-24"),
        ),
        // raw 2017-11-24 Fri
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local-agency",
            "mail",
            "2017-11-03",
            None,
            Some("2017-11-24"),
        ),
        // raw 2017-11-24 Fri
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "local-official",
            "electronic",
            "2017-11-03",
            None,
            Some("2017-11-24"),
        ),
        // raw 2017-12-25 Mon; 2017-12-25 Mon Christmas Day
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "person",
            "waiver",
            "2017-10-26",
            None,
            Some("2017-12-26"),
        ),
        // raw 2018-03-30 Fri
        row(
            "12(a)(2)",
            "cand",
            "us-official",
            "mail",
            "2018-01-28",
            Some("2018-01-29"),
            Some("2018-03-30"),
        ),
        // raw 2018-02-12 Mon; 2018-02-12 Mon Lincoln Day
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2017-12-11",
            Some("2017-12-14"),
            Some("2018-02-13"),
        ),
        // raw 2018-02-12 Mon
        row(
            "12(a)(3)",
            "federal",
            "us-individual",
            "personal",
            "2017-12-11",
            Some("2017-12-14"),
            Some("2018-02-12"),
        ),
        // raw 2018-05-28 Mon; 2018-05-28 Mon Memorial Day
        row(
            "4(m)",
            "cand",
            "organization",
            "unserved",
            "2018-02-27",
            None,
            Some("2018-05-29"),
        ),
        // raw 2018-09-28 Fri; 2018-09-28 Fri Native American Day; 2018-09-29 Sat; 2018-09-30 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "electronic",
            "2018-09-07",
            None,
            Some("2018-10-01"),
        ),
        // raw 2018-12-31 Mon
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "organization",
            "personal",
            "2018-12-10",
            None,
            Some("2018-12-31"),
        ),
        // raw 2018-12-31 Mon
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "person",
            "personal",
            "2018-12-10",
            None,
            Some("2018-12-31"),
        ),
        // raw 2018-03-31 Sat; 2018-03-31 Sat Cesar Chavez Day; 2018-04-01 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "organization",
            "mail",
            "2018-03-10",
            None,
            Some("2018-04-02"),
        ),
        // raw 2019-09-09 Mon; 2019-09-09 Mon Admission Day
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "organization",
            "waiver",
            "2019-07-11",
            None,
            Some("2019-09-10"),
        ),
        // raw 2019-11-11 Mon; 2019-11-11 Mon Veterans Day
        row(
            "12(a)(2)",
            "cand",
            "united-states",
            "personal",
            "2019-09-09",
            Some("2019-09-12"),
            Some("2019-11-12"),
        ),
        // raw 2019-11-11 Mon; 2019-11-11 Mon Veterans Day
        row(
            "12(a)(2)",
            "federal",
            "united-states",
            "personal",
            "2019-09-09",
            Some("2019-09-12"),
            Some("2019-11-12"),
        ),
        // raw 2019-02-12 Tue; 2019-02-12 Tue Lincoln Day
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2018-12-14",
            Some("2018-12-10"),
            Some("2019-02-13"),
        ),
        // raw 2019-07-04 Thu; 2019-07-04 Thu Independence Day
        row(
            "4(m)",
            "cand",
            "person",
            "unserved",
            "2019-04-05",
            None,
            Some("2019-07-05"),
        ),
        // raw 2019-10-14 Mon; 2019-10-14 Mon Columbus Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state",
            "personal",
            "2019-09-23",
            None,
            Some("2019-10-15"),
        ),
        // raw 2019-10-14 Mon; 2019-10-14 Mon Columbus Day
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "state-agency",
            "electronic",
            "2019-09-23",
            None,
            Some("2019-10-15"),
        ),
        // raw 2020-07-03 Fri; 2020-07-03 Fri Independence Day (observed); 2020-07-04 Sat Independence Day; 2020-07-05 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-official",
            "mail",
            "2020-06-12",
            None,
            Some("2020-07-06"),
        ),
        // raw 2020-03-31 Tue; 2020-03-31 Tue Cesar Chavez Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local",
            "personal",
            "2020-03-10",
            None,
            Some("2020-04-01"),
        ),
        // raw 2020-11-11 Wed; 2020-11-11 Wed Veterans Day
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "person",
            "waiver",
            "2020-09-12",
            None,
            Some("2020-11-12"),
        ),
        // raw 2020-11-11 Wed; 2020-11-11 Wed Veterans Day
        row(
            "12(a)(1)(A)(ii)",
            "federal",
            "person",
            "waiver",
            "2020-09-12",
            None,
            Some("2020-11-12"),
        ),
        // raw 2020-12-25 Fri; 2020-12-25 Fri Christmas Day; 2020-12-26 Sat; 2020-12-27 Sun
        row(
            "12(a)(2)",
            "cand",
            "us-agency",
            "mail",
            "2020-10-26",
            Some("2020-10-26"),
            Some("2020-12-28"),
        ),
        // raw 2020-09-07 Mon; 2020-09-07 Mon Labor Day
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2020-07-06",
            Some("2020-07-09"),
            Some("2020-09-08"),
        ),
        // raw 2021-06-18 Fri; 2021-06-18 Fri Juneteenth (observed); 2021-06-19 Sat Juneteenth; 2021-06-20 Sun
        row(
            "4(m)",
            "cand",
            "us-agency",
            "unserved",
            "2021-03-20",
            None,
            Some("2021-06-21"),
        ),
        // raw 2021-06-18 Fri; 2021-06-18 Fri Juneteenth (observed); 2021-06-19 Sat Juneteenth; 2021-06-20 Sun
        row(
            "4(m)",
            "federal",
            "us-agency",
            "unserved",
            "2021-03-20",
            None,
            Some("2021-06-21"),
        ),
        // raw 2021-12-24 Fri; 2021-12-24 Fri Christmas Day (observed); 2021-12-25 Sat Christmas Day; 2021-12-26 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local-agency",
            "mail",
            "2021-12-03",
            None,
            Some("2021-12-27"),
        ),
        // raw 2021-12-31 Fri; 2021-12-31 Fri New Year's Day (observed); 2022-01-01 Sat New Year's Day; 2022-01-02 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local-official",
            "electronic",
            "2021-12-10",
            None,
            Some("2022-01-03"),
        ),
        // raw 2021-02-12 Fri; 2021-02-12 Fri Lincoln Day; 2021-02-13 Sat; 2021-02-14 Sun; 2021-02-15 Mon Washington's Birthday
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "electronic",
            "2021-01-22",
            None,
            Some("2021-02-16"),
        ),
        // raw 2021-02-12 Fri
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "organization",
            "personal",
            "2021-01-22",
            None,
            Some("2021-02-12"),
        ),
        // raw 2021-09-24 Fri; 2021-09-24 Fri Native American Day; 2021-09-25 Sat; 2021-09-26 Sun
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "organization",
            "waiver-abroad",
            "2021-06-26",
            None,
            Some("2021-09-27"),
        ),
        // raw 2021-07-05 Mon; 2021-07-05 Mon Independence Day (observed)
        row(
            "12(a)(2)",
            "cand",
            "us-official",
            "personal",
            "2021-05-04",
            Some("2021-05-06"),
            Some("2021-07-06"),
        ),
        // raw 2022-06-19 Sun; 2022-06-19 Sun Juneteenth; 2022-06-20 Mon Juneteenth (observed)
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2022-04-20",
            Some("2022-04-16"),
            Some("2022-06-21"),
        ),
        // raw 2022-06-19 Sun; 2022-06-19 Sun Juneteenth; 2022-06-20 Mon Juneteenth (observed)
        row(
            "12(a)(3)",
            "federal",
            "us-individual",
            "personal",
            "2022-04-20",
            Some("2022-04-16"),
            Some("2022-06-21"),
        ),
        // raw 2022-01-17 Mon; 2022-01-17 Mon MLK
        row(
            "4(m)",
            "cand",
            "state-agency",
            "unserved",
            "2021-10-19",
            None,
            Some("2022-01-18"),
        ),
        // raw 2022-04-25 Mon
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "personal",
            "2022-04-04",
            None,
            Some("2022-04-25"),
        ),
        // raw 2022-09-09 Fri; 2022-09-09 Fri Admission Day; 2022-09-10 Sat; 2022-09-11 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "organization",
            "mail",
            "2022-08-19",
            None,
            Some("2022-09-12"),
        ),
        // raw 2022-09-09 Fri
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "state",
            "personal",
            "2022-08-19",
            None,
            Some("2022-09-09"),
        ),
        // raw 2022-12-26 Mon; 2022-12-26 Mon Christmas Day (observed)
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-agency",
            "electronic",
            "2022-12-05",
            None,
            Some("2022-12-27"),
        ),
        // raw 2022-03-31 Thu; 2022-03-31 Thu Cesar Chavez Day
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "person",
            "waiver",
            "2022-01-30",
            None,
            Some("2022-04-01"),
        ),
        // raw 2022-11-24 Thu; 2022-11-24 Thu Thanksgiving
        row(
            "12(a)(2)",
            "cand",
            "united-states",
            "mail",
            "2022-09-21",
            Some("2022-09-25"),
            Some("2022-11-25"),
        ),
        // raw 2022-11-24 Thu; 2022-11-24 Thu Thanksgiving
        row(
            "12(a)(2)",
            "federal",
            "united-states",
            "mail",
            "2022-09-21",
            Some("2022-09-25"),
            Some("2022-11-25"),
        ),
        // raw 2023-01-02 Mon; 2023-01-02 Mon New Year's Day (observed)
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2022-10-31",
            Some("2022-11-03"),
            Some("2023-01-03"),
        ),
        // raw 2023-01-22 Sun; 2023-01-22 Sun Lunar New Year
        row(
            "4(m)",
            "cand",
            "organization",
            "unserved",
            "2022-10-24",
            None,
            Some("2023-01-23"),
        ),
        // raw 2023-04-24 Mon; 2023-04-24 Mon Genocide Remembrance Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-official",
            "mail",
            "2023-04-03",
            None,
            Some("2023-04-25"),
        ),
        // raw 2023-04-24 Mon
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "local",
            "personal",
            "2023-04-03",
            None,
            Some("2023-04-24"),
        ),
        // raw 2023-11-10 Fri; 2023-11-10 Fri Veterans Day (observed); 2023-11-11 Sat Veterans Day; 2023-11-12 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local-agency",
            "mail",
            "2023-10-20",
            None,
            Some("2023-11-13"),
        ),
        // raw 2023-02-13 Mon; 2023-02-13 Mon Lincoln Day (observed)
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local-official",
            "electronic",
            "2023-01-23",
            None,
            Some("2023-02-14"),
        ),
        // raw 2023-06-19 Mon; 2023-06-19 Mon Juneteenth
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "organization",
            "waiver",
            "2023-04-20",
            None,
            Some("2023-06-20"),
        ),
        // raw 2023-06-19 Mon; 2023-06-19 Mon Juneteenth
        row(
            "12(a)(1)(A)(ii)",
            "federal",
            "organization",
            "waiver",
            "2023-04-20",
            None,
            Some("2023-06-20"),
        ),
        // raw 2023-12-31 Sun; 2023-12-31 Sun; 2024-01-01 Mon New Year's Day
        row(
            "12(a)(2)",
            "cand",
            "us-agency",
            "personal",
            "2023-10-31",
            Some("2023-11-01"),
            Some("2024-01-02"),
        ),
        // raw 2024-02-12 Mon; 2024-02-12 Mon Lincoln Day
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2023-12-14",
            Some("2023-12-10"),
            Some("2024-02-13"),
        ),
        // raw 2024-04-24 Wed; 2024-04-24 Wed Genocide Remembrance Day
        row(
            "4(m)",
            "cand",
            "person",
            "unserved",
            "2024-01-25",
            None,
            Some("2024-04-25"),
        ),
        // raw 2024-04-24 Wed
        row(
            "4(m)",
            "federal",
            "person",
            "unserved",
            "2024-01-25",
            None,
            Some("2024-04-24"),
        ),
        // raw 2024-09-09 Mon; 2024-09-09 Mon Admission Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "electronic",
            "2024-08-19",
            None,
            Some("2024-09-10"),
        ),
        // raw 2024-09-27 Fri; 2024-09-27 Fri Native American Day; 2024-09-28 Sat; 2024-09-29 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "organization",
            "personal",
            "2024-09-06",
            None,
            Some("2024-09-30"),
        ),
        // raw 2024-11-28 Thu; 2024-11-28 Thu Thanksgiving
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "personal",
            "2024-11-07",
            None,
            Some("2024-11-29"),
        ),
        // raw 2024-11-28 Thu; 2024-11-28 Thu Thanksgiving
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "organization",
            "mail",
            "2024-11-07",
            None,
            Some("2024-11-29"),
        ),
        // raw 2024-11-29 Fri
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "person",
            "waiver",
            "2024-09-30",
            None,
            Some("2024-11-29"),
        ),
        // raw 2024-02-10 Sat; 2024-02-10 Sat Lunar New Year; 2024-02-11 Sun; 2024-02-12 Mon Lincoln Day
        row(
            "12(a)(2)",
            "cand",
            "us-official",
            "mail",
            "2023-12-09",
            Some("2023-12-12"),
            Some("2024-02-13"),
        ),
        // raw 2024-03-31 Sun; 2024-03-31 Sun Cesar Chavez Day; 2024-04-01 Mon Cesar Chavez Day (observed)
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2024-01-28",
            Some("2024-01-31"),
            Some("2024-04-02"),
        ),
        // raw 2024-03-31 Sun; 2024-03-31 Sun
        row(
            "12(a)(3)",
            "federal",
            "us-individual",
            "personal",
            "2024-01-28",
            Some("2024-01-31"),
            Some("2024-04-01"),
        ),
        // raw 2025-01-29 Wed; 2025-01-29 Wed Lunar New Year
        row(
            "4(m)",
            "cand",
            "us-agency",
            "unserved",
            "2024-10-31",
            None,
            Some("2025-01-30"),
        ),
        // raw 2025-03-31 Mon; 2025-03-31 Mon Cesar Chavez Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state",
            "personal",
            "2025-03-10",
            None,
            Some("2025-04-01"),
        ),
        // raw 2025-04-24 Thu; 2025-04-24 Thu Genocide Remembrance Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-agency",
            "electronic",
            "2025-04-03",
            None,
            Some("2025-04-25"),
        ),
        // raw 2025-04-24 Thu
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "state-official",
            "mail",
            "2025-04-03",
            None,
            Some("2025-04-24"),
        ),
        // raw 2025-06-19 Thu; 2025-06-19 Thu Juneteenth
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local",
            "personal",
            "2025-05-29",
            None,
            Some("2025-06-20"),
        ),
        // raw 2025-07-04 Fri; 2025-07-04 Fri Independence Day; 2025-07-05 Sat; 2025-07-06 Sun
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "organization",
            "waiver-abroad",
            "2025-04-05",
            None,
            Some("2025-07-07"),
        ),
        // raw 2025-10-13 Mon; 2025-10-13 Mon Columbus Day
        row(
            "12(a)(2)",
            "cand",
            "united-states",
            "personal",
            "2025-08-14",
            Some("2025-08-14"),
            Some("2025-10-14"),
        ),
        // raw 2025-10-13 Mon; 2025-10-13 Mon Columbus Day
        row(
            "12(a)(2)",
            "federal",
            "united-states",
            "personal",
            "2025-08-14",
            Some("2025-08-14"),
            Some("2025-10-14"),
        ),
        // raw 2025-12-25 Thu; 2025-12-25 Thu Christmas Day
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2025-10-26",
            Some("2025-10-22"),
            Some("2025-12-26"),
        ),
        // raw 2025-01-20 Mon; 2025-01-20 Mon MLK
        row(
            "4(m)",
            "cand",
            "state-agency",
            "unserved",
            "2024-10-22",
            None,
            Some("2025-01-21"),
        ),
        // raw 2026-02-17 Tue; 2026-02-17 Tue Lunar New Year
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local-agency",
            "mail",
            "2026-01-27",
            None,
            Some("2026-02-18"),
        ),
        // raw 2026-02-17 Tue
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "local-official",
            "electronic",
            "2026-01-27",
            None,
            Some("2026-02-17"),
        ),
        // raw 2026-02-16 Mon; 2026-02-16 Mon Washington's Birthday; 2026-02-17 Tue Lunar New Year
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "electronic",
            "2026-01-26",
            None,
            Some("2026-02-18"),
        ),
        // raw 2026-07-03 Fri; 2026-07-03 Fri Independence Day (observed); 2026-07-04 Sat Independence Day; 2026-07-05 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "organization",
            "personal",
            "2026-06-12",
            None,
            Some("2026-07-06"),
        ),
        // raw 2026-09-25 Fri; 2026-09-25 Fri Native American Day; 2026-09-26 Sat; 2026-09-27 Sun
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "person",
            "waiver",
            "2026-07-27",
            None,
            Some("2026-09-28"),
        ),
        // raw 2026-09-25 Fri
        row(
            "12(a)(1)(A)(ii)",
            "federal",
            "person",
            "waiver",
            "2026-07-27",
            None,
            Some("2026-09-25"),
        ),
        // raw 2026-01-01 Thu; 2026-01-01 Thu New Year's Day
        row(
            "12(a)(2)",
            "cand",
            "us-agency",
            "mail",
            "2025-10-31",
            Some("2025-11-02"),
            Some("2026-01-02"),
        ),
        // raw 2026-05-25 Mon; 2026-05-25 Mon Memorial Day
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2026-03-23",
            Some("2026-03-26"),
            Some("2026-05-26"),
        ),
        // raw 2027-02-06 Sat; 2027-02-06 Sat Lunar New Year; 2027-02-07 Sun
        row(
            "4(m)",
            "cand",
            "organization",
            "unserved",
            "2026-11-08",
            None,
            Some("2027-02-08"),
        ),
        // raw 2027-02-06 Sat; 2027-02-06 Sat; 2027-02-07 Sun
        row(
            "4(m)",
            "federal",
            "organization",
            "unserved",
            "2026-11-08",
            None,
            Some("2027-02-08"),
        ),
        // raw 2027-03-31 Wed; 2027-03-31 Wed Cesar Chavez Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "personal",
            "2027-03-10",
            None,
            Some("2027-04-01"),
        ),
        // raw 2027-06-18 Fri; 2027-06-18 Fri Juneteenth (observed); 2027-06-19 Sat Juneteenth; 2027-06-20 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "organization",
            "mail",
            "2027-05-28",
            None,
            Some("2027-06-21"),
        ),
        // raw 2027-12-24 Fri; 2027-12-24 Fri Christmas Day (observed); 2027-12-25 Sat Christmas Day; 2027-12-26 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state",
            "personal",
            "2027-12-03",
            None,
            Some("2027-12-27"),
        ),
        // raw 2027-12-24 Fri; 2027-12-24 Fri Christmas Day (observed); 2027-12-25 Sat Christmas Day; 2027-12-26 Sun
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "state-agency",
            "electronic",
            "2027-12-03",
            None,
            Some("2027-12-27"),
        ),
        // raw 2027-12-31 Fri; 2027-12-31 Fri New Year's Day (observed); 2028-01-01 Sat New Year's Day; 2028-01-02 Sun
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "organization",
            "waiver",
            "2027-11-01",
            None,
            Some("2028-01-03"),
        ),
        // raw 2027-11-11 Thu; 2027-11-11 Thu Veterans Day
        row(
            "12(a)(2)",
            "cand",
            "us-official",
            "personal",
            "2027-09-08",
            Some("2027-09-12"),
            Some("2027-11-12"),
        ),
        // raw 2028-01-17 Mon; 2028-01-17 Mon MLK
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2027-11-18",
            Some("2027-11-14"),
            Some("2028-01-18"),
        ),
        // raw 2028-01-17 Mon; 2028-01-17 Mon MLK
        row(
            "12(a)(3)",
            "federal",
            "us-individual",
            "personal",
            "2027-11-18",
            Some("2027-11-14"),
            Some("2028-01-18"),
        ),
        // raw 2028-01-26 Wed; 2028-01-26 Wed Lunar New Year
        row(
            "4(m)",
            "cand",
            "person",
            "unserved",
            "2027-10-28",
            None,
            Some("2028-01-27"),
        ),
        // raw 2028-04-24 Mon; 2028-04-24 Mon Genocide Remembrance Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-official",
            "mail",
            "2028-04-03",
            None,
            Some("2028-04-25"),
        ),
        // raw 2028-09-22 Fri; 2028-09-22 Fri Native American Day; 2028-09-23 Sat; 2028-09-24 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local",
            "personal",
            "2028-09-01",
            None,
            Some("2028-09-25"),
        ),
        // raw 2028-09-22 Fri
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "local-agency",
            "mail",
            "2028-09-01",
            None,
            Some("2028-09-22"),
        ),
        // raw 2028-11-10 Fri; 2028-11-10 Fri Veterans Day (observed); 2028-11-11 Sat Veterans Day; 2028-11-12 Sun
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "local-official",
            "electronic",
            "2028-10-20",
            None,
            Some("2028-11-13"),
        ),
        // raw 2028-02-12 Sat; 2028-02-12 Sat Lincoln Day; 2028-02-13 Sun
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "person",
            "waiver",
            "2027-12-14",
            None,
            Some("2028-02-14"),
        ),
        // raw 2029-02-12 Mon; 2029-02-12 Mon Lincoln Day; 2029-02-13 Tue Lunar New Year
        row(
            "12(a)(2)",
            "cand",
            "united-states",
            "mail",
            "2028-12-13",
            Some("2028-12-14"),
            Some("2029-02-14"),
        ),
        // raw 2029-02-12 Mon
        row(
            "12(a)(2)",
            "federal",
            "united-states",
            "mail",
            "2028-12-13",
            Some("2028-12-14"),
            Some("2029-02-12"),
        ),
        // raw 2029-02-13 Tue; 2029-02-13 Tue Lunar New Year
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2028-12-12",
            Some("2028-12-15"),
            Some("2029-02-14"),
        ),
        // raw 2029-03-31 Sat; 2029-03-31 Sat Cesar Chavez Day; 2029-04-01 Sun
        row(
            "4(m)",
            "cand",
            "us-agency",
            "unserved",
            "2028-12-31",
            None,
            Some("2029-04-02"),
        ),
        // raw 2029-09-09 Sun; 2029-09-09 Sun Admission Day; 2029-09-10 Mon Admission Day (observed)
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "electronic",
            "2029-08-19",
            None,
            Some("2029-09-11"),
        ),
        // raw 2029-09-09 Sun; 2029-09-09 Sun
        row(
            "12(a)(1)(A)(i)",
            "federal",
            "organization",
            "personal",
            "2029-08-19",
            None,
            Some("2029-09-10"),
        ),
        // raw 2029-01-01 Mon; 2029-01-01 Mon New Year's Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "person",
            "personal",
            "2028-12-11",
            None,
            Some("2029-01-02"),
        ),
        // raw 2029-11-22 Thu; 2029-11-22 Thu Thanksgiving
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "organization",
            "mail",
            "2029-11-01",
            None,
            Some("2029-11-23"),
        ),
        // raw 2030-02-03 Sun; 2030-02-03 Sun Lunar New Year
        row(
            "12(a)(1)(A)(ii)",
            "cand",
            "organization",
            "waiver-abroad",
            "2029-11-05",
            None,
            Some("2030-02-04"),
        ),
        // raw 2030-02-03 Sun; 2030-02-03 Sun
        row(
            "12(a)(1)(A)(ii)",
            "federal",
            "organization",
            "waiver-abroad",
            "2029-11-05",
            None,
            Some("2030-02-04"),
        ),
        // raw 2030-04-24 Wed; 2030-04-24 Wed Genocide Remembrance Day
        row(
            "12(a)(2)",
            "cand",
            "us-agency",
            "personal",
            "2030-02-20",
            Some("2030-02-23"),
            Some("2030-04-25"),
        ),
        // raw 2030-12-25 Wed; 2030-12-25 Wed Christmas Day
        row(
            "12(a)(3)",
            "cand",
            "us-individual",
            "personal",
            "2030-10-26",
            Some("2030-10-22"),
            Some("2030-12-26"),
        ),
        // raw 2030-11-11 Mon; 2030-11-11 Mon Veterans Day
        row(
            "4(m)",
            "cand",
            "state-agency",
            "unserved",
            "2030-08-13",
            None,
            Some("2030-11-12"),
        ),
        // raw 2030-11-11 Mon; 2030-11-11 Mon Veterans Day
        row(
            "4(m)",
            "federal",
            "state-agency",
            "unserved",
            "2030-08-13",
            None,
            Some("2030-11-12"),
        ),
        // raw 2030-03-31 Sun; 2030-03-31 Sun Cesar Chavez Day; 2030-04-01 Mon Cesar Chavez Day (observed)
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state",
            "personal",
            "2030-03-10",
            None,
            Some("2030-04-02"),
        ),
        // raw 2030-09-02 Mon; 2030-09-02 Mon Labor Day
        row(
            "12(a)(1)(A)(i)",
            "cand",
            "state-agency",
            "electronic",
            "2030-08-12",
            None,
            Some("2030-09-03"),
        ),
        // raw 2017-01-02 Mon; 2017-01-02 Mon New Year's Day (observed); +3 -> 2017-01-06
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2016-12-19",
            None,
            Some("2017-01-06"),
        ),
        // raw 2017-01-02 Mon; 2017-01-02 Mon New Year's Day (observed)
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2016-12-19",
            None,
            Some("2017-01-03"),
        ),
        // raw 2017-02-20 Mon; 2017-02-20 Mon Washington's Birthday; +3 -> 2017-02-24
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2017-02-06",
            None,
            Some("2017-02-24"),
        ),
        // raw 2017-09-22 Fri; 2017-09-22 Fri Native American Day; 2017-09-23 Sat; 2017-09-24 Sun; +3 -> 2017-09-28
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2017-09-08",
            None,
            Some("2017-09-28"),
        ),
        // raw 2017-09-22 Fri; 2017-09-22 Fri Native American Day; 2017-09-23 Sat; 2017-09-24 Sun
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2017-09-08",
            None,
            Some("2017-09-25"),
        ),
        // raw 2017-11-24 Fri; +3 -> 2017-11-27
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2017-11-10",
            None,
            Some("2017-11-27"),
        ),
        // raw 2018-02-12 Mon; 2018-02-12 Mon Lincoln Day; +3 -> 2018-02-16
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2018-01-29",
            None,
            Some("2018-02-16"),
        ),
        // raw 2018-02-12 Mon; 2018-02-12 Mon Lincoln Day
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2018-01-29",
            None,
            Some("2018-02-13"),
        ),
        // raw 2018-12-31 Mon; +3 -> 2019-01-03
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2018-12-17",
            None,
            Some("2019-01-03"),
        ),
        // raw 2019-11-11 Mon; 2019-11-11 Mon Veterans Day; +3 -> 2019-11-15
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2019-10-28",
            None,
            Some("2019-11-15"),
        ),
        // raw 2019-11-11 Mon; 2019-11-11 Mon Veterans Day
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2019-10-28",
            None,
            Some("2019-11-12"),
        ),
        // raw 2019-10-14 Mon; 2019-10-14 Mon Columbus Day; +3 -> 2019-10-18
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2019-09-30",
            None,
            Some("2019-10-18"),
        ),
        // raw 2020-11-11 Wed; 2020-11-11 Wed Veterans Day; +3 -> 2020-11-15; 2020-11-15 Sun
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2020-10-28",
            None,
            Some("2020-11-16"),
        ),
        // raw 2020-11-11 Wed; 2020-11-11 Wed Veterans Day
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2020-10-28",
            None,
            Some("2020-11-12"),
        ),
        // raw 2021-06-18 Fri; 2021-06-18 Fri Juneteenth (observed); 2021-06-19 Sat Juneteenth; 2021-06-20 Sun; +3 -> 2021-06-24
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2021-06-04",
            None,
            Some("2021-06-24"),
        ),
        // raw 2021-02-12 Fri; 2021-02-12 Fri Lincoln Day; 2021-02-13 Sat; 2021-02-14 Sun; 2021-02-15 Mon Washington's Birthday; +3 -> 2021-02-19
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2021-01-29",
            None,
            Some("2021-02-19"),
        ),
        // raw 2021-02-12 Fri; 2021-02-12 Fri Lincoln Day; 2021-02-13 Sat; 2021-02-14 Sun; 2021-02-15 Mon Washington's Birthday
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2021-01-29",
            None,
            Some("2021-02-16"),
        ),
        // raw 2022-06-19 Sun; 2022-06-19 Sun Juneteenth; 2022-06-20 Mon Juneteenth (observed); +3 -> 2022-06-24
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2022-06-05",
            None,
            Some("2022-06-24"),
        ),
        // raw 2022-09-09 Fri; 2022-09-09 Fri Admission Day; 2022-09-10 Sat; 2022-09-11 Sun; +3 -> 2022-09-15
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2022-08-26",
            None,
            Some("2022-09-15"),
        ),
        // raw 2022-09-09 Fri; 2022-09-09 Fri Admission Day; 2022-09-10 Sat; 2022-09-11 Sun
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2022-08-26",
            None,
            Some("2022-09-12"),
        ),
        // raw 2022-11-24 Thu; 2022-11-24 Thu Thanksgiving; +3 -> 2022-11-28
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2022-11-10",
            None,
            Some("2022-11-28"),
        ),
        // raw 2023-04-24 Mon; 2023-04-24 Mon Genocide Remembrance Day; +3 -> 2023-04-28
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2023-04-10",
            None,
            Some("2023-04-28"),
        ),
        // raw 2023-04-24 Mon; 2023-04-24 Mon Genocide Remembrance Day
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2023-04-10",
            None,
            Some("2023-04-25"),
        ),
        // raw 2023-06-19 Mon; 2023-06-19 Mon Juneteenth; +3 -> 2023-06-23
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2023-06-05",
            None,
            Some("2023-06-23"),
        ),
        // raw 2024-04-24 Wed; 2024-04-24 Wed Genocide Remembrance Day; +3 -> 2024-04-28; 2024-04-28 Sun
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2024-04-10",
            None,
            Some("2024-04-29"),
        ),
        // raw 2024-04-24 Wed; 2024-04-24 Wed Genocide Remembrance Day
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2024-04-10",
            None,
            Some("2024-04-25"),
        ),
        // raw 2024-11-28 Thu; 2024-11-28 Thu Thanksgiving; +3 -> 2024-12-02
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2024-11-14",
            None,
            Some("2024-12-02"),
        ),
        // raw 2024-03-31 Sun; 2024-03-31 Sun Cesar Chavez Day; 2024-04-01 Mon Cesar Chavez Day (observed); +3 -> 2024-04-05
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2024-03-17",
            None,
            Some("2024-04-05"),
        ),
        // raw 2024-03-31 Sun; 2024-03-31 Sun Cesar Chavez Day; 2024-04-01 Mon Cesar Chavez Day (observed)
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2024-03-17",
            None,
            Some("2024-04-02"),
        ),
        // raw 2025-04-24 Thu; 2025-04-24 Thu Genocide Remembrance Day; +3 -> 2025-04-28
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2025-04-10",
            None,
            Some("2025-04-28"),
        ),
        // raw 2025-10-13 Mon; 2025-10-13 Mon Columbus Day; +3 -> 2025-10-17
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2025-09-29",
            None,
            Some("2025-10-17"),
        ),
        // raw 2025-10-13 Mon; 2025-10-13 Mon Columbus Day
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2025-09-29",
            None,
            Some("2025-10-14"),
        ),
        // raw 2026-02-17 Tue; 2026-02-17 Tue Lunar New Year; +3 -> 2026-02-21; 2026-02-21 Sat; 2026-02-22 Sun
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2026-02-03",
            None,
            Some("2026-02-23"),
        ),
        // raw 2026-09-25 Fri; 2026-09-25 Fri Native American Day; 2026-09-26 Sat; 2026-09-27 Sun; +3 -> 2026-10-01
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2026-09-11",
            None,
            Some("2026-10-01"),
        ),
        // raw 2026-09-25 Fri; 2026-09-25 Fri Native American Day; 2026-09-26 Sat; 2026-09-27 Sun
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2026-09-11",
            None,
            Some("2026-09-28"),
        ),
        // raw 2027-02-06 Sat; 2027-02-06 Sat Lunar New Year; 2027-02-07 Sun; +3 -> 2027-02-11
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2027-01-23",
            None,
            Some("2027-02-11"),
        ),
        // raw 2027-12-24 Fri; 2027-12-24 Fri Christmas Day (observed); 2027-12-25 Sat Christmas Day; 2027-12-26 Sun; +3 -> 2027-12-30
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2027-12-10",
            None,
            Some("2027-12-30"),
        ),
        // raw 2027-12-24 Fri; 2027-12-24 Fri Christmas Day (observed); 2027-12-25 Sat Christmas Day; 2027-12-26 Sun
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2027-12-10",
            None,
            Some("2027-12-27"),
        ),
        // raw 2028-01-17 Mon; 2028-01-17 Mon MLK; +3 -> 2028-01-21
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2028-01-03",
            None,
            Some("2028-01-21"),
        ),
        // raw 2028-09-22 Fri; 2028-09-22 Fri Native American Day; 2028-09-23 Sat; 2028-09-24 Sun; +3 -> 2028-09-28
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2028-09-08",
            None,
            Some("2028-09-28"),
        ),
        // raw 2028-09-22 Fri; 2028-09-22 Fri Native American Day; 2028-09-23 Sat; 2028-09-24 Sun
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2028-09-08",
            None,
            Some("2028-09-25"),
        ),
        // raw 2029-02-12 Mon; 2029-02-12 Mon Lincoln Day; 2029-02-13 Tue Lunar New Year; +3 -> 2029-02-17; 2029-02-17 Sat; 2029-02-18 Sun; 2029-02-19 Mon Washington's Birthday
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2029-01-29",
            None,
            Some("2029-02-20"),
        ),
        // raw 2029-09-09 Sun; 2029-09-09 Sun Admission Day; 2029-09-10 Mon Admission Day (observed); +3 -> 2029-09-14
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2029-08-26",
            None,
            Some("2029-09-14"),
        ),
        // raw 2029-09-09 Sun; 2029-09-09 Sun Admission Day; 2029-09-10 Mon Admission Day (observed)
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2029-08-26",
            None,
            Some("2029-09-11"),
        ),
        // raw 2030-02-03 Sun; 2030-02-03 Sun Lunar New Year; +3 -> 2030-02-07
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2030-01-20",
            None,
            Some("2030-02-07"),
        ),
        // raw 2030-11-11 Mon; 2030-11-11 Mon Veterans Day; +3 -> 2030-11-15
        row(
            "6(d)",
            "cand",
            "person",
            "paper-mail",
            "2030-10-28",
            None,
            Some("2030-11-15"),
        ),
        // raw 2030-11-11 Mon; 2030-11-11 Mon Veterans Day
        row(
            "6(a)",
            "cand",
            "person",
            "paper-electronic",
            "2030-10-28",
            None,
            Some("2030-11-12"),
        ),
        // waiver not available to a government
        row(
            "4(d)(1)",
            "cand",
            "state-agency",
            "waiver",
            "2019-05-01",
            None,
            None,
        ),
        // waiver not available to a government
        row(
            "4(d)(1)",
            "cand",
            "state-agency",
            "waiver",
            "2026-08-03",
            None,
            None,
        ),
    ];
    assert!(
        rows.iter().sum::<usize>() >= 100,
        "the table has {} rows",
        rows.len()
    );
}

/// A case in `court` with one motion filed on `filed` (noticed for `hearing`, if given).
fn motion_case(court: &str, filed: &str, hearing: Option<&str>) -> CaseProfile {
    let hearing = hearing.map_or(String::new(), |h| format!(r#", "hearing": "{h}""#));
    let json = format!(
        r#"{{"schema": 2, "court": {{"name": "United States District Court", "style": "{court}"}},
            "parties": [{{"id": "p", "name": "Pat Plaintiff", "role": "plaintiff", "kind": "person"}},
                        {{"id": "d", "name": "Dee Defendant", "role": "defendant", "kind": "person"}}],
            "docket": {{"motions": [{{"title": "Motion to Dismiss", "party": "d", "filed": "{filed}"{hearing}}}]}}}}"#
    );
    CaseProfile::from_json(&json, "motion row").unwrap()
}

/// Checks one noticed motion: the hand-computed earliest hearing date (Civil L.R. 7-2(a)),
/// opposition (7-3(a)) and reply (7-3(c)); `None` where the court has other local rules
/// and no such dates may be listed.
fn motion_row(court: &str, filed: &str, due: Option<(&str, &str, &str)>) -> usize {
    let style = CourtStyle::load(court, None).unwrap();
    let deadlines = compute_in(
        &motion_case(court, filed, None),
        &style.calendar(),
        &style.court,
    );
    let of = |rule: &str| -> Vec<NaiveDate> {
        deadlines
            .iter()
            .filter(|d| d.rule == rule && d.party.as_deref() == Some("d"))
            .map(|d| d.due)
            .collect()
    };
    let got = (
        of("N.D. Cal. Civil L.R. 7-2(a)"),
        of("N.D. Cal. Civil L.R. 7-3(a)"),
        of("N.D. Cal. Civil L.R. 7-3(c)"),
    );
    match due {
        Some((hearing, opposition, reply)) => assert_eq!(
            got,
            (
                vec![date(hearing)],
                vec![date(opposition)],
                vec![date(reply)]
            ),
            "{court} {filed}: {deadlines:#?}"
        ),
        None => assert_eq!(
            got,
            (vec![], vec![], vec![]),
            "{court} {filed}: {deadlines:#?}"
        ),
    }
    1
}

/// N.D. Cal. Civil L.R. 7-2(a) (hearing not less than 35 days after the motion is filed),
/// 7-3(a) (opposition not more than 14 days after the motion is filed) and 7-3(c) (reply
/// not more than 7 days after the opposition was due), each counted as Fed. R. Civ. P.
/// 6(a) counts (Civil L.R. 1-5(c)); Rule 6(a)(6)(C) adds California's holidays (Cal. Gov.
/// Code §§ 6700–6701). Each comment gives the raw last day of each period and each day
/// skipped, in the order hearing; opposition; reply.
#[test]
fn hand_computed_motion_dates() {
    let rows = [
        // The example: filed Thu 2017-04-06. 35th day Thu 2017-05-11; 14th day Thu
        // 2017-04-20; 7 days after it Thu 2017-04-27. Nothing skipped.
        motion_row(
            "cand",
            "2017-04-06",
            Some(("2017-05-11", "2017-04-20", "2017-04-27")),
        ),
        // Filed Mon 2023-06-05. 35th day Mon 2023-07-10; 14th day Mon 2023-06-19,
        // Juneteenth (5 U.S.C. § 6103), so Tue 2023-06-20; reply 7 days after the
        // opposition was due: Tue 2023-06-27.
        motion_row(
            "cand",
            "2023-06-05",
            Some(("2023-07-10", "2023-06-20", "2023-06-27")),
        ),
        // Filed Tue 2023-05-30. 35th day Tue 2023-07-04, Independence Day, so Wed
        // 2023-07-05; 14th day Tue 2023-06-13; reply Tue 2023-06-20.
        motion_row(
            "cand",
            "2023-05-30",
            Some(("2023-07-05", "2023-06-13", "2023-06-20")),
        ),
        // Filed Sat 2024-03-16. 35th day Sat 2024-04-20, Sun 04-21 skipped: Mon
        // 2024-04-22. 14th day Sat 2024-03-30; Sun 03-31 (Cesar Chavez Day); Mon 04-01 is
        // Cesar Chavez Day observed (Cal. Gov. Code § 6701: a Sunday holiday moves to
        // Monday), a legal holiday in a California federal court under Rule 6(a)(6)(C):
        // Tue 2024-04-02. Reply 7 days after: Tue 2024-04-09.
        motion_row(
            "cand",
            "2024-03-16",
            Some(("2024-04-22", "2024-04-02", "2024-04-09")),
        ),
        // Filed Wed 2024-12-04. 35th day Wed 2025-01-08; 14th day Wed 2024-12-18; the
        // reply's 7th day is Wed 2024-12-25, Christmas Day, so Thu 2024-12-26.
        motion_row(
            "cand",
            "2024-12-04",
            Some(("2025-01-08", "2024-12-18", "2024-12-26")),
        ),
        // Filed Thu 2023-10-19. 35th day Thu 2023-11-23, Thanksgiving Day, so Fri
        // 2023-11-24 (the day after Thanksgiving is in neither holiday list); 14th day
        // Thu 2023-11-02; reply Thu 2023-11-09.
        motion_row(
            "cand",
            "2023-10-19",
            Some(("2023-11-24", "2023-11-02", "2023-11-09")),
        ),
        // A federal court whose local rules Drafter does not model: no L.R. 7-2/7-3 dates.
        motion_row("federal", "2024-12-04", None),
    ];
    assert_eq!(rows.iter().sum::<usize>(), 7);
}

/// A hearing noticed earlier than Civil L.R. 7-2(a) allows is said so in the explanation.
#[test]
fn an_early_hearing_is_named() {
    let style = CourtStyle::load("cand", None).unwrap();
    // Filed Mon 2023-06-05: the earliest hearing is Mon 2023-07-10 (above).
    let case = motion_case("cand", "2023-06-05", Some("2023-07-07"));
    let deadlines = compute_in(&case, &style.calendar(), &style.court);
    let hearing = deadlines
        .iter()
        .find(|d| d.rule == "N.D. Cal. Civil L.R. 7-2(a)")
        .unwrap();
    let text = hearing.explanation.join("\n");
    assert!(
        text.contains("2023-07-07 (Friday), is earlier than Civil L.R. 7-2(a) allows: choose 2023-07-10 (Monday) or later"),
        "{text}"
    );
}

fn any_date() -> impl Strategy<Value = NaiveDate> {
    (0i64..(14 * 366)).prop_map(|n| date("2017-01-01") + chrono::Days::new(n as u64))
}

proptest! {
    /// Rule 6(a)(1)(C): a period never ends on a Saturday, Sunday or legal holiday, and
    /// Rule 6(d)'s 3 days never make it end on one either.
    #[test]
    fn a_due_date_is_never_a_weekend_or_holiday(
        trigger in any_date(),
        days in 0u32..120,
        mail: bool,
        cand: bool,
    ) {
        let cal = calendar(if cand { "cand" } else { "federal" });
        let c = count_days(trigger, days, &cal, mail).unwrap();
        prop_assert!(cal.day_off(c.due).is_none(), "{} is {:?}", c.due, cal.day_off(c.due));
        prop_assert!(c.due >= trigger + chrono::Days::new(days.into()));
    }

    /// A later trigger never gives an earlier due date, for every party kind's period.
    #[test]
    fn a_later_trigger_never_gives_an_earlier_due_date(
        a in any_date(),
        gap in 0u64..40,
        kind in prop::sample::select(vec!["person", "state-agency", "us-agency", "us-individual", "local-official"]),
        method in prop::sample::select(vec!["personal", "mail", "electronic", "waiver", "waiver-abroad", "unserved"]),
        cand: bool,
    ) {
        let court = if cand { "cand" } else { "federal" };
        let b = a + chrono::Days::new(gap);
        let due = |t: NaiveDate| {
            let t = t.to_string();
            let usa = kind.starts_with("us-").then_some(t.as_str());
            compute(&profile(court, kind, method, &t, usa), &calendar(court))
                .into_iter()
                .map(|d| d.due)
                .collect::<Vec<_>>()
        };
        let (early, late) = (due(a), due(b));
        prop_assert_eq!(early.len(), late.len());
        for (x, y) in early.iter().zip(&late) {
            prop_assert!(x <= y, "{} then {}: {} > {}", a, b, x, y);
        }
    }
}
