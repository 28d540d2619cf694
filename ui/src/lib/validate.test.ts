import { describe, expect, it } from "vitest";
import { handleFor, normalize, validate } from "./validate";
import type { CaseProfile } from "./types";

function blank(): CaseProfile {
  return {
    schema: 1,
    title: "T",
    court: { name: "United States District Court", style: "federal" },
    parties: [],
    counsel: [],
    facts: [],
    claims: [],
    relief: [],
  };
}

describe("validate", () => {
  it("accepts an empty but well-formed case", () => {
    expect(validate(blank())).toEqual([]);
  });

  it("names the field of each problem", () => {
    const p = blank();
    p.court.name = " ";
    p.case_number = "seventeen";
    p.parties = [
      { id: "a", name: "", role: "plaintiff", kind: "person" },
      { id: "a", name: "B", role: "defendant", kind: "government-official" },
    ];
    p.counsel = [{ name: "X", address: [], represents: ["zz"], email: "nope" }];
    p.claims = [{ title: "", paragraphs: [] }];
    p.dates = { filed: "2017-13-45" };
    const fields = validate(p).map((f) => `${f.severity}:${f.field}`);
    expect(fields).toEqual(
      expect.arrayContaining([
        "error:court.name",
        "warning:case_number",
        "error:parties[0].name",
        "error:parties[1].id",
        "warning:parties[1].capacity",
        "error:counsel[0].represents[0]",
        "warning:counsel[0].email",
        "error:claims[0].title",
        "error:claims[0].paragraphs",
        "error:dates.filed",
      ]),
    );
  });

  it("accepts usual docket numbers", () => {
    for (const n of ["3:17-cv-01916", "1:20-cr-123", "17-cv-1916"]) {
      const p = blank();
      p.case_number = n;
      expect(validate(p)).toEqual([]);
    }
  });

  it("flags a public name that contains the protected true name", () => {
    const p = blank();
    p.parties = [{ id: "doe", name: "Jane Roe, the operator", role: "interested-party", kind: "person", protected: { true_name: "Jane Roe" } }];
    expect(validate(p).map((f) => f.field)).toContain("parties[0].name");
  });
});

describe("normalize", () => {
  it("drops empty optional text, blank lines and unfilled dates", () => {
    const p = blank();
    p.case_number = "";
    p.judge = "  ";
    p.parties = [{ id: "a", name: "A", role: "plaintiff", kind: "person", short_name: "", address: ["x", ""], protected: { true_name: "", account_ids: [""] } }];
    p.counsel = [{ name: "C", address: ["", "1 Main"], represents: [], email: "" }];
    p.facts = [{ text: "f", heading: "" }];
    p.dates = { filed: "2017-04-06", empty: "" };
    const q = normalize(p);
    expect("case_number" in q).toBe(false);
    expect("judge" in q).toBe(false);
    expect(q.parties[0]).toEqual({ id: "a", name: "A", role: "plaintiff", kind: "person", address: ["x"], protected: { account_ids: [] } });
    expect(q.counsel[0]).toEqual({ name: "C", address: ["1 Main"], represents: [] });
    expect(q.facts[0]).toEqual({ text: "f" });
    expect(q.dates).toEqual({ filed: "2017-04-06" });
    // The editor's copy is untouched.
    expect(p.case_number).toBe("");
  });
});

describe("handleFor", () => {
  it("makes a unique handle from a name", () => {
    expect(handleFor("U.S. Customs and Border Protection", [])).toBe("us-customs-and-border");
    expect(handleFor("Defendant", ["defendant"])).toBe("defendant-2");
    expect(handleFor("", [])).toBe("party");
  });
});
