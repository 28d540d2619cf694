//! Exhibits through the public surface: the example's Exhibit A in the CLI's `--all`
//! export (the complaint, the packet, the index, the outline, read back with pdftotext,
//! pdffonts, qpdf and lopdf); files that are refused before anything is written
//! (encrypted, damaged, not a PDF); the guards reading an exhibit's text.

mod common;
use chrono::NaiveDate;
use common::*;
use drafter::export::{self, ExportOptions, FilingSet, IndexEntry};
use drafter::filing::Options;
use drafter::pdf::PdfInfo;
use drafter::profile::{CaseProfile, Exhibit};
use drafter::template::Catalog;
use drafter::typeset::model::{Element, Para, Span};
use drafter::typeset::{self, CourtStyle};
use std::path::Path;

fn opts() -> ExportOptions {
    ExportOptions::new(Options::dated(NaiveDate::from_ymd_opt(2017, 4, 6).unwrap()))
}

fn example() -> CaseProfile {
    drafter::examples::profile("alt-uscis").unwrap()
}

/// A PDF made by Drafter's own pipeline: one page per entry, each paragraph a line.
fn make_pdf(pages: &[&[&str]]) -> Vec<u8> {
    let style = CourtStyle::load("federal", None).unwrap();
    let mut elements = Vec::new();
    for (i, page) in pages.iter().enumerate() {
        if i > 0 {
            elements.push(Element::PageBreak);
        }
        for line in *page {
            elements.push(Element::Para(Para::new(vec![Span::plain(*line)])));
        }
    }
    let laid = typeset::layout::layout(&elements, &style, &Default::default()).unwrap();
    assert_eq!(laid.len(), pages.len());
    let info = PdfInfo {
        title: "test exhibit".into(),
        date: NaiveDate::from_ymd_opt(2017, 3, 1).unwrap(),
        ..Default::default()
    };
    drafter::pdf::write(&laid, &info)
}

/// The example with one exhibit on the complaint: `file` in `dir`.
fn with_exhibit(dir: &Path, name: &str, bytes: &[u8]) -> CaseProfile {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let mut p = example();
    p.exhibits.insert(
        "complaint".into(),
        vec![Exhibit {
            title: "A test exhibit".into(),
            file: path.display().to_string(),
        }],
    );
    p
}

/// Exports the whole set of `profile` into a fresh folder, which must stay empty.
fn refused(profile: &CaseProfile) -> export::ExportError {
    let dir = tempdir();
    let out = dir.path().join("out");
    let catalog = Catalog::builtin();
    let e = export::export_set(
        profile,
        &catalog,
        &FilingSet::every(&catalog),
        &out,
        &opts(),
        |_| {},
    )
    .unwrap_err();
    let left: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.map(|e| e.unwrap().file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "nothing may be written: {left:?}");
    e
}

