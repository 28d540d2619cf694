//! Drafter's desktop shell. Every `#[tauri::command]` here moves its arguments into one
//! call of the `drafter` library (`drafter::workbench`, `drafter::export`,
//! `drafter::store`) and its result or error back out; errors cross as `{code, message}`.
//! There is no business logic here.
//!
//! The web page never chooses where to read or write: save and open dialogs run here
//! (through tauri-plugin-dialog) and their answers are checked by the library before use;
//! files dropped on the window are taken from the window's own drop event. The one path the
//! page sends, to open an exported file or show it in its folder (tauri-plugin-opener), is
//! refused unless this run wrote that file.

use drafter::exhibit::ExhibitInfo;
use drafter::export::{self, ExportOptions, ExportReport, FilingSet, NotReady, Progress};
use drafter::profile::{CaseProfile, PartyEdit};
use drafter::store::{
    CaseId, CaseSummary, KnownCounsel, KnownCourt, ListOptions, Rev, Revision, RevisionInfo, Store,
    StoreStatus,
};
use drafter::workbench::{self, Draft, DraftOptions, TemplateEntry, WorkbenchError, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, MutexGuard, OnceLock};
use std::time::Instant;
use tauri::ipc::{Channel, Response};
use tauri::{AppHandle, Emitter, Manager, Runtime, State};
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
use tauri_plugin_opener::OpenerExt;
use ts_rs::TS;

mod commands;
pub use commands::COMMANDS;

/// Environment variable naming a folder that stands in for the native save and folder
/// dialogs: exports go there without asking. Only the end-to-end tests set it, because
/// WebDriver cannot drive a native GTK dialog.
pub const TEST_SAVE_DIR_ENV: &str = "DRAFTER_TEST_SAVE_DIR";

static STARTED: OnceLock<Instant> = OnceLock::new();

/// Marks the moment the process started (called first thing in `main`).
pub fn mark_start() {
    STARTED.get_or_init(Instant::now);
}

/// How WebKitGTK draws the window, chosen before it starts (call first thing in `main`,
/// while the process has one thread: it may set an environment variable).
///
/// With no GPU (no DRM render node: a virtual desktop, a remote session, a VM, Xvfb),
/// WebKit's accelerated compositing runs on Mesa's software OpenGL (llvmpipe). Measured
/// here, every frame then costs 40–60 ms of CPU even when nothing moves, a keystroke waits
/// for it, and the web process holds twice the memory. Without compositing WebKit paints
/// with the CPU directly: 16 ms frames, half the memory. A `WEBKIT_*_COMPOSITING_MODE`
/// variable set by the person running the app is left as it is.
pub fn choose_rendering() -> Rendering {
    let chosen = rendering_for(
        |name| std::env::var_os(name).is_some(),
        has_render_node(Path::new("/dev/dri")),
    );
    if chosen == Rendering::CpuNoGpu {
        // Single-threaded here (see above), so no other thread reads the environment.
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    chosen
}

/// What [`choose_rendering`] decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rendering {
    /// WebKit's default (a GPU is there): accelerated compositing.
    Default,
    /// The person set `WEBKIT_DISABLE_COMPOSITING_MODE` or `WEBKIT_FORCE_COMPOSITING_MODE`.
    AsSet,
    /// No GPU: compositing turned off, WebKit paints with the CPU.
    CpuNoGpu,
}

fn rendering_for(is_set: impl Fn(&str) -> bool, gpu: bool) -> Rendering {
    if !cfg!(target_os = "linux") {
        return Rendering::Default;
    }
    if is_set("WEBKIT_DISABLE_COMPOSITING_MODE") || is_set("WEBKIT_FORCE_COMPOSITING_MODE") {
        Rendering::AsSet
    } else if gpu {
        Rendering::Default
    } else {
        Rendering::CpuNoGpu
    }
}

