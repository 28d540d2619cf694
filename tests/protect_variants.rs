//! The variants table: every written form of the example's protected identity, changed in
//! every way the guard must see through (case, accents, look-alike letters, invisible and
//! format characters, Markdown escapes), planted in every output Drafter writes — the PDF's
//! text, its metadata and XMP, the Markdown and text renders, the SVG preview, a packet's
//! `index.json` and outline, a file name, and a message. Every row must be refused (or,
//! for messages, masked), and no refusal may quote the value.
//!
//! The rows are generated: forms × changes. The paths that lay out a filing use the
//! built-in notice of appearance, with the variant as the pseudonymous party's short name
//! (the form a short name set to the surname takes) or in a firm template.

mod common;

use chrono::NaiveDate;
use drafter::filing::{self, Filing, FilingError, Options};
use drafter::profile::CaseProfile;
use drafter::rules::protect::{redact, Guard, Leak, Output};
use drafter::template::Catalog;
use std::path::Path;

const TEMPLATE: &str = "notice-of-appearance";

fn example() -> CaseProfile {
    drafter::examples::profile("alt-uscis").expect("the example loads")
}

fn opts() -> Options {
    Options::dated(NaiveDate::from_ymd_opt(2017, 4, 6).unwrap())
}

/// Index of the example's pseudonymous party.
fn doe(p: &CaseProfile) -> usize {
    p.parties
        .iter()
        .position(|x| x.protected.is_some())
        .expect("the example has a pseudonymous party")
}

/// The example without its protected identity: lays out whatever is planted in it.
fn public_twin(p: &CaseProfile) -> CaseProfile {
    let mut twin = p.clone();
    for party in &mut twin.parties {
        party.protected = None;
    }
    twin
}

/// The written forms of the example's protected values (true name "Mara
/// Quill-Esterhazy", address "88 Fennimore Hollow Lane, Unit 3", identifier
/// "acct-ref-7Q4K-EZ19", email, phone), with what each is.
fn forms() -> Vec<(&'static str, &'static str)> {
    vec![
        ("whole name", "Mara Quill-Esterhazy"),
        ("whole name, space for hyphen", "Mara Quill Esterhazy"),
        ("family name alone", "Quill-Esterhazy"),
        ("last part of the compound", "Esterhazy"),
        ("first part of the compound", "Quill"),
        ("given name alone", "Mara"),
        ("given + last part", "Mara Esterhazy"),
        ("reversed with comma", "Esterhazy, Mara"),
        ("reversed without comma", "Quill-Esterhazy Mara"),
        ("initial + family", "M. Quill-Esterhazy"),
        ("initial + last part", "M. Esterhazy"),
        ("given + initial", "Mara Q."),
        ("honorific + possessive", "Ms. Esterhazy’s"),
        ("street line", "88 Fennimore Hollow Lane"),
        ("street line, abbreviated", "88 Fennimore Hollow Ln."),
        ("street line, no street type", "88 Fennimore Hollow"),
        ("part of the identifier", "7Q4K-EZ19"),
        ("email", "mqe.private.mailbox@example.net"),
        ("phone, other punctuation", "1-555-0147-2290"),
    ]
}

/// Invisible and format characters: bidi controls, joiners, the combining grapheme
/// joiner, interlinear annotation, musical format characters, variation selectors, tags,
/// the soft hyphen, the Mongolian vowel separator, Hangul filler, blank braille.
const INVISIBLE: &[char] = &[
    '\u{200B}',
    '\u{200C}',
    '\u{200D}',
    '\u{200E}',
    '\u{200F}',
    '\u{2060}',
    '\u{2061}',
    '\u{2063}',
    '\u{FEFF}',
    '\u{00AD}',
    '\u{034F}',
    '\u{202A}',
    '\u{202B}',
    '\u{202C}',
    '\u{202D}',
    '\u{202E}',
    '\u{2066}',
    '\u{2067}',
    '\u{2068}',
    '\u{2069}',
    '\u{FFF9}',
    '\u{FFFA}',
    '\u{FFFB}',
    '\u{1D173}',
    '\u{1D175}',
    '\u{1D17A}',
    '\u{FE0F}',
    '\u{E0041}',
    '\u{180E}',
    '\u{3164}',
    '\u{2800}',
];

