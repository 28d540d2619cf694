//! The one export path: a filing, a set of filings with its packet and index, or a batch
//! of profiles, written to disk with one options type ([`ExportOptions`]), one
//! privacy-confirmation rule, and one policy for filings that are not ready
//! ([`NotReady`], chosen by the caller). The command line, the desktop app and batch runs
//! all call into this module; none of them decides anything about exporting.
//!
//! What an export promises:
//!
//! - **Everything is laid out and checked before anything is written.** A filing that is
//!   not ready is refused or skipped (and reported) as the caller chose; a protected
//!   identity in the text is always refused; Rule 5.2 findings need
//!   [`ExportOptions::confirm_privacy`].
//! - **Only regular files are replaced.** A target that is a folder, a FIFO, a device, a
//!   socket or a symlink to one of those is refused; a read-only file is refused unless
//!   [`ExportOptions::replace_read_only`]. (Checked just before writing; a file swapped in
//!   between the check and the rename is not guarded against.)
//! - **A set is a transaction.** The filings, `packet.pdf` and `index.json` are written
//!   into a hidden staging folder inside the target folder (`.drafter-set-*`). Once all
//!   are on disk a journal (`.commit`) is written into it: that is the commit point. Then
//!   the old `index.json` and `packet.pdf` and the files only the old index listed are
//!   removed and the new files moved in, `index.json` last. A run killed before the commit
//!   point leaves the old set (the next export removes the staging folder); one killed
//!   after it is completed by the next export in that folder. Whenever an `index.json` is
//!   present, the files beside it are the ones it lists, with its hashes.
//! - **A batch** writes each PDF to a hidden temporary file, flushes them together, and
//!   renames each into place; an output it cannot write is reported and skipped.
//! - **Temporary files never stay.** Every failure path removes them; a run that was
//!   killed leaves hidden `.drafter-*` files that the next export into the same folder
//!   sweeps away ([`sweep`]). Exports into one folder take a lock on it (Linux), so one
//!   never sweeps another's files.
//!
//! Every exported byte goes through [`write_hidden`]: the one place a guard on outgoing
//! bytes belongs.

use crate::filing::{self, Filing, FilingError, Options};
use crate::pdf::PdfInfo;
use crate::profile::{CaseProfile, ProfileError};
use crate::rules::protect::Guard;
use crate::template::{Catalog, TemplateError};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// How to export: the same for a filing, a set and a batch.
#[derive(Debug, Clone)]
pub struct ExportOptions {
    /// The document date and the court style override.
    pub filing: Options,
    /// The person reviewed the Rule 5.2 findings and exports anyway.
    pub confirm_privacy: bool,
    /// What to do with a filing the case is not ready for.
    pub not_ready: NotReady,
    /// Replace a target file that is read-only.
    pub replace_read_only: bool,
    /// Worker threads for a batch; 0 means one per core.
    pub threads: usize,
}

impl ExportOptions {
    /// Refuse what is not ready, confirm nothing, replace no read-only file, every core.
    pub fn new(filing: Options) -> ExportOptions {
        ExportOptions {
            filing,
            confirm_privacy: false,
            not_ready: NotReady::Refuse,
            replace_read_only: false,
            threads: 0,
        }
    }
}

/// What to do with a filing (or a batch's profile) that cannot be produced: the profile
/// lacks something, the template or style is broken, Rule 41 no longer allows it.
/// Refusals that are not about readiness (a protected identity in the text, unconfirmed
/// Rule 5.2 findings, a target that must not be replaced) stop a filing's or a set's
/// export either way; in a batch they are reported for that profile and the others go on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotReady {
    /// Write nothing and report why.
    Refuse,
    /// Write the others and report the ones left out.
    Skip,
}

/// Why a target path cannot receive an export.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TargetProblem {
    /// The output file's path names a folder.
    #[error("is a folder, not a file")]
    Folder,
    /// The path is a special file (named pipe, device, socket, …); the kind is given.
    #[error("is a {0}, not a regular file; only regular files are replaced")]
    NotRegular(&'static str),
    /// The existing file is read-only, so it is not replaced.
    #[error("is read-only and was left as it is")]
    ReadOnly,
    /// A file chosen in a save dialog was given as a relative path.
    #[error("is not an absolute path")]
    NotAbsolute,
    /// A chosen file name has an extension other than `.pdf`.
    #[error("a filing is saved as a .pdf file")]
    NotPdf,
    /// The folder to write into does not exist.
    #[error("the folder does not exist")]
    NoFolder,
    /// A set's output folder path names something that is not a folder.
    #[error("is not a folder")]
    NotFolder,
}

