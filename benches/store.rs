//! The case store with 10,000 saved cases: list and search must answer in under 50 ms.
//!
//! `cargo bench --bench store`. The database is built once (about 5 KB of profile per
//! case, 5% archived) in a temporary folder; each case has distinct party names, a case
//! number and facts drawn from a small vocabulary, so searches match one case, about a
//! tenth of them, or all of them.

// `criterion_group!` defines public functions that cannot carry doc comments.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use drafter::profile::CaseProfile;
use drafter::store::{CaseId, ListOptions, Rev, Store};
use std::hint::black_box;
use std::time::Duration;

const CASES: usize = 10_000;

const WORDS: &[&str] = &[
    "summons",
    "warrant",
    "subpoena",
    "contract",
    "lease",
    "invoice",
    "shipment",
    "customs",
    "tariff",
    "account",
    "platform",
    "speech",
    "records",
    "privacy",
    "employer",
    "tenant",
    "landlord",
    "vehicle",
    "collision",
    "pharmacy",
    "patent",
    "trademark",
    "license",
    "escrow",
    "mortgage",
    "insurer",
    "premium",
    "benefit",
    "pension",
    "wages",
    "overtime",
    "harbor",
    "vessel",
    "cargo",
    "freight",
    "broker",
    "agency",
    "permit",
    "zoning",
    "easement",
];
const NAMES: &[&str] = &[
    "Abernathy",
    "Baptiste",
    "Castellanos",
    "Delacroix",
    "Eriksen",
    "Fairweather",
    "Galloway",
    "Hargreaves",
    "Ishikawa",
    "Jablonski",
    "Kowalczyk",
    "Lindqvist",
    "Montgomery",
    "Nakamura",
    "Okonkwo",
    "Pemberton",
    "Quintero",
    "Rasmussen",
    "Szymanski",
    "Thibodeaux",
];

struct Rng(u64);
impl Rng {
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        list[(self.0 % list.len() as u64) as usize]
    }
}

fn profile(template: &CaseProfile, i: usize, rng: &mut Rng) -> CaseProfile {
    let mut p = template.clone();
    let plaintiff = format!("{} {} Holdings {i}", rng.pick(NAMES), rng.pick(NAMES));
    let defendant = format!("{} {} Company", rng.pick(NAMES), rng.pick(WORDS));
    p.title = format!("{plaintiff} v. {defendant}");
    p.case_number = Some(format!("3:{}-cv-{i:05}", 10 + i % 15));
    p.parties[0].name = plaintiff;
    p.parties[0].short_name = Some(format!("Plaintiff{i}"));
    p.parties[1].name = defendant;
    for f in p.facts.iter_mut() {
        let words: Vec<&str> = (0..12).map(|_| rng.pick(WORDS)).collect();
        f.text = format!("{} {}", f.text, words.join(" "));
    }
    p
}

fn build(dir: &std::path::Path) -> Store {
    let template = CaseProfile::from_path(
        &std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/store-alt-uscis.json"),
    )
    .unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let cases: Vec<(String, CaseProfile)> = (0..CASES)
        .map(|i| {
            let p = profile(&template, i, &mut rng);
            (p.title.clone(), p)
        })
        .collect();
    let mut store = Store::open(dir).unwrap();
    // The profiles have protected values: they are sealed with the store's key.
    store.unlock("bench passphrase", false).unwrap();
    let started = std::time::Instant::now();
    for chunk in cases.chunks(1000) {
        store.create_many(chunk).unwrap();
    }
    for i in (1..=CASES as i64).step_by(20) {
        store.archive(CaseId(i)).unwrap();
    }
    let size = std::fs::metadata(store.path())
        .map(|m| m.len())
        .unwrap_or(0);
    eprintln!(
        "built {CASES} cases in {:.1?} ({:.1} MB)",
        started.elapsed(),
        size as f64 / 1e6
    );
    store
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let mut store = build(dir.path());
    let visible = ListOptions::default();
    let count = |q: &str| store.search(q, &visible).unwrap().len();
    eprintln!(
        "matches: rare party name {}, case number {}, fact word {}, everywhere {}",
        count("Plaintiff4242"),
        count("3:22-cv-04242"),
        count("harbor vessel"),
        count("District")
    );

    let mut g = c.benchmark_group("store_10k");
    g.sample_size(20)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    g.bench_function("list_all", |b| {
        b.iter(|| black_box(store.list(&visible).unwrap().len()))
    });
    let first_page = ListOptions {
        include_archived: false,
        limit: Some(100),
    };
    g.bench_function("list_first_100", |b| {
        b.iter(|| black_box(store.list(&first_page).unwrap().len()))
    });
    g.bench_function("search_party_name_1_match", |b| {
        b.iter(|| black_box(store.search("Plaintiff4242", &visible).unwrap().len()))
    });
    g.bench_function("search_case_number", |b| {
        b.iter(|| black_box(store.search("3:22-cv-04242", &visible).unwrap().len()))
    });
    g.bench_function("search_two_fact_words", |b| {
        b.iter(|| black_box(store.search("harbor vessel", &visible).unwrap().len()))
    });
    g.bench_function("search_word_in_every_case", |b| {
        b.iter(|| black_box(store.search("District", &visible).unwrap().len()))
    });
    g.bench_function("known_counsel", |b| {
        b.iter(|| black_box(store.known_counsel().unwrap().len()))
    });
    g.bench_function("known_parties", |b| {
        b.iter(|| black_box(store.known_parties().unwrap().len()))
    });
    g.finish();

    let mut g = c.benchmark_group("store_10k_io");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(200))
        .measurement_time(Duration::from_secs(5));
    let id = CaseId(4242);
    g.bench_function("save_one_revision", |b| {
        b.iter(|| {
            let current = store.show(id, None).unwrap();
            let rev: Rev = store.save(id, &current.profile, current.info.rev).unwrap();
            black_box(rev)
        })
    });
    g.bench_function("open_with_integrity_check", |b| {
        b.iter(|| black_box(Store::open(dir.path()).unwrap()))
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
