//! The worked example that ships with Drafter: the 2017 @ALT_USCIS summons matter.

use crate::profile::CaseProfile;

/// Names of the embedded example profiles.
pub const NAMES: &[&str] = &["alt-uscis"];

/// The JSON of an embedded example.
pub fn json(name: &str) -> Option<&'static str> {
    match name {
        "alt-uscis" => Some(include_str!("../templates/examples/alt-uscis.json")),
        _ => None,
    }
}

/// An embedded example, parsed.
pub fn profile(name: &str) -> Option<CaseProfile> {
    let text = json(name)?;
    Some(
        CaseProfile::from_json(text, name)
            .expect("the embedded example is checked by the test suite"),
    )
}
