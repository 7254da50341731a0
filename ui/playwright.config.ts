import { defineConfig } from "@playwright/test";
import { resolve } from "node:path";

// Debian's Chromium, never a downloaded browser (scripts/test installs it with apt when missing).
const CHROMIUM = process.env.CMS_CHROMIUM ?? "/usr/bin/chromium";
export const PORT = Number(process.env.CMS_E2E_PORT ?? 8765);
export const SERVER_DIR = resolve(".e2e/server");

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  timeout: 60_000,
  use: {
    baseURL: `http://127.0.0.1:${PORT}`,
    launchOptions: {
      executablePath: CHROMIUM,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "retain-on-failure",
  },
  webServer: {
    command: `bash tests/e2e/serve.sh ${SERVER_DIR} ${PORT}`,
    url: `http://127.0.0.1:${PORT}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore",
    stderr: "pipe",
  },
});
