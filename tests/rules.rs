//! Court-rule logic through the public API: deadlines against a real calendar, Rule 41
//! eligibility, the Rule 5.2 scan and the protected-identity guard.

use chrono::{Datelike, NaiveDate, Weekday};
use drafter::profile::{CaseProfile, Severity};
use drafter::rules::{
    compute, count_days, privacy_findings, protected_leaks, voluntary_dismissal_findings, Calendar,
    PrivacyKind, TextLine,
};
use proptest::prelude::*;

fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// Each row was checked by hand against a calendar and the OPM holiday lists.
/// (trigger, days, service by mail, court observes Inauguration Day, due, what it shows)
const CASES: &[(&str, u32, bool, bool, &str, &str)] = &[
    (
        "2017-04-06",
        60,
        false,
        false,
        "2017-06-05",
        "federal agency served 2017-04-06: 60 days, a Monday",
    ),
    (
        "2017-04-06",
        21,
        false,
        false,
        "2017-04-27",
        "21 days to answer, a Thursday",
    ),
    (
        "2020-06-12",
        21,
        false,
        false,
        "2020-07-06",
        "ends Fri 2020-07-03, Independence Day observed",
    ),
    (
        "2020-06-13",
        21,
        false,
        false,
        "2020-07-06",
        "ends Sat 2020-07-04, Independence Day itself",
    ),
    (
        "2022-05-29",
        21,
        false,
        false,
        "2022-06-21",
        "ends Sun 2022-06-19 Juneteenth, observed Mon 06-20",
    ),
    (
        "2022-05-30",
        21,
        false,
        false,
        "2022-06-21",
        "ends on Juneteenth observed, Mon 2022-06-20",
    ),
    (
        "2017-11-02",
        21,
        false,
        false,
        "2017-11-24",
        "ends Thanksgiving 2017-11-23; the Friday after is open",
    ),
    (
        "2020-11-05",
        21,
        false,
        false,
        "2020-11-27",
        "ends Thanksgiving 2020-11-26",
    ),
    (
        "2016-12-11",
        21,
        false,
        false,
        "2017-01-03",
        "ends Sun 2017-01-01 New Year's Day, observed Mon 01-02",
    ),
    (
        "2016-12-12",
        21,
        false,
        false,
        "2017-01-03",
        "ends Mon 2017-01-02, New Year's Day observed",
    ),
    (
        "2017-04-06",
        14,
        true,
        false,
        "2017-04-24",
        "Rule 6(d): Thu 04-20 + 3 = Sun 04-23, rolls to Mon",
    ),
    (
        "2020-06-19",
        14,
        true,
        false,
        "2020-07-09",
        "Rule 6(d) after rolling: 07-03 holiday -> 07-06, + 3",
    ),
    (
        "2017-04-06",
        21,
        true,
        false,
        "2017-05-01",
        "Rule 6(d): 04-27 + 3 = Sun 04-30",
    ),
    (
        "2022-06-03",
        14,
        true,
        false,
        "2022-06-21",
        "Rule 6(d): Fri 06-17 + 3 = Juneteenth observed",
    ),
    (
        "2017-04-06",
        90,
        false,
        false,
        "2017-07-05",
        "waiver sent abroad: 90 days, a Wednesday",
    ),
    (
        "2020-04-05",
        90,
        false,
        false,
        "2020-07-06",
        "waiver sent abroad: 90 days end Sat 07-04",
    ),
    (
        "2016-12-26",
        21,
        false,
        false,
        "2017-01-17",
        "ends on MLK Day 2017-01-16",
    ),
    (
        "2022-12-26",
        21,
        false,
        false,
        "2023-01-17",
        "ends on MLK Day 2023-01-16",
    ),
    (
        "2021-12-03",
        21,
        false,
        false,
        "2021-12-27",
        "ends Fri 12-24, Christmas (Sat) observed",
    ),
    (
        "2021-12-10",
        21,
        false,
        false,
        "2022-01-03",
        "ends Fri 2021-12-31, New Year's Day 2022 (Sat) observed",
    ),
    (
        "2017-09-18",
        21,
        false,
        false,
        "2017-10-10",
        "ends on Columbus Day 2017-10-09",
    ),
    (
        "2016-12-30",
        21,
        false,
        true,
        "2017-01-23",
        "ends Fri 2017-01-20, Inauguration Day (D.C. court)",
    ),
    (
        "2016-12-30",
        21,
        false,
        false,
        "2017-01-20",
        "same, in a court without Inauguration Day",
    ),
    (
        "2012-12-30",
        21,
        false,
        true,
        "2013-01-22",
        "ends Sun 2013-01-20; Inauguration (and MLK) Mon 01-21",
    ),
    (
        "2024-12-30",
        21,
        false,
        true,
        "2025-01-21",
        "ends Mon 2025-01-20, MLK Day and Inauguration Day",
    ),
    (
        "2017-05-08",
        21,
        false,
        false,
        "2017-05-30",
        "ends on Memorial Day 2017-05-29",
    ),
    (
        "2017-08-14",
        21,
        false,
        false,
        "2017-09-05",
        "ends on Labor Day 2017-09-04",
    ),
    (
        "2020-08-17",
        21,
        false,
        false,
        "2020-09-08",
        "ends on Labor Day 2020-09-07",
    ),
    (
        "2017-10-20",
        21,
        false,
        false,
        "2017-11-13",
        "ends Fri 11-10, Veterans Day (Sat) observed",
    ),
    (
        "2018-10-21",
        21,
        false,
        false,
        "2018-11-13",
        "ends Sun 11-11 Veterans Day, observed Mon 11-12",
    ),
    (
        "2017-01-30",
        21,
        false,
        false,
        "2017-02-21",
        "ends on Washington's Birthday 2017-02-20",
    ),
    (
        "2021-06-13",
        21,
        false,
        false,
        "2021-07-06",
        "ends Sun 07-04, observed Mon 07-05",
    ),
    (
        "2021-05-28",
        21,
        false,
        false,
        "2021-06-21",
        "ends Fri 06-18, first Juneteenth (Sat) observed",
    ),
    (
        "2022-12-04",
        21,
        false,
        false,
        "2022-12-27",
        "ends Sun 12-25, Christmas observed Mon 12-26",
    ),
    (
        "2022-12-12",
        21,
        false,
        false,
        "2023-01-03",
        "ends Mon 2023-01-02, New Year's Day observed",
    ),
    (
        "2017-03-18",
        21,
        false,
        false,
        "2017-04-10",
        "an ordinary Saturday",
    ),
    (
        "2020-02-08",
        21,
        false,
        false,
        "2020-03-02",
        "ends Sat 2020-02-29 (leap day)",
    ),
    (
        "2017-04-06",
        7,
        false,
        false,
        "2017-04-13",
        "a short period on a weekday",
    ),
    (
        "2016-10-06",
        90,
        false,
        false,
        "2017-01-04",
        "across a year end",
    ),
    (
        "2024-12-05",
        21,
        false,
        true,
        "2024-12-26",
        "the day after Christmas is open",
    ),
];