/// Look-alike letters from other scripts (Cyrillic, Greek) and compatibility forms.
fn confusable(c: char) -> char {
    match c {
        'a' => '\u{0430}',
        'e' => '\u{0435}',
        'o' => '\u{043E}',
        'i' => '\u{0456}',
        'M' => '\u{041C}',
        'E' => '\u{0395}',
        'Q' => '\u{051A}',
        'H' => '\u{0397}',
        'z' => '\u{1D22}',
        c => c,
    }
}

/// A change applied to a form, with its name.
type Change = (String, Box<dyn Fn(&str) -> String>);

/// The changes applied to every form, by name.
fn changes() -> Vec<Change> {
    let mut out: Vec<Change> = vec![
        ("as written".into(), Box::new(|s: &str| s.to_string())),
        ("upper case".into(), Box::new(|s: &str| s.to_uppercase())),
        (
            "accents added (precomposed)".into(),
            Box::new(|s: &str| s.replace('a', "á").replace('e', "é").replace('u', "ü")),
        ),
        (
            "accents added (decomposed, NFD)".into(),
            Box::new(|s: &str| s.replace('a', "a\u{301}").replace('e', "e\u{300}")),
        ),
        (
            "look-alike letters".into(),
            Box::new(|s: &str| s.chars().map(confusable).collect()),
        ),
        (
            "fullwidth letters".into(),
            Box::new(|s: &str| {
                s.chars()
                    .map(|c| match c {
                        'A'..='Z' | 'a'..='z' | '0'..='9' => {
                            char::from_u32(c as u32 - 0x21 + 0xFF01).unwrap_or(c)
                        }
                        c => c,
                    })
                    .collect()
            }),
        ),
        (
            "Markdown escapes".into(),
            Box::new(|s: &str| {
                s.chars()
                    .flat_map(|c| {
                        let esc = c.is_ascii_punctuation();
                        esc.then_some('\\').into_iter().chain([c])
                    })
                    .collect()
            }),
        ),
    ];
    for &inv in INVISIBLE {
        out.push((
            format!("U+{:04X} inside", inv as u32),
            Box::new(move |s: &str| {
                // After the first and the second-to-last character.
                let chars: Vec<char> = s.chars().collect();
                let mut t = String::new();
                for (i, c) in chars.iter().enumerate() {
                    t.push(*c);
                    if i == 0 || i + 2 == chars.len() {
                        t.push(inv);
                    }
                }
                t
            }),
        ));
    }
    out
}

/// Every row of the table: (form, change, variant text).
fn rows() -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (form, text) in forms() {
        for (change, f) in changes() {
            out.push((form.to_string(), change, f(text)));
        }
    }
    out
}

/// The rows for the paths that lay out a filing for each row: every form with every
/// change but the invisible characters, and a rotating few of those (each character is
/// still tried with several forms).
fn laid_out_rows() -> Vec<(String, String, String)> {
    let plain = changes().len() - INVISIBLE.len();
    let mut out = Vec::new();
    for (fi, (form, text)) in forms().into_iter().enumerate() {
        for (ci, (change, f)) in changes().into_iter().enumerate() {
            if ci < plain || (ci - plain) % 6 == fi % 6 {
                out.push((form.to_string(), change, f(text)));
            }
        }
    }
    out
}

/// A leak list that names the output and never the variant.
fn refused(leaks: &[Leak], output: Output, variant: &str) -> Result<(), String> {
    if leaks.is_empty() {
        return Err("not refused".into());
    }
    if !leaks.iter().any(|l| l.output == output) {
        return Err(format!("refused, but not in {output:?}: {leaks:?}"));
    }
    for l in leaks {
        if l.message.contains(variant)
            || l.message.contains("Quill")
            || l.message.contains("Esterh")
        {
            return Err(format!("the refusal quotes the value: {}", l.message));
        }
    }
    Ok(())
}

