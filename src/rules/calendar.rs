//! Legal holidays for counting time under Fed. R. Civ. P. 6(a)(6), as data.
//!
//! A "legal holiday" under Rule 6(a)(6) is (A) the day set aside by statute for observing
//! the federal holidays of 5 U.S.C. § 6103(a), (B) any other day declared a holiday by the
//! President or Congress, and (C) for periods counted forward from an event, a day the
//! state where the court sits declares a holiday.
//!
//! The holidays are not code: each list is a TOML file under `templates/holidays/`
//! (`federal.toml`, `california.toml`), embedded at build time. An entry is a fixed date
//! (`month`, `day`), a weekday of a month (`weekday`, `week` 1–4 or `last`), or a table of
//! `dates`; it says the years it applies (`from`, `until`, `every`), and how a Saturday or
//! Sunday date is observed (`saturday = "friday-before" | "none"`, `sunday =
//! "monday-after" | "none"`, defaulting to the list's own rule). Both the day itself and
//! the observed day are holidays.
//!
//! [`Calendar::federal`] is the federal list. A court's data (its style's `[court]` table,
//! see [`super::court`]) names the lists it counts (the federal one and, for a district
//! court, its state's), whether Inauguration Day applies (5 U.S.C. § 6103(c): the
//! District of Columbia area only), and any further days (a proclamation closing federal
//! offices, a Governor's proclamation) through [`Calendar::with_extra_holidays`].
//!
//! Years from 1971 follow the Uniform Monday Holiday Act (Veterans Day on the fourth
//! Monday of October from 1971 through 1977); earlier years use the fixed dates. The
//! California list is checked against the statute for 2017 onward (docs/rules.md).

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};
use std::sync::{Arc, OnceLock};

/// One holiday on one date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Holiday {
    /// The date the holiday falls or is observed on.
    pub date: NaiveDate,
    /// The statutory name; "(observed)" is added to the day a weekend holiday is observed.
    pub name: String,
}

/// Why a list of holidays could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A holiday list's TOML text is not valid or not a holiday list.
    #[error("holiday list `{list}`: {message}")]
    Invalid {
        /// The list's name.
        list: String,
        /// What is wrong with it.
        message: String,
    },
    /// No built-in holiday list has this name.
    #[error("no holiday list is called `{0}` (Drafter has: {known})", known = HolidayList::BUILT_IN.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", "))]
    Unknown(String),
}

/// How a holiday that falls on a weekend day is observed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Observance {
    /// Not moved: only the day itself is a holiday.
    None,
    /// A Saturday holiday is also observed on the Friday before.
    FridayBefore,
    /// A Sunday holiday is also observed on the Monday after.
    MondayAfter,
}

/// One entry of a holiday list.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayRule {
    name: String,
    #[serde(default)]
    month: Option<u32>,
    #[serde(default)]
    day: Option<u32>,
    #[serde(default)]
    weekday: Option<String>,
    #[serde(default)]
    week: Option<u8>,
    #[serde(default)]
    last: bool,
    #[serde(default)]
    dates: Vec<NaiveDate>,
    #[serde(default)]
    from: Option<i32>,
    #[serde(default)]
    until: Option<i32>,
    #[serde(default)]
    every: Option<i32>,
    #[serde(default)]
    saturday: Option<Observance>,
    #[serde(default)]
    sunday: Option<Observance>,
    /// Counted only when the court turns this on (`inauguration-day`).
    #[serde(default)]
    only_where: Option<String>,
}

type ParsedList = Result<Arc<HolidayList>, CalendarError>;

/// A named list of holidays with its observance rules (one sovereign's statute).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HolidayList {
    /// Whose holidays these are ("United States", "California").
    pub name: String,
    /// The statute ("Cal. Gov. Code §§ 6700, 6701").
    pub citation: String,
    #[serde(default = "no_observance")]
    saturday: Observance,
    #[serde(default = "no_observance")]
    sunday: Observance,
    #[serde(rename = "holiday")]
    holidays: Vec<HolidayRule>,
}

fn no_observance() -> Observance {
    Observance::None
}

