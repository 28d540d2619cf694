//! Court-rule logic: what the Federal Rules of Civil Procedure say about a case profile and
//! about the text of a filing.
//!
//! - [`calendar`]: legal holidays under Fed. R. Civ. P. 6(a)(6), read from holiday lists.
//! - [`checks`]: court-system, Rule 11(a), local-rule, service and non-party checks.
//! - [`court`]: a court's system, state, holiday lists and local rules (court data).
//! - [`deadlines`]: time computation under Rule 6(a) and 6(d), answer periods under
//!   Rule 12(a), the service period of Rule 4(m), N.D. Cal. motion hearing, opposition and
//!   reply dates (Civil L.R. 7-2, 7-3); every date comes with its explanation.
//! - [`dismissal`]: whether a notice of voluntary dismissal under Rule 41(a)(1)(A)(i) is
//!   still available.
//! - [`privacy`]: the Rule 5.2 scan of the final rendered text (Social Security and
//!   taxpayer numbers, birth dates, financial account numbers, minors' names).
//! - [`service`]: who must be served with a later paper, how and where (Rule 5).
//! - [`protect`]: the guard that keeps a pseudonymous party's protected values out of every
//!   output.
//!
//! The text checks take the laid-out text as [`TextLine`]s, so that a finding names the
//! page and line a person sees in the PDF.

pub mod calendar;
pub mod caption;
pub mod checks;
pub mod court;
pub mod deadlines;
pub mod dismissal;
pub mod privacy;
pub mod protect;
pub mod service;
mod text;

pub use calendar::{Calendar, CalendarError, DayOff, Holiday, HolidayList};
pub use caption::{caption_case_number, caption_findings, caption_lines, judge_initials};
pub use checks::{case_number_findings, date_findings, filing_findings, FilingContext};
pub use court::{system_mismatch, CourtRules, CourtSystem};
pub use deadlines::{
    compute, compute_in, count_days, earliest_hearing, motion_deadlines, Computed, Deadline,
    DeadlineError,
};
pub use dismissal::voluntary_dismissal_findings;
pub use privacy::{privacy_findings, PrivacyFinding, PrivacyKind};
pub use protect::{protected_leaks, Leak};
pub use service::{
    certificate_needed, proof_of_service_findings, service_list, PaperService, ServiceEntry,
};

use serde::Serialize;

/// One line of the final, laid-out text of a filing, in reading order.
///
/// `page` and `line` are 1-based and count the way a reader of the PDF counts them (on
/// pleading paper, `line` is the number printed in the margin).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TextLine {
    /// The page number, from 1.
    pub page: usize,
    /// The line number on the page, from 1 (the margin number on pleading paper).
    pub line: usize,
    /// The line's text.
    pub text: String,
}

impl TextLine {
    /// A line of text at the given 1-based page and line.
    pub fn new(page: usize, line: usize, text: impl Into<String>) -> Self {
        TextLine {
            page,
            line,
            text: text.into(),
        }
    }
}
