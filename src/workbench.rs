//! What the desktop app does, one function per thing a person asks for: the pieces of the
//! library put together so that each of the app's commands is a single call. Nothing here
//! knows about Tauri or any UI toolkit; the app's shell (src-tauri/) only moves arguments
//! and results across.
//!
//! - [`Workspace`] holds the data and templates folders and a template catalog that is
//!   reloaded when a file in the templates folder changes (so an edited template shows in
//!   the preview without a restart).
//! - [`Workspace::draft`] is the live preview: checks, the laid-out pages as SVG, the
//!   deadlines, in one pass.
//! - Exporting is [`crate::export`]'s: the app's commands call it with
//!   [`Workspace::catalog`].

use crate::filing::{self, Options};
use crate::profile::{CaseProfile, Finding, Severity};
use crate::rules::Deadline;
use crate::store::{CaseId, Imported, ListOptions, Revision, Store, StoreError};
use crate::template::{self, Catalog, Origin, TemplateError, TemplateInfo};
use crate::typeset::CourtStyle;
use chrono::NaiveDate;
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Instant, SystemTime};

/// Why an action of the app failed. Each has a short machine code (for the UI to react
/// to, e.g. a save conflict) and a complete message for a person.
#[derive(Debug, thiserror::Error)]
pub enum WorkbenchError {
    /// The case store refused or failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A template could not be found, read, customized or filled.
    #[error(transparent)]
    Template(#[from] TemplateError),
    /// A court style is unknown, invalid, or could not be read.
    #[error(transparent)]
    Style(#[from] crate::typeset::StyleError),
    /// A path the app was given cannot be used for what was asked.
    #[error("{path}: {reason}")]
    Path {
        /// The path given.
        path: PathBuf,
        /// Why it cannot be used.
        reason: String,
    },
}

impl WorkbenchError {
    /// A short, stable code the UI can branch on.
    pub fn code(&self) -> &'static str {
        match self {
            WorkbenchError::Store(e) if e.is_conflict() => "conflict",
            WorkbenchError::Store(StoreError::CaseNotFound { .. }) => "not-found",
            WorkbenchError::Store(StoreError::RevisionNotFound { .. }) => "not-found",
            WorkbenchError::Store(StoreError::Busy { .. }) => "busy",
            WorkbenchError::Store(StoreError::Profile(_)) => "invalid-file",
            WorkbenchError::Store(StoreError::EmptyTitle | StoreError::BadTitle { .. }) => {
                "invalid"
            }
            WorkbenchError::Store(StoreError::Locked { .. }) => "locked",
            WorkbenchError::Store(StoreError::WrongPassphrase { .. }) => "wrong-passphrase",
            WorkbenchError::Store(StoreError::WeakPassphrase { .. }) => "weak-passphrase",
            WorkbenchError::Store(_) => "store",
            WorkbenchError::Template(_) => "template",
            WorkbenchError::Style(_) => "style",
            WorkbenchError::Path { .. } => "path",
        }
    }
}

/// The result of an action of the app.
pub type Result<T, E = WorkbenchError> = std::result::Result<T, E>;

/// The folders the app works in, and the template catalog read from them.
pub struct Workspace {
    data_dir: PathBuf,
    templates_dir: PathBuf,
    catalog: Mutex<Option<(Fingerprint, Arc<Catalog>)>>,
    /// The pages of the last draft with their SVG and key: a keystroke changes a page or
    /// two, and the others are neither drawn nor hashed again.
    drawn: Mutex<Vec<Drawn>>,
}

/// One page as last drawn.
struct Drawn {
    page: crate::typeset::Page,
    svg: String,
    key: String,
}

impl std::fmt::Debug for Workspace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Workspace")
            .field("data_dir", &self.data_dir)
            .field("templates_dir", &self.templates_dir)
            .finish()
    }
}

/// What the templates folder looked like: every template and style file with its size and
/// modification time. A change to any of them reloads the catalog.
type Fingerprint = Vec<(PathBuf, u64, Option<SystemTime>)>;

fn fingerprint(dir: &Path) -> Fingerprint {
    let mut out = Vec::new();
    for sub in [dir.to_path_buf(), dir.join("styles")] {
        if let Ok(entries) = std::fs::read_dir(&sub) {
            for e in entries.flatten() {
                if let Ok(meta) = e.metadata() {
                    if meta.is_file() {
                        out.push((e.path(), meta.len(), meta.modified().ok()));
                    }
                }
            }
        }
    }
    out.sort();
    out
}

