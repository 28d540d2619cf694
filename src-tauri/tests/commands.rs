//! The app's commands through Tauri's own IPC path (tauri::test's mock runtime), with the
//! app's real configuration and capabilities: what the page can call, with what
//! arguments, and what comes back, errors as `{code, message}`.

use drafter::workbench::Workspace;
use drafter_app::{configure, AppState, COMMANDS};
use serde_json::{json, Value};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow};

struct Harness {
    _dir: tempfile::TempDir,
    out: std::path::PathBuf,
    _app: App<tauri::test::MockRuntime>,
    window: WebviewWindow<tauri::test::MockRuntime>,
}

/// The passphrase the harness's stores are unlocked with.
const PASSPHRASE: &str = "app test passphrase";

/// The app on a fresh data folder, its store unlocked (as after the passphrase dialog).
fn harness() -> Harness {
    let h = locked_harness();
    h.ok(
        "unlock",
        json!({"passphrase": PASSPHRASE, "remember": false}),
    );
    h
}

/// The app on a fresh data folder, as it starts where no secret store has the key.
fn locked_harness() -> Harness {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).unwrap();
    let ws = Workspace::new(dir.path().join("data"), dir.path().join("templates"));
    let state = AppState::new(ws, Some(out.clone()));
    let app = configure(mock_builder(), state)
        .build(tauri::generate_context!())
        .expect("the app builds with its real configuration");
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    Harness {
        _dir: dir,
        out,
        _app: app,
        window,
    }
}

fn request(cmd: &str, body: Value) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        // The app's own origin on Linux: capabilities apply to local pages only.
        url: "tauri://localhost".parse().unwrap(),
        body: InvokeBody::Json(body),
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

impl Harness {
    fn call(&self, cmd: &str, body: Value) -> Result<Value, Value> {
        get_ipc_response(&self.window, request(cmd, body))
            .map(|b| b.deserialize::<Value>().unwrap_or(Value::Null))
    }

