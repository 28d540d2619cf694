// Field paths as the core names them (`parties[1].name`, `claims[0].paragraphs`) and the
// ids of the editor's inputs, so a finding can link to its field.

/** The element id of the input for a field path: `parties[1].name` → `f-parties-1-name`. */
export function fieldId(path: string): string {
  return (
    "f-" +
    path
      .replace(/\[(\d+)\]/g, "-$1")
      .replace(/\./g, "-")
      .replace(/[^A-Za-z0-9_-]/g, "_")
  );
}

/**
 * Ids to try for a field path, most specific first: the field, then each enclosing item
 * or section (`parties[1].protected.true_name` → the input, the party, the parties section).
 */
// Fields a template requires that are made from others: where to fix them.
const ALIASES: Record<string, string> = {
  filer: "parties",
  plaintiffs: "parties",
  defendants: "parties",
  interested_parties: "parties",
  filing_counsel: "counsel",
};

export function idCandidates(path: string): string[] {
  // "exhibits: Exhibit B" names a part of the filing by its label: go to the part.
  const named = path.match(/^([a-z_]+): /);
  if (named) path = named[1];
  const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
  if (parts.length === 1 && ALIASES[parts[0]]) parts[0] = ALIASES[parts[0]];
  const out: string[] = [];
  for (let n = parts.length; n > 0; n--) {
    const p = parts
      .slice(0, n)
      .map((s, i) => (s.startsWith("[") || i === 0 ? s : "." + s))
      .join("");
    out.push(fieldId(p));
  }
  return out;
}

/** Whether a finding's field is about this field path or something inside it. */
export function concerns(findingField: string, path: string): boolean {
  return (
    findingField === path ||
    findingField.startsWith(path + ".") ||
    findingField.startsWith(path + "[")
  );
}

/** A readable label for a field path: `parties[1].name` → "Party 2 › name". */
export function fieldLabel(path: string): string {
  if (path.startsWith("page ")) return path;
  // A template's question (its finding's message names it by its label).
  if (path.startsWith("extra.")) return "Questions › " + path.slice(6).split(".").map((s) => s.replace(/_/g, " ")).join(" › ");
  const whole: Record<string, string> = {
    parties: "Parties",
    counsel: "Counsel",
    facts: "Facts",
    claims: "Claims",
    relief: "Relief",
    filer: "Filing party",
    plaintiffs: "Plaintiffs",
    defendants: "Defendants",
    interested_parties: "Interested parties",
    filing_counsel: "Counsel for the filing party",
  };
  if (whole[path]) return whole[path];
  const words: Record<string, string> = {
    parties: "Party",
    counsel: "Counsel",
    facts: "Fact",
    claims: "Claim",
    relief: "Relief",
    paragraphs: "paragraph",
    represents: "represents",
    court: "Court",
    case_number: "Case number",
    judge: "Judge",
    dates: "Dates",
    docket: "Docket",
    service: "Service",
    responses: "Response",
    prior_dismissals: "Prior dismissal",
    dismissal_covers: "dismissal covers",
    us_attorney_served: "U.S. attorney served",
    answer_served: "answer served",
    protected: "protected",
    short_name: "short name",
    true_name: "true name",
    parents: "parent corporations",
    ten_percent_owners: "10% owners",
    interested: "interested person or entity",
    server: "served by",
    server_address: "server's address",
    recipient: "received by",
    place: "where served",
    attorney_general_served: "Attorney General sent a copy",
    us_attorney_by_mail: "U.S. attorney by mail",
  };
  return path
    .split(".")
    .map((seg) => {
      const m = seg.match(/^([a-z_]+)((?:\[\d+\])*)$/);
      if (!m) return seg;
      const name = words[m[1]] ?? m[1].replace(/_/g, " ");
      const idx = [...m[2].matchAll(/\[(\d+)\]/g)].map((x) => String(Number(x[1]) + 1));
      return idx.length ? `${name} ${idx.join(".")}` : name;
    })
    .join(" › ");
}

/**
 * A message with every field path in it put in words: "parties[2].name is empty" →
 * "Party 3 › name is empty"; "(parties[1].protected.true_name)" → "(Party 2 › protected › true name)".
 */
export function inWords(message: string): string {
  return message
    .replace(
      /`?\b((?:parties|counsel|facts|claims|relief|docket|dates|court|extra)(?:\[\d+\])*(?:\.[A-Za-z_]+(?:\[\d+\])*)*)`?/g,
      (whole, path: string) => (/[[.]/.test(path) ? fieldLabel(path) : whole),
    )
    // Fields made from others, named where a finding names its field ("filer: …").
    .replace(/(^|[\s;(])(filer|filing_counsel|plaintiffs|defendants|interested_parties)(?=:)/g, (_, before: string, path: string) => before + fieldLabel(path));
}

/**
 * A message from an export with the templates it names by their ids put by their titles:
 * "representation-letter: the case profile is not ready" → "Notice of Representation: …".
 */
export function withTitles(message: string, templates: { name: string; title: string }[]): string {
  let out = message;
  for (const t of templates) {
    if (!t.title || t.title === t.name) continue;
    const id = t.name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    out = out.replace(new RegExp(`(^|[\\s;(])${id}(?=:)`, "g"), (_, before: string) => before + t.title);
  }
  return out;
}
