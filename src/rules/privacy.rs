//! The Fed. R. Civ. P. 5.2(a) privacy scan of a filing's final rendered text.
//!
//! Rule 5.2(a) lets a filing show only the last four digits of a Social Security number,
//! a taxpayer identification number, or a financial account number; only the year of a
//! person's birth; and only the initials of a minor. This scan looks for:
//!
//! - Social Security numbers and ITINs written `123-45-6789`, `123 45 6789`, `123.45.6789`
//!   or `123/45/6789`; employer
//!   identification numbers written `12-3456789` (with a prefix the IRS assigns, or after
//!   "EIN"/"TIN"); and nine bare digits right after "SSN", "Social Security", "TIN",
//!   "EIN" and the like;
//! - full birth dates ("January 5, 1990", "5 Jan. 1990", "01/05/1990", "1990-01-05") and
//!   birth month-and-year, within a few words of "born", "birth", "DOB";
//! - financial account numbers: card numbers (13–19 digits that pass the Luhn check, written
//!   solid or in the usual groups), and runs of 5 or more digits right after "account",
//!   "acct", "card" or "IBAN" (routing numbers are public and are skipped); numbers of 8
//!   or more digits with words about a bank account around them in the same sentence
//!   ("into her savings account at First Bank, 123456789012"); IBANs that pass the
//!   ISO 13616 check;
//! - the name of a party marked `minor` (first and last name, either order, with up to
//!   three middle names or initials between), from the party's name and protected true
//!   name.
//!
//! To avoid crying wolf it leaves alone holidays named for a birthday ("Washington's
//! Birthday", "Birthday of Martin Luther King, Jr."), a docket number shaped like an EIN
//! after "No." ("No. 12-3456789"), case numbers (3:17-cv-01916), statute citations
//! (19 U.S.C. § 1509), phone numbers (555-123-4567), dates of events that are not near a
//! mention of birth, ZIP codes, and any number glued to letters or to other digits. The
//! scan runs over the lines joined in reading order, so a number or name broken across a
//! line or page is still found; it is reported where it starts. Every finding shows the
//! matched text masked down to what the rule permits.

use super::text::Joined;
use super::TextLine;
use crate::profile::{CaseProfile, Finding};
use chrono::NaiveDate;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// What kind of information Rule 5.2(a) restricts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PrivacyKind {
    /// A full Social Security number (Rule 5.2(a)(1)).
    SocialSecurityNumber,
    /// A full taxpayer identification number: EIN or ITIN (Rule 5.2(a)(1)).
    TaxpayerId,
    /// A birth date beyond the year (Rule 5.2(a)(2)).
    BirthDate,
    /// A financial account number beyond its last four digits (Rule 5.2(a)(4)).
    FinancialAccount,
    /// A minor's name rather than initials (Rule 5.2(a)(3)).
    MinorName,
}

impl PrivacyKind {
    /// A short label for lists ("Social Security number").
    pub fn label(self) -> &'static str {
        match self {
            PrivacyKind::SocialSecurityNumber => "Social Security number",
            PrivacyKind::TaxpayerId => "taxpayer identification number",
            PrivacyKind::BirthDate => "birth date",
            PrivacyKind::FinancialAccount => "financial account number",
            PrivacyKind::MinorName => "minor's name",
        }
    }
}

/// One place where the text shows more than Rule 5.2(a) allows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PrivacyFinding {
    /// What kind of information was found (a Social Security number, a birth date, …).
    pub kind: PrivacyKind,
    /// 1-based page where the match starts.
    pub page: usize,
    /// 1-based line where the match starts.
    pub line: usize,
    /// The matched text, masked to what the rule permits ("***-**-6789", "J. D.").
    pub excerpt: String,
    /// What was found and what the rule allows instead.
    pub message: String,
    /// The exhibit the text is in ("Exhibit A"), when it is not the filing's own text;
    /// `page` and `line` are then the exhibit's own.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub exhibit: Option<String>,
}

impl PrivacyFinding {
    /// The finding as a profile-style warning located at `page P, line L`.
    pub fn to_finding(&self) -> Finding {
        Finding::warning(self.place(), format!("{} ({})", self.message, self.excerpt))
    }

    /// "page 2, line 14", or "Exhibit A, page 1, line 3".
    pub fn place(&self) -> String {
        match &self.exhibit {
            Some(e) => format!("{e}, page {}, line {}", self.page, self.line),
            None => format!("page {}, line {}", self.page, self.line),
        }
    }
}

impl std::fmt::Display for PrivacyFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {} ({})", self.place(), self.message, self.excerpt)
    }
}

/// Scans the laid-out text of a filing for what Fed. R. Civ. P. 5.2(a) requires to be
/// redacted. Findings come in reading order.
pub fn privacy_findings(lines: &[TextLine], profile: &CaseProfile) -> Vec<PrivacyFinding> {
    let text = Joined::new(lines);
    let mut scan = Scan {
        text: &text,
        hits: Vec::new(),
    };
    // Each number pattern runs only when the text has a digit sequence of its shape
    // (the same test, without a regex): most filings have none, and compiling and
    // running the patterns is most of the scan's cost on a short document.
    let shapes = DigitShapes::of(&text.text);
    if shapes.ssn {
        scan.ssn_shaped();
    }
    if shapes.ein {
        scan.ein_shaped();
    }
    if shapes.nine {
        scan.nine_digits_after_context();
    }
    if shapes.card {
        scan.cards();
    }
    scan.ibans();
    scan.accounts();
    scan.birth_dates();
    scan.minor_names(profile);
    scan.hits.sort_by_key(|h| h.start);
    scan.hits
        .into_iter()
        .map(|h| {
            let (page, line) = text.place(h.start);
            PrivacyFinding {
                kind: h.kind,
                page,
                line,
                excerpt: h.excerpt,
                message: h.message,
                exhibit: None,
            }
        })
        .collect()
}

