//! Templates: the catalog (built-ins embedded at build time, the firm's own from the
//! templates folder), front matter, and the fill stage — Handlebars in strict mode with a
//! Markdown escape, so the profile's values print literally.
//!
//! Errors carry the template's file and the line and column in that file.

pub mod bounds;
mod check;
mod frontmatter;
pub mod helpers;
pub mod items;
mod lex;
pub mod questions;
mod segments;

pub use bounds::{MAX_BLOCK_DEPTH, MAX_EXPRESSION_DEPTH, MAX_PARTIAL_DEPTH, MAX_TEMPLATE_BYTES};
pub use check::{check_source, CheckReport};
pub use frontmatter::{Check, ForEach, FrontMatter, Question, QuestionKind};
pub use questions::answer_findings;

use crate::profile::CaseProfile;
use chrono::NaiveDate;
use handlebars::Handlebars;
use serde::Serialize;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock, RwLock};

/// The built-in templates, in the order a case usually files them.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "complaint",
        include_str!("../../templates/complaint.md.hbs"),
    ),
    (
        "disclosure-statement",
        include_str!("../../templates/disclosure-statement.md.hbs"),
    ),
    (
        "interested-entities",
        include_str!("../../templates/interested-entities.md.hbs"),
    ),
    (
        "proof-of-service",
        include_str!("../../templates/proof-of-service.md.hbs"),
    ),
    (
        "notice-of-appearance",
        include_str!("../../templates/notice-of-appearance.md.hbs"),
    ),
    (
        "pseudonym-motion",
        include_str!("../../templates/pseudonym-motion.md.hbs"),
    ),
    (
        "pseudonym-declaration",
        include_str!("../../templates/pseudonym-declaration.md.hbs"),
    ),
    (
        "pseudonym-proposed-order",
        include_str!("../../templates/pseudonym-proposed-order.md.hbs"),
    ),
    (
        "motion-to-seal",
        include_str!("../../templates/motion-to-seal.md.hbs"),
    ),
    (
        "sealed-identity-declaration",
        include_str!("../../templates/sealed-identity-declaration.md.hbs"),
    ),
    (
        "representation-letter",
        include_str!("../../templates/representation-letter.md.hbs"),
    ),
    (
        "voluntary-dismissal",
        include_str!("../../templates/voluntary-dismissal.md.hbs"),
    ),
];

/// File extension of a template.
pub const EXTENSION: &str = ".md.hbs";

