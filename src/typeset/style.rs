//! Court styles: the page a court's local rules require, as data. Each style is a TOML
//! file under templates/styles/ (embedded) or the templates folder's `styles/` (the
//! firm's own); adding a court is adding a file. A bad value is rejected with the file,
//! the key and the reason.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A court's page: paper, margins, type, line grid, pleading paper, caption and footer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtStyle {
    /// Shown in pickers ("N.D. Cal. — pleading paper (Civil L.R. 3-4)").
    pub name: String,
    #[serde(skip)]
    pub id: String,
    pub page: PageSpec,
    pub text: TextSpec,
    #[serde(default)]
    pub pleading: Option<PleadingSpec>,
    pub footer: FooterSpec,
    #[serde(default)]
    pub first_page: FirstPageSpec,
    /// Extra court holidays (for deadline counting), "YYYY-MM-DD" = name.
    #[serde(default)]
    pub holidays: BTreeMap<String, String>,
    /// Whether Inauguration Day is a legal holiday here (courts in the D.C. area).
    #[serde(default)]
    pub inauguration_day: bool,
    /// The court's system, state, holiday lists and local rules (`[court]`).
    #[serde(default)]
    pub court: crate::rules::CourtRules,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    /// Paper width and height in points (Letter is 612 × 792).
    pub width: f32,
    pub height: f32,
    /// Left and right edges of the text column, in points from the left edge.
    pub left: f32,
    pub right: f32,
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TextSpec {
    /// Body type size in points.
    pub size: f32,
    /// The grid unit: the distance between single-spaced baselines (points). Double
    /// spacing is two units; on pleading paper the numbered lines are every two units.
    pub unit: f32,
    /// Baseline of the first line on every page, in points from the top edge.
    pub first_baseline: f32,
    /// Number of grid units on a page (56 = 28 double-spaced lines).
    pub units_per_page: u32,
    /// Body paragraphs: "double" or "single".
    #[serde(default = "double")]
    pub body_spacing: String,
    /// First-line indent of body and numbered paragraphs (points).
    #[serde(default = "half_inch")]
    pub paragraph_indent: f32,
    /// Empty units between paragraphs (0 on a double-spaced pleading; 1 in a letter).
    #[serde(default)]
    pub paragraph_gap: u32,
    /// Lettered ("A.") or bulleted ("•") unordered lists.
    #[serde(default = "letters")]
    pub bullet_style: String,
}

fn double() -> String {
    "double".into()
}
fn letters() -> String {
    "letters".into()
}
fn half_inch() -> f32 {
    36.0
}

/// Pleading paper: line numbers and rules in the margins.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PleadingSpec {
    /// Number of numbered lines (28).
    pub lines: u32,
    /// Right edge of the line numbers (points from the left).
    pub number_x: f32,
    /// x positions of the vertical rules left of the text (a double rule is two values).
    pub left_rules: Vec<f32>,
    /// x positions of the vertical rules right of the text.
    #[serde(default)]
    pub right_rules: Vec<f32>,
    /// Rule thickness (points).
    #[serde(default = "hairline")]
    pub rule_width: f32,
}

fn hairline() -> f32 {
    0.6
}

#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterSpec {
    /// Draw a rule above the footer.
    #[serde(default)]
    pub rule: bool,
    /// y of the rule (points from the top).
    #[serde(default)]
    pub rule_y: f32,
    /// Page-number text: `{page}` and `{pages}` are replaced; empty for none.
    #[serde(default)]
    pub page_number: String,
    /// Baseline of the page number (points from the top).
    pub page_number_y: f32,
    /// "center", "left" or "right".
    #[serde(default = "center")]
    pub page_number_align: String,
    /// Footer title text: `{title}`, `{short_title}`, `{case_number}` are replaced.
    #[serde(default)]
    pub title: String,
    #[serde(default)]
    pub title_y: f32,
    #[serde(default = "footer_size")]
    pub size: f32,
    /// Leave the first page without a footer (letters).
    #[serde(default)]
    pub skip_first_page: bool,
}

fn center() -> String {
    "center".into()
}
fn footer_size() -> f32 {
    10.0
}