/// Whether `dri` (normally `/dev/dri`) holds a GPU render node (`renderD128`, …).
fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// An error as the web page sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CmdError {
    pub code: String,
    pub message: String,
}

impl CmdError {
    /// Every message the page sees is masked first: it may quote a value from anywhere in
    /// a profile, protected values included.
    fn new(code: &str, message: impl Into<String>) -> CmdError {
        CmdError {
            code: code.into(),
            message: drafter::rules::protect::redact_known(&message.into()),
        }
    }
}

impl From<WorkbenchError> for CmdError {
    fn from(e: WorkbenchError) -> CmdError {
        CmdError::new(e.code(), e.to_string())
    }
}

impl From<drafter::export::ExportError> for CmdError {
    fn from(e: drafter::export::ExportError) -> CmdError {
        CmdError::new(e.code(), e.to_string())
    }
}

impl From<drafter::store::StoreError> for CmdError {
    fn from(e: drafter::store::StoreError) -> CmdError {
        WorkbenchError::from(e).into()
    }
}

type CmdResult<T> = Result<T, CmdError>;

/// What the shell keeps between commands.
pub struct AppState {
    ws: Workspace,
    store: Mutex<Option<Store>>,
    store_error: Option<String>,
    /// The example case, when this run saved it (at start, or on the first unlock).
    first_case: Mutex<Option<CaseId>>,
    /// Files this run exported: the only ones "open" and "show in folder" act on.
    exported: Mutex<HashSet<PathBuf>>,
    /// Files dropped on the window, waiting for the page to ask for their import.
    dropped: Mutex<Vec<PathBuf>>,
    unsaved: AtomicBool,
    save_dir: Option<PathBuf>,
    first_screen_ms: Mutex<Option<f64>>,
}

impl AppState {
    /// Opens the store in the workspace's data folder (creating the example case on the
    /// first run). A store that cannot be opened is reported by `app_info`, not a crash.
    pub fn new(ws: Workspace, save_dir: Option<PathBuf>) -> AppState {
        let (store, store_error, first_case) = match ws.open_store() {
            Ok((store, first)) => (Some(store), None, first),
            Err(e) => (None, Some(e.to_string()), None),
        };
        AppState {
            ws,
            store: Mutex::new(store),
            store_error,
            first_case: Mutex::new(first_case),
            exported: Mutex::new(HashSet::new()),
            dropped: Mutex::new(Vec::new()),
            unsaved: AtomicBool::new(false),
            save_dir,
            first_screen_ms: Mutex::new(None),
        }
    }

    /// The platform's folders (or `DRAFTER_DATA_DIR` / `DRAFTER_TEMPLATES_DIR`). With
    /// `--example` on the command line the example case opens first.
    pub fn from_env() -> AppState {
        let save_dir = std::env::var_os(TEST_SAVE_DIR_ENV)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from);
        let state = AppState::new(Workspace::from_env(), save_dir);
        let first = *state.first_case.lock().unwrap_or_else(|e| e.into_inner());
        if std::env::args().any(|a| a == "--example") && first.is_none() {
            let found = state.with_store(|s| Ok(state.ws.example_case(s)?));
            *state.first_case.lock().unwrap_or_else(|e| e.into_inner()) = found.ok();
        }
        state
    }

    fn store(&self) -> CmdResult<MutexGuard<'_, Option<Store>>> {
        let guard = self.store.lock().unwrap_or_else(|e| e.into_inner());
        if guard.is_none() {
            return Err(CmdError::new(
                "store",
                self.store_error
                    .clone()
                    .unwrap_or_else(|| "the case store is not open".into()),
            ));
        }
        Ok(guard)
    }

    fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> CmdResult<T>) -> CmdResult<T> {
        let mut guard = self.store()?;
        f(guard.as_mut().expect("checked by store()"))
    }

    /// Notes what an export wrote: for this run's "Open" and "Show in folder", and, for a
    /// stored case, in the store (the library finds the case by its documents). The files
    /// are written by then: a record that cannot be saved becomes a warning of the report.
    fn remember(&self, report: &mut ExportReport, case: Option<i64>, profile: &CaseProfile) {
        {
            let mut set = self.exported.lock().unwrap_or_else(|e| e.into_inner());
            for f in &report.files {
                set.insert(f.path.clone());
            }
        }
        if let Some(id) = case {
            let files = &report.files;
            if let Err(e) = self.with_store(|s| Ok(s.record_exports(CaseId(id), profile, files)?)) {
                report.warnings.push(format!(
                    "the files are written, but the case's record of them was not saved: {}",
                    e.message
                ));
            }
        }
    }

    fn was_exported(&self, path: &Path) -> CmdResult<PathBuf> {
        let set = self.exported.lock().unwrap_or_else(|e| e.into_inner());
        if set.contains(path) {
            Ok(path.to_path_buf())
        } else {
            Err(CmdError::new(
                "path",
                format!("{}: not a file this window exported", path.display()),
            ))
        }
    }
}

