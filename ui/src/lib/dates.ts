// Forgiving date entry: what a person types ("11202026", "11/20/2026", "Nov 20 2026",
// "2026-11-20") to the ISO date the case holds, or null when it is not a date.

const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

function iso(y: number, m: number, d: number): string | null {
  if (y < 100) y += 2000;
  if (y < 1800 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

function month(word: string): number {
  const w = word.toLowerCase().replace(/\.$/, "");
  if (w.length < 3) return 0;
  const i = MONTHS.findIndex((m) => w.startsWith(m) || (w === "sept" && m === "sep"));
  return i + 1;
}

/** The ISO date (`YYYY-MM-DD`) a person meant, or null. Numeric dates are month first (U.S.). */
export function parseDate(input: string): string | null {
  const s = input.trim().replace(/\s+/g, " ");
  if (!s) return null;
  let m: RegExpMatchArray | null;
  if ((m = s.match(/^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/))) return iso(+m[1], +m[2], +m[3]);
  if ((m = s.match(/^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4}|\d{2})$/))) return iso(+m[3], +m[1], +m[2]);
  if ((m = s.match(/^(\d{8})$/))) {
    const d = m[1];
    // 20261120 (year first) when that reads as a date; otherwise 11202026 (month first).
    const yearFirst = /^(19|20)/.test(d) ? iso(+d.slice(0, 4), +d.slice(4, 6), +d.slice(6, 8)) : null;
    return yearFirst ?? iso(+d.slice(4, 8), +d.slice(0, 2), +d.slice(2, 4));
  }
  if ((m = s.match(/^(\d{6})$/))) return iso(+m[1].slice(4, 6), +m[1].slice(0, 2), +m[1].slice(2, 4));
  if ((m = s.match(/^([A-Za-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})$/))) {
    const mo = month(m[1]);
    return mo ? iso(+m[3], mo, +m[2]) : null;
  }
  if ((m = s.match(/^(\d{1,2}) ([A-Za-z]+\.?),? (\d{4})$/))) {
    const mo = month(m[2]);
    return mo ? iso(+m[3], mo, +m[1]) : null;
  }
  return null;
}

const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

/** An ISO date with its day of the week, as the command line writes it: "Wed 2026-04-01". */
export function withWeekday(isoDate: string): string {
  const m = isoDate.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (!m) return isoDate;
  const day = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])).getUTCDay();
  return `${WEEKDAYS[day]} ${isoDate}`;
}
