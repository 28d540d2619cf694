// Drafter's desktop app; everything is in the library (src/lib.rs) so tests can build it.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    drafter_app::mark_start();
    drafter_app::choose_rendering();
    drafter_app::run()
}