    fn ok(&self, cmd: &str, body: Value) -> Value {
        self.call(cmd, body)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    fn err(&self, cmd: &str, body: Value) -> Value {
        match self.call(cmd, body) {
            Ok(v) => panic!("{cmd} should have failed, gave {v}"),
            Err(e) => e,
        }
    }
}

#[test]
fn first_run_opens_the_example_case() {
    let h = harness();
    let info = h.ok("app_info", json!({}));
    let id = info["first_case"]
        .as_i64()
        .expect("the example case is created");
    assert!(info["styles"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s == "cand"));
    let rev = h.ok("open_case", json!({"id": id}));
    assert_eq!(rev["case"]["latest_rev"], 1);
    assert_eq!(rev["profile"]["case_number"], "3:17-cv-01916");
    let cases = h.ok(
        "list_cases",
        json!({"query": "ALT_USCIS", "includeArchived": false}),
    );
    assert_eq!(cases.as_array().unwrap().len(), 1);
    let ms = h.ok("first_screen", json!({}));
    assert!(ms.as_f64().is_some());
}

#[test]
fn every_allow_listed_command_is_registered_and_reachable() {
    let h = harness();
    for cmd in COMMANDS {
        if matches!(*cmd, "import_cases" | "pick_exhibit") {
            continue; // would open a native dialog
        }
        // Empty arguments: a registered, allowed command answers with its own argument
        // error (or a result); an unknown or refused one would say so.
        if let Err(e) = h.call(cmd, json!({})) {
            let text = e.to_string();
            assert!(
                !text.contains("not found") && !text.contains("not allowed"),
                "{cmd}: {text}"
            );
        }
    }
}

#[test]
fn commands_outside_the_list_are_refused() {
    let h = harness();
    for cmd in [
        "delete_case",
        "plugin:fs|read_file",
        "plugin:shell|execute",
        "plugin:dialog|save",
    ] {
        let e = h.err(cmd, json!({}));
        assert!(!e.to_string().is_empty(), "{cmd}");
    }
}

#[test]
fn saves_are_revisions_and_a_stale_save_is_a_conflict() {
    let h = harness();
    let rev = h.ok("create_case", json!({"title": "Acme v. Roe"}));
    let id = rev["case"]["id"].as_i64().unwrap();
    let mut profile = rev["profile"].clone();
    profile["case_number"] = json!("3:26-cv-00001");
    assert_eq!(
        h.ok(
            "save_case",
            json!({"id": id, "profile": profile, "base": 1})
        ),
        2
    );
    profile["judge"] = json!("Hon. A. Judge");
    let e = h.err(
        "save_case",
        json!({"id": id, "profile": profile, "base": 1}),
    );
    assert_eq!(e["code"], "conflict", "{e}");
    assert!(e["message"].as_str().unwrap().contains("revision 2"));
    assert_eq!(
        h.ok(
            "save_case",
            json!({"id": id, "profile": profile, "base": 2})
        ),
        3
    );
    let history = h.ok("history", json!({"id": id}));
    assert_eq!(history.as_array().unwrap().len(), 3);
    // The same profile again adds nothing.
    assert_eq!(
        h.ok(
            "save_case",
            json!({"id": id, "profile": profile, "base": 3, "session": 3})
        ),
        3
    );
    let diff = h.ok("revision_diff", json!({"id": id, "rev": 1}));
    assert!(
        diff.as_array()
            .unwrap()
            .iter()
            .any(|c| c["field"] == "judge" && c["restored"].is_null()),
        "{diff}"
    );
    assert_eq!(h.ok("restore_revision", json!({"id": id, "rev": 1})), 4);
    let now = h.ok("open_case", json!({"id": id}));
    assert!(now["profile"].get("case_number").is_none());
    let old = h.ok("open_case", json!({"id": id, "rev": 3}));
    assert_eq!(old["profile"]["judge"], "Hon. A. Judge");
}

#[test]
fn a_malformed_profile_is_refused_with_its_field() {
    let h = harness();
    let rev = h.ok("create_case", json!({"title": "X"}));
    let id = rev["case"]["id"].as_i64().unwrap();
    let mut profile = rev["profile"].clone();
    profile["parties"] = json!([{"id": "a", "name": "A", "role": "plaintif", "kind": "person"}]);
    let e = h.err(
        "save_case",
        json!({"id": id, "profile": profile, "base": 1}),
    );
    assert_eq!(e["code"], "invalid-profile");
    assert!(
        e["message"].as_str().unwrap().contains("parties[0].role"),
        "{e}"
    );
}

#[test]
fn duplicate_archive_and_the_pickers() {
    let h = harness();
    let id = h.ok("app_info", json!({}))["first_case"].as_i64().unwrap();
    let copy = h.ok("duplicate_case", json!({"id": id})).as_i64().unwrap();
    assert_ne!(copy, id);
    h.ok("rename_case", json!({"id": copy, "title": "Second matter"}));
    h.ok("set_archived", json!({"id": copy, "archived": true}));
    let live = h.ok("list_cases", json!({"query": "", "includeArchived": false}));
    assert_eq!(live.as_array().unwrap().len(), 1);
    let all = h.ok("list_cases", json!({"query": "", "includeArchived": true}));
    assert_eq!(all.as_array().unwrap().len(), 2);
    let counsel = h.ok("known_counsel", json!({}));
    assert!(!counsel.as_array().unwrap().is_empty());
    let courts = h.ok("known_courts", json!({}));
    assert_eq!(courts[0]["style"], "cand");
}

#[test]
fn draft_previews_the_example_complaint() {
    let h = harness();
    let profile = serde_json::to_value(drafter::examples::profile("alt-uscis").unwrap()).unwrap();
    let d = h.ok(
        "draft",
        json!({"profile": profile, "args": {"template": "complaint", "date": "2017-04-06"}}),
    );
    let pages = d["pages"].as_array().unwrap();
    assert!(pages.len() >= 5);
    assert!(pages[0].as_str().unwrap().starts_with("<svg"));
    assert!(d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .all(|f| f["severity"] != "error"));
    let e = h.err(
        "draft",
        json!({"profile": profile, "args": {"template": "complaint", "date": "April 6"}}),
    );
    assert_eq!(e["code"], "invalid");
}

#[test]
fn templates_list_and_customize() {
    let h = harness();
    let list = h.ok("list_templates", json!({}));
    assert!(list
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t["name"] == "complaint" && t["origin"]["kind"] == "builtin"));
    // Each template carries its questions, as the editor draws them.
    let letter = list
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "representation-letter")
        .unwrap();
    assert_eq!(
        letter["questions"][0],
        json!({
            "key": "summons.issued_by",
            "label": "Agency that issued the summons",
            "type": "party",
            "help": "The letter is addressed to this party, at the address given for it under Parties.",
            "required": true
        })
    );
    let path = h.ok(
        "customize_template",
        json!({"from": "complaint", "name": "firm-complaint"}),
    );
    assert!(path.as_str().unwrap().ends_with("firm-complaint.md.hbs"));
    let e = h.err(
        "customize_template",
        json!({"from": "complaint", "name": "firm-complaint"}),
    );
    assert_eq!(e["code"], "template");
    assert!(e["message"].as_str().unwrap().contains("already exists"));
}