#[test]
fn real_calendar_cases() {
    assert!(CASES.len() >= 30);
    let federal = Calendar::federal();
    let dc = Calendar::federal().with_inauguration_day(true);
    let mut failures = Vec::new();
    for &(trigger, days, mail, inauguration, due, what) in CASES {
        let calendar = if inauguration { &dc } else { &federal };
        let got = count_days(d(trigger), days, calendar, mail).unwrap();
        if got.due != d(due) {
            failures.push(format!(
                "{trigger} + {days} (mail: {mail}, inauguration: {inauguration}): got {}, want {due} — {what}\n{}",
                got.due,
                got.explanation.join("\n")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn holiday_names() {
    let c = Calendar::federal();
    assert_eq!(
        c.holiday(d("2022-06-20")).as_deref(),
        Some("Juneteenth National Independence Day (observed)")
    );
    assert_eq!(
        c.holiday(d("2020-07-03")).as_deref(),
        Some("Independence Day (observed)")
    );
    assert_eq!(
        c.holiday(d("2021-12-24")).as_deref(),
        Some("Christmas Day (observed)")
    );
    assert_eq!(
        c.holiday(d("2021-12-31")).as_deref(),
        Some("New Year's Day (observed)")
    );
    assert_eq!(c.holiday(d("2017-01-20")), None);
    let dc = Calendar::federal().with_inauguration_day(true);
    assert_eq!(
        dc.holiday(d("2017-01-20")).as_deref(),
        Some("Inauguration Day")
    );
    assert!(dc
        .holiday(d("2013-01-21"))
        .is_some_and(|h| h.contains("Inauguration Day")));
    let court = Calendar::federal()
        .with_extra_holidays(vec![(d("2017-11-24"), "Day after Thanksgiving".into())]);
    assert_eq!(
        count_days(d("2017-11-02"), 21, &court, false).unwrap().due,
        d("2017-11-27")
    );
}

#[test]
fn explanation_names_every_roll_forward() {
    let c = count_days(d("2020-06-12"), 21, &Calendar::federal(), false).unwrap();
    let text = c.explanation.join("\n");
    assert!(text.contains("6(a)(1)(A)"), "{text}");
    assert!(text.contains("2020-06-12 (Friday)"), "{text}");
    assert!(text.contains("counting 21 days"), "{text}");
    assert!(
        text.contains(
            "2020-07-03 is a legal holiday (Independence Day (observed)); 2020-07-04 is a Saturday (Independence Day); 2020-07-05 is a Sunday; the period continues to the next day that is not a Saturday, Sunday or legal holiday: 2020-07-06 (Monday)"
        ),
        "{text}"
    );
}

const CASE: &str = r#"{
  "schema": 1,
  "court": {"name": "United States District Court", "district": "Northern District of California"},
  "case_number": "3:17-cv-01916",
  "dates": {"filed": "2017-04-06"},
  "parties": [
    {"id": "twitter", "name": "Twitter, Inc.", "role": "plaintiff", "kind": "organization"},
    {"id": "dhs", "name": "U.S. Department of Homeland Security", "role": "defendant", "kind": "government-agency"},
    {"id": "cbp", "name": "U.S. Customs and Border Protection", "role": "defendant", "kind": "government-agency"},
    {"id": "chief", "name": "Pat Official", "role": "defendant", "kind": "government-official",
     "capacity": "in an official capacity"},
    {"id": "acme", "name": "Acme Widgets LLC", "role": "defendant", "kind": "organization"},
    {"id": "abroad", "name": "Foreign Holdings GmbH", "role": "defendant", "kind": "organization"},
    {"id": "ghost", "name": "Unserved Corp.", "role": "defendant", "kind": "organization"},
    {"id": "domestic", "name": "Domestic Waiver Inc.", "role": "defendant", "kind": "organization"},
    {"id": "op", "name": "the operator of @ALT_USCIS", "role": "interested-party", "kind": "person",
     "protected": {"true_name": "Jordan Avery Quill", "email": "jq@example.org"}}
  ],
  "docket": {
    "service": [
      {"party": "dhs", "method": "mail", "date": "2017-04-06", "us_attorney_served": "2017-04-06"},
      {"party": "cbp", "method": "personal", "date": "2017-04-10"},
      {"party": "chief", "method": "personal", "date": "2017-04-07", "us_attorney_served": "2017-04-12"},
      {"party": "acme", "method": "mail", "date": "2017-04-07"},
      {"party": "abroad", "method": "waiver-request", "date": "2017-04-06", "outside_united_states": true},
      {"party": "domestic", "method": "waiver-request", "date": "2017-04-06"}
    ]
  }
}"#;

fn case() -> CaseProfile {
    CaseProfile::from_json(CASE, "case.json").unwrap()
}

#[test]
fn compute_lists_every_deadline_with_its_explanation() {
    let deadlines = compute(&case(), &Calendar::federal());
    let summary: Vec<(Option<&str>, &str, NaiveDate)> = deadlines
        .iter()
        .map(|x| (x.party.as_deref(), x.rule.as_str(), x.due))
        .collect();
    assert_eq!(
        summary,
        [
            // 2017-04-07 + 21 = Fri 2017-04-28; mail does not extend a Rule 4 service.
            (
                Some("acme"),
                "Fed. R. Civ. P. 12(a)(1)(A)(i)",
                d("2017-04-28")
            ),
            // Waiver request sent in the United States: 2017-04-06 + 60 = Mon 2017-06-05.
            (
                Some("domestic"),
                "Fed. R. Civ. P. 12(a)(1)(A)(ii)",
                d("2017-06-05")
            ),
            (Some("dhs"), "Fed. R. Civ. P. 12(a)(2)", d("2017-06-05")),
            // No US attorney date: from service on CBP, 2017-04-10 + 60 = Fri 2017-06-09.
            (Some("cbp"), "Fed. R. Civ. P. 12(a)(2)", d("2017-06-09")),
            // From service on the US attorney: 2017-04-12 + 60 = Sun 06-11 -> Mon 06-12.
            (Some("chief"), "Fed. R. Civ. P. 12(a)(2)", d("2017-06-12")),
            // Waiver request sent abroad: 2017-04-06 + 90 = Wed 2017-07-05.
            (
                Some("abroad"),
                "Fed. R. Civ. P. 12(a)(1)(A)(ii)",
                d("2017-07-05")
            ),
            // Rule 4(m): 2017-04-06 + 90 = Wed 2017-07-05 for each defendant not yet
            // served (a waiver request is not service), but not for one abroad.
            (Some("domestic"), "Fed. R. Civ. P. 4(m)", d("2017-07-05")),
            (Some("ghost"), "Fed. R. Civ. P. 4(m)", d("2017-07-05")),
        ]
    );
    let dhs = &deadlines[2];
    assert!(dhs.title.contains("U.S. Department of Homeland Security"));
    let text = dhs.explanation.join("\n");
    assert!(text.contains("12(a)(2)"), "{text}");
    assert!(
        text.contains("Service on the United States attorney: 2017-04-06"),
        "{text}"
    );
    assert!(text.contains("Rule 6(d) adds 3 days only"), "{text}");
    assert!(
        text.contains("the 60th day is 2017-06-05 (Monday)"),
        "{text}"
    );
    let cbp = deadlines[3].explanation.join("\n");
    assert!(
        cbp.contains("No date of service on the United States attorney"),
        "{cbp}"
    );
    let abroad = deadlines[5].explanation.join("\n");
    assert!(abroad.contains("outside any judicial district"), "{abroad}");
    let four_m = deadlines[6].explanation.join("\n");
    assert!(four_m.contains("A waiver was requested"), "{four_m}");
    let json = serde_json::to_value(&deadlines).unwrap();
    assert_eq!(json[2]["due"], "2017-06-05");
    assert_eq!(json[2]["rule"], "Fed. R. Civ. P. 12(a)(2)");
}

#[test]
fn dismissal_eligibility() {
    let mut p = case();
    assert!(voluntary_dismissal_findings(&p).is_empty());
    p.docket.answer_served = Some(d("2017-05-01"));
    let f = voluntary_dismissal_findings(&p);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].severity, Severity::Error);
    assert_eq!(f[0].field, "docket.answer_served");
    assert!(f[0].message.contains("stipulation"));
    assert!(f[0].message.contains("court"));
}

fn page_lines(page: usize, texts: &[&str]) -> Vec<TextLine> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| TextLine::new(page, i + 1, *t))
        .collect()
}

