import { afterEach, beforeAll, describe, expect, it } from "vitest";

// The Tauri API looks for its internals on `window`; the tests run in Node.
beforeAll(() => {
  (globalThis as unknown as { window: unknown }).window = globalThis;
});

describe("api", () => {
  afterEach(async () => {
    const { clearMocks } = await import("@tauri-apps/api/mocks");
    clearMocks();
  });

  it("passes arguments in camelCase and returns the command's value", async () => {
    const { mockIPC } = await import("@tauri-apps/api/mocks");
    const seen: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      seen.push([cmd, args]);
      if (cmd === "list_cases") return [{ id: 1, title: "A" }];
      return null;
    });
    const { api } = await import("./api");
    const cases = await api.listCases("doe", true);
    expect(cases).toEqual([{ id: 1, title: "A" }]);
    expect(seen[0]).toEqual(["list_cases", { query: "doe", includeArchived: true }]);
  });

  it("turns a {code, message} rejection into a CommandError", async () => {
    const { mockIPC } = await import("@tauri-apps/api/mocks");
    mockIPC(() => {
      throw { code: "conflict", message: "case 1 was saved as revision 3" };
    });
    const { api, CommandError } = await import("./api");
    const err = await api.saveCase(1, {} as never, 2).catch((e) => e);
    expect(err).toBeInstanceOf(CommandError);
    expect(err.code).toBe("conflict");
    expect(err.message).toMatch(/revision 3/);
  });

  it("wraps anything else as an internal error", async () => {
    const { asCommandError } = await import("./api");
    expect(asCommandError("text").code).toBe("internal");
    expect(asCommandError(new Error("x")).message).toBe("x");
  });
});