fn report(path: &str, failures: Vec<String>, total: usize, started: std::time::Instant) {
    assert!(
        failures.is_empty(),
        "{path}: {} of {total} rows not refused:\n{}",
        failures.len(),
        failures.join("\n")
    );
    eprintln!("{path}: {total} rows refused in {:?}", started.elapsed());
}

/// The public twin with the variant as the pseudonymous party's short name, laid out.
fn planted(twin: &CaseProfile, i: usize, variant: &str) -> Option<Filing> {
    let mut p = twin.clone();
    p.parties[i].short_name = Some(variant.to_string());
    filing::prepare(&p, &Catalog::builtin(), TEMPLATE, &opts()).ok()
}

#[test]
fn pdf_text_short_name_set_to_any_form() {
    let base = example();
    let i = doe(&base);
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let rows = laid_out_rows();
    for (form, change, variant) in &rows {
        let mut p = base.clone();
        p.parties[i].short_name = Some(variant.clone());
        let row = format!("{form} / {change}");
        match filing::prepare(&p, &Catalog::builtin(), TEMPLATE, &opts()) {
            Err(FilingError::ProtectedLeak(leaks)) => {
                if let Err(e) = refused(&leaks, Output::Pages, variant) {
                    failures.push(format!("{row}: {e}"));
                }
            }
            // A character no font has never reaches a page: refused before layout.
            Err(FilingError::Glyph { .. }) => {}
            // Nor does a control character a one-line field may not hold (a bidi
            // override): validation refuses it, naming the field and not the value.
            Err(FilingError::Invalid(findings))
                if findings.iter().all(|f| {
                    f.message.contains("control character")
                        && !f.message.contains("Quill")
                        && !f.message.contains("Esterh")
                }) => {}
            Err(e) => failures.push(format!("{row}: other error {e}")),
            Ok(_) => failures.push(format!("{row}: exported")),
        }
    }
    report("PDF text", failures, rows.len(), started);
}

#[test]
fn the_pdf_shows_what_the_guard_refuses() {
    // The planted short name really is printed in the PDF (read back by pdftotext), so
    // the refusal above is of text that would have been exported.
    let base = example();
    let twin = public_twin(&base);
    let i = doe(&base);
    let dir = tempfile::tempdir().unwrap();
    for (form, text) in forms() {
        let f = planted(&twin, i, text).expect("the twin lays out");
        let path = dir.path().join("out.pdf");
        std::fs::write(&path, f.to_pdf()).unwrap();
        let extracted = common::pdf_text(&path);
        assert!(
            extracted.contains(text),
            "{form}: {text:?} not in the PDF's text"
        );
        let leaks = Guard::new(&base).check_filing(&f);
        assert!(
            refused(&leaks, Output::Pages, text).is_ok(),
            "{form}: {leaks:?}"
        );
    }
}

/// Runs `check` on the twin's laid-out filing with the variant planted by `plant`, for
/// every row.
fn over_filings(
    path: &str,
    output: Output,
    check: impl Fn(&Guard, &mut Filing, &str) -> Vec<Leak>,
) {
    let base = example();
    let twin = public_twin(&base);
    let guard = Guard::new(&base);
    let clean = planted(&twin, doe(&base), "Doe").expect("the twin lays out");
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let rows = rows();
    for (form, change, variant) in &rows {
        let mut f = clean.clone();
        let leaks = check(&guard, &mut f, variant);
        if let Err(e) = refused(&leaks, output, variant) {
            failures.push(format!("{form} / {change}: {e}"));
        }
    }
    report(path, failures, rows.len(), started);
    // The clean filing passes every reading.
    assert!(guard.check_filing(&clean).is_empty());
    assert!(guard.check_bytes(Output::Pdf, &clean.to_pdf()).is_empty());
}

