//! Drafter's core: case profiles in, court-ready filings out.
//!
//! The pipeline runs in one direction (see docs/DESIGN.md):
//! [`profile`] → [`template`] (fill) → [`typeset`] (parse, compose, lay out) → [`pdf`] /
//! [`preview`]. [`filing`] runs the whole pipeline for one template; [`export`] writes
//! filings, sets and batches; [`rules`] checks a filing against court rules and guards
//! protected identities; [`store`] keeps saved cases with their revisions. Nothing here
//! depends on a UI toolkit.

pub mod examples;
pub mod exhibit;
pub mod export;
pub mod filing;
pub mod fsutil;
mod memo;
pub mod paths;
pub mod pdf;
pub mod preview;
pub mod profile;
pub mod rules;
pub mod store;
pub mod template;
pub mod typeset;
pub mod words;
pub mod workbench;
