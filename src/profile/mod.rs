//! The case profile: everything Drafter knows about a matter (court, parties, counsel,
//! dates, facts, claims, relief), as a versioned serde model.
//!
//! Profiles are JSON documents with a `schema` version. Loading goes through
//! [`CaseProfile::from_json`], which migrates older schemas, rejects unknown fields with
//! their path (`parties[2].capactiy`) and reports syntax errors with line and column.

mod absent;
mod edit;
mod load;
mod validate;

pub use edit::{EditError, PartyEdit};
pub use load::{
    escape_controls, is_forbidden_char, ProfileError, CURRENT_SCHEMA, MAX_CASE_NUMBER_CHARS,
    MAX_LINE_CHARS, MAX_LIST_ITEMS, MAX_PARAGRAPH_CHARS,
};
pub use validate::{Finding, Severity};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A whole matter, as the paralegal keeps it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct CaseProfile {
    /// Version of this JSON layout; see [`CURRENT_SCHEMA`].
    pub schema: u32,
    /// The paralegal's own name for the matter ("Twitter v. DHS (ALT_USCIS summons)").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The court the action is in.
    pub court: Court,
    /// The docket number; absent before the complaint is filed.
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub case_number: Option<String>,
    /// The assigned judge, when known.
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub judge: Option<String>,
    /// The parties to the action, in caption order.
    #[serde(default)]
    pub parties: Vec<Party>,
    /// The attorneys of record.
    #[serde(default)]
    pub counsel: Vec<Counsel>,
    /// Key dates by name (`filed`, `summons_issued`, ...).
    #[serde(
        default,
        deserialize_with = "absent::dates",
        skip_serializing_if = "BTreeMap::is_empty"
    )]
    pub dates: BTreeMap<String, NaiveDate>,
    /// Numbered facts, in the order they are pleaded.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The claims for relief (counts), in order.
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Prayer for relief: one entry per requested form of relief.
    #[serde(default)]
    pub relief: Vec<String>,
    /// What has happened in the action so far (service, answers, dismissals).
    #[serde(default, skip_serializing_if = "Docket::is_empty")]
    pub docket: Docket,
    /// Exhibits attached to filings, by template name (`complaint`), in the order they
    /// are attached: the first is Exhibit A (or 1, as the court style says). See
    /// [`crate::exhibit`].
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub exhibits: BTreeMap<String, Vec<Exhibit>>,
    /// Free-form values for the firm's own templates (`{{extra.summons.number}}`).
    #[serde(default, skip_serializing_if = "serde_json::Map::is_empty")]
    #[cfg_attr(feature = "ts", ts(type = "Record<string, unknown>"))]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The court the matter is in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Court {
    /// "United States District Court".
    pub name: String,
    /// "Northern District of California".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub district: String,
    /// "San Francisco Division".
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub division: String,
    /// Court style id (a file under templates/styles/), e.g. `cand` or `federal`.
    #[serde(default = "default_style")]
    pub style: String,
}

fn default_style() -> String {
    "federal".to_string()
}

/// A party's place in the action.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// Brings the action.
    Plaintiff,
    /// Is sued.
    Defendant,
    /// Brings a petition.
    Petitioner,
    /// Answers a petition.
    Respondent,
    /// Named in the caption as an interested party.
    InterestedParty,
    /// Joins the action under Rule 24.
    Intervenor,
}

