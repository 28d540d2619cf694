//! Runs the example complaint through the whole pipeline N times in one process (default
//! 1): the workload for `valgrind --tool=callgrind` (see bench/README.md). Run it with
//! N = 1 and N = 11: the difference divided by 10 is the steady-state cost of one filing,
//! without the one-time start-up (template compilation, font parsing, regexes).
//! `pipeline_loop N TEMPLATE` runs another template than the complaint.

use chrono::NaiveDate;
use drafter::filing::{prepare, Options};
use drafter::template::Catalog;

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let template = std::env::args()
        .nth(2)
        .unwrap_or_else(|| "complaint".into());
    let catalog = Catalog::builtin();
    let profile = drafter::examples::profile("alt-uscis").expect("the example exists");
    let opts = Options::dated(NaiveDate::from_ymd_opt(2017, 4, 7).expect("a date"));
    let mut bytes = 0;
    for _ in 0..n {
        let filing = prepare(&profile, &catalog, &template, &opts).expect("the example files");
        bytes += filing.to_pdf().len();
    }
    println!("{bytes}");
}