#[test]
fn privacy_scan_finds_planted_identifiers() {
    let mut p = case();
    p.parties.push(
        serde_json::from_str(
            r#"{"id": "kid", "name": "Riley Quinn Park", "role": "plaintiff", "kind": "person", "minor": true}"#,
        )
        .unwrap(),
    );
    let mut lines = page_lines(
        1,
        &[
            "UNITED STATES DISTRICT COURT",
            "Case No. 3:17-cv-01916",
            "Jane Q. Counsel (SBN 123456), Tel. 555-123-4567",
            "The summons, issued under 19 U.S.C. § 1509 on March 14, 2017, demanded",
        ],
    );
    lines.extend(page_lines(
        2,
        &[
            "Plaintiff's SSN is 123-45-6789 and she was born on",
            "June 3, 2004. Deposits went to account no. 000123456789.",
            "Riley Park attends school; R.P. is a minor.",
        ],
    ));
    let f = privacy_findings(&lines, &p);
    let got: Vec<(PrivacyKind, usize, usize)> =
        f.iter().map(|f| (f.kind, f.page, f.line)).collect();
    assert_eq!(
        got,
        [
            (PrivacyKind::SocialSecurityNumber, 2, 1),
            (PrivacyKind::BirthDate, 2, 2),
            (PrivacyKind::FinancialAccount, 2, 2),
            (PrivacyKind::MinorName, 2, 3),
        ],
        "{f:#?}"
    );
    let shown: Vec<&str> = f.iter().map(|f| f.excerpt.as_str()).collect();
    assert_eq!(
        shown,
        ["***-**-6789", "**** *, 2004", "********6789", "R. P."]
    );
    let json = serde_json::to_value(&f).unwrap();
    assert_eq!(json[0]["kind"], "social-security-number");
}

