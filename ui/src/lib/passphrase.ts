// The passphrase dialogs (unlock, change) run one command each and show what went wrong.
import { asCommandError } from "./api";

/**
 * Runs a passphrase command: "" when it worked, else the message to show. A wrong
 * passphrase is said in the dialog's own words (`wrong`); the store's message for it
 * names the database file, which tells a paralegal nothing here.
 */
export async function passphraseAttempt(run: () => Promise<void>, wrong: string): Promise<string> {
  try {
    await run();
    return "";
  } catch (e) {
    const err = asCommandError(e);
    return err.code === "wrong-passphrase" ? wrong : err.message;
  }
}
