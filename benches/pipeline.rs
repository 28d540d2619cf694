//! Criterion benchmarks of each pipeline stage on the example complaint, and of the whole
//! pipeline on a 200-paragraph complaint: fill, layout (parse + compose + lay out), PDF
//! writing, and end to end (profile to PDF bytes).

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, Criterion};
use drafter::filing::{prepare, Options};
use drafter::profile::Fact;
use drafter::template::Catalog;
use std::hint::black_box;

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

    let mut long = profile.clone();
    let base = long.facts.clone();
    long.facts = (0..200)
        .map(|i| Fact {
            text: base[i % base.len()].text.clone(),
            heading: None,
        })
        .collect();
    c.bench_function("end_to_end/complaint_200_paragraphs", |b| {
        b.iter(|| {
            prepare(black_box(&long), &catalog, "complaint", &opts)
                .unwrap()
                .to_pdf()
        })
    });
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(30).measurement_time(std::time::Duration::from_secs(3));
    targets = bench
}
criterion_main!(benches);
