// Drawing the preview's pages. A keystroke usually changes a line or a paragraph of one
// page; replacing that page's whole SVG made WebKit repaint all of it (~12 ms at 1024×700
// without a GPU, as long as a frame), so a drawn page is updated in place instead: only
// the elements that differ are replaced, and WebKit repaints only their area.
//
// The core draws every page as `<svg><rect/><g>…</g></svg>` (src/preview/mod.rs): the
// sheet, then one group with everything on it. Changes are made inside that group —
// removing a direct child of the `<svg>` repaints the whole page too.

/** Draws `svg` (one page from the core, or "" for none) into `host`. */
export function drawPage(host: Element, svg: string): void {
  if (!svg) {
    host.replaceChildren();
    return;
  }
  const drawn = content(host);
  const tpl = host.ownerDocument.createElement("template");
  tpl.innerHTML = svg;
  const fresh = content(tpl.content);
  if (!drawn || !fresh || !sameFrame(drawn, fresh)) {
    host.replaceChildren(tpl.content);
    return;
  }
  patchChildren(drawn.group, fresh.group);
}

type Frame = { svg: Element; group: Element };

/** The page's `<svg>` and its content group, when `parent` holds exactly one such page. */
function content(parent: ParentNode): Frame | null {
  if (parent.childNodes.length !== 1) return null;
  const svg = parent.firstElementChild;
  if (!svg || svg.localName !== "svg" || svg.children.length !== 2) return null;
  const group = svg.lastElementChild;
  if (!group || group.localName !== "g" || group.attributes.length !== 0) return null;
  return { svg, group };
}

/** Same page size and same sheet: only the group's content may differ. */
function sameFrame(a: Frame, b: Frame): boolean {
  if (a.svg.attributes.length !== b.svg.attributes.length) return false;
  for (const at of Array.from(a.svg.attributes)) {
    if (b.svg.getAttributeNS(at.namespaceURI, at.localName) !== at.value) return false;
  }
  const sheet = a.svg.firstElementChild;
  return !!sheet && sheet.isEqualNode(b.svg.firstElementChild);
}

/**
 * Makes `drawn`'s children equal to `fresh`'s, keeping the unchanged run at the start and
 * at the end and replacing what lies between (`fresh` is emptied of what is moved).
 * Returns how many children were replaced and inserted.
 */
export function patchChildren(drawn: Element, fresh: Element): { removed: number; inserted: number } {
  const a = drawn.childNodes;
  const b = fresh.childNodes;
  let start = 0;
  while (start < a.length && start < b.length && a[start].isEqualNode(b[start])) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1].isEqualNode(b[endB - 1])) {
    endA--;
    endB--;
  }
  const removed = endA - start;
  const inserted = endB - start;
  const before = a[endA] ?? null;
  for (let k = endA - 1; k >= start; k--) a[k].remove();
  if (inserted) {
    const moved = drawn.ownerDocument.createDocumentFragment();
    for (let k = 0; k < inserted; k++) moved.append(b[start]);
    drawn.insertBefore(moved, before);
  }
  return { removed, inserted };
}
