//! Court styles: the page a court's local rules require, as data. Each style is a TOML
//! file under templates/styles/ (embedded) or the templates folder's `styles/` (the
//! firm's own); adding a court is adding a file. A bad value is rejected with the file,
//! the key and the reason.

use super::model::Spacing;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::Path;

/// A court's page: paper, margins, type, line grid, pleading paper, caption and footer.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CourtStyle {
    /// Shown in pickers ("N.D. Cal. — pleading paper (Civil L.R. 3-4)").
    pub name: String,
    /// The style's id: its file name without `.toml` (`cand`).
    #[serde(skip)]
    pub id: String,
    /// Paper and text column.
    pub page: PageSpec,
    /// Type and line grid.
    pub text: TextSpec,
    /// Numbered pleading paper, when the court requires it.
    #[serde(default)]
    pub pleading: Option<PleadingSpec>,
    /// Page numbers and the footer title.
    pub footer: FooterSpec,
    /// Counsel's block, the court's title and the caption.
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
    /// How exhibits are labelled: `"letters"` (Exhibit A, B, …; the default) or
    /// `"numbers"` (Exhibit 1, 2, …).
    #[serde(default)]
    pub exhibit_labels: crate::exhibit::Labels,
}

/// The paper and the text column on it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageSpec {
    /// Paper width in points (Letter is 612 × 792).
    pub width: f32,
    /// Paper height in points.
    pub height: f32,
    /// Left edge of the text column, in points from the left edge.
    pub left: f32,
    /// Right edge of the text column, in points from the left edge.
    pub right: f32,
}

/// The type and the line grid every line sits on.
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
    pub body_spacing: Spacing,
    /// First-line indent of body and numbered paragraphs (points).
    #[serde(default = "half_inch")]
    pub paragraph_indent: f32,
    /// Empty units between paragraphs (0 on a double-spaced pleading; 1 in a letter).
    #[serde(default)]
    pub paragraph_gap: u32,
    /// Lettered ("A.") or bulleted ("•") unordered lists.
    #[serde(default)]
    pub bullet_style: BulletStyle,
}

/// How the items of an unordered list are labelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BulletStyle {
    /// "A.", then "1.", "a.", "(1)" for deeper levels: the pleading convention.
    #[default]
    Letters,
    /// "•" at every level.
    Bullets,
}

/// Where the page number sits on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FooterAlign {
    /// At the text column's left edge.
    Left,
    /// Centred on the text column.
    #[default]
    Center,
    /// Ending at the text column's right edge.
    Right,
}

fn double() -> Spacing {
    Spacing::Double
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

/// What is printed at the foot of each page.
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
    #[serde(default)]
    pub page_number_align: FooterAlign,
    /// Footer title text: `{title}`, `{short_title}`, `{case_number}` are replaced.
    #[serde(default)]
    pub title: String,
    /// Baseline of the footer title (points from the top).
    #[serde(default)]
    pub title_y: f32,
    /// Footer type size in points.
    #[serde(default = "footer_size")]
    pub size: f32,
    /// Leave the first page without a footer (letters).
    #[serde(default)]
    pub skip_first_page: bool,
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
    /// A value is missing, of the wrong type, or does not fit with the others.
    #[error("{file}: key `{key}`: {reason}")]
    Invalid {
        /// The style file.
        file: String,
        /// The key, as a dotted path (`text.size`).
        key: String,
        /// What is wrong.
        reason: String,
    },
    /// No style has this id.
    #[error("unknown court style `{id}`; available: {available}")]
    Unknown {
        /// The id asked for.
        id: String,
        /// The ids there are, comma-separated.
        available: String,
    },
    /// A style id is a name (`cand`, `ca-superior`), never a path.
    #[error("`{id}` is not a court style name: a style is named by lower-case letters, digits and `-` (at most 64), such as `cand`; see `drafter styles`")]
    BadId {
        /// The id asked for.
        id: String,
    },
    /// The firm's style file could not be read (not a regular file, too large, not UTF-8).
    #[error("{message}")]
    File {
        /// What went wrong, naming the file.
        message: String,
    },
}

/// A rejected value: the key and the reason.
type Rejected = (String, String);

