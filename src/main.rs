//! TEMPORARY `drafter` CLI on branch `store`, only so the `case` commands can be tested
//! through the real binary. main's own main.rs replaces it: it needs only
//! `mod cli_case;`, a `Case(cli_case::CaseArgs)` subcommand and
//! `cli_case::run(args, data_dir)`, with store errors printed to stderr and exit code 1.

mod cli_case;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Debug, Parser)]
#[command(
    name = "drafter",
    version,
    about = "Court-ready drafting for litigation paralegals"
)]
struct Cli {
    /// The data folder (default: $DRAFTER_DATA_DIR, else the platform's data folder)
    #[arg(long, global = true, value_name = "DIR")]
    data_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Saved cases
    Case(cli_case::CaseArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Case(args) => cli_case::run(args, cli.data_dir),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(1)
        }
    }
}
