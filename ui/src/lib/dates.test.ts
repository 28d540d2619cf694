import { describe, expect, it } from "vitest";
import { parseDate, withWeekday } from "./dates";

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

describe("withWeekday", () => {
  it("names the day of the week, from a calendar", () => {
    expect(withWeekday("2026-04-01")).toBe("Wed 2026-04-01");
    expect(withWeekday("2026-05-11")).toBe("Mon 2026-05-11");
    expect(withWeekday("2024-02-29")).toBe("Thu 2024-02-29"); // a leap day
    expect(withWeekday("2000-01-01")).toBe("Sat 2000-01-01");
    expect(withWeekday("2017-04-07")).toBe("Fri 2017-04-07");
  });
  it("leaves anything that is not an ISO date as it is", () => {
    expect(withWeekday("")).toBe("");
    expect(withWeekday("soon")).toBe("soon");
  });
});
