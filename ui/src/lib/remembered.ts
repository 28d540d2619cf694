// The document last chosen for each case, remembered in the page's storage. A case id is
// only unique within one store: the choice is kept per data folder and case id, so a
// store elsewhere (or a new one where an old one was) does not inherit another's choices,
// and a new case forgets whatever a removed case with its id had chosen.

type Store = Pick<Storage, "getItem" | "setItem">;

export const CHOSEN_KEY = "drafter.chosenTemplate";

export class RememberedDocuments {
  constructor(
    private readonly storage: Store,
    private readonly key = CHOSEN_KEY,
  ) {}

  private all(): Record<string, string> {
    try {
      const v: unknown = JSON.parse(this.storage.getItem(this.key) ?? "{}");
      return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, string>) : {};
    } catch {
      return {};
    }
  }

  private write(all: Record<string, string>): void {
    try {
      this.storage.setItem(this.key, JSON.stringify(all));
    } catch {
      /* storage full or unavailable: the choice is simply not remembered */
    }
  }

  private static slot(dataDir: string, id: number): string {
    return `${dataDir}#${id}`;
  }

  /** The document chosen for a case, if one was. */
  get(dataDir: string, id: number): string | undefined {
    const v = this.all()[RememberedDocuments.slot(dataDir, id)];
    return typeof v === "string" ? v : undefined;
  }

  set(dataDir: string, id: number, template: string): void {
    const all = this.all();
    const slot = RememberedDocuments.slot(dataDir, id);
    if (all[slot] === template) return;
    all[slot] = template;
    this.write(all);
  }

  /** Forgets a case's choice (a new case starts with the default document). */
  forget(dataDir: string, id: number): void {
    const all = this.all();
    const slot = RememberedDocuments.slot(dataDir, id);
    if (!(slot in all)) return;
    delete all[slot];
    this.write(all);
  }
}
