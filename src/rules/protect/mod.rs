//! The protected-identity guard: a pseudonymous party's protected values (true name,
//! email, phone, address, account identifiers) must never appear in any output, in any
//! written form, and never in a message.
//!
//! One matcher, [`Guard`], serves every exit:
//!
//! - [`Guard::check_filing`] reads a laid-out filing: its text joined line by line, and
//!   again column by column (so a name that wraps inside the caption's left column is read
//!   whole, not interleaved with the right column), the page furniture (footers), the
//!   filled Markdown (HTML comments, code spans and link reference definitions included),
//!   the PDF's document information and XMP metadata, and the file name it exports under;
//! - [`Guard::check_bytes`] reads the bytes of any output as they are written (a PDF's
//!   strings and XMP stream, an SVG's text, `index.json`, a render);
//! - [`Guard::check_name`] reads a file name;
//! - [`Guard::redact`] (and [`redact`], [`redact_known`]) masks every form in a message.
//!
//! **What matches** (see [`normalize`] and [`forms`]): text is compared by a key that
//! ignores case (full case folding), compatibility forms (NFKC: ligatures, fullwidth and
//! styled letters), accents (on either side), look-alike letters from other scripts (the
//! confusable skeleton of Unicode TR39), invisible and format characters (every
//! `Default_Ignorable_Code_Point`, every `Cf`), and all spacing and punctuation, so a value
//! broken across lines or pages, hyphenated or not, is found where it starts. Besides each
//! value as stored, the forms the party's profile asks for ([`MatchForm`], all by default)
//! are looked for: the family name alone and each part of a compound one, given names
//! alone, given + family without middle names, family name first, initials with a name,
//! the street line of an address, and any 6-character run of an account identifier.
//!
//! **Word boundaries**: a match must start and end at a word boundary of the key text
//! (a space, punctuation, a line break, or the end), so `Smith` is not found in
//! `Smithfield` but is in `Smith's` and `Smith-Jones`. Invisible characters are no boundary:
//! `Smith\u{200B}field` reads as `Smithfield`. Runs of an account identifier are found
//! anywhere. Needles shorter than 3 key characters are never looked for alone.
//!
//! No message, `Debug` or `Display` output of a [`Leak`] ever contains a protected value;
//! it names the field, the output and the place only.

pub mod forms;
pub mod normalize;
mod readings;
mod redact;

pub use forms::{Form, MIN_KEY_CHARS};
pub use readings::Output;
pub use redact::{redact, redact_known, remember, strip_values};

use super::TextLine;
use crate::profile::{CaseProfile, Finding};
use aho_corasick::AhoCorasick;
use forms::Needle;
use normalize::{Projection, Spot};
use serde::Serialize;
use std::collections::HashSet;
use std::sync::Arc;

pub use crate::profile::MatchForm;

/// One place where a protected value appears in an output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Leak {
    /// The value's field path (`parties[3].protected.true_name`).
    pub field: String,
    /// The output it appears in.
    pub output: Output,
    /// 1-based page where the value starts (0 when the output has no pages).
    pub page: usize,
    /// 1-based line where the value starts (0 when the output has no lines).
    pub line: usize,
    /// "the protected true name of Doe (parties[3].protected.true_name) appears on page 2,
    /// line 14" — never the value.
    pub message: String,
}

impl Leak {
    /// The leak as a profile error on the value's field.
    pub fn to_finding(&self) -> Finding {
        Finding::error(self.field.clone(), self.message.clone())
    }
}