fn weekday_named(name: &str) -> Option<Weekday> {
    Some(match name {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

impl HolidayList {
    /// The lists that ship with Drafter, by id.
    pub const BUILT_IN: [(&'static str, &'static str); 2] = [
        (
            "federal",
            include_str!("../../templates/holidays/federal.toml"),
        ),
        (
            "california",
            include_str!("../../templates/holidays/california.toml"),
        ),
    ];

    /// Reads a list from its TOML text; `id` names it in messages.
    pub fn parse(id: &str, text: &str) -> Result<HolidayList, CalendarError> {
        let invalid = |message: String| CalendarError::Invalid {
            list: id.to_string(),
            message,
        };
        let list: HolidayList = toml::from_str(text).map_err(|e| invalid(e.to_string()))?;
        for (i, h) in list.holidays.iter().enumerate() {
            let at = format!("holiday[{i}] ({})", h.name);
            let fixed = h.day.is_some();
            let nth = h.weekday.is_some();
            let table = !h.dates.is_empty();
            if usize::from(fixed) + usize::from(nth) + usize::from(table) != 1 {
                return Err(invalid(format!(
                    "{at}: give exactly one of `day`, `weekday` or `dates`"
                )));
            }
            if !table && !h.month.is_some_and(|m| (1..=12).contains(&m)) {
                return Err(invalid(format!("{at}: `month` must be 1 to 12")));
            }
            if let (Some(m), Some(d)) = (h.month, h.day) {
                if NaiveDate::from_ymd_opt(2000, m, d).is_none() {
                    return Err(invalid(format!("{at}: there is no day {d} in month {m}")));
                }
            }
            if let Some(w) = &h.weekday {
                if weekday_named(w).is_none() {
                    return Err(invalid(format!(
                        "{at}: `weekday` {w:?} is not a day's name"
                    )));
                }
                if h.last == h.week.is_some() || h.week.is_some_and(|n| !(1..=4).contains(&n)) {
                    return Err(invalid(format!(
                        "{at}: a weekday needs either `week` (1 to 4) or `last = true`"
                    )));
                }
            }
            if h.every.is_some_and(|n| n < 1) || (h.every.is_some() && h.from.is_none()) {
                return Err(invalid(format!(
                    "{at}: `every` needs `from` and must be at least 1"
                )));
            }
            if matches!(h.saturday, Some(Observance::MondayAfter))
                || matches!(h.sunday, Some(Observance::FridayBefore))
            {
                return Err(invalid(format!(
                    "{at}: `saturday` may be \"friday-before\" or \"none\", `sunday` \"monday-after\" or \"none\""
                )));
            }
        }
        Ok(list)
    }

    /// A built-in list by id (`federal`, `california`).
    pub fn built_in(id: &str) -> Result<Arc<HolidayList>, CalendarError> {
        static CACHE: OnceLock<Vec<(String, ParsedList)>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| {
            HolidayList::BUILT_IN
                .iter()
                .map(|(id, text)| (id.to_string(), HolidayList::parse(id, text).map(Arc::new)))
                .collect()
        });
        cache
            .iter()
            .find(|(name, _)| name == id)
            .map(|(_, list)| list.clone())
            .unwrap_or_else(|| Err(CalendarError::Unknown(id.to_string())))
    }

    /// The holidays the list ties to `year`, with their observed days (which for a
    /// January 1 on a Saturday falls in the year before).
    fn in_year(&self, year: i32, inauguration_day: bool) -> Vec<Holiday> {
        let mut out = Vec::new();
        for h in &self.holidays {
            if h.from.is_some_and(|y| year < y) || h.until.is_some_and(|y| year > y) {
                continue;
            }
            if let (Some(every), Some(from)) = (h.every, h.from) {
                if (year - from) % every != 0 {
                    continue;
                }
            }
            if h.only_where.as_deref() == Some("inauguration-day") && !inauguration_day {
                continue;
            }
            if h.only_where.is_some() && h.only_where.as_deref() != Some("inauguration-day") {
                continue;
            }
            let date = if !h.dates.is_empty() {
                h.dates.iter().copied().find(|d| d.year() == year)
            } else if let (Some(month), Some(day)) = (h.month, h.day) {
                NaiveDate::from_ymd_opt(year, month, day)
            } else {
                let month = h.month.unwrap_or(1);
                let weekday = h.weekday.as_deref().and_then(weekday_named);
                weekday.and_then(|w| {
                    if h.last {
                        NaiveDate::from_weekday_of_month_opt(year, month, w, 5)
                            .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, w, 4))
                    } else {
                        NaiveDate::from_weekday_of_month_opt(year, month, w, h.week.unwrap_or(1))
                    }
                })
            };
            let Some(date) = date else { continue };
            out.push(Holiday {
                date,
                name: h.name.clone(),
            });
            let observed = match date.weekday() {
                Weekday::Sat if h.saturday.unwrap_or(self.saturday) == Observance::FridayBefore => {
                    date.pred_opt()
                }
                Weekday::Sun if h.sunday.unwrap_or(self.sunday) == Observance::MondayAfter => {
                    date.succ_opt()
                }
                _ => None,
            };
            if let Some(observed) = observed {
                out.push(Holiday {
                    date: observed,
                    name: format!("{} (observed)", h.name),
                });
            }
        }
        out
    }
}

