//! `drafter case …`: the saved-case store from the command line.
//!
//! Thin: parses, calls [`drafter::store`], prints. Ids, revision numbers and paths go to
//! stdout one per line so scripts can capture them; `--json` prints machine-readable
//! output. A refused or failed operation is an error (exit code 1) with the store's
//! message, which names the file, case or revision.
//!
//! Protected values are masked (`case show --json`, `case diff`) or withheld (`case
//! export`) unless `--reveal` is given. The store's key comes from the desktop's secret
//! store, `DRAFTER_PASSPHRASE`, or a prompt on a terminal (see [`open_store`]).

use anyhow::Context;
use drafter::profile::{escape_controls, CaseProfile, Party};
use drafter::store::{CaseId, FieldChange, KeyState, ListOptions, Rev, Store};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

/// Saved cases: list, search, save revisions, history, import and export.
#[derive(Debug, clap::Args)]
pub struct CaseArgs {
    #[command(subcommand)]
    cmd: CaseCommand,
}

#[derive(Debug, clap::Subcommand)]
enum CaseCommand {
    /// List saved cases, most recently saved first
    List {
        /// Only cases whose title, parties, case number, court, facts or exported documents
        /// contain every word
        #[arg(long, value_name = "TEXT")]
        search: Option<String>,
        /// Include archived cases
        #[arg(long)]
        archived: bool,
        /// Print JSON
        #[arg(long)]
        json: bool,
    },
    /// Create a case (prints its id)
    New {
        #[arg(long)]
        title: String,
        /// Start from a built-in example profile (alt-uscis)
        #[arg(long, value_name = "NAME")]
        from_example: Option<String>,
    },
    /// Import case files, or folders of them, in one go: all or nothing (prints the ids)
    Import {
        #[arg(required = true, value_name = "FILE|DIR")]
        paths: Vec<PathBuf>,
    },
    /// Save a profile file as a new revision of a case (prints the revision)
    Save {
        id: CaseId,
        file: PathBuf,
        /// The revision the file was based on; refused if the case was saved since
        #[arg(long, value_name = "REV")]
        base: Rev,
    },
    /// Show a case (its latest revision, or --rev)
    Show {
        id: CaseId,
        #[arg(long, value_name = "REV")]
        rev: Option<Rev>,
        /// Print JSON: the case, the revision and its profile
        #[arg(long)]
        json: bool,
        /// Show protected values (masked otherwise)
        #[arg(long)]
        reveal: bool,
    },
    /// Write a case's profile to a .case.json file, or every case into a folder
    Export {
        #[arg(required_unless_present = "all", conflicts_with = "all")]
        id: Option<CaseId>,
        /// Export every case (archived ones too), for backup
        #[arg(long)]
        all: bool,
        /// The file (or, with --all, the folder) to write
        #[arg(long, value_name = "FILE|DIR")]
        out: PathBuf,
        /// Include protected values (left out otherwise; the files are 0600 either way)
        #[arg(long)]
        reveal: bool,
    },
    /// List a case's revisions: who saved each, when, and what changed
    History {
        id: CaseId,
        #[arg(long)]
        json: bool,
    },
    /// The fields that differ between two revisions
    Diff {
        id: CaseId,
        #[arg(value_name = "REV_A")]
        a: Rev,
        #[arg(value_name = "REV_B")]
        b: Rev,
        /// Show protected values (masked otherwise)
        #[arg(long)]
        reveal: bool,
    },
    /// Whether the store is locked, and how many revisions hold sealed protected values
    Status {
        #[arg(long)]
        json: bool,
    },
    /// Make an earlier revision the newest, as a new revision (prints it)
    Restore { id: CaseId, rev: Rev },
    /// New case from this one's latest profile (prints the new id)
    Duplicate {
        id: CaseId,
        #[arg(long)]
        title: Option<String>,
    },
    /// Hide a case from the list
    Archive { id: CaseId },
    /// Bring an archived case back
    Unarchive { id: CaseId },
    /// Delete an archived case and its history for good
    Delete { id: CaseId },
    /// Rename a case
    Rename { id: CaseId, title: String },
    /// Change the passphrase of the case store (asks for the current one and the new one
    /// twice; without a terminal, reads DRAFTER_PASSPHRASE and DRAFTER_NEW_PASSPHRASE)
    Passphrase,
}