fn profile_from(value: serde_json::Value) -> CmdResult<CaseProfile> {
    CaseProfile::from_json(&value.to_string(), "the case being edited")
        .map_err(|e| CmdError::new("invalid-profile", e.to_string()))
}

fn date_from(date: Option<String>) -> CmdResult<chrono::NaiveDate> {
    match date.filter(|d| !d.is_empty()) {
        None => Ok(chrono::Local::now().date_naive()),
        Some(d) => chrono::NaiveDate::parse_from_str(&d, "%Y-%m-%d")
            .map_err(|_| CmdError::new("invalid", format!("{d}: not a date (YYYY-MM-DD)"))),
    }
}

/// What the page needs to start.
#[derive(Debug, Serialize, TS)]
pub struct AppInfo {
    pub version: &'static str,
    pub data_dir: PathBuf,
    pub templates_dir: PathBuf,
    pub styles: Vec<String>,
    /// The example case, created on this first run.
    pub first_case: Option<CaseId>,
    pub store_error: Option<String>,
    pub today: String,
}

#[tauri::command]
async fn app_info(state: State<'_, AppState>) -> CmdResult<AppInfo> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION"),
        data_dir: state.ws.data_dir().to_path_buf(),
        templates_dir: state.ws.templates_dir().to_path_buf(),
        styles: state.ws.styles(),
        first_case: *state.first_case.lock().unwrap_or_else(|e| e.into_inner()),
        store_error: state.store_error.clone(),
        today: chrono::Local::now().date_naive().to_string(),
    })
}

/// The bytes of one of the fonts the PDF embeds, so the preview draws with the very same
/// faces (index into `drafter::typeset::fonts::Face::ALL`).
#[tauri::command]
async fn font(index: usize) -> CmdResult<Response> {
    let face = drafter::typeset::fonts::Face::ALL
        .get(index)
        .ok_or_else(|| CmdError::new("invalid", format!("no font {index}")))?;
    Ok(Response::new(face.bytes().to_vec()))
}

/// The page calls this when its first screen is drawn; returns milliseconds since the
/// process started.
#[tauri::command]
async fn first_screen(state: State<'_, AppState>) -> CmdResult<f64> {
    let ms = STARTED
        .get()
        .map(|t| t.elapsed().as_secs_f64() * 1000.0)
        .unwrap_or(0.0);
    let mut slot = state
        .first_screen_ms
        .lock()
        .unwrap_or_else(|e| e.into_inner());
    let ms = *slot.get_or_insert(ms);
    Ok(ms)
}

/// Whether the page holds edits not yet saved (asked about when the window closes).
#[tauri::command]
async fn set_unsaved(state: State<'_, AppState>, unsaved: bool) -> CmdResult<()> {
    state.unsaved.store(unsaved, Ordering::SeqCst);
    Ok(())
}

