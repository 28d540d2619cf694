import { describe, expect, it } from "vitest";
import { CHOSEN_KEY, RememberedDocuments } from "./remembered";

function memoryStorage(initial: Record<string, string> = {}) {
  const m = new Map(Object.entries(initial));
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v), m };
}

describe("the document remembered for each case", () => {
  it("is kept per data folder: a store elsewhere with the same case id does not inherit it", () => {
    const s = memoryStorage();
    const r = new RememberedDocuments(s);
    r.set("/tmp/a/data", 2, "representation-letter");
    expect(r.get("/tmp/a/data", 2)).toBe("representation-letter");
    expect(r.get("/tmp/b/data", 2)).toBeUndefined();
    expect(r.get("/tmp/a/data", 3)).toBeUndefined();
  });

  it("is forgotten for a new case that takes a removed case's id", () => {
    const r = new RememberedDocuments(memoryStorage());
    r.set("/d", 4, "voluntary-dismissal");
    r.forget("/d", 4);
    expect(r.get("/d", 4)).toBeUndefined();
    r.forget("/d", 5);
  });

  it("ignores the old entries keyed by the case id alone, and unreadable storage", () => {
    expect(new RememberedDocuments(memoryStorage({ [CHOSEN_KEY]: '{"2":"representation-letter"}' })).get("/d", 2)).toBeUndefined();
    expect(new RememberedDocuments(memoryStorage({ [CHOSEN_KEY]: "not json" })).get("/d", 2)).toBeUndefined();
    expect(new RememberedDocuments(memoryStorage({ [CHOSEN_KEY]: "[1]" })).get("/d", 2)).toBeUndefined();
    const s = memoryStorage({ [CHOSEN_KEY]: "not json" });
    new RememberedDocuments(s).set("/d", 1, "complaint");
    expect(JSON.parse(s.m.get(CHOSEN_KEY)!)).toEqual({ "/d#1": "complaint" });
  });
});