/// Settings of one preview or export that are not part of the case.
#[derive(Debug, Clone)]
pub struct DraftOptions {
    /// The template to fill.
    pub template: String,
    /// The document's date (signature, certificate of service, PDF dates).
    pub date: NaiveDate,
    /// A court style that overrides the profile's.
    pub style: Option<String>,
}

impl DraftOptions {
    /// The options of the filing itself.
    pub fn filing_options(&self) -> Options {
        Options {
            date: self.date,
            style: self.style.clone(),
            instance: None,
            today: filing::today(),
        }
    }
}

/// The live preview of one filing.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Draft {
    /// The template filled.
    pub template: String,
    /// The document's title; absent when the template cannot be found.
    pub title: Option<String>,
    /// Every finding: errors (nothing can be produced), warnings (a person should look),
    /// privacy findings (an export needs a confirmation).
    pub findings: Vec<Finding>,
    /// One SVG document per page; empty when nothing can be laid out yet. A page is `""`
    /// when the caller already holds it (see [`Draft::keep_known`]).
    pub pages: Vec<String>,
    /// A short key of each page's SVG (the caller sends back the keys it holds, and pages
    /// it holds are not sent again).
    pub page_keys: Vec<String>,
    /// The pages were laid out although the checks found errors (or with a protected value
    /// masked where it was typed): the preview shows them, an export refuses the filing.
    pub incomplete: bool,
    /// The Rule 5.2 findings on their own: an export needs a confirmation when any.
    pub privacy: Vec<String>,
    /// Deadlines computed from the case's docket in the court's calendar.
    pub deadlines: Vec<Deadline>,
    /// Time spent checking and laying out, in milliseconds.
    pub layout_ms: f64,
}

/// A template in the list, with the problems the checker finds in it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TemplateEntry {
    /// The template's line of the list.
    #[serde(flatten)]
    pub info: TemplateInfo,
    /// Problems with line and column (`file:line:column: message`, `… warning: …` for a
    /// warning), for a firm template.
    pub problems: Vec<String>,
}

impl Workspace {
    /// A workspace over the data folder and the firm's templates folder.
    pub fn new(data_dir: PathBuf, templates_dir: PathBuf) -> Workspace {
        Workspace {
            data_dir,
            templates_dir,
            catalog: Mutex::new(None),
            drawn: Mutex::new(Vec::new()),
        }
    }

    /// The platform's folders, or those named by `DRAFTER_DATA_DIR` and
    /// `DRAFTER_TEMPLATES_DIR`.
    pub fn from_env() -> Workspace {
        let data = crate::paths::data_dir(None);
        let templates = crate::paths::templates_dir(None, &data);
        Workspace::new(data, templates)
    }

    /// The data folder (the case database lives here).
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The firm's templates folder.
    pub fn templates_dir(&self) -> &Path {
        &self.templates_dir
    }

    /// The template catalog, reloaded when a file in the templates folder (or its
    /// `styles/`) was added, removed or changed since the last call.
    pub fn catalog(&self) -> Arc<Catalog> {
        let now = fingerprint(&self.templates_dir);
        let mut slot = self.catalog.lock().unwrap_or_else(|e| e.into_inner());
        if let Some((seen, catalog)) = slot.as_ref() {
            if *seen == now {
                return catalog.clone();
            }
        }
        let catalog = Arc::new(Catalog::load(Some(&self.templates_dir)));
        *slot = Some((now, catalog.clone()));
        catalog
    }

    /// Opens the case store in the data folder. On the very first run (an empty store),
    /// the worked example is saved as the first case and its id returned, so a new user
    /// sees a finished complaint at once.
    ///
    /// The store's key is looked for in the secret store and `DRAFTER_PASSPHRASE`; while
    /// it stays locked the example (which has protected values) is not saved yet — call
    /// [`Workspace::first_case`] once it is unlocked.
    pub fn open_store(&self) -> Result<(Store, Option<CaseId>)> {
        let mut store = Store::open(&self.data_dir)?;
        // A wrong passphrase in the environment leaves the store locked: the app asks.
        let _ = store.unlock_from_environment();
        let first = self.first_case(&mut store)?;
        Ok((store, first))
    }

