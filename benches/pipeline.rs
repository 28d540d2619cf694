//! Criterion benchmarks of each pipeline stage on the example complaint (fill; layout =
//! prepare: fill, parse, compose, lay out and the rules' guards; PDF writing, with the
//! font-subset cache warm and cold; end to end, profile to PDF bytes), the same for a
//! 200-paragraph complaint, and a batch of 1,000 generated profiles exported to files
//! in one process on every core (`drafter::batch`, what `drafter export --batch` runs),
//! and the app preview's draft after a keystroke (`draft/keystroke`).
//!
//! `cargo bench --bench pipeline`; one group: `cargo bench --bench pipeline -- batch`.

// `criterion_group!` defines public functions that cannot carry doc comments.
#![allow(missing_docs)]

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use drafter::export::{export_batch, BatchInput, ExportOptions};
use drafter::filing::{prepare, Options};
use drafter::profile::{CaseProfile, Fact};
use drafter::template::Catalog;
use std::hint::black_box;
use std::time::Duration;

/// Plausible, varied profiles made from the example: other party and counsel names,
/// docket numbers, and a different selection and order of facts for each.
fn generated(n: usize) -> Vec<CaseProfile> {
    const COMPANIES: [&str; 8] = [
        "Northwind Social, Inc.",
        "Bluejay Networks LLC",
        "Cobalt Commons Corp.",
        "Harbor Light Media, Inc.",
        "Quillfeather Labs, Inc.",
        "Meridian Posts LLC",
        "Tallgrass Messaging Co.",
        "Lanternfish Platforms, Inc.",
    ];
    const LAWYERS: [&str; 6] = [
        "Marisol T. Abernathy",
        "Gideon P. Okonkwo",
        "Harriet L. Vasquez-Lind",
        "Tobias J. Wrenfield",
        "Priya N. Castellanos",
        "Augustin R. Delacroix",
    ];
    let base = drafter::examples::profile("alt-uscis").expect("the example exists");
    (0..n)
        .map(|i| {
            let mut p = base.clone();
            p.case_number = Some(format!("3:17-cv-{:05}", 1000 + i));
            p.title = format!("Generated matter {i}");
            if let Some(plaintiff) = p.parties.first_mut() {
                plaintiff.name = COMPANIES[i % COMPANIES.len()].to_string();
            }
            for (k, c) in p.counsel.iter_mut().enumerate() {
                c.name = LAWYERS[(i + k) % LAWYERS.len()].to_string();
            }
            let facts = base.facts.len();
            let keep = facts - i % 5;
            p.facts = (0..keep)
                .map(|k| base.facts[(k + i) % facts].clone())
                .collect();
            p
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let profile = drafter::examples::profile("alt-uscis").unwrap();
    let opts = Options::dated(NaiveDate::from_ymd_opt(2017, 4, 7).unwrap());
    let date = opts.date;

    c.bench_function("fill/complaint", |b| {
        b.iter(|| {
            catalog
                .fill("complaint", black_box(&profile), date)
                .unwrap()
        })
    });
    c.bench_function("layout/complaint", |b| {
        b.iter(|| prepare(black_box(&profile), &catalog, "complaint", &opts).unwrap())
    });
    let filing = prepare(&profile, &catalog, "complaint", &opts).unwrap();
    c.bench_function("pdf/complaint", |b| b.iter(|| black_box(&filing).to_pdf()));
    c.bench_function("end_to_end/complaint", |b| {
        b.iter(|| {
            prepare(black_box(&profile), &catalog, "complaint", &opts)
                .unwrap()
                .to_pdf()
        })
    });

    // What the app's preview does on a keystroke: one fact grows by a letter, the draft
    // (checks, fill, layout, guards, the changed pages drawn as SVG) is made again.
    // Issue 13's target: the whole refresh in the window, this included, within 30 ms.
    let dir = tempfile::tempdir().unwrap();
    let ws = drafter::workbench::Workspace::new(dir.path().join("data"), dir.path().join("t"));
    let draft_opts = drafter::workbench::DraftOptions {
        template: "complaint".into(),
        date,
        style: None,
    };
    let mut typing = profile.clone();
    let _ = ws.draft(&typing, &draft_opts);
    let mut letter = 0u32;
    c.bench_function("draft/keystroke", |b| {
        b.iter(|| {
            letter += 1;
            typing.facts[1]
                .text
                .push(if letter.is_multiple_of(2) { 'x' } else { 'y' });
            ws.draft(black_box(&typing), &draft_opts)
        })
    });

    let mut long = profile.clone();
    let base = long.facts.clone();
    long.facts = (0..200)
        .map(|i| Fact {
            text: base[i % base.len()].text.clone(),
            heading: None,
        })
        .collect();
    c.bench_function("fill/complaint_200_paragraphs", |b| {
        b.iter(|| catalog.fill("complaint", black_box(&long), date).unwrap())
    });
    c.bench_function("layout/complaint_200_paragraphs", |b| {
        b.iter(|| prepare(black_box(&long), &catalog, "complaint", &opts).unwrap())
    });
    let long_filing = prepare(&long, &catalog, "complaint", &opts).unwrap();
    c.bench_function("pdf/complaint_200_paragraphs", |b| {
        b.iter(|| black_box(&long_filing).to_pdf())
    });
    c.bench_function("end_to_end/complaint_200_paragraphs", |b| {
        b.iter(|| {
            prepare(black_box(&long), &catalog, "complaint", &opts)
                .unwrap()
                .to_pdf()
        })
    });
}

fn batch(c: &mut Criterion) {
    let catalog = Catalog::builtin();
    let opts = Options::dated(NaiveDate::from_ymd_opt(2017, 4, 7).unwrap());
    let inputs: Vec<BatchInput> = generated(1000)
        .into_iter()
        .enumerate()
        .map(|(i, profile)| BatchInput::Profile {
            name: format!("complaint-{i:04}"),
            profile: Box::new(profile),
        })
        .collect();
    let options = ExportOptions::new(opts);
    let mut group = c.benchmark_group("batch");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));
    group.bench_function("complaint_1000_profiles_to_files", |b| {
        // The folder (1,000 files) is removed outside the timed part.
        b.iter_with_large_drop(|| {
            let out = tempfile::tempdir().unwrap();
            let report =
                export_batch(&inputs, &catalog, "complaint", out.path(), &options).unwrap();
            assert_eq!(report.written.len(), 1000, "{:?}", report.failed.first());
            out
        })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(Duration::from_secs(3));
    targets = bench
}
criterion_group!(batches, batch);
criterion_main!(benches, batches);
