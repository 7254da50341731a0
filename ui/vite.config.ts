/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The change pack's minimum browsers: Chrome 99 and Edge 100.
const BROWSERS = ["chrome99", "edge100"];
const API = process.env.CMS_API_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [react()],
  build: { target: BROWSERS, outDir: "dist", sourcemap: true, manifest: true, assetsInlineLimit: 0 },
  css: { preprocessorOptions: { scss: { quietDeps: true, silenceDeprecations: ["import", "global-builtin", "if-function"] } } },
  server: {
    host: "127.0.0.1",
    proxy: { "/graphql": { target: API, ws: true, changeOrigin: false } },
  },
  test: {
    environment: "jsdom",
    include: ["src/**/*.test.{ts,tsx}"],
    setupFiles: ["src/test-setup.ts"],
    css: false,
  },
});