fn re(pattern: &str) -> Regex {
    // The patterns are constants of this module; the unit tests compile every one.
    Regex::new(pattern).expect("a built-in privacy pattern compiles")
}

const DASH: &str = r"[-\x{2010}\x{2011}\x{2012}\x{2013}\x{2212}]";
const MONTH: &str = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)";

static SSN: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"([0-9]{{3}})({DASH}| |\.|/)([0-9]{{2}})({DASH}| |\.|/)([0-9]{{4}})"
    ))
});
static EIN: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"([0-9]{{2}}){DASH}([0-9]{{7}})")));
static NINE: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9]{9}"));
static TAX_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i:(?-u:\b)ssn(?-u:\b)|(?-u:\b)s\.s\.n(?-u:\b)|(?-u:\b)social[\s-]+security(?-u:\b)|(?-u:\b)taxpayer[\s-]+identification(?-u:\b)|(?-u:\b)employer[\s-]+identification(?-u:\b)|(?-u:\b)itin(?-u:\b))|(?-u:\b)(?:TIN|EIN)(?-u:\b)",
    )
});
static ROUTING: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:routing|aba|rtn|transit)(?-u:\b)"));
static CARD: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9](?:[ -]?[0-9]){12,18}"));
static DIGIT_RUN: LazyLock<Regex> = LazyLock::new(|| re(r"[0-9](?:[ -]?[0-9]){4,}"));
static ACCOUNT_CONTEXT: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?-u:\b)(?:accounts?|acct|a/c|cards?|iban)(?-u:\b)"));
static GLUE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s:#.,()\-\x{2013}]*(?:(?:numbers?|nos?|num|ending\s+in|is|was|of)(?-u:\b)[\s:#.,()\-\x{2013}]*){0,4}$",
    )
});
static DOCKET_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)(?:(?-u:\b)nos?\.|(?-u:\b)number|(?-u:\b)docket|(?-u:\b)case)\s*$"));
static ACCOUNT_WORDS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)(?:accounts?|acct|bank|checking|savings|brokerage|deposit(?:ed)?|iban)(?-u:\b)",
    )
});
static IBAN: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?-u:\b)[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}(?-u:\b)"));
static HOLIDAY_BIRTHDAY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"\p{Lu}[\p{L}.]*['\x{2019}]s\s+Birthday(?-u:\b)|(?-u:\b)Birthday\s+of\s+\p{Lu}")
});
static ZIP_BEFORE: LazyLock<Regex> = LazyLock::new(|| re(r"(?-u:\b)[A-Z]{2},?\s+$"));
static BIRTH_CONTEXT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)(?-u:\b)born(?-u:\b)|(?-u:\b)birth|(?-u:\b)dob(?-u:\b)\.?|(?-u:\b)d\.o\.b(?-u:\b)\.?")
});
static SENTENCE_BREAK: LazyLock<Regex> = LazyLock::new(|| re(r";|[.!?]\s+\p{Lu}"));
static DATE_NAMED_MDY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<m>{MONTH})\.?\s+(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>[0-9]{{4}})(?-u:\b)"
    ))
});
static DATE_NAMED_DMY: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<d>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:day\s+of\s+|of\s+)?(?P<m>{MONTH})\.?,?\s+(?P<y>[0-9]{{4}})(?-u:\b)"
    ))
});
static DATE_NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?P<a>[0-9]{1,2})(?P<s1>[/.-])(?P<b>[0-9]{1,2})(?P<s2>[/.-])(?P<y>[0-9]{4}|[0-9]{2})(?-u:\b)",
    )
});
static DATE_ISO: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?-u:\b)(?P<y>[0-9]{4})(?P<s1>[-/.])(?P<m>[0-9]{1,2})(?P<s2>[-/.])(?P<d>[0-9]{1,2})(?-u:\b)",
    )
});
static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<m>{MONTH})\.?,?\s+(?P<y>[0-9]{{4}})(?-u:\b)"
    ))
});

/// Prefixes the IRS assigns to employer identification numbers.
fn valid_ein_prefix(p: u32) -> bool {
    matches!(p, 1..=6 | 10..=16 | 20..=27 | 30..=39 | 40..=48 | 50..=68 | 71..=77 | 80..=88 | 90..=95 | 98 | 99)
}