impl Role {
    /// The word used in captions and signature blocks ("Plaintiff", "Interested Party").
    pub fn label(self) -> &'static str {
        match self {
            Role::Plaintiff => "Plaintiff",
            Role::Defendant => "Defendant",
            Role::Petitioner => "Petitioner",
            Role::Respondent => "Respondent",
            Role::InterestedParty => "Interested Party",
            Role::Intervenor => "Intervenor",
        }
    }

    /// The plural label ("Defendants").
    pub fn plural_label(self) -> &'static str {
        match self {
            Role::Plaintiff => "Plaintiffs",
            Role::Defendant => "Defendants",
            Role::Petitioner => "Petitioners",
            Role::Respondent => "Respondents",
            Role::InterestedParty => "Interested Parties",
            Role::Intervenor => "Intervenors",
        }
    }

    /// Every role, in the order the app lists them.
    pub const ALL: [Role; 6] = [
        Role::Plaintiff,
        Role::Defendant,
        Role::Petitioner,
        Role::Respondent,
        Role::InterestedParty,
        Role::Intervenor,
    ];

    /// Which side of the "v." in a caption the party sits on; `None` for a party named in
    /// neither list (an interested party, an intervenor). This is the one place that
    /// decides it: the caption, the short caption, the answer deadlines and the app's
    /// editor all ask here.
    pub fn side(self) -> Option<Side> {
        match self {
            Role::Plaintiff | Role::Petitioner => Some(Side::Initiating),
            Role::Defendant | Role::Respondent => Some(Side::Responding),
            Role::InterestedParty | Role::Intervenor => None,
        }
    }
}

/// A side of the "v." in a caption.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Left of the "v.": who brought the action (plaintiffs, petitioners).
    Initiating,
    /// Right of the "v.": whom it is brought against (defendants, respondents).
    Responding,
}

/// What sort of person or body a party is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum PartyKind {
    /// A natural person.
    Person,
    /// A company, association or other non-government body.
    Organization,
    /// A government itself: the United States, a State, a county or city (`sovereign` says
    /// which).
    Government,
    /// An agency of a government (`sovereign` says whose).
    GovernmentAgency,
    /// An officer or employee of a government (`sovereign` says whose, `sued_in` in which
    /// capacity, `capacity` the office in words).
    GovernmentOfficial,
}

impl PartyKind {
    /// Every kind, in the order the app lists them.
    pub const ALL: [PartyKind; 5] = [
        PartyKind::Person,
        PartyKind::Organization,
        PartyKind::Government,
        PartyKind::GovernmentAgency,
        PartyKind::GovernmentOfficial,
    ];

    /// The kind as a person reads it ("Government agency").
    pub fn label(self) -> &'static str {
        match self {
            PartyKind::Person => "Person",
            PartyKind::Organization => "Organization",
            PartyKind::Government => "Government",
            PartyKind::GovernmentAgency => "Government agency",
            PartyKind::GovernmentOfficial => "Government official",
        }
    }

    /// Whether the party is a government, one of its agencies or one of its officers.
    pub fn is_government(self) -> bool {
        matches!(
            self,
            PartyKind::Government | PartyKind::GovernmentAgency | PartyKind::GovernmentOfficial
        )
    }
}

/// Whose government a government party is, or belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum Sovereign {
    /// The United States (Fed. R. Civ. P. 4(i), 12(a)(2)-(3)).
    UnitedStates,
    /// A State of the United States (Fed. R. Civ. P. 4(j)(2)).
    State,
    /// A county, city or other local government (Fed. R. Civ. P. 4(j)(2)).
    Local,
}

impl Sovereign {
    /// Every sovereign, in the order the app lists them.
    pub const ALL: [Sovereign; 3] = [Sovereign::UnitedStates, Sovereign::State, Sovereign::Local];

    /// The choice as the party editor offers it.
    pub fn choice(self) -> &'static str {
        match self {
            Sovereign::UnitedStates => "The United States (federal)",
            Sovereign::State => "A State (e.g. California or a California agency)",
            Sovereign::Local => "A county, city or district",
        }
    }

    /// The plain words the app and the messages use.
    pub fn label(self) -> &'static str {
        match self {
            Sovereign::UnitedStates => "the United States (federal)",
            Sovereign::State => "a State",
            Sovereign::Local => "a local government (county, city, district)",
        }
    }
}

/// The capacity in which an officer or employee is sued.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum SuedIn {
    /// As the office: the claim is in substance against the government.
    OfficialCapacity,
    /// Personally, for acts done in office (Fed. R. Civ. P. 12(a)(3) for a federal officer).
    IndividualCapacity,
}

impl SuedIn {
    /// Both capacities, in the order the app lists them.
    pub const ALL: [SuedIn; 2] = [SuedIn::OfficialCapacity, SuedIn::IndividualCapacity];