/// Why a template could not be used.
#[derive(Debug, Clone, thiserror::Error)]
pub enum TemplateError {
    /// No built-in or firm template has this name.
    #[error("unknown template `{name}`; available: {available}")]
    NotFound {
        /// The name asked for.
        name: String,
        /// The names there are, comma-separated.
        available: String,
    },
    /// The file does not start with `+++`-fenced TOML front matter.
    #[error("{file}: a template starts with TOML front matter between `+++` lines")]
    NoFrontMatter {
        /// The template's file.
        file: String,
    },
    /// The front matter is not valid TOML, or not valid as front matter.
    #[error("{file}:{line}:{column}: front matter: {reason}")]
    FrontMatter {
        /// The template's file.
        file: String,
        /// The line in the file.
        line: usize,
        /// The column in that line.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// The body is not valid Handlebars.
    #[error("{file}:{line}:{column}: {reason}")]
    Syntax {
        /// The template's file.
        file: String,
        /// The line in the file.
        line: usize,
        /// The column in that line.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// Filling the body with a case profile failed.
    #[error("{file}:{line}:{column}: {reason}")]
    Render {
        /// The template's file.
        file: String,
        /// The line in the file.
        line: usize,
        /// The column in that line.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// A field the front matter lists as required is missing or empty in the profile.
    #[error("{file}: needs `{field}` from the case profile, which is missing or empty")]
    Required {
        /// The template's file.
        file: String,
        /// The profile field (`case_number`, `dates.filed`).
        field: String,
    },
    /// The template's partials include each other in a loop or nest too deep.
    #[error("{file}: {reason}")]
    Partial {
        /// The template's file.
        file: String,
        /// What is wrong with the partials.
        reason: String,
    },
    /// The template breaks one of the limits in [`bounds`] (docs/limits.md).
    #[error("{file}:{line}:{column}: {reason} (see docs/limits.md)")]
    Limit {
        /// The template's file.
        file: String,
        /// The line in the file.
        line: usize,
        /// The column in that line.
        column: usize,
        /// What is wrong.
        reason: String,
    },
    /// Copying a template into the firm's folder failed: a bad new name, a file already
    /// there, or an I/O error.
    #[error("{path}: cannot read the template: {reason}")]
    Io {
        /// The new template's file.
        path: PathBuf,
        /// Why it failed.
        reason: String,
    },
    /// The file could not be read (not a regular file, too large, not UTF-8); the message
    /// names the file.
    #[error("{message}")]
    File {
        /// The complete message, naming the file.
        message: String,
    },
}

/// Where a template came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase", tag = "kind", content = "path")]
pub enum Origin {
    /// Shipped inside Drafter.
    Builtin,
    /// A firm's template, read from this file.
    User(PathBuf),
}

/// A parsed template.
#[derive(Debug, Clone)]
pub struct Template {
    /// The template's name (its file name without `.md.hbs`).
    pub name: String,
    /// Built in, or the firm's file.
    pub origin: Origin,
    /// The parsed TOML front matter (title, layout, required fields, checks).
    pub front: FrontMatter,
    /// The whole file's text, front matter included.
    pub source: String,
    /// The body (after the front matter) and the file line it starts on.
    pub body: String,
    /// The file line the body starts on (from 1).
    pub body_line: usize,
    /// The partials the body includes and defines (read with the limits).
    pub scan: bounds::Scan,
    /// The compiled body, once it has been compiled (a firm's template when it is read;
    /// a built-in one the first time it is filled: Handlebars' compiler costs several
    /// milliseconds, which every command-line run would otherwise pay for all of them).
    compiled: Arc<OnceLock<handlebars::Template>>,
}

impl Template {
    /// The file name used in messages: `templates/complaint.md.hbs` or the user's path.
    pub fn file(&self) -> String {
        file_label(&self.name, &self.origin)
    }

    /// Parses a template: front matter, then the Handlebars body.
    pub fn parse(name: &str, source: &str, origin: Origin) -> Result<Template, TemplateError> {
        let t = Template::parse_front(name, source, origin)?;
        let compiled = compile(&t.body, name, &t.file(), t.body_line)?;
        let _ = t.compiled.set(compiled);
        Ok(t)
    }

    /// Reads the front matter only; the body is compiled when first needed
    /// ([`Template::compiled`]).
    fn parse_front(name: &str, source: &str, origin: Origin) -> Result<Template, TemplateError> {
        let file = file_label(name, &origin);
        if source.len() > MAX_TEMPLATE_BYTES {
            return Err(TemplateError::Limit {
                file,
                line: 1,
                column: 1,
                reason: format!(
                    "the template is {} bytes; the limit is {MAX_TEMPLATE_BYTES}",
                    source.len()
                ),
            });
        }
        let (toml_text, body, body_line) = frontmatter::split(source)
            .ok_or_else(|| TemplateError::NoFrontMatter { file: file.clone() })?;
        let scan = bounds::scan(body).map_err(|b| {
            let (line, column) = line_col(body, b.offset);
            TemplateError::Limit {
                file: file.clone(),
                line: line + body_line - 1,
                column,
                reason: b.reason,
            }
        })?;
        let front = frontmatter::parse(toml_text).map_err(|e| {
            let (line, column) = e.offset.map_or((0, 0), |o| line_col(toml_text, o));
            TemplateError::FrontMatter {
                file: file.clone(),
                line: line + 1, // the `+++` line comes first
                column,
                reason: e.to_string(),
            }
        })?;
        Ok(Template {
            name: name.to_string(),
            origin,
            front,
            source: source.to_string(),
            body: body.to_string(),
            body_line,
            scan,
            compiled: Arc::new(OnceLock::new()),
        })
    }

    /// The compiled body (compiled now if it has not been yet).
    pub(crate) fn compiled(&self) -> Result<&handlebars::Template, TemplateError> {
        if let Some(t) = self.compiled.get() {
            return Ok(t);
        }
        let t = compile(&self.body, &self.name, &self.file(), self.body_line)?;
        Ok(self.compiled.get_or_init(|| t))
    }
}

fn file_label(name: &str, origin: &Origin) -> String {
    match origin {
        Origin::Builtin => format!("templates/{name}{EXTENSION}"),
        Origin::User(p) => p.display().to_string(),
    }
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Compiles a body with Handlebars on the fill thread, containing the parser's panics.
/// The body is compiled in pieces where it can be cut (see [`segments`]), so the cost
/// grows with its length, not its square. The body has passed [`bounds::scan`].
fn compile(
    body: &str,
    name: &str,
    file: &str,
    body_line: usize,
) -> Result<handlebars::Template, TemplateError> {
    let result = bounds::on_fill_stack(|| {
        contain(|| {
            let cuts = segments::thin(&segments::cuts(body), segments::MIN_PIECE);
            segments::compile(body, name, &cuts)
        })
    });
    match result {
        Ok(Ok(t)) => Ok(t),
        Ok(Err((e, lines_before))) => {
            let (line, column) = e.pos().unwrap_or((1, 1));
            Err(TemplateError::Syntax {
                file: file.to_string(),
                line: line + lines_before + body_line - 1,
                column,
                reason: syntax_reason(&e),
            })
        }
        Err(()) => Err(TemplateError::Syntax {
            file: file.to_string(),
            line: body_line,
            column: 1,
            reason: "the template's Handlebars syntax could not be read (check unbalanced `{{` and block tags)".into(),
        }),
    }
}

fn syntax_reason(e: &handlebars::TemplateError) -> String {
    let text = e.reason().to_string();
    text.lines()
        .next()
        .unwrap_or("invalid Handlebars syntax")
        .trim()
        .to_string()
}

thread_local! {
    static QUIET_PANICS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs `f`, turning a panic inside a dependency into `Err(())` without printing it.
fn contain<T>(f: impl FnOnce() -> T) -> Result<T, ()> {
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET_PANICS.with(|q| q.get()) {
                previous(info);
            }
        }));
    });
    QUIET_PANICS.with(|q| q.set(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    QUIET_PANICS.with(|q| q.set(false));
    result.map_err(|_| ())
}

/// A line of the template list.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateInfo {
    /// The template's name.
    pub name: String,
    /// The document's title, from the front matter.
    pub title: String,
    /// What the document is for, from the front matter.
    pub description: String,
    /// The page layout, if the front matter could be read.
    pub layout: Option<crate::typeset::Layout>,
    /// Built in, or the firm's file.
    pub origin: Origin,
    /// True when a firm template of the same name replaces a built-in.
    pub overrides_builtin: bool,
    /// Profile fields the template needs present and non-empty.
    pub required: Vec<String>,
    /// The questions the template asks beyond the case profile (its `extra` values), in
    /// the order the editor shows them.
    pub questions: Vec<Question>,
    /// Why the template cannot be used, if it cannot.
    pub error: Option<String>,
}

/// Every template available: the built-ins and the firm's, compiled once.
pub struct Catalog {
    entries: BTreeMap<String, Result<Template, TemplateError>>,
    /// Firm templates named like a built-in that cannot be used: listed with their
    /// error, while the built-in stays in service.
    broken_overrides: Vec<(String, PathBuf, TemplateError)>,
    /// Templates are registered when first filled (see [`Template::compiled`]).
    registry: RwLock<Handlebars<'static>>,
    user_dir: Option<PathBuf>,
}

impl std::fmt::Debug for Catalog {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Catalog")
            .field("templates", &self.entries.keys().collect::<Vec<_>>())
            .field("user_dir", &self.user_dir)
            .finish()
    }
}