    /// Saves the worked example as the first case when the store is empty and unlocked;
    /// its id, or `None` when there was nothing to do.
    pub fn first_case(&self, store: &mut Store) -> Result<Option<CaseId>> {
        if !store.is_unlocked() {
            return Ok(None);
        }
        let any = store.list(&ListOptions {
            include_archived: true,
            limit: Some(1),
        })?;
        if !any.is_empty() {
            return Ok(None);
        }
        let example = crate::examples::profile("alt-uscis").expect("the example is embedded");
        let title = if example.title.is_empty() {
            "Example case".to_string()
        } else {
            example.title.clone()
        };
        Ok(Some(store.create(&title, &example)?))
    }

    /// The example case's id in the store, saving the example as a new case when no case
    /// has its title (`drafter-app --example` opens it).
    pub fn example_case(&self, store: &mut Store) -> Result<CaseId> {
        let example = crate::examples::profile("alt-uscis").expect("the example is embedded");
        let found = store
            .list(&ListOptions {
                include_archived: false,
                limit: None,
            })?
            .into_iter()
            .find(|c| c.title == example.title);
        match found {
            Some(c) => Ok(c.id),
            None => Ok(store.create(&example.title, &example)?),
        }
    }

    /// Checks the case for one template, lays it out and draws the pages as SVG, and
    /// computes the case's deadlines: everything the draft view shows, in one pass.
    pub fn draft(&self, profile: &CaseProfile, opts: &DraftOptions) -> Draft {
        let started = Instant::now();
        let catalog = self.catalog();
        let (findings, filing) =
            filing::check_and_prepare(profile, &catalog, &opts.template, &opts.filing_options());
        let mut findings = findings;
        let deadlines = self.deadlines(profile, opts.style.as_deref());
        if let Some(f) = &filing {
            locate_privacy(profile, f, &mut findings);
        }
        let (title, (pages, page_keys), privacy, incomplete) = match &filing {
            Some(f) => (
                Some(f.title.clone()),
                self.draw(&f.pages),
                f.privacy.iter().map(|p| p.to_string()).collect(),
                false,
            ),
            None => {
                let pages = despite_errors(profile, &catalog, opts, &mut findings)
                    .map(|f| self.draw(&f.pages))
                    .unwrap_or_default();
                (
                    catalog
                        .get(&opts.template)
                        .ok()
                        .map(|t| t.front.title.clone()),
                    pages,
                    Vec::new(),
                    true,
                )
            }
        };
        Draft {
            template: opts.template.clone(),
            title,
            findings,
            pages,
            page_keys,
            incomplete,
            privacy,
            deadlines,
            layout_ms: started.elapsed().as_secs_f64() * 1000.0,
        }
    }

    /// Each page's SVG and key; a page equal to the one drawn last at its place is taken
    /// from there.
    fn draw(&self, pages: &[crate::typeset::Page]) -> (Vec<String>, Vec<String>) {
        let mut drawn = self.drawn.lock().unwrap_or_else(|e| e.into_inner());
        drawn.truncate(pages.len());
        for (i, page) in pages.iter().enumerate() {
            if drawn.get(i).is_some_and(|d| d.page == *page) {
                continue;
            }
            let svg = crate::preview::svg(page);
            let d = Drawn {
                page: page.clone(),
                key: page_key(&svg),
                svg,
            };
            if i < drawn.len() {
                drawn[i] = d;
            } else {
                drawn.push(d);
            }
        }
        drawn.iter().map(|d| (d.svg.clone(), d.key.clone())).unzip()
    }

    /// The case's deadlines in its court's calendar (the federal calendar when the style
    /// cannot be loaded).
    pub fn deadlines(&self, profile: &CaseProfile, style: Option<&str>) -> Vec<Deadline> {
        let id = style.unwrap_or(profile.court.style.as_str());
        match CourtStyle::load(id, Some(&self.templates_dir)) {
            Ok(style) => crate::rules::compute_in(profile, &style.calendar(), &style.court),
            Err(_) => crate::rules::compute(profile, &crate::rules::Calendar::federal()),
        }
    }

    /// Every template, built-in and the firm's, with the checker's problems (line and
    /// column) for each firm template.
    pub fn templates(&self) -> Vec<TemplateEntry> {
        let catalog = self.catalog();
        catalog
            .list()
            .into_iter()
            .map(|info| {
                let problems = match &info.origin {
                    Origin::User(path) => match std::fs::read_to_string(path) {
                        Ok(src) => {
                            template::check_source(&info.name, &src, info.origin.clone()).lines()
                        }
                        Err(e) => vec![format!("{}: {e}", path.display())],
                    },
                    Origin::Builtin => Vec::new(),
                };
                TemplateEntry { info, problems }
            })
            .collect()
    }

