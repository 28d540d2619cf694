// Allow-lists the app's commands: tauri_build generates an `allow-<command>` permission for
// each name, and only permissions granted in capabilities/ reach the page.
include!("src/commands.rs");

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri-build failed");
}