    /// The choice as the party editor offers it.
    pub fn choice(self) -> &'static str {
        match self {
            SuedIn::OfficialCapacity => "As the office (official capacity)",
            SuedIn::IndividualCapacity => "Personally (individual capacity)",
        }
    }
}

/// One party to the action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// A stable handle that counsel, service records and templates use (`twitter`, `dhs`).
    pub id: String,
    /// The party's name as it appears in the caption. For a pseudonymous party this is the
    /// public designation ("John Doe", "the operator of @ALT_USCIS").
    pub name: String,
    /// Plaintiff, defendant, or another place in the action.
    pub role: Role,
    /// Person, organization, or which kind of government body or official.
    pub kind: PartyKind,
    /// For an official: "in his official capacity as Acting Commissioner of U.S. Customs and
    /// Border Protection".
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub capacity: Option<String>,
    /// For a government, agency or official: whose government it is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sovereign: Option<Sovereign>,
    /// For an official: whether sued in an official or an individual capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sued_in: Option<SuedIn>,
    /// The short form used in the body ("Twitter", "DHS", "CBP").
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub short_name: Option<String>,
    /// One or two sentences describing the party for the complaint's "Parties" section.
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub description: Option<String>,
    /// Mailing address lines (used for letters and certificates of service).
    #[serde(
        default,
        deserialize_with = "absent::lines",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub address: Vec<String>,
    /// Set for a pseudonymous party: values that must never appear in any output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub protected: Option<ProtectedIdentity>,
    /// A minor (Fed. R. Civ. P. 5.2(a)(3): only initials may be filed).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub minor: bool,
    /// For a nongovernmental corporate party: its parent corporations, by name
    /// (Fed. R. Civ. P. 7.1(a)(1)(A)). Empty means it has none.
    #[serde(
        default,
        deserialize_with = "absent::lines",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub parents: Vec<String>,
    /// For a nongovernmental corporate party: every publicly held corporation that owns
    /// 10% or more of its stock, by name (Fed. R. Civ. P. 7.1(a)(1)(A)). Empty means none.
    #[serde(
        default,
        deserialize_with = "absent::lines",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub ten_percent_owners: Vec<String>,
    /// Persons and entities other than the parties with an interest in the subject of the
    /// action or in this party, or that could be substantially affected by its outcome
    /// (N.D. Cal. Civil L.R. 3-15(b)). Empty means none are known.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub interested: Vec<InterestedEntity>,
}

/// A person or entity, not a party, with an interest that N.D. Cal. Civil L.R. 3-15
/// asks a party to disclose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct InterestedEntity {
    /// The person's or entity's name.
    pub name: String,
    /// Its interest, in words ("parent corporation of Plaintiff", "funds this litigation").
    pub interest: String,
}

impl Party {
    /// The name used in running text: the short name when there is one.
    pub fn short(&self) -> &str {
        self.short_name.as_deref().unwrap_or(&self.name)
    }

    /// Whether the party is the United States, a federal agency, or a federal officer or
    /// employee sued in an official capacity: Fed. R. Civ. P. 12(a)(2).
    pub fn is_united_states_or_official(&self) -> bool {
        self.sovereign == Some(Sovereign::UnitedStates)
            && match self.kind {
                PartyKind::Government | PartyKind::GovernmentAgency => true,
                PartyKind::GovernmentOfficial => self.sued_in != Some(SuedIn::IndividualCapacity),
                PartyKind::Person | PartyKind::Organization => false,
            }
    }

    /// Whether the party is a federal officer or employee sued in an individual capacity:
    /// Fed. R. Civ. P. 12(a)(3).
    pub fn is_federal_officer_individually(&self) -> bool {
        self.sovereign == Some(Sovereign::UnitedStates)
            && self.kind == PartyKind::GovernmentOfficial
            && self.sued_in == Some(SuedIn::IndividualCapacity)
    }

    /// Whether a party takes part in the action as a party (and so is served under Rule 5):
    /// an interested party is not one until the court lets it intervene (Rule 24).
    pub fn is_party_to_the_action(&self) -> bool {
        self.role != Role::InterestedParty
    }

