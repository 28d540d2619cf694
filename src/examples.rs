//! Built-in example profiles.
//!
//! TEMPORARY on branch `store`: a stand-in so `drafter case new --from-example` compiles and
//! can be tested here. It serves the store's test fixture; main's real `examples.rs`
//! (reading templates/examples/alt-uscis.json) replaces this file on merge.

use crate::profile::CaseProfile;

/// The example profile called `name` (`alt-uscis`), if there is one.
pub fn profile(name: &str) -> Option<CaseProfile> {
    match name {
        "alt-uscis" => CaseProfile::from_json(
            include_str!("../tests/fixtures/store-alt-uscis.json"),
            "alt-uscis",
        )
        .ok(),
        _ => None,
    }
}