#[test]
fn pdf_metadata_and_xmp() {
    over_filings("PDF metadata (filing)", Output::PdfMetadata, |g, f, v| {
        f.info.subject = format!("Twitter, Inc. v. {v}");
        g.check_filing(f)
    });
}

#[test]
fn written_pdf_information_xmp_and_outline() {
    // Fewer changes: each row writes a real PDF.
    let base = example();
    let twin = public_twin(&base);
    let guard = Guard::new(&base);
    let clean = planted(&twin, doe(&base), "Doe").unwrap();
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut total = 0;
    for (form, text) in forms() {
        for (change, f) in changes().into_iter().step_by(5) {
            total += 3;
            let v = f(text);
            for (what, planted) in [
                ("Subject", {
                    let mut x = clean.clone();
                    x.info.subject = v.clone();
                    x.to_pdf()
                }),
                ("Author", {
                    let mut x = clean.clone();
                    x.info.author = v.clone();
                    x.to_pdf()
                }),
                ("outline", {
                    let mut pages = clean.pages.clone();
                    pages[0].bookmarks = vec![v.clone()];
                    drafter::pdf::write(&pages, &clean.info)
                }),
            ] {
                let leaks = guard.check_bytes(Output::Pdf, &planted);
                if let Err(e) = refused(&leaks, Output::Pdf, &v) {
                    failures.push(format!("{form} / {change} / {what}: {e}"));
                }
            }
        }
    }
    report("written PDF", failures, total, started);
}

#[test]
fn markdown_render() {
    over_filings("Markdown render", Output::Markdown, |g, f, v| {
        f.markdown
            .push_str(&format!("\n<!-- {v} -->\n\n`{v}`\n\n[ref]: <x> \"{v}\"\n"));
        g.check_bytes(Output::Markdown, f.markdown.as_bytes())
    });
}

#[test]
fn text_render_and_svg_preview() {
    let base = example();
    let twin = public_twin(&base);
    let guard = Guard::new(&base);
    let i = doe(&base);
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let rows = laid_out_rows();
    let mut laid = 0;
    for (form, change, variant) in &rows {
        let Some(f) = planted(&twin, i, variant) else {
            continue; // a glyph no font has: never laid out
        };
        laid += 1;
        let text = guard.check_bytes(Output::Text, f.to_text().as_bytes());
        if let Err(e) = refused(&text, Output::Text, variant) {
            failures.push(format!("text: {form} / {change}: {e}"));
        }
        let svg = f.to_svg().join("\n");
        let svg = guard.check_bytes(Output::Svg, svg.as_bytes());
        if let Err(e) = refused(&svg, Output::Svg, variant) {
            failures.push(format!("svg: {form} / {change}: {e}"));
        }
    }
    assert!(
        laid * 2 > rows.len(),
        "most rows lay out ({laid} of {})",
        rows.len()
    );
    report("text render and SVG", failures, laid * 2, started);
}

#[test]
fn packet_index_and_file_names() {
    let base = example();
    let twin = public_twin(&base);
    let guard = Guard::new(&base);
    let clean = planted(&twin, doe(&base), "Doe").unwrap();
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let mut total = 0;
    for (form, text) in forms() {
        for (change, f) in changes() {
            let v = f(text);
            // index.json lists titles and file names, as the set writer writes it.
            let entry = drafter::export::IndexEntry {
                file: format!("{}.pdf", clean.template),
                template: clean.template.clone(),
                title: v.clone(),
                pages: clean.pages.len(),
                sha256: "0".repeat(64),
                exhibits: Vec::new(),
            };
            let json = serde_json::to_string_pretty(&[entry]).unwrap();
            if let Err(e) = refused(
                &guard.check_bytes(Output::Index, json.as_bytes()),
                Output::Index,
                &v,
            ) {
                failures.push(format!("index.json: {form} / {change}: {e}"));
            }
            // A file name made from the value.
            let name = format!("notice-{}.pdf", v.replace(' ', "-"));
            if let Err(e) = refused(&guard.check_name(&name), Output::FileName, &v) {
                failures.push(format!("file name: {form} / {change}: {e}"));
            }
            total += 2;
        }
    }
    report("index.json and file names", failures, total, started);
}