/// ISO 13616: move the first four characters to the end, letters to 10..35, and the
/// number must leave 1 when divided by 97.
fn iban_checks(iban: &str) -> bool {
    let (head, tail) = iban.split_at(4);
    let mut rem: u32 = 0;
    for c in tail.chars().chain(head.chars()) {
        let v = match c.to_digit(36) {
            Some(v) => v,
            None => return false,
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

fn luhn(digits: &[u32]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            if i % 2 == 1 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

fn digits_of(s: &str) -> Vec<u32> {
    s.chars().filter_map(|c| c.to_digit(10)).collect()
}

/// Masks every digit but the last `keep`.
fn mask_digits(s: &str, keep: usize) -> String {
    let total = s.chars().filter(char::is_ascii_digit).count();
    let mut seen = 0;
    s.chars()
        .map(|c| {
            if c.is_ascii_digit() {
                seen += 1;
                if seen + keep > total {
                    c
                } else {
                    '*'
                }
            } else {
                c
            }
        })
        .collect()
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2013}' | '\u{2212}')
}

struct Hit {
    kind: PrivacyKind,
    start: usize,
    end: usize,
    excerpt: String,
    message: String,
}

struct Scan<'a> {
    text: &'a Joined,
    hits: Vec<Hit>,
}

impl Scan<'_> {
    fn overlaps(&self, start: usize, end: usize) -> bool {
        self.hits.iter().any(|h| start < h.end && h.start < end)
    }

    fn push(
        &mut self,
        kind: PrivacyKind,
        start: usize,
        end: usize,
        excerpt: String,
        message: &str,
    ) {
        if !self.overlaps(start, end) {
            self.hits.push(Hit {
                kind,
                start,
                end,
                excerpt,
                message: message.to_string(),
            });
        }
    }

    /// Whether a number at `start..end` stands alone: not glued to letters or digits, not
    /// part of a longer hyphenated or dotted number (a case number, a date, a phone).
    fn stands_alone(&self, start: usize, end: usize) -> bool {
        let (p1, p2) = self.text.prev_chars(start);
        let (n1, n2) = self.text.next_chars(end);
        let glued = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let joiner = |c: Option<char>| c.is_some_and(|c| is_dash(c) || c == '/');
        let point = |c: Option<char>| c.is_some_and(|c| c == '.' || c == ':');
        if glued(p1) || glued(n1) {
            return false;
        }
        if (joiner(p1) && glued(p2)) || (point(p1) && digit(p2)) {
            return false;
        }
        if (joiner(n1) || point(n1)) && digit(n2) {
            return false;
        }
        true
    }

    /// The context keyword (one of `context`) that introduces the number at `at`: the
    /// nearest keyword within `window` bytes before it, not a routing-number keyword, and
    /// joined to the number only by glue such as "No.", "number:", "#", "is", "ending in"
    /// ("account has 32000 followers" is not an account number).
    fn context_before(&self, at: usize, window: usize, context: &Regex) -> Option<&str> {
        let before = self.text.before(at, window);
        let m = context.find_iter(before).last()?;
        if ROUTING
            .find_iter(before)
            .last()
            .is_some_and(|r| r.start() > m.start())
        {
            return None;
        }
        if !GLUE.is_match(&before[m.end()..]) {
            return None;
        }
        Some(m.as_str())
    }

    fn ssn_shaped(&mut self) {
        let text = self.text.text.as_str();
        for c in SSN.captures_iter(text) {
            let (Some(all), Some(s1), Some(s2)) = (c.get(0), c.get(2), c.get(4)) else {
                continue;
            };
            if s1.as_str() != s2.as_str() || !self.stands_alone(all.start(), all.end()) {
                continue;
            }
            if s1.as_str() == " " {
                // "1 212 55 1234"-style digit groups are not an SSN.
                let (p1, p2) = self.text.prev_chars(all.start());
                if p1 == Some(' ') && p2.is_some_and(|c| c.is_ascii_digit()) {
                    continue;
                }
                let (n1, n2) = self.text.next_chars(all.end());
                if n1 == Some(' ') && n2.is_some_and(|c| c.is_ascii_digit()) {
                    continue;
                }
            }
            let area = c.get(1).map_or("", |m| m.as_str());
            let group = c.get(3).map_or("", |m| m.as_str());
            let serial = c.get(5).map_or("", |m| m.as_str());
            if area == "000" || group == "00" || serial == "0000" {
                continue;
            }
            let excerpt = mask_digits(all.as_str(), 4);
            if area.starts_with('9') {
                self.push(
                    PrivacyKind::TaxpayerId,
                    all.start(),
                    all.end(),
                    excerpt,
                    "a full individual taxpayer identification number; Fed. R. Civ. P. 5.2(a)(1) allows only the last four digits",
                );
            } else {
                self.push(
                    PrivacyKind::SocialSecurityNumber,
                    all.start(),
                    all.end(),
                    excerpt,
                    "a full Social Security number; Fed. R. Civ. P. 5.2(a)(1) allows only the last four digits",
                );
            }
        }
    }

    fn ein_shaped(&mut self) {
        let text = self.text.text.as_str();
        for c in EIN.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            if !self.stands_alone(all.start(), all.end()) {
                continue;
            }
            let prefix: u32 = c.get(1).and_then(|m| m.as_str().parse().ok()).unwrap_or(0);
            let in_context = self.context_before(all.start(), 60, &TAX_CONTEXT).is_some();
            if !in_context && DOCKET_BEFORE.is_match(self.text.before(all.start(), 20)) {
                // "No. 12-3456789": a docket number, not a taxpayer number.
                continue;
            }
            if !valid_ein_prefix(prefix) && !in_context {
                continue;
            }
            self.push(
                PrivacyKind::TaxpayerId,
                all.start(),
                all.end(),
                mask_digits(all.as_str(), 4),
                "a full employer identification number; Fed. R. Civ. P. 5.2(a)(1) allows only the last four digits",
            );
        }
    }

    fn nine_digits_after_context(&mut self) {
        let text = self.text.text.as_str();
        for m in NINE.find_iter(text) {
            if !self.stands_alone(m.start(), m.end()) {
                continue;
            }
            let Some(context) = self.context_before(m.start(), 40, &TAX_CONTEXT) else {
                continue;
            };
            let lower = context.to_lowercase();
            let social = lower.contains("ss") || lower.contains("social");
            if social && !m.as_str().starts_with('9') {
                self.push(
                    PrivacyKind::SocialSecurityNumber,
                    m.start(),
                    m.end(),
                    mask_digits(m.as_str(), 4),
                    "a full Social Security number; Fed. R. Civ. P. 5.2(a)(1) allows only the last four digits",
                );
            } else {
                self.push(
                    PrivacyKind::TaxpayerId,
                    m.start(),
                    m.end(),
                    mask_digits(m.as_str(), 4),
                    "a full taxpayer identification number; Fed. R. Civ. P. 5.2(a)(1) allows only the last four digits",
                );
            }
        }
    }

    fn cards(&mut self) {
        let text = self.text.text.as_str();
        for m in CARD.find_iter(text) {
            if !self.stands_alone(m.start(), m.end()) {
                continue;
            }
            let s = m.as_str();
            let digits = digits_of(s);
            if !(13..=19).contains(&digits.len()) || !(2..=6).contains(&digits[0]) {
                continue;
            }
            if !card_grouping(s) || !luhn(&digits) {
                continue;
            }
            self.push(
                PrivacyKind::FinancialAccount,
                m.start(),
                m.end(),
                mask_digits(s, 4),
                "a full payment card number; Fed. R. Civ. P. 5.2(a)(4) allows only the last four digits of a financial account number",
            );
        }
    }

    fn accounts(&mut self) {
        let text = self.text.text.as_str();
        for m in DIGIT_RUN.find_iter(text) {
            if !self.stands_alone(m.start(), m.end()) {
                continue;
            }
            let s = m.as_str();
            if looks_like_date_or_phone(s) {
                continue;
            }
            let digits = digits_of(s);
            if digits.len() <= 4 {
                continue;
            }
            if (digits.len() == 5 || digits.len() == 9)
                && ZIP_BEFORE.is_match(self.text.before(m.start(), 6))
            {
                continue;
            }
            if self
                .context_before(m.start(), 40, &ACCOUNT_CONTEXT)
                .is_none()
                && !(digits.len() >= 8 && self.account_described(m.start(), m.end()))
            {
                continue;
            }
            self.push(
                PrivacyKind::FinancialAccount,
                m.start(),
                m.end(),
                mask_digits(s, 4),
                "a financial account number with more than its last four digits; Fed. R. Civ. P. 5.2(a)(4) allows only the last four",
            );
        }
    }

    /// Whether words about a bank account surround a long number in the same sentence
    /// ("deposited into her checking account at First Bank, 123456789"; "123456789, her
    /// savings account"), when no routing-number word is nearer.
    fn account_described(&self, start: usize, end: usize) -> bool {
        let before = self.text.before(start, 80);
        let in_sentence_before = ACCOUNT_WORDS.find_iter(before).last().is_some_and(|w| {
            let between = &before[w.end()..];
            !between.chars().any(|c| c.is_ascii_digit())
                && !SENTENCE_BREAK.is_match(between)
                && ROUTING
                    .find_iter(before)
                    .last()
                    .is_none_or(|r| r.start() <= w.start())
        });
        let after = self.text.after(end, 40);
        let in_sentence_after = ACCOUNT_WORDS.find(after).is_some_and(|w| {
            !SENTENCE_BREAK.is_match(&after[..w.start()]) && !ROUTING.is_match(&after[..w.start()])
        });
        in_sentence_before || in_sentence_after
    }

    /// International bank account numbers: two letters, two check digits and up to 30
    /// letters or digits, valid under the ISO 13616 mod-97 check.
    fn ibans(&mut self) {
        let text = self.text.text.as_str();
        for m in IBAN.find_iter(text) {
            let compact: String = m.as_str().chars().filter(|c| *c != ' ').collect();
            if !(15..=34).contains(&compact.len()) || !iban_checks(&compact) {
                continue;
            }
            self.push(
                PrivacyKind::FinancialAccount,
                m.start(),
                m.end(),
                mask_digits(m.as_str(), 4),
                "a full international bank account number (IBAN); Fed. R. Civ. P. 5.2(a)(4) allows only the last four digits of a financial account number",
            );
        }
    }

    fn birth_dates(&mut self) {
        let text = self.text.text.as_str();
        // A date counts only near a mention of birth ([`Scan::near_birth`]). Every match
        // of BIRTH_CONTEXT, in any window of the text, contains "born", "birth", "dob" or
        // "d.o.b" in ASCII letters (case folding maps no other character to those
        // letters: see the test `birth_words_fold_only_to_ascii`), so without any of them
        // there is nothing to find, and the date patterns, the costliest part of the
        // scan, need not run.
        if !mentions_birth(text) {
            return;
        }
        let mut dates: Vec<(usize, usize, String, bool)> = Vec::new();
        let patterns = [
            (&*DATE_NAMED_MDY, false),
            (&*DATE_NAMED_DMY, false),
            (&*DATE_NUMERIC, true),
            (&*DATE_ISO, true),
        ];
        for (re, numeric) in patterns {
            for c in re.captures_iter(text) {
                let Some(all) = c.get(0) else { continue };
                if !full_date_is_valid(&c) {
                    continue;
                }
                if numeric {
                    let same_sep =
                        c.name("s1").map(|m| m.as_str()) == c.name("s2").map(|m| m.as_str());
                    if !same_sep || !self.stands_alone(all.start(), all.end()) {
                        continue;
                    }
                }
                dates.push((all.start(), all.end(), mask_date(&c), true));
            }
        }
        for c in MONTH_YEAR.captures_iter(text) {
            let Some(all) = c.get(0) else { continue };
            if dates
                .iter()
                .any(|(s, e, _, _)| all.start() < *e && *s < all.end())
            {
                continue;
            }
            dates.push((all.start(), all.end(), mask_date(&c), false));
        }
        dates.sort_by_key(|d| d.0);
        for (start, end, excerpt, full) in dates {
            if !self.near_birth(start, end) {
                continue;
            }
            let message = if full {
                "a full birth date; Fed. R. Civ. P. 5.2(a)(2) allows only the year of birth"
            } else {
                "a birth month and year; Fed. R. Civ. P. 5.2(a)(2) allows only the year of birth"
            };
            self.push(PrivacyKind::BirthDate, start, end, excerpt, message);
        }
    }

    /// Whether "born", "birth" or "DOB" comes shortly before the date (or shortly after it),
    /// in the same sentence and with no other number between.
    fn near_birth(&self, start: usize, end: usize) -> bool {
        let no_digits = |s: &str| !s.chars().any(|c| c.is_ascii_digit());
        let before = self.text.before(start, 50);
        // "Washington's Birthday", "Birthday of Martin Luther King, Jr." name holidays.
        let holiday = |text: &str, at: usize| {
            HOLIDAY_BIRTHDAY
                .find_iter(text)
                .any(|h| h.start() <= at && at < h.end())
        };
        let before_wide = self.text.before(start, 80);
        let offset = before_wide.len() - before.len();
        if let Some(m) = BIRTH_CONTEXT
            .find_iter(before)
            .filter(|m| !holiday(before_wide, m.start() + offset))
            .last()
        {
            let between = &before[m.end()..];
            // Include the date's first character, so "born. January" reads as a break.
            let first = self.text.next_chars(start).0.unwrap_or(' ');
            if no_digits(between) && !SENTENCE_BREAK.is_match(&format!("{between}{first}")) {
                return true;
            }
        }
        let after = self.text.after(end, 25);
        let after_wide = self.text.after(end, 60);
        if let Some(m) = BIRTH_CONTEXT
            .find_iter(after)
            .find(|m| !holiday(after_wide, m.start()))
        {
            // Include the context word, so ". Born" reads as a break.
            if no_digits(&after[..m.start()]) && !SENTENCE_BREAK.is_match(&after[..m.end()]) {
                return true;
            }
        }
        false
    }

    fn minor_names(&mut self, profile: &CaseProfile) {
        for (i, party) in profile.parties.iter().enumerate() {
            if !party.minor {
                continue;
            }
            let names = std::iter::once(party.name.as_str()).chain(
                party
                    .protected
                    .as_ref()
                    .and_then(|p| p.true_name.as_deref()),
            );
            for name in names {
                let Some((pattern, initials)) = minor_pattern(name) else {
                    continue;
                };
                let Ok(re) = Regex::new(&pattern) else {
                    continue;
                };
                let message = format!(
                    "the name of a minor (parties[{i}]); Fed. R. Civ. P. 5.2(a)(3) allows only the minor's initials"
                );
                let text = self.text.text.as_str();
                let found: Vec<(usize, usize)> =
                    re.find_iter(text).map(|m| (m.start(), m.end())).collect();
                for (start, end) in found {
                    self.push(
                        PrivacyKind::MinorName,
                        start,
                        end,
                        initials.clone(),
                        &message,
                    );
                }
            }
        }
    }
}