/// Why an export wrote nothing (or, in a batch, why one profile was not exported).
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// A filing could not be produced.
    #[error("{template}: {error}")]
    Filing {
        /// The template of the filing.
        template: String,
        /// Why it could not be produced.
        error: FilingError,
    },
    /// A file or folder would be named with a protected value (a name the person chose,
    /// or one made from a batch's input file).
    #[error("{template}: refused: {} (choose a name without it)", crate::filing::leak_messages(.leaks))]
    ProtectedName {
        /// The template of the filing.
        template: String,
        /// Where the value was found, never the value.
        leaks: Vec<crate::rules::Leak>,
    },
    /// The Rule 5.2 scan found something and the export was not confirmed.
    #[error("{template}: the Fed. R. Civ. P. 5.2 scan found {count} item(s) to redact: {details}. Fix them, or review them and confirm the export")]
    PrivacyUnconfirmed {
        /// The template of the filing.
        template: String,
        /// How many items the scan found.
        count: usize,
        /// The findings, with page and line.
        details: String,
    },
    /// Every filing of a set was skipped.
    #[error("the case is not ready for any filing: {details}")]
    NothingReady {
        /// Why each filing was skipped.
        details: String,
    },
    /// The target must not be replaced.
    #[error("{}: {problem}", path.display())]
    Target {
        /// The target file or folder.
        path: PathBuf,
        /// What is wrong with it.
        problem: TargetProblem,
    },
    /// Writing an output file (or syncing its folder) failed.
    #[error("{}: cannot write: {cause}", path.display())]
    Write {
        /// The file or folder being written.
        path: PathBuf,
        /// The I/O error.
        cause: io::Error,
    },
    /// A batch's input folder could not be listed.
    #[error("{}: cannot read the folder: {cause}", path.display())]
    ReadFolder {
        /// The input folder.
        path: PathBuf,
        /// The I/O error.
        cause: io::Error,
    },
    /// A batch's input folder has no `*.json` case profiles.
    #[error("{}: no *.json case profiles in the folder", path.display())]
    NoProfiles {
        /// The input folder.
        path: PathBuf,
    },
    /// One profile of a batch that [`NotReady::Refuse`] stopped the batch for.
    #[error("{name}: {error}")]
    InBatch {
        /// The profile's name (its file stem, or the name given).
        name: String,
        /// Why that profile could not be exported.
        error: Box<ExportError>,
    },
    /// A case profile file could not be read.
    #[error(transparent)]
    Profile(#[from] ProfileError),
    /// A batch's template cannot be found or used (checked before anything is written).
    #[error(transparent)]
    Template(#[from] TemplateError),
}

impl ExportError {
    /// A short, stable code for the app to branch on.
    pub fn code(&self) -> &'static str {
        match self {
            ExportError::Filing { error, .. } => match error {
                FilingError::Invalid(_) => "invalid",
                FilingError::ProtectedLeak(_) => "protected-leak",
                FilingError::Ineligible(_) => "ineligible",
                FilingError::Glyph { .. } => "glyph",
                FilingError::Template(_) => "template",
                FilingError::Style(_) => "style",
                FilingError::Layout { .. } => "layout",
                FilingError::Exhibit(_) => "exhibit",
            },
            ExportError::ProtectedName { .. } => "protected-leak",
            ExportError::PrivacyUnconfirmed { .. } => "privacy",
            ExportError::NothingReady { .. } => "invalid",
            ExportError::Target { .. } => "path",
            ExportError::Write { .. } | ExportError::ReadFolder { .. } => "io",
            ExportError::NoProfiles { .. } | ExportError::Profile(_) => "invalid-file",
            ExportError::Template(_) => "template",
            ExportError::InBatch { error, .. } => error.code(),
        }
    }

    /// Whether this is a filing the case is not ready for (which [`NotReady::Skip`] skips),
    /// rather than a refusal that stops the export whatever the policy.
    fn is_not_ready(&self) -> bool {
        match self {
            ExportError::Filing { error, .. } => !matches!(
                error,
                FilingError::ProtectedLeak(_) | FilingError::Exhibit(_)
            ),
            ExportError::Profile(_) | ExportError::Template(_) => true,
            _ => false,
        }
    }
}

type Result<T, E = ExportError> = std::result::Result<T, E>;

/// One exported file.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportedFile {
    /// Where the file was written.
    pub path: PathBuf,
    /// The document's title (or the packet's).
    pub title: String,
    /// How many pages it has.
    pub pages: usize,
    /// The SHA-256 of the file's bytes, in hex.
    pub sha256: String,
}

/// What an export of a filing or a set wrote.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ExportReport {
    /// The files written, in order.
    pub files: Vec<ExportedFile>,
    /// The folder it was written to.
    pub folder: PathBuf,
    /// Privacy findings the person confirmed (`template: page P, line L: …`).
    pub confirmed_privacy: Vec<String>,
    /// Filings left out because the case is not ready for them, with why.
    pub skipped: Vec<String>,
    /// Warnings from the filing rules (`template: …`).
    pub warnings: Vec<String>,
    /// Sealed papers written on their own (`sealed/<name>.pdf` beside a set), never in a
    /// packet or an index.
    pub sealed: Vec<ExportedFile>,
    /// Templates of the set that make no document for this case, with why (a proof of
    /// service with no service recorded, a local-rule paper in another court).
    pub not_applicable: Vec<String>,
}

/// Progress of a set's export.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// Steps done, of `total`.
    pub done: usize,
    /// How many steps there are in all.
    pub total: usize,
    /// What is happening now ("Laying out complaint", "Writing packet.pdf").
    pub step: String,
}

/// One entry of a packet's `index.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The file's name in the set's folder.
    pub file: String,
    /// The template it was made from.
    pub template: String,
    /// The document's title.
    pub title: String,
    /// How many pages it has.
    pub pages: usize,
    /// The SHA-256 of the file's bytes, in hex.
    pub sha256: String,
    /// The exhibits bound into it, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exhibits: Vec<crate::exhibit::IndexedExhibit>,
}

/// The file names a set's index is written under.
pub const INDEX: &str = "index.json";
/// The file name of a set's packet.
pub const PACKET: &str = "packet.pdf";
/// The folder, inside a set's folder, that sealed papers are written to.
pub const SEALED_FOLDER: &str = "sealed";

/// The templates of a set, in the order they are written and bound into the packet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilingSet {
    /// Template names, in order.
    pub templates: Vec<String>,
}

impl FilingSet {
    /// Every template of the catalog (broken ones too: the policy decides), the built-in
    /// ones first in their own order, then the firm's by name.
    pub fn every(catalog: &Catalog) -> FilingSet {
        let order = |name: &str| {
            crate::template::BUILTIN
                .iter()
                .position(|(b, _)| *b == name)
                .unwrap_or(usize::MAX)
        };
        let mut templates: Vec<String> = catalog.list().into_iter().map(|t| t.name).collect();
        templates.sort_by_key(|n| (order(n), n.clone()));
        FilingSet { templates }
    }

