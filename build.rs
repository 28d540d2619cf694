//! Finds the fonts and the sRGB colour profile that Drafter embeds, in the places Debian's
//! packages install them, and hands their paths to the compiler. Nothing is committed to
//! the repository: a missing file is a build error that names the package to install.

use std::path::{Path, PathBuf};

struct Asset {
    env: &'static str,
    candidates: &'static [&'static str],
    package: &'static str,
}

const ASSETS: &[Asset] = &[
    Asset {
        env: "DRAFTER_FONT_SERIF_REGULAR",
        candidates: &[
            "truetype/liberation2/LiberationSerif-Regular.ttf",
            "truetype/liberation/LiberationSerif-Regular.ttf",
        ],
        package: "fonts-liberation2",
    },
    Asset {
        env: "DRAFTER_FONT_SERIF_BOLD",
        candidates: &[
            "truetype/liberation2/LiberationSerif-Bold.ttf",
            "truetype/liberation/LiberationSerif-Bold.ttf",
        ],
        package: "fonts-liberation2",
    },
    Asset {
        env: "DRAFTER_FONT_SERIF_ITALIC",
        candidates: &[
            "truetype/liberation2/LiberationSerif-Italic.ttf",
            "truetype/liberation/LiberationSerif-Italic.ttf",
        ],
        package: "fonts-liberation2",
    },
    Asset {
        env: "DRAFTER_FONT_SERIF_BOLD_ITALIC",
        candidates: &[
            "truetype/liberation2/LiberationSerif-BoldItalic.ttf",
            "truetype/liberation/LiberationSerif-BoldItalic.ttf",
        ],
        package: "fonts-liberation2",
    },
    Asset {
        env: "DRAFTER_FONT_FALLBACK_SANS",
        candidates: &["truetype/dejavu/DejaVuSans.ttf"],
        package: "fonts-dejavu-core",
    },
    Asset {
        env: "DRAFTER_FONT_FALLBACK_SYMBOLS",
        candidates: &[
            "truetype/ancient-scripts/Symbola_hint.ttf",
            "opentype/ancient-scripts/Symbola_hint.otf",
            "truetype/ancient-scripts/Symbola.ttf",
            "truetype/symbola/Symbola.ttf",
        ],
        package: "fonts-symbola",
    },
];

const ICC_CANDIDATES: &[&str] = &[
    "/usr/share/color/icc/sRGB.icc",
    "/usr/share/color/icc/colord/sRGB.icc",
    "/usr/share/color/icc/ghostscript/srgb.icc",
];

fn font_roots() -> Vec<PathBuf> {
    let mut roots = Vec::new();
    if let Ok(dirs) = std::env::var("DRAFTER_FONT_DIRS") {
        roots.extend(std::env::split_paths(&dirs));
    }
    roots.push(PathBuf::from("/usr/share/fonts"));
    roots.push(PathBuf::from("/usr/local/share/fonts"));
    roots
}

fn find(candidates: &[&str], roots: &[PathBuf]) -> Option<PathBuf> {
    roots
        .iter()
        .flat_map(|r| candidates.iter().map(move |c| r.join(c)))
        .find(|p| p.is_file())
}

fn main() {
    println!("cargo:rerun-if-env-changed=DRAFTER_FONT_DIRS");
    let roots = font_roots();
    let mut missing = Vec::new();
    for asset in ASSETS {
        match find(asset.candidates, &roots) {
            Some(path) => {
                println!("cargo:rerun-if-changed={}", path.display());
                println!("cargo:rustc-env={}={}", asset.env, path.display());
            }
            None => missing.push(asset.package),
        }
    }
    match ICC_CANDIDATES.iter().map(Path::new).find(|p| p.is_file()) {
        Some(path) => println!("cargo:rustc-env=DRAFTER_SRGB_ICC={}", path.display()),
        None => missing.push("icc-profiles-free"),
    }
    if !missing.is_empty() {
        missing.dedup();
        panic!(
            "Drafter embeds fonts and an sRGB profile from Debian packages that are not installed.\n\
             Install them with:  sudo apt-get install {}\n",
            missing.join(" ")
        );
    }
}
