//! `drafter`: the command line over the Drafter library. It parses arguments, calls the
//! library and prints; every decision lives in the library. Exit codes: 0 done, 1 the
//! input was rejected (the message on stderr names the file, field or line:column),
//! 2 usage error.

mod cli_case;

use anyhow::{anyhow, bail, Context, Result};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};
use drafter::filing::{self, Filing, Options};
use drafter::profile::{CaseProfile, Severity};
use drafter::template::{self, Catalog, Origin};
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
    Export {
        #[command(flatten)]
        source: ExportSource,
        /// One template; with --out FILE.pdf (with --batch, --out DIR).
        #[arg(
            long,
            value_name = "NAME",
            conflicts_with = "all",
            required_unless_present = "all"
        )]
        template: Option<String>,
        /// Every template, as DIR/<template>.pdf; with --out DIR.
        #[arg(long, conflicts_with = "batch")]
        all: bool,
        #[arg(long, value_name = "PATH")]
        out: PathBuf,
        /// Export even though the Rule 5.2 privacy scan found something (after review).
        #[arg(long)]
        allow_privacy_findings: bool,
        #[command(flatten)]
        opts: DocOptions,
    },
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
        #[command(flatten)]
        opts: DocOptions,
    },
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
    /// The document date (signature, certificate, PDF metadata); default today.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    date: Option<NaiveDate>,
    /// A court style that overrides the profile's (see `drafter styles`).
    #[arg(long, value_name = "ID")]
    style: Option<String>,
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
        Err(e) => {
            eprintln!("drafter: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> Result<()> {
    let env = Env::new(&cli);
    match cli.command {
        Command::Case(args) => cli_case::run(args, cli.data_dir),
        Command::Templates { json } => templates(&env, json),
        Command::Template(TemplateCommand::New { name, from }) => {
            let catalog = env.catalog();
            let path = template::customize(&catalog, &from, &name, &env.templates_dir)?;
            println!("{}", path.display());
            Ok(())
        }
        Command::Template(TemplateCommand::Check { file, json }) => template_check(&file, json),
        Command::Example { name } => {
            print!(
                "{}",
                drafter::examples::json(&name)
                    .ok_or_else(|| anyhow!("no example named `{name}`"))?
            );
            Ok(())
        }
        Command::Styles { json } => styles(&env, json),
        Command::Check {
            source,
            template,
            json,
            opts,
        } => {
            let profile = load_profile(&env, &source)?;
            let findings = filing::check(&profile, &env.catalog(), &template, &options(&opts));
            if json {
                println!("{}", serde_json::to_string_pretty(&findings)?);
            } else if findings.is_empty() {
                println!("ready: nothing is missing for {template}");
            } else {
                for f in &findings {
                    println!("{f}");
                }
            }
            if findings.iter().any(|f| f.severity == Severity::Error) {
                bail!("{template} is not ready to export");
            }
            Ok(())
        }
        Command::Export {
            source,
            template,
            all,
            out,
            allow_privacy_findings,
            opts,
        } => {
            let catalog = env.catalog();
            let opts = options(&opts);
            if let Some(dir) = &source.batch {
                let name = template.expect("clap requires --template without --all");
                return export_batch(dir, &catalog, name, opts, &out, allow_privacy_findings);
            }
            let source = ProfileSource {
                profile: source.profile,
                example: source.example,
                case: source.case,
            };
            let profile = load_profile(&env, &source)?;
            if all {
                export_all(&profile, &catalog, &opts, &out, allow_privacy_findings)
            } else {
                let name = template.expect("clap requires --template without --all");
                let filing = filing::prepare(&profile, &catalog, &name, &opts)?;
                guard(&filing, allow_privacy_findings)?;
                write(&out, &filing.to_pdf())?;
                println!("{}", out.display());
                Ok(())
            }
        }
        Command::Deadlines { source, json } => {
            let profile = load_profile(&env, &source)?;
            let style =
                drafter::typeset::CourtStyle::load(&profile.court.style, Some(&env.templates_dir))?;
            if style.court.system != drafter::rules::CourtSystem::Federal {
                anyhow::bail!(
                    "{}: deadlines are modelled for federal district courts only; this case is in {}",
                    profile.court.style,
                    style.court.system.label()
                );
            }
            let deadlines = drafter::rules::compute(&profile, &style.calendar());
            if json {
                println!("{}", serde_json::to_string_pretty(&deadlines)?);
            } else if deadlines.is_empty() {
                println!("no deadlines: the profile records no filing date or service");
            } else {
                for d in deadlines {
                    match &d.moot {
                        None => {
                            println!("{}  {} ({})", d.due.format("%a %Y-%m-%d"), d.title, d.rule)
                        }
                        Some(why) => println!(
                            "MOOT            {} ({}; was due {}) — {why}",
                            d.title,
                            d.rule,
                            d.due.format("%a %Y-%m-%d")
                        ),
                    }
                    for line in &d.explanation {
                        println!("    {line}");
                    }
                }
            }
            Ok(())
        }
        Command::Render {
            source,
            template,
            format,
            out,
            opts,
        } => {
            let profile = load_profile(&env, &source)?;
            let filing = filing::prepare(&profile, &env.catalog(), &template, &options(&opts))?;
            render(&filing, format, out.as_deref())
        }
    }
}

fn options(opts: &DocOptions) -> Options {
    Options {
        date: opts
            .date
            .unwrap_or_else(|| chrono::Local::now().date_naive()),
        style: opts.style.clone(),
    }
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
    let id: drafter::store::CaseId = id.parse().map_err(|e: String| anyhow!(e))?;
    let store = drafter::store::Store::open(&env.data_dir)?;
    Ok(store.show(id, None)?.profile)
}

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    drafter::fsutil::write_atomic(path, bytes)
        .with_context(|| format!("{}: cannot write", path.display()))
}