fn reject(key: &str, reason: String) -> Result<(), Rejected> {
    Err((key.to_string(), reason))
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

    /// Checks what the types cannot: sizes and positions that fit together. The first
    /// problem is reported with the file and the key.
    fn check(&self, file: &str) -> Result<(), StyleError> {
        self.check_page()
            .and_then(|()| self.check_text())
            .and_then(|()| self.check_pleading())
            .and_then(|()| self.check_first_page())
            .and_then(|()| self.check_holidays())
            .map_err(|(key, reason)| StyleError::Invalid {
                file: file.to_string(),
                key,
                reason,
            })
    }

    fn check_page(&self) -> Result<(), Rejected> {
        let p = &self.page;
        if !(72.0..=2000.0).contains(&p.width) {
            return reject("page.width", format!("{} pt is not a paper width", p.width));
        }
        if !(72.0..=2000.0).contains(&p.height) {
            return reject(
                "page.height",
                format!("{} pt is not a paper height", p.height),
            );
        }
        if !(p.left >= 0.0 && p.left + 72.0 <= p.right && p.right <= p.width) {
            return reject(
                "page.right",
                format!(
                    "the text column {}–{} pt must be at least an inch wide and inside the {} pt page",
                    p.left, p.right, p.width
                ),
            );
        }
        Ok(())
    }

    fn check_text(&self) -> Result<(), Rejected> {
        let t = &self.text;
        if !(6.0..=24.0).contains(&t.size) {
            return reject(
                "text.size",
                format!("{} pt type is outside 6–24 pt", t.size),
            );
        }
        if t.unit < t.size * 0.9 || t.unit > t.size * 3.0 {
            return reject(
                "text.unit",
                format!("a {} pt grid does not suit {} pt type", t.unit, t.size),
            );
        }
        if t.units_per_page < 4 {
            return reject("text.units_per_page", "must be at least 4".into());
        }
        let bottom = t.first_baseline + t.unit * (t.units_per_page - 1) as f32;
        if t.first_baseline < t.size || bottom > self.page.height {
            return reject(
                "text.units_per_page",
                format!("the last line ({bottom:.1} pt from the top) falls off the page"),
            );
        }
        Ok(())
    }

    fn check_pleading(&self) -> Result<(), Rejected> {
        let Some(pl) = &self.pleading else {
            return Ok(());
        };
        if pl.lines == 0 {
            return reject("pleading.lines", "must be at least 1".into());
        }
        let units = self.text.units_per_page;
        if pl.lines * 2 > units {
            return reject(
                "pleading.lines",
                format!(
                    "{} numbered lines need {} grid units; the page has {units}",
                    pl.lines,
                    pl.lines * 2,
                ),
            );
        }
        if pl.number_x >= self.page.left {
            return reject(
                "pleading.number_x",
                "line numbers must sit left of the text column".into(),
            );
        }
        Ok(())
    }

    fn check_first_page(&self) -> Result<(), Rejected> {
        if !(0.2..=0.8).contains(&self.first_page.caption_split) {
            return reject(
                "first_page.caption_split",
                "must be between 0.2 and 0.8".into(),
            );
        }
        Ok(())
    }

    fn check_holidays(&self) -> Result<(), Rejected> {
        if let Err(e) = self.court.calendar() {
            return reject("court.holidays", e.to_string());
        }
        for date in self.holidays.keys() {
            if chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").is_err() {
                return reject(
                    &format!("holidays.{date}"),
                    "not a date in YYYY-MM-DD form".into(),
                );
            }
        }
        Ok(())
    }

    /// Whether `id` is a style name: `^[a-z0-9][a-z0-9-]{0,63}$`.
    pub fn is_valid_id(id: &str) -> bool {
        let b = id.as_bytes();
        (1..=64).contains(&b.len())
            && b[0] != b'-'
            && b.iter()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == b'-')
    }

    /// Loads a style by id: the firm's `styles/ID.toml` in `user_dir` first, then a built-in.
    /// The id is a name, never a path; the firm's file must be a regular file of at most
    /// [`crate::fsutil::MAX_STYLE_BYTES`].
    pub fn load(id: &str, user_dir: Option<&Path>) -> Result<CourtStyle, StyleError> {
        if !Self::is_valid_id(id) {
            return Err(StyleError::BadId {
                id: crate::profile::escape_controls(id).into_owned(),
            });
        }
        if let Some(dir) = user_dir {
            let path = dir.join("styles").join(format!("{id}.toml"));
            match crate::fsutil::read_text(&path, crate::fsutil::MAX_STYLE_BYTES, "a court style") {
                Ok(text) => return CourtStyle::parsed(id, &text, &path.display().to_string()),
                Err(e) if e.io_kind() == Some(std::io::ErrorKind::NotFound) => {}
                Err(e) => {
                    return Err(StyleError::File {
                        message: e.to_string(),
                    })
                }
            }
        }
        match BUILTIN.iter().find(|(name, _)| *name == id) {
            Some((name, text)) => {
                CourtStyle::parsed(name, text, &format!("templates/styles/{name}.toml"))
            }
            None => Err(StyleError::Unknown {
                id: id.to_string(),
                available: Self::available(user_dir).join(", "),
            }),
        }
    }

    /// [`CourtStyle::from_toml`], remembered by its text: the preview loads the case's
    /// style several times on every keystroke, and parsing TOML was a tenth of its work.
    fn parsed(id: &str, text: &str, file: &str) -> Result<CourtStyle, StyleError> {
        static PARSED: crate::memo::Memo<(String, String, String), CourtStyle> =
            crate::memo::Memo::new(32);
        let key = (id.to_string(), file.to_string(), text.to_string());
        PARSED.get_or_try(key, || CourtStyle::from_toml(id, text, file))
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
                            if Self::is_valid_id(stem) {
                                ids.push(stem.to_string());
                            }
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

    /// The last grid unit a line of the body may sit on: the last numbered line on
    /// pleading paper (unit 54 of 56 for 28 lines), otherwise the page's last unit.
    pub fn last_body_unit(&self) -> u32 {
        let last = self.text.units_per_page.saturating_sub(1);
        match &self.pleading {
            Some(pl) => last.min(pl.lines.saturating_sub(1) * 2),
            None => last,
        }
    }

    /// Baseline (points from the top) of grid unit `k` on a page.
    pub fn baseline(&self, k: u32) -> f32 {
        self.text.first_baseline + self.text.unit * k as f32
    }

    /// Spacing of body paragraphs.
    pub fn body_spacing(&self) -> Spacing {
        self.text.body_spacing
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

    /// Each setting with a fixed set of values rejects any other, naming the file and
    /// the key, and lists what it accepts.
    #[test]
    fn unknown_setting_values_name_file_and_key() {
        let cases = [
            (
                "body_spacing = \"double\"",
                "body_spacing = \"triple\"",
                "text.body_spacing",
                "`single`",
            ),
            (
                "bullet_style = \"letters\"",
                "bullet_style = \"stars\"",
                "text.bullet_style",
                "`bullets`",
            ),
            (
                "page_number_align = \"center\"",
                "page_number_align = \"middle\"",
                "footer.page_number_align",
                "`right`",
            ),
        ];
        for (good, bad, key, accepted) in cases {
            let text = BUILTIN[1].1;
            assert!(text.contains(good), "{good}");
            let err = CourtStyle::from_toml("x", &text.replace(good, bad), "styles/x.toml")
                .unwrap_err()
                .to_string();
            assert!(err.starts_with("styles/x.toml: key `"), "{err}");
            assert!(err.contains(key) && err.contains(accepted), "{err}");
        }
    }

    #[test]
    fn settings_read_as_their_values() {
        let federal = CourtStyle::load("federal", None).unwrap();
        assert_eq!(federal.body_spacing(), Spacing::Double);
        assert_eq!(federal.text.bullet_style, BulletStyle::Letters);
        assert_eq!(federal.footer.page_number_align, FooterAlign::Center);
        let text = BUILTIN[1]
            .1
            .replace("body_spacing = \"double\"", "body_spacing = \"single\"")
            .replace("bullet_style = \"letters\"", "bullet_style = \"bullets\"")
            .replace(
                "page_number_align = \"center\"",
                "page_number_align = \"right\"",
            );
        let style = CourtStyle::from_toml("x", &text, "x.toml").unwrap();
        assert_eq!(style.body_spacing(), Spacing::Single);
        assert_eq!(style.text.bullet_style, BulletStyle::Bullets);
        assert_eq!(style.footer.page_number_align, FooterAlign::Right);
    }

    #[test]
    fn last_body_unit_is_the_last_numbered_line() {
        let cand = CourtStyle::load("cand", None).unwrap();
        // 28 numbered lines, double-spaced: line 28 is grid unit 54.
        assert_eq!(cand.last_body_unit(), 54);
        let federal = CourtStyle::load("federal", None).unwrap();
        assert_eq!(federal.last_body_unit(), federal.text.units_per_page - 1);
    }
}
