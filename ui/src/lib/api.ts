// Typed wrappers over the app's Tauri commands (src-tauri/src/lib.rs). Every command
// fails with {code, message}; `CommandError` carries both.
import { invoke, Channel } from "@tauri-apps/api/core";
import type {
  AppInfo,
  CaseProfile,
  ChangeLine,
  CaseSummary,
  Draft,
  DraftArgs,
  ExhibitInfo,
  ExportReport,
  Imported,
  KnownCounsel,
  KnownCourt,
  PartyEdit,
  Progress,
  Revision,
  RevisionInfo,
  TemplateEntry,
  StoreStatus,
  Unlocked,
} from "./types";

export class CommandError extends Error {
  constructor(
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Turns whatever a command threw into a CommandError. */
export function asCommandError(e: unknown): CommandError {
  if (e instanceof CommandError) return e;
  if (e && typeof e === "object" && "code" in e && "message" in e) {
    const o = e as { code: unknown; message: unknown };
    return new CommandError(String(o.code), String(o.message));
  }
  return new CommandError("internal", e instanceof Error ? e.message : String(e));
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asCommandError(e);
  }
}

export const api = {
  appInfo: () => call<AppInfo>("app_info"),
  font: (index: number) => call<ArrayBuffer>("font", { index }),
  firstScreen: () => call<number>("first_screen"),
  setUnsaved: (unsaved: boolean) => call<void>("set_unsaved", { unsaved }),
  listCases: (query: string, includeArchived: boolean) =>
    call<CaseSummary[]>("list_cases", { query, includeArchived }),
  openCase: (id: number, rev?: number | null) => call<Revision>("open_case", { id, rev: rev ?? null }),
  createCase: (title: string) => call<Revision>("create_case", { title }),
  /** `session`: the revision this editing session saved last (amended while it is the latest). */
  saveCase: (id: number, profile: CaseProfile, base: number, session: number | null = null) =>
    call<number>("save_case", { id, profile, base, session }),
  duplicateCase: (id: number) => call<number>("duplicate_case", { id }),
  renameCase: (id: number, title: string) => call<void>("rename_case", { id, title }),
  setArchived: (id: number, archived: boolean) => call<void>("set_archived", { id, archived }),
  importCases: () => call<Imported[] | null>("import_cases"),
  importDropped: () => call<Imported[]>("import_dropped"),
  history: (id: number) => call<RevisionInfo[]>("history", { id }),
  restoreRevision: (id: number, rev: number) => call<number>("restore_revision", { id, rev }),
  revisionDiff: (id: number, rev: number) => call<ChangeLine[]>("revision_diff", { id, rev }),
  knownCounsel: () => call<KnownCounsel[]>("known_counsel"),
  knownCourts: () => call<KnownCourt[]>("known_courts"),
  storeStatus: () => call<StoreStatus>("store_status"),
  unlock: (passphrase: string, remember: boolean) => call<Unlocked>("unlock", { passphrase, remember }),
  changePassphrase: (current: string, next: string) =>
    call<StoreStatus>("change_passphrase", { current, new: next }),
  listTemplates: () => call<TemplateEntry[]>("list_templates"),
  customizeTemplate: (from: string, name: string) =>
    call<string>("customize_template", { from, name }),
  /** `have`: the keys of the pages shown; those come back as "" (unchanged). */
  draft: (profile: CaseProfile, args: DraftArgs, have: string[] = []) =>
    call<Draft>("draft", { profile, args, have }),
  /** `caseId`: the stored case exported from (the store remembers its documents). */
  exportFiling: (profile: CaseProfile, args: DraftArgs, confirmPrivacy: boolean, caseId: number | null) =>
    call<ExportReport | null>("export_filing", { profile, args, confirmPrivacy, caseId }),
  /** The filings named in `templates`, in that order; one not ready refuses them all. */
  exportPacket: (
    profile: CaseProfile,
    args: DraftArgs,
    templates: string[],
    confirmPrivacy: boolean,
    caseId: number | null,
    onProgress: (p: Progress) => void,
  ) => {
    const progress = new Channel<Progress>();
    progress.onmessage = onProgress;
    return call<ExportReport | null>("export_packet", { profile, args, templates, confirmPrivacy, caseId, progress });
  },
  openExported: (path: string) => call<void>("open_exported", { path }),
  revealExported: (path: string) => call<void>("reveal_exported", { path }),
  renameParty: (profile: CaseProfile, index: number, id: string) =>
    call<PartyEdit>("rename_party", { profile, index, id }),
  removeParty: (profile: CaseProfile, index: number) => call<PartyEdit>("remove_party", { profile, index }),
  inspectExhibit: (title: string, file: string, label: string) =>
    call<ExhibitInfo>("inspect_exhibit", { title, file, label }),
  pickExhibit: () => call<string | null>("pick_exhibit"),
};