#[test]
fn messages_are_masked() {
    let base = example();
    let guard = Guard::new(&base);
    let started = std::time::Instant::now();
    let mut failures = Vec::new();
    let rows = rows();
    for (form, change, variant) in &rows {
        let message = format!(
            "template `firm`: line 3: `ordinal`: expected a number, found [{{\"name\":\"{variant}\"}}]"
        );
        let masked = redact(&message, &base);
        if masked == message
            || !guard
                .check_bytes(Output::Message, masked.as_bytes())
                .is_empty()
        {
            failures.push(format!("{form} / {change}: {masked}"));
        }
    }
    report("messages", failures, rows.len(), started);
}

#[test]
fn a_name_that_wraps_inside_the_caption_column_is_read_whole() {
    // Only the whole value is looked for: the line reading, which runs across the
    // caption's two columns, would see the name's halves apart.
    let mut p = example();
    let i = doe(&p);
    p.parties[i].protected.as_mut().unwrap().forms = Some(vec![]);
    let mut twin = public_twin(&p);
    twin.parties[i].name =
        "the person or persons who operate the account known as @ALT_USCIS, Mara Quill-Esterhazy"
            .into();
    let f = filing::prepare(&twin, &Catalog::builtin(), TEMPLATE, &opts()).unwrap();
    let lines = f.text_lines();
    let on_one_line = lines
        .iter()
        .any(|l| l.text.contains("Mara Quill-Esterhazy"));
    let leaks = Guard::new(&p).check_filing(&f);
    assert!(
        refused(&leaks, Output::Pages, "Mara Quill-Esterhazy").is_ok(),
        "{leaks:?}\n{lines:#?}"
    );
    assert!(!on_one_line || leaks.iter().any(|l| l.output == Output::Pages));
    // And through the real pipeline: the same name as the public designation is refused.
    let mut planted = p.clone();
    planted.parties[i].name = twin.parties[i].name.clone();
    assert!(matches!(
        filing::prepare(&planted, &Catalog::builtin(), TEMPLATE, &opts()),
        Err(FilingError::ProtectedLeak(_))
    ));
}

#[test]
fn a_firm_template_comment_or_code_span_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let body = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/notice-of-appearance.md.hbs"),
    )
    .unwrap();
    for (what, extra) in [
        ("HTML comment", "<!-- client: Mara Quill\\-Esterhazy -->"),
        ("code span", "`M\\. Esterhazy`"),
        (
            "link reference definition",
            "[client]: <https://example.org> \"Quill\\-Esterhazy, Mara\"",
        ),
    ] {
        std::fs::write(
            dir.path().join("firm-notice.md.hbs"),
            format!("{body}\n{extra}\n"),
        )
        .unwrap();
        let catalog = Catalog::load(Some(dir.path()));
        match filing::prepare(&example(), &catalog, "firm-notice", &opts()) {
            Err(FilingError::ProtectedLeak(leaks)) => {
                assert!(
                    leaks.iter().any(|l| l.output == Output::Markdown),
                    "{what}: {leaks:?}"
                );
                for l in &leaks {
                    assert!(!l.message.contains("Esterh"), "{}", l.message);
                }
            }
            other => panic!("{what}: {:?}", other.map(|f| f.title)),
        }
    }
}

#[test]
fn the_example_exports_clean() {
    // The guard finds nothing in the shipped example's filings: no false alarm.
    let p = example();
    let catalog = Catalog::builtin();
    for t in catalog.list() {
        let f = filing::prepare(&p, &catalog, &t.name, &opts());
        assert!(
            f.is_ok(),
            "{}: {:?}",
            t.name,
            f.err().map(|e| e.to_string())
        );
    }
}
