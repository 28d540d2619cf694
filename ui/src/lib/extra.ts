// A template's questions keep their answers under `profile.extra` at a dotted path
// (`summons.issued_by` → extra.summons.issued_by). Reading follows the path; writing
// creates the objects on the way, and an empty answer removes the key (and any object it
// leaves empty), because in a case profile empty means absent.

type Tree = Record<string, unknown>;

function isTree(v: unknown): v is Tree {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value at a dotted path under `extra`, or undefined. */
export function getAt(extra: Tree | undefined | null, key: string): unknown {
  let v: unknown = extra ?? undefined;
  for (const seg of key.split(".")) {
    if (!isTree(v)) return undefined;
    v = v[seg];
  }
  return v;
}

/** Whether an answer is empty: nothing, blank text, an empty list, "no". */
export function isEmptyAnswer(v: unknown): boolean {
  return (
    v === undefined ||
    v === null ||
    v === false ||
    (typeof v === "string" && v.trim() === "") ||
    (Array.isArray(v) && v.length === 0) ||
    (isTree(v) && Object.keys(v).length === 0)
  );
}

/**
 * Sets the value at a dotted path under `extra`, creating the objects on the way (a
 * non-object in the way is replaced). An empty value removes the key, and then every
 * object on the path that is left empty.
 */
export function setAt(extra: Tree, key: string, value: unknown): void {
  const segs = key.split(".");
  const last = segs.pop()!;
  if (isEmptyAnswer(value)) {
    // Walk down as far as the path exists, then prune back up.
    const trail: Tree[] = [extra];
    for (const seg of segs) {
      const next = trail[trail.length - 1][seg];
      if (!isTree(next)) return;
      trail.push(next);
    }
    delete trail[trail.length - 1][last];
    for (let i = segs.length - 1; i >= 0; i--) {
      if (Object.keys(trail[i + 1]).length > 0) break;
      delete trail[i][segs[i]];
    }
    return;
  }
  let node = extra;
  for (const seg of segs) {
    const next = node[seg];
    if (!isTree(next)) node[seg] = {};
    node = node[seg] as Tree;
  }
  node[last] = value;
}
