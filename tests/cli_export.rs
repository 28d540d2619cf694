//! The `drafter export` contract, checked through the real binary and the real PDFs.

mod common;
use common::*;
use drafter::profile::CaseProfile;
use std::path::Path;

const TEMPLATES: [&str; 4] = [
    "complaint",
    "notice-of-appearance",
    "representation-letter",
    "voluntary-dismissal",
];

#[test]
fn example_exports_four_court_ready_pdfs() {
    let data = tempdir();
    let out = data.path().join("out");
    let o = export_example_all(data.path(), &out, "2017-04-07");
    let profile = drafter::examples::profile("alt-uscis").unwrap();
    for t in TEMPLATES {
        let pdf = out.join(format!("{t}.pdf"));
        assert!(pdf.is_file(), "{t}.pdf written");
        assert!(stdout(&o).contains(&format!("{t}.pdf")), "path printed");
        let p = pdf.to_str().unwrap();
        // qpdf finds no structural problems.
        let check = std::process::Command::new("qpdf")
            .args(["--check", p])
            .output()
            .unwrap();
        assert!(
            check.status.success(),
            "qpdf --check {t}: {}",
            String::from_utf8_lossy(&check.stdout)
        );
        // Every font embedded and subset.
        let fonts = tool("pdffonts", &[p]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{t} has fonts");
        for row in rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let n = cols.len();
            assert_eq!(
                &cols[n - 5..n - 2],
                &["yes", "yes", "yes"],
                "{t}: emb/sub/uni in `{row}`"
            );
            assert!(cols[0].contains('+'), "{t}: subset name in `{row}`");
        }
        let info = tool("pdfinfo", &[p]);
        assert!(info.contains("(letter)"), "{t} is Letter: {info}");
        assert!(
            info.lines()
                .any(|l| l.starts_with("Title:") && l.len() > 20),
            "{t} has a title"
        );
        let text = squash(&pdf_text(&pdf));
        assert!(text.contains("3:17-cv-01916"), "{t}: case number");
        if t != "representation-letter" {
            assert!(
                text.contains("NORTHERN DISTRICT OF CALIFORNIA"),
                "{t}: court"
            );
        }
        if t == "complaint" {
            // Compressed and subset: the ten-page complaint stays small (typst's version of
            // the same document is about 75 KiB; see bench/results.md); its Exhibit A, a
            // PDF with its own embedded fonts, adds at most its own size.
            let exhibit = std::fs::metadata(
                Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("templates/examples/alt-uscis-summons.pdf"),
            )
            .unwrap()
            .len();
            let size = std::fs::metadata(&pdf).unwrap().len();
            assert!(size < 75 * 1024 + exhibit, "the complaint is {size} bytes");
            for party in &profile.parties {
                if party.role != drafter::profile::Role::InterestedParty {
                    assert!(
                        text.to_uppercase()
                            .contains(&squash(&party.name).to_uppercase()),
                        "complaint names {}",
                        party.name
                    );
                }
            }
            for (i, fact) in profile.facts.iter().enumerate() {
                assert!(
                    text.contains(&squash(&fact.text)),
                    "complaint has fact {}: {}",
                    i + 1,
                    fact.text
                );
            }
        }
        if t == "voluntary-dismissal" {
            assert!(text.contains("41(a)(1)(A)(i)"));
            assert!(text.contains("without prejudice"));
        }
    }
}

