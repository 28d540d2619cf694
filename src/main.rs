//! `drafter`: the command line over the Drafter library. It parses arguments, calls the
//! library and prints; every decision lives in the library. Exit codes: 0 done, 1 the
//! input was rejected (the message on stderr names the file, field or line:column),
//! 2 usage error.

mod cli_case;

use anyhow::{anyhow, bail, Result};
use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use drafter::export::{self, ExportError, ExportOptions, FilingSet, NotReady, TargetProblem};
use drafter::filing::{self, Filing, Options};
use drafter::profile::{CaseProfile, Severity};
use drafter::rules::protect::redact_known;
use drafter::template::{self, Catalog, Origin};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "drafter",
    version,
    about = "Court-ready filings from case profiles",
    propagate_version = true
)]
struct Cli {
    /// Folder for saved cases (default: the platform's data folder; env DRAFTER_DATA_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    /// Folder of the firm's own templates (default: templates/ in the data folder; env
    /// DRAFTER_TEMPLATES_DIR).
    #[arg(long, global = true, value_name = "DIR")]
    templates_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Saved cases: create, save revisions, search, history, import and export.
    Case(cli_case::CaseArgs),
    /// List the templates: built-in and the firm's.
    Templates {
        #[arg(long)]
        json: bool,
    },
    /// Work with the firm's templates.
    #[command(subcommand)]
    Template(TemplateCommand),
    /// Print an embedded example case profile (JSON).
    Example {
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(drafter::examples::NAMES))]
        name: String,
    },
    /// List the court styles.
    Styles {
        #[arg(long)]
        json: bool,
    },
    /// Show what is missing or wrong before a filing can be exported.
    Check {
        #[command(flatten)]
        source: ProfileSource,
        #[arg(long, value_name = "NAME")]
        template: String,
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        opts: DocOptions,
    },
    /// Export court-ready PDFs.
    Export(ExportArgs),
    /// List every computed deadline (Fed. R. Civ. P. 6, 12(a), 4(m)) with its explanation.
    Deadlines {
        #[command(flatten)]
        source: ProfileSource,
        #[arg(long)]
        json: bool,
    },
    /// Render one filing as text, SVG pages or PDF.
    Render {
        #[command(flatten)]
        source: ProfileSource,
        #[arg(long, value_name = "NAME")]
        template: String,
        #[arg(long, value_enum)]
        format: Format,
        /// Output file (text, pdf) or folder (svg: page-001.svg, ...); default standard output.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// Replace a read-only output file (anything but a regular file is never replaced).
        #[arg(long, requires = "out")]
        force: bool,
        #[command(flatten)]
        opts: DocOptions,
    },
}

#[derive(Args)]
struct ExportArgs {
    #[command(flatten)]
    source: ExportSource,
    /// One template, with --out FILE.pdf; repeated, a set in that order with --out DIR
    /// (each filing, packet.pdf, index.json); with --batch, one template and --out DIR.
    #[arg(
        long,
        value_name = "NAME",
        conflicts_with = "all",
        required_unless_present = "all"
    )]
    template: Vec<String>,
    /// Every template as a set: DIR/<template>.pdf, packet.pdf, index.json; with --out DIR.
    #[arg(long, conflicts_with = "batch")]
    all: bool,
    #[arg(long, value_name = "PATH")]
    out: PathBuf,
    /// Export even though the Rule 5.2 privacy scan found something (after review).
    #[arg(long)]
    allow_privacy_findings: bool,
    /// Replace output files even when they are read-only.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    opts: DocOptions,
}

#[derive(Subcommand)]
enum TemplateCommand {
    /// Copy a template into the firm's folder under a new name, to edit it.
    New {
        name: String,
        #[arg(long, value_name = "TEMPLATE")]
        from: String,
    },
    /// Check a template file: syntax, front matter, and variables a profile cannot provide.
    Check {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Args)]
#[group(required = true, multiple = false)]
struct ProfileSource {
    /// A case profile JSON file.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// An embedded example profile.
    #[arg(long, value_name = "NAME")]
    example: Option<String>,
    /// A saved case (its latest revision), by id.
    #[arg(long, value_name = "ID")]
    case: Option<String>,
}