#[test]
fn protected_identity_guard() {
    let p = case();
    let mut lines = page_lines(
        1,
        &["The operator of @ALT_USCIS, whose name is Jordan Avery"],
    );
    lines.extend(page_lines(2, &["QUILL, asks the Court ..."]));
    let leaks = protected_leaks(&lines, &p);
    // The whole name starts on page 1; the surname alone also stands on page 2.
    assert_eq!(leaks.len(), 2);
    assert_eq!((leaks[1].page, leaks[1].line), (2, 1));
    assert_eq!(leaks[0].field, "parties[8].protected.true_name");
    assert_eq!((leaks[0].page, leaks[0].line), (1, 1));
    assert_eq!(
        leaks[0].message,
        "the protected true name of the operator of @ALT_USCIS (parties[8].protected.true_name) appears on page 1, line 1"
    );
    assert!(!format!("{leaks:?}").to_lowercase().contains("quill"));

    let clean = page_lines(1, &["The operator of @ALT_USCIS asks the Court ..."]);
    assert!(protected_leaks(&clean, &p).is_empty());
}

fn is_weekend(date: NaiveDate) -> bool {
    matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    // 1900-01-01 .. 2199-12-31
    (0i64..109_572).prop_map(|n| d("1900-01-01") + chrono::Duration::days(n))
}