/// Runs `drafter case …` against the store in `data_dir` (or the default data folder).
pub fn run(args: CaseArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    // Store errors carry complete messages (file, case, revision): pass them on as they
    // are, without repeating their causes.
    run_inner(args, data_dir).map_err(|e| match e.downcast::<drafter::store::StoreError>() {
        Ok(store) => anyhow::Error::msg(store.to_string()),
        Err(other) => other,
    })
}

/// What a command does with protected values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// Nothing: the store may stay locked.
    Nothing,
    /// Reads them (to show, compare, render or check).
    Read,
    /// May save new ones (so a store without a passphrase should get one).
    Write,
}

/// Opens the store in `dir`, prints its permission warnings, and opens its key from the
/// secret store or `DRAFTER_PASSPHRASE`. When the command needs the key and it is still
/// not open, asks for the passphrase on the terminal (and, for a store that has none yet
/// and a command that saves, sets it); without a terminal the store stays locked and what
/// needs the key is refused with a message that says so.
pub fn open_store(dir: &Path, need: Need) -> anyhow::Result<Store> {
    let mut store = Store::open(dir)?;
    for w in store.warnings() {
        eprintln!("warning: {w}");
    }
    if store.unlock_from_environment()? || need == Need::Nothing {
        return Ok(store);
    }
    let status = store.status()?;
    if !std::io::stdin().is_terminal() {
        if status.unsealed_revisions > 0 {
            eprintln!("note: {}", status_line(&status));
        }
        return Ok(store);
    }
    if status.key == KeyState::NoPassphrase {
        if need == Need::Read {
            return Ok(store);
        }
        let first = rpassword::prompt_password(format!(
            "Set a passphrase for the case store in {} (protected values are encrypted with it): ",
            dir.display()
        ))?;
        let again = rpassword::prompt_password("The same passphrase again: ")?;
        anyhow::ensure!(
            first == again,
            "the two passphrases differ; nothing was set"
        );
        store.unlock(&first, true)?;
    } else {
        let p = rpassword::prompt_password(format!(
            "Passphrase of the case store in {}: ",
            dir.display()
        ))?;
        store.unlock(&p, true)?;
    }
    Ok(store)
}

/// `case passphrase`: the current passphrase and the new one (twice), from a terminal or,
/// without one, from the environment; then the store's key is wrapped with the new one.
/// False when the store had no passphrase, so the new one is its first.
fn change_passphrase(store: &mut Store, dir: &Path) -> anyhow::Result<bool> {
    use drafter::store::{NEW_PASSPHRASE_ENV, PASSPHRASE_ENV};
    let from_env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let terminal = std::io::stdin().is_terminal();
    let no_passphrase = store.status()?.key == KeyState::NoPassphrase;
    let current = match from_env(PASSPHRASE_ENV) {
        Some(p) => p,
        None if no_passphrase => String::new(),
        None if terminal => rpassword::prompt_password(format!(
            "Current passphrase of the case store in {}: ",
            dir.display()
        ))?,
        None => anyhow::bail!(
            "give the current passphrase in {PASSPHRASE_ENV} and the new one in \
             {NEW_PASSPHRASE_ENV}, or run this in a terminal; nothing was changed"
        ),
    };
    let new = match from_env(NEW_PASSPHRASE_ENV) {
        Some(p) => p,
        None if terminal => {
            let first = rpassword::prompt_password("New passphrase: ")?;
            let again = rpassword::prompt_password("The same new passphrase again: ")?;
            anyhow::ensure!(
                first == again,
                "the two new passphrases differ; nothing was changed"
            );
            first
        }
        None => anyhow::bail!(
            "give the new passphrase in {NEW_PASSPHRASE_ENV}, or run this in a terminal; \
             nothing was changed"
        ),
    };
    anyhow::ensure!(
        new != current,
        "the new passphrase is the current one; nothing was changed"
    );
    store.change_passphrase(&current, &new)?;
    Ok(!no_passphrase)
}