/// Where `export` reads profiles: one (as every command), or a folder of them.
#[derive(Args)]
#[group(required = true, multiple = false)]
struct ExportSource {
    /// A case profile JSON file.
    #[arg(long, value_name = "FILE")]
    profile: Option<PathBuf>,
    /// An embedded example profile.
    #[arg(long, value_name = "NAME")]
    example: Option<String>,
    /// A saved case (its latest revision), by id.
    #[arg(long, value_name = "ID")]
    case: Option<String>,
    /// Every *.json profile in DIR, each exported with --template as OUT/<name>.pdf, on
    /// every core.
    #[arg(long, value_name = "DIR")]
    batch: Option<PathBuf>,
}

#[derive(Args)]
struct DocOptions {
    /// The document date (signature, certificate, PDF metadata); default today
    /// (`DRAFTER_TODAY` stands in for the clock).
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// A court style that overrides the profile's (see `drafter styles`).
    #[arg(long, value_name = "ID")]
    style: Option<String>,
    /// For a template that makes one document per party (a proof of service for each
    /// defendant served): the party's id; default the first.
    #[arg(long = "for", value_name = "PARTY")]
    instance: Option<String>,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Svg,
    Pdf,
    /// The filled template body (Markdown), before the court's furniture is added.
    Markdown,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("`{s}` is not a date in YYYY-MM-DD form"))
}

struct Env {
    data_dir: PathBuf,
    templates_dir: PathBuf,
}

impl Env {
    fn new(cli: &Cli) -> Env {
        let data = drafter::paths::data_dir(cli.data_dir.clone());
        Env {
            templates_dir: drafter::paths::templates_dir(cli.templates_dir.clone(), &data),
            data_dir: data,
        }
    }

    fn catalog(&self) -> Catalog {
        Catalog::load(Some(&self.templates_dir))
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // The reader of our output stopped early (`drafter templates | head -1`): that is
        // not a failure, and there is no one left to tell.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            // Every message is masked: it may quote a value from anywhere in a profile.
            eprintln!("drafter: {}", redact_known(&format!("{e:#}")));
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<()> {
    let env = Env::new(&cli);
    match cli.command {
        Command::Case(args) => cli_case::run(args, cli.data_dir),
        Command::Templates { json } => templates(&env, json),
        Command::Template(TemplateCommand::New { name, from }) => {
            let catalog = env.catalog();
            let path = template::customize(&catalog, &from, &name, &env.templates_dir)?;
            writeln!(std::io::stdout(), "{}", path.display())?;
            Ok(())
        }
        Command::Template(TemplateCommand::Check { file, json }) => template_check(&file, json),
        Command::Example { name } => {
            let json = drafter::examples::json(&name)
                .ok_or_else(|| anyhow!("no example named `{name}`"))?;
            write!(std::io::stdout(), "{json}")?;
            Ok(())
        }
        Command::Styles { json } => styles(&env, json),
        Command::Check {
            source,
            template,
            json,
            opts,
        } => check(&env, &source, &template, json, &options(&opts)?),
        Command::Export(args) => export(&env, args),
        Command::Deadlines { source, json } => deadlines(&env, &source, json),
        Command::Render {
            source,
            template,
            format,
            out,
            force,
            opts,
        } => {
            let profile = load_profile(&env, &source)?;
            // A file is written under the name given; SVG pages go into a folder, which is
            // named by Drafter only when it creates it.
            if let Some(out) = out.as_deref() {
                if !matches!(format, Format::Svg) || !out.exists() {
                    export::guard_chosen_path(&profile, &template, out).map_err(cli_error)?;
                }
            }
            let filing = filing::prepare(&profile, &env.catalog(), &template, &options(&opts)?)?;
            render(&filing, format, out.as_deref(), force)
        }
    }
}

fn check(
    env: &Env,
    source: &ProfileSource,
    template: &str,
    json: bool,
    opts: &Options,
) -> Result<()> {
    let profile = load_profile(env, source)?;
    let findings = filing::check(&profile, &env.catalog(), template, opts);
    let mut out = std::io::stdout().lock();
    // Findings are masked like errors: they may quote a value from the profile.
    if json {
        let json = serde_json::to_string_pretty(&findings)?;
        writeln!(out, "{}", redact_known(&json))?;
    } else if findings.is_empty() {
        writeln!(out, "ready: nothing is missing for {template}")?;
    } else {
        for f in &findings {
            writeln!(out, "{}", redact_known(&f.to_string()))?;
        }
    }
    if findings.iter().any(|f| f.severity == Severity::Error) {
        bail!("{template} is not ready to export");
    }
    Ok(())
}

fn deadlines(env: &Env, source: &ProfileSource, json: bool) -> Result<()> {
    let profile = load_profile(env, source)?;
    let style = drafter::typeset::CourtStyle::load(&profile.court.style, Some(&env.templates_dir))?;
    if style.court.system != drafter::rules::CourtSystem::Federal {
        bail!(
            "{}: deadlines are modelled for federal district courts only; this case is in {}",
            profile.court.style,
            style.court.system.label()
        );
    }
    let deadlines = drafter::rules::compute_in(&profile, &style.calendar(), &style.court);
    let mut out = std::io::stdout().lock();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&deadlines)?)?;
    } else if deadlines.is_empty() {
        writeln!(
            out,
            "no deadlines: the profile records no filing date or service"
        )?;
    } else {
        for d in deadlines {
            match &d.moot {
                None => writeln!(
                    out,
                    "{}  {} ({})",
                    d.due.format("%a %Y-%m-%d"),
                    d.title,
                    d.rule
                )?,
                Some(why) => writeln!(
                    out,
                    "MOOT            {} ({}; was due {}) — {why}",
                    d.title,
                    d.rule,
                    d.due.format("%a %Y-%m-%d")
                )?,
            }
            for line in &d.explanation {
                writeln!(out, "    {line}")?;
            }
        }
    }
    Ok(())
}

