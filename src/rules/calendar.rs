//! Legal holidays for counting time under Fed. R. Civ. P. 6(a)(6).
//!
//! A "legal holiday" under Rule 6(a)(6) is (A) the day set aside by statute for observing
//! the federal holidays of 5 U.S.C. § 6103(a), (B) any other day declared a holiday by the
//! President or Congress, and (C) for periods counted forward from an event, a day the
//! state where the court sits declares a holiday.
//!
//! [`Calendar::federal`] knows (A): New Year's Day, the Birthday of Martin Luther King, Jr.
//! (from 1986), Washington's Birthday, Memorial Day, Juneteenth National Independence Day
//! (from 2021), Independence Day, Labor Day, Columbus Day (from 1971), Veterans Day,
//! Thanksgiving Day and Christmas Day. A fixed-date holiday that falls on a Saturday is
//! observed on the Friday before, one on a Sunday on the Monday after (5 U.S.C. § 6103(b),
//! Executive Order 11582); both the day itself and the observed day are listed. New Year's
//! Day on a Saturday is therefore observed on Friday, December 31 of the year before.
//!
//! Years from 1971 follow the Uniform Monday Holiday Act (Veterans Day on the fourth Monday
//! of October from 1971 through 1977); earlier years use the fixed dates (February 22,
//! May 30, November 11) and no Columbus Day. Thanksgiving is the fourth Thursday of November
//! in every year (the 1939–1941 proclamations are not modelled).
//!
//! Inauguration Day (January 20 after a presidential election, 1965 onward; January 21 when
//! the 20th is a Sunday; 5 U.S.C. § 6103(c)) is a holiday only for the District of Columbia
//! area, so a court turns it on with [`Calendar::with_inauguration_day`]; it has no
//! Saturday shift. Days declared by a proclamation or executive order (the Christmas Eve
//! closures, national days of mourning) are not built in: whether a court treats them as
//! Rule 6(a)(6)(B) holidays varies, so they come, with state holidays, from the court style
//! through [`Calendar::with_extra_holidays`].

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

/// One holiday on one date.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Holiday {
    pub date: NaiveDate,
    /// The statutory name; "(observed)" is added to the day a weekend holiday is observed.
    pub name: String,
}

/// The legal holidays a court counts time around.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Calendar {
    inauguration_day: bool,
    extra: Vec<(NaiveDate, String)>,
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

const NEW_YEAR: &str = "New Year's Day";
const MLK: &str = "Birthday of Martin Luther King, Jr.";
const WASHINGTON: &str = "Washington's Birthday";
const MEMORIAL: &str = "Memorial Day";
const JUNETEENTH: &str = "Juneteenth National Independence Day";
const INDEPENDENCE: &str = "Independence Day";
const LABOR: &str = "Labor Day";
const COLUMBUS: &str = "Columbus Day";
const VETERANS: &str = "Veterans Day";
const THANKSGIVING: &str = "Thanksgiving Day";
const CHRISTMAS: &str = "Christmas Day";
const INAUGURATION: &str = "Inauguration Day";

impl Calendar {
    /// The federal holidays of 5 U.S.C. § 6103(a), as every district court observes them.
    pub fn federal() -> Calendar {
        Calendar::default()
    }

    /// Also count Inauguration Day (for courts in the District of Columbia area).
    pub fn with_inauguration_day(mut self, observed: bool) -> Calendar {
        self.inauguration_day = observed;
        self
    }

