// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { drawPage } from "./page";

// A page as the core draws it (src/preview/mod.rs): the sheet, then one group holding
// every line (justified lines are a group of words).
function page(lines: string[], size = "612 792"): string {
  const [w, h] = size.split(" ");
  const body = lines
    .map((l, i) =>
      l.includes(" ") && i % 2
        ? `<g font-family="Liberation Serif" font-size="12">${l
            .split(" ")
            .map((w, j) => `<text x="${108 + j * 40}" y="${100 + i * 24}">${w}</text>`)
            .join(" ")}</g>`
        : `<text x="108" y="${100 + i * 24}" font-family="Liberation Serif" font-size="12">${l}</text>`,
    )
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" width="${w}pt" height="${h}pt"><rect width="${w}" height="${h}" fill="#fff"/><g>${body}</g></svg>`;
}

function drawnFresh(svg: string): Element {
  const host = document.createElement("figure");
  host.innerHTML = svg;
  return host;
}

const lines = Array.from({ length: 28 }, (_, i) => `Line ${i + 1} of the complaint & its words`);

describe("drawing a preview page", () => {
  it("draws a page into an empty host, and clears it for none", () => {
    const host = document.createElement("figure");
    drawPage(host, page(lines));
    expect(host.isEqualNode(drawnFresh(page(lines)))).toBe(true);
    drawPage(host, "");
    expect(host.childNodes.length).toBe(0);
  });

  it("replaces only the changed line, keeping the others as they are", () => {
    const host = drawnFresh(page(lines));
    const before = Array.from(host.querySelectorAll("svg > g > *"));
    const next = [...lines];
    next[10] = "Line 11 of the complaint, now with a word more";
    drawPage(host, page(next));
    expect(host.isEqualNode(drawnFresh(page(next)))).toBe(true);
    const after = Array.from(host.querySelectorAll("svg > g > *"));
    expect(after.filter((e, i) => e !== before[i]).length).toBe(1);
    expect(host.querySelector("svg")).toBe(before[0].closest("svg"));
  });

  it("matches a fresh drawing after any run of edits (lines added, removed, changed, moved)", () => {
    let seed = 7;
    const rand = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    let current = [...lines];
    const host = drawnFresh(page(current));
    for (let round = 0; round < 60; round++) {
      const next = [...current];
      const at = rand(next.length + 1);
      switch (rand(4)) {
        case 0:
          next.splice(at, 0, `New line ${round} <b>&amp; “quoted”</b>`.replace(/<\/?b>/g, ""));
          break;
        case 1:
          if (next.length > 1) next.splice(Math.min(at, next.length - 1), 1);
          break;
        case 2:
          next[Math.min(at, next.length - 1)] += ` edit ${round}`;
          break;
        default:
          next.reverse();
      }
      drawPage(host, page(next));
      expect(host.isEqualNode(drawnFresh(page(next))), `round ${round}`).toBe(true);
      current = next;
    }
  });

  it("draws anew when the page size or the sheet changes, or the page is not one the core drew", () => {
    const host = drawnFresh(page(lines));
    const svg = host.querySelector("svg");
    drawPage(host, page(lines, "612 1008"));
    expect(host.querySelector("svg")).not.toBe(svg);
    expect(host.isEqualNode(drawnFresh(page(lines, "612 1008")))).toBe(true);
    const other = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 612 792"><text x="1" y="2">loose</text></svg>`;
    drawPage(host, other);
    expect(host.isEqualNode(drawnFresh(other))).toBe(true);
    drawPage(host, page(lines));
    expect(host.isEqualNode(drawnFresh(page(lines)))).toBe(true);
  });
});