/// The page count pdfinfo reads.
fn pdf_pages(pdf: &Path) -> usize {
    let info = tool("pdfinfo", &[pdf.to_str().unwrap()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
    line["Pages:".len()..].trim().parse().unwrap()
}

/// The outline's titles, in order (one level, as Drafter writes it).
fn outline(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let catalog = doc.catalog().unwrap();
    let outlines = doc
        .get_dictionary(catalog.get(b"Outlines").unwrap().as_reference().unwrap())
        .unwrap();
    let mut next = outlines
        .get(b"First")
        .ok()
        .and_then(|o| o.as_reference().ok());
    let mut titles = Vec::new();
    while let Some(id) = next {
        let item = doc.get_dictionary(id).unwrap();
        let title = item.get(b"Title").unwrap();
        titles.push(lopdf::decode_text_string(title).unwrap());
        next = item.get(b"Next").ok().and_then(|o| o.as_reference().ok());
    }
    titles
}

#[test]
fn the_example_complaint_carries_exhibit_a_into_its_pdf_the_packet_and_the_index() {
    let data = tempdir();
    let out = data.path().join("out");
    export_example_all(data.path(), &out, "2017-04-06");
    let complaint = out.join("complaint.pdf");
    let text = pdf_text(&complaint);
    let flat = squash(&text);
    for want in [
        "A copy of the Summons is attached as Exhibit A.",
        "INDEX OF EXHIBITS",
        "Exhibit A Administrative summons No. OPR-2017-0314-ALT, issued March 14, 2017 (1 page)",
        "EXHIBIT A",
        // The exhibit's own page, searchable text merged in after the slip sheet.
        "Summons No. OPR-2017-0314-ALT",
        "All records regarding the Twitter account @ALT_USCIS",
    ] {
        assert!(flat.contains(want), "missing {want:?} in:\n{text}");
    }
    // The slip sheet comes right before the exhibit's page, which is the last.
    let pages: Vec<&str> = text
        .split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .collect();
    let last = pages.len() - 1;
    assert!(
        pages[last].contains("DEPARTMENT OF HOMELAND SECURITY"),
        "{}",
        pages[last]
    );
    assert!(
        squash(pages[last - 1]).contains("EXHIBIT A"),
        "{}",
        pages[last - 1]
    );
    assert!(squash(pages[last - 2]).contains("INDEX OF EXHIBITS"));

    // The index lists the exhibit under the complaint, and counts its page.
    let index: Vec<IndexEntry> =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let entry = index.iter().find(|e| e.template == "complaint").unwrap();
    assert_eq!(entry.pages, pages.len());
    assert_eq!(entry.exhibits.len(), 1);
    assert_eq!(entry.exhibits[0].label, "Exhibit A");
    assert_eq!(entry.exhibits[0].pages, 1);
    let shipped = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/examples/alt-uscis-summons.pdf"),
    )
    .unwrap();
    assert_eq!(
        entry.exhibits[0].sha256,
        drafter::filing::sha256_hex(&shipped)
    );
    let json = std::fs::read_to_string(out.join("index.json")).unwrap();
    assert!(json.contains("\"label\": \"Exhibit A\""), "{json}");

    // The outline shows the index and the exhibit, in the complaint and in the packet.
    let marks = outline(&complaint);
    let at = |t: &str| marks.iter().position(|m| m == t);
    let (index_at, exhibit_at) = (
        at("Index of Exhibits").expect("index in outline"),
        at("Exhibit A: Administrative summons No. OPR-2017-0314-ALT, issued March 14, 2017")
            .expect("exhibit in outline"),
    );
    assert!(index_at < exhibit_at, "{marks:?}");
    let packet = out.join("packet.pdf");
    let marks = outline(&packet);
    assert!(
        marks.iter().any(|m| m.starts_with("Complaint") && m.ends_with("— Exhibit A: Administrative summons No. OPR-2017-0314-ALT, issued March 14, 2017")),
        "{marks:?}"
    );
    let packet_text = squash(&pdf_text(&packet));
    assert!(packet_text.contains("All records regarding the Twitter account @ALT_USCIS"));
    let packet_entry = index.iter().find(|e| e.file == "packet.pdf").unwrap();
    assert_eq!(
        packet_entry.pages,
        index
            .iter()
            .filter(|e| e.file != "packet.pdf")
            .map(|e| e.pages)
            .sum::<usize>()
    );
    assert_eq!(pdf_pages(&packet), packet_entry.pages);
    assert_eq!(pdf_pages(&complaint), entry.pages);

    // Structure and fonts, by outside tools.
    for pdf in [&complaint, &packet] {
        tool("qpdf", &["--check", pdf.to_str().unwrap()]);
        let fonts = tool("pdffonts", &[pdf.to_str().unwrap()]);
        for line in fonts.lines().skip(2) {
            let cols: Vec<&str> = line.split_whitespace().collect();
            // name type encoding emb sub uni object ID
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "a font is not embedded: {line}");
        }
    }
}

