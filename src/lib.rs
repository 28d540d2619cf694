//! Drafter's core: case profiles in, court-ready filings out.
//!
//! The pipeline runs in one direction (see docs/DESIGN.md):
//! [`profile`] → [`template`] (fill) → [`typeset`] (parse, compose, lay out) → [`pdf`] /
//! [`preview`]. [`rules`] checks filings against court rules; [`store`] keeps saved cases.
//! Nothing here depends on a UI toolkit.

pub mod examples;
pub mod paths;
pub mod profile;
pub mod store;
