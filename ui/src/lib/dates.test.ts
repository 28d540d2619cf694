import { describe, expect, it } from "vitest";
import { parseDate } from "./dates";

describe("parseDate", () => {
  it("reads the ways people type a date", () => {
    for (const typed of ["11202026", "11/20/2026", "11-20-2026", "11/20/26", "Nov 20 2026", "November 20, 2026", "20 Nov 2026", "2026-11-20", "20261120", " nov. 20th, 2026 "]) {
      expect(parseDate(typed), typed).toBe("2026-11-20");
    }
    expect(parseDate("2/29/2024")).toBe("2024-02-29");
  });
  it("refuses what is not a date", () => {
    for (const typed of ["", "2/30/2024", "13/01/2026", "hello", "Nox 20 2026", "1120", "2/29/2023"]) {
      expect(parseDate(typed), typed).toBeNull();
    }
  });
});