    /// Court style ids, built-in and the firm's.
    pub fn styles(&self) -> Vec<String> {
        CourtStyle::available(Some(&self.templates_dir))
    }

    /// Copies template `from` into the templates folder as `new_name`, for editing; returns
    /// the new file's path.
    pub fn customize(&self, from: &str, new_name: &str) -> Result<PathBuf> {
        let catalog = self.catalog();
        Ok(template::customize(
            &catalog,
            from,
            new_name,
            &self.templates_dir,
        )?)
    }
}

impl Draft {
    /// Blanks (`""`) each page whose key is the one `have` holds at the same place, so
    /// that only pages that changed cross to the window: a keystroke usually changes one.
    pub fn keep_known(&mut self, have: &[String]) {
        for (i, page) in self.pages.iter_mut().enumerate() {
            if have.get(i) == self.page_keys.get(i) {
                page.clear();
            }
        }
    }
}

/// A short key of one page's SVG (a hash: equal pages have equal keys).
fn page_key(svg: &str) -> String {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    svg.hash(&mut h);
    format!("{:016x}-{}", h.finish(), svg.len())
}

/// The pages a preview can show when the checks stopped the filing: laid out despite the
/// errors, and with a protected value masked (`[redacted]`) in every field where it was
/// typed. Each finding about a protected value is moved to that field. `None` when the
/// template itself cannot be filled or laid out.
fn despite_errors(
    profile: &CaseProfile,
    catalog: &Catalog,
    opts: &DraftOptions,
    findings: &mut [Finding],
) -> Option<filing::Filing> {
    if findings
        .iter()
        .any(|f| f.field == "template" || f.field == "court.style")
    {
        return None;
    }
    let guard = crate::rules::protect::Guard::new(profile);
    let mut value = serde_json::to_value(profile).ok()?;
    let (texts, lines) = field_lines(&value);
    let typed = guard.check_lines(&lines);
    let mut masked = profile.clone();
    if !typed.is_empty() {
        // Each protected field's finding now names the field it was typed in.
        for f in findings.iter_mut() {
            if let Some(leak) = typed.iter().find(|l| l.field == f.field) {
                if let Some((path, _)) = texts.get(leak.page.wrapping_sub(1)) {
                    f.field = path.clone();
                }
            }
        }
        redact_texts(&mut value, &guard);
        masked = serde_json::from_value(value).ok()?;
    }
    let lay_out = |m: &CaseProfile| {
        filing::lay_out_despite_errors(m, catalog, &opts.template, &opts.filing_options()).ok()
    };
    if let Some(f) = lay_out(&masked) {
        return Some(f);
    }
    if typed.is_empty() {
        return None;
    }
    // The filing's own guard reads the filled text, and it can still see a near form of a
    // protected value that masking the exact forms left in a field ("Mara Quil", typed on
    // the way to "Mara Quill-Esterhazy"): then every field a protected value was found in
    // is masked whole, and the pages are laid out once more.
    let whole: std::collections::HashSet<usize> =
        typed.iter().map(|l| l.page.wrapping_sub(1)).collect();
    let mut value = serde_json::to_value(profile).ok()?;
    mask_whole_texts(&mut value, &mut 0, &whole);
    redact_texts(&mut value, &guard);
    lay_out(&serde_json::from_value(value).ok()?)
}

/// Every text of the case (outside protected identities) with its field path, and the
/// same texts as lines to scan: the N-th field is "page" N, so a finding's
/// place names its field.
fn field_lines(value: &serde_json::Value) -> (Vec<(String, String)>, Vec<crate::rules::TextLine>) {
    let mut texts = Vec::new();
    collect_texts(value, &mut String::new(), &mut texts);
    let lines = texts
        .iter()
        .enumerate()
        .map(|(i, (_, t))| crate::rules::TextLine::new(i + 1, 1, t.clone()))
        .collect();
    (texts, lines)
}