/// The legal holidays a court counts time around.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    lists: Vec<Arc<HolidayList>>,
    inauguration_day: bool,
    extra: Vec<(NaiveDate, String)>,
}

impl Default for Calendar {
    fn default() -> Self {
        Calendar::federal()
    }
}

/// Why a day is not one on which a period can end (Rule 6(a)(1)(C)).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayOff {
    /// A Saturday, with the holiday that also falls on it, if any.
    Saturday(Option<String>),
    /// A Sunday, with the holiday that also falls on it, if any.
    Sunday(Option<String>),
    /// A weekday that is a legal holiday.
    Holiday(String),
}

impl std::fmt::Display for DayOff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DayOff::Saturday(None) => f.write_str("a Saturday"),
            DayOff::Sunday(None) => f.write_str("a Sunday"),
            DayOff::Saturday(Some(h)) => write!(f, "a Saturday ({h})"),
            DayOff::Sunday(Some(h)) => write!(f, "a Sunday ({h})"),
            DayOff::Holiday(h) => write!(f, "a legal holiday ({h})"),
        }
    }
}

impl Calendar {
    /// The federal holidays of 5 U.S.C. § 6103(a), as every district court observes them.
    pub fn federal() -> Calendar {
        Calendar {
            lists: vec![HolidayList::built_in("federal").expect("the built-in federal list parses")],
            inauguration_day: false,
            extra: Vec::new(),
        }
    }