#[tauri::command]
async fn list_cases(
    state: State<'_, AppState>,
    query: String,
    include_archived: bool,
) -> CmdResult<Vec<CaseSummary>> {
    let opts = ListOptions {
        include_archived,
        limit: Some(500),
    };
    state.with_store(|s| {
        Ok(if query.trim().is_empty() {
            s.list(&opts)?
        } else {
            s.search(&query, &opts)?
        })
    })
}

#[tauri::command]
async fn open_case(state: State<'_, AppState>, id: i64, rev: Option<u32>) -> CmdResult<Revision> {
    state.with_store(|s| Ok(s.show(CaseId(id), rev.map(Rev))?))
}

#[tauri::command]
async fn create_case(state: State<'_, AppState>, title: String) -> CmdResult<Revision> {
    state.with_store(|s| Ok(workbench::create_case(s, &title)?))
}

/// How long an editing session may pause and still amend its own revision.
pub const SESSION_IDLE: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Saves the case being edited. `session` is the revision this editing session saved
/// last: while it is the latest and less than [`SESSION_IDLE`] old it is amended, so one
/// sitting of edits is one revision; a save that changes nothing adds nothing.
#[tauri::command]
async fn save_case(
    state: State<'_, AppState>,
    id: i64,
    profile: serde_json::Value,
    base: u32,
    session: Option<u32>,
) -> CmdResult<Rev> {
    let profile = profile_from(profile)?;
    state.with_store(|s| {
        Ok(s.save_session(
            CaseId(id),
            &profile,
            Rev(base),
            session.map(Rev),
            SESSION_IDLE,
        )?)
    })
}

#[tauri::command]
async fn duplicate_case(state: State<'_, AppState>, id: i64) -> CmdResult<CaseId> {
    state.with_store(|s| Ok(s.duplicate(CaseId(id), None)?))
}

#[tauri::command]
async fn rename_case(state: State<'_, AppState>, id: i64, title: String) -> CmdResult<()> {
    state.with_store(|s| Ok(s.rename(CaseId(id), &title)?))
}

#[tauri::command]
async fn set_archived(state: State<'_, AppState>, id: i64, archived: bool) -> CmdResult<()> {
    state.with_store(|s| {
        if archived {
            s.archive(CaseId(id))?
        } else {
            s.unarchive(CaseId(id))?
        }
        Ok(())
    })
}

// The store's key. The store opens locked unless the desktop's secret store (or
// DRAFTER_PASSPHRASE) has its key; the page then asks for the passphrase (or, the first
// time, for a new one) and sends it to `unlock`. The passphrase never comes back out, and
// no message names it.

/// Whether the store is locked, and how many revisions hold sealed protected values.
#[tauri::command]
async fn store_status(state: State<'_, AppState>) -> CmdResult<StoreStatus> {
    state.with_store(|s| Ok(s.status()?))
}

/// What `unlock` answers: the store's state now, and the example case when this unlock
/// saved it (the first run of a store whose key was not available at start).
#[derive(Debug, Serialize, TS)]
pub struct Unlocked {
    pub status: StoreStatus,
    pub first_case: Option<CaseId>,
}

/// Opens the store's key with `passphrase` (setting it, when the store has none yet), and
/// remembers the key in the desktop's secret store when `remember` is set and there is one.
#[tauri::command]
async fn unlock(
    state: State<'_, AppState>,
    passphrase: String,
    remember: bool,
) -> CmdResult<Unlocked> {
    let passphrase = zeroize::Zeroizing::new(passphrase);
    state.with_store(|s| {
        s.unlock(&passphrase, remember)?;
        let first_case = state.ws.first_case(s)?;
        if first_case.is_some() {
            *state.first_case.lock().unwrap_or_else(|e| e.into_inner()) = first_case;
        }
        Ok(Unlocked {
            status: s.status()?,
            first_case,
        })
    })
}

