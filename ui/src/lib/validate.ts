// Field-level checks that run in the page as the person types, before the core's checks
// come back with the preview. They mirror CaseProfile::validate (src/profile/validate.rs)
// and add format checks a person wants to see at once (an e-mail, a date, a docket number).
import type { CaseProfile, Finding } from "./types";

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
// Federal docket numbers: 3:17-cv-01916, 1:20-cr-123, 17-cv-1916.
const DOCKET = /^(\d{1,2}:)?\d{2}-[a-z]{2,4}-\d{1,6}(-[A-Z]{2,4})*$/i;

const err = (field: string, message: string): Finding => ({ severity: "error", field, message });
const warn = (field: string, message: string): Finding => ({ severity: "warning", field, message });

const blank = (s: string | null | undefined) => !s || s.trim() === "";

export function validate(p: CaseProfile): Finding[] {
  const out: Finding[] = [];
  if (blank(p.court.name)) out.push(err("court.name", "the court's name is empty"));
  if (!blank(p.case_number) && !DOCKET.test(p.case_number!.trim()))
    out.push(warn("case_number", "not a usual docket number (e.g. 3:17-cv-01916)"));
  const ids = new Set<string>();
  p.parties.forEach((party, i) => {
    if (blank(party.id)) out.push(err(`parties[${i}].id`, "the party has no handle"));
    else if (ids.has(party.id)) out.push(err(`parties[${i}].id`, `the handle “${party.id}” is used by another party`));
    else ids.add(party.id);
    if (!blank(party.id) && !/^[a-z0-9][a-z0-9_-]*$/i.test(party.id))
      out.push(warn(`parties[${i}].id`, "use letters, digits, - and _ only"));
    if (blank(party.name)) out.push(err(`parties[${i}].name`, "the party has no name"));
    if (party.kind === "government-official" && blank(party.capacity))
      out.push(warn(`parties[${i}].capacity`, "an official is named without the capacity in which they are sued"));
    if (party.protected && !blank(party.protected.true_name) && party.name.includes(party.protected.true_name!.trim()))
      out.push(err(`parties[${i}].name`, "the public name contains the protected true name"));
  });
  p.counsel.forEach((c, i) => {
    if (blank(c.name)) out.push(err(`counsel[${i}].name`, "counsel has no name"));
    if (!blank(c.email) && !EMAIL.test(c.email!.trim())) out.push(warn(`counsel[${i}].email`, "not an e-mail address"));
    c.represents.forEach((id, j) => {
      if (!p.parties.some((x) => x.id === id))
        out.push(err(`counsel[${i}].represents[${j}]`, `no party has the handle “${id}”`));
    });
  });
  for (const [name, date] of Object.entries(p.dates ?? {})) {
    if (!DATE.test(date) || Number.isNaN(Date.parse(date))) out.push(err(`dates.${name}`, "not a date"));
  }
  p.facts.forEach((f, i) => {
    if (blank(f.text)) out.push(warn(`facts[${i}].text`, "this fact is empty"));
  });
  p.claims.forEach((c, i) => {
    if (blank(c.title)) out.push(err(`claims[${i}].title`, "the claim has no title"));
    if (c.paragraphs.length === 0) out.push(err(`claims[${i}].paragraphs`, "the claim has no paragraphs"));
    c.paragraphs.forEach((para, j) => {
      if (blank(para)) out.push(warn(`claims[${i}].paragraphs[${j}]`, "this paragraph is empty"));
    });
    (c.against ?? []).forEach((id, j) => {
      if (!p.parties.some((x) => x.id === id))
        out.push(err(`claims[${i}].against[${j}]`, `no party has the handle “${id}”`));
    });
  });
  p.relief.forEach((r, i) => {
    if (blank(r)) out.push(warn(`relief[${i}]`, "this request is empty"));
  });
  return out;
}

function opt(s: string | null | undefined): string | undefined {
  return s === null || s === undefined || s.trim() === "" ? undefined : s;
}

/**
 * The profile as the core wants it: empty optional text becomes absent, empty address
 * lines go, dates that are not filled in are dropped. The editor keeps "" in its inputs.
 */
export function normalize(p: CaseProfile): CaseProfile {
  const q: CaseProfile = JSON.parse(JSON.stringify(p));
  q.case_number = opt(q.case_number);
  q.judge = opt(q.judge);
  for (const party of q.parties) {
    party.capacity = opt(party.capacity);
    party.short_name = opt(party.short_name);
    party.description = opt(party.description);
    if (party.address) party.address = party.address.filter((l) => l.trim() !== "");
    if (party.protected) {
      const pr = party.protected;
      pr.true_name = opt(pr.true_name);
      pr.email = opt(pr.email);
      pr.phone = opt(pr.phone);
      if (pr.address) pr.address = pr.address.filter((l) => l.trim() !== "");
      if (pr.account_ids) pr.account_ids = pr.account_ids.filter((l) => l.trim() !== "");
    } else {
      delete party.protected;
    }
  }
  for (const c of q.counsel) {
    c.bar_number = opt(c.bar_number);
    c.firm = opt(c.firm);
    c.phone = opt(c.phone);
    c.email = opt(c.email);
    c.address = c.address.filter((l) => l.trim() !== "");
  }
  for (const f of q.facts) f.heading = opt(f.heading);
  if (q.dates) {
    for (const [k, v] of Object.entries(q.dates)) if (!v || !DATE.test(v) || k.trim() === "") delete q.dates[k];
  }
  // `undefined` fields vanish in JSON, which the core reads as absent.
  return JSON.parse(JSON.stringify(q));
}

/** A handle for a new party from its name: "U.S. Customs and Border Protection" → "us-customs-and-border". */
export function handleFor(name: string, taken: string[]): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9\s-]/g, "")
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 4)
      .join("-") || "party";
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}-${n}`;
  return id;
}