impl std::fmt::Display for Leak {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

/// Values shorter than this (key characters) are not searched for.
pub const MIN_VALUE_CHARS: usize = MIN_KEY_CHARS;

/// One protected value of one party, with its needles.
#[derive(Debug, Clone)]
struct Entry {
    /// `parties[1].protected.true_name`.
    field: String,
    /// `true_name`, `address[0]`.
    sub: String,
    /// How the party is named in messages.
    designation: String,
    needles: Vec<Needle>,
}

/// The matcher for one profile's protected values. Cheap to clone.
#[derive(Clone)]
pub struct Guard {
    inner: Arc<Inner>,
}

struct Inner {
    entries: Vec<Entry>,
    /// Pattern id → (entry, needle).
    patterns: Vec<(usize, usize)>,
    automaton: Option<AhoCorasick>,
    /// A digest of every needle key, to know two guards apart without keeping values twice.
    fingerprint: u64,
}

impl std::fmt::Debug for Guard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Guard")
            .field("values", &self.inner.entries.len())
            .finish_non_exhaustive()
    }
}

/// A match in a projection.
#[derive(Debug, Clone, Copy)]
struct Hit {
    entry: usize,
    needle: usize,
    start: usize,
    end: usize,
}

impl Guard {
    /// The matcher for every protected value of every party of `profile`. The guard is
    /// also remembered for [`redact_known`], so that a message printed at the edge of the
    /// program is masked even where the profile is not at hand.
    pub fn new(profile: &CaseProfile) -> Guard {
        // Built once per set of protected values (with the names they stand beside): the
        // preview asks for a guard on every keystroke, and building one was a tenth of it.
        static BUILT: crate::memo::Memo<String, Guard> = crate::memo::Memo::new(16);
        let key = serde_json::to_string(
            &profile
                .parties
                .iter()
                .map(|p| p.protected.as_ref().map(|x| (&p.name, x)))
                .collect::<Vec<_>>(),
        );
        let guard = match key {
            Ok(key) => BUILT
                .get_or_try(key, || {
                    Ok::<_, std::convert::Infallible>(Guard::build_for(profile))
                })
                .unwrap_or_else(|never| match never {}),
            Err(_) => Guard::build_for(profile),
        };
        redact::remember_guard(&guard);
        guard
    }

    fn build_for(profile: &CaseProfile) -> Guard {
        let mut entries = Vec::new();
        for (i, party) in profile.parties.iter().enumerate() {
            let Some(protected) = &party.protected else {
                continue;
            };
            let start = entries.len();
            for (sub, needles) in forms::needles(protected) {
                entries.push(Entry {
                    field: format!("parties[{i}].protected.{sub}"),
                    sub,
                    designation: String::new(),
                    needles,
                });
            }
            let mine = Guard::build(entries[start..].to_vec());
            let name = &party.name;
            let designation = if name.trim().is_empty() || !mine.find(&[name], false).is_empty() {
                format!("the party at parties[{i}]")
            } else {
                name.clone()
            };
            for e in &mut entries[start..] {
                e.designation = designation.clone();
            }
        }
        Guard::build(entries)
    }