fn new_registry() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(helpers::escape_markdown);
    helpers::register(&mut hb);
    hb
}

impl Catalog {
    /// The built-in templates only.
    pub fn builtin() -> Catalog {
        Catalog::load(None)
    }

    /// The built-ins plus every `*.md.hbs` in `user_dir`; a firm template with a
    /// built-in's name replaces it. A template that does not parse stays in the list
    /// with its error, so the firm sees it rather than losing it.
    pub fn load(user_dir: Option<&Path>) -> Catalog {
        let mut entries = BTreeMap::new();
        let mut broken_overrides = Vec::new();
        for (name, source) in BUILTIN {
            // The built-in bodies compile (the tests fill every one); they are compiled
            // when first used.
            entries.insert(
                name.to_string(),
                Template::parse_front(name, source, Origin::Builtin),
            );
        }
        if let Some(dir) = user_dir {
            for (name, path) in user_template_files(dir) {
                let entry = read_source(&path)
                    .and_then(|src| Template::parse(&name, &src, Origin::User(path.clone())));
                match entry {
                    Err(e) if BUILTIN.iter().any(|(b, _)| *b == name) => {
                        broken_overrides.push((name, path, e))
                    }
                    entry => {
                        entries.insert(name, entry);
                    }
                }
            }
        }
        Catalog {
            entries,
            broken_overrides,
            registry: RwLock::new(new_registry()),
            user_dir: user_dir.map(Path::to_path_buf),
        }
    }