    /// Whether the party appears under a pseudonym.
    pub fn is_pseudonymous(&self) -> bool {
        self.protected.is_some()
    }
}

/// The true identity behind a pseudonymous party. Stored so the firm has it in one place;
/// never rendered. Every non-empty value here is searched for in every export.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ProtectedIdentity {
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    /// The party's real name.
    pub true_name: Option<String>,
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    /// The party's real email address.
    pub email: Option<String>,
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    /// The party's real phone number.
    pub phone: Option<String>,
    #[serde(
        default,
        deserialize_with = "absent::lines",
        skip_serializing_if = "Vec::is_empty"
    )]
    /// The party's real address, one line per entry.
    pub address: Vec<String>,
    /// Account identifiers, handles known only to counsel, and similar.
    #[serde(
        default,
        deserialize_with = "absent::lines",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub account_ids: Vec<String>,
    /// Which other written forms of these values the guard refuses besides each value as
    /// stored (always refused). Absent means every form (the safe default); an empty list
    /// means the stored values only. See [`MatchForm`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub forms: Option<Vec<MatchForm>>,
}

/// A written form of a protected value that the guard looks for (docs/privacy.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum MatchForm {
    /// The family name alone, and each part of a compound or hyphenated family name.
    Surname,
    /// The given name alone and each middle name alone.
    GivenNames,
    /// Given and family name without the middle names.
    GivenFamily,
    /// Family name first, with or without a comma ("Quill, Mara", "Quill Mara").
    Reversed,
    /// Initials with the family name ("M. Quill", "M.E. Quill", "Mara Q.").
    Initials,
    /// An address's street line without the unit, with or without the street type.
    StreetLine,
    /// Any run of 6 characters of an account identifier.
    PartialIdentifier,
}

impl MatchForm {
    /// Every form, in the order the app shows them.
    pub const ALL: [MatchForm; 7] = [
        MatchForm::Surname,
        MatchForm::GivenNames,
        MatchForm::GivenFamily,
        MatchForm::Reversed,
        MatchForm::Initials,
        MatchForm::StreetLine,
        MatchForm::PartialIdentifier,
    ];

    /// The form as the protected-identity section of the editor names it.
    pub fn label(self) -> &'static str {
        match self {
            MatchForm::Surname => "Family name alone (and each part)",
            MatchForm::GivenNames => "Given or middle name alone",
            MatchForm::GivenFamily => "Given + family name",
            MatchForm::Reversed => "Family name first",
            MatchForm::Initials => "Initials with a name",
            MatchForm::StreetLine => "Street line of the address",
            MatchForm::PartialIdentifier => "Any 6 characters of an account id",
        }
    }
}

impl ProtectedIdentity {
    /// Whether the guard looks for `form` of these values.
    pub fn wants(&self, form: MatchForm) -> bool {
        self.forms.as_ref().is_none_or(|f| f.contains(&form))
    }

    /// Every non-empty protected value with the name of its field (`true_name`, `address[1]`).
    pub fn values(&self) -> Vec<(String, &str)> {
        let singles = [
            ("true_name", &self.true_name),
            ("email", &self.email),
            ("phone", &self.phone),
        ];
        let singles = singles
            .into_iter()
            .filter_map(|(field, v)| v.as_deref().map(|v| (field.to_string(), v)));
        let lists = [
            ("address", &self.address),
            ("account_ids", &self.account_ids),
        ];
        let lists = lists.into_iter().flat_map(|(field, list)| {
            list.iter()
                .enumerate()
                .map(move |(i, v)| (format!("{field}[{i}]"), v.as_str()))
        });
        singles
            .chain(lists)
            .filter(|(_, v)| !v.trim().is_empty())
            .collect()
    }
}