/// Changes the store's passphrase: `current` must open it, `new` opens it from now on
/// (the store is unlocked afterwards). Neither passphrase comes back out or is named in a
/// message.
#[tauri::command]
async fn change_passphrase(
    state: State<'_, AppState>,
    current: String,
    new: String,
) -> CmdResult<StoreStatus> {
    let current = zeroize::Zeroizing::new(current);
    let new = zeroize::Zeroizing::new(new);
    state.with_store(|s| {
        s.change_passphrase(&current, &new)?;
        Ok(s.status()?)
    })
}

/// Asks for case files in a native dialog and imports them. `None` when cancelled.
#[tauri::command]
async fn import_cases<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> CmdResult<Option<Vec<drafter::store::Imported>>> {
    let picked = app
        .dialog()
        .file()
        .set_title("Import case files")
        .add_filter("Case files", &["json"])
        .blocking_pick_files();
    let Some(picked) = picked else {
        return Ok(None);
    };
    let paths: Vec<PathBuf> = picked
        .into_iter()
        .filter_map(|p| p.into_path().ok())
        .collect();
    state
        .with_store(|s| Ok(workbench::import_cases(s, &paths)?))
        .map(Some)
}

/// Imports the files last dropped on the window (the window's drop event names them).
#[tauri::command]
async fn import_dropped(state: State<'_, AppState>) -> CmdResult<Vec<drafter::store::Imported>> {
    let paths = std::mem::take(&mut *state.dropped.lock().unwrap_or_else(|e| e.into_inner()));
    state.with_store(|s| Ok(workbench::import_cases(s, &paths)?))
}

#[tauri::command]
async fn history(state: State<'_, AppState>, id: i64) -> CmdResult<Vec<RevisionInfo>> {
    state.with_store(|s| Ok(s.history(CaseId(id))?))
}

/// One field that restoring a revision would change, for a person to read before
/// restoring (a protected value is never shown, only that it changes).
#[derive(Debug, Serialize, TS)]
pub struct ChangeLine {
    /// The field's path (`facts[4].text`); the page puts it in words.
    pub field: String,
    /// The value now, as text; `None` when restoring adds the field.
    pub now: Option<String>,
    /// The value after restoring; `None` when restoring removes the field.
    pub restored: Option<String>,
}

fn shown(v: &serde_json::Value) -> String {
    let text = match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let text = drafter::rules::protect::redact_known(&text);
    if text.chars().count() > 2000 {
        format!("{}…", text.chars().take(2000).collect::<String>())
    } else {
        text
    }
}

/// What restoring revision `rev` would change in the case as saved now.
#[tauri::command]
async fn revision_diff(
    state: State<'_, AppState>,
    id: i64,
    rev: u32,
) -> CmdResult<Vec<ChangeLine>> {
    state.with_store(|s| {
        let latest = s.case(CaseId(id))?.latest_rev;
        let changes = s.diff(CaseId(id), latest, Rev(rev))?;
        Ok(changes
            .into_iter()
            .map(|c| {
                let protected = c.path.contains(".protected");
                let text = |v: &Option<serde_json::Value>| {
                    v.as_ref().map(|v| {
                        if protected {
                            "(protected value)".to_string()
                        } else {
                            shown(v)
                        }
                    })
                };
                ChangeLine {
                    now: text(&c.before),
                    restored: text(&c.after),
                    field: c.path,
                }
            })
            .collect())
    })
}

#[tauri::command]
async fn restore_revision(state: State<'_, AppState>, id: i64, rev: u32) -> CmdResult<Rev> {
    state.with_store(|s| Ok(s.restore(CaseId(id), Rev(rev))?))
}

#[tauri::command]
async fn known_counsel(state: State<'_, AppState>) -> CmdResult<Vec<KnownCounsel>> {
    state.with_store(|s| Ok(s.known_counsel()?))
}