/// Prints the filing's warnings; refuses when the privacy scan found something and the
/// user has not said to go ahead.
fn guard(filing: &Filing, allow_privacy: bool) -> Result<()> {
    for w in &filing.warnings {
        eprintln!("{}: {w}", filing.template);
    }
    if filing.privacy.is_empty() {
        return Ok(());
    }
    for p in &filing.privacy {
        eprintln!(
            "{}: page {}, line {}: {}",
            filing.template, p.page, p.line, p.message
        );
    }
    if allow_privacy {
        eprintln!(
            "{}: exported with privacy findings (--allow-privacy-findings)",
            filing.template
        );
        return Ok(());
    }
    bail!(
        "{}: the Fed. R. Civ. P. 5.2 scan found {} item(s) to redact; fix them, or review and export with --allow-privacy-findings",
        filing.template,
        filing.privacy.len()
    )
}

fn export_batch(
    dir: &Path,
    catalog: &Catalog,
    template: String,
    opts: Options,
    out: &Path,
    allow_privacy: bool,
) -> Result<()> {
    let inputs = drafter::batch::inputs_in(dir)
        .with_context(|| format!("{}: cannot read the folder", dir.display()))?;
    if inputs.is_empty() {
        bail!("{}: no *.json case profiles in the folder", dir.display());
    }
    catalog.get(&template)?;
    let options = drafter::batch::BatchOptions {
        template,
        opts,
        allow_privacy_findings: allow_privacy,
        threads: 0,
    };
    let report = drafter::batch::export_batch(&inputs, catalog, out, &options)
        .with_context(|| format!("{}: cannot write", out.display()))?;
    for (name, w) in &report.warnings {
        eprintln!("{name}: {w}");
    }
    for path in &report.written {
        println!("{}", path.display());
    }
    for (name, message) in &report.failed {
        eprintln!("drafter: {name}: {message}");
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

fn export_all(
    profile: &CaseProfile,
    catalog: &Catalog,
    opts: &Options,
    dir: &Path,
    allow_privacy: bool,
) -> Result<()> {
    // Lay out and check every filing first: if any fails, nothing is written.
    let mut filings: Vec<Filing> = Vec::new();
    for info in catalog.list() {
        let f = filing::prepare(profile, catalog, &info.name, opts)
            .with_context(|| info.name.clone())?;
        guard(&f, allow_privacy)?;
        filings.push(f);
    }
    for w in filing::write_packet(&mut filings, dir, opts.date, |_| {})? {
        println!("{}", w.path.display());
    }
    println!("{}", dir.join("index.json").display());
    Ok(())
}

fn render(filing: &Filing, format: Format, out: Option<&Path>) -> Result<()> {
    match (format, out) {
        (Format::Text, None) => print!("{}", filing.to_text()),
        (Format::Markdown, None) => print!("{}", filing.markdown),
        (Format::Markdown, Some(path)) => write(path, filing.markdown.as_bytes())?,
        (Format::Text, Some(path)) => write(path, filing.to_text().as_bytes())?,
        (Format::Pdf, Some(path)) => write(path, &filing.to_pdf())?,
        (Format::Pdf, None) => {
            use std::io::Write;
            std::io::stdout().write_all(&filing.to_pdf())?;
        }
        (Format::Svg, None) => {
            for page in filing.to_svg() {
                println!("{page}");
            }
        }
        (Format::Svg, Some(dir)) => {
            for (i, page) in filing.to_svg().iter().enumerate() {
                let path = dir.join(format!("page-{:03}.svg", i + 1));
                write(&path, page.as_bytes())?;
                println!("{}", path.display());
            }
        }
    }
    Ok(())
}

fn templates(env: &Env, json: bool) -> Result<()> {
    let list = env.catalog().list();
    if json {
        println!("{}", serde_json::to_string_pretty(&list)?);
        return Ok(());
    }
    for t in list {
        let origin = match &t.origin {
            Origin::Builtin => "built-in".to_string(),
            Origin::User(p) => p.display().to_string(),
        };
        match &t.error {
            None => println!("{:<24} {}  [{origin}]", t.name, t.title),
            Some(e) => println!("{:<24} (cannot be used: {e})", t.name),
        }
    }
    Ok(())
}

fn template_check(file: &Path, json: bool) -> Result<()> {
    let source = std::fs::read_to_string(file)
        .with_context(|| format!("{}: cannot read", file.display()))?;
    let name = file
        .file_name()
        .and_then(|f| f.to_str())
        .map(|f| f.strip_suffix(template::EXTENSION).unwrap_or(f).to_string())
        .unwrap_or_default();
    let report = template::check_source(&name, &source, Origin::User(file.to_path_buf()));
    if json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    } else if report.is_ok() {
        println!("{}: ok", file.display());
    } else {
        eprint!("{report}");
    }
    if !report.is_ok() {
        bail!("{}: {} problem(s)", file.display(), report.problems.len());
    }
    Ok(())
}

fn styles(env: &Env, json: bool) -> Result<()> {
    let ids = drafter::typeset::CourtStyle::available(Some(&env.templates_dir));
    let mut rows = Vec::new();
    for id in ids {
        let style = drafter::typeset::CourtStyle::load(&id, Some(&env.templates_dir))?;
        rows.push(serde_json::json!({"id": id, "name": style.name, "pleading_paper": style.pleading.is_some()}));
    }
    if json {
        println!("{}", serde_json::to_string_pretty(&rows)?);
    } else {
        for r in rows {
            println!(
                "{:<14} {}",
                r["id"].as_str().unwrap_or_default(),
                r["name"].as_str().unwrap_or_default()
            );
        }
    }
    Ok(())
}