#[test]
fn the_shipped_exhibit_is_rebuilt_by_its_generator() {
    // The committed file is what `cargo run --example summons_exhibit` writes: same
    // text, one page (PDFs are compared through their text, never byte for byte).
    let dir = tempdir();
    let fresh = dir.path().join("fresh.pdf");
    let o = std::process::Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--example", "summons_exhibit", "--"])
        .arg(&fresh)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let shipped =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/examples/alt-uscis-summons.pdf");
    assert_eq!(pdf_text(&fresh), pdf_text(&shipped));
}

#[test]
fn an_encrypted_exhibit_is_refused_and_nothing_is_written() {
    let dir = tempdir();
    let plain = dir.path().join("plain.pdf");
    std::fs::write(&plain, make_pdf(&[&["A plain page."]])).unwrap();
    // With a user password, and with none (only restrictions): both are encrypted.
    for (name, user) in [("locked.pdf", "secret"), ("restricted.pdf", "")] {
        let path = dir.path().join(name);
        tool(
            "qpdf",
            &[
                "--encrypt",
                user,
                "owner-pass",
                "256",
                "--",
                plain.to_str().unwrap(),
                path.to_str().unwrap(),
            ],
        );
        let mut p = example();
        p.exhibits.insert(
            "complaint".into(),
            vec![Exhibit {
                title: "Locked".into(),
                file: path.display().to_string(),
            }],
        );
        let e = refused(&p);
        assert_eq!(e.code(), "exhibit", "{e}");
        let msg = e.to_string();
        assert!(
            msg.starts_with("complaint: Exhibit A (“Locked”), "),
            "{msg}"
        );
        assert!(msg.contains("is encrypted"), "{msg}");
    }
}

#[test]
fn a_damaged_exhibit_is_refused_and_nothing_is_written() {
    let dir = tempdir();
    let good = make_pdf(&[&["Page one."], &["Page two."]]);
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("truncated.pdf", good[..good.len() / 3].to_vec()),
        (
            "garbage.pdf",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\nthis is not a PDF body at all\n".to_vec(),
        ),
    ];
    for (name, bytes) in cases {
        let e = refused(&with_exhibit(dir.path(), name, &bytes));
        assert_eq!(e.code(), "exhibit", "{name}: {e}");
        assert!(e.to_string().contains("is damaged"), "{name}: {e}");
    }
}

#[test]
fn a_file_that_is_not_a_pdf_or_an_image_is_refused() {
    let dir = tempdir();
    let e = refused(&with_exhibit(
        dir.path(),
        "notes.pdf",
        b"Just some notes, not a PDF.",
    ));
    assert_eq!(e.code(), "exhibit");
    assert!(
        e.to_string().contains("is not a PDF, PNG or JPEG file"),
        "{e}"
    );
    // A missing file and a folder are refused too, naming the exhibit.
    let mut p = example();
    p.exhibits.insert(
        "complaint".into(),
        vec![Exhibit {
            title: "Gone".into(),
            file: dir.path().join("nowhere.pdf").display().to_string(),
        }],
    );
    let e = refused(&p);
    assert!(e.to_string().contains("Exhibit A (“Gone”)"), "{e}");
    assert!(e.to_string().contains("cannot read the file"), "{e}");
}

#[test]
fn a_protected_value_in_an_exhibit_is_refused_with_exhibit_and_page() {
    let dir = tempdir();
    // The example's pseudonymous client, named on the second page of an exhibit.
    let bytes = make_pdf(&[
        &["Letter from the agency."],
        &[
            "Records concerning the account holder",
            "Mara Quill-Esterhazy of Oakland.",
        ],
    ]);
    let mut p = with_exhibit(dir.path(), "letter.pdf", &make_pdf(&[&["Harmless."]]));
    let second = dir.path().join("leak.pdf");
    std::fs::write(&second, bytes).unwrap();
    p.exhibits.get_mut("complaint").unwrap().push(Exhibit {
        title: "Agency letter".into(),
        file: second.display().to_string(),
    });
    let e = refused(&p);
    assert_eq!(e.code(), "protected-leak", "{e}");
    let msg = e.to_string();
    assert!(
        msg.contains("appears in Exhibit B, page 2, line 2"),
        "{msg}"
    );
    assert!(
        !msg.contains("Quill"),
        "the message must not print the value: {msg}"
    );
    // The preview's checks say the same, on the value's field.
    let findings = drafter::filing::check(&p, &Catalog::builtin(), "complaint", &opts().filing);
    assert!(
        findings
            .iter()
            .any(|f| f.message.contains("Exhibit B, page 2")),
        "{findings:?}"
    );
}