#[tauri::command]
async fn known_courts(state: State<'_, AppState>) -> CmdResult<Vec<KnownCourt>> {
    state.with_store(|s| Ok(s.known_courts()?))
}

#[tauri::command]
async fn list_templates(state: State<'_, AppState>) -> CmdResult<Vec<TemplateEntry>> {
    Ok(state.ws.templates())
}

#[tauri::command]
async fn customize_template(
    state: State<'_, AppState>,
    from: String,
    name: String,
) -> CmdResult<PathBuf> {
    Ok(state.ws.customize(&from, &name)?)
}

/// Settings of a preview or export, as the page sends them.
#[derive(Debug, Deserialize, TS)]
pub struct DraftArgs {
    pub template: String,
    /// The document's date (`YYYY-MM-DD`); today when absent or empty.
    #[ts(optional = nullable)]
    pub date: Option<String>,
    /// A court style that overrides the case's.
    #[ts(optional = nullable)]
    pub style: Option<String>,
}

impl DraftArgs {
    fn options(self) -> CmdResult<DraftOptions> {
        Ok(DraftOptions {
            template: self.template,
            date: date_from(self.date)?,
            style: self.style.filter(|s| !s.is_empty()),
        })
    }
}

/// The live preview: findings, pages as SVG, deadlines. Runs on a worker thread, so the
/// window keeps taking keystrokes while it lays out. `have` holds the keys of the pages
/// the window shows: those pages come back as `""` (only changed pages cross the IPC).
#[tauri::command]
async fn draft(
    state: State<'_, AppState>,
    profile: serde_json::Value,
    args: DraftArgs,
    have: Option<Vec<String>>,
) -> CmdResult<Draft> {
    let profile = profile_from(profile)?;
    let mut d = state.ws.draft(&profile, &args.options()?);
    d.keep_known(&have.unwrap_or_default());
    Ok(d)
}

fn save_dialog<R: Runtime>(app: &AppHandle<R>, state: &AppState, name: &str) -> Option<PathBuf> {
    if let Some(dir) = &state.save_dir {
        return Some(dir.join(name));
    }
    app.dialog()
        .file()
        .set_title("Export filing")
        .set_file_name(name)
        .add_filter("PDF", &["pdf"])
        .blocking_save_file()
        .and_then(|p| p.into_path().ok())
}

fn folder_dialog<R: Runtime>(app: &AppHandle<R>, state: &AppState) -> Option<PathBuf> {
    if let Some(dir) = &state.save_dir {
        return Some(dir.clone());
    }
    app.dialog()
        .file()
        .set_title("Export the packet into a folder")
        .blocking_pick_folder()
        .and_then(|p| p.into_path().ok())
}

/// How the app exports: a person confirms Rule 5.2 findings in the export dialog; a
/// read-only file is never replaced; a filing the case is not ready for is refused with
/// its reason, and then nothing is written (a packet is never written without it).
fn export_options(opts: &DraftOptions, confirm_privacy: bool) -> ExportOptions {
    ExportOptions {
        confirm_privacy,
        not_ready: NotReady::Refuse,
        ..ExportOptions::new(opts.filing_options())
    }
}

/// Asks where to save (native dialog) and exports one filing there. `None` when cancelled.
#[tauri::command]
async fn export_filing<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    profile: serde_json::Value,
    args: DraftArgs,
    confirm_privacy: bool,
    case_id: Option<i64>,
) -> CmdResult<Option<ExportReport>> {
    let profile = profile_from(profile)?;
    let name = format!("{}.pdf", args.template);
    let opts = args.options()?;
    let Some(path) = save_dialog(&app, &state, &name) else {
        return Ok(None);
    };
    let path = export::chosen_file(&path)?;
    let mut report = export::export_filing(
        &profile,
        &state.ws.catalog(),
        &opts.template,
        &path,
        &export_options(&opts, confirm_privacy),
    )?;
    state.remember(&mut report, case_id, &profile);
    Ok(Some(report))
}