/// Which number patterns can match at all: decided from the runs of ASCII digits and
/// the single characters between them, exactly as the patterns read them.
#[derive(Debug, Default, PartialEq)]
struct DigitShapes {
    /// SSN: 3 digits, a dash, space, dot or slash, 2 digits, the same separator, 4 digits.
    ssn: bool,
    /// EIN: 2 digits, a dash, 7 digits.
    ein: bool,
    /// NINE: 9 digits in a row.
    nine: bool,
    /// CARD: 13 or more digits, each pair joined by nothing, one space or one hyphen.
    card: bool,
}

impl DigitShapes {
    fn of(text: &str) -> DigitShapes {
        // (start, end) byte ranges of the runs of ASCII digits.
        let bytes = text.as_bytes();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_digit() {
                    i += 1;
                }
                runs.push((start, i));
            } else {
                i += 1;
            }
        }
        // The single character between two runs, if exactly one.
        let between = |a: (usize, usize), b: (usize, usize)| -> Option<char> {
            let mut chars = text[a.1..b.0].chars();
            let c = chars.next()?;
            chars.next().is_none().then_some(c)
        };
        let sep = |c: Option<char>| c.is_some_and(|c| matches!(c, ' ' | '.' | '/') || is_dash(c));
        let len = |r: (usize, usize)| r.1 - r.0;
        let mut shapes = DigitShapes::default();
        let mut chain = 0;
        for (k, &r) in runs.iter().enumerate() {
            shapes.nine |= len(r) >= 9;
            // Card chains: digits joined by single spaces or hyphens.
            let joined = k > 0 && matches!(between(runs[k - 1], r), Some(' ' | '-'));
            chain = if joined { chain + len(r) } else { len(r) };
            shapes.card |= chain >= 13;
            if k > 0 {
                let p = runs[k - 1];
                shapes.ein |= len(p) >= 2 && len(r) >= 7 && between(p, r).is_some_and(is_dash);
            }
            if k > 1 {
                let (a, b) = (runs[k - 2], runs[k - 1]);
                shapes.ssn |= len(a) >= 3
                    && len(b) == 2
                    && len(r) >= 4
                    && sep(between(a, b))
                    && sep(between(b, r));
            }
        }
        shapes
    }
}

