// The document chosen in the preview, for the editor's questions: the app provides it (a
// getter, so it follows the choice) and the questions section reads it.
import { getContext, setContext } from "svelte";
import type { TemplateEntry } from "./types";

const KEY = Symbol("chosen-template");

/** The chosen template, read when needed (undefined while none is chosen). */
export type Chosen = { readonly template: TemplateEntry | undefined };

/** Called once by the app's root component. */
export function provideChosenTemplate(get: () => TemplateEntry | undefined): void {
  setContext<Chosen>(KEY, {
    get template() {
      return get();
    },
  });
}

/** The chosen template, as the app provides it. */
export function chosenTemplate(): Chosen {
  return getContext<Chosen | undefined>(KEY) ?? { template: undefined };
}