/// What a command does with protected values (and so whether to ask for the key).
fn needs_key(cmd: &CaseCommand) -> Need {
    match cmd {
        CaseCommand::List { .. }
        | CaseCommand::History { .. }
        | CaseCommand::Archive { .. }
        | CaseCommand::Unarchive { .. }
        | CaseCommand::Delete { .. }
        | CaseCommand::Status { .. }
        | CaseCommand::Passphrase => Need::Nothing,
        CaseCommand::Show { reveal, .. } | CaseCommand::Export { reveal, .. } if !*reveal => {
            Need::Nothing
        }
        CaseCommand::Show { .. } | CaseCommand::Export { .. } | CaseCommand::Diff { .. } => {
            Need::Read
        }
        CaseCommand::New { .. }
        | CaseCommand::Import { .. }
        | CaseCommand::Save { .. }
        | CaseCommand::Restore { .. }
        | CaseCommand::Duplicate { .. }
        | CaseCommand::Rename { .. } => Need::Write,
    }
}

fn run_inner(args: CaseArgs, data_dir: Option<PathBuf>) -> anyhow::Result<()> {
    let dir = drafter::paths::data_dir(data_dir);
    let mut store = open_store(&dir, needs_key(&args.cmd))?;
    let mut out = std::io::stdout().lock();
    match args.cmd {
        CaseCommand::List {
            search,
            archived,
            json,
        } => list(&store, &mut out, search, archived, json)?,
        CaseCommand::New {
            title,
            from_example,
        } => {
            let profile = match from_example {
                Some(name) => drafter::examples::profile(&name).with_context(|| {
                    format!("there is no built-in example called `{name}` (try alt-uscis)")
                })?,
                None => CaseProfile::blank(&title),
            };
            let id = store.create(&title, &profile)?;
            writeln!(out, "{id}")?;
        }
        CaseCommand::Import { paths } => {
            for imported in store.import(&paths)? {
                writeln!(out, "{}", imported.id)?;
            }
        }
        CaseCommand::Save { id, file, base } => {
            let profile = CaseProfile::from_path(&file)?;
            let rev = store.save(id, &profile, base)?;
            writeln!(out, "{rev}")?;
        }
        CaseCommand::Show {
            id,
            rev,
            json,
            reveal,
        } => {
            let mut r = store.show(id, rev)?;
            if reveal && r.locked {
                return Err(drafter::store::StoreError::Locked {
                    path: store.path().to_path_buf(),
                }
                .into());
            }
            if r.locked {
                eprintln!("note: the store is locked; protected values are not shown");
            }
            if json {
                if !reveal {
                    drafter::store::mask_profile(&mut r.profile);
                }
                writeln!(out, "{}", serde_json::to_string_pretty(&r)?)?;
            } else {
                write_case(&mut out, &r, reveal)?;
            }
        }
        CaseCommand::Export {
            id,
            all,
            out: target,
            reveal,
        } => {
            let written = if all {
                store.export_all(&target, reveal)?
            } else {
                let id = id.context("name the case to export, or use --all")?;
                let path = store.export(id, &target, reveal)?;
                vec![drafter::store::Exported {
                    id,
                    rev: store.case(id)?.latest_rev,
                    path,
                }]
            };
            let mut withheld = 0;
            for e in &written {
                writeln!(out, "{}", e.path.display())?;
                let parties = store.show(e.id, Some(e.rev))?.profile.parties;
                if !reveal && parties.iter().any(|p| p.is_pseudonymous()) {
                    withheld += 1;
                }
            }
            if withheld > 0 {
                eprintln!(
                    "note: protected values were left out of {withheld} file(s); export with \
                     --reveal to include them (a complete backup)"
                );
            }
        }
        CaseCommand::Passphrase => {
            if change_passphrase(&mut store, &dir)? {
                writeln!(
                    out,
                    "The passphrase of the case store in {} is changed. A copy of the database \
                     made before now still opens with the old one.",
                    dir.display()
                )?;
            } else {
                writeln!(
                    out,
                    "The case store in {} had no passphrase; this one is now set.",
                    dir.display()
                )?;
            }
        }
        CaseCommand::Status { json } => {
            let status = store.status()?;
            if json {
                writeln!(out, "{}", serde_json::to_string_pretty(&status)?)?;
            } else {
                writeln!(out, "{}", status_line(&status))?;
            }
        }
        CaseCommand::History { id, json } => history(&store, &mut out, id, json)?,
        CaseCommand::Diff { id, a, b, reveal } => {
            if reveal && !store.is_unlocked() && store.status()?.sealed_revisions > 0 {
                return Err(drafter::store::StoreError::Locked {
                    path: store.path().to_path_buf(),
                }
                .into());
            }
            let mut changes = store.diff(id, a, b)?;
            if !store.is_unlocked() && store.status()?.sealed_revisions > 0 {
                eprintln!("note: the store is locked; protected values were not compared");
            }
            if !reveal {
                drafter::store::mask_changes(&mut changes);
            }
            if changes.is_empty() {
                writeln!(
                    out,
                    "revisions {a} and {b} of case {id} have the same profile"
                )?;
            }
            for c in &changes {
                writeln!(out, "{}", diff_line(c))?;
            }
        }
        CaseCommand::Restore { id, rev } => writeln!(out, "{}", store.restore(id, rev)?)?,
        CaseCommand::Duplicate { id, title } => {
            writeln!(out, "{}", store.duplicate(id, title.as_deref())?)?
        }
        CaseCommand::Archive { id } => {
            store.archive(id)?;
            writeln!(out, "archived case {id}")?;
        }
        CaseCommand::Unarchive { id } => {
            store.unarchive(id)?;
            writeln!(out, "case {id} is no longer archived")?;
        }
        CaseCommand::Delete { id } => {
            store.delete(id)?;
            writeln!(out, "deleted case {id}")?;
        }
        CaseCommand::Rename { id, title } => {
            store.rename(id, &title)?;
            writeln!(out, "renamed case {id}")?;
        }
    }
    out.flush()?;
    Ok(())
}

