//! A filing: one template filled with one case profile, composed in the court's style
//! and laid out into pages. This is the pipeline's front door; the CLI and the desktop
//! app call [`prepare`] and then write the PDF, the SVG preview or the text.

use crate::pdf::PdfInfo;
use crate::profile::{CaseProfile, Finding, Severity};
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
}

impl Options {
    pub fn dated(date: NaiveDate) -> Options {
        Options { date, style: None }
    }
}

/// Why a filing could not be produced.
#[derive(Debug, thiserror::Error)]
pub enum FilingError {
    #[error("the case profile is not ready: {}", list(.0))]
    Invalid(Vec<Finding>),
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error(transparent)]
    Style(#[from] StyleError),
    #[error("{field}: the character {ch:?} (U+{code:04X}) is in none of Drafter's fonts; replace it or remove it")]
    Glyph { field: String, ch: char, code: u32 },
    #[error("refused: a protected identity would appear in the filing: {}", leaks(.0))]
    ProtectedLeak(Vec<crate::rules::Leak>),
    #[error("refused: {}", list(.0))]
    Ineligible(Vec<Finding>),
    #[error("{file}: {source}")]
    Layout {
        file: String,
        #[source]
        source: MissingGlyph,
    },
}

fn leaks(leaks: &[crate::rules::Leak]) -> String {
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
    pub template: String,
    pub title: String,
    pub short_title: String,
    pub style: String,
    /// The filled Markdown body.
    pub markdown: String,
    pub pages: Vec<Page>,
    pub info: PdfInfo,
    /// Rule 5.2 findings in the final text; exporting with any needs an explicit override.
    pub privacy: Vec<crate::rules::PrivacyFinding>,
    /// Warnings from the filing rules (e.g. a prior dismissal under Rule 41(a)(1)(B)).
    pub warnings: Vec<Finding>,
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

    /// The PDF (PDF/A-2b).
    pub fn to_pdf(&self) -> Vec<u8> {
        crate::pdf::write(&self.pages, &self.info)
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

/// One entry of a packet's `index.json`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct IndexEntry {
    pub file: String,
    pub template: String,
    pub title: String,
    pub pages: usize,
    pub sha256: String,
}

/// The whole set of a case's filings as one PDF (`packet.pdf`), in order, with one outline
/// entry per filing at its first page.
pub fn packet(filings: &[Filing], subject: &str, date: NaiveDate) -> Vec<u8> {
    let mut pages = Vec::new();
    for f in filings {
        let mut first = true;
        for p in &f.pages {
            let mut p = p.clone();
            p.bookmarks = if first {
                vec![f.title.clone()]
            } else {
                Vec::new()
            };
            first = false;
            pages.push(p);
        }
    }
    let info = PdfInfo {
        title: format!("Filing packet — {subject}"),
        author: filings
            .first()
            .map(|f| f.info.author.clone())
            .unwrap_or_default(),
        subject: subject.to_string(),
        keywords: filings
            .first()
            .map(|f| f.info.keywords.clone())
            .unwrap_or_default(),
        date,
    };
    crate::pdf::write(&pages, &info)
}

/// A file [`write_packet`] could not write.
#[derive(Debug, thiserror::Error)]
#[error("{}: cannot write", path.display())]
pub struct WriteError {
    pub path: std::path::PathBuf,
    #[source]
    pub cause: std::io::Error,
}

/// A PDF [`write_packet`] wrote, with its entry in `index.json`.
#[derive(Debug, Clone)]
pub struct Written {
    pub path: std::path::PathBuf,
    pub entry: IndexEntry,
}

/// Writes a case's filings into `dir` as `drafter export --all` and the app's packet export
/// do: each as `<template>.pdf` in the built-in templates' order (then by name, which is
/// also the order `filings` is left in), `packet.pdf` with all of them, and `index.json`
/// listing both. `step` is given each file's name before it is written. Every file is
/// written atomically. Returns the PDFs written, the packet last.
pub fn write_packet(
    filings: &mut [Filing],
    dir: &std::path::Path,
    date: NaiveDate,
    mut step: impl FnMut(&str),
) -> Result<Vec<Written>, WriteError> {
    let write = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        crate::fsutil::write_atomic(&path, bytes)
            .map(|()| path.clone())
            .map_err(|cause| WriteError { path, cause })
    };
    let order = |name: &str| {
        crate::template::BUILTIN
            .iter()
            .position(|(b, _)| *b == name)
            .unwrap_or(usize::MAX)
    };
    filings.sort_by_key(|f| (order(&f.template), f.template.clone()));
    let mut written = Vec::with_capacity(filings.len() + 1);
    for f in filings.iter() {
        let file = format!("{}.pdf", f.template);
        step(&file);
        let bytes = f.to_pdf();
        written.push(Written {
            path: write(&file, &bytes)?,
            entry: IndexEntry {
                sha256: sha256_hex(&bytes),
                pages: f.pages.len(),
                title: f.title.clone(),
                template: f.template.clone(),
                file,
            },
        });
    }
    step("packet.pdf");
    let subject = filings
        .first()
        .map(|f| f.info.subject.clone())
        .unwrap_or_default();
    let bytes = packet(filings, &subject, date);
    written.push(Written {
        path: write("packet.pdf", &bytes)?,
        entry: IndexEntry {
            sha256: sha256_hex(&bytes),
            pages: filings.iter().map(|f| f.pages.len()).sum(),
            title: "Filing packet".into(),
            template: "packet".into(),
            file: "packet.pdf".into(),
        },
    });
    step("index.json");
    let index: Vec<&IndexEntry> = written.iter().map(|w| &w.entry).collect();
    let json = serde_json::to_string_pretty(&index).expect("the index serializes");
    write("index.json", format!("{json}\n").as_bytes())?;
    Ok(written)
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

/// The court rules of the case's court (from its style's `[court]` table; a federal court
/// of unknown state when the style cannot be loaded) and the findings of the rules for this
/// template there.
fn rules_findings(
    profile: &CaseProfile,
    t: &crate::template::Template,
    catalog: &Catalog,
) -> Vec<Finding> {
    let court = CourtStyle::load(&profile.court.style, catalog.user_dir())
        .map(|s| s.court)
        .unwrap_or_default();
    let ctx = crate::rules::FilingContext {
        title: &t.front.title,
        systems: &t.front.systems,
        filed_by: t.front.filed_by,
        signed: t.front.signature,
        served_under_rule_5: t.front.certificate_of_service
            != crate::typeset::CertificateRule::Never,
        initial_pleading: t.front.checks.iter().any(|c| c == "initial-pleading"),
    };
    crate::rules::filing_findings(profile, &ctx, &court)
}

/// Fills, composes and lays out one filing.
pub fn prepare(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    opts: &Options,
) -> Result<Filing, FilingError> {
    let errors: Vec<Finding> = profile
        .validate()
        .into_iter()
        .filter(|f| f.severity == Severity::Error)
        .collect();
    if !errors.is_empty() {
        return Err(FilingError::Invalid(errors));
    }
    if let Some((field, ch)) = unsupported_glyph(profile) {
        return Err(FilingError::Glyph {
            field,
            ch,
            code: ch as u32,
        });
    }
    let t = catalog.get(template)?;
    let (rule_errors, rule_warnings): (Vec<Finding>, Vec<Finding>) =
        rules_findings(profile, t, catalog)
            .into_iter()
            .partition(|f| f.severity == Severity::Error);
    if !rule_errors.is_empty() {
        return Err(FilingError::Ineligible(rule_errors));
    }
    let style = style_for(profile, t.front.layout, opts, catalog)?;
    let markdown = catalog.fill(template, profile, opts.date)?;
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
    };
    let elements = compose::compose(&blocks, &spec, profile, &style);
    let footer = typeset::FooterText {
        title: spec.title.clone(),
        short_title: spec.short_title.to_uppercase(),
        case_number: profile.case_number.clone().unwrap_or_default(),
    };
    let pages = typeset::layout::layout(&elements, &style, &footer).map_err(|source| {
        FilingError::Layout {
            file: t.file(),
            source,
        }
    })?;
    let grid = style
        .pleading
        .as_ref()
        .map(|_| (style.text.first_baseline, style.text.unit * 2.0));
    let mut warnings = rule_warnings;
    if t.front.checks.iter().any(|c| c == "voluntary-dismissal") {
        let (errors, warns): (Vec<Finding>, Vec<Finding>) =
            crate::rules::voluntary_dismissal_findings(profile)
                .into_iter()
                .partition(|f| f.severity == Severity::Error);
        if !errors.is_empty() {
            return Err(FilingError::Ineligible(errors));
        }
        warnings.extend(warns);
    }
    let mut filing = Filing {
        template: template.to_string(),
        title: spec.title.clone(),
        short_title: spec.short_title.clone(),
        style: style.id.clone(),
        markdown,
        pages,
        info: PdfInfo::default(),
        privacy: Vec::new(),
        warnings,
        grid,
    };
    // The guard runs on the final laid-out text, before anything is shown or written.
    let lines = filing.text_lines();
    let leaks = crate::rules::protected_leaks(&lines, profile);
    if !leaks.is_empty() {
        return Err(FilingError::ProtectedLeak(leaks));
    }
    filing.privacy = crate::rules::privacy_findings(&lines, profile);
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
    Ok(filing)
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
/// a live preview needs on every keystroke.
pub fn check_and_prepare(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    opts: &Options,
) -> (Vec<Finding>, Option<Filing>) {
    let mut findings = profile.validate();
    if let Some((field, ch)) = unsupported_glyph(profile) {
        findings.push(Finding::error(
            field,
            format!(
                "the character {ch:?} (U+{:04X}) is in none of Drafter's fonts",
                ch as u32
            ),
        ));
    }
    let t = match catalog.get(template) {
        Ok(t) => t,
        Err(e) => {
            findings.push(Finding::error("template", e.to_string()));
            return (findings, None);
        }
    };
    let data = crate::template::context(profile, t, opts.date);
    for field in &t.front.required {
        let missing = match crate::template::lookup(&data, field) {
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
    if t.front.checks.iter().any(|c| c == "voluntary-dismissal") {
        findings.extend(crate::rules::voluntary_dismissal_findings(profile));
    }
    findings.extend(rules_findings(profile, t, catalog));
    let mut prepared = None;
    if findings.iter().all(|f| f.severity != Severity::Error) {
        match prepare(profile, catalog, template, opts) {
            Ok(filing) => {
                findings.extend(filing.privacy.iter().map(|p| p.to_finding()));
                prepared = Some(filing);
            }
            Err(FilingError::ProtectedLeak(leaks)) => {
                findings.extend(leaks.iter().map(|l| l.to_finding()))
            }
            Err(FilingError::Ineligible(_)) => {}
            Err(e) => findings.push(Finding::error("template", e.to_string())),
        }
    }
    (findings, prepared)
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