    fn build(entries: Vec<Entry>) -> Guard {
        use std::hash::{Hash, Hasher};
        let mut patterns = Vec::new();
        let mut keys = Vec::new();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (ei, e) in entries.iter().enumerate() {
            for (ni, n) in e.needles.iter().enumerate() {
                patterns.push((ei, ni));
                keys.push(n.key.as_str());
                n.key.hash(&mut h);
            }
        }
        let automaton = if keys.is_empty() {
            None
        } else {
            // A DFA: the quickest to run over a filing's text; building it costs more,
            // but a guard is built once per set of protected values (see `Guard::new`).
            AhoCorasick::builder()
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&keys)
                .ok()
        };
        Guard {
            inner: Arc::new(Inner {
                fingerprint: h.finish(),
                entries,
                patterns,
                automaton,
            }),
        }
    }

    /// Whether the profile has no protected value to look for.
    pub fn is_empty(&self) -> bool {
        self.inner.patterns.is_empty()
    }

    pub(crate) fn fingerprint(&self) -> u64 {
        self.inner.fingerprint
    }

    /// Every match in `pieces` (each piece ends at a word boundary). With `loose`, the
    /// whole values are found anywhere (for masking messages).
    fn find(&self, pieces: &[&str], loose: bool) -> Vec<Hit> {
        let proj = Projection::new(pieces.iter().copied());
        self.find_in(&proj, loose)
    }

    fn find_in(&self, proj: &Projection, loose: bool) -> Vec<Hit> {
        let Some(ac) = &self.inner.automaton else {
            return Vec::new();
        };
        let mut hits = Vec::new();
        for m in ac.find_overlapping_iter(proj.text.as_str()) {
            let (entry, needle) = self.inner.patterns[m.pattern().as_usize()];
            let n = &self.inner.entries[entry].needles[needle];
            let anywhere = n.anywhere || (loose && n.form == Form::Whole);
            if anywhere || (proj.boundary_at(m.start()) && proj.boundary_at(m.end())) {
                hits.push(Hit {
                    entry,
                    needle,
                    start: m.start(),
                    end: m.end(),
                });
            }
        }
        hits
    }

    /// Leaks in one reading of an output.
    fn report(
        &self,
        output: Output,
        pieces: &[(String, Spot)],
        seen: &mut HashSet<(usize, Output, Spot)>,
        out: &mut Vec<Leak>,
    ) {
        if self.is_empty() || pieces.is_empty() {
            return;
        }
        let proj = Projection::new(pieces.iter().map(|(t, _)| t.as_str()));
        let mut hits = self.find_in(&proj, false);
        // The longest form first at each place, so the message names the fullest form.
        hits.sort_by_key(|h| {
            (
                h.entry,
                proj.piece[h.start],
                std::cmp::Reverse(h.end - h.start),
            )
        });
        for h in hits {
            let e = &self.inner.entries[h.entry];
            let spot = &pieces[proj.piece[h.start] as usize].1;
            if !seen.insert((h.entry, output, spot.clone())) {
                continue;
            }
            let form = e.needles[h.needle].form.describe();
            out.push(Leak {
                message: format!(
                    "the protected {} of {} ({}){form} appears {}",
                    describe(&e.sub),
                    e.designation,
                    e.field,
                    output.place(spot)
                ),
                field: e.field.clone(),
                output,
                page: spot.page,
                line: spot.line,
            });
        }
    }

    /// Orders leaks as the profile's fields, then as the outputs and places.
    fn sorted(&self, mut leaks: Vec<Leak>) -> Vec<Leak> {
        let rank = |field: &str| {
            self.inner
                .entries
                .iter()
                .position(|e| e.field == field)
                .unwrap_or(usize::MAX)
        };
        leaks.sort_by_key(|l| (rank(&l.field), l.output, l.page, l.line));
        leaks
    }

    /// Every place where a protected value appears in laid-out text lines.
    pub fn check_lines(&self, lines: &[TextLine]) -> Vec<Leak> {
        self.check_text(Output::Pages, None, lines)
    }

    /// Every place where a protected value appears in the text of an exhibit (`exhibit`
    /// names it: "Exhibit A"); pages and lines are the exhibit's own.
    pub fn check_exhibit(&self, exhibit: &str, lines: &[TextLine]) -> Vec<Leak> {
        self.check_text(Output::Exhibit, Some(exhibit), lines)
    }

    fn check_text(&self, output: Output, key: Option<&str>, lines: &[TextLine]) -> Vec<Leak> {
        let pieces: Vec<(String, Spot)> = lines
            .iter()
            .map(|l| {
                (
                    l.text.clone(),
                    Spot {
                        page: l.page,
                        line: l.line,
                        key: key.map(str::to_string),
                    },
                )
            })
            .collect();
        let mut out = Vec::new();
        self.report(output, &pieces, &mut HashSet::new(), &mut out);
        self.sorted(out)
    }

    /// Every place where a protected value appears in anything a filing exports: its
    /// pages read by lines and by columns, the page furniture, the filled Markdown, the
    /// PDF metadata, and the file name it is exported under.
    pub fn check_filing(&self, filing: &crate::filing::Filing) -> Vec<Leak> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let mut seen = HashSet::new();
        for (output, pieces) in readings::of_filing(filing) {
            self.report(output, &pieces, &mut seen, &mut out);
        }
        self.sorted(out)
    }

    /// Every place where a protected value appears in the bytes of an output.
    pub fn check_bytes(&self, output: Output, bytes: &[u8]) -> Vec<Leak> {
        let mut out = Vec::new();
        if self.is_empty() {
            return out;
        }
        let mut seen = HashSet::new();
        for (output, pieces) in readings::of_bytes(output, bytes) {
            self.report(output, &pieces, &mut seen, &mut out);
        }
        self.sorted(out)
    }

    /// Whether a file name carries a protected value.
    pub fn check_name(&self, name: &str) -> Vec<Leak> {
        self.check_bytes(Output::FileName, name.as_bytes())
    }

    /// `text` with every protected value, in any form the profile asks for, replaced by
    /// `[redacted]`. The whole values are masked even inside a longer word.
    pub fn redact(&self, text: &str) -> String {
        if self.is_empty() || text.is_empty() {
            return text.to_string();
        }
        let proj = Projection::new([text]);
        let hits = self.find_in(&proj, true);
        if hits.is_empty() {
            return text.to_string();
        }
        let chars: Vec<char> = text.chars().collect();
        let mut ranges: Vec<(usize, usize)> = hits
            .iter()
            .map(|h| {
                let mut end = proj.source[h.end - 1] as usize;
                // Marks and invisible characters after the last letter go with it.
                while chars.get(end + 1).is_some_and(|&c| {
                    normalize::with_key(c, |class, _| class == normalize::Class::Ignorable)
                }) {
                    end += 1;
                }
                (proj.source[h.start] as usize, end)
            })
            .collect();
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (s, e) in ranges {
            match merged.last_mut() {
                Some(last) if s <= last.1 + 1 => last.1 = last.1.max(e),
                _ => merged.push((s, e)),
            }
        }
        let mut out = String::with_capacity(text.len());
        let mut next = merged.iter().peekable();
        let mut skip_to = None;
        for (i, c) in text.chars().enumerate() {
            if let Some(end) = skip_to {
                if i <= end {
                    continue;
                }
                skip_to = None;
            }
            if let Some(&&(s, e)) = next.peek() {
                if i == s {
                    out.push_str("[redacted]");
                    skip_to = Some(e);
                    next.next();
                    continue;
                }
            }
            out.push(c);
        }
        out
    }
}