    /// Registers `template` with Handlebars, compiling it if need be. A template that
    /// includes partials needs every template registered (a partial's name may be
    /// computed), so then all are.
    fn ensure_registered(&self, template: &Template) -> Result<(), TemplateError> {
        let registered = |name: &str| {
            self.registry
                .read()
                .map(|r| r.has_template(name))
                .unwrap_or(false)
        };
        if registered(&template.name) {
            return Ok(());
        }
        let all = template.scan.all_partials().next().is_some();
        let mut compiled = Vec::new();
        for t in self.entries.values().flatten() {
            if (all || t.name == template.name) && !registered(&t.name) {
                match t.compiled() {
                    Ok(c) => compiled.push((t.name.as_str(), c.clone())),
                    // Only the template being filled must compile; another one's error
                    // shows when it is used (as a partial, it is then not found).
                    Err(e) if t.name == template.name => return Err(e),
                    Err(_) => {}
                }
            }
        }
        let mut registry = self
            .registry
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        for (name, c) in compiled {
            if !registry.has_template(name) {
                registry.register_template(name, c);
            }
        }
        Ok(())
    }

    /// The folder the firm's templates are read from.
    pub fn user_dir(&self) -> Option<&Path> {
        self.user_dir.as_deref()
    }

    /// Every template, in name order.
    pub fn list(&self) -> Vec<TemplateInfo> {
        self.entries
            .iter()
            .map(|(name, entry)| {
                let builtin = BUILTIN.iter().any(|(b, _)| b == name);
                match entry {
                    Ok(t) => TemplateInfo {
                        name: name.clone(),
                        title: t.front.title.clone(),
                        description: t.front.description.clone(),
                        layout: Some(t.front.layout),
                        overrides_builtin: builtin && t.origin != Origin::Builtin,
                        origin: t.origin.clone(),
                        required: t.front.required.clone(),
                        questions: t.front.questions.clone(),
                        error: None,
                    },
                    Err(e) => TemplateInfo {
                        name: name.clone(),
                        title: String::new(),
                        description: String::new(),
                        layout: None,
                        origin: Origin::User(
                            self.user_dir
                                .clone()
                                .unwrap_or_default()
                                .join(format!("{name}{EXTENSION}")),
                        ),
                        overrides_builtin: builtin,
                        required: Vec::new(),
                        questions: Vec::new(),
                        error: Some(e.to_string()),
                    },
                }
            })
            .chain(
                self.broken_overrides
                    .iter()
                    .map(|(name, path, e)| TemplateInfo {
                        name: name.clone(),
                        title: String::new(),
                        description: String::new(),
                        layout: None,
                        origin: Origin::User(path.clone()),
                        overrides_builtin: true,
                        required: Vec::new(),
                        questions: Vec::new(),
                        error: Some(format!("{e} (the built-in `{name}` is used instead)")),
                    }),
            )
            .collect()
    }

    /// The template with this name.
    pub fn get(&self, name: &str) -> Result<&Template, TemplateError> {
        match self.entries.get(name) {
            Some(Ok(t)) => Ok(t),
            Some(Err(e)) => Err(e.clone()),
            None => Err(TemplateError::NotFound {
                name: name.to_string(),
                available: self.entries.keys().cloned().collect::<Vec<_>>().join(", "),
            }),
        }
    }

    /// Fills a template with a profile: checks the required fields, then renders the
    /// body to Markdown. A template with `for_each` is filled for its first record.
    pub fn fill(
        &self,
        name: &str,
        profile: &CaseProfile,
        date: NaiveDate,
    ) -> Result<String, TemplateError> {
        self.fill_for(name, profile, date, None)
    }