/// `case list`: one line per case (or JSON); an empty list is said on stderr.
fn list(
    store: &Store,
    out: &mut impl Write,
    search: Option<String>,
    archived: bool,
    json: bool,
) -> anyhow::Result<()> {
    let opts = ListOptions {
        include_archived: archived,
        limit: None,
    };
    let cases = match &search {
        Some(text) => store.search(text, &opts)?,
        None => store.list(&opts)?,
    };
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&cases)?)?;
    } else if cases.is_empty() {
        eprintln!(
            "{}",
            match search {
                Some(s) => format!("no saved case matches \u{201c}{s}\u{201d}"),
                None => "no saved cases".to_string(),
            }
        );
    } else {
        for c in &cases {
            let mut line = format!(
                "{:>5}  rev {:<4} {}  {}",
                c.id,
                c.latest_rev,
                c.updated_at.format("%Y-%m-%d %H:%M"),
                escape_controls(&c.title)
            );
            if let Some(n) = &c.case_number {
                line.push_str(&format!("  [{}]", escape_controls(n)));
            }
            if c.archived {
                line.push_str("  (archived)");
            }
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// `case history`: one line per revision (or JSON).
fn history(store: &Store, out: &mut impl Write, id: CaseId, json: bool) -> anyhow::Result<()> {
    let revs = store.history(id)?;
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&revs)?)?;
        return Ok(());
    }
    for r in &revs {
        writeln!(
            out,
            "{:>4}  {}  {}  {}",
            r.rev,
            r.saved_at.format("%Y-%m-%d %H:%M:%S UTC"),
            r.author,
            r.summary
        )?;
    }
    Ok(())
}