/// Whether the text contains "born", "birth", "dob" or "d.o.b" in any case.
fn mentions_birth(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    ["born", "birth", "dob", "d.o.b"]
        .iter()
        .any(|w| lower.contains(w))
}

/// A regex for a minor's name and the initials to show instead; `None` when the name is
/// already initials (or nothing that could be matched).
fn minor_pattern(name: &str) -> Option<(String, String)> {
    const SUFFIXES: [&str; 7] = ["jr", "sr", "ii", "iii", "iv", "esq", "minor"];
    let tokens: Vec<&str> = name
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|t| {
            t.chars().filter(|c| c.is_alphabetic()).count() > 1
                && !t.contains('.')
                && !SUFFIXES.contains(&t.to_lowercase().as_str())
        })
        .collect();
    let initial = |t: &str| {
        t.chars()
            .next()
            .map(|c| format!("{}.", c.to_uppercase()))
            .unwrap_or_default()
    };
    match tokens.as_slice() {
        [] => None,
        [only] => {
            if only.chars().count() < 3 {
                return None;
            }
            Some((format!(r"(?i:\b{}\b)", regex::escape(only)), initial(only)))
        }
        [first, .., last] => {
            let (f, l) = (regex::escape(first), regex::escape(last));
            let pattern = format!(
                r"(?i:\b{f}\b)(?:\s+\p{{Lu}}[\p{{L}}'’\-]*\.?){{0,3}}\s+(?i:\b{l}\b)|(?i:\b{l}\b),\s+(?i:\b{f}\b)"
            );
            Some((pattern, format!("{} {}", initial(first), initial(last))))
        }
    }
}