    /// The templates a person chose, in their order.
    pub fn chosen(templates: Vec<String>) -> FilingSet {
        FilingSet { templates }
    }
}

// ---------------------------------------------------------------------------------------
// Preparing and the refusals.

/// Lays out one filing and applies the privacy-confirmation rule; the confirmed findings
/// are returned with it.
fn prepare(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    opts: &ExportOptions,
) -> Result<(Filing, Vec<String>)> {
    let filing = filing::prepare(profile, catalog, template, &opts.filing).map_err(|error| {
        ExportError::Filing {
            template: template.to_string(),
            error,
        }
    })?;
    let confirmed = confirm_privacy(&filing, opts.confirm_privacy)?;
    Ok((filing, confirmed))
}

/// The one privacy-confirmation rule: a filing with Rule 5.2 findings is exported only
/// when the person confirmed them. Returns the confirmed findings.
fn confirm_privacy(filing: &Filing, confirmed: bool) -> Result<Vec<String>> {
    let found: Vec<String> = filing.privacy.iter().map(|p| p.to_string()).collect();
    if found.is_empty() || confirmed {
        return Ok(found
            .into_iter()
            .map(|p| format!("{}: {p}", filing.template))
            .collect());
    }
    Err(ExportError::PrivacyUnconfirmed {
        template: filing.template.clone(),
        count: found.len(),
        details: found.join("; "),
    })
}

fn warnings(filing: &Filing) -> impl Iterator<Item = String> + '_ {
    filing
        .warnings
        .iter()
        .map(move |w| format!("{}: {w}", filing.template))
}

// ---------------------------------------------------------------------------------------
// Names.

/// Refuses `name`, a file or folder name Drafter is about to give, when it holds a
/// protected value in any form the filing's own guard reads (the surname alone, a
/// look-alike letter, an invisible character).
fn guard_name(guard: &Guard, template: &str, name: &str) -> Result<()> {
    let leaks = guard.check_name(name);
    if leaks.is_empty() {
        return Ok(());
    }
    Err(ExportError::ProtectedName {
        template: template.to_string(),
        leaks,
    })
}