/// Asks for a folder (native dialog) and exports the filings a person chose, in their
/// order, with the packet and its index, as one set, reporting each step on `progress`.
/// A chosen filing the case is not ready for refuses the whole packet (nothing is
/// written) with its reason. `None` when cancelled.
#[tauri::command]
// A command's arguments are the page's named parameters (two are Tauri's own).
#[allow(clippy::too_many_arguments)]
async fn export_packet<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    profile: serde_json::Value,
    args: DraftArgs,
    templates: Vec<String>,
    confirm_privacy: bool,
    case_id: Option<i64>,
    progress: Channel<Progress>,
) -> CmdResult<Option<ExportReport>> {
    let profile = profile_from(profile)?;
    let opts = args.options()?;
    if templates.is_empty() {
        return Err(CmdError::new(
            "invalid",
            "choose at least one filing for the packet",
        ));
    }
    let Some(dir) = folder_dialog(&app, &state) else {
        return Ok(None);
    };
    let dir = export::chosen_folder(&dir)?;
    let catalog = state.ws.catalog();
    let mut report = export::export_set(
        &profile,
        &catalog,
        &FilingSet::chosen(templates),
        &dir,
        &export_options(&opts, confirm_privacy),
        |p| {
            let _ = progress.send(p);
        },
    )?;
    state.remember(&mut report, case_id, &profile);
    Ok(Some(report))
}

/// Opens a file this run exported in the system's viewer.
#[tauri::command]
async fn open_exported<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> CmdResult<()> {
    let path = state.was_exported(&path)?;
    app.opener()
        .open_path(path.to_string_lossy(), None::<&str>)
        .map_err(|e| CmdError::new("open", format!("{}: {e}", path.display())))
}

/// Shows a file this run exported in the system's file manager.
#[tauri::command]
async fn reveal_exported<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: PathBuf,
) -> CmdResult<()> {
    let path = state.was_exported(&path)?;
    app.opener()
        .reveal_item_in_dir(&path)
        .map_err(|e| CmdError::new("open", format!("{}: {e}", path.display())))
}

// Edits of the case that must keep it consistent: each is one call into
// drafter::profile's edit functions, which change every reference to a party with it.

/// Renames `parties[index]`'s id to `id` in the case being edited; counsel, claims and
/// service records follow. Answers the edited case (nothing is saved here).
#[tauri::command]
async fn rename_party(
    profile: serde_json::Value,
    index: usize,
    id: String,
) -> CmdResult<PartyEdit> {
    let mut profile = profile_from(profile)?;
    profile
        .rename_party(index, &id)
        .map_err(|e| CmdError::new("invalid", e.to_string()))?;
    Ok(PartyEdit {
        profile,
        notes: Vec::new(),
    })
}

/// Removes `parties[index]` and every reference to it from the case being edited;
/// `notes` say which claims now run against all defendants.
#[tauri::command]
async fn remove_party(profile: serde_json::Value, index: usize) -> CmdResult<PartyEdit> {
    let mut profile = profile_from(profile)?;
    let (_, notes) = profile
        .remove_party(index)
        .map_err(|e| CmdError::new("invalid", e.to_string()))?;
    Ok(PartyEdit { profile, notes })
}

// Exhibits: the case's `exhibits` list is edited in the page; these read a file before
// it is attached.

/// Reads and checks a file a person attaches as `label` ("Exhibit B"): its page count and
/// what to check by eye, or why it is refused (encrypted, damaged, not a PDF or image).
/// Runs on a worker thread: a 500-page PDF does not stop the window.
#[tauri::command]
async fn inspect_exhibit(title: String, file: String, label: String) -> CmdResult<ExhibitInfo> {
    let exhibit = drafter::profile::Exhibit { title, file };
    drafter::exhibit::inspect(&exhibit, &label).map_err(|e| CmdError::new("exhibit", e.to_string()))
}