    /// Fills a template for one of its documents (`instance`: the party id of the record,
    /// see [`instances`]; `None` is the first).
    pub fn fill_for(
        &self,
        name: &str,
        profile: &CaseProfile,
        date: NaiveDate,
        instance: Option<&str>,
    ) -> Result<String, TemplateError> {
        self.fill_checked(name, profile, date, instance, true)
    }

    /// Fills a template for a draft preview: like [`Catalog::fill_for`], but a required
    /// field that is missing is left empty instead of stopping the fill (its finding says so).
    pub fn fill_draft(
        &self,
        name: &str,
        profile: &CaseProfile,
        date: NaiveDate,
        instance: Option<&str>,
    ) -> Result<String, TemplateError> {
        self.fill_checked(name, profile, date, instance, false)
    }

    fn fill_checked(
        &self,
        name: &str,
        profile: &CaseProfile,
        date: NaiveDate,
        instance: Option<&str>,
        required: bool,
    ) -> Result<String, TemplateError> {
        let template = self.get(name)?;
        let data = context_for(profile, template, date, instance);
        let fields = if required {
            template.front.required_fields()
        } else {
            Vec::new()
        };
        for field in fields {
            if is_empty(lookup(&data, &field)) {
                return Err(TemplateError::Required {
                    file: template.file(),
                    field,
                });
            }
        }
        check_partials(self, template)?;
        self.ensure_registered(template)?;
        let registry = self
            .registry
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let rendered = bounds::on_fill_stack(|| contain(|| registry.render(name, &data)));
        match rendered {
            Ok(Ok(markdown)) => Ok(markdown),
            Ok(Err(e)) => Err(TemplateError::Render {
                file: template.file(),
                line: e
                    .line_no
                    .map_or(template.body_line, |l| l + template.body_line - 1),
                column: e.column_no.unwrap_or(1),
                reason: render_reason(&e),
            }),
            Err(()) => Err(TemplateError::Render {
                file: template.file(),
                line: template.body_line,
                column: 1,
                reason: "the template could not be filled".into(),
            }),
        }
    }
}

const NO_VALUE: &str = "the case profile has no `";
const MISSING_VALUE: &str = "a value the template uses is missing from the case profile";

/// Whether a fill failed for want of a value the profile could supply.
fn is_data_reason(reason: &str) -> bool {
    reason.starts_with(NO_VALUE) || reason == MISSING_VALUE
}

fn render_reason(e: &handlebars::RenderError) -> String {
    use handlebars::RenderErrorReason as R;
    match e.reason() {
        R::MissingVariable(Some(path)) => format!("{NO_VALUE}{path}`"),
        R::MissingVariable(None) => MISSING_VALUE.into(),
        R::HelperNotFound(h) => format!("`{h}` is not a helper (see docs/templates.md)"),
        R::PartialNotFound(p) => format!("no template named `{p}` to include"),
        other => other.to_string(),
    }
}

/// Rejects partial loops and nesting deeper than [`MAX_PARTIAL_DEPTH`] before rendering
/// (Handlebars itself would recurse until the stack overflows). A name stands for the
/// catalog's template of that name and every inline partial of that name any template
/// defines, so the check holds whichever of them Handlebars picks.
fn check_partials(catalog: &Catalog, template: &Template) -> Result<(), TemplateError> {
    if template.scan.all_partials().next().is_none() {
        return Ok(());
    }
    let all: Vec<&Template> = catalog
        .entries
        .values()
        .flatten()
        .chain(std::iter::once(template))
        .collect();
    let includes = |name: &str| -> Option<Vec<String>> {
        let mut found = false;
        let mut out = Vec::new();
        for t in &all {
            if t.name == name {
                found = true;
                out.extend(t.scan.partials.iter().cloned());
            }
            if let Some(inner) = t.scan.inline.get(name) {
                found = true;
                out.extend(inner.iter().cloned());
            }
        }
        found.then_some(out)
    };
    let root = includes(&template.name).unwrap_or_default();
    bounds::check_partials(&template.name, &root, &includes).map_err(|reason| {
        TemplateError::Partial {
            file: template.file(),
            reason,
        }
    })
}