/// Refuses a path the person chose for `template`'s output when Drafter would write a
/// protected value into the file system with it: the file's own name, and the name of
/// every folder it would create on the way. Folders that exist already were named by
/// someone else and are left alone.
pub fn guard_chosen_path(profile: &CaseProfile, template: &str, path: &Path) -> Result<()> {
    let guard = Guard::new(profile);
    let mut at = Some(path);
    while let Some(p) = at {
        if p != path && (p.as_os_str().is_empty() || p.exists()) {
            break;
        }
        if let Some(name) = p.file_name() {
            guard_name(&guard, template, &name.to_string_lossy())?;
        }
        at = p.parent();
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// One filing.

/// Exports one filing as a PDF at `path` (its folder is created if missing), replacing
/// only a regular file there. A filing the case is not ready for is refused whatever
/// [`ExportOptions::not_ready`] says: there is nothing else to write.
pub fn export_filing(
    profile: &CaseProfile,
    catalog: &Catalog,
    template: &str,
    path: &Path,
    opts: &ExportOptions,
) -> Result<ExportReport> {
    guard_chosen_path(profile, template, path)?;
    let (filing, confirmed) = prepare(profile, catalog, template, opts)?;
    let bytes = filing.to_pdf();
    write_output(path, &bytes, opts.replace_read_only)?;
    Ok(ExportReport {
        folder: parent(path).to_path_buf(),
        files: vec![ExportedFile {
            path: path.to_path_buf(),
            title: filing.title.clone(),
            pages: filing.page_count(),
            sha256: filing::sha256_hex(&bytes),
        }],
        confirmed_privacy: confirmed,
        skipped: Vec::new(),
        warnings: warnings(&filing).collect(),
        sealed: Vec::new(),
        not_applicable: Vec::new(),
    })
}

/// Writes `bytes` to `path` as every export does: the target checked, a hidden temporary
/// file beside it flushed to disk, then renamed into place (also for `render --out`).
pub fn write_output(path: &Path, bytes: &[u8], replace_read_only: bool) -> Result<()> {
    let dir = parent(path);
    fs::create_dir_all(dir).map_err(|cause| write_error(dir, cause))?;
    let _lock = FolderLock::take(dir).map_err(|cause| write_error(dir, cause))?;
    sweep(dir).map_err(|cause| write_error(dir, cause))?;
    check_target(path, replace_read_only)?;
    let tmp = write_hidden(dir, bytes, true).map_err(|cause| write_error(path, cause))?;
    tmp.persist(path).map_err(|e| write_error(path, e.error))?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// A set with its packet and index.

/// Exports a set of filings into `dir` as one transaction: `<template>.pdf` for each, in
/// the set's order, `packet.pdf` (all of them, one outline entry each) and `index.json`
/// (file, template, title, pages, SHA-256 of each). A template that makes one document
/// per record (`for_each`) gives one file per record (`proof-of-service-dhs.pdf`); one
/// that makes none for this case is left out and reported
/// ([`ExportReport::not_applicable`]). A sealed paper never joins the packet or the index:
/// it is written on its own under `sealed/` ([`ExportReport::sealed`]). Filings the case is
/// not ready for are refused or skipped as [`ExportOptions::not_ready`] says. `progress`
/// is told each step.
pub fn export_set(
    profile: &CaseProfile,
    catalog: &Catalog,
    set: &FilingSet,
    dir: &Path,
    opts: &ExportOptions,
    mut progress: impl FnMut(Progress),
) -> Result<ExportReport> {
    if !dir.exists() {
        guard_chosen_path(profile, "packet", dir)?;
    }
    let (jobs, not_applicable) = documents_of(profile, catalog, set);
    let total = jobs.len() * 2 + 2;
    let mut done = 0;
    let mut step = |done: &mut usize, text: String| {
        progress(Progress {
            done: *done,
            total,
            step: text,
        });
        *done += 1;
    };
    let mut filings: Vec<Filing> = Vec::new();
    let mut report = ExportReport {
        files: Vec::new(),
        folder: dir.to_path_buf(),
        confirmed_privacy: Vec::new(),
        skipped: Vec::new(),
        warnings: Vec::new(),
        sealed: Vec::new(),
        not_applicable,
    };
    for (name, instance) in &jobs {
        step(&mut done, format!("Laying out {name}"));
        let one = ExportOptions {
            filing: opts.filing.for_instance(instance.as_deref()),
            ..opts.clone()
        };
        match prepare(profile, catalog, name, &one) {
            Ok((f, confirmed)) => {
                report.confirmed_privacy.extend(confirmed);
                report.warnings.extend(warnings(&f));
                filings.push(f);
            }
            Err(e) if e.is_not_ready() && opts.not_ready == NotReady::Skip => {
                report.skipped.push(e.to_string());
            }
            Err(e) => return Err(e),
        }
    }
    if filings.is_empty() {
        let details = report.skipped.iter().chain(&report.not_applicable);
        return Err(ExportError::NothingReady {
            details: details.cloned().collect::<Vec<_>>().join("; "),
        });
    }
    let (sealed, filings): (Vec<Filing>, Vec<Filing>) = filings.into_iter().partition(|f| f.sealed);
    let sealed = sealed_outputs(profile, &sealed, dir, opts)?;
    if filings.is_empty() {
        report.sealed = write_sealed(&sealed, opts)?;
        return Ok(report);
    }

    // The bytes of every file, the index last.
    let mut files: Vec<(String, Vec<u8>)> = Vec::with_capacity(filings.len() + 2);
    let mut index: Vec<IndexEntry> = Vec::with_capacity(filings.len() + 1);
    for f in &filings {
        let file = format!("{}.pdf", f.file_stem);
        let bytes = f.to_pdf();
        index.push(IndexEntry {
            sha256: filing::sha256_hex(&bytes),
            pages: f.page_count(),
            title: f.title.clone(),
            template: f.template.clone(),
            file: file.clone(),
            exhibits: crate::exhibit::indexed(&f.exhibits),
        });
        files.push((file, bytes));
    }
    let bytes = packet(&filings, opts.filing.date);
    index.push(IndexEntry {
        sha256: filing::sha256_hex(&bytes),
        pages: filings.iter().map(|f| f.page_count()).sum(),
        title: "Filing packet".into(),
        template: "packet".into(),
        file: PACKET.into(),
        exhibits: Vec::new(),
    });
    files.push((PACKET.into(), bytes));
    let json = serde_json::to_string_pretty(&index).expect("the index serializes");
    files.push((INDEX.into(), format!("{json}\n").into_bytes()));
    guard_public(profile, &files)?;

    write_set(dir, &files, opts.replace_read_only, |file| {
        step(&mut done, format!("Writing {file}"))
    })?;
    report.sealed = write_sealed(&sealed, opts)?;
    report.files = index
        .into_iter()
        .map(|e| ExportedFile {
            path: dir.join(&e.file),
            title: e.title,
            pages: e.pages,
            sha256: e.sha256,
        })
        .collect();
    progress(Progress {
        done: total,
        total,
        step: "Done".into(),
    });
    Ok(report)
}

/// The documents of a set in order, as (template, record): a `for_each` template once per
/// record. Templates that make nothing for this case are returned apart, with why.
fn documents_of(
    profile: &CaseProfile,
    catalog: &Catalog,
    set: &FilingSet,
) -> (Vec<(String, Option<String>)>, Vec<String>) {
    let mut jobs = Vec::new();
    let mut not_applicable = Vec::new();
    for name in &set.templates {
        match filing::documents(profile, catalog, name) {
            Ok(docs) => jobs.extend(docs.into_iter().map(|d| (name.clone(), d))),
            Err(why) => not_applicable.push(why),
        }
    }
    (jobs, not_applicable)
}

/// A sealed paper of a set, ready to be written on its own.
struct SealedOutput {
    path: PathBuf,
    bytes: Vec<u8>,
    title: String,
    pages: usize,
}

/// Where and what each sealed paper of a set is written as: `sealed/<name>.pdf` under the
/// set's folder, outside the set's transaction, packet and index. Its file name passes
/// the guard like every other, and its target is checked before the set is written.
fn sealed_outputs(
    profile: &CaseProfile,
    sealed: &[Filing],
    dir: &Path,
    opts: &ExportOptions,
) -> Result<Vec<SealedOutput>> {
    let guard = Guard::new(profile);
    let mut out = Vec::new();
    for f in sealed {
        let name = format!("{}.pdf", f.file_stem);
        guard_name(&guard, &f.template, &name)?;
        let path = dir.join(SEALED_FOLDER).join(name);
        check_target(&path, opts.replace_read_only)?;
        out.push(SealedOutput {
            path,
            bytes: f.to_pdf(),
            title: f.title.clone(),
            pages: f.pages.len(),
        });
    }
    Ok(out)
}

/// Writes the sealed papers of a set, each on its own (after the public set).
fn write_sealed(sealed: &[SealedOutput], opts: &ExportOptions) -> Result<Vec<ExportedFile>> {
    let mut out = Vec::new();
    for s in sealed {
        write_output(&s.path, &s.bytes, opts.replace_read_only)?;
        out.push(ExportedFile {
            path: s.path.clone(),
            title: s.title.clone(),
            pages: s.pages,
            sha256: filing::sha256_hex(&s.bytes),
        });
    }
    Ok(out)
}

/// The guard on a public set's file names and index: a protected value in either is
/// refused before anything is written.
fn guard_public(profile: &CaseProfile, files: &[(String, Vec<u8>)]) -> Result<()> {
    use crate::rules::protect::Output;
    let guard = Guard::new(profile);
    let mut leaks = Vec::new();
    for (name, bytes) in files {
        leaks.extend(guard.check_name(name));
        if name == INDEX {
            leaks.extend(guard.check_bytes(Output::Index, bytes));
        }
    }
    if leaks.is_empty() {
        return Ok(());
    }
    Err(ExportError::Filing {
        template: "index".into(),
        error: FilingError::ProtectedLeak(leaks),
    })
}

/// The whole set of a case's filings as one PDF, in order, with one outline entry per
/// filing at its first page (and its exhibits' index and slip sheets), the exhibits'
/// pages merged in.
fn packet(filings: &[Filing], date: NaiveDate) -> Vec<u8> {
    let mut pages = Vec::new();
    let mut inserts = Vec::new();
    for f in filings {
        inserts.extend(crate::exhibit::inserts(&f.exhibits, pages.len()));
        for (i, p) in f.pages.iter().enumerate() {
            let mut p = p.clone();
            p.bookmarks = if i == 0 {
                vec![f.title.clone()]
            } else {
                crate::exhibit::packet_bookmarks(f, i)
            };
            pages.push(p);
        }
    }
    let first = filings.first();
    let subject = first.map(|f| f.info.subject.clone()).unwrap_or_default();
    let info = PdfInfo {
        title: format!("Filing packet — {subject}"),
        author: first.map(|f| f.info.author.clone()).unwrap_or_default(),
        keywords: first.map(|f| f.info.keywords.clone()).unwrap_or_default(),
        subject,
        date,
    };
    crate::pdf::write_with(&pages, &info, &inserts)
}

/// The journal of a staged set: what to remove from the folder, then what to move in
/// from the staging folder, in order.
#[derive(Debug, Serialize, Deserialize)]
struct Journal {
    remove: Vec<String>,
    install: Vec<String>,
}

const STAGING_PREFIX: &str = ".drafter-set-";
const JOURNAL: &str = ".commit";

/// Writes `files` (name, bytes; the index last) into `dir` as one transaction.
fn write_set(
    dir: &Path,
    files: &[(String, Vec<u8>)],
    replace_read_only: bool,
    mut step: impl FnMut(&str),
) -> Result<()> {
    match fs::symlink_metadata(dir) {
        Ok(m) if !m.is_dir() && !fs::metadata(dir).is_ok_and(|m| m.is_dir()) => {
            return Err(ExportError::Target {
                path: dir.to_path_buf(),
                problem: TargetProblem::NotFolder,
            })
        }
        _ => {}
    }
    fs::create_dir_all(dir).map_err(|cause| write_error(dir, cause))?;
    let _lock = FolderLock::take(dir).map_err(|cause| write_error(dir, cause))?;
    sweep(dir).map_err(|cause| write_error(dir, cause))?;
    for (name, _) in files {
        check_target(&dir.join(name), replace_read_only)?;
    }

    // The old set: its index and packet go first (so no index ever describes files it
    // does not match), then the files only it listed.
    let new: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
    let mut remove = vec![INDEX.to_string(), PACKET.to_string()];
    for file in old_index(dir) {
        if !new.contains(&file.as_str()) && !remove.contains(&file) {
            remove.push(file);
        }
    }

    // Stage: removed on drop, i.e. on every failure path before the commit.
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .tempdir_in(dir)
        .map_err(|cause| write_error(dir, cause))?;
    for (name, bytes) in files {
        step(name);
        let tmp = write_hidden(staging.path(), bytes, true)
            .map_err(|cause| write_error(&dir.join(name), cause))?;
        tmp.persist(staging.path().join(name))
            .map_err(|e| write_error(&dir.join(name), e.error))?;
    }
    let journal = Journal {
        remove,
        install: new.iter().map(|s| s.to_string()).collect(),
    };
    let json = serde_json::to_vec(&journal).expect("the journal serializes");
    let tmp = write_hidden(staging.path(), &json, true).map_err(|cause| write_error(dir, cause))?;
    sync_dir(staging.path()).map_err(|cause| write_error(dir, cause))?;
    // The commit point.
    tmp.persist(staging.path().join(JOURNAL))
        .map_err(|e| write_error(dir, e.error))?;
    sync_dir(staging.path()).map_err(|cause| write_error(dir, cause))?;
    let staged = staging.keep();
    install(dir, &staged, &journal).map_err(|cause| write_error(dir, cause))
}

/// The files the folder's current `index.json` lists (plain names only).
fn old_index(dir: &Path) -> Vec<String> {
    let Ok(text) = fs::read_to_string(dir.join(INDEX)) else {
        return Vec::new();
    };
    let Ok(entries) = serde_json::from_str::<Vec<IndexEntry>>(&text) else {
        return Vec::new();
    };
    entries
        .into_iter()
        .map(|e| e.file)
        .filter(|f| is_plain_name(f))
        .collect()
}

fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && name != "."
        && name != ".."
        && !name.starts_with(".drafter-")
        && !name.contains(['/', '\\'])
}

/// Completes a committed set: removes what the journal says (regular files only), moves
/// the staged files in, the index last, then removes the staging folder.
fn install(dir: &Path, staged: &Path, journal: &Journal) -> io::Result<()> {
    for name in journal.remove.iter().filter(|n| is_plain_name(n)) {
        let path = dir.join(name);
        if fs::symlink_metadata(&path).is_ok_and(|m| m.is_file()) {
            match fs::remove_file(&path) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
    }
    for name in journal.install.iter().filter(|n| is_plain_name(n)) {
        let from = staged.join(name);
        if from.exists() {
            fs::rename(&from, dir.join(name))?;
        }
    }
    sync_dir(dir)?;
    fs::remove_dir_all(staged)
}

// ---------------------------------------------------------------------------------------
// A batch.

/// One profile of a batch: a file, or a profile already in memory.
#[derive(Debug, Clone)]
pub enum BatchInput {
    /// A case profile JSON file; the output is named after its stem.
    File(PathBuf),
    /// A profile and the output's name (without `.pdf`).
    Profile {
        /// The output's name, without `.pdf`.
        name: String,
        /// The case profile.
        profile: Box<CaseProfile>,
    },
}

impl BatchInput {
    /// The output's name (without `.pdf`).
    pub fn name(&self) -> String {
        match self {
            BatchInput::File(p) => p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_else(|| "profile".into()),
            BatchInput::Profile { name, .. } => name.clone(),
        }
    }

    /// The case profile, read from its file if it is one.
    fn profile(&self) -> Result<std::borrow::Cow<'_, CaseProfile>> {
        Ok(match self {
            BatchInput::File(path) => std::borrow::Cow::Owned(CaseProfile::from_path(path)?),
            BatchInput::Profile { profile, .. } => std::borrow::Cow::Borrowed(profile),
        })
    }
}

/// Every `*.json` file in `dir`, sorted by name; none is an error.
pub fn inputs_in(dir: &Path) -> Result<Vec<BatchInput>> {
    let read = |cause| ExportError::ReadFolder {
        path: dir.to_path_buf(),
        cause,
    };
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(read)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    if files.is_empty() {
        return Err(ExportError::NoProfiles {
            path: dir.to_path_buf(),
        });
    }
    files.sort();
    Ok(files.into_iter().map(BatchInput::File).collect())
}

/// What happened to each profile of a batch, in input order.
#[derive(Debug, Default)]
pub struct BatchReport {
    /// The PDFs written.
    pub written: Vec<PathBuf>,
    /// Profiles that were not exported: (name, why).
    pub failed: Vec<(String, ExportError)>,
    /// Warnings of filings that were written: (name, message).
    pub warnings: Vec<(String, String)>,
}

enum Outcome {
    Staged {
        tmp: tempfile::TempPath,
        target: PathBuf,
        warnings: Vec<String>,
    },
    Failed(ExportError),
}

/// Exports every input with one template into `out_dir/<name>.pdf` on
/// [`ExportOptions::threads`] threads. A profile that fails, or whose output cannot be
/// written (a folder, a FIFO, a read-only file), is reported and the others are written;
/// with [`NotReady::Refuse`], a profile that is not ready stops the batch before anything
/// is written.
pub fn export_batch(
    inputs: &[BatchInput],
    catalog: &Catalog,
    template: &str,
    out_dir: &Path,
    opts: &ExportOptions,
) -> Result<BatchReport> {
    catalog.get(template)?;
    if !out_dir.exists() {
        // The folder is named for every case in the batch: none of their protected
        // values may be in it. A profile that cannot be read is reported below.
        for profile in inputs.iter().filter_map(|i| i.profile().ok()) {
            guard_chosen_path(&profile, template, out_dir)?;
        }
    }
    fs::create_dir_all(out_dir).map_err(|cause| write_error(out_dir, cause))?;
    let _lock = FolderLock::take(out_dir).map_err(|cause| write_error(out_dir, cause))?;
    sweep(out_dir).map_err(|cause| write_error(out_dir, cause))?;
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    }
    .min(inputs.len().max(1));
    let next = AtomicUsize::new(0);
    let outcomes: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..inputs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(input) = inputs.get(i) else { break };
                let outcome = stage_one(input, catalog, template, out_dir, opts);
                if let Ok(mut all) = outcomes.lock() {
                    all[i] = Some(outcome);
                }
            });
        }
    });
    let outcomes = outcomes
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);

    let mut outcomes = outcomes;
    if opts.not_ready == NotReady::Refuse {
        let first = outcomes
            .iter()
            .position(|o| matches!(o, Some(Outcome::Failed(e)) if e.is_not_ready()));
        if let Some(i) = first {
            // Dropping the outcomes removes every staged file.
            if let Some(Outcome::Failed(e)) = outcomes[i].take() {
                return Err(ExportError::InBatch {
                    name: inputs[i].name(),
                    error: Box::new(e),
                });
            }
        }
    }

    // Flush every staged file before any is renamed into place.
    sync_all(out_dir, &outcomes).map_err(|cause| write_error(out_dir, cause))?;
    let mut report = BatchReport::default();
    for (input, outcome) in inputs.iter().zip(outcomes) {
        match outcome {
            Some(Outcome::Staged {
                tmp,
                target,
                warnings,
            }) => match tmp.persist(&target) {
                Ok(()) => {
                    report
                        .warnings
                        .extend(warnings.into_iter().map(|w| (input.name(), w)));
                    report.written.push(target);
                }
                Err(e) => report
                    .failed
                    .push((input.name(), write_error(&target, e.error))),
            },
            Some(Outcome::Failed(e)) => report.failed.push((input.name(), e)),
            None => report.failed.push((
                input.name(),
                write_error(out_dir, io::Error::other("the export did not run")),
            )),
        }
    }
    if !report.written.is_empty() {
        sync_dir(out_dir).map_err(|cause| write_error(out_dir, cause))?;
    }
    Ok(report)
}

