import { describe, expect, it } from "vitest";
import { CommandError } from "./api";
import { passphraseAttempt } from "./passphrase";

describe("passphraseAttempt", () => {
  it("is empty when the command worked", async () => {
    let ran = false;
    expect(await passphraseAttempt(async () => void (ran = true), "wrong")).toBe("");
    expect(ran).toBe(true);
  });
  it("says a wrong passphrase in the dialog's words, without the file", async () => {
    const fail = async () => {
      throw new CommandError("wrong-passphrase", "that is not the passphrase of the case store /data/drafter.sqlite");
    };
    expect(await passphraseAttempt(fail, "That is not the current passphrase.")).toBe("That is not the current passphrase.");
  });
  it("passes any other refusal on as the store said it", async () => {
    const fail = async () => {
      throw { code: "weak-passphrase", message: "a passphrase needs at least 8 characters" };
    };
    expect(await passphraseAttempt(fail, "wrong")).toBe("a passphrase needs at least 8 characters");
  });
});