/// A form XObject's dictionary: `resources`, a `size`-point square box.
fn form_dict(resources: lopdf::Object, size: i64) -> lopdf::Dictionary {
    use lopdf::Object;
    let mut form = lopdf::Dictionary::new();
    form.set("Type", Object::Name(b"XObject".to_vec()));
    form.set("Subtype", Object::Name(b"Form".to_vec()));
    form.set(
        "BBox",
        Object::Array(vec![0.into(), 0.into(), size.into(), size.into()]),
    );
    form.set("Resources", resources);
    form
}

/// Page `page`'s resource dictionary, as a copy to change and set back.
fn page_resources(doc: &lopdf::Document, page: lopdf::ObjectId) -> lopdf::Dictionary {
    match doc.get_dictionary(page).unwrap().get(b"Resources").unwrap() {
        lopdf::Object::Dictionary(d) => d.clone(),
        lopdf::Object::Reference(id) => doc.get_dictionary(*id).unwrap().clone(),
        other => panic!("resources: {other:?}"),
    }
}

/// A one-page PDF whose page shows `direct` as ordinary text and draws `in_form` through
/// a form XObject (as a letterhead, a stamp or a flattened form field is drawn): the
/// second page of a Drafter PDF becomes the form, drawn on the first page.
fn pdf_with_form(direct: &str, in_form: &str) -> Vec<u8> {
    use lopdf::{Dictionary, Object, Stream};
    let mut doc = lopdf::Document::load_mem(&make_pdf(&[&[direct], &[in_form]])).unwrap();
    let pages: Vec<_> = doc.get_pages().into_values().collect();
    let (first, second) = (pages[0], pages[1]);
    let content = doc.get_page_content(second);
    let resources = doc
        .get_dictionary(second)
        .unwrap()
        .get(b"Resources")
        .unwrap()
        .clone();
    let mut stream = Stream::new(form_dict(resources, 792), content);
    stream.compress().unwrap();
    let form_id = doc.add_object(stream);
    // The first page draws the form after its own text.
    let mut own = doc.get_page_content(first);
    own.extend_from_slice(b"\nq /Fx1 Do Q\n");
    let contents = doc.add_object(Stream::new(Dictionary::new(), own));
    let mut resources = page_resources(&doc, first);
    let mut xobjects = Dictionary::new();
    xobjects.set("Fx1", Object::Reference(form_id));
    resources.set("XObject", Object::Dictionary(xobjects));
    let page = doc.get_dictionary_mut(first).unwrap();
    page.set("Contents", Object::Reference(contents));
    page.set("Resources", Object::Dictionary(resources));
    doc.delete_pages(&[2]);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_protected_value_drawn_through_a_form_xobject_is_found() {
    let dir = tempdir();
    let bytes = pdf_with_form(
        "Letter from the agency.",
        "Records concerning Mara Quill-Esterhazy of Oakland.",
    );
    // The form is drawn: pdftotext reads the name on the page (so the test PDF is what
    // it says it is), and the page has direct text of its own besides.
    let file = dir.path().join("stamped.pdf");
    std::fs::write(&file, &bytes).unwrap();
    let text = squash(&pdf_text(&file));
    // (Both start on the page's first line, so pdftotext interleaves them.)
    assert!(
        text.contains("Letter from") && text.contains("the agency."),
        "{text}"
    );
    assert!(text.contains("Quill-Esterhazy"), "{text}");
    assert_eq!(pdf_pages(&file), 1);

    let p = with_exhibit(dir.path(), "stamped.pdf", &bytes);
    let e = refused(&p);
    assert_eq!(e.code(), "protected-leak", "{e}");
    assert!(e.to_string().contains("Exhibit A, page 1"), "{e}");
    assert!(!e.to_string().contains("Quill"), "{e}");
}

/// A one-page PDF (Drafter's own, with `text` on it) whose page also runs `draws`, with
/// `forms` (name, content) as form XObjects that every form and the page can draw.
fn pdf_drawing_forms(text: &str, forms: &[(&str, String)], draws: &str) -> Vec<u8> {
    use lopdf::{Dictionary, Object, Stream};
    let mut doc = lopdf::Document::load_mem(&make_pdf(&[&[text]])).unwrap();
    let page = doc.get_pages()[&1];
    let ids: Vec<_> = forms.iter().map(|_| doc.new_object_id()).collect();
    let mut names = Dictionary::new();
    for ((name, _), id) in forms.iter().zip(&ids) {
        names.set(*name, Object::Reference(*id));
    }
    for ((_, content), id) in forms.iter().zip(&ids) {
        let mut res = Dictionary::new();
        res.set("XObject", Object::Dictionary(names.clone()));
        let form = form_dict(Object::Dictionary(res), 10);
        doc.objects.insert(
            *id,
            Object::Stream(Stream::new(form, content.as_bytes().to_vec())),
        );
    }
    let mut own = doc.get_page_content(page);
    own.extend_from_slice(format!("\n{draws}\n").as_bytes());
    let contents = doc.add_object(Stream::new(Dictionary::new(), own));
    let mut resources = page_resources(&doc, page);
    resources.set("XObject", Object::Dictionary(names));
    let d = doc.get_dictionary_mut(page).unwrap();
    d.set("Contents", Object::Reference(contents));
    d.set("Resources", Object::Dictionary(resources));
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).unwrap();
    bytes
}

