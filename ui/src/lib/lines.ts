// A list edited as a text area, one entry per line (addresses, parent corporations, the
// places a paper was served). Blank lines stay while typing; the core drops them.

/** The list as the text area shows it. */
export function lines(v: string[] | undefined | null): string {
  return (v ?? []).join("\n");
}

/** The list a text area's input event holds. */
export function setLines(e: Event): string[] {
  return (e.currentTarget as HTMLTextAreaElement).value.split("\n");
}
