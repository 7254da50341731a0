import { defineConfig } from "@playwright/test";
import { resolve } from "node:path";

// Debian's Chromium, never a downloaded browser (scripts/test installs it with apt when missing).
const CHROMIUM = process.env.CMS_CHROMIUM ?? "/usr/bin/chromium";

// Another base port lets a second run go beside this one (each server's Redis is at port + 1000).
const BASE = Number(process.env.CMS_E2E_PORT ?? 8765);

/** The servers the journeys run against: each with its own database and outbox. */
export const SERVERS = {
  sqlite: { port: BASE, dir: resolve(`.e2e/${BASE}/sqlite`), mode: "sqlite", env: {} },
  // A short idle timeout, for the timeout warning.
  shortSession: { port: BASE + 2, dir: resolve(`.e2e/${BASE}/short-session`), mode: "sqlite", env: { CMS_SESSION_IDLE_TIMEOUT_S: "45" } },
  postgres: { port: BASE + 1, dir: resolve(`.e2e/${BASE}/postgres`), mode: "postgres", env: {} },
  // A new installation: no demo data, only the first CDSP administrator from `cms admin create`.
  newInstallation: { port: BASE + 3, dir: resolve(`.e2e/${BASE}/new-installation`), mode: "new-installation", env: {} },
} as const;
export type ServerName = keyof typeof SERVERS;

const launchOptions = {
  executablePath: CHROMIUM,
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
};

export default defineConfig({
  testDir: "tests/e2e",
  outputDir: "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  timeout: 90_000,
  use: { launchOptions, trace: "retain-on-failure" },
  projects: [
    { name: "sqlite", testIgnore: /\.(postgres|short-session|new-installation)\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${SERVERS.sqlite.port}` } },
    { name: "short-session", testMatch: /\.short-session\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${SERVERS.shortSession.port}` } },
    { name: "postgres", testMatch: /\.postgres\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${SERVERS.postgres.port}` } },
    { name: "new-installation", testMatch: /\.new-installation\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${SERVERS.newInstallation.port}` } },
  ],
  webServer: Object.values(SERVERS).map((server) => ({
    command: `bash tests/e2e/serve.sh ${server.dir} ${server.port} ${server.mode}`,
    url: `http://127.0.0.1:${server.port}/healthz`,
    env: { ...server.env },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "ignore" as const,
    stderr: "pipe" as const,
  })),
});
