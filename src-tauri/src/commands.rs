// The app's commands, by name: build.rs allow-lists exactly these (tauri_build's
// AppManifest::commands) and capabilities/main.json grants each to the main window. The
// security test (tests/security.rs) checks the three lists and the handler agree.
pub const COMMANDS: &[&str] = &[
    "app_info",
    "font",
    "first_screen",
    "set_unsaved",
    "list_cases",
    "open_case",
    "create_case",
    "save_case",
    "duplicate_case",
    "rename_case",
    "set_archived",
    "import_cases",
    "import_dropped",
    "history",
    "restore_revision",
    "known_counsel",
    "known_courts",
    "list_templates",
    "customize_template",
    "draft",
    "export_filing",
    "export_packet",
    "open_exported",
    "reveal_exported",
];