/// Whether a card-number-shaped string is grouped as card numbers are written: solid, in
/// fours (the last group 1–4 digits), or 4-6-5 / 4-6-4 (American Express, Diners Club).
fn card_grouping(s: &str) -> bool {
    let seps: Vec<char> = s.chars().filter(|c| !c.is_ascii_digit()).collect();
    if seps.is_empty() {
        return true;
    }
    if seps.iter().any(|c| *c != seps[0]) {
        return false;
    }
    let groups: Vec<usize> = s.split(seps[0]).map(str::len).collect();
    let fours = groups.len() >= 4
        && groups[..groups.len() - 1].iter().all(|&g| g == 4)
        && (1..=4).contains(&groups[groups.len() - 1]);
    fours || groups == [4, 6, 5] || groups == [4, 6, 4]
}

fn looks_like_date_or_phone(s: &str) -> bool {
    let groups: Vec<usize> = s
        .split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .collect();
    matches!(
        groups.as_slice(),
        [4, 1..=2, 1..=2] | [1..=2, 1..=2, 4] | [3, 3, 4] | [1, 3, 3, 4]
    )
}

fn full_date_is_valid(c: &regex::Captures<'_>) -> bool {
    let num = |name: &str| c.name(name).and_then(|m| m.as_str().parse::<u32>().ok());
    let year = c
        .name("y")
        .and_then(|m| m.as_str().parse::<i32>().ok())
        .map(|y| if y < 100 { 1900 + y } else { y });
    let Some(year) = year else { return false };
    let month_by_name = c.name("m").and_then(|m| month_number(m.as_str()));
    let valid = |m: Option<u32>, d: Option<u32>| match (m, d) {
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d).is_some(),
        _ => false,
    };
    if c.name("a").is_some() {
        // Numeric month/day or day/month.
        valid(num("a"), num("b")) || valid(num("b"), num("a"))
    } else {
        valid(month_by_name.or_else(|| num("m")), num("d"))
    }
}

fn month_number(s: &str) -> Option<u32> {
    if let Ok(n) = s.parse::<u32>() {
        return Some(n);
    }
    let lower = s.to_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months
        .iter()
        .position(|m| lower.starts_with(m))
        .map(|i| i as u32 + 1)
}