#[test]
fn export_writes_the_pdf_and_only_exported_files_can_be_opened() {
    let h = harness();
    let profile = serde_json::to_value(drafter::examples::profile("alt-uscis").unwrap()).unwrap();
    let r = h.ok(
        "export_filing",
        json!({"profile": profile, "args": {"template": "complaint", "date": "2017-04-06"}, "confirmPrivacy": false}),
    );
    let path = r["files"][0]["path"].as_str().unwrap();
    assert_eq!(std::path::Path::new(path), h.out.join("complaint.pdf"));
    assert!(std::fs::read(path).unwrap().starts_with(b"%PDF"));
    let e = h.err("open_exported", json!({"path": "/etc/passwd"}));
    assert_eq!(e["code"], "path");
}

#[test]
fn packet_export_reports_progress_on_a_channel() {
    let h = harness();
    let profile = serde_json::to_value(drafter::examples::profile("alt-uscis").unwrap()).unwrap();
    let r = h.ok(
        "export_packet",
        json!({"profile": profile, "args": {"template": "complaint", "date": "2017-04-07"},
               "templates": ["complaint"],
               "confirmPrivacy": false, "progress": "__CHANNEL__:7"}),
    );
    assert!(h.out.join("packet.pdf").is_file());
    assert!(h.out.join("index.json").is_file());
    assert_eq!(
        r["files"].as_array().unwrap().last().unwrap()["title"],
        "Filing packet"
    );
}

#[test]
fn a_packet_with_a_filing_that_is_not_ready_is_refused_and_nothing_is_written() {
    let h = harness();
    let mut profile =
        serde_json::to_value(drafter::examples::profile("alt-uscis").unwrap()).unwrap();
    // The complaint is ready; a voluntary dismissal is not (an answer has been served).
    profile["docket"] = json!({"answer_served": "2017-04-06"});
    let e = h.err(
        "export_packet",
        json!({"profile": profile, "args": {"template": "complaint", "date": "2017-04-07"},
               "templates": ["complaint", "voluntary-dismissal"],
               "confirmPrivacy": false, "progress": "__CHANNEL__:8"}),
    );
    assert_ne!(e["code"], "internal", "{e}");
    assert!(e["message"].as_str().unwrap().contains("oluntary"), "{e}");
    assert!(!h.out.join("packet.pdf").exists());
    assert!(!h.out.join("complaint.pdf").exists());
}

#[test]
fn fonts_come_from_the_core() {
    let h = harness();
    let body = get_ipc_response(&h.window, request("font", json!({"index": 0}))).unwrap();
    match body {
        tauri::ipc::InvokeResponseBody::Raw(bytes) => {
            assert_eq!(bytes, drafter::typeset::fonts::Face::SerifRegular.bytes())
        }
        other => panic!("expected raw bytes, got {other:?}"),
    }
    assert_eq!(h.err("font", json!({"index": 99}))["code"], "invalid");
}

#[test]
fn another_window_gets_no_command() {
    let h = harness();
    let other = tauri::WebviewWindowBuilder::new(&h._app, "other", Default::default())
        .build()
        .unwrap();
    let e = get_ipc_response(&other, request("app_info", json!({}))).unwrap_err();
    assert!(e.to_string().contains("not allowed"), "{e}");
}