/// Placement of counsel's block, the court's title and the caption.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FirstPageSpec {
    /// Counsel's block at the top of the first page.
    #[serde(default = "yes")]
    pub attorney_block: bool,
    /// Numbered line (double-spaced grid) on which the court's title is set.
    #[serde(default = "court_title_line")]
    pub court_title_line: u32,
    /// Width of the caption's left (parties) column, as a fraction of the text width.
    #[serde(default = "caption_split")]
    pub caption_split: f32,
    /// Draw the caption box rules.
    #[serde(default = "yes")]
    pub caption_box: bool,
}

impl Default for FirstPageSpec {
    fn default() -> Self {
        FirstPageSpec {
            attorney_block: true,
            court_title_line: court_title_line(),
            caption_split: caption_split(),
            caption_box: true,
        }
    }
}

fn yes() -> bool {
    true
}
fn court_title_line() -> u32 {
    8
}
fn caption_split() -> f32 {
    0.55
}

/// Why a style file was rejected.
#[derive(Debug, thiserror::Error)]
pub enum StyleError {
    #[error("{file}: key `{key}`: {reason}")]
    Invalid {
        file: String,
        key: String,
        reason: String,
    },
    #[error("unknown court style `{id}`; available: {available}")]
    Unknown { id: String, available: String },
}

const BUILTIN: &[(&str, &str)] = &[
    ("cand", include_str!("../../templates/styles/cand.toml")),
    (
        "federal",
        include_str!("../../templates/styles/federal.toml"),
    ),
    (
        "ca-superior",
        include_str!("../../templates/styles/ca-superior.toml"),
    ),
    ("letter", include_str!("../../templates/styles/letter.toml")),
];

impl CourtStyle {
    /// Parses and checks a style; `file` names it in errors.
    pub fn from_toml(id: &str, text: &str, file: &str) -> Result<CourtStyle, StyleError> {
        let de = toml::Deserializer::new(text);
        let mut style: CourtStyle = serde_path_to_error::deserialize(de).map_err(|e| {
            let key = e.path().to_string();
            let inner = e.into_inner();
            StyleError::Invalid {
                file: file.to_string(),
                key: if key == "." {
                    "(top level)".into()
                } else {
                    key
                },
                reason: inner.message().trim().to_string(),
            }
        })?;
        style.id = id.to_string();
        style.check(file)?;
        Ok(style)
    }