/// An attorney of record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Counsel {
    /// The attorney's full name.
    pub name: String,
    /// State bar number ("SBN 123456"); empty for counsel admitted pro hac vice.
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub bar_number: Option<String>,
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    /// The law firm, if any.
    pub firm: Option<String>,
    /// The office address, one line per entry.
    #[serde(default, deserialize_with = "absent::lines")]
    pub address: Vec<String>,
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    /// The office phone number.
    pub phone: Option<String>,
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    /// The attorney's email address.
    pub email: Option<String>,
    /// Ids of the parties this attorney represents.
    #[serde(default)]
    pub represents: Vec<String>,
    /// Whether the attorney appears pro hac vice (admitted for this case only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub pro_hac_vice: bool,
}

/// A document attached to a filing as an exhibit: a PDF, or a scanned page as a PNG or
/// JPEG image.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Exhibit {
    /// What the exhibit is, as the index and its slip sheet name it ("Administrative
    /// summons issued March 14, 2017").
    pub title: String,
    /// The file: an absolute path (a relative one in a profile file is read from the
    /// profile's folder), or `builtin:NAME` for a file shipped with an example case.
    pub file: String,
}

/// One numbered fact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// The fact as pleaded, one numbered paragraph.
    pub text: String,
    /// An optional sub-heading that this fact begins ("The Summons").
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub heading: Option<String>,
}

/// One claim for relief (a count).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Claim {
    /// "Violation of the First Amendment".
    pub title: String,
    /// The law it arises under ("U.S. Const. amend. I").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub law: String,
    /// Which parties it is brought against (ids); empty means all defendants.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub against: Vec<String>,
    /// The claim's paragraphs, in order.
    pub paragraphs: Vec<String>,
}

/// What has happened in the action: the facts the filing rules need.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Docket {
    /// Service of the summons and complaint on each defendant.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub service: Vec<Service>,
    /// Date an answer was served by any adverse party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer_served: Option<NaiveDate>,
    /// Date a motion for summary judgment was served by any adverse party.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary_judgment_motion_served: Option<NaiveDate>,
    /// Earlier voluntary dismissals of the same claims (Rule 41(a)(1)(B)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub prior_dismissals: Vec<PriorDismissal>,
    /// Papers each defendant has served in answer (an answer, a Rule 12 motion, a motion
    /// for summary judgment), by party.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub responses: Vec<Response>,
    /// The defendants (ids) a notice of voluntary dismissal covers; empty means the whole
    /// action. After `dates.dismissed` their deadlines are moot.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dismissal_covers: Vec<String>,
    /// Motions noticed for hearing, with their filing and hearing dates.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub motions: Vec<Motion>,
}

/// What a defendant served in answer to the complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ResponsePaper {
    /// An answer to the complaint.
    Answer,
    /// A motion under Rule 12(b), (e) or (f): it does not end the right to dismiss by notice.
    Rule12Motion,
    /// A motion for summary judgment.
    SummaryJudgmentMotion,
}

/// One paper a party served in answer to the complaint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Response {
    /// The party that served it (an id from `parties`).
    pub party: String,
    /// What was served.
    pub paper: ResponsePaper,
    /// When it was served.
    pub served: NaiveDate,
}

impl Docket {
    /// True when the docket records nothing (every field empty).
    pub fn is_empty(&self) -> bool {
        self == &Docket::default()
    }
}

/// How a party was served, or asked to waive service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum ServiceMethod {
    /// Personal delivery to the party.
    Personal,
    /// Service by mail.
    Mail,
    /// Electronic service.
    Electronic,
    /// A Rule 4(d) waiver request; `date` is the day it was sent.
    WaiverRequest,
}