/// Environment variable that stands in for today's date (`YYYY-MM-DD`): the default
/// document date and the checks that compare with today (a filing date in the future).
const TODAY_ENV: &str = "DRAFTER_TODAY";

/// Today: `DRAFTER_TODAY` when set, else the computer's clock.
fn today() -> Result<NaiveDate> {
    match std::env::var(TODAY_ENV) {
        Ok(s) if !s.trim().is_empty() => {
            parse_date(s.trim()).map_err(|e| anyhow!("{TODAY_ENV}: {e}"))
        }
        _ => Ok(filing::today()),
    }
}

fn options(opts: &DocOptions) -> Result<Options> {
    let today = today()?;
    Ok(Options {
        date: opts.date.unwrap_or(today),
        style: opts.style.clone(),
        instance: opts.instance.clone(),
        today,
    })
}

fn load_profile(env: &Env, source: &ProfileSource) -> Result<CaseProfile> {
    if let Some(path) = &source.profile {
        return Ok(CaseProfile::from_path(path)?);
    }
    if let Some(name) = &source.example {
        return drafter::examples::profile(name).ok_or_else(|| {
            anyhow!(
                "no example named `{name}`; available: {}",
                drafter::examples::NAMES.join(", ")
            )
        });
    }
    let id = source.case.as_deref().expect("clap requires one source");
    let (store, id) = stored_case(env, id)?;
    Ok(store.latest_profile(id)?)
}

/// The store (open for reading the case's protected values) and the id of `--case ID`.
fn stored_case(env: &Env, id: &str) -> Result<(drafter::store::Store, drafter::store::CaseId)> {
    let id: drafter::store::CaseId = id.parse().map_err(|e: String| anyhow!(e))?;
    let store = cli_case::open_store(&env.data_dir, cli_case::Need::Read)?;
    Ok((store, id))
}