/// Reads a template file: a regular file within [`MAX_TEMPLATE_BYTES`], as UTF-8.
pub fn read_source(path: &Path) -> Result<String, TemplateError> {
    crate::fsutil::read_text(path, MAX_TEMPLATE_BYTES as u64, "a template").map_err(|e| {
        TemplateError::File {
            message: e.to_string(),
        }
    })
}

fn user_template_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for e in entries.flatten() {
            let path = e.path();
            let Some(file) = path.file_name().and_then(|f| f.to_str()) else {
                continue;
            };
            if let Some(name) = file.strip_suffix(EXTENSION) {
                // Anything but a folder is listed: a FIFO or a device is refused by name
                // when read, rather than left out without a word.
                if !name.is_empty() && !path.is_dir() {
                    out.push((name.to_string(), path));
                }
            }
        }
    }
    out.sort();
    out
}

/// The parties a template makes one document each for (its `for_each`), by id, in
/// profile order; empty when it makes none. A template without `for_each` gives `[]`
/// too: it makes one document for the case.
pub fn instances(profile: &CaseProfile, template: &Template) -> Vec<String> {
    use crate::profile::{PartyKind, ServiceMethod};
    let Some(each) = template.front.for_each else {
        return Vec::new();
    };
    let filers = profile.parties_with_role(template.front.filed_by);
    let ids = |ps: Vec<&crate::profile::Party>| ps.into_iter().map(|p| p.id.clone()).collect();
    match each {
        ForEach::Service => profile
            .parties
            .iter()
            .filter(|p| {
                profile
                    .docket
                    .service
                    .iter()
                    .any(|s| s.party == p.id && s.method != ServiceMethod::WaiverRequest)
            })
            .map(|p| p.id.clone())
            .collect(),
        ForEach::CorporateFiler => ids(filers
            .filter(|p| p.kind == PartyKind::Organization)
            .collect()),
        ForEach::NongovernmentalFiler => ids(filers.filter(|p| !p.kind.is_government()).collect()),
        ForEach::PseudonymousFiler => ids(filers.filter(|p| p.is_pseudonymous()).collect()),
    }
}

/// The data a template sees: the profile plus derived values (docs/templates.md). A
/// template with `for_each` sees its first document's record; see [`context_for`].
pub fn context(profile: &CaseProfile, template: &Template, date: NaiveDate) -> Value {
    context_for(profile, template, date, None)
}

/// The data a template sees for one of its documents: `instance` is the party id of the
/// record (see [`instances`]); `None` is the first one.
pub fn context_for(
    profile: &CaseProfile,
    template: &Template,
    date: NaiveDate,
    instance: Option<&str>,
) -> Value {
    let mut data = base_context(profile, template, date);
    let Value::Object(map) = &mut data else {
        return data;
    };
    let all = instances(profile, template);
    let chosen = match instance {
        Some(id) => all.iter().find(|i| i.as_str() == id).cloned(),
        None => all.first().cloned(),
    };
    let party_value = |id: &str| {
        profile
            .party(id)
            .and_then(|p| serde_json::to_value(p).ok())
            .unwrap_or(Value::Null)
    };
    if let (Some(each), Some(id)) = (template.front.for_each, chosen.as_deref()) {
        if each == ForEach::Service {
            let record = profile.docket.service.iter().rev().find(|s| {
                s.party == id && s.method != crate::profile::ServiceMethod::WaiverRequest
            });
            if let Some(record) = record {
                map.insert(
                    "service".into(),
                    serde_json::to_value(record).unwrap_or(Value::Null),
                );
            }
            let federal = profile.party(id).is_some_and(|p| {
                p.is_united_states_or_official() || p.is_federal_officer_individually()
            });
            map.insert("served".into(), party_value(id));
            map.insert("served_united_states".into(), Value::Bool(federal));
        } else {
            map.insert("filer".into(), Value::Array(vec![party_value(id)]));
            let counsel: Vec<&crate::profile::Counsel> = profile
                .counsel
                .iter()
                .filter(|c| c.represents.iter().any(|r| r == id))
                .collect();
            map.insert(
                "filing_counsel".into(),
                serde_json::to_value(counsel).unwrap_or(Value::Null),
            );
        }
    }
    let motion = profile.docket.motions.iter().find(|m| {
        m.template.as_deref() == Some(template.name.as_str())
            && chosen
                .as_deref()
                .is_none_or(|id| template.front.for_each == Some(ForEach::Service) || m.party == id)
    });
    if let Some(m) = motion {
        map.insert(
            "motion".into(),
            serde_json::to_value(m).unwrap_or(Value::Null),
        );
    }
    data
}