fn arb_calendar() -> impl Strategy<Value = Calendar> {
    (any::<bool>(), proptest::collection::vec(arb_date(), 0..4)).prop_map(
        |(inauguration, extra)| {
            Calendar::federal()
                .with_inauguration_day(inauguration)
                .with_extra_holidays(
                    extra
                        .into_iter()
                        .map(|d| (d, "Court holiday".into()))
                        .collect(),
                )
        },
    )
}

proptest! {
    #[test]
    fn due_date_is_never_a_weekend_or_holiday(
        trigger in arb_date(),
        days in 0u32..400,
        mail in any::<bool>(),
        calendar in arb_calendar(),
    ) {
        let c = count_days(trigger, days, &calendar, mail).unwrap();
        prop_assert!(!is_weekend(c.due), "{} is a weekend day", c.due);
        prop_assert!(calendar.holiday(c.due).is_none(), "{} is {:?}", c.due, calendar.holiday(c.due));
        prop_assert!(!is_weekend(c.period_end) && calendar.holiday(c.period_end).is_none());
        let floor = trigger + chrono::Duration::days(i64::from(days) + if mail { 3 } else { 0 });
        prop_assert!(c.due >= floor);
    }

    #[test]
    fn due_date_is_monotonic_in_the_trigger(
        a in arb_date(),
        gap in 0i64..60,
        days in 0u32..400,
        mail in any::<bool>(),
        calendar in arb_calendar(),
    ) {
        let b = a + chrono::Duration::days(gap);
        let first = count_days(a, days, &calendar, mail).unwrap();
        let second = count_days(b, days, &calendar, mail).unwrap();
        prop_assert!(first.due <= second.due, "{a} -> {}, {b} -> {}", first.due, second.due);
    }

    #[test]
    fn scans_never_panic(text in "\\PC{0,200}", split in 0usize..200) {
        let p = case();
        let cut = text.char_indices().map(|(i, _)| i).nth(split).unwrap_or(text.len());
        let lines = vec![
            TextLine::new(1, 1, &text[..cut]),
            TextLine::new(1, 2, &text[cut..]),
        ];
        let _ = privacy_findings(&lines, &p);
        let _ = protected_leaks(&lines, &p);
    }
}