fn inspect_bytes(
    dir: &Path,
    name: &str,
    bytes: &[u8],
) -> Result<drafter::exhibit::ExhibitInfo, drafter::exhibit::ExhibitError> {
    let file = dir.join(name);
    std::fs::write(&file, bytes).unwrap();
    drafter::exhibit::inspect(
        &Exhibit {
            title: "Forms".into(),
            file: file.display().to_string(),
        },
        "Exhibit A",
    )
}

#[test]
fn hostile_forms_neither_hang_the_reader_nor_are_read_in_part() {
    let dir = tempdir();
    // A form that draws itself, and two that draw each other: each is read once per
    // chain, and the page's own text is still there.
    let looped = pdf_drawing_forms(
        "A harmless page.",
        &[
            ("Loop", "/Loop Do /Loop Do".into()),
            ("Ping", "/Pong Do".into()),
            ("Pong", "/Ping Do".into()),
        ],
        "/Loop Do /Ping Do",
    );
    let info = inspect_bytes(dir.path(), "loop.pdf", &looped).unwrap();
    assert_eq!(info.pages, 1);
    assert!(info.warnings.is_empty(), "{:?}", info.warnings);
    // A tree of forms: the page draws Wide 200 times, Wide draws Leaf 200 times (40,200
    // draws). Refused as damaged, with the reason, not read in part.
    let wide = pdf_drawing_forms(
        "A harmless page.",
        &[("Wide", "/Leaf Do ".repeat(200)), ("Leaf", "BT ET".into())],
        &"/Wide Do ".repeat(200),
    );
    let e = inspect_bytes(dir.path(), "wide.pdf", &wide).unwrap_err();
    assert!(e.to_string().contains("draws more than 20000 forms"), "{e}");
    assert!(e.to_string().contains("Exhibit A"), "{e}");
}