/// Moves each Rule 5.2 finding ("page 3, line 8") to the field whose text holds what it
/// found, when one does, keeping the page and line in its message: the checklist then
/// links to the place to fix it.
fn locate_privacy(profile: &CaseProfile, filing: &filing::Filing, findings: &mut [Finding]) {
    if filing.privacy.is_empty() {
        return;
    }
    let Ok(value) = serde_json::to_value(profile) else {
        return;
    };
    let (texts, lines) = field_lines(&value);
    let typed = crate::rules::privacy_findings(&lines, profile);
    for p in &filing.privacy {
        let on_page = p.to_finding();
        let Some(source) = typed
            .iter()
            .find(|t| t.kind == p.kind && t.excerpt == p.excerpt)
            .and_then(|t| texts.get(t.page.wrapping_sub(1)))
        else {
            continue;
        };
        if let Some(f) = findings
            .iter_mut()
            .find(|f| f.field == on_page.field && f.message == on_page.message)
        {
            f.field = source.0.clone();
            f.message = format!("{} (page {}, line {})", on_page.message, p.page, p.line);
        }
    }
}

/// Every text of a profile (as JSON) outside the protected identities, with its field path.
fn collect_texts(v: &serde_json::Value, path: &mut String, out: &mut Vec<(String, String)>) {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.trim().is_empty() => out.push((path.clone(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let len = path.len();
                path.push_str(&format!("[{i}]"));
                collect_texts(item, path, out);
                path.truncate(len);
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter().filter(|(k, _)| k.as_str() != "protected") {
                let len = path.len();
                if !path.is_empty() {
                    path.push('.');
                }
                path.push_str(key);
                collect_texts(item, path, out);
                path.truncate(len);
            }
        }
        _ => {}
    }
}

/// Replaces the N-th texts of a profile (as JSON; numbered as [`collect_texts`] numbers
/// them, from 0) with `[redacted]`.
fn mask_whole_texts(
    v: &mut serde_json::Value,
    n: &mut usize,
    which: &std::collections::HashSet<usize>,
) {
    use serde_json::Value;
    match v {
        Value::String(s) if !s.trim().is_empty() => {
            if which.contains(n) {
                *s = "[redacted]".to_string();
            }
            *n += 1;
        }
        Value::Array(items) => items.iter_mut().for_each(|x| mask_whole_texts(x, n, which)),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(k, _)| k.as_str() != "protected")
            .for_each(|(_, x)| mask_whole_texts(x, n, which)),
        _ => {}
    }
}

/// Masks every protected value in the texts of a profile (as JSON), outside the protected
/// identities themselves.
fn redact_texts(v: &mut serde_json::Value, guard: &crate::rules::protect::Guard) {
    use serde_json::Value;
    match v {
        Value::String(s) => *s = guard.redact(s),
        Value::Array(items) => items.iter_mut().for_each(|x| redact_texts(x, guard)),
        Value::Object(map) => map
            .iter_mut()
            .filter(|(k, _)| k.as_str() != "protected")
            .for_each(|(_, x)| redact_texts(x, guard)),
        _ => {}
    }
}

/// Creates a new case in the store from a blank profile with this title, and returns it
/// as the editor opens it.
pub fn create_case(store: &mut Store, title: &str) -> Result<Revision> {
    let title = title.trim();
    let id = store.create(title, &CaseProfile::blank(title))?;
    Ok(store.show(id, None)?)
}

/// Imports case files a person chose or dropped on the window, after checking each path
/// ([`check_import_paths`]); all or none are imported.
pub fn import_cases(store: &mut Store, paths: &[PathBuf]) -> Result<Vec<Imported>> {
    let paths = check_import_paths(paths)?;
    Ok(store.import(&paths)?)
}

/// Checks files a person chose (by dialog or by dropping them on the window) before they
/// are imported: each must be an existing regular file named `*.json`, at most 16 MiB.
pub fn check_import_paths(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    const MAX: u64 = 16 * 1024 * 1024;
    if paths.is_empty() {
        return Err(WorkbenchError::Path {
            path: PathBuf::new(),
            reason: "no file was chosen".into(),
        });
    }
    let mut out = Vec::with_capacity(paths.len());
    for p in paths {
        let bad = |reason: &str| WorkbenchError::Path {
            path: p.clone(),
            reason: reason.into(),
        };
        if !p.is_absolute() {
            return Err(bad("not an absolute path"));
        }
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if !name.to_ascii_lowercase().ends_with(".json") {
            return Err(bad(
                "only case files (*.case.json or *.json) can be imported",
            ));
        }
        let meta = std::fs::metadata(p).map_err(|e| bad(&e.to_string()))?;
        if !meta.is_file() {
            return Err(bad("not a file"));
        }
        if meta.len() > MAX {
            return Err(bad("larger than 16 MiB: not a case file"));
        }
        out.push(p.clone());
    }
    Ok(out)
}

