// Keyboard shortcuts: Ctrl+N new case, Ctrl+S save now, Ctrl+E export, Ctrl+F search,
// Ctrl+Z undo, Ctrl+Y or Ctrl+Shift+Z redo.

export type Action = "new" | "save" | "export" | "search" | "undo" | "redo";

export interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

export function shortcut(e: KeyLike): Action | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  switch (e.key.toLowerCase()) {
    case "n":
      return e.shiftKey ? null : "new";
    case "s":
      return "save";
    case "e":
      return "export";
    case "f":
      return "search";
    case "z":
      return e.shiftKey ? "redo" : "undo";
    case "y":
      return "redo";
    default:
      return null;
  }
}