/// "unlocked; 4 revisions hold sealed protected values".
fn status_line(s: &drafter::store::StoreStatus) -> String {
    let key = match s.key {
        KeyState::NoPassphrase => "no passphrase set yet",
        KeyState::Locked => "locked",
        KeyState::Unlocked => "unlocked",
    };
    let mut line = format!(
        "{key}; {} revision(s) hold sealed protected values",
        s.sealed_revisions
    );
    if s.unsealed_revisions > 0 {
        line.push_str(&format!(
            "; {} revision(s) from an older Drafter still hold them in the clear (unlock \
             the store to encrypt them)",
            s.unsealed_revisions
        ));
    }
    line
}

fn write_case(
    out: &mut impl Write,
    r: &drafter::store::Revision,
    reveal: bool,
) -> std::io::Result<()> {
    let c = &r.case;
    let p = &r.profile;
    writeln!(out, "Case {}: {}", c.id, escape_controls(&c.title))?;
    writeln!(
        out,
        "Revision {} of {}, saved {} by {} ({})",
        r.info.rev,
        c.latest_rev,
        r.info.saved_at.format("%Y-%m-%d %H:%M UTC"),
        r.info.author,
        r.info.summary
    )?;
    if c.archived {
        writeln!(out, "Archived")?;
    }
    if !p.court.name.is_empty() {
        writeln!(out, "Court: {}", c.court)?;
    }
    if let Some(n) = &p.case_number {
        writeln!(out, "Case number: {n}")?;
    }
    if let Some(j) = &p.judge {
        writeln!(out, "Judge: {j}")?;
    }
    if !p.parties.is_empty() {
        writeln!(out, "Parties:")?;
        for party in &p.parties {
            writeln!(out, "  {}", party_line(party))?;
            if let (true, Some(block)) = (reveal, &party.protected) {
                for (field, value) in block.values() {
                    writeln!(out, "    protected {field}: {value}")?;
                }
            }
        }
    }
    if !p.counsel.is_empty() {
        writeln!(out, "Counsel:")?;
        for k in &p.counsel {
            let mut line = k.name.clone();
            if let Some(b) = &k.bar_number {
                line.push_str(&format!(" ({b})"));
            }
            if let Some(f) = &k.firm {
                line.push_str(&format!(", {f}"));
            }
            writeln!(out, "  {line}")?;
        }
    }
    writeln!(
        out,
        "Facts: {}  Claims: {}  Relief: {}",
        p.facts.len(),
        p.claims.len(),
        p.relief.len()
    )
}

/// "Defendant: U.S. Customs and Border Protection (CBP)"; a pseudonymous party shows its
/// public designation only.
fn party_line(p: &Party) -> String {
    let mut s = format!("{}: {}", p.role.label(), p.name);
    if let Some(short) = &p.short_name {
        s.push_str(&format!(" (\u{201c}{short}\u{201d})"));
    }
    if let Some(cap) = &p.capacity {
        s.push_str(&format!(", {cap}"));
    }
    if p.is_pseudonymous() {
        s.push_str(" [pseudonymous]");
    }
    s
}

fn diff_line(c: &FieldChange) -> String {
    let show = |v: &serde_json::Value| v.to_string();
    match (&c.before, &c.after) {
        (Some(b), Some(a)) => format!("~ {}: {} -> {}", c.path, show(b), show(a)),
        (None, Some(a)) => format!("+ {}: {}", c.path, show(a)),
        (Some(b), None) => format!("- {}: {}", c.path, show(b)),
        (None, None) => format!("  {}", c.path),
    }
}