/// The matched date with everything but the year masked.
fn mask_date(c: &regex::Captures<'_>) -> String {
    let Some(all) = c.get(0) else {
        return String::new();
    };
    let year = c.name("y").map(|y| (y.start(), y.end()));
    let mut out = String::new();
    for (i, ch) in all.as_str().char_indices() {
        let at = all.start() + i;
        let in_year = year.is_some_and(|(s, e)| at >= s && at < e);
        out.push(if ch.is_alphanumeric() && !in_year {
            '*'
        } else {
            ch
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan(text: &str) -> Vec<PrivacyFinding> {
        let lines: Vec<TextLine> = text
            .lines()
            .enumerate()
            .map(|(i, l)| TextLine::new(1, i + 1, l))
            .collect();
        privacy_findings(&lines, &empty_profile())
    }

    fn empty_profile() -> CaseProfile {
        CaseProfile::from_json(
            r#"{"schema": 1, "court": {"name": "United States District Court"}}"#,
            "test",
        )
        .unwrap()
    }

    #[test]
    fn issue_15_gaps_are_found() {
        use PrivacyKind::*;
        assert_eq!(kinds("SSN 123.45.6789 on file."), [SocialSecurityNumber]);
        assert_eq!(kinds("Her number is 123/45/6789."), [SocialSecurityNumber]);
        // A valid IBAN (the ISO 13616 example) and one with a wrong check digit.
        assert_eq!(
            kinds("Pay to GB82 WEST 1234 5698 7654 32 by Friday."),
            [FinancialAccount]
        );
        assert!(kinds("Pay to GB83 WEST 1234 5698 7654 32 by Friday.").is_empty());
        assert_eq!(
            kinds("She deposited the check into her savings account at First Bank, 123456789012."),
            [FinancialAccount]
        );
        assert_eq!(
            kinds("The funds went to 123456789012, the company's brokerage account."),
            [FinancialAccount]
        );
    }

    #[test]
    fn issue_15_false_alarms_are_gone() {
        assert!(kinds("The period ended on Washington's Birthday, February 20, 2017.").is_empty());
        assert!(kinds(
            "The next day was the Birthday of Martin Luther King, Jr., January 16, 2017."
        )
        .is_empty());
        assert!(kinds("The state action, No. 12-3456789, was dismissed.").is_empty());
        assert!(kinds("See Case No. 21-1234567 (Cal. Super. Ct.).").is_empty());
        // Still found: a real birth date, an EIN with its label.
        assert_eq!(
            kinds("She was born on February 20, 2017."),
            [PrivacyKind::BirthDate]
        );
        assert_eq!(kinds("EIN No. 12-3456789"), [PrivacyKind::TaxpayerId]);
    }

    fn kinds(text: &str) -> Vec<PrivacyKind> {
        scan(text).into_iter().map(|f| f.kind).collect()
    }

    #[test]
    fn digit_shapes_agree_with_the_patterns() {
        let cases = [
            "123-45-6789",
            "123 45 6789",
            "123\u{2013}45\u{2013}6789",
            "1234-56-78901",
            "12-3456789",
            "12 3456789",
            "123456789",
            "4111 1111 1111 1111",
            "4111-1111-1111-1",
            "4111--1111-1111-1111",
            "3:17-cv-01916",
            "(415) 555-0142",
            "19 U.S.C. § 1509",
            "12-34-5678",
            "123-4-56789",
            "",
        ];
        for text in cases {
            let s = DigitShapes::of(text);
            assert_eq!(s.ssn, SSN.is_match(text), "ssn {text:?}");
            assert_eq!(s.ein, EIN.is_match(text), "ein {text:?}");
            assert_eq!(s.nine, NINE.is_match(text), "nine {text:?}");
            assert_eq!(s.card, CARD.is_match(text), "card {text:?}");
        }
    }

    #[test]
    fn birth_words_fold_only_to_ascii() {
        // The shortcut in `birth_dates` relies on this: under (?i), no character but the
        // ASCII letters themselves matches a letter of "born", "birth", "dob" or "d.o.b".
        let letters = re(r"(?i)^[bornithd]$");
        for c in (0x80u32..=0x10FFFF).filter_map(char::from_u32) {
            assert!(
                !letters.is_match(&c.to_string()),
                "{c:?} (U+{:04X})",
                c as u32
            );
        }
        assert!(mentions_birth("She was BORN in") && mentions_birth("D.O.B.: x"));
        assert!(mentions_birth("Date of Birth") && mentions_birth("dob"));
        assert!(!mentions_birth("filed on January 5, 1990"));
        assert!(kinds("filed on January 5, 1990").is_empty());
        assert_eq!(kinds("born January 5, 1990"), vec![PrivacyKind::BirthDate]);
    }

    #[test]
    fn every_pattern_compiles() {
        for r in [
            &*SSN,
            &*EIN,
            &*NINE,
            &*TAX_CONTEXT,
            &*ROUTING,
            &*CARD,
            &*DIGIT_RUN,
            &*ACCOUNT_CONTEXT,
            &*GLUE,
            &*ZIP_BEFORE,
            &*BIRTH_CONTEXT,
            &*SENTENCE_BREAK,
            &*DATE_NAMED_MDY,
            &*DATE_NAMED_DMY,
            &*DATE_NUMERIC,
            &*DATE_ISO,
            &*MONTH_YEAR,
        ] {
            assert!(!r.as_str().is_empty());
        }
    }

    #[test]
    fn social_security_numbers() {
        let f = scan("Her SSN is 123-45-6789.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, PrivacyKind::SocialSecurityNumber);
        assert_eq!(f[0].excerpt, "***-**-6789");
        assert_eq!(
            kinds("number 123 45 6789 here"),
            [PrivacyKind::SocialSecurityNumber]
        );
        assert_eq!(kinds("SSN: 123456789"), [PrivacyKind::SocialSecurityNumber]);
        assert_eq!(
            kinds("Social Security number 123456789"),
            [PrivacyKind::SocialSecurityNumber]
        );
        assert_eq!(kinds("ITIN 912-70-1234"), [PrivacyKind::TaxpayerId]);
        // Only the last four digits: allowed.
        assert!(kinds("SSN xxx-xx-6789").is_empty());
        // Nine digits with no context (a routing number, say) are left alone.
        assert!(kinds("wire to 121000248 today").is_empty());
        assert!(kinds("SSN 123456789, routing 121000248")
            .iter()
            .all(|k| *k == PrivacyKind::SocialSecurityNumber));
        assert_eq!(kinds("SSN 123456789, routing 121000248").len(), 1);
    }

    #[test]
    fn taxpayer_numbers() {
        assert_eq!(kinds("EIN 12-3456789"), [PrivacyKind::TaxpayerId]);
        assert_eq!(
            kinds("its number is 12-3456789."),
            [PrivacyKind::TaxpayerId]
        );
        // A prefix the IRS never assigns, with no context, is something else.
        assert!(kinds("item 17-1234567").is_empty());
        assert_eq!(kinds("EIN 17-1234567"), [PrivacyKind::TaxpayerId]);
        assert_eq!(kinds("TIN: 987654321"), [PrivacyKind::TaxpayerId]);
        assert!(kinds("continue 123456789").is_empty());
        assert_eq!(
            kinds("Social Security Number: 123456789"),
            [PrivacyKind::SocialSecurityNumber]
        );
        assert!(kinds("the SSN field was blank; 123456789 widgets").is_empty());
    }

    #[test]
    fn no_false_positives_on_ordinary_legal_text() {
        let text = "Case No. 3:17-cv-01916\n\
                    issued under 19 U.S.C. § 1509 on March 14, 2017.\n\
                    Telephone: 555-123-4567 Fax: (555) 123-4568\n\
                    San Francisco, CA 94103\n\
                    The account was created in January 2017; the summons issued 2017-03-14.\n\
                    See 28 U.S.C. §§ 1331, 1346, 2201-2202; Fed. R. Civ. P. 41(a)(1)(A)(i).\n\
                    Twitter's account, @ALT_uscis, was opened on 01/25/2017.\n\
                    SBN 123456, Docket 17-15189, ECF No. 12-3.";
        assert!(scan(text).is_empty(), "{:#?}", scan(text));
    }

    #[test]
    fn birth_dates() {
        let f = scan("Plaintiff was born on January 5, 1990, in Ohio.");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, PrivacyKind::BirthDate);
        assert_eq!(f[0].excerpt, "******* *, 1990");
        assert_eq!(kinds("DOB: 01/05/1990"), [PrivacyKind::BirthDate]);
        assert_eq!(kinds("date of birth 1990-01-05"), [PrivacyKind::BirthDate]);
        assert_eq!(kinds("born 5th of Jan. 1990"), [PrivacyKind::BirthDate]);
        assert_eq!(
            kinds("January 5, 1990 (date of birth)"),
            [PrivacyKind::BirthDate]
        );
        assert_eq!(kinds("born in May 1990"), [PrivacyKind::BirthDate]);
        // The year alone is allowed.
        assert!(kinds("born in 1990").is_empty());
        // An event date in another sentence, or after a birth year, is not a birth date.
        assert!(kinds("The complaint was filed on April 6, 2017. Born in 1990, she...").is_empty());
        assert!(kinds("born in 1990, she opened the account on January 5, 2017").is_empty());
        assert!(kinds("DOB: 02/30/1990").is_empty(), "not a real date");
    }

    #[test]
    fn account_numbers() {
        let f = scan("Account No. 12345678 at First Bank");
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].kind, PrivacyKind::FinancialAccount);
        assert_eq!(f[0].excerpt, "****5678");
        assert_eq!(kinds("acct: 1234-5678-90"), [PrivacyKind::FinancialAccount]);
        assert!(kinds("account ending in 5678").is_empty());
        assert_eq!(
            kinds("account ending in 345678"),
            [PrivacyKind::FinancialAccount]
        );
        assert_eq!(
            kinds("her checking account number is 12345678"),
            [PrivacyKind::FinancialAccount]
        );
        assert!(kinds("the account has more than 32000 followers").is_empty());
        assert!(kinds("the account, opened in 2017, 12345678").is_empty());
        assert!(kinds("routing number 121000248").is_empty());
        assert!(kinds("account and routing number 121000248").is_empty());
        // Card numbers need no context (these are published test numbers).
        assert_eq!(
            kinds("paid with 4111 1111 1111 1111"),
            [PrivacyKind::FinancialAccount]
        );
        assert_eq!(
            kinds("paid with 4111111111111111."),
            [PrivacyKind::FinancialAccount]
        );
        assert_eq!(
            kinds("Amex 3782-822463-10005"),
            [PrivacyKind::FinancialAccount]
        );
        assert!(
            kinds("paid with 4111 1111 1111 1112").is_empty(),
            "fails Luhn"
        );
        assert_eq!(
            scan("card 4111 1111 1111 1111")[0].excerpt,
            "**** **** **** 1111"
        );
    }

    #[test]
    fn minor_names() {
        let mut profile = empty_profile();
        profile.parties = serde_json::from_str(
            r#"[{"id": "jd", "name": "J.D.", "role": "plaintiff", "kind": "person", "minor": true,
                 "protected": {"true_name": "Jane Marie Doe"}},
                {"id": "mom", "name": "Mary Doe", "role": "plaintiff", "kind": "person"}]"#,
        )
        .unwrap();
        let lines = vec![
            TextLine::new(1, 1, "J.D., a minor, by her mother Mary Doe; JANE DOE"),
            TextLine::new(1, 2, "attends school. Doe, Jane is 12. Jane"),
            TextLine::new(2, 1, "M. Doe visited."),
        ];
        let f = privacy_findings(&lines, &profile);
        let places: Vec<(usize, usize)> = f.iter().map(|f| (f.page, f.line)).collect();
        assert_eq!(places, [(1, 1), (1, 2), (1, 2)], "{f:#?}");
        assert!(f
            .iter()
            .all(|f| f.kind == PrivacyKind::MinorName && f.excerpt == "J. D."));
        assert!(f[0].message.contains("parties[0]"));
        assert!(!f[0].message.contains("Jane"));
    }

    #[test]
    fn minor_pattern_edges() {
        assert!(minor_pattern("J.D.").is_none());
        assert!(minor_pattern("A. B.").is_none());
        assert!(minor_pattern("").is_none());
        assert_eq!(minor_pattern("Madonna").unwrap().1, "M.");
        assert_eq!(minor_pattern("John Smith Jr.").unwrap().1, "J. S.");
        assert!(minor_pattern("(.*) [x]").is_none());
        let (pattern, initials) = minor_pattern("Ann (Annie) O'Brien-Lee").unwrap();
        assert_eq!(initials, "A. O.");
        let re = Regex::new(&pattern).unwrap();
        assert!(re.is_match("ann o'brien-lee"));
    }

    #[test]
    fn luhn_and_masking() {
        assert!(luhn(&digits_of("4111111111111111")));
        assert!(!luhn(&digits_of("4111111111111112")));
        assert_eq!(mask_digits("12-3456789", 4), "**-***6789");
        assert_eq!(mask_digits("123", 4), "123");
    }

    #[test]
    fn finding_converts_to_a_located_warning() {
        let f = scan("line one\nSSN 123-45-6789");
        let w = f[0].to_finding();
        assert_eq!(w.field, "page 1, line 2");
        assert!(w.message.contains("***-**-6789"));
        assert!(!w.message.contains("123-45"));
    }
}