    /// The calendar made of the named built-in lists, the first list's names winning when
    /// two lists name the same day.
    pub fn from_lists<S: AsRef<str>>(ids: &[S]) -> Result<Calendar, CalendarError> {
        let lists = ids
            .iter()
            .map(|id| HolidayList::built_in(id.as_ref()))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Calendar {
            lists,
            inauguration_day: false,
            extra: Vec::new(),
        })
    }

    /// The lists this calendar counts, in order.
    pub fn lists(&self) -> impl Iterator<Item = &HolidayList> {
        self.lists.iter().map(|l| l.as_ref())
    }

    /// Also count Inauguration Day (for courts in the District of Columbia area).
    pub fn with_inauguration_day(mut self, observed: bool) -> Calendar {
        self.inauguration_day = observed;
        self
    }

    /// Adds holidays the court observes beyond its lists (days closed by proclamation under
    /// Rule 6(a)(6)(B), a Governor's proclaimed holiday under Rule 6(a)(6)(C)).
    pub fn with_extra_holidays(mut self, holidays: Vec<(NaiveDate, String)>) -> Calendar {
        self.extra.extend(holidays);
        self.extra.sort();
        self.extra.dedup();
        self
    }

    /// Whether this calendar counts Inauguration Day.
    pub fn observes_inauguration_day(&self) -> bool {
        self.inauguration_day
    }

    /// The court's own holidays, in date order.
    pub fn extra_holidays(&self) -> &[(NaiveDate, String)] {
        &self.extra
    }

    /// The name of the legal holiday on `date`, if it is one ("Independence Day (observed)").
    /// Two holidays of one list on one day are joined with " and "; a day a later list
    /// also names keeps the first list's name, and a day only a later list names carries
    /// that list's name ("Cesar Chavez Day (California)").
    pub fn holiday(&self, date: NaiveDate) -> Option<String> {
        let mut years = vec![date.year()];
        if date.month() == 12 && date.day() == 31 {
            // January 1 of the next year, observed on a Friday.
            years.push(date.year().saturating_add(1));
        }
        for (i, list) in self.lists.iter().enumerate() {
            let mut names: Vec<String> = Vec::new();
            for &y in &years {
                for h in list.in_year(y, self.inauguration_day) {
                    if h.date == date && !names.contains(&h.name) {
                        names.push(h.name);
                    }
                }
            }
            if !names.is_empty() {
                let joined = names.join(" and ");
                return Some(if i == 0 {
                    joined
                } else {
                    format!("{joined} ({})", list.name)
                });
            }
        }
        let names: Vec<&str> = self
            .extra
            .iter()
            .filter(|(d, _)| *d == date)
            .map(|(_, n)| n.as_str())
            .collect();
        if names.is_empty() {
            None
        } else {
            Some(names.join(" and "))
        }
    }

    /// Whether `date` is a legal holiday (weekends aside).
    pub fn is_legal_holiday(&self, date: NaiveDate) -> bool {
        self.holiday(date).is_some()
    }

    /// Whether `date` is a Saturday or Sunday.
    pub fn is_weekend(date: NaiveDate) -> bool {
        matches!(date.weekday(), Weekday::Sat | Weekday::Sun)
    }

    /// Why a period cannot end on `date` (a Saturday, Sunday or legal holiday), or `None`
    /// when it can.
    pub fn day_off(&self, date: NaiveDate) -> Option<DayOff> {
        let holiday = self.holiday(date);
        match date.weekday() {
            Weekday::Sat => Some(DayOff::Saturday(holiday)),
            Weekday::Sun => Some(DayOff::Sunday(holiday)),
            _ => holiday.map(DayOff::Holiday),
        }
    }

    /// Every holiday falling in `year`, in date order (a weekend holiday appears on its own
    /// date and on the day it is observed).
    pub fn holidays_in_year(&self, year: i32) -> Vec<Holiday> {
        let mut out: Vec<Holiday> = Vec::new();
        let (Some(start), Some(end)) = (
            NaiveDate::from_ymd_opt(year, 1, 1),
            NaiveDate::from_ymd_opt(year, 12, 31),
        ) else {
            return out;
        };
        let mut candidates: Vec<NaiveDate> = Vec::new();
        for list in &self.lists {
            for y in [year, year.saturating_add(1)] {
                candidates.extend(
                    list.in_year(y, self.inauguration_day)
                        .into_iter()
                        .map(|h| h.date),
                );
            }
        }
        candidates.extend(self.extra.iter().map(|(d, _)| *d));
        candidates.retain(|d| (start..=end).contains(d));
        candidates.sort();
        candidates.dedup();
        for date in candidates {
            if let Some(name) = self.holiday(date) {
                out.push(Holiday { date, name });
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MLK: &str = "Birthday of Martin Luther King, Jr.";
    const WASHINGTON: &str = "Washington's Birthday";
    const MEMORIAL: &str = "Memorial Day";
    const JUNETEENTH: &str = "Juneteenth National Independence Day";
    const INDEPENDENCE: &str = "Independence Day";
    const LABOR: &str = "Labor Day";
    const COLUMBUS: &str = "Columbus Day";
    const VETERANS: &str = "Veterans Day";
    const THANKSGIVING: &str = "Thanksgiving Day";
    const INAUGURATION: &str = "Inauguration Day";

    fn california() -> Calendar {
        Calendar::from_lists(&["federal", "california"]).unwrap()
    }

    #[test]
    fn california_adds_its_own_days_with_their_years() {
        let c = california();
        // Sunday 2017-02-12: § 6701 makes Monday the 13th a
        // holiday.
        assert_eq!(
            c.holiday(d(2017, 2, 13)).as_deref(),
            Some("Lincoln Day (observed) (California)")
        );
        assert_eq!(
            c.holiday(d(2017, 3, 31)).as_deref(),
            Some("Cesar Chavez Day (California)")
        );
        assert_eq!(
            c.holiday(d(2017, 9, 22)).as_deref(),
            Some("Native American Day (California)")
        );
        // Genocide Remembrance Day from 2023 only.
        assert_eq!(c.holiday(d(2022, 4, 25)), None);
        assert_eq!(
            c.holiday(d(2023, 4, 24)).as_deref(),
            Some("Genocide Remembrance Day (California)")
        );
        assert_eq!(
            c.holiday(d(2025, 1, 29)).as_deref(),
            Some("Lunar New Year (California)")
        );
        // A federal day keeps its federal name.
        assert_eq!(c.holiday(d(2017, 7, 4)).as_deref(), Some(INDEPENDENCE));
        // § 6701 moves only Veterans Day from a Saturday: Saturday 2023-11-11 -> Friday the
        // 10th (also the federal observed day); Saturday 2017-09-09 (Admission Day) is not
        // moved to Friday the 8th.
        assert_eq!(c.holiday(d(2017, 9, 8)), None);
        assert_eq!(
            c.holiday(d(2024, 9, 9)).as_deref(),
            Some("Admission Day (California)")
        );
        assert!(Calendar::federal().holiday(d(2017, 3, 31)).is_none());
    }

    #[test]
    fn a_bad_list_names_the_entry() {
        let e = HolidayList::parse(
            "x",
            "name = \"X\"\ncitation = \"c\"\n[[holiday]]\nname = \"Bad\"\nmonth = 2\nday = 30\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.contains("holiday[0] (Bad)") && e.contains("day 30"),
            "{e}"
        );
        let e = HolidayList::parse(
            "x",
            "name = \"X\"\ncitation = \"c\"\n[[holiday]]\nname = \"Two\"\nmonth = 2\nday = 3\nweekday = \"monday\"\nweek = 1\n",
        )
        .unwrap_err()
        .to_string();
        assert!(e.contains("exactly one"), "{e}");
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn names_holidays_and_observed_days() {
        let c = Calendar::federal();
        assert_eq!(c.holiday(d(2022, 6, 19)).as_deref(), Some(JUNETEENTH));
        assert_eq!(
            c.holiday(d(2022, 6, 20)).as_deref(),
            Some("Juneteenth National Independence Day (observed)")
        );
        assert_eq!(
            c.holiday(d(2021, 6, 18)).as_deref(),
            Some("Juneteenth National Independence Day (observed)")
        );
        assert_eq!(c.holiday(d(2020, 6, 19)), None, "Juneteenth starts in 2021");
        assert_eq!(
            c.holiday(d(2020, 7, 3)).as_deref(),
            Some("Independence Day (observed)")
        );
        assert_eq!(
            c.holiday(d(2017, 1, 2)).as_deref(),
            Some("New Year's Day (observed)")
        );
        assert_eq!(
            c.holiday(d(2021, 12, 31)).as_deref(),
            Some("New Year's Day (observed)")
        );
        assert_eq!(
            c.holiday(d(2021, 12, 24)).as_deref(),
            Some("Christmas Day (observed)")
        );
        assert_eq!(c.holiday(d(2017, 1, 16)).as_deref(), Some(MLK));
        assert_eq!(c.holiday(d(1985, 1, 21)), None, "MLK Day starts in 1986");
        assert_eq!(c.holiday(d(2017, 10, 9)).as_deref(), Some(COLUMBUS));
        assert_eq!(c.holiday(d(2017, 11, 23)).as_deref(), Some(THANKSGIVING));
        assert_eq!(c.holiday(d(2017, 5, 29)).as_deref(), Some(MEMORIAL));
        assert_eq!(c.holiday(d(2017, 2, 20)).as_deref(), Some(WASHINGTON));
        assert_eq!(c.holiday(d(2017, 9, 4)).as_deref(), Some(LABOR));
        assert_eq!(
            c.holiday(d(2017, 11, 10)).as_deref(),
            Some("Veterans Day (observed)")
        );
        assert_eq!(c.holiday(d(1975, 10, 27)).as_deref(), Some(VETERANS));
        assert_eq!(c.holiday(d(1975, 11, 11)), None);
        // Before 1971, fixed dates: Sunday 1970-02-22, observed Monday the 23rd, and no
        // holiday on the third Monday.
        assert_eq!(c.holiday(d(1970, 2, 16)), None);
        assert_eq!(c.holiday(d(1970, 2, 22)).as_deref(), Some(WASHINGTON));
        assert_eq!(
            c.holiday(d(1970, 2, 23)).as_deref(),
            Some("Washington's Birthday (observed)")
        );
        assert_eq!(c.holiday(d(2017, 4, 6)), None);
    }

    #[test]
    fn inauguration_day_only_when_opted_in() {
        let federal = Calendar::federal();
        let dc = Calendar::federal().with_inauguration_day(true);
        assert_eq!(federal.holiday(d(2017, 1, 20)), None);
        assert_eq!(dc.holiday(d(2017, 1, 20)).as_deref(), Some(INAUGURATION));
        assert_eq!(
            dc.holiday(d(2013, 1, 21)).as_deref(),
            Some("Birthday of Martin Luther King, Jr. and Inauguration Day (observed)")
        );
        assert_eq!(dc.holiday(d(2018, 1, 20)), None);
        // Saturday 2001-01-20: no Friday in lieu.
        assert_eq!(dc.holiday(d(2001, 1, 20)).as_deref(), Some(INAUGURATION));
        assert_eq!(dc.holiday(d(2001, 1, 19)), None);
        assert_eq!(dc.holiday(d(1961, 1, 20)), None);
        assert_eq!(dc.holiday(d(1965, 1, 20)).as_deref(), Some(INAUGURATION));
    }

    #[test]
    fn extra_holidays_come_from_the_court() {
        let c = Calendar::federal().with_extra_holidays(vec![
            (d(2017, 3, 31), "Cesar Chavez Day".to_string()),
            (d(2017, 3, 31), "Cesar Chavez Day".to_string()),
        ]);
        assert_eq!(
            c.holiday(d(2017, 3, 31)).as_deref(),
            Some("Cesar Chavez Day")
        );
        assert_eq!(c.extra_holidays().len(), 1);
    }

    #[test]
    fn lists_a_year() {
        let c = Calendar::federal();
        let y2021: Vec<_> = c
            .holidays_in_year(2021)
            .into_iter()
            .map(|h| h.date)
            .collect();
        assert!(
            y2021.contains(&d(2021, 12, 31)),
            "New Year's Day 2022 observed in 2021"
        );
        assert!(y2021.contains(&d(2021, 6, 18)));
        assert!(y2021.windows(2).all(|w| w[0] <= w[1]));
        // 11 statutory days; Jun 19 (Sat), Jul 4 (Sun) and Dec 25 (Sat) each add an
        // observed day; Saturday Jan 1 2022 adds Friday Dec 31 2021.
        assert_eq!(c.holidays_in_year(2021).len(), 11 + 3 + 1);
    }

    #[test]
    fn day_off_reasons() {
        let c = Calendar::federal();
        assert_eq!(
            c.day_off(d(2020, 7, 4)),
            Some(DayOff::Saturday(Some(INDEPENDENCE.to_string())))
        );
        assert_eq!(
            c.day_off(d(2022, 6, 19)).unwrap().to_string(),
            "a Sunday (Juneteenth National Independence Day)"
        );
        assert_eq!(c.day_off(d(2017, 4, 8)), Some(DayOff::Saturday(None)));
        assert_eq!(c.day_off(d(2017, 4, 6)), None);
    }

    #[test]
    fn extreme_dates_do_not_panic() {
        let c = Calendar::federal().with_inauguration_day(true);
        for date in [NaiveDate::MIN, NaiveDate::MAX] {
            let _ = c.holiday(date);
            let _ = c.day_off(date);
            let _ = c.holidays_in_year(date.year());
        }
        let _ = c.holidays_in_year(i32::MAX);
        let _ = c.holidays_in_year(i32::MIN);
    }
}
