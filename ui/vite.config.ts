/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The app is served from the Tauri binary (no dev server in CI). Everything is emitted as
// files: no inline scripts or styles, so the CSP needs no 'unsafe-*'.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  build: {
    target: "safari15",
    outDir: "dist",
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
  },
  test: {
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
