// The case being edited: its profile (edited in place by the editor's inputs), the
// revision it is based on, undo/redo, autosave as store revisions with conflict handling.
import { api, asCommandError } from "./api";
import { UndoStack } from "./undo";
import { debounce } from "./latest";
import type { CaseProfile, Finding, Revision } from "./types";

export type SaveStatus = "saved" | "unsaved" | "saving" | "conflict" | "error";

export const AUTOSAVE_MS = 1500;

export class Session {
  caseId = $state<number | null>(null);
  title = $state("");
  profile = $state<CaseProfile | null>(null);
  baseRev = $state(0);
  status = $state<SaveStatus>("saved");
  message = $state<string | null>(null);
  /** Bumped on every edit; the preview and the checks follow it. */
  version = $state(0);
  canUndo = $state(false);
  canRedo = $state(false);
  /** The core's findings on the case, with the last preview (the page checks nothing itself). */
  remote = $state<Finding[]>([]);
  /** performance.now() of the oldest edit the preview does not show yet. */
  pendingSince: number | null = null;

  private undo = new UndoStack<string>("null");
  /** The revision this editing session saved (amended by later saves; see save_case). */
  private sessionRev: number | null = null;
  private changes = 0;
  private saving: Promise<void> | null = null;
  private autosave = debounce(() => void this.save(), AUTOSAVE_MS);

  /** Every finding for the editor: the core's, as its commands return them. */
  get findings(): Finding[] {
    return this.remote;
  }

  load(rev: Revision): void {
    this.autosave.cancel();
    this.caseId = rev.case.id;
    this.title = rev.case.title;
    this.profile = rev.profile;
    this.baseRev = rev.case.latest_rev;
    this.sessionRev = null;
    this.status = "saved";
    this.message = null;
    this.undo.reset(JSON.stringify(rev.profile));
    this.syncUndo();
    this.remote = [];
    this.pendingSince = performance.now();
    this.version++;
    void api.setUnsaved(false).catch(() => {});
  }

  close(): void {
    this.autosave.cancel();
    this.sessionRev = null;
    this.caseId = null;
    this.profile = null;
  }

  /** Call after any edit of `profile`. `key` names the field (coalesces typing into one undo step). */
  changed(key: string | null = null, at?: number): void {
    if (!this.profile) return;
    // The preview's clock starts at the keystroke itself (the event's time stamp).
    if (this.pendingSince === null && at !== undefined) this.pendingSince = at;
    this.undo.push(JSON.stringify(this.profile), key);
    this.afterEdit();
  }

  private afterEdit(): void {
    this.syncUndo();
    this.changes++;
    if (this.pendingSince === null) this.pendingSince = performance.now();
    this.version++;
    if (this.status !== "conflict") {
      if (this.status !== "unsaved") void api.setUnsaved(true).catch(() => {});
      this.status = "unsaved";
      this.autosave();
    }
  }

  /** Takes the case as one of the core's edits answered it (renaming or removing a party). */
  replace(profile: CaseProfile): void {
    if (!this.profile) return;
    this.profile = profile;
    this.changed();
  }

  doUndo(): void {
    const s = this.undo.undo();
    if (s === null) return;
    this.profile = JSON.parse(s);
    this.afterEdit();
  }

  doRedo(): void {
    const s = this.undo.redo();
    if (s === null) return;
    this.profile = JSON.parse(s);
    this.afterEdit();
  }

  private syncUndo(): void {
    this.canUndo = this.undo.canUndo;
    this.canRedo = this.undo.canRedo;
  }

  /** Saves now as a new revision (Ctrl+S, autosave, before export). */
  async save(): Promise<void> {
    this.autosave.cancel();
    if (this.saving) {
      await this.saving;
      if (this.status === "unsaved") return this.save();
      return;
    }
    if (this.caseId === null || !this.profile || this.status === "saved" || this.status === "conflict") return;
    this.saving = this.doSave();
    try {
      await this.saving;
    } finally {
      this.saving = null;
    }
  }

  private async doSave(): Promise<void> {
    const id = this.caseId!;
    const before = this.changes;
    const profile = $state.snapshot(this.profile!) as CaseProfile;
    this.status = "saving";
    try {
      const rev = await api.saveCase(id, profile, this.baseRev, this.sessionRev);
      if (this.caseId !== id) return;
      this.baseRev = rev;
      this.sessionRev = rev;
      this.message = null;
      if (this.changes === before) {
        this.status = "saved";
        void api.setUnsaved(false).catch(() => {});
      } else {
        this.status = "unsaved";
        this.autosave();
      }
    } catch (e) {
      const err = asCommandError(e);
      this.status = err.code === "conflict" ? "conflict" : "error";
      this.message = err.message;
    }
  }

  /** After a conflict: keep this window's version, saved on top of the other one. */
  async keepMine(): Promise<void> {
    if (this.caseId === null) return;
    const latest = await api.openCase(this.caseId);
    this.baseRev = latest.case.latest_rev;
    this.status = "unsaved";
    this.message = null;
    await this.save();
  }

  /** After a conflict: drop this window's edits and load the saved version. */
  async loadTheirs(): Promise<void> {
    if (this.caseId === null) return;
    this.load(await api.openCase(this.caseId));
  }

  /** Reloads the case's latest revision (after a restore). */
  async reload(): Promise<void> {
    if (this.caseId === null) return;
    this.load(await api.openCase(this.caseId));
  }
}
