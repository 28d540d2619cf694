//! Fuzzing on stable Rust: four targets (profile load, template compile and fill,
//! Markdown to laid-out pages, court style load) fed with inputs mutated from the corpus in
//! tests/corpus/<target>/. A target passes when no input panics, aborts, or takes longer
//! than [`SLOW`]; the inputs are mutations drawn from a seeded generator.
//!
//! - `cargo test --test fuzz` replays the whole corpus (every file is a regression test)
//!   and runs each target for `FUZZ_SECONDS` seconds (default 30: ~2 minutes in all), from
//!   a fixed seed (`FUZZ_SEED`, default 1), so two runs try the same inputs.
//! - The long run: `FUZZ_SEED=$RANDOM FUZZ_SECONDS=900 nice -n 19 cargo test --release --test fuzz`
//!   (docs/limits.md). A failing input is written to tests/corpus/<target>/crash-<hash>
//!   before the test fails, so it joins the corpus and is replayed by every later run.
//!   An abort cannot be caught: the input being tried is kept in
//!   `$CARGO_TARGET_TMPDIR/fuzz-<target>-current` for that case.

use chrono::NaiveDate;
use drafter::profile::CaseProfile;
use drafter::template::{check_source, Catalog, Origin};
use drafter::typeset::{self, CourtStyle};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Longest a single input may take.
const SLOW: Duration = Duration::from_secs(20);

fn corpus_dir(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(target)
}

fn corpus(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out: Vec<_> = std::fs::read_dir(corpus_dir(target))
        .unwrap()
        .map(|e| {
            let p = e.unwrap().path();
            let bytes = std::fs::read(&p).unwrap();
            (p, bytes)
        })
        .collect();
    out.sort();
    assert!(!out.is_empty(), "tests/corpus/{target} is empty");
    out
}

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2017, 4, 7).unwrap()
}

/// Profile load: parse, validate, and when it loads, the full check of the complaint
/// (fill, compose, lay out, scan).
fn profile_target(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(p) = CaseProfile::from_json(text, "fuzz.json") {
        let _ = p.validate();
        let opts = drafter::filing::Options::dated(date());
        let _ = drafter::filing::check(&p, &Catalog::builtin(), "complaint", &opts);
    }
}

/// Template compile and fill: `template check` (limits, compile, variable walk, fills with
/// the example and an empty case).
fn template_target(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let report = check_source("fuzz", &text, Origin::User(PathBuf::from("fuzz.md.hbs")));
    let _ = report.to_string();
}

/// Markdown to pages: parse, compose with the example case in the N.D. Cal. style, lay out.
fn markdown_target(bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    let blocks = typeset::markdown::parse(&text);
    let profile = drafter::examples::profile("alt-uscis").unwrap();
    let style = CourtStyle::load("cand", None).unwrap();
    let catalog = Catalog::builtin();
    let front = &catalog.get("complaint").unwrap().front;
    let spec = typeset::FilingSpec {
        title: front.title.clone(),
        short_title: front.short_title().to_string(),
        layout: front.layout,
        filed_by: front.filed_by,
        caption: front.caption,
        attorney_block: front.attorney_block,
        signature: front.signature,
        certificate_of_service: front.certificate_of_service,
        date: date(),
        caption_lines: Vec::new(),
    };
    let elements = typeset::compose::compose(&blocks, &spec, &profile, &style);
    let footer = typeset::FooterText {
        title: spec.title.clone(),
        short_title: spec.short_title.clone(),
        case_number: "3:17-cv-01916".into(),
        legend: String::new(),
    };
    let _ = typeset::layout::layout(&elements, &style, &footer);
}

/// Style load: parse and check; a style that loads gives its calendar.
fn style_target(bytes: &[u8]) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    if let Ok(style) = CourtStyle::from_toml("fuzz", text, "fuzz.toml") {
        let _ = style.calendar();
        let _ = style.text_width();
    }
}

/// Fragments a mutation may insert: the tokens each format is made of.
const TOKENS: &[&str] = &[
    "{{",
    "}}",
    "{{#if x}}",
    "{{/if}}",
    "{{else}}",
    "{{> complaint}}",
    "{{#each facts}}",
    "{{/each}}",
    "{{#*inline \"p\"}}",
    "{{/inline}}",
    "{{> p}}",
    "(",
    ")",
    "{{~",
    "~}}",
    "{{{{raw}}}}",
    "{{!--",
    "--}}",
    "\\{{",
    "\\\\{{",
    "{{^",
    "{{elsex}}",
    "{{{{/raw}}}}",
    "'",
    "{{> 'p'}}",
    "{{#*inline \"'p'\"}}",
    "+++",
    "\n",
    "\"",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "null",
    "1e999",
    "-0",
    "\"schema\": 1",
    "\u{1b}",
    "\u{202e}",
    "\u{0}",
    "# ",
    "> ",
    "- ",
    "1. ",
    "*",
    "**",
    "`",
    "|",
    "---",
    "[^1]",
    "= ",
    "[page]",
    "\u{5d3}",
    "\u{fdfd}",
    "\r\n",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Insert(usize, usize),
    Delete(usize, usize),
    Repeat(usize, usize, usize),
    Splice(usize, usize),
}

