import { describe, expect, it } from "vitest";
import { UndoStack } from "./undo";

describe("UndoStack", () => {
  it("undoes and redoes whole steps", () => {
    const u = new UndoStack("a");
    u.push("b", "x", 0);
    u.push("c", "y", 10);
    expect(u.undo()).toBe("b");
    expect(u.undo()).toBe("a");
    expect(u.undo()).toBeNull();
    expect(u.redo()).toBe("b");
    expect(u.redo()).toBe("c");
    expect(u.redo()).toBeNull();
  });

  it("coalesces typing in one field into one step", () => {
    const u = new UndoStack("", { coalesceMs: 500 });
    u.push("H", "f", 0);
    u.push("He", "f", 100);
    u.push("Hel", "f", 200);
    expect(u.undo()).toBe("");
    expect(u.canUndo).toBe(false);
  });

  it("starts a new step after a pause or in another field", () => {
    const u = new UndoStack("", { coalesceMs: 500 });
    u.push("a", "f", 0);
    u.push("ab", "f", 1000);
    u.push("abc", "g", 1100);
    expect(u.undo()).toBe("ab");
    expect(u.undo()).toBe("a");
  });

  it("drops the redo branch on a new edit and bounds the history", () => {
    const u = new UndoStack(0, { limit: 3 });
    for (let i = 1; i <= 5; i++) u.push(i, null, i * 1000);
    u.undo();
    u.push(9, null, 99999);
    expect(u.canRedo).toBe(false);
    const seen = [];
    let s;
    while ((s = u.undo()) !== null) seen.push(s);
    expect(seen).toEqual([4, 3, 2]);
  });

  it("reset forgets everything", () => {
    const u = new UndoStack("a");
    u.push("b");
    u.reset("z");
    expect(u.canUndo).toBe(false);
    expect(u.current).toBe("z");
  });
});