fn stage_one(
    input: &BatchInput,
    catalog: &Catalog,
    template: &str,
    out_dir: &Path,
    opts: &ExportOptions,
) -> Outcome {
    let target = out_dir.join(format!("{}.pdf", input.name()));
    let run = || -> Result<Outcome> {
        check_target(&target, opts.replace_read_only)?;
        let profile = input.profile()?;
        let (filing, _confirmed) = prepare(&profile, catalog, template, opts)?;
        // The output is named after the input: the name leaves too.
        guard_name(&Guard::new(&profile), template, &input.name())?;
        let tmp = write_hidden(out_dir, &filing.to_pdf(), false)
            .map_err(|cause| write_error(&target, cause))?;
        Ok(Outcome::Staged {
            tmp,
            target: target.clone(),
            warnings: filing.warnings.iter().map(|w| w.to_string()).collect(),
        })
    };
    run().unwrap_or_else(Outcome::Failed)
}

/// Makes the staged files durable: one `syncfs` for the whole file system on Linux, one
/// `fsync` per file elsewhere.
// Unsafe allowed: the standard library has no `syncfs`, and one call for the whole set
// replaces an `fsync` per file (see the SAFETY note inside).
#[allow(unsafe_code)]
fn sync_all(out_dir: &Path, outcomes: &[Option<Outcome>]) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let dir = File::open(out_dir)?;
        // SAFETY: syncfs only reads the descriptor, which `dir` keeps open.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    let _ = out_dir;
    for o in outcomes.iter().flatten() {
        if let Outcome::Staged { tmp, .. } = o {
            fs::OpenOptions::new().write(true).open(tmp)?.sync_all()?;
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Files and folders.

/// The one place exported bytes are written: a new hidden temporary file
/// (`.drafter-*.tmp`) in `dir`, flushed to disk when `sync`. It is removed when dropped
/// unless the caller renames it into place.
fn write_hidden(dir: &Path, bytes: &[u8], sync: bool) -> io::Result<tempfile::TempPath> {
    let mut tmp = tempfile::Builder::new()
        .prefix(".drafter-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if sync {
        tmp.as_file().sync_all()?;
    }
    Ok(tmp.into_temp_path())
}

/// Checks that `path` may receive an export: absent, or a regular file (or a symlink to
/// one; the link itself is replaced), writable unless `replace_read_only`.
pub fn check_target(path: &Path, replace_read_only: bool) -> Result<()> {
    let refuse = |problem| ExportError::Target {
        path: path.to_path_buf(),
        problem,
    };
    let meta = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(cause) => return Err(write_error(path, cause)),
    };
    let meta = if meta.file_type().is_symlink() {
        match fs::metadata(path) {
            Ok(m) => m,
            // A dangling link: the link itself is replaced.
            Err(_) => return Ok(()),
        }
    } else {
        meta
    };
    let kind = meta.file_type();
    if kind.is_dir() {
        return Err(refuse(TargetProblem::Folder));
    }
    if !kind.is_file() {
        return Err(refuse(TargetProblem::NotRegular(special_kind(&kind))));
    }
    if meta.permissions().readonly() && !replace_read_only {
        return Err(refuse(TargetProblem::ReadOnly));
    }
    Ok(())
}

fn special_kind(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "named pipe (FIFO)";
        }
        if kind.is_char_device() {
            return "character device";
        }
        if kind.is_block_device() {
            return "block device";
        }
        if kind.is_socket() {
            return "socket";
        }
    }
    let _ = kind;
    "special file"
}

