// A handle (a party's id) for a party the person is adding: the core checks ids and keeps
// references to them consistent (the rename_party and remove_party commands); this only
// proposes a free one.

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
