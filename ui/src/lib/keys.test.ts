import { describe, expect, it } from "vitest";
import { shortcut } from "./keys";

const k = (key: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }> = {}) => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe("shortcuts", () => {
  it("map Ctrl+N/S/E/F/Z/Y", () => {
    expect(shortcut(k("n", { ctrlKey: true }))).toBe("new");
    expect(shortcut(k("s", { ctrlKey: true }))).toBe("save");
    expect(shortcut(k("e", { ctrlKey: true }))).toBe("export");
    expect(shortcut(k("f", { ctrlKey: true }))).toBe("search");
    expect(shortcut(k("z", { ctrlKey: true }))).toBe("undo");
    expect(shortcut(k("y", { ctrlKey: true }))).toBe("redo");
    expect(shortcut(k("Z", { ctrlKey: true, shiftKey: true }))).toBe("redo");
  });

  it("ignore plain keys and Alt combinations", () => {
    expect(shortcut(k("s"))).toBeNull();
    expect(shortcut(k("s", { ctrlKey: true, altKey: true }))).toBeNull();
    expect(shortcut(k("q", { ctrlKey: true }))).toBeNull();
  });
});
