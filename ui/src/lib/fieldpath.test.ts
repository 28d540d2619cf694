import { describe, expect, it } from "vitest";
import { concerns, fieldId, fieldLabel, idCandidates, inWords, withTitles } from "./fieldpath";

describe("field paths", () => {
  it("turn into element ids", () => {
    expect(fieldId("parties[1].name")).toBe("f-parties-1-name");
    expect(fieldId("court.name")).toBe("f-court-name");
    expect(fieldId("claims[0].paragraphs[2]")).toBe("f-claims-0-paragraphs-2");
    expect(fieldId("case_number")).toBe("f-case_number");
  });

  it("fall back to the enclosing item and section", () => {
    expect(idCandidates("parties[3].protected.true_name")).toEqual([
      "f-parties-3-protected-true_name",
      "f-parties-3-protected",
      "f-parties-3",
      "f-parties",
    ]);
    expect(idCandidates("facts")).toEqual(["f-facts"]);
    expect(idCandidates("filing_counsel")).toEqual(["f-counsel"]);
    expect(idCandidates("defendants")).toEqual(["f-parties"]);
    // An exhibit's finding names it by its label; the jump goes to the exhibits panel.
    expect(idCandidates("exhibits: Exhibit B")).toEqual(["f-exhibits"]);
    expect(idCandidates("exhibits")).toEqual(["f-exhibits"]);
  });

  it("match a finding to a field and what is inside it", () => {
    expect(concerns("parties[1].name", "parties[1]")).toBe(true);
    expect(concerns("parties[10].name", "parties[1]")).toBe(false);
    expect(concerns("facts", "facts")).toBe(true);
  });

  it("read as words", () => {
    expect(fieldLabel("parties[1].name")).toBe("Party 2 › name");
    expect(fieldLabel("claims[0].paragraphs")).toBe("Claim 1 › paragraph");
    expect(fieldLabel("page 2, line 14")).toBe("page 2, line 14");
    expect(fieldLabel("case_number")).toBe("Case number");
    expect(fieldLabel("facts")).toBe("Facts");
    expect(fieldLabel("filing_counsel")).toBe("Counsel for the filing party");
    expect(fieldLabel("extra.summons.issued_by")).toBe("Questions › summons › issued by");
  });
});

describe("inWords", () => {
  it("puts field paths in a message in words and leaves plain words alone", () => {
    expect(inWords("parties[2].name: the party has no name")).toBe("Party 3 › name: the party has no name");
    expect(inWords("the protected true name of Doe (parties[3].protected.true_name) appears on page 2")).toBe(
      "the protected true name of Doe (Party 4 › protected › true name) appears on page 2",
    );
    expect(inWords("the facts and the relief")).toBe("the facts and the relief");
    expect(inWords("`docket.service[0].party` is not a party")).toBe("Docket › Service 1 › party is not a party");
  });
});

describe("an export's refusal in words", () => {
  const refusal =
    "representation-letter: the case profile is not ready: filer: Notice of Representation needs this; filing_counsel: Notice of Representation needs this; extra.summons.issued_by: The letter needs: Agency";
  it("names fields made from others by their labels, where a finding names its field", () => {
    expect(inWords(refusal)).toBe(
      "representation-letter: the case profile is not ready: Filing party: Notice of Representation needs this; Counsel for the filing party: Notice of Representation needs this; Questions › summons › issued by: The letter needs: Agency",
    );
    // Not inside words or prose.
    expect(inWords("the filer must sign; defendants were served")).toBe("the filer must sign; defendants were served");
    expect(inWords("refiler: x")).toBe("refiler: x");
  });
  it("names templates by their titles", () => {
    const templates = [
      { name: "representation-letter", title: "Notice of Representation" },
      { name: "complaint", title: "Complaint for $1 (a.k.a.) Relief" },
      { name: "letter", title: "Letter" },
    ];
    expect(withTitles(inWords(refusal), templates)).toMatch(/^Notice of Representation: the case profile is not ready: Filing party:/);
    expect(withTitles("complaint: refused; letter: refused", templates)).toBe("Complaint for $1 (a.k.a.) Relief: refused; Letter: refused");
    // A name inside another id or a word is left alone.
    expect(withTitles("my-letter: x; letters: y", templates)).toBe("my-letter: x; letters: y");
  });
});
