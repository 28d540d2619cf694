// Loads the very font files the PDF embeds (from the core, through the `font` command) into
// the page, so the SVG preview is drawn with the same faces and metrics as the PDF.
import { api } from "./api";

// Same order as drafter::typeset::fonts::Face::ALL.
const FACES: { family: string; weight: string; style: string }[] = [
  { family: "Liberation Serif", weight: "normal", style: "normal" },
  { family: "Liberation Serif", weight: "bold", style: "normal" },
  { family: "Liberation Serif", weight: "normal", style: "italic" },
  { family: "Liberation Serif", weight: "bold", style: "italic" },
  { family: "DejaVu Sans", weight: "normal", style: "normal" },
  { family: "Symbola", weight: "normal", style: "normal" },
];

export async function loadFonts(): Promise<number> {
  let loaded = 0;
  await Promise.all(
    FACES.map(async (f, i) => {
      const bytes = await api.font(i);
      const face = new FontFace(f.family, bytes, { weight: f.weight, style: f.style });
      await face.load();
      document.fonts.add(face);
      loaded++;
    }),
  );
  return loaded;
}
