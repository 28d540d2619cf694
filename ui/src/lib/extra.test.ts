import { describe, expect, it } from "vitest";
import { getAt, isEmptyAnswer, setAt } from "./extra";
import { fieldId, idCandidates } from "./fieldpath";

describe("answers under extra at a dotted path", () => {
  it("reads nested values and nothing through a non-object", () => {
    const extra = { summons: { issued_by: "cbp", number: "OPR-1" }, jury_demand: true, intro: ["a"] };
    expect(getAt(extra, "summons.issued_by")).toBe("cbp");
    expect(getAt(extra, "jury_demand")).toBe(true);
    expect(getAt(extra, "intro")).toEqual(["a"]);
    expect(getAt(extra, "summons.date")).toBeUndefined();
    expect(getAt(extra, "summons.number.x")).toBeUndefined();
    expect(getAt(extra, "letter.reply_by")).toBeUndefined();
    expect(getAt(undefined, "a")).toBeUndefined();
  });

  it("creates the objects on the way when writing", () => {
    const extra: Record<string, unknown> = {};
    setAt(extra, "letter.reply_by", "2017-04-20");
    expect(extra).toEqual({ letter: { reply_by: "2017-04-20" } });
    setAt(extra, "letter.delivery", "By Hand");
    expect(extra).toEqual({ letter: { reply_by: "2017-04-20", delivery: "By Hand" } });
    // A value that is not an object in the way is replaced by one.
    const odd: Record<string, unknown> = { summons: "text" };
    setAt(odd, "summons.number", "1");
    expect(odd).toEqual({ summons: { number: "1" } });
  });

  it("removes an emptied answer and the objects it leaves empty", () => {
    const extra: Record<string, unknown> = {
      summons: { issued_by: "cbp" },
      letter: { delivery: "By Hand", reply_by: "2017-04-20" },
      keep: 1,
    };
    setAt(extra, "summons.issued_by", "");
    expect(extra).toEqual({ letter: { delivery: "By Hand", reply_by: "2017-04-20" }, keep: 1 });
    setAt(extra, "letter.delivery", "   ");
    expect(extra).toEqual({ letter: { reply_by: "2017-04-20" }, keep: 1 });
    setAt(extra, "letter.reply_by", undefined);
    expect(extra).toEqual({ keep: 1 });
    setAt(extra, "jury_demand", true);
    setAt(extra, "jury_demand", false);
    setAt(extra, "intro", []);
    expect(extra).toEqual({ keep: 1 });
    // Removing what is not there changes nothing.
    setAt(extra, "a.b.c", "");
    expect(extra).toEqual({ keep: 1 });
  });

  it("says which answers are empty", () => {
    for (const v of [undefined, null, false, "", "  ", [], {}]) expect(isEmptyAnswer(v)).toBe(true);
    for (const v of [true, "x", ["x"], [""], { a: 1 }, 0]) expect(isEmptyAnswer(v)).toBe(false);
  });

  it("links a finding on extra.<key> to the question's input", () => {
    expect(fieldId("extra.summons.issued_by")).toBe("f-extra-summons-issued_by");
    expect(idCandidates("extra.summons.issued_by")[0]).toBe("f-extra-summons-issued_by");
  });
});