/// `drafter export`: one filing, a set (several templates, or --all), or a batch.
fn export(env: &Env, args: ExportArgs) -> Result<()> {
    let catalog = env.catalog();
    let opts = ExportOptions {
        confirm_privacy: args.allow_privacy_findings,
        replace_read_only: args.force,
        ..ExportOptions::new(options(&args.opts)?)
    };
    let out = &args.out;
    if let Some(dir) = &args.source.batch {
        let [template] = args.template.as_slice() else {
            Cli::command()
                .error(
                    clap::error::ErrorKind::ArgumentConflict,
                    "--batch exports one --template",
                )
                .exit()
        };
        return export_batch(dir, &catalog, template, out, opts);
    }
    let source = ProfileSource {
        profile: args.source.profile,
        example: args.source.example,
        case: args.source.case,
    };
    // A stored case's store stays open: the export is recorded with the case afterwards.
    let stored = source
        .case
        .as_deref()
        .map(|id| stored_case(env, id))
        .transpose()?;
    let profile = match &stored {
        Some((store, id)) => store.latest_profile(*id)?,
        None => load_profile(env, &source)?,
    };
    let report = match args.template.as_slice() {
        [template] if !args.all => {
            export::export_filing(&profile, &catalog, template, out, &opts).map_err(cli_error)?
        }
        templates => {
            let set = if args.all {
                FilingSet::every(&catalog)
            } else {
                FilingSet::chosen(templates.to_vec())
            };
            export::export_set(&profile, &catalog, &set, out, &opts, |_| {}).map_err(cli_error)?
        }
    };
    // The files are written by then: a store that cannot take the record is reported,
    // not fatal.
    if let Some((mut store, id)) = stored {
        if let Err(e) = store.record_exports(id, &profile, &report.files) {
            eprintln!(
                "warning: the files are written, but the case's record of them was not saved: {e}"
            );
        }
    }
    for w in &report.warnings {
        eprintln!("{w}");
    }
    for p in &report.confirmed_privacy {
        eprintln!("{p} (exported after review: --allow-privacy-findings)");
    }
    for n in &report.not_applicable {
        eprintln!("left out: {n}");
    }
    let mut stdout = std::io::stdout().lock();
    for f in &report.files {
        writeln!(stdout, "{}", f.path.display())?;
    }
    if report.files.len() > 1 {
        writeln!(stdout, "{}", out.join(export::INDEX).display())?;
    }
    for f in &report.sealed {
        writeln!(stdout, "{}", f.path.display())?;
        eprintln!(
            "sealed: {} is written on its own, outside the packet and index.json; file it under seal",
            f.path.display()
        );
    }
    Ok(())
}

fn export_batch(
    dir: &Path,
    catalog: &Catalog,
    template: &str,
    out: &Path,
    opts: ExportOptions,
) -> Result<()> {
    let inputs = export::inputs_in(dir).map_err(cli_error)?;
    let opts = ExportOptions {
        not_ready: NotReady::Skip,
        ..opts
    };
    let report = export::export_batch(&inputs, catalog, template, out, &opts).map_err(cli_error)?;
    for (name, w) in &report.warnings {
        eprintln!("{name}: {w}");
    }
    let mut stdout = std::io::stdout().lock();
    for path in &report.written {
        writeln!(stdout, "{}", path.display())?;
    }
    for (name, e) in &report.failed {
        eprintln!("drafter: {name}: {}", cli_message(e));
    }
    if !report.failed.is_empty() {
        bail!(
            "{} of {} profiles were not exported",
            report.failed.len(),
            inputs.len()
        );
    }
    Ok(())
}

/// An export error in the command line's words: where a flag would change the outcome,
/// the message names it.
fn cli_error(e: ExportError) -> anyhow::Error {
    anyhow::Error::msg(cli_message(&e))
}

fn cli_message(e: &ExportError) -> String {
    match flag_hint(e) {
        Some(hint) => format!("{e} ({hint})"),
        None => e.to_string(),
    }
}

fn flag_hint(e: &ExportError) -> Option<&'static str> {
    match e {
        ExportError::PrivacyUnconfirmed { .. } => {
            Some("to export after review: --allow-privacy-findings")
        }
        ExportError::Target {
            problem: TargetProblem::ReadOnly,
            ..
        } => Some("to replace it: --force"),
        ExportError::InBatch { error, .. } => flag_hint(error),
        _ => None,
    }
}

