//! A filing: one template filled with one case profile, composed in the court's style
//! and laid out into pages. This is the pipeline's front door: [`prepare`] checks the
//! case for the template (each check once) and lays the filing out, or says why it
//! cannot; [`check_and_prepare`] returns every finding as well, for the preview. Writing
//! files is [`crate::export`]'s job.

use crate::pdf::PdfInfo;
use crate::profile::{CaseProfile, Finding, Severity};
use crate::rules::protect::Output;
use crate::template::{Catalog, TemplateError};
use crate::typeset::{
    self, compose, CourtStyle, FilingSpec, Layout, MissingGlyph, Page, StyleError,
};
use chrono::NaiveDate;
use serde_json::Value;

/// Choices that are not part of the profile.
#[derive(Debug, Clone)]
pub struct Options {
    /// The document's date (signature, certificate, PDF metadata).
    pub date: NaiveDate,
    /// A court style id that overrides the profile's.
    pub style: Option<String>,
    /// For a template that makes one document per record (`for_each`): the party id of
    /// the record to make it for; `None` is the first.
    pub instance: Option<String>,
    /// Today, for the checks that compare the case's dates with it (a filing date in the
    /// future). Tests set it; everyone else takes [`today`].
    pub today: NaiveDate,
}

impl Options {
    /// Options for a filing dated `date`, in the profile's own court style, checked
    /// [`today`].
    pub fn dated(date: NaiveDate) -> Options {
        Options {
            date,
            style: None,
            today: today(),
            instance: None,
        }
    }

    /// The same options for one document of a `for_each` template.
    pub fn for_instance(&self, instance: Option<&str>) -> Options {
        Options {
            instance: instance.map(str::to_string),
            ..self.clone()
        }
    }
}

/// Today's date on this computer's clock.
pub fn today() -> NaiveDate {
    chrono::Local::now().date_naive()
}

/// Why a filing could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    /// The case profile has errors (missing or invalid fields); each finding names its field.
    #[error("the case profile is not ready: {}", list(.0))]
    Invalid(Vec<Finding>),
    /// The template could not be found, read or filled.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// The court style is unknown, invalid, or could not be read.
    #[error(transparent)]
    Style(#[from] StyleError),
    /// A profile field holds a character that none of Drafter's fonts can draw.
    #[error("{field}: the character {ch:?} (U+{code:04X}) is in none of Drafter's fonts; replace it or remove it")]
    Glyph {
        /// The profile field that holds the character.
        field: String,
        /// The character.
        ch: char,
        /// Its code point.
        code: u32,
    },
    /// The laid-out filing would show a pseudonymous party's protected identity.
    #[error("refused: a protected identity would appear in the filing: {}", leak_messages(.0))]
    ProtectedLeak(Vec<crate::rules::Leak>),
    /// The filing rules refuse this filing for this case (each finding says why).
    #[error("refused: {}", list(.0))]
    Ineligible(Vec<Finding>),
    /// An exhibit attached to the filing cannot be used (each message names the exhibit).
    #[error(transparent)]
    Exhibit(Box<crate::exhibit::ExhibitError>),
    /// Laying out the pages met a character that no font can draw.
    #[error("{file}: {source}")]
    Layout {
        /// The template's file.
        file: String,
        /// The character and where it is.
        #[source]
        source: MissingGlyph,
    },
}

impl From<crate::exhibit::ExhibitError> for FilingError {
    fn from(e: crate::exhibit::ExhibitError) -> FilingError {
        FilingError::Exhibit(Box::new(e))
    }
}

