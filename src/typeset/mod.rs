//! Typesetting: the filled Markdown becomes positioned pages.
//!
//! [`markdown::parse`] reads the body into [`model::Block`]s; [`compose::compose`] adds
//! the court's furniture from the profile and the [`style::CourtStyle`];
//! [`layout::layout`] breaks lines with real glyph metrics ([`fonts`]) and paginates on
//! the style's grid, producing [`page::Page`]s that the PDF writer and the preview draw.

pub mod bidi;
pub mod compose;
pub mod fonts;
pub mod layout;
pub mod markdown;
pub mod model;
pub mod page;
pub mod style;

pub use compose::{CaptionKind, CertificateRule, FilingSpec, Layout};
pub use layout::{FooterText, MissingGlyph};
pub use page::{Item, Page, Rule, TextRun};
pub use style::{CourtStyle, StyleError};