/// Removes what killed exports left in `dir`: hidden temporary files (`.drafter-*.tmp`),
/// staging folders that never reached their commit point; completes the ones that did.
/// Returns what it found.
pub fn sweep(dir: &Path) -> io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(found),
        Err(e) => return Err(e),
    };
    for entry in entries {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_file() && name.starts_with(".drafter-") && name.ends_with(".tmp") {
            fs::remove_file(&path)?;
            found.push(path);
        } else if kind.is_dir() && name.starts_with(STAGING_PREFIX) {
            let journal = fs::read(path.join(JOURNAL))
                .ok()
                .and_then(|b| serde_json::from_slice::<Journal>(&b).ok());
            match journal {
                Some(j) => install(dir, &path, &j)?,
                None => fs::remove_dir_all(&path)?,
            }
            found.push(path);
        }
    }
    Ok(found)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

fn write_error(path: &Path, cause: io::Error) -> ExportError {
    ExportError::Write {
        path: path.to_path_buf(),
        cause,
    }
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// An exclusive lock on a folder for the length of one export, so that two exports into
/// one folder never sweep each other's files (Linux; elsewhere no lock is taken).
struct FolderLock {
    #[cfg(target_os = "linux")]
    _dir: File,
}

impl FolderLock {
    // Unsafe allowed: the standard library has no advisory folder lock (see the SAFETY
    // note inside).
    #[allow(unsafe_code)]
    fn take(dir: &Path) -> io::Result<FolderLock> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let file = File::open(dir)?;
            // SAFETY: flock only uses the descriptor, which `file` keeps open; the lock is
            // released when it is closed.
            if unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX) } != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(FolderLock { _dir: file })
        }
        #[cfg(not(target_os = "linux"))]
        {
            let _ = dir;
            Ok(FolderLock {})
        }
    }
}