fn mutations() -> impl Strategy<Value = Vec<Mutation>> {
    let one = prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Mutation::Flip(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
        (any::<usize>(), 0usize..64).prop_map(|(a, b)| Mutation::Delete(a, b)),
        (any::<usize>(), 1usize..48, 1usize..200).prop_map(|(a, b, c)| Mutation::Repeat(a, b, c)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Splice(a, b)),
    ];
    proptest::collection::vec(one, 1..12)
}

fn apply(seed: &[u8], others: &[(PathBuf, Vec<u8>)], ms: &[Mutation]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for m in ms {
        let at = |x: usize, len: usize| if len == 0 { 0 } else { x % (len + 1) };
        match *m {
            Mutation::Flip(i, b) if !v.is_empty() => {
                let i = i % v.len();
                v[i] ^= b;
            }
            Mutation::Flip(..) => {}
            Mutation::Insert(i, t) => {
                let i = at(i, v.len());
                let tok = TOKENS[t % TOKENS.len()].as_bytes();
                v.splice(i..i, tok.iter().copied());
            }
            Mutation::Delete(i, n) => {
                let i = at(i, v.len());
                let end = (i + n).min(v.len());
                v.drain(i..end);
            }
            Mutation::Repeat(i, n, times) => {
                let i = at(i, v.len());
                let end = (i + n).min(v.len());
                let piece = v[i..end].to_vec();
                for _ in 0..times {
                    v.splice(end..end, piece.iter().copied());
                }
            }
            Mutation::Splice(o, i) => {
                let other = &others[o % others.len()].1;
                let from = at(i, other.len());
                let to = (from + 256).min(other.len());
                let at_v = at(i, v.len());
                v.splice(at_v..at_v, other[from..to].iter().copied());
            }
        }
        v.truncate(2 * 1024 * 1024);
    }
    v
}

/// Runs `f` on `input`, failing (after saving the input to the corpus) on a panic or a
/// slow input.
fn try_input(target: &str, f: fn(&[u8]), input: &[u8]) {
    let start = Instant::now();
    let result = std::panic::catch_unwind(|| f(input));
    let took = start.elapsed();
    if result.is_err() || took > SLOW {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        input.hash(&mut h);
        let path = corpus_dir(target).join(format!("crash-{:016x}", h.finish()));
        std::fs::write(&path, input).unwrap();
        panic!(
            "{target}: input saved as {} {}",
            path.display(),
            if result.is_err() {
                "panicked".to_string()
            } else {
                format!("took {took:?}")
            }
        );
    }
}

/// Replays the corpus, then mutates it for `FUZZ_SECONDS` (default 30).
fn fuzz(target: &str, f: fn(&[u8])) {
    let seeds = corpus(target);
    for (path, bytes) in &seeds {
        let start = Instant::now();
        f(bytes);
        assert!(start.elapsed() < SLOW, "{} is slow", path.display());
    }
    let seconds: u64 = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(30);
    let current = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("fuzz-{target}-current"));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    // The same seed replays the same inputs: CI is reproducible, and a failure's seed (on
    // stderr, which survives an abort) reproduces it. `FUZZ_SEED` explores others.
    let seed: u64 = std::env::var("FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let _ = writeln!(
        std::io::stderr(),
        "fuzz {target}: seed {seed} (FUZZ_SEED), {seconds} s (FUZZ_SECONDS)"
    );
    let mut bytes = [0u8; 32];
    bytes[..8].copy_from_slice(&seed.to_le_bytes());
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &bytes),
    );
    let strategy = (any::<usize>(), mutations());
    let mut runs = 0u64;
    while Instant::now() < deadline {
        let (seed, ms) = strategy.new_tree(&mut runner).unwrap().current();
        let input = apply(&seeds[seed % seeds.len()].1, &seeds, &ms);
        if seconds > 60 {
            // A long run keeps the input in hand in case it aborts the process.
            let _ = std::fs::write(&current, &input);
        }
        try_input(target, f, &input);
        runs += 1;
    }
    eprintln!("fuzz {target}: {runs} inputs in {seconds} s, no failure");
}

#[test]
fn fuzz_profile_load() {
    fuzz("profile", profile_target);
}

#[test]
fn fuzz_template_compile_and_fill() {
    fuzz("template", template_target);
}

#[test]
fn fuzz_markdown_to_pages() {
    fuzz("markdown", markdown_target);
}

#[test]
fn fuzz_style_load() {
    fuzz("style", style_target);
}