/// Whether any finding stops the filing from being produced.
pub fn has_errors(findings: &[Finding]) -> bool {
    findings.iter().any(|f| f.severity == Severity::Error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace() -> (tempfile::TempDir, Workspace) {
        let dir = tempfile::tempdir().unwrap();
        let ws = Workspace::new(dir.path().join("data"), dir.path().join("templates"));
        (dir, ws)
    }

    fn example() -> CaseProfile {
        crate::examples::profile("alt-uscis").unwrap()
    }

    /// The draft's finding on `field` (the test fails, listing them all, when there is none).
    fn finding_on<'a>(d: &'a Draft, field: &str) -> &'a Finding {
        d.findings
            .iter()
            .find(|f| f.field == field)
            .unwrap_or_else(|| panic!("no finding on {field}: {:?}", d.findings))
    }

    fn opts(template: &str) -> DraftOptions {
        DraftOptions {
            template: template.into(),
            date: NaiveDate::from_ymd_opt(2017, 4, 6).unwrap(),
            style: None,
        }
    }

    #[test]
    fn first_run_opens_the_example_then_never_again() {
        let (_d, ws) = workspace();
        // No key yet (no secret store, no passphrase): the example waits for one.
        let (mut store, first) = ws.open_store().unwrap();
        if !store.is_unlocked() {
            assert_eq!(first, None);
            store.unlock("workbench passphrase", false).unwrap();
        }
        let id = match first {
            Some(id) => id,
            None => ws
                .first_case(&mut store)
                .unwrap()
                .expect("the example is saved"),
        };
        assert_eq!(store.show(id, None).unwrap().profile, example());
        assert_eq!(ws.first_case(&mut store).unwrap(), None, "never twice");
        drop(store);
        let (mut store, again) = ws.open_store().unwrap();
        assert_eq!(again, None);
        store.unlock("workbench passphrase", false).unwrap();
        assert_eq!(ws.first_case(&mut store).unwrap(), None);
    }

    #[test]
    fn draft_of_the_example_complaint_has_pages_and_deadlines() {
        let (_d, ws) = workspace();
        let d = ws.draft(&example(), &opts("complaint"));
        assert!(!has_errors(&d.findings), "{:?}", d.findings);
        assert!(d.pages.len() >= 5);
        assert!(d.pages[0].starts_with("<svg"));
        assert_eq!(
            d.title.as_deref().map(|t| t.contains("Complaint")),
            Some(true)
        );
    }

    #[test]
    fn draft_of_an_empty_case_lists_what_is_missing_and_still_draws_the_caption() {
        let (_d, ws) = workspace();
        let d = ws.draft(&CaseProfile::blank("New"), &opts("complaint"));
        assert!(d.incomplete);
        assert!(!d.pages.is_empty(), "the caption page shows at once");
        assert!(
            d.pages[0].contains("United States District Court")
                || d.pages[0].contains("UNITED STATES DISTRICT COURT")
        );
        finding_on(&d, "facts");
    }

    #[test]
    fn an_error_keeps_the_pages_and_a_true_name_in_a_fact_is_masked_and_found_there() {
        let (_d, ws) = workspace();
        let mut p = example();
        let i = p
            .parties
            .iter()
            .position(|x| x.protected.is_some())
            .expect("the example's user is pseudonymous");
        let true_name = p.parties[i]
            .protected
            .as_ref()
            .and_then(|x| x.true_name.clone())
            .unwrap();
        p.facts[1].text = format!("{} was there.", true_name);
        let d = ws.draft(&p, &opts("complaint"));
        assert!(d.incomplete);
        assert!(d.pages.len() >= 5, "every page still shows");
        assert!(!d.pages.concat().contains(&true_name), "never on screen");
        assert!(
            d.pages.concat().contains("[redacted]"),
            "the spot is marked"
        );
        finding_on(&d, "facts[1].text");
    }

    #[test]
    fn the_pages_stay_at_every_keystroke_of_a_true_name_typed_into_a_fact() {
        // Found by the app's end-to-end run: "Mara Quil", on the way to the full name,
        // was masked ("[redacted] Quil") but the filing's guard still read a near form of
        // the family name in the filled text, and the preview went blank for a keystroke.
        let (_d, ws) = workspace();
        let mut p = example();
        let true_name = p
            .parties
            .iter()
            .find_map(|x| x.protected.as_ref()?.true_name.clone())
            .expect("the example's user is pseudonymous");
        let base = p.facts[1].text.clone();
        let typed = format!(" {true_name} wrote it.");
        let parts: Vec<&str> = true_name.split([' ', '-']).collect();
        for k in 0..=typed.chars().count() {
            let so_far: String = typed.chars().take(k).collect();
            p.facts[1].text = format!("{base}{so_far}");
            let d = ws.draft(&p, &opts("complaint"));
            assert!(d.pages.len() >= 5, "{so_far:?}: {} pages", d.pages.len());
            let shown = d.pages.concat();
            for part in &parts {
                assert!(!shown.contains(part), "{so_far:?}: {part} on screen");
            }
        }
    }

    #[test]
    fn a_rule_5_2_finding_links_to_the_fact_that_holds_it() {
        let (_d, ws) = workspace();
        let mut p = example();
        p.facts[2].text = "Her Social Security number is 123-45-6789.".into();
        let d = ws.draft(&p, &opts("complaint"));
        let f = finding_on(&d, "facts[2].text");
        assert!(f.message.contains("page "), "{}", f.message);
        assert!(!f.message.contains("123-45"), "{}", f.message);
    }

    #[test]
    fn only_changed_pages_cross_again() {
        let (_d, ws) = workspace();
        let mut p = example();
        let first = ws.draft(&p, &opts("complaint"));
        let n = p.facts.len();
        p.facts[n - 1].text.push_str(" More.");
        let mut next = ws.draft(&p, &opts("complaint"));
        next.keep_known(&first.page_keys);
        let sent = next.pages.iter().filter(|s| !s.is_empty()).count();
        assert!(
            sent >= 1 && sent < next.pages.len(),
            "{sent} of {}",
            next.pages.len()
        );
        assert!(next.pages[0].is_empty(), "the caption page did not change");
    }

    #[test]
    fn an_edited_template_is_picked_up_without_a_restart() {
        let (_d, ws) = workspace();
        let path = ws.customize("complaint", "my-complaint").unwrap();
        assert!(path.starts_with(ws.templates_dir()));
        let before = ws.draft(&example(), &opts("my-complaint"));
        assert!(before
            .findings
            .iter()
            .all(|f| f.severity != Severity::Error));
        let src = std::fs::read_to_string(&path).unwrap();
        // A paragraph right after the front matter's closing `+++` line.
        let end = src[3..].find("\n+++").unwrap() + 3 + "\n+++\n".len();
        let edited = format!(
            "{}\nXYZZY opens this version.\n\n{}",
            &src[..end],
            &src[end..]
        );
        std::fs::write(&path, edited).unwrap();
        let after = ws.draft(&example(), &opts("my-complaint"));
        assert!(after.pages.concat().contains("XYZZY"));
    }

    #[test]
    fn template_errors_carry_line_and_column() {
        let (_d, ws) = workspace();
        std::fs::create_dir_all(ws.templates_dir()).unwrap();
        std::fs::write(
            ws.templates_dir().join("broken.md.hbs"),
            "+++\ntitle = \"B\"\nlayout = \"pleading\"\n+++\n\nHello {{#if}}\n",
        )
        .unwrap();
        let list = ws.templates();
        let broken = list.iter().find(|t| t.info.name == "broken").unwrap();
        assert!(broken.info.error.is_some());
        // `…/broken.md.hbs:LINE:COLUMN: message`
        let located = |p: &String| {
            let rest = p.split("broken.md.hbs:").nth(1).unwrap_or("");
            let mut parts = rest.splitn(3, ':');
            let line = parts.next().and_then(|n| n.parse::<usize>().ok());
            let column = parts.next().and_then(|n| n.parse::<usize>().ok());
            line.is_some_and(|l| l >= 5) && column.is_some()
        };
        assert!(broken.problems.iter().any(located), "{:?}", broken.problems);
    }

    #[test]
    fn paths_are_checked() {
        assert!(check_import_paths(&[PathBuf::from("/etc/passwd")]).is_err());
        assert!(check_import_paths(&[]).is_err());
    }
}