// ---------------------------------------------------------------------------------------
// Paths a person chose in the app's dialogs.

/// Checks a PDF path chosen in a save dialog: absolute, in an existing folder; `.pdf` is
/// added when the name has no extension.
pub fn chosen_file(path: &Path) -> Result<PathBuf> {
    let bad = |problem| ExportError::Target {
        path: path.to_path_buf(),
        problem,
    };
    if !path.is_absolute() {
        return Err(bad(TargetProblem::NotAbsolute));
    }
    let mut path = path.to_path_buf();
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("pdf") => {}
        Some(_) => return Err(bad(TargetProblem::NotPdf)),
        None => {
            path.set_extension("pdf");
        }
    }
    match path.parent() {
        Some(dir) if dir.is_dir() => Ok(path),
        _ => Err(bad(TargetProblem::NoFolder)),
    }
}

/// Checks a folder chosen for a set: absolute and existing.
pub fn chosen_folder(dir: &Path) -> Result<PathBuf> {
    if !dir.is_absolute() || !dir.is_dir() {
        return Err(ExportError::Target {
            path: dir.to_path_buf(),
            problem: TargetProblem::NoFolder,
        });
    }
    Ok(dir.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example() -> CaseProfile {
        crate::examples::profile("alt-uscis").unwrap()
    }

    fn opts() -> ExportOptions {
        ExportOptions::new(Options::dated(NaiveDate::from_ymd_opt(2017, 4, 7).unwrap()))
    }

    #[test]
    fn a_set_replaces_the_old_one_and_drops_files_only_the_old_index_listed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let catalog = Catalog::builtin();
        let all = FilingSet::every(&catalog);
        let first = export_set(&example(), &catalog, &all, &out, &opts(), |_| {}).unwrap();
        assert!(out.join("representation-letter.pdf").is_file());
        // The sealed declaration is written on its own, outside the set.
        assert_eq!(first.sealed.len(), 1);
        assert_eq!(
            first.sealed[0].path,
            out.join(SEALED_FOLDER)
                .join("sealed-identity-declaration.pdf")
        );
        assert!(first
            .files
            .iter()
            .all(|f| !f.path.starts_with(out.join(SEALED_FOLDER))));
        let mine = out.join("my-notes.txt");
        fs::write(&mine, "not Drafter's").unwrap();
        let two = FilingSet::chosen(vec!["voluntary-dismissal".into(), "complaint".into()]);
        let r = export_set(&example(), &catalog, &two, &out, &opts(), |_| {}).unwrap();
        let mut names: Vec<String> = fs::read_dir(&out)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "complaint.pdf",
                "index.json",
                "my-notes.txt",
                "packet.pdf",
                "sealed",
                "voluntary-dismissal.pdf"
            ]
        );
        // The chosen order is the index's order.
        let index: Vec<IndexEntry> =
            serde_json::from_str(&fs::read_to_string(out.join(INDEX)).unwrap()).unwrap();
        let files: Vec<&str> = index.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(
            files,
            ["voluntary-dismissal.pdf", "complaint.pdf", "packet.pdf"]
        );
        assert_eq!(r.files.len(), 3);
    }

    #[test]
    fn a_committed_set_left_by_a_killed_run_is_completed_by_the_sweep() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::write(d.join("a.pdf"), "old a").unwrap();
        fs::write(d.join("gone.pdf"), "old only").unwrap();
        fs::write(d.join(INDEX), "old index").unwrap();
        // Killed after the commit point, with `a.pdf` already moved in.
        let staged = d.join(".drafter-set-x1");
        fs::create_dir(&staged).unwrap();
        fs::write(staged.join(INDEX), "new index").unwrap();
        let journal = Journal {
            remove: vec![INDEX.into(), PACKET.into(), "gone.pdf".into()],
            install: vec!["a.pdf".into(), INDEX.into()],
        };
        fs::write(staged.join(JOURNAL), serde_json::to_vec(&journal).unwrap()).unwrap();
        // Killed before its commit point: no journal.
        let uncommitted = d.join(".drafter-set-x2");
        fs::create_dir(&uncommitted).unwrap();
        fs::write(uncommitted.join("a.pdf"), "never").unwrap();
        fs::write(d.join(".drafter-abc.tmp"), "partial").unwrap();
        let found = sweep(d).unwrap();
        assert_eq!(found.len(), 3);
        let mut names: Vec<String> = fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(names, ["a.pdf", INDEX]);
        assert_eq!(fs::read_to_string(d.join(INDEX)).unwrap(), "new index");
        assert_eq!(fs::read_to_string(d.join("a.pdf")).unwrap(), "old a");
    }

    #[test]
    fn skip_reports_what_refuse_refuses() {
        let dir = tempfile::tempdir().unwrap();
        let catalog = Catalog::builtin();
        let mut profile = example();
        profile.facts.clear();
        let all = FilingSet::every(&catalog);
        let e = export_set(&profile, &catalog, &all, dir.path(), &opts(), |_| {}).unwrap_err();
        assert_eq!(e.code(), "invalid", "{e}");
        assert!(e.to_string().starts_with("complaint: "), "{e}");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        let skip = ExportOptions {
            not_ready: NotReady::Skip,
            ..opts()
        };
        let r = export_set(&profile, &catalog, &all, dir.path(), &skip, |_| {}).unwrap();
        assert_eq!(r.skipped.len(), 1, "{:?}", r.skipped);
        assert!(r.skipped[0].contains("complaint") && r.skipped[0].contains("facts"));
        assert!(dir.path().join("voluntary-dismissal.pdf").is_file());
        assert!(!dir.path().join("complaint.pdf").exists());
    }

    #[test]
    fn chosen_paths_are_checked() {
        assert!(chosen_file(Path::new("relative.pdf")).is_err());
        assert!(chosen_file(Path::new("/no/such/folder/x.pdf")).is_err());
        assert!(chosen_file(Path::new("/tmp/x.txt")).is_err());
        assert_eq!(
            chosen_file(Path::new("/tmp/x")).unwrap(),
            Path::new("/tmp/x.pdf")
        );
        assert!(chosen_folder(Path::new("/no/such/dir")).is_err());
        assert!(chosen_folder(Path::new("relative")).is_err());
    }
}
