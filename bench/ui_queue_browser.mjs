// Driven by bench/ui_queue.py: time a CDSP agent's Unassigned queue rendering and updating.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(`${process.cwd()}/package.json`);
const { chromium } = require("playwright-core");
const workdir = process.argv[2];
const plan = JSON.parse(readFileSync(`${workdir}/plan.json`, "utf8"));
const codeFor = (email, seen) => {
  const mine = readFileSync(`${workdir}/outbox.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((m) => m.to === email);
  return mine.length > seen ? /\b(\d{6})\b/.exec(mine[seen].body)[1] : null;
};
const countFor = (email) => readFileSync(`${workdir}/outbox.jsonl`, "utf8").trim().split("\n").map((l) => JSON.parse(l)).filter((m) => m.to === email).length;

const browser = await chromium.launch({
  executablePath: process.env.CMS_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage();
const email = "agent@cdsp.example";
const seen = countFor(email);
await page.goto(`${plan.base}/sign-in`);
await page.getByLabel("Email address").fill(email);
await page.getByLabel("Password").fill("demo-Meter-Point-2026");
await page.getByRole("button", { name: "Sign in" }).click();
await page.getByRole("heading", { level: 1, name: "Enter your security code" }).waitFor();
let code = null;
for (let i = 0; i < 100 && !code; i++) { code = codeFor(email, seen); if (!code) await page.waitForTimeout(100); }
await page.getByLabel("Security code").fill(code);
await page.getByRole("button", { name: "Continue" }).click();
await page.getByRole("button", { name: "Sign out" }).waitFor();

const render = [];
const update = [];
for (let round = 0; round < plan.rounds; round++) {
  await page.goto(`${plan.base}/`);
  await page.getByRole("heading", { level: 1 }).waitFor();
  const started = Date.now();
  await page.getByRole("link", { name: "Work queues" }).click();
  await page.getByRole("link", { name: /^Unassigned/ }).click();
  await page.locator("table tbody tr").first().waitFor();
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => resolve(null))));
  render.push(Date.now() - started);

  const crn = (await page.locator("table tbody tr").first().getByRole("link").textContent()).trim();
  const row = page.getByRole("link", { name: crn, exact: true });
  const picked = Date.now();
  const response = await fetch(`${plan.base}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${plan.token}` },
    body: JSON.stringify({ query: "mutation ($c: String!) { pickUpContact(crn: $c) { __typename } }", variables: { c: crn } }),
  });
  await response.json();
  await row.waitFor({ state: "detached", timeout: 10_000 });
  update.push(Date.now() - picked);
}
await browser.close();
process.stdout.write(JSON.stringify({ render, update }));