/// Where each leak is, joined for a message (never the value).
pub(crate) fn leak_messages(leaks: &[crate::rules::Leak]) -> String {
    leaks
        .iter()
        .map(|l| l.message.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn list(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| format!("{}: {}", f.field, f.message))
        .collect::<Vec<_>>()
        .join("; ")
}

/// A laid-out filing.
#[derive(Debug, Clone)]
pub struct Filing {
    /// The template's name (`complaint`, `notice-of-appearance`).
    pub template: String,
    /// The name it is exported under, without `.pdf`: the template's name, with the
    /// record's party id for a template that makes one document per record
    /// (`proof-of-service-dhs`).
    pub file_stem: String,
    /// A sealed paper (`sealed = true`): it may show a protected value, is exported on its
    /// own and never joins a packet or an index.
    pub sealed: bool,
    /// The document's title, from the template.
    pub title: String,
    /// The short title used in the footer (shown there in capitals).
    pub short_title: String,
    /// The id of the court style it was laid out in.
    pub style: String,
    /// The filled Markdown body.
    pub markdown: String,
    /// The laid-out pages.
    pub pages: Vec<Page>,
    /// The PDF's document information (title, author, subject, keywords, date).
    pub info: PdfInfo,
    /// Rule 5.2 findings in the final text; exporting with any needs an explicit override.
    pub privacy: Vec<crate::rules::PrivacyFinding>,
    /// Warnings from the filing rules (e.g. a prior dismissal under Rule 41(a)(1)(B))
    /// and about its exhibits (pages the guards cannot read).
    pub warnings: Vec<Finding>,
    /// The exhibits attached after its own pages (their index and slip sheets are among
    /// `pages`; their own pages are merged into the PDF).
    pub exhibits: Vec<crate::exhibit::Attached>,
    grid: Option<(f32, f32)>,
}

impl Filing {
    /// The body text line by line, numbered as a reader counts: on pleading paper by the
    /// margin's line numbers, elsewhere from the top of each page.
    pub fn text_lines(&self) -> Vec<crate::rules::TextLine> {
        let mut out = Vec::new();
        for (pi, page) in self.pages.iter().enumerate() {
            for (i, (y, text)) in page.text_lines(false).into_iter().enumerate() {
                let line = match self.grid {
                    Some((first, pitch)) => (((y - first) / pitch).round().max(0.0) as usize) + 1,
                    None => i + 1,
                };
                out.push(crate::rules::TextLine::new(pi + 1, line, text));
            }
        }
        out
    }

    /// How many pages the PDF has: its own and its exhibits'.
    pub fn page_count(&self) -> usize {
        self.pages.len() + self.exhibits.iter().map(|e| e.source.pages).sum::<usize>()
    }

    /// The PDF (PDF/A-2b), its exhibits' pages merged in after their slip sheets.
    pub fn to_pdf(&self) -> Vec<u8> {
        crate::pdf::write_with(
            &self.pages,
            &self.info,
            &crate::exhibit::inserts(&self.exhibits, 0),
        )
    }

    /// One SVG document per page.
    pub fn to_svg(&self) -> Vec<String> {
        self.pages.iter().map(crate::preview::svg).collect()
    }

    /// Plain text, pages separated by form feeds.
    pub fn to_text(&self) -> String {
        typeset::page::pages_to_text(&self.pages)
    }
}

/// SHA-256 of bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The court style a filing uses: `--style`, else the letter style for letters, else the
/// profile's court style.
pub fn style_for(
    profile: &CaseProfile,
    layout: Layout,
    opts: &Options,
    catalog: &Catalog,
) -> Result<CourtStyle, StyleError> {
    let id = match (&opts.style, layout) {
        (_, Layout::Letter) => "letter",
        (Some(s), _) => s.as_str(),
        (None, Layout::Pleading) => profile.court.style.as_str(),
    };
    CourtStyle::load(id, catalog.user_dir())
}

/// The court rules of the case's court: from its style's `[court]` table; a federal court
/// of unknown state when the style cannot be loaded.
fn court_rules(profile: &CaseProfile, catalog: &Catalog) -> crate::rules::CourtRules {
    CourtStyle::load(&profile.court.style, catalog.user_dir())
        .map(|s| s.court)
        .unwrap_or_default()
}

/// The findings of the rules for this template in the case's court.
fn rules_findings(
    profile: &CaseProfile,
    t: &crate::template::Template,
    court: &crate::rules::CourtRules,
) -> Vec<Finding> {
    let ctx = crate::rules::FilingContext {
        title: &t.front.title,
        systems: &t.front.systems,
        filed_by: t.front.filed_by,
        signed: t.front.signature,
        served_under_rule_5: t.front.certificate_of_service != typeset::CertificateRule::Never,
        initial_pleading: is_initial_pleading(t),
        layout_has_caption: t.front.layout == Layout::Pleading,
    };
    crate::rules::filing_findings(profile, &ctx, court)
}

/// Whether the template is a complaint (front matter `checks = ["initial-pleading"]`).
fn is_initial_pleading(t: &crate::template::Template) -> bool {
    t.front
        .checks
        .contains(&crate::template::Check::InitialPleading)
}

/// The documents a template makes for this case, each named by its record's party id
/// (`[None]`: one document for the case), or why it makes none here: its local rules are
/// not the court's, or a `for_each` template finds no record. A template that cannot be
/// read gives `[None]`, so that preparing it reports the error.
pub fn documents(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
) -> Result<Vec<Option<String>>, String> {
    let Ok(t) = catalog.get(template) else {
        return Ok(vec![None]);
    };
    if let Some(why) = other_local_rules(profile, t, catalog) {
        return Err(format!("{template}: not for this case ({why})"));
    }
    match t.front.for_each {
        None => Ok(vec![None]),
        Some(each) => {
            let all = crate::template::instances(profile, t);
            if all.is_empty() {
                Err(format!(
                    "{template}: not for this case ({})",
                    each.none_found()
                ))
            } else {
                Ok(all.into_iter().map(Some).collect())
            }
        }
    }
}

/// Why a template written for some local rules (`local_rules`) is not for this case's
/// court: "written for the local rules `cand`, which …"; `None` when it is.
fn other_local_rules(
    profile: &CaseProfile,
    t: &crate::template::Template,
    catalog: &Catalog,
) -> Option<String> {
    let rules = t.front.local_rules.as_deref()?;
    let court = court_rules(profile, catalog);
    (court.local_rules.as_deref() != Some(rules)).then(|| {
        format!("written for the local rules `{rules}`, which this case's court does not follow")
    })
}

/// Whether the template makes a document for this case: its local rules are the court's,
/// and a `for_each` template has the record asked for (or any, when none is named).
/// Errors name what is missing.
fn applicability(
    profile: &CaseProfile,
    t: &crate::template::Template,
    catalog: &Catalog,
    opts: &Options,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(why) = other_local_rules(profile, t, catalog) {
        out.push(Finding::error(
            "court.style",
            format!("\"{}\" is {why}", t.front.title),
        ));
    }
    if let Some(each) = t.front.for_each {
        let all = crate::template::instances(profile, t);
        match opts.instance.as_deref() {
            _ if all.is_empty() => out.push(Finding::error(
                "template",
                format!(
                    "\"{}\" has nothing to be made for: {}",
                    t.front.title,
                    each.none_found()
                ),
            )),
            Some(id) if !all.iter().any(|i| i == id) => out.push(Finding::error(
                "template",
                format!(
                    "\"{}\" is not made for `{id}`; it is made for {}",
                    t.front.title,
                    all.join(", ")
                ),
            )),
            _ => {}
        }
        let chosen = opts.instance.clone().or_else(|| all.first().cloned());
        if let (crate::template::ForEach::Service, Some(id)) = (each, chosen) {
            out.extend(crate::rules::proof_of_service_findings(profile, &id));
        }
    }
    if t.front
        .checks
        .contains(&crate::template::Check::NoticedMotion)
    {
        out.extend(noticed_motion(profile, t, catalog, opts));
    }
    out
}

/// The `noticed-motion` check: the motion is recorded in `docket.motions` for this
/// template, and in a court with the N.D. Cal. Civil Local Rules its hearing is noticed
/// no earlier than Civil L.R. 7-2(a) allows.
fn noticed_motion(
    profile: &CaseProfile,
    t: &crate::template::Template,
    catalog: &Catalog,
    opts: &Options,
) -> Vec<Finding> {
    let data = crate::template::context_for(profile, t, opts.date, opts.instance.as_deref());
    let index = profile.docket.motions.iter().position(|m| {
        data.get("motion")
            .is_some_and(|v| serde_json::to_value(m).is_ok_and(|m| &m == v))
    });
    let Some(index) = index else {
        return vec![Finding::error(
            "docket.motions",
            format!(
                "\"{}\" is a noticed motion: record it in the docket's motions with its filing date, its hearing date and `template` = \"{}\"",
                t.front.title, t.name
            ),
        )];
    };
    let motion = &profile.docket.motions[index];
    let style = CourtStyle::load(&profile.court.style, catalog.user_dir());
    let Ok(style) = style else {
        return Vec::new();
    };
    if !style.court.is_cand() {
        return Vec::new();
    }
    let Ok(earliest) = crate::rules::earliest_hearing(motion.filed, &style.calendar()) else {
        return Vec::new();
    };
    match motion.hearing {
        Some(h) if h < earliest => vec![Finding::error(
            format!("docket.motions[{index}].hearing"),
            format!(
                "N.D. Cal. Civil L.R. 7-2(a): a motion filed on {} may be heard no earlier than {} (35 days later, counted as Fed. R. Civ. P. 6(a) counts); the hearing noticed is {}",
                motion.filed, earliest, h
            ),
        )],
        _ => Vec::new(),
    }
}

/// The checks a filing runs before it is laid out, each run once: the profile's own
/// checks and the template's required fields, an unprintable character, and the
/// template's court-rule checks (Rule 41(a)(1)).
struct Checks {
    /// Profile and required-field findings (errors and warnings).
    profile: Vec<Finding>,
    glyph: Option<(String, char)>,
    /// Findings of the template's court-rule checks (errors and warnings).
    rules: Vec<Finding>,
}

impl Checks {
    /// Runs the checks; without a template, only the profile's (with the court's docket
    /// number and the order of the case's dates).
    fn run(
        profile: &CaseProfile,
        t: Option<&crate::template::Template>,
        catalog: &Catalog,
        opts: &Options,
    ) -> Checks {
        let court = court_rules(profile, catalog);
        let mut findings = profile.validate();
        findings.extend(crate::rules::case_number_findings(profile, &court));
        findings.extend(crate::rules::date_findings(profile, opts.today));
        let data = t
            .map(|t| crate::template::context_for(profile, t, opts.date, opts.instance.as_deref()));
        // A required field that is a question is reported by its label, below.
        let required = t.iter().zip(&data).flat_map(|(t, data)| {
            t.front
                .required
                .iter()
                .filter(|field| t.front.question_at(field).is_none())
                .map(move |field| (t, data, field))
        });
        for (t, data, field) in required {
            let missing = match crate::template::lookup(data, field) {
                None | Some(Value::Null) => true,
                Some(Value::String(s)) => s.trim().is_empty(),
                Some(Value::Array(a)) => a.is_empty(),
                Some(Value::Object(o)) => o.is_empty(),
                _ => false,
            };
            if missing {
                findings.push(Finding::error(
                    field.clone(),
                    format!("{} needs this", t.front.title),
                ));
            }
        }
        if let Some(t) = t {
            findings.extend(crate::template::answer_findings(&t.front, profile));
        }
        let mut rules = if t.is_some_and(|t| {
            t.front
                .checks
                .contains(&crate::template::Check::VoluntaryDismissal)
        }) {
            crate::rules::voluntary_dismissal_findings(profile)
        } else {
            Vec::new()
        };
        if let Some(t) = t {
            rules.extend(rules_findings(profile, t, &court));
            findings.extend(applicability(profile, t, catalog, opts));
        }
        Checks {
            profile: findings,
            glyph: unsupported_glyph(profile),
            rules,
        }
    }

    /// Why the filing cannot be produced, if it cannot; the first kind of problem wins.
    fn refusal(&self) -> Option<FilingError> {
        let errors = |list: &[Finding]| -> Vec<Finding> {
            list.iter()
                .filter(|f| f.severity == Severity::Error)
                .cloned()
                .collect()
        };
        let invalid = errors(&self.profile);
        if !invalid.is_empty() {
            return Some(FilingError::Invalid(invalid));
        }
        if let Some((field, ch)) = &self.glyph {
            return Some(FilingError::Glyph {
                field: field.clone(),
                ch: *ch,
                code: *ch as u32,
            });
        }
        let ineligible = errors(&self.rules);
        if !ineligible.is_empty() {
            return Some(FilingError::Ineligible(ineligible));
        }
        None
    }

    /// Every finding, for a person to read.
    fn findings(&self) -> Vec<Finding> {
        let mut all = self.profile.clone();
        if let Some((field, ch)) = &self.glyph {
            all.push(Finding::error(
                field.clone(),
                format!(
                    "the character {ch:?} (U+{:04X}) is in none of Drafter's fonts",
                    *ch as u32
                ),
            ));
        }
        all.extend(self.rules.iter().cloned());
        all
    }
}

/// Checks, fills, composes and lays out one filing.
pub fn prepare(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    opts: &Options,
) -> Result<Filing, FilingError> {
    let t = catalog.get(template)?;
    let checks = Checks::run(profile, Some(t), catalog, opts);
    if let Some(refusal) = checks.refusal() {
        return Err(refusal);
    }
    lay_out(profile, catalog, t, opts, &checks)
}

/// Fills, composes and lays out a filing whose checks passed, then runs the guards on the
/// laid-out text: a protected identity is refused; Rule 5.2 findings are kept on it.
fn lay_out(
    profile: &CaseProfile,
    catalog: &Catalog,
    t: &crate::template::Template,
    opts: &Options,
    checks: &Checks,
) -> Result<Filing, FilingError> {
    lay_out_filled(profile, catalog, t, opts, checks, false)
}

/// [`lay_out`], filling the template as a draft (missing required fields left empty) when
/// `draft` is set.
fn lay_out_filled(
    profile: &CaseProfile,
    catalog: &Catalog,
    t: &crate::template::Template,
    opts: &Options,
    checks: &Checks,
    draft: bool,
) -> Result<Filing, FilingError> {
    let style = style_for(profile, t.front.layout, opts, catalog)?;
    let mut exhibits = crate::exhibit::load_for(profile, &t.name, &style)?;
    let instance = opts.instance.as_deref();
    let markdown = if draft {
        catalog.fill_draft(&t.name, profile, opts.date, instance)?
    } else {
        catalog.fill_for(&t.name, profile, opts.date, instance)?
    };
    let blocks = typeset::markdown::parse(&markdown);
    let spec = FilingSpec {
        title: t.front.title.clone(),
        short_title: t.front.short_title().to_string(),
        layout: t.front.layout,
        filed_by: t.front.filed_by,
        caption: t.front.caption,
        attorney_block: t.front.attorney_block,
        signature: t.front.signature,
        certificate_of_service: t.front.certificate_of_service,
        date: opts.date,
        caption_lines: crate::rules::caption_lines(profile, is_initial_pleading(t), &style.court),
    };
    let mut elements = compose::compose(&blocks, &spec, profile, &style);
    elements.extend(crate::exhibit::elements(&exhibits, &style));
    let footer = typeset::FooterText {
        title: spec.title.clone(),
        short_title: spec.short_title.to_uppercase(),
        case_number: crate::rules::caption_case_number(profile, &style.court).unwrap_or_default(),
        legend: if t.front.sealed {
            t.front
                .seal_legend
                .clone()
                .unwrap_or_else(|| "FILED UNDER SEAL".to_string())
        } else {
            String::new()
        },
    };
    let pages = typeset::layout::layout(&elements, &style, &footer).map_err(|source| {
        FilingError::Layout {
            file: t.file(),
            source,
        }
    })?;
    crate::exhibit::place(&mut exhibits, &pages);
    let mut warnings = checks.rules.clone();
    warnings.extend(crate::exhibit::warnings(&exhibits));
    let grid = style
        .pleading
        .as_ref()
        .map(|_| (style.text.first_baseline, style.text.unit * 2.0));
    let mut filing = Filing {
        template: t.name.clone(),
        file_stem: file_stem(profile, t, opts),
        sealed: t.front.sealed,
        title: spec.title.clone(),
        short_title: spec.short_title.clone(),
        style: style.id.clone(),
        markdown,
        pages,
        info: PdfInfo::default(),
        privacy: Vec::new(),
        warnings,
        exhibits,
        grid,
    };
    filing.info = PdfInfo {
        title: spec.title.clone(),
        author: profile
            .counsel_for_role(spec.filed_by)
            .iter()
            .map(|c| c.name.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        subject: subject(profile),
        keywords: profile.case_number.iter().cloned().collect(),
        date: opts.date,
    };
    // The guard reads everything the filing exports (pages by lines and by columns,
    // furniture, Markdown, metadata, file name) before anything is shown or written.
    let guard = crate::rules::protect::Guard::new(profile);
    let mut leaks = guard.check_filing(&filing);
    if filing.sealed {
        // A sealed paper may show a protected value on its pages, never in its name or
        // its metadata.
        leaks.retain(|l| {
            !matches!(
                l.output,
                Output::Pages | Output::PageFurniture | Output::Markdown
            )
        });
    }
    // The exhibits' text is read too, by exhibit, page and line.
    leaks.extend(crate::exhibit::leaks(&guard, &filing.exhibits));
    if !leaks.is_empty() {
        return Err(FilingError::ProtectedLeak(leaks));
    }
    filing.privacy = crate::rules::privacy_findings(&filing.text_lines(), profile);
    filing
        .privacy
        .extend(crate::exhibit::privacy(&filing.exhibits, profile));
    Ok(filing)
}

/// The name a filing is exported under (without `.pdf`): the template's name, and for a
/// `for_each` template the record's party id (always for `service`, for the filer kinds
/// only when the template makes more than one document).
fn file_stem(profile: &CaseProfile, t: &crate::template::Template, opts: &Options) -> String {
    let Some(each) = t.front.for_each else {
        return t.name.clone();
    };
    let all = crate::template::instances(profile, t);
    let id = opts.instance.clone().or_else(|| all.first().cloned());
    match id {
        Some(id) if each == crate::template::ForEach::Service || all.len() > 1 => {
            format!("{}-{id}", t.name)
        }
        _ => t.name.clone(),
    }
}

/// "Twitter, Inc. v. U.S. Department of Homeland Security, et al., No. 3:17-cv-01916 (N.D. Cal.)"
fn subject(profile: &CaseProfile) -> String {
    let data = serde_json::to_value(profile).unwrap_or(Value::Null);
    let caption = crate::template::helpers::short_caption(&data);
    match &profile.case_number {
        Some(n) => format!("{caption}, No. {n}"),
        None => caption,
    }
}

/// Everything a paralegal should fix before filing, without stopping at the first:
/// profile checks, the template's required fields, unprintable characters, fill errors.
pub fn check(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    opts: &Options,
) -> Vec<Finding> {
    check_and_prepare(profile, catalog, template, opts).0
}

/// [`check`]'s findings and, when nothing stops it, the filing itself, laid out once: what
/// a live preview needs on every keystroke. Each check runs once.
pub fn check_and_prepare(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    opts: &Options,
) -> (Vec<Finding>, Option<Filing>) {
    let t = match catalog.get(template) {
        Ok(t) => t,
        Err(e) => {
            let mut findings = Checks::run(profile, None, catalog, opts).findings();
            findings.push(Finding::error("template", e.to_string()));
            return (findings, None);
        }
    };
    let checks = Checks::run(profile, Some(t), catalog, opts);
    let mut findings = checks.findings();
    if checks.refusal().is_some() {
        return (findings, None);
    }
    match lay_out(profile, catalog, t, opts, &checks) {
        Ok(filing) => {
            findings.extend(filing.privacy.iter().map(|p| p.to_finding()));
            (findings, Some(filing))
        }
        Err(FilingError::ProtectedLeak(leaks)) => {
            findings.extend(leaks.iter().map(|l| l.to_finding()));
            (findings, None)
        }
        Err(FilingError::Style(e)) => {
            findings.push(Finding::error("court.style", e.to_string()));
            (findings, None)
        }
        Err(FilingError::Exhibit(e)) => {
            findings.push(Finding::error("exhibits", e.to_string()));
            (findings, None)
        }
        Err(e) => {
            findings.push(Finding::error("template", e.to_string()));
            (findings, None)
        }
    }
}

/// Lays out a filing whose checks found errors, for a live preview that shows what it can
/// (an export still refuses it: see [`prepare`]); a missing required field is left empty.
/// The guard still runs on the laid-out text: a protected value in it is refused here too.
pub fn lay_out_despite_errors(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    opts: &Options,
) -> Result<Filing, FilingError> {
    let t = catalog.get(template)?;
    let checks = Checks::run(profile, Some(t), catalog, opts);
    lay_out_filled(profile, catalog, t, opts, &checks, true)
}

/// The first profile value (outside protected identities, which are never printed) with a
/// character no embedded font has, with its field path.
fn unsupported_glyph(profile: &CaseProfile) -> Option<(String, char)> {
    // The path is built only for the value found (on the way back up), not for every
    // value visited.
    enum Seg<'a> {
        Index(usize),
        Key(&'a str),
    }
    fn walk<'a>(v: &'a Value, path: &mut Vec<Seg<'a>>) -> Option<char> {
        match v {
            Value::String(s) => typeset::fonts::first_unsupported(s),
            Value::Array(a) => a.iter().enumerate().find_map(|(i, x)| {
                let r = walk(x, path);
                if r.is_some() {
                    path.push(Seg::Index(i));
                }
                r
            }),
            Value::Object(m) => m
                .iter()
                .filter(|(k, _)| k.as_str() != "protected")
                .find_map(|(k, x)| {
                    let r = walk(x, path);
                    if r.is_some() {
                        path.push(Seg::Key(k));
                    }
                    r
                }),
            _ => None,
        }
    }
    let value = serde_json::to_value(profile).ok()?;
    let mut segs = Vec::new();
    let ch = walk(&value, &mut segs)?;
    let mut path = String::new();
    for seg in segs.iter().rev() {
        match seg {
            Seg::Index(i) => path.push_str(&format!("[{i}]")),
            Seg::Key(k) => {
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(k);
            }
        }
    }
    Some((path, ch))
}
