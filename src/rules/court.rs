//! A court's law as data: which system it belongs to, the state it sits in, the holiday
//! lists it counts time around, and the local rules whose checks apply.
//!
//! A court style's TOML carries this in a `[court]` table:
//!
//! ```toml
//! [court]
//! system = "federal"          # or "california" (a California superior court)
//! state = "California"        # where the court sits (Fed. R. Civ. P. 6(a)(6)(C))
//! holidays = ["federal", "california"]
//! local_rules = "cand"        # N.D. Cal. Civil Local Rules
//! ```
//!
//! A style with no `[court]` table is a federal court whose state is not known: its
//! calendar is the federal one only. Templates declare the systems they are written for
//! (`systems` in their front matter; absent means `["federal"]`), and using one in a court
//! of another system is an error ([`system_mismatch`]).

use super::calendar::{Calendar, CalendarError};
use crate::profile::Finding;
use serde::{Deserialize, Serialize};

/// The body of law a court applies to procedure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CourtSystem {
    /// A United States district court: the Federal Rules of Civil Procedure.
    Federal,
    /// A California superior court: the Code of Civil Procedure and the California Rules
    /// of Court (no deadlines or checks of that system are modelled yet).
    California,
}

impl CourtSystem {
    /// The id used in data files (`federal`, `california`).
    pub fn id(self) -> &'static str {
        match self {
            CourtSystem::Federal => "federal",
            CourtSystem::California => "california",
        }
    }

    /// Words for messages ("a federal district court").
    pub fn label(self) -> &'static str {
        match self {
            CourtSystem::Federal => "a federal district court (Federal Rules of Civil Procedure)",
            CourtSystem::California => {
                "a California superior court (Code of Civil Procedure, California Rules of Court)"
            }
        }
    }
}

/// What a court's data says about its law.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtRules {
    /// The system of law the court belongs to; federal when not given.
    #[serde(default = "federal")]
    pub system: CourtSystem,
    /// The state the court sits in, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Ids of the holiday lists (`templates/holidays/<id>.toml`) the court counts.
    #[serde(default = "federal_lists")]
    pub holidays: Vec<String>,
    /// Local rules whose checks apply (`cand`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub local_rules: Option<String>,
    /// Where papers for a federal party without counsel of record go: the United States
    /// attorney's office for the district (address lines).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub us_attorney: Vec<String>,
}

fn federal() -> CourtSystem {
    CourtSystem::Federal
}

fn federal_lists() -> Vec<String> {
    vec!["federal".to_string()]
}

impl Default for CourtRules {
    fn default() -> Self {
        CourtRules {
            system: CourtSystem::Federal,
            state: None,
            holidays: federal_lists(),
            local_rules: None,
            us_attorney: Vec::new(),
        }
    }
}

impl CourtRules {
    /// The calendar made of the court's holiday lists.
    pub fn calendar(&self) -> Result<Calendar, CalendarError> {
        Calendar::from_lists(&self.holidays)
    }

    /// Whether the court's N.D. Cal. local-rule checks apply.
    pub fn is_cand(&self) -> bool {
        self.local_rules.as_deref() == Some("cand")
    }
}

/// An error finding when a template written for `systems` is used in a court of another
/// system; `template` is the template's title.
pub fn system_mismatch(
    template: &str,
    systems: &[CourtSystem],
    court: &CourtRules,
) -> Option<Finding> {
    if systems.contains(&court.system) {
        return None;
    }
    let written_for = systems
        .iter()
        .map(|s| s.label())
        .collect::<Vec<_>>()
        .join(" or ");
    Some(Finding::error(
        "court.style",
        format!(
            "\"{template}\" is written for {written_for}, but this case is in {}: its jurisdiction, venue, rule citations and deadlines would be wrong there. Choose a template written for that court, or change the court.",
            court.system.label()
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_without_court_data_is_federal() {
        let c = CourtRules::default();
        assert_eq!(c.system, CourtSystem::Federal);
        assert_eq!(c.calendar().unwrap(), Calendar::federal());
    }

    #[test]
    fn unknown_holiday_list_is_named() {
        let c = CourtRules {
            holidays: vec!["atlantis".into()],
            ..CourtRules::default()
        };
        let e = c.calendar().unwrap_err().to_string();
        assert!(e.contains("`atlantis`") && e.contains("california"), "{e}");
    }

    #[test]
    fn mismatch_is_an_error_naming_both_systems() {
        let state = CourtRules {
            system: CourtSystem::California,
            ..CourtRules::default()
        };
        let f = system_mismatch("Complaint", &[CourtSystem::Federal], &state).unwrap();
        assert_eq!(f.severity, crate::profile::Severity::Error);
        assert!(
            f.message.contains("federal district court"),
            "{}",
            f.message
        );
        assert!(
            f.message.contains("California superior court"),
            "{}",
            f.message
        );
        assert!(
            system_mismatch("Complaint", &[CourtSystem::Federal], &CourtRules::default()).is_none()
        );
    }
}