#[test]
fn rule_5_2_findings_in_an_exhibit_name_the_exhibit_and_page() {
    let dir = tempdir();
    let bytes = make_pdf(&[&["Nothing here."], &["Taxpayer SSN 123-45-6789 on file."]]);
    let p = with_exhibit(dir.path(), "tax.pdf", &bytes);
    let e = refused(&p);
    assert_eq!(e.code(), "privacy", "{e}");
    assert!(e.to_string().contains("Exhibit A, page 2, line 1"), "{e}");
    // Confirmed, it exports, and the report keeps the finding.
    let out = dir.path().join("out");
    let catalog = Catalog::builtin();
    let r = export::export_filing(
        &p,
        &catalog,
        "complaint",
        &out.join("complaint.pdf"),
        &ExportOptions {
            confirm_privacy: true,
            ..opts()
        },
    )
    .unwrap();
    assert!(
        r.confirmed_privacy[0].contains("Exhibit A, page 2"),
        "{:?}",
        r.confirmed_privacy
    );
}

/// A PNG of `w` × `h` grey pixels.
fn png(w: u32, h: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let mut enc = png::Encoder::new(&mut out, w, h);
    enc.set_color(png::ColorType::Rgba);
    enc.set_depth(png::BitDepth::Eight);
    let mut writer = enc.write_header().unwrap();
    let data: Vec<u8> = (0..w * h).flat_map(|_| [120, 120, 120, 255]).collect();
    writer.write_image_data(&data).unwrap();
    drop(writer);
    out
}

#[test]
fn a_scanned_image_becomes_one_page_and_a_warning_to_check_it_by_eye() {
    let dir = tempdir();
    let p = with_exhibit(dir.path(), "scan.png", &png(85, 110));
    let catalog = Catalog::builtin();
    let out = dir.path().join("complaint.pdf");
    let r = export::export_filing(&p, &catalog, "complaint", &out, &opts()).unwrap();
    assert!(
        r.warnings
            .iter()
            .any(|w| w.contains("Exhibit A") && w.contains("is an image")),
        "{:?}",
        r.warnings
    );
    tool("qpdf", &["--check", out.to_str().unwrap()]);
    let images = tool("pdfimages", &["-list", out.to_str().unwrap()]);
    assert!(images.contains("  85   110  "), "{images}");
    let filing = drafter::filing::prepare(&p, &catalog, "complaint", &opts().filing).unwrap();
    assert_eq!(r.files[0].pages, filing.pages.len() + 1);
    assert_eq!(pdf_pages(&out), filing.pages.len() + 1);
}

#[test]
fn a_relative_path_in_a_profile_file_is_read_from_its_folder() {
    let dir = tempdir();
    let sub = dir.path().join("case");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("summons.pdf"), make_pdf(&[&["A summons."]])).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap();
    json["exhibits"]["complaint"][0]["file"] = "summons.pdf".into();
    let file = sub.join("case.json");
    std::fs::write(&file, json.to_string()).unwrap();
    let p = CaseProfile::from_path(&file).unwrap();
    assert_eq!(
        p.exhibits["complaint"][0].file,
        sub.join("summons.pdf").display().to_string()
    );
    // Named from its own folder (`--profile case.json`), the file is found the same.
    let o = drafter()
        .current_dir(&sub)
        .arg("--data-dir")
        .arg(dir.path())
        .args([
            "export",
            "--profile",
            "case.json",
            "--template",
            "complaint",
        ])
        .args(["--out", "out.pdf", "--date", "2017-04-06"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(pdf_text(&sub.join("out.pdf")).contains("A summons."));
    let f = drafter::filing::prepare(&p, &Catalog::builtin(), "complaint", &opts().filing).unwrap();
    assert_eq!(f.exhibits[0].source.pages, 1);
    // Read from JSON alone (no folder), a relative path is refused by name.
    let e = drafter::filing::prepare(
        &CaseProfile::from_json(&json.to_string(), "case").unwrap(),
        &Catalog::builtin(),
        "complaint",
        &opts().filing,
    )
    .unwrap_err();
    assert!(e.to_string().contains("is not an absolute path"), "{e}");
}