fn rejected(args: &[&str], data: &Path, expect: &[&str]) {
    let o = run(data, args);
    assert_eq!(
        o.status.code(),
        Some(1),
        "exit 1 for {args:?}; stderr: {}",
        stderr(&o)
    );
    let err = stderr(&o);
    for e in expect {
        assert!(err.contains(e), "message `{err}` names `{e}`");
    }
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn bad_input_is_rejected_with_its_place_and_leaves_no_file() {
    let data = tempdir();
    let dir = data.path();
    let out = dir.join("out.pdf");
    let o = out.to_str().unwrap();
    let example: serde_json::Value =
        serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap();

    // Malformed JSON: file, line and column.
    let bad = dir.join("bad.json");
    std::fs::write(&bad, "{\n  \"schema\": 1,\n  \"court\": {,\n}").unwrap();
    rejected(
        &[
            "export",
            "--profile",
            bad.to_str().unwrap(),
            "--template",
            "complaint",
            "--out",
            o,
        ],
        dir,
        &["bad.json:3:"],
    );
    assert!(!out.exists());

    // An unknown field: its path.
    let mut v = example.clone();
    v["parties"][1]["capactiy"] = "typo".into();
    let unknown = dir.join("unknown.json");
    std::fs::write(&unknown, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    rejected(
        &[
            "export",
            "--profile",
            unknown.to_str().unwrap(),
            "--template",
            "complaint",
            "--out",
            o,
        ],
        dir,
        &["parties[1]", "capactiy"],
    );
    assert!(!out.exists());

    // A missing required fact.
    let mut v = example.clone();
    v["facts"] = serde_json::json!([]);
    let nofacts = dir.join("nofacts.json");
    std::fs::write(&nofacts, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    rejected(
        &[
            "export",
            "--profile",
            nofacts.to_str().unwrap(),
            "--template",
            "complaint",
            "--out",
            o,
        ],
        dir,
        &["facts"],
    );
    assert!(!out.exists());

    // An unknown template.
    rejected(
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "complant",
            "--out",
            o,
        ],
        dir,
        &["complant", "complaint"],
    );
    assert!(!out.exists());

    // A template with a syntax error: file, line and column.
    let tdir = dir.join("templates");
    std::fs::create_dir_all(&tdir).unwrap();
    std::fs::write(
        tdir.join("broken.md.hbs"),
        "+++\ntitle = \"Broken\"\nlayout = \"pleading\"\n+++\nText\n\n{{#each facts}}\n{{text}}\n",
    )
    .unwrap();
    rejected(
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "broken",
            "--out",
            o,
        ],
        dir,
        &["broken.md.hbs:"],
    );
    assert!(!out.exists());

    // --all with one broken template writes nothing at all.
    let outdir = dir.join("all");
    rejected(
        &[
            "export",
            "--example",
            "alt-uscis",
            "--all",
            "--out",
            outdir.to_str().unwrap(),
        ],
        dir,
        &["broken.md.hbs"],
    );
    assert!(!outdir.join("complaint.pdf").exists());

    // Usage errors are exit 2.
    let u = run(dir, &["export", "--example", "alt-uscis"]);
    assert_eq!(u.status.code(), Some(2));
}

#[test]
fn firm_templates_are_listed_checked_and_exported() {
    let data = tempdir();
    let dir = data.path();
    let o = run(
        dir,
        &[
            "template",
            "new",
            "engagement",
            "--from",
            "notice-of-appearance",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let path = std::path::PathBuf::from(stdout(&o).trim());
    assert!(path.starts_with(dir));
    let src = std::fs::read_to_string(&path).unwrap().replace(
        "Notice of Appearance of Counsel",
        "Notice of Association of Counsel",
    );
    std::fs::write(&path, src).unwrap();

    let list = stdout(&run(dir, &["templates"]));
    assert!(
        list.contains("engagement") && list.contains("Notice of Association of Counsel"),
        "{list}"
    );
    let check = run(dir, &["template", "check", path.to_str().unwrap()]);
    assert!(check.status.success(), "{}", stderr(&check));
    let pdf = dir.join("eng.pdf");
    let e = run(
        dir,
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "engagement",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(e.status.success(), "{}", stderr(&e));
    assert!(squash(&pdf_text(&pdf)).contains("NOTICE OF ASSOCIATION OF COUNSEL"));

    // An unknown variable: `template check` and `export` both name line:column.
    let bad = dir.join("templates/typo.md.hbs");
    std::fs::write(
        &bad,
        "+++\ntitle = \"Typo\"\nlayout = \"pleading\"\n+++\nFiled in {{court.nmae}}.\n",
    )
    .unwrap();
    let c = run(dir, &["template", "check", bad.to_str().unwrap()]);
    assert_eq!(c.status.code(), Some(1));
    assert!(stderr(&c).contains("typo.md.hbs:5:10"), "{}", stderr(&c));
    assert!(stderr(&c).contains("nmae"));
    let out = dir.join("typo.pdf");
    let e = run(
        dir,
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "typo",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(e.status.code(), Some(1));
    assert!(stderr(&e).contains("typo.md.hbs:5:"), "{}", stderr(&e));
    assert!(!out.exists());
}

#[test]
fn every_fixture_parses() {
    for entry in std::fs::read_dir(fixture_path("")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "json") {
            CaseProfile::from_path(&path).unwrap_or_else(|e| panic!("{e}"));
        }
    }
}

#[test]
fn a_saved_case_exports_by_id() {
    let data = tempdir();
    let dir = data.path();
    let o = run(
        dir,
        &[
            "case",
            "new",
            "--title",
            "ALT_USCIS summons",
            "--from-example",
            "alt-uscis",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let id = stdout(&o).trim().to_string();
    let pdf = dir.join("from-case.pdf");
    let e = run(
        dir,
        &[
            "export",
            "--case",
            &id,
            "--template",
            "voluntary-dismissal",
            "--out",
            pdf.to_str().unwrap(),
            "--date",
            "2017-04-07",
        ],
    );
    assert!(e.status.success(), "{}", stderr(&e));
    assert!(squash(&pdf_text(&pdf)).contains("41(a)(1)(A)(i)"));
    let c = run(
        dir,
        &["check", "--case", &id, "--template", "complaint", "--json"],
    );
    assert!(c.status.success(), "{}", stderr(&c));
    let missing = run(
        dir,
        &[
            "export",
            "--case",
            "999",
            "--template",
            "complaint",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert_eq!(missing.status.code(), Some(1));
    assert!(stderr(&missing).contains("999"), "{}", stderr(&missing));
}

fn export_to(dir: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "export",
        "--example",
        "alt-uscis",
        "--template",
        "complaint",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(dir, &args)
}

#[cfg(unix)]
#[test]
fn only_regular_writable_files_are_replaced() {
    use std::os::unix::fs::{FileTypeExt, PermissionsExt};
    let data = tempdir();
    let dir = data.path();

    // A FIFO: refused at once (never opened, so nothing hangs) and left as it is.
    let fifo = dir.join("fifo.pdf");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let o = export_to(dir, &fifo, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("FIFO"), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());

    // A symlink to a device: refused; the link and the device stay.
    let link = dir.join("null.pdf");
    std::os::unix::fs::symlink("/dev/null", &link).unwrap();
    let o = export_to(dir, &link, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("character device"), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());

    // A folder.
    let folder = dir.join("folder.pdf");
    std::fs::create_dir(&folder).unwrap();
    let o = export_to(dir, &folder, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("is a folder"), "{}", stderr(&o));
    assert!(folder.is_dir());

    // A read-only file: refused, naming --force; replaced with --force.
    let ro = dir.join("read-only.pdf");
    std::fs::write(&ro, "the filed version").unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = export_to(dir, &ro, &[]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("read-only") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&ro).unwrap(), "the filed version");
    let o = export_to(dir, &ro, &["--force"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(std::fs::read(&ro).unwrap().starts_with(b"%PDF"));

    // A set with one read-only member: nothing of the set is written.
    let set = dir.join("set");
    std::fs::create_dir(&set).unwrap();
    let member = set.join("complaint.pdf");
    std::fs::write(&member, "kept").unwrap();
    std::fs::set_permissions(&member, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(
        dir,
        &[
            "export",
            "--example",
            "alt-uscis",
            "--all",
            "--out",
            set.to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("complaint.pdf"), "{}", stderr(&o));
    let names: Vec<_> = std::fs::read_dir(&set).unwrap().collect();
    assert_eq!(names.len(), 1, "only the read-only file is there");
    assert_eq!(std::fs::read_to_string(&member).unwrap(), "kept");
}

#[test]
fn chosen_templates_are_exported_as_a_set_in_their_order() {
    let data = tempdir();
    let out = data.path().join("chosen");
    let o = run(
        data.path(),
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "voluntary-dismissal",
            "--template",
            "complaint",
            "--out",
            out.to_str().unwrap(),
            "--date",
            "2017-04-07",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let index: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let files: Vec<&str> = index
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        files,
        ["voluntary-dismissal.pdf", "complaint.pdf", "packet.pdf"]
    );
    // The packet opens with the dismissal.
    let packet = squash(&pdf_text(&out.join("packet.pdf")));
    let dismissal = packet.find("VOLUNTARY DISMISSAL").unwrap();
    let complaint = packet.find("COMPLAINT FOR DECLARATORY").unwrap();
    assert!(dismissal < complaint);
}

/// Runs drafter with its standard output a pipe nobody reads.
fn into_closed_pipe(data: &Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = drafter()
        .arg("--data-dir")
        .arg(data)
        .args(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    let data = tempdir();
    let dir = data.path();
    let made = run(dir, &["case", "new", "--title", "Pipe test"]);
    assert!(made.status.success(), "{}", stderr(&made));
    for args in [
        &["templates"][..],
        &["case", "list"],
        &["example", "alt-uscis"],
        &[
            "render",
            "--example",
            "alt-uscis",
            "--template",
            "complaint",
            "--format",
            "text",
        ],
        &["deadlines", "--example", "alt-uscis"],
    ] {
        let o = into_closed_pipe(dir, args);
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

/// `export --all` lists every file it wrote, in filing order: one proof of service per
/// defendant served, the public pseudonym papers, the packet and the index, then the
/// sealed declaration written on its own; `index.json` lists the same public files in the
/// same order. A template that makes nothing for the case is named on stderr.
#[test]
fn export_all_lists_the_filings_in_filing_order() {
    let data = tempdir();
    let out = data.path().join("out");
    let o = export_example_set(data.path(), &out);
    assert!(o.status.success(), "{}", stderr(&o));
    let public = [
        "complaint.pdf",
        "disclosure-statement.pdf",
        "interested-entities.pdf",
        "proof-of-service-dhs.pdf",
        "proof-of-service-cbp.pdf",
        "notice-of-appearance.pdf",
        "pseudonym-motion.pdf",
        "pseudonym-declaration.pdf",
        "pseudonym-proposed-order.pdf",
        "motion-to-seal.pdf",
        "representation-letter.pdf",
        "voluntary-dismissal.pdf",
        "packet.pdf",
    ];
    let mut want: Vec<String> = public
        .iter()
        .map(|f| out.join(f).display().to_string())
        .collect();
    want.push(out.join("index.json").display().to_string());
    want.push(
        out.join("sealed/sealed-identity-declaration.pdf")
            .display()
            .to_string(),
    );
    let printed: Vec<String> = stdout(&o).lines().map(str::to_string).collect();
    assert_eq!(printed, want);
    let index: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(out.join("index.json")).unwrap()).unwrap();
    let files: Vec<&str> = index.iter().map(|e| e["file"].as_str().unwrap()).collect();
    assert_eq!(files, public);
    assert!(stderr(&o).contains("sealed-identity-declaration.pdf is written on its own"));

    // The many-parties case is in another court and has no corporate filer.
    let f = fixture_path("many-parties.json");
    let out2 = data.path().join("out2");
    let o = run(
        data.path(),
        &[
            "export",
            "--profile",
            f.to_str().unwrap(),
            "--all",
            "--out",
            out2.to_str().unwrap(),
            "--date",
            "2024-04-01",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("left out: disclosure-statement: not for this case (no filer is a nongovernmental organization)"),
        "{err}"
    );
    assert!(
        err.contains(
            "left out: interested-entities: not for this case (written for the local rules `cand`"
        ),
        "{err}"
    );
    for served in ["kierkegard", "kovacs", "hud", "wojcik"] {
        assert!(out2
            .join(format!("proof-of-service-{served}.pdf"))
            .is_file());
    }
    // A waiver request is not service: no proof for it.
    assert!(!out2.join("proof-of-service-star.pdf").exists());
}

/// One document of a per-defendant template: `--for` names the party; an unknown one is
/// refused with the parties it is made for.
#[test]
fn a_proof_of_service_for_one_defendant() {
    let data = tempdir();
    let pdf = data.path().join("cbp.pdf");
    let o = run(
        data.path(),
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "proof-of-service",
            "--for",
            "cbp",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let text = pdf_text(&pdf);
    assert!(
        text.contains("U.S. Customs and Border Protection"),
        "{text}"
    );
    assert!(text.contains("4(i)(1)(B)"), "{text}");
    let o = run(
        data.path(),
        &[
            "export",
            "--example",
            "alt-uscis",
            "--template",
            "proof-of-service",
            "--for",
            "kelly",
            "--out",
            data.path().join("kelly.pdf").to_str().unwrap(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stderr(&o).contains("it is made for dhs, cbp"),
        "{}",
        stderr(&o)
    );
}

/// The Rule 7.1 statement and the Civil L.R. 3-15 certification list what the party's
/// profile records: parents, publicly held 10% owners and other interested entities.
#[test]
fn disclosures_list_owners_and_interested_entities() {
    let data = tempdir();
    let mut v: serde_json::Value =
        serde_json::from_str(drafter::examples::json("alt-uscis").unwrap()).unwrap();
    v["parties"][0]["parents"] = serde_json::json!(["Example Parent Holdings, Inc."]);
    v["parties"][0]["ten_percent_owners"] =
        serde_json::json!(["Sample Index Fund Corp.", "Placeholder Capital plc"]);
    v["parties"][0]["interested"] = serde_json::json!([{"name": "Litigation Funding Example LLC", "interest": "funds this litigation"}]);
    let path = data.path().join("case.json");
    std::fs::write(&path, serde_json::to_string(&v).unwrap()).unwrap();
    let render = |template: &str| {
        let o = run(
            data.path(),
            &[
                "render",
                "--profile",
                path.to_str().unwrap(),
                "--template",
                template,
                "--format",
                "markdown",
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
        // The filled Markdown, with its escapes undone and its lines joined.
        stdout(&o)
            .replace('\\', "")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let statement = render("disclosure-statement");
    assert!(
        statement.contains("Example Parent Holdings, Inc. is the parent corporation of Twitter."),
        "{statement}"
    );
    assert!(
        statement.contains("Sample Index Fund Corp. and Placeholder Capital plc are publicly held corporations that each own 10 percent or more of Twitter’s stock."),
        "{statement}"
    );
    let certification = render("interested-entities");
    for line in [
        "Example Parent Holdings, Inc.: parent corporation.",
        "Sample Index Fund Corp.: publicly held corporation owning 10 percent or more of the stock.",
        "Litigation Funding Example LLC: funds this litigation.",
    ] {
        assert!(certification.contains(line), "{line}: {certification}");
    }
    assert!(
        !certification.contains("knows of no person"),
        "{certification}"
    );
}
