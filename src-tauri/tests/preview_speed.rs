//! The live preview's work on every keystroke (check, lay out, draw the SVG pages,
//! deadlines) for the example complaint, repeated as typing would: each draft must still
//! be whole. The time is reported, not asserted — performance targets live in the
//! benchmarks and in the end-to-end test's measured figures, never in a timed test.

use drafter::workbench::{DraftOptions, Workspace};

#[test]
fn the_example_complaint_drafts_well_within_a_keystroke() {
    let dir = tempfile::tempdir().unwrap();
    let ws = Workspace::new(dir.path().join("data"), dir.path().join("templates"));
    let mut profile = drafter::examples::profile("alt-uscis").unwrap();
    let opts = DraftOptions {
        template: "complaint".into(),
        date: chrono::NaiveDate::from_ymd_opt(2017, 4, 6).unwrap(),
        style: None,
    };
    ws.draft(&profile, &opts);
    let mut times = Vec::new();
    for i in 0..15 {
        profile.facts[0]
            .text
            .push(if i % 2 == 0 { 'x' } else { ' ' });
        let t = std::time::Instant::now();
        let d = ws.draft(&profile, &opts);
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        assert!(d.pages.len() >= 5);
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    let median = times[times.len() / 2];
    eprintln!("draft of the example complaint: median {median:.1} ms");
}