/// Service on one party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The party served (an id from `parties`).
    pub party: String,
    /// How the party was served.
    pub method: ServiceMethod,
    /// When the party was served (or the waiver request was sent).
    pub date: NaiveDate,
    /// For a federal defendant: the day the United States attorney was served
    /// (Rule 12(a)(2) runs from then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub us_attorney_served: Option<NaiveDate>,
    /// A waiver request sent to a defendant outside any judicial district of the United States.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub outside_united_states: bool,
    /// Who served the papers: the name of the person who signs the proof of service
    /// (Fed. R. Civ. P. 4(l)(1)).
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub server: Option<String>,
    /// The server's business address, one line per entry.
    #[serde(
        default,
        deserialize_with = "absent::lines",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub server_address: Vec<String>,
    /// The person who received the papers for the party ("Jane Roe, authorized to accept
    /// service").
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub recipient: Option<String>,
    /// Where the papers were delivered or mailed to, one line per entry.
    #[serde(
        default,
        deserialize_with = "absent::lines",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub place: Vec<String>,
    /// For a federal defendant: the papers were sent to the United States attorney's
    /// civil-process clerk by registered or certified mail (Rule 4(i)(1)(A)(ii)) rather
    /// than delivered (4(i)(1)(A)(i)).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub us_attorney_by_mail: bool,
    /// For a federal defendant: the day a copy was sent to the Attorney General by
    /// registered or certified mail (Rule 4(i)(1)(B)).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attorney_general_served: Option<NaiveDate>,
}

/// A motion noticed for hearing (N.D. Cal. Civil L.R. 7-2): what `deadlines` counts the
/// hearing, opposition and reply dates from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Motion {
    /// The motion's title ("Motion for Leave to Proceed Under a Pseudonym").
    pub title: String,
    /// The moving party (an id from `parties`).
    pub party: String,
    /// The day the motion was (or will be) filed.
    pub filed: NaiveDate,
    /// The hearing date noticed in the motion, once chosen.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hearing: Option<NaiveDate>,
    /// The template that writes the motion (`pseudonym-motion`): the motion's papers read
    /// this record as `motion`.
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    pub template: Option<String>,
}

/// A voluntary dismissal recorded in an earlier action.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct PriorDismissal {
    /// The court of the earlier action.
    pub court: String,
    #[serde(
        default,
        deserialize_with = "absent::text",
        skip_serializing_if = "Option::is_none"
    )]
    /// The earlier action's case number, if known.
    pub case_number: Option<String>,
    /// When the earlier action was dismissed.
    pub date: NaiveDate,
    /// Titles of the claims dismissed; empty means the same claims as this action.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub claims: Vec<String>,
}

impl CaseProfile {
    /// A new, empty case with a title and a court (a federal district court in the
    /// `federal` style), ready to fill in: the one blank case of the CLI and the app.
    pub fn blank(title: &str) -> CaseProfile {
        CaseProfile {
            schema: CURRENT_SCHEMA,
            title: title.to_string(),
            court: Court {
                name: "United States District Court".into(),
                district: String::new(),
                division: String::new(),
                style: default_style(),
            },
            case_number: None,
            judge: None,
            parties: Vec::new(),
            counsel: Vec::new(),
            dates: BTreeMap::new(),
            facts: Vec::new(),
            claims: Vec::new(),
            relief: Vec::new(),
            docket: Docket::default(),
            exhibits: BTreeMap::new(),
            extra: serde_json::Map::new(),
        }
    }

    /// Parties on one side of the "v.", in profile order.
    pub fn parties_on(&self, side: Side) -> impl Iterator<Item = &Party> {
        self.parties
            .iter()
            .filter(move |p| p.role.side() == Some(side))
    }

    /// Parties with the given role, in profile order.
    pub fn parties_with_role(&self, role: Role) -> impl Iterator<Item = &Party> {
        self.parties.iter().filter(move |p| p.role == role)
    }

    /// The party with this id.
    pub fn party(&self, id: &str) -> Option<&Party> {
        self.parties.iter().find(|p| p.id == id)
    }

    /// Counsel who represent any party with the given role, in profile order.
    pub fn counsel_for_role(&self, role: Role) -> Vec<&Counsel> {
        self.counsel
            .iter()
            .filter(|c| {
                c.represents
                    .iter()
                    .any(|id| self.party(id).is_some_and(|p| p.role == role))
            })
            .collect()
    }

    /// Every protected value of every pseudonymous party, with its field path
    /// (`parties[3].protected.true_name`).
    pub fn protected_values(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for (i, p) in self.parties.iter().enumerate() {
            if let Some(prot) = &p.protected {
                for (field, value) in prot.values() {
                    out.push((format!("parties[{i}].protected.{field}"), value));
                }
            }
        }
        out
    }
}
