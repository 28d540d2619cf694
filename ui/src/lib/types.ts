// The case profile as the core library's serde model has it (src/profile/mod.rs).

export type Role =
  | "plaintiff"
  | "defendant"
  | "petitioner"
  | "respondent"
  | "interested-party"
  | "intervenor";
export type PartyKind = "person" | "organization" | "government" | "government-agency" | "government-official";

/** Whose government a government party is (Fed. R. Civ. P. 12(a)(1)-(3) turn on it). */
export type Sovereign = "united-states" | "state" | "local";
/** The capacity an official is sued in. */
export type SuedIn = "official-capacity" | "individual-capacity";

export const SOVEREIGNS: { value: Sovereign; label: string }[] = [
  { value: "united-states", label: "The United States (federal)" },
  { value: "state", label: "A State (e.g. California or a California agency)" },
  { value: "local", label: "A county, city or district" },
];

export const SUED_IN: { value: SuedIn; label: string }[] = [
  { value: "official-capacity", label: "As the office (official capacity)" },
  { value: "individual-capacity", label: "Personally (individual capacity)" },
];

export const ROLES: { value: Role; label: string }[] = [
  { value: "plaintiff", label: "Plaintiff" },
  { value: "defendant", label: "Defendant" },
  { value: "petitioner", label: "Petitioner" },
  { value: "respondent", label: "Respondent" },
  { value: "interested-party", label: "Interested party" },
  { value: "intervenor", label: "Intervenor" },
];

export const KINDS: { value: PartyKind; label: string }[] = [
  { value: "person", label: "Person" },
  { value: "organization", label: "Organization" },
  { value: "government", label: "A government itself" },
  { value: "government-agency", label: "Government agency" },
  { value: "government-official", label: "Government official" },
];

export interface ProtectedIdentity {
  true_name?: string | null;
  email?: string | null;
  phone?: string | null;
  address?: string[];
  account_ids?: string[];
  /** Forms the guard refuses besides each value as stored; absent means all. */
  forms?: MatchForm[] | null;
}

export type MatchForm =
  | "surname"
  | "given-names"
  | "given-family"
  | "reversed"
  | "initials"
  | "street-line"
  | "partial-identifier";

export const MATCH_FORMS: { value: MatchForm; label: string }[] = [
  { value: "surname", label: "Family name alone (and each part)" },
  { value: "given-names", label: "Given or middle name alone" },
  { value: "given-family", label: "Given + family name" },
  { value: "reversed", label: "Family name first" },
  { value: "initials", label: "Initials with a name" },
  { value: "street-line", label: "Street line of the address" },
  { value: "partial-identifier", label: "Any 6 characters of an account id" },
];

export interface Party {
  id: string;
  name: string;
  role: Role;
  kind: PartyKind;
  capacity?: string | null;
  sovereign?: Sovereign | null;
  sued_in?: SuedIn | null;
  short_name?: string | null;
  description?: string | null;
  address?: string[];
  protected?: ProtectedIdentity | null;
  minor?: boolean;
}

export interface Counsel {
  name: string;
  bar_number?: string | null;
  firm?: string | null;
  address: string[];
  phone?: string | null;
  email?: string | null;
  represents: string[];
  pro_hac_vice?: boolean;
}

export interface Fact {
  text: string;
  heading?: string | null;
}

export interface Claim {
  title: string;
  law?: string;
  against?: string[];
  paragraphs: string[];
}

export interface Court {
  name: string;
  district?: string;
  division?: string;
  style: string;
}

export interface CaseProfile {
  schema: number;
  title?: string;
  court: Court;
  case_number?: string | null;
  judge?: string | null;
  parties: Party[];
  counsel: Counsel[];
  dates?: Record<string, string>;
  facts: Fact[];
  claims: Claim[];
  relief: string[];
  docket?: unknown;
  extra?: Record<string, unknown>;
}

export interface CaseSummary {
  id: number;
  title: string;
  case_number: string | null;
  court: string;
  latest_rev: number;
  created_at: string;
  updated_at: string;
  updated_by: string;
  archived: boolean;
}

export interface RevisionInfo {
  rev: number;
  author: string;
  saved_at: string;
  summary: string;
}

export interface Revision {
  case: CaseSummary;
  info: RevisionInfo;
  profile: CaseProfile;
  /** The protected values are encrypted and the store is locked: they are left out. */
  locked?: boolean;
}

/** The case store's key (src/store/mod.rs `StoreStatus`). */
export interface StoreStatus {
  key: "no-passphrase" | "locked" | "unlocked";
  sealed_revisions: number;
  unsealed_revisions: number;
  warnings: string[];
}

/** What `unlock` answers: the example case when the unlock saved it. */
export interface Unlocked {
  status: StoreStatus;
  first_case: number | null;
}

export interface Finding {
  severity: "error" | "warning";
  field: string;
  message: string;
}

export interface Deadline {
  title: string;
  rule: string;
  due: string;
  party: string | null;
  explanation: string[];
  /** Set when a later event made the deadline moot: why. */
  moot?: string | null;
}

export interface Draft {
  template: string;
  title: string | null;
  findings: Finding[];
  pages: string[];
  privacy: string[];
  deadlines: Deadline[];
  layout_ms: number;
}

export interface TemplateEntry {
  name: string;
  title: string;
  description: string;
  layout: "pleading" | "letter" | null;
  origin: { kind: "builtin" } | { kind: "user"; path: string };
  overrides_builtin: boolean;
  required: string[];
  error: string | null;
  problems: string[];
}

export interface ExportedFile {
  path: string;
  title: string;
  pages: number;
  sha256: string;
}

export interface ExportReport {
  files: ExportedFile[];
  folder: string;
  confirmed_privacy: string[];
  skipped: string[];
  warnings: string[];
}

export interface Progress {
  done: number;
  total: number;
  step: string;
}

export interface AppInfo {
  version: string;
  data_dir: string;
  templates_dir: string;
  styles: string[];
  first_case: number | null;
  store_error: string | null;
  today: string;
}

export interface KnownCounsel {
  counsel: Counsel;
  cases: number;
  last_used: string;
}

export interface KnownCourt {
  name: string;
  district: string;
  division: string;
  style: string;
  cases: number;
  last_used: string;
}

export interface Imported {
  id: number;
  title: string;
  path: string;
}