/// Asks for an exhibit file (native dialog): its absolute path, or `None` when cancelled.
#[tauri::command]
async fn pick_exhibit<R: Runtime>(app: AppHandle<R>) -> CmdResult<Option<PathBuf>> {
    Ok(app
        .dialog()
        .file()
        .set_title("Attach an exhibit")
        .add_filter("PDF or scanned page", &["pdf", "png", "jpg", "jpeg"])
        .blocking_pick_file()
        .and_then(|p| p.into_path().ok()))
}

/// The app on `builder`: state, plugins, the commands, and the window's close and drop
/// handling. (`tauri::Builder::default()` for the app, `tauri::test::mock_builder()` in tests.)
pub fn configure<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            app_info,
            font,
            first_screen,
            set_unsaved,
            list_cases,
            open_case,
            create_case,
            save_case,
            duplicate_case,
            rename_case,
            set_archived,
            import_cases,
            import_dropped,
            history,
            restore_revision,
            revision_diff,
            known_counsel,
            known_courts,
            store_status,
            unlock,
            change_passphrase,
            list_templates,
            customize_template,
            draft,
            export_filing,
            export_packet,
            open_exported,
            reveal_exported,
            rename_party,
            remove_party,
            inspect_exhibit,
            pick_exhibit,
        ])
        .on_window_event(|window, event| match event {
            tauri::WindowEvent::CloseRequested { api, .. } => {
                let state = window.state::<AppState>();
                if !state.unsaved.load(Ordering::SeqCst) {
                    return;
                }
                api.prevent_close();
                let window = window.clone();
                let app = window.app_handle().clone();
                std::thread::spawn(move || {
                    let close = app
                        .dialog()
                        .message("This case has edits that are not saved yet. Close anyway and lose them?")
                        .title("Unsaved edits")
                        .kind(MessageDialogKind::Warning)
                        .buttons(MessageDialogButtons::OkCancelCustom(
                            "Close without saving".into(),
                            "Keep editing".into(),
                        ))
                        .blocking_show();
                    if close {
                        let _ = window.destroy();
                    }
                });
            }
            tauri::WindowEvent::DragDrop(tauri::DragDropEvent::Drop { paths, .. }) => {
                let state = window.state::<AppState>();
                let count = paths.len();
                *state.dropped.lock().unwrap_or_else(|e| e.into_inner()) = paths.clone();
                let _ = window.emit("files-dropped", count);
            }
            _ => {}
        })
}

/// Runs the desktop app.
pub fn run() {
    mark_start();
    configure(tauri::Builder::default(), AppState::from_env())
        .run(tauri::generate_context!())
        .expect("error while running Drafter");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn no_gpu_turns_compositing_off_unless_the_person_chose() {
        let none = |_: &str| false;
        assert_eq!(rendering_for(none, false), Rendering::CpuNoGpu);
        assert_eq!(rendering_for(none, true), Rendering::Default);
        for var in [
            "WEBKIT_DISABLE_COMPOSITING_MODE",
            "WEBKIT_FORCE_COMPOSITING_MODE",
        ] {
            let set = |name: &str| name == var;
            assert_eq!(rendering_for(set, false), Rendering::AsSet, "{var}");
            assert_eq!(rendering_for(set, true), Rendering::AsSet, "{var}");
        }
    }

    #[test]
    fn a_render_node_is_a_gpu() {
        let dir = tempfile::tempdir().unwrap();
        assert!(!has_render_node(&dir.path().join("absent")));
        assert!(!has_render_node(dir.path()));
        std::fs::write(dir.path().join("card0"), "").unwrap();
        assert!(!has_render_node(dir.path()), "a card without a render node");
        std::fs::write(dir.path().join("renderD128"), "").unwrap();
        assert!(has_render_node(dir.path()));
    }
}
