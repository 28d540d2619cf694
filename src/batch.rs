//! Exporting many filings at once: one template filled with each of many case profiles,
//! on every core, into one folder (`drafter export --batch DIR --template NAME --out DIR`).
//!
//! Each profile is loaded, prepared and checked exactly as a single export is (the same
//! refusals: protected identities, Rule 41, Rule 5.2 findings without the override), and
//! its PDF goes to a temporary file beside the target. Once every filing has been
//! tried, the temporary files are flushed to disk together (one `syncfs` on Linux rather
//! than one `fsync` per file) and only then renamed into place: as with a single export,
//! no partial file is ever left where an output should be. A profile that fails is
//! reported with its name and message; the others are still written.

use crate::filing::{self, Options};
use crate::profile::CaseProfile;
use crate::template::Catalog;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// One filing to export: a profile file, or a profile already in memory.
#[derive(Debug, Clone)]
pub enum BatchInput {
    /// A case profile JSON file; the output is named after its stem.
    File(PathBuf),
    /// A profile and the output's name (without `.pdf`).
    Profile {
        name: String,
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
}

/// Every `*.json` file in `dir`, sorted by name.
pub fn inputs_in(dir: &Path) -> std::io::Result<Vec<BatchInput>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    Ok(files.into_iter().map(BatchInput::File).collect())
}

/// How to export a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    pub template: String,
    pub opts: Options,
    /// Export even when the Rule 5.2 scan finds something (after review).
    pub allow_privacy_findings: bool,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
}

/// What happened to each filing of a batch, in input order.
#[derive(Debug, Default)]
pub struct BatchReport {
    /// The PDFs written.
    pub written: Vec<PathBuf>,
    /// Filings that were refused or failed: (name, message).
    pub failed: Vec<(String, String)>,
    /// Warnings of filings that were written: (name, message).
    pub warnings: Vec<(String, String)>,
}

enum Outcome {
    Written {
        tmp: tempfile::TempPath,
        target: PathBuf,
        warnings: Vec<String>,
    },
    Failed(String),
}

/// Exports every input with one template into `out_dir/<name>.pdf`, using
/// `options.threads` threads (every core by default).
pub fn export_batch(
    inputs: &[BatchInput],
    catalog: &Catalog,
    out_dir: &Path,
    options: &BatchOptions,
) -> std::io::Result<BatchReport> {
    std::fs::create_dir_all(out_dir)?;
    let threads = match options.threads {
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
                let outcome = export_one(input, catalog, out_dir, options);
                if let Ok(mut all) = outcomes.lock() {
                    all[i] = Some(outcome);
                }
            });
        }
    });
    let outcomes = outcomes
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);

    // Flush every temporary file before any is renamed into place.
    sync_written(out_dir, &outcomes)?;
    let mut report = BatchReport::default();
    for (input, outcome) in inputs.iter().zip(outcomes) {
        match outcome {
            Some(Outcome::Written {
                tmp,
                target,
                warnings,
            }) => {
                tmp.persist(&target).map_err(|e| e.error)?;
                report
                    .warnings
                    .extend(warnings.into_iter().map(|w| (input.name(), w)));
                report.written.push(target);
            }
            Some(Outcome::Failed(message)) => report.failed.push((input.name(), message)),
            None => report
                .failed
                .push((input.name(), "the export did not run".into())),
        }
    }
    if !report.written.is_empty() {
        // The renames themselves.
        std::fs::File::open(out_dir)?.sync_all()?;
    }
    Ok(report)
}

fn export_one(
    input: &BatchInput,
    catalog: &Catalog,
    out_dir: &Path,
    options: &BatchOptions,
) -> Outcome {
    let loaded;
    let profile = match input {
        BatchInput::File(path) => match CaseProfile::from_path(path) {
            Ok(p) => {
                loaded = p;
                &loaded
            }
            Err(e) => return Outcome::Failed(e.to_string()),
        },
        BatchInput::Profile { profile, .. } => profile,
    };
    let filing = match filing::prepare(profile, catalog, &options.template, &options.opts) {
        Ok(f) => f,
        Err(e) => return Outcome::Failed(e.to_string()),
    };
    if !filing.privacy.is_empty() && !options.allow_privacy_findings {
        let places: Vec<String> = filing.privacy.iter().map(|p| p.to_string()).collect();
        return Outcome::Failed(format!(
            "the Fed. R. Civ. P. 5.2 scan found {} item(s) to redact ({}); fix them, or review and export with --allow-privacy-findings",
            filing.privacy.len(),
            places.join("; ")
        ));
    }
    let bytes = filing.to_pdf();
    let written = (|| -> std::io::Result<tempfile::TempPath> {
        let mut tmp = tempfile::Builder::new()
            .prefix(".drafter-")
            .suffix(".tmp")
            .tempfile_in(out_dir)?;
        std::io::Write::write_all(&mut tmp, &bytes)?;
        Ok(tmp.into_temp_path())
    })();
    match written {
        Ok(tmp) => Outcome::Written {
            tmp,
            target: out_dir.join(format!("{}.pdf", input.name())),
            warnings: filing.warnings.iter().map(|w| w.to_string()).collect(),
        },
        Err(e) => Outcome::Failed(format!("{}: cannot write: {e}", out_dir.display())),
    }
}

/// Makes the temporary files' contents durable: one `syncfs` for the whole file system
/// on Linux, one `fsync` per file elsewhere.
// The crate's one unsafe call: the standard library has no `syncfs`, and one call for the
// whole batch replaces an `fsync` per file (see the SAFETY note inside).
#[allow(unsafe_code)]
fn sync_written(out_dir: &Path, outcomes: &[Option<Outcome>]) -> std::io::Result<()> {
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        let dir = std::fs::File::open(out_dir)?;
        // SAFETY: syncfs only reads the descriptor, which `dir` keeps open.
        if unsafe { libc::syncfs(dir.as_raw_fd()) } == 0 {
            return Ok(());
        }
    }
    let _ = out_dir;
    for o in outcomes.iter().flatten() {
        if let Outcome::Written { tmp, .. } = o {
            std::fs::OpenOptions::new()
                .write(true)
                .open(tmp)?
                .sync_all()?;
        }
    }
    Ok(())
}
