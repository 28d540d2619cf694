//! Where Drafter keeps its files: the data folder (saved cases) and the templates folder
//! (the firm's own templates). Both follow the platform's conventions and can be
//! overridden by a flag or an environment variable.

use std::path::PathBuf;

/// Environment variable that overrides the data folder.
pub const DATA_DIR_ENV: &str = "DRAFTER_DATA_DIR";
/// Environment variable that overrides the templates folder.
pub const TEMPLATES_DIR_ENV: &str = "DRAFTER_TEMPLATES_DIR";

/// The data folder: `explicit` if given, else `$DRAFTER_DATA_DIR`, else the platform's
/// data folder (`~/.local/share/drafter` on Linux).
pub fn data_dir(explicit: Option<PathBuf>) -> PathBuf {
    explicit
        .or_else(|| env_path(DATA_DIR_ENV))
        .or_else(|| {
            directories::ProjectDirs::from("org", "Drafter", "drafter")
                .map(|d| d.data_dir().to_path_buf())
        })
        .unwrap_or_else(|| PathBuf::from(".drafter"))
}

/// The firm's templates folder: `explicit` if given, else `$DRAFTER_TEMPLATES_DIR`, else
/// `templates/` inside the data folder.
pub fn templates_dir(explicit: Option<PathBuf>, data_dir: &std::path::Path) -> PathBuf {
    explicit
        .or_else(|| env_path(TEMPLATES_DIR_ENV))
        .unwrap_or_else(|| data_dir.join("templates"))
}

fn env_path(var: &str) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
}