/// Writes a rendered file as every export is written (only a regular, writable file is
/// replaced).
fn write(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    export::write_output(path, bytes, force).map_err(cli_error)
}

fn render(filing: &Filing, format: Format, out: Option<&Path>, force: bool) -> Result<()> {
    let write = |path: &Path, bytes: &[u8]| write(path, bytes, force);
    let mut stdout = std::io::stdout().lock();
    match (format, out) {
        (Format::Text, None) => write!(stdout, "{}", filing.to_text())?,
        (Format::Markdown, None) => write!(stdout, "{}", filing.markdown)?,
        (Format::Markdown, Some(path)) => write(path, filing.markdown.as_bytes())?,
        (Format::Text, Some(path)) => write(path, filing.to_text().as_bytes())?,
        (Format::Pdf, Some(path)) => write(path, &filing.to_pdf())?,
        (Format::Pdf, None) => stdout.write_all(&filing.to_pdf())?,
        (Format::Svg, None) => {
            for page in filing.to_svg() {
                writeln!(stdout, "{page}")?;
            }
        }
        (Format::Svg, Some(dir)) => {
            for (i, page) in filing.to_svg().iter().enumerate() {
                let path = dir.join(format!("page-{:03}.svg", i + 1));
                write(&path, page.as_bytes())?;
                writeln!(stdout, "{}", path.display())?;
            }
        }
    }
    Ok(())
}

fn templates(env: &Env, json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let list = env.catalog().list();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&list)?)?;
        return Ok(());
    }
    for t in list {
        let origin = match &t.origin {
            Origin::Builtin => "built-in".to_string(),
            Origin::User(p) => p.display().to_string(),
        };
        match &t.error {
            None => writeln!(out, "{:<24} {}  [{origin}]", t.name, t.title)?,
            Some(e) => writeln!(out, "{:<24} (cannot be used: {e})", t.name)?,
        }
    }
    Ok(())
}

fn template_check(file: &Path, json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let source = template::read_source(file)?;
    let name = file
        .file_name()
        .and_then(|f| f.to_str())
        .map(|f| f.strip_suffix(template::EXTENSION).unwrap_or(f).to_string())
        .unwrap_or_default();
    let report = template::check_source(&name, &source, Origin::User(file.to_path_buf()));
    let warnings = report.problems.len() - report.errors();
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else {
        eprint!("{report}");
        if report.is_ok() && warnings == 0 {
            writeln!(out, "{}: ok", file.display())?;
        } else if report.is_ok() {
            writeln!(out, "{}: ok, with {warnings} warning(s)", file.display())?;
        }
    }
    if !report.is_ok() {
        bail!("{}: {} problem(s)", file.display(), report.errors());
    }
    Ok(())
}

fn styles(env: &Env, json: bool) -> Result<()> {
    let mut out = std::io::stdout().lock();
    let ids = drafter::typeset::CourtStyle::available(Some(&env.templates_dir));
    let mut rows = Vec::new();
    // A firm style that cannot be read is listed with its error; it never hides the others.
    for id in ids {
        rows.push(
            match drafter::typeset::CourtStyle::load(&id, Some(&env.templates_dir)) {
                Ok(style) => serde_json::json!({"id": id, "name": style.name, "pleading_paper": style.pleading.is_some()}),
                Err(e) => serde_json::json!({"id": id, "error": e.to_string()}),
            },
        );
    }
    if json {
        writeln!(out, "{}", serde_json::to_string_pretty(&rows)?)?;
    } else {
        for r in rows {
            let id = r["id"].as_str().unwrap_or_default();
            match r["error"].as_str() {
                Some(error) => writeln!(out, "{id:<14} cannot be used: {error}")?,
                None => writeln!(out, "{id:<14} {}", r["name"].as_str().unwrap_or_default())?,
            }
        }
    }
    Ok(())
}