fn base_context(profile: &CaseProfile, template: &Template, date: NaiveDate) -> Value {
    let mut data = serde_json::to_value(profile).expect("a profile always serializes");
    let role_key = |role: &str| -> Value {
        Value::Array(
            data.get("parties")
                .and_then(Value::as_array)
                .map(|ps| {
                    ps.iter()
                        .filter(|p| p.get("role").and_then(Value::as_str) == Some(role))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default(),
        )
    };
    let plaintiffs = role_key("plaintiff");
    let defendants = role_key("defendant");
    let interested = role_key("interested-party");
    let filed_by = serde_json::to_value(template.front.filed_by).unwrap_or(Value::Null);
    let filer = role_key(filed_by.as_str().unwrap_or_default());
    let filing_counsel = serde_json::to_value(profile.counsel_for_role(template.front.filed_by))
        .unwrap_or(Value::Null);
    let short_caption = helpers::short_caption(&data);
    normalize_items(&mut data, template);
    if let Value::Object(map) = &mut data {
        map.insert("plaintiffs".into(), plaintiffs);
        map.insert("defendants".into(), defendants);
        map.insert("interested_parties".into(), interested);
        map.insert("filer".into(), filer);
        map.insert("filing_counsel".into(), filing_counsel);
        map.insert(
            "today".into(),
            Value::String(date.format("%Y-%m-%d").to_string()),
        );
        map.insert(
            "document_title".into(),
            Value::String(template.front.title.clone()),
        );
        map.insert("short_caption".into(), Value::String(short_caption));
    }
    data
}

/// Leaves the punctuation of list items to the template ([`items`]): each request for
/// relief and each item of a `list` question, as the template sees them.
fn normalize_items(data: &mut Value, template: &Template) {
    let mut lists: Vec<Vec<&str>> = vec![vec!["relief"]];
    for q in &template.front.questions {
        if q.kind == QuestionKind::List {
            lists.push(std::iter::once("extra").chain(q.key.split('.')).collect());
        }
    }
    for path in lists {
        let list = path
            .iter()
            .try_fold(&mut *data, |v, seg| v.as_object_mut()?.get_mut(*seg));
        if let Some(Value::Array(entries)) = list {
            for item in entries.iter_mut() {
                if let Value::String(s) = item {
                    *s = items::normalize(s);
                }
            }
        }
    }
}

/// Follows a dotted path (`dates.filed`, `extra.summons.number`, `parties.0.name`).
pub fn lookup<'a>(data: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(data, |v, seg| match v {
        Value::Object(m) => m.get(seg),
        Value::Array(a) => seg.parse::<usize>().ok().and_then(|i| a.get(i)),
        _ => None,
    })
}

fn is_empty(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => true,
        Some(Value::String(s)) => s.trim().is_empty(),
        Some(Value::Array(a)) => a.is_empty(),
        Some(Value::Object(o)) => o.is_empty(),
        _ => false,
    }
}

/// Copies a template's source into the firm's folder under a new name, for editing.
/// Refuses to overwrite an existing file.
pub fn customize(
    catalog: &Catalog,
    from: &str,
    new_name: &str,
    dir: &Path,
) -> Result<PathBuf, TemplateError> {
    let valid = !new_name.is_empty()
        && new_name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    let path = dir.join(format!("{new_name}{EXTENSION}"));
    if !valid {
        return Err(TemplateError::Io {
            path,
            reason: "a template name uses only letters, digits, `-` and `_`".into(),
        });
    }
    let source = catalog.get(from)?.source.clone();
    let io = |e: std::io::Error| TemplateError::Io {
        path: path.clone(),
        reason: e.to_string(),
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                TemplateError::Io {
                    path: path.clone(),
                    reason: "a template with that name already exists".into(),
                }
            } else {
                io(e)
            }
        })?;
    std::io::Write::write_all(&mut file, source.as_bytes()).map_err(io)?;
    Ok(path)
}