#[test]
fn privacy_findings_need_a_confirmation_to_export() {
    let h = harness();
    let mut profile =
        serde_json::to_value(drafter::examples::profile("alt-uscis").unwrap()).unwrap();
    profile["facts"][0]["text"] =
        json!("The operator's Social Security number is 123-45-6789, stated here in error.");
    let args = json!({"template": "complaint", "date": "2017-04-06"});
    let d = h.ok("draft", json!({"profile": profile, "args": args}));
    assert!(
        !d["privacy"].as_array().unwrap().is_empty(),
        "{}",
        d["privacy"]
    );
    let e = h.err(
        "export_filing",
        json!({"profile": profile, "args": args, "confirmPrivacy": false}),
    );
    assert_eq!(e["code"], "privacy", "{e}");
    assert!(!h.out.join("complaint.pdf").exists());
    let r = h.ok(
        "export_filing",
        json!({"profile": profile, "args": args, "confirmPrivacy": true}),
    );
    assert_eq!(r["confirmed_privacy"].as_array().unwrap().len(), 1);
    assert!(h.out.join("complaint.pdf").is_file());
}

#[test]
fn a_protected_identity_in_the_text_is_refused_even_when_confirmed() {
    let h = harness();
    let mut profile =
        serde_json::to_value(drafter::examples::profile("alt-uscis").unwrap()).unwrap();
    profile["parties"][6]["protected"]["true_name"] = json!("Quentin Example-Operator");
    profile["facts"][1]["text"] = json!("Quentin Example-Operator runs the account.");
    let args = json!({"template": "complaint", "date": "2017-04-06"});
    let e = h.err(
        "export_filing",
        json!({"profile": profile, "args": args, "confirmPrivacy": true}),
    );
    assert_eq!(e["code"], "protected-leak", "{e}");
    assert!(!e["message"].as_str().unwrap().contains("Quentin"), "{e}");
}

#[test]
fn a_locked_store_asks_for_the_passphrase_and_unlocking_opens_it() {
    let h = locked_harness();
    // First run, no key anywhere: no passphrase yet, and the example waits for one.
    let info = h.ok("app_info", json!({}));
    assert_eq!(info["first_case"], Value::Null);
    let status = h.ok("store_status", json!({}));
    assert_eq!(status["key"], "no-passphrase");

    let short = h.err("unlock", json!({"passphrase": "short", "remember": false}));
    assert_eq!(short["code"], "weak-passphrase");
    assert!(!short.to_string().contains("short\""), "{short}");

    let unlocked = h.ok(
        "unlock",
        json!({"passphrase": PASSPHRASE, "remember": false}),
    );
    assert_eq!(unlocked["status"]["key"], "unlocked");
    let id = unlocked["first_case"]
        .as_i64()
        .expect("the example is saved now");
    assert_eq!(h.ok("app_info", json!({}))["first_case"], id);
    let rev = h.ok("open_case", json!({"id": id}));
    assert_eq!(rev["locked"], false);
    assert_eq!(
        rev["profile"]["parties"][6]["protected"]["true_name"], "Mara Quill-Esterhazy",
        "the page gets the values to show on request"
    );
    assert_eq!(h.ok("store_status", json!({}))["sealed_revisions"], 1);
    let Harness {
        _dir: dir,
        _app: first_app,
        window: first_window,
        ..
    } = h;
    drop(first_window);
    drop(first_app);
    let data = dir.path().join("data");

    // The next start: locked; the case list and the public data open, the protected
    // values do not, and a wrong passphrase is refused without echoing it.
    let ws = Workspace::new(data.clone(), data.join("templates"));
    let state = AppState::new(ws, None);
    let app = configure(mock_builder(), state)
        .build(tauri::generate_context!())
        .unwrap();
    let window = tauri::WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    let call = |cmd: &str, body: Value| {
        get_ipc_response(&window, request(cmd, body))
            .map(|b| b.deserialize::<Value>().unwrap_or(Value::Null))
    };
    assert_eq!(call("store_status", json!({})).unwrap()["key"], "locked");
    let cases = call("list_cases", json!({"query": "", "includeArchived": false})).unwrap();
    assert_eq!(cases.as_array().unwrap().len(), 1);
    let rev = call("open_case", json!({"id": id})).unwrap();
    assert_eq!(rev["locked"], true);
    assert_eq!(rev["profile"]["case_number"], "3:17-cv-01916");
    assert!(!rev.to_string().contains("Quill-Esterhazy"));
    let saved = call(
        "save_case",
        json!({"id": id, "profile": rev["profile"], "base": 1}),
    )
    .unwrap_err();
    assert_eq!(saved["code"], "locked", "{saved}");
    let wrong = call(
        "unlock",
        json!({"passphrase": "wrong passphrase here", "remember": false}),
    )
    .unwrap_err();
    assert_eq!(wrong["code"], "wrong-passphrase");
    assert!(!wrong.to_string().contains("wrong passphrase here"));
    let ok = call(
        "unlock",
        json!({"passphrase": PASSPHRASE, "remember": false}),
    )
    .unwrap();
    assert_eq!(ok["status"]["key"], "unlocked");
    assert_eq!(
        ok["first_case"],
        Value::Null,
        "the example is not saved twice"
    );
    let rev = call("open_case", json!({"id": id})).unwrap();
    assert_eq!(rev["locked"], false);
    assert!(rev.to_string().contains("Quill-Esterhazy"));
}