/// Every place where a protected value of any party appears in the text, in the order of
/// the profile's fields and then of the text. (The same as
/// `Guard::new(profile).check_lines(lines)`.)
///
/// ```
/// use drafter::profile::CaseProfile;
/// use drafter::rules::{protected_leaks, TextLine};
///
/// let profile = CaseProfile::from_json(r#"{"schema": 1, "court": {"name": "U.S. District Court"},
///     "parties": [{"id": "doe", "name": "John Doe", "role": "plaintiff", "kind": "person",
///                  "protected": {"true_name": "Sam Rivera-Ortiz"}}]}"#, "doc").unwrap();
/// let lines = [
///     TextLine::new(2, 13, "Plaintiff, whose name is Sam Rivera-"),
///     TextLine::new(2, 14, "ortiz, brings this action."),
/// ];
/// let leaks = protected_leaks(&lines, &profile);
/// assert_eq!(leaks[0].message,
///     "the protected true name of John Doe (parties[0].protected.true_name) appears on page 2, line 13");
/// ```
pub fn protected_leaks(lines: &[TextLine], profile: &CaseProfile) -> Vec<Leak> {
    Guard::new(profile).check_lines(lines)
}

fn describe(sub: &str) -> &'static str {
    if sub == "true_name" {
        "true name"
    } else if sub == "email" {
        "email address"
    } else if sub == "phone" {
        "phone number"
    } else if sub.starts_with("address") {
        "address"
    } else if sub.starts_with("account_ids") {
        "account identifier"
    } else {
        "value"
    }
}

#[cfg(test)]
mod tests;