    fn check(&self, file: &str) -> Result<(), StyleError> {
        let bad = |key: &str, reason: String| {
            Err(StyleError::Invalid {
                file: file.to_string(),
                key: key.to_string(),
                reason,
            })
        };
        let p = &self.page;
        if !(72.0..=2000.0).contains(&p.width) {
            return bad("page.width", format!("{} pt is not a paper width", p.width));
        }
        if !(72.0..=2000.0).contains(&p.height) {
            return bad(
                "page.height",
                format!("{} pt is not a paper height", p.height),
            );
        }
        if !(p.left >= 0.0 && p.left + 72.0 <= p.right && p.right <= p.width) {
            return bad(
                "page.right",
                format!(
                    "the text column {}–{} pt must be at least an inch wide and inside the {} pt page",
                    p.left, p.right, p.width
                ),
            );
        }
        let t = &self.text;
        if !(6.0..=24.0).contains(&t.size) {
            return bad(
                "text.size",
                format!("{} pt type is outside 6–24 pt", t.size),
            );
        }
        if t.unit < t.size * 0.9 || t.unit > t.size * 3.0 {
            return bad(
                "text.unit",
                format!("a {} pt grid does not suit {} pt type", t.unit, t.size),
            );
        }
        if t.units_per_page < 4 {
            return bad("text.units_per_page", "must be at least 4".into());
        }
        let bottom = t.first_baseline + t.unit * (t.units_per_page - 1) as f32;
        if t.first_baseline < t.size || bottom > p.height {
            return bad(
                "text.units_per_page",
                format!("the last line ({bottom:.1} pt from the top) falls off the page"),
            );
        }
        if !matches!(t.body_spacing.as_str(), "single" | "double") {
            return bad(
                "text.body_spacing",
                format!("`{}` is neither \"single\" nor \"double\"", t.body_spacing),
            );
        }
        if !matches!(t.bullet_style.as_str(), "letters" | "bullets") {
            return bad(
                "text.bullet_style",
                format!(
                    "`{}` is neither \"letters\" nor \"bullets\"",
                    t.bullet_style
                ),
            );
        }
        if let Some(pl) = &self.pleading {
            if pl.lines * 2 > t.units_per_page {
                return bad(
                    "pleading.lines",
                    format!(
                        "{} numbered lines need {} grid units; the page has {}",
                        pl.lines,
                        pl.lines * 2,
                        t.units_per_page
                    ),
                );
            }
            if pl.number_x >= p.left {
                return bad(
                    "pleading.number_x",
                    "line numbers must sit left of the text column".into(),
                );
            }
        }
        if !matches!(
            self.footer.page_number_align.as_str(),
            "center" | "left" | "right"
        ) {
            return bad(
                "footer.page_number_align",
                format!(
                    "`{}` is not center, left or right",
                    self.footer.page_number_align
                ),
            );
        }
        if !(0.2..=0.8).contains(&self.first_page.caption_split) {
            return bad(
                "first_page.caption_split",
                "must be between 0.2 and 0.8".into(),
            );
        }
        if let Err(e) = self.court.calendar() {
            return bad("court.holidays", e.to_string());
        }
        for date in self.holidays.keys() {
            if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
                return bad(
                    &format!("holidays.{date}"),
                    "not a date in YYYY-MM-DD form".into(),
                );
            }
        }
        Ok(())
    }

    /// Loads a style by id: the firm's `styles/ID.toml` in `user_dir` first, then a built-in.
    pub fn load(id: &str, user_dir: Option<&Path>) -> Result<CourtStyle, StyleError> {
        if let Some(dir) = user_dir {
            let path = dir.join("styles").join(format!("{id}.toml"));
            if let Ok(text) = std::fs::read_to_string(&path) {
                return CourtStyle::from_toml(id, &text, &path.display().to_string());
            }
        }
        match BUILTIN.iter().find(|(name, _)| *name == id) {
            Some((name, text)) => {
                CourtStyle::from_toml(name, text, &format!("templates/styles/{name}.toml"))
            }
            None => Err(StyleError::Unknown {
                id: id.to_string(),
                available: Self::available(user_dir).join(", "),
            }),
        }
    }

    /// Ids of every style: built-ins and the firm's.
    pub fn available(user_dir: Option<&Path>) -> Vec<String> {
        let mut ids: Vec<String> = BUILTIN.iter().map(|(n, _)| n.to_string()).collect();
        if let Some(dir) = user_dir {
            if let Ok(entries) = std::fs::read_dir(dir.join("styles")) {
                for e in entries.flatten() {
                    let p = e.path();
                    if p.extension().is_some_and(|x| x == "toml") {
                        if let Some(stem) = p.file_stem().and_then(|s| s.to_str()) {
                            ids.push(stem.to_string());
                        }
                    }
                }
            }
        }
        ids.sort();
        ids.dedup();
        ids
    }

    /// The calendar deadlines are counted on in this court.
    pub fn calendar(&self) -> crate::rules::Calendar {
        let extra = self
            .holidays
            .iter()
            .filter_map(|(d, name)| {
                chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d")
                    .ok()
                    .map(|d| (d, name.clone()))
            })
            .collect();
        self.court
            .calendar()
            .unwrap_or_else(|_| crate::rules::Calendar::federal())
            .with_inauguration_day(self.inauguration_day)
            .with_extra_holidays(extra)
    }

    /// Width of the text column.
    pub fn text_width(&self) -> f32 {
        self.page.right - self.page.left
    }

    /// Baseline (points from the top) of grid unit `k` on a page.
    pub fn baseline(&self, k: u32) -> f32 {
        self.text.first_baseline + self.text.unit * k as f32
    }

    pub fn body_spacing(&self) -> super::model::Spacing {
        if self.text.body_spacing == "single" {
            super::model::Spacing::Single
        } else {
            super::model::Spacing::Double
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtins_load() {
        for (id, _) in BUILTIN {
            CourtStyle::load(id, None).unwrap();
        }
    }

    #[test]
    fn bad_value_names_file_and_key() {
        let text = BUILTIN[1].1.replace("size = 12", "size = 72");
        let err = CourtStyle::from_toml("x", &text, "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("x.toml") && err.contains("text.size"), "{err}");
        let text = BUILTIN[1].1.replace("size = 12", "size = \"big\"");
        let err = CourtStyle::from_toml("x", &text, "x.toml")
            .unwrap_err()
            .to_string();
        assert!(err.contains("text.size"), "{err}");
    }
}
