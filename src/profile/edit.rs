//! Edits of a profile that must keep it consistent: a party's id is the handle by which
//! counsel (`represents`), claims (`against`), service records (`docket.service[].party`)
//! and motions (`docket.motions[].party`) point at it, so renaming or removing a party changes every one of those references in
//! the same step. The app's editor calls these through its commands; nothing else in the
//! program rewrites references.

use super::absent::is_blank;
use super::{CaseProfile, Finding, Party};
use serde::Serialize;

/// Why an edit was refused. The profile is left as it was.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    /// The edit names a party index past the end of the list.
    #[error("parties[{index}]: no such party (the case has {count})")]
    NoParty {
        /// The index given.
        index: usize,
        /// How many parties the case has.
        count: usize,
    },
    /// The edit would leave a party without an id.
    #[error("parties[{index}].id: a party needs an id")]
    EmptyId {
        /// The party's index.
        index: usize,
    },
    /// The edit would give a party an id another party already has.
    #[error("parties[{index}].id: the id `{id}` is used by parties[{other}]")]
    IdTaken {
        /// The edited party's index.
        index: usize,
        /// The id.
        id: String,
        /// The index of the party that has it.
        other: usize,
    },
}

/// A profile after an edit, with what a person should know about the edit's effects
/// (warnings with the field they concern).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PartyEdit {
    /// The edited profile.
    pub profile: CaseProfile,
    /// Warnings about the edit's effects, each with its field.
    pub notes: Vec<Finding>,
}

impl CaseProfile {
    /// Gives `parties[index]` the id `new_id` (trimmed) and points every reference to its
    /// old id at the new one. When another party shares the old id (an error the checks
    /// report), references are left with that other party.
    pub fn rename_party(&mut self, index: usize, new_id: &str) -> Result<(), EditError> {
        let old = self.party_at(index)?.id.clone();
        let new_id = new_id.trim();
        if is_blank(new_id) {
            return Err(EditError::EmptyId { index });
        }
        if new_id == old {
            return Ok(());
        }
        if let Some(other) = self.parties.iter().position(|p| p.id == new_id) {
            return Err(EditError::IdTaken {
                index,
                id: new_id.to_string(),
                other,
            });
        }
        self.parties[index].id = new_id.to_string();
        if self.party(&old).is_none() {
            self.for_each_reference(|r| {
                if *r == old {
                    *r = new_id.to_string();
                }
            });
        }
        Ok(())
    }

    /// Removes `parties[index]` and every reference to it: its counsel no longer represent
    /// it, claims are no longer brought against it, its service records go. A claim that
    /// was brought against this party alone now runs against all defendants (an empty
    /// `against`); the returned notes say so, one per claim.
    pub fn remove_party(&mut self, index: usize) -> Result<(Party, Vec<Finding>), EditError> {
        self.party_at(index)?;
        let removed = self.parties.remove(index);
        let id = removed.id.as_str();
        let mut notes = Vec::new();
        if self.party(id).is_some() {
            // Another party holds the same id; the references are its now.
            return Ok((removed, notes));
        }
        for c in &mut self.counsel {
            c.represents.retain(|r| r != id);
        }
        for (i, claim) in self.claims.iter_mut().enumerate() {
            let before = claim.against.len();
            claim.against.retain(|r| r != id);
            if before > 0 && claim.against.is_empty() {
                notes.push(Finding::warning(
                    format!("claims[{i}].against"),
                    format!(
                        "the claim was brought only against `{id}`; it now runs against all defendants"
                    ),
                ));
            }
        }
        self.docket.service.retain(|s| s.party != id);
        self.docket.motions.retain(|m| m.party != id);
        Ok((removed, notes))
    }

    fn party_at(&self, index: usize) -> Result<&Party, EditError> {
        self.parties.get(index).ok_or(EditError::NoParty {
            index,
            count: self.parties.len(),
        })
    }

