import { describe, expect, it } from "vitest";
import { handleFor } from "./handle";

describe("handleFor", () => {
  it("makes a unique handle from a name", () => {
    expect(handleFor("U.S. Customs and Border Protection", [])).toBe("us-customs-and-border");
    expect(handleFor("Defendant", ["defendant"])).toBe("defendant-2");
    expect(handleFor("", [])).toBe("party");
  });
});