// The case model is defined once: the page's drift cases, through the commands.

fn example() -> Value {
    serde_json::to_value(drafter::examples::profile("alt-uscis").unwrap()).unwrap()
}

fn findings_for(d: &Value, field: &str) -> Vec<(String, String)> {
    d["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["field"] == field)
        .map(|f| {
            (
                f["severity"].as_str().unwrap().to_string(),
                f["message"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn empty_means_absent_in_the_core_for_every_command() {
    let h = harness();
    let mut profile = example();
    profile["case_number"] = json!("");
    profile["judge"] = json!(" ");
    profile["dates"]["hearing"] = json!("");
    profile["counsel"][0]["email"] = json!("");
    profile["counsel"][0]["address"] = json!(["", "1 Main Street"]);

    // The preview: no finding about any of the blanks.
    let d = h.ok(
        "draft",
        json!({"profile": profile, "args": {"template": "complaint", "date": "2017-04-06"}}),
    );
    for field in ["case_number", "judge", "dates.hearing"] {
        assert!(findings_for(&d, field).is_empty(), "{field}: {d}");
    }
    // The blank e-mail reads as no e-mail at all: Rule 11(a)'s warning, never a format one.
    let email = findings_for(&d, "counsel[0].email");
    assert!(
        email
            .iter()
            .all(|(sev, msg)| sev == "warning" && msg.contains("has no e-mail address")),
        "{email:?}"
    );

    // The export: the caption's blank for a number to come, never "Case No. " alone.
    let r = h.ok(
        "export_filing",
        json!({"profile": profile, "args": {"template": "complaint", "date": "2017-04-06"},
               "confirmPrivacy": true}),
    );
    let pdf = r["files"][0]["path"].as_str().unwrap();
    let out = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", pdf, "-"])
        .output()
        .expect("pdftotext (poppler-utils) is needed for this test");
    let text = String::from_utf8_lossy(&out.stdout);
    let numbers: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("Case No."))
        .collect();
    assert!(!numbers.is_empty(), "{text}");
    assert!(
        numbers.iter().all(|l| *l == "Case No. ____________"),
        "{numbers:?}"
    );

    // The store: what is saved has no blanks left.
    let rev = h.ok("create_case", json!({"title": "Blanks"}));
    let id = rev["case"]["id"].as_i64().unwrap();
    h.ok(
        "save_case",
        json!({"id": id, "profile": profile, "base": 1}),
    );
    let saved = h.ok("open_case", json!({"id": id}))["profile"].clone();
    assert!(saved.get("case_number").is_none(), "{saved}");
    assert!(saved.get("judge").is_none(), "{saved}");
    assert!(saved["dates"].get("hearing").is_none(), "{saved}");
    assert!(saved["counsel"][0].get("email").is_none(), "{saved}");
    assert_eq!(saved["counsel"][0]["address"], json!(["1 Main Street"]));
}

#[test]
fn the_field_checks_come_from_the_core_with_one_severity_and_wording() {
    let h = harness();
    let mut profile = example();
    profile["case_number"] = json!("seventeen");
    profile["counsel"][0]["email"] = json!("not-an-address");
    profile["facts"][0]["text"] = json!(" ");
    profile["docket"]["service"][0]["party"] = json!("nobody");
    let d = h.ok(
        "draft",
        json!({"profile": profile, "args": {"template": "complaint", "date": "2017-04-06"}}),
    );
    // One row per check the page used to run itself, with the core's severity and words.
    let rows = [
        (
            "case_number",
            "warning",
            "not a usual federal docket number (e.g. 3:17-cv-01916)",
        ),
        ("counsel[0].email", "warning", "not an e-mail address"),
        ("facts[0].text", "error", "the fact is empty"),
        (
            "docket.service[0].party",
            "error",
            "no party has the id `nobody`",
        ),
    ];
    for (field, severity, message) in rows {
        assert_eq!(
            findings_for(&d, field),
            [(severity.to_string(), message.to_string())],
            "{field}"
        );
    }
}

#[test]
fn renaming_and_removing_a_party_keep_every_reference() {
    let h = harness();
    let profile = example();
    // dhs is parties[1]; a claim against it alone and its service record follow it.
    let mut profile2 = profile.clone();
    profile2["claims"][0]["against"] = json!(["dhs"]);
    let r = h.ok(
        "rename_party",
        json!({"profile": profile2, "index": 1, "id": "homeland"}),
    );
    let p = &r["profile"];
    assert_eq!(p["parties"][1]["id"], "homeland");
    assert_eq!(p["claims"][0]["against"], json!(["homeland"]));
    assert_eq!(p["docket"]["service"][0]["party"], "homeland");
    assert_eq!(r["notes"], json!([]));

    let e = h.err(
        "rename_party",
        json!({"profile": profile2, "index": 1, "id": "cbp"}),
    );
    assert_eq!(e["code"], "invalid");
    assert_eq!(
        e["message"],
        "parties[1].id: the id `cbp` is used by parties[2]"
    );

    let r = h.ok("remove_party", json!({"profile": profile2, "index": 1}));
    let p = &r["profile"];
    assert!(p["parties"]
        .as_array()
        .unwrap()
        .iter()
        .all(|x| x["id"] != "dhs"));
    let service = p["docket"]["service"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(
        service.iter().all(|x| x["party"] != "dhs"),
        "the removed party's service record went: {p}"
    );
    assert!(p["claims"][0].get("against").is_none());
    assert_eq!(r["notes"][0]["field"], "claims[0].against");
    assert_eq!(r["notes"][0]["severity"], "warning");

    // The doe's counsel no longer represent a removed party.
    let r = h.ok("remove_party", json!({"profile": profile, "index": 6}));
    for c in r["profile"]["counsel"].as_array().unwrap() {
        assert!(!c["represents"].as_array().unwrap().contains(&json!("doe")));
    }
    assert_eq!(
        h.err("remove_party", json!({"profile": profile, "index": 9}))["message"],
        "parties[9]: no such party (the case has 7)"
    );
}

#[test]
fn a_revision_carries_its_record_flat_as_the_generated_type_says() {
    let h = harness();
    let id = h.ok("app_info", json!({}))["first_case"].as_i64().unwrap();
    let rev = h.ok("open_case", json!({"id": id}));
    // RevisionInfo is flattened into Revision (#[serde(flatten)]); the page's type follows.
    assert_eq!(rev["rev"], 1);
    assert!(rev["author"].is_string() && rev["saved_at"].is_string());
    assert!(rev.get("info").is_none());
    let generated = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../ui/src/lib/generated/Revision.ts"),
    )
    .unwrap();
    for field in ["rev: Rev,", "author: string,", "saved_at: string,"] {
        assert!(generated.contains(field), "{field} missing: {generated}");
    }
    assert!(!generated.contains("info:"), "{generated}");
}