    /// Calls `f` on every field that holds a party id (other than the parties' own).
    fn for_each_reference(&mut self, mut f: impl FnMut(&mut String)) {
        for c in &mut self.counsel {
            c.represents.iter_mut().for_each(&mut f);
        }
        for claim in &mut self.claims {
            claim.against.iter_mut().for_each(&mut f);
        }
        for s in &mut self.docket.service {
            f(&mut s.party);
        }
        for m in &mut self.docket.motions {
            f(&mut m.party);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> CaseProfile {
        CaseProfile::from_json(
            r#"{"schema": 1, "court": {"name": "C"},
                "parties": [
                  {"id": "twitter", "name": "Twitter, Inc.", "role": "plaintiff", "kind": "organization"},
                  {"id": "dhs", "name": "DHS", "role": "defendant", "kind": "government-agency"},
                  {"id": "cbp", "name": "CBP", "role": "defendant", "kind": "government-agency"}],
                "counsel": [{"name": "A", "represents": ["twitter"]},
                            {"name": "B", "represents": ["dhs", "cbp"]}],
                "claims": [{"title": "One", "against": ["cbp"], "paragraphs": ["p"]},
                           {"title": "Two", "against": ["dhs", "cbp"], "paragraphs": ["p"]},
                           {"title": "Three", "paragraphs": ["p"]}],
                "docket": {"service": [
                  {"party": "cbp", "method": "mail", "date": "2017-04-07"},
                  {"party": "dhs", "method": "mail", "date": "2017-04-07"}]}}"#,
            "test",
        )
        .unwrap()
    }

    #[test]
    fn renaming_a_party_moves_every_reference() {
        let mut p = profile();
        p.rename_party(2, " customs ").unwrap();
        assert_eq!(p.parties[2].id, "customs");
        assert_eq!(p.counsel[1].represents, ["dhs", "customs"]);
        assert_eq!(p.claims[0].against, ["customs"]);
        assert_eq!(p.claims[1].against, ["dhs", "customs"]);
        assert_eq!(p.docket.service[0].party, "customs");
        assert_eq!(p.docket.service[1].party, "dhs");
        assert!(p.validate().is_empty(), "{:?}", p.validate());
    }

    #[test]
    fn a_rename_to_a_taken_or_empty_id_is_refused_and_changes_nothing() {
        let mut p = profile();
        let before = p.clone();
        assert_eq!(
            p.rename_party(2, "dhs"),
            Err(EditError::IdTaken {
                index: 2,
                id: "dhs".into(),
                other: 1
            })
        );
        assert_eq!(
            p.rename_party(2, "  "),
            Err(EditError::EmptyId { index: 2 })
        );
        assert_eq!(
            p.rename_party(7, "x").unwrap_err().to_string(),
            "parties[7]: no such party (the case has 3)"
        );
        assert_eq!(p, before);
    }

    #[test]
    fn a_rename_among_duplicate_ids_leaves_the_references_with_the_other_party() {
        let mut p = profile();
        p.parties[2].id = "dhs".into();
        p.rename_party(2, "cbp2").unwrap();
        assert_eq!(p.counsel[1].represents, ["dhs", "cbp"]);
        assert_eq!(p.docket.service[1].party, "dhs");
    }

    #[test]
    fn removing_a_party_removes_every_reference_and_says_which_claims_widen() {
        let mut p = profile();
        let (removed, notes) = p.remove_party(2).unwrap();
        assert_eq!(removed.id, "cbp");
        assert_eq!(p.parties.len(), 2);
        assert_eq!(p.counsel[1].represents, ["dhs"]);
        assert!(p.claims[0].against.is_empty());
        assert_eq!(p.claims[1].against, ["dhs"]);
        assert_eq!(p.docket.service.len(), 1);
        assert_eq!(p.docket.service[0].party, "dhs");
        assert_eq!(
            notes,
            [Finding::warning(
                "claims[0].against",
                "the claim was brought only against `cbp`; it now runs against all defendants"
            )]
        );
        assert!(p.validate().is_empty(), "{:?}", p.validate());
    }
}