    /// Adds holidays the court observes beyond the federal ones (state holidays under
    /// Rule 6(a)(6)(C), days closed by proclamation under Rule 6(a)(6)(B)).
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
    /// Two holidays on one day are joined with " and ".
    pub fn holiday(&self, date: NaiveDate) -> Option<String> {
        let mut names: Vec<String> = Vec::new();
        let mut years = vec![date.year()];
        if date.month() == 12 && date.day() == 31 {
            // New Year's Day of the next year, observed on a Friday.
            years.push(date.year().saturating_add(1));
        }
        for y in years {
            for h in self.statutory(y) {
                if h.date == date && !names.contains(&h.name) {
                    names.push(h.name);
                }
            }
        }
        for (d, name) in &self.extra {
            if *d == date && !names.contains(name) {
                names.push(name.clone());
            }
        }
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
        let mut out: Vec<Holiday> = self
            .statutory(year)
            .into_iter()
            .chain(self.statutory(year.saturating_add(1)))
            .filter(|h| h.date.year() == year)
            .collect();
        out.extend(
            self.extra
                .iter()
                .filter(|(d, _)| d.year() == year)
                .map(|(d, name)| Holiday {
                    date: *d,
                    name: name.clone(),
                }),
        );
        out.sort();
        out.dedup();
        out
    }

    /// The holidays that the statutes tie to `year`, with their observed days (which for
    /// New Year's Day can fall in the year before).
    fn statutory(&self, year: i32) -> Vec<Holiday> {
        let mut out = Vec::new();
        let fixed = |month: u32, day: u32, name: &str, out: &mut Vec<Holiday>| {
            let Some(date) = NaiveDate::from_ymd_opt(year, month, day) else {
                return;
            };
            out.push(Holiday {
                date,
                name: name.to_string(),
            });
            let observed = match date.weekday() {
                Weekday::Sat => date.pred_opt(),
                Weekday::Sun => date.succ_opt(),
                _ => None,
            };
            if let Some(observed) = observed {
                out.push(Holiday {
                    date: observed,
                    name: format!("{name} (observed)"),
                });
            }
        };
        let nth = |month: u32, weekday: Weekday, n: u8, name: &str, out: &mut Vec<Holiday>| {
            if let Some(date) = NaiveDate::from_weekday_of_month_opt(year, month, weekday, n) {
                out.push(Holiday {
                    date,
                    name: name.to_string(),
                });
            }
        };
        let last = |month: u32, weekday: Weekday, name: &str, out: &mut Vec<Holiday>| {
            let date = NaiveDate::from_weekday_of_month_opt(year, month, weekday, 5)
                .or_else(|| NaiveDate::from_weekday_of_month_opt(year, month, weekday, 4));
            if let Some(date) = date {
                out.push(Holiday {
                    date,
                    name: name.to_string(),
                });
            }
        };
        let monday_holidays = year >= 1971;

        fixed(1, 1, NEW_YEAR, &mut out);
        if year >= 1986 {
            nth(1, Weekday::Mon, 3, MLK, &mut out);
        }
        if monday_holidays {
            nth(2, Weekday::Mon, 3, WASHINGTON, &mut out);
            last(5, Weekday::Mon, MEMORIAL, &mut out);
        } else {
            fixed(2, 22, WASHINGTON, &mut out);
            fixed(5, 30, MEMORIAL, &mut out);
        }
        if year >= 2021 {
            fixed(6, 19, JUNETEENTH, &mut out);
        }
        fixed(7, 4, INDEPENDENCE, &mut out);
        nth(9, Weekday::Mon, 1, LABOR, &mut out);
        if monday_holidays {
            nth(10, Weekday::Mon, 2, COLUMBUS, &mut out);
        }
        if (1971..=1977).contains(&year) {
            nth(10, Weekday::Mon, 4, VETERANS, &mut out);
        } else {
            fixed(11, 11, VETERANS, &mut out);
        }
        nth(11, Weekday::Thu, 4, THANKSGIVING, &mut out);
        fixed(12, 25, CHRISTMAS, &mut out);

        if self.inauguration_day && year >= 1965 && (year - 1965) % 4 == 0 {
            if let Some(date) = NaiveDate::from_ymd_opt(year, 1, 20) {
                out.push(Holiday {
                    date,
                    name: INAUGURATION.to_string(),
                });
                if date.weekday() == Weekday::Sun {
                    if let Some(next) = date.succ_opt() {
                        out.push(Holiday {
                            date: next,
                            name: format!("{INAUGURATION} (observed)"),
                        });
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
