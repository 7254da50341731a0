// Driven by bench/ui_typeahead.py: sign in, then type each address and time the suggestions.
// Prints a JSON list of milliseconds on stdout.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(`${process.cwd()}/package.json`);
const { chromium } = require("playwright-core");
const [base, workdir] = process.argv.slice(2);
const queries = JSON.parse(readFileSync(`${workdir}/queries.json`, "utf8"));
const code = (email) => {
  const lines = readFileSync(`${workdir}/outbox.jsonl`, "utf8").trim().split("\n").reverse();
  for (const line of lines) {
    const message = JSON.parse(line);
    if (message.to === email) return /\b(\d{6})\b/.exec(message.body)[1];
  }
  throw new Error(`no code for ${email}`);
};

const browser = await chromium.launch({
  executablePath: process.env.CMS_CHROMIUM ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"],
});
const page = await browser.newPage();
await page.goto(`${base}/raise`);
await page.getByLabel("Email address").fill("alice@alpha.example");
await page.getByLabel("Password").fill("demo-Meter-Point-2026");
await page.getByRole("button", { name: "Sign in" }).click();
const choose = page.getByRole("radio", { name: /^Email/ });
await page.getByRole("heading", { level: 1 }).filter({ hasText: /security code/ }).waitFor();
if (await choose.isVisible()) {
  await choose.check();
  await page.getByRole("button", { name: "Continue" }).click();
}
await page.getByRole("heading", { level: 1, name: "Enter your security code" }).waitFor();
await page.getByLabel("Security code").fill(code("alice@alpha.example"));
await page.getByRole("button", { name: "Continue" }).click();
const field = page.getByRole("combobox", { name: "Address or postcode" });
await field.waitFor();

const timings = [];
for (const query of queries) {
  await field.fill("");
  await page.waitForTimeout(150);
  await field.pressSequentially(query.slice(0, -1), { delay: 60 });
  // Arm the timer in the page, then press the last key.
  const done = page.evaluate((wanted) => new Promise((resolve) => {
    const input = document.querySelector("[role=combobox]");
    let start = 0;
    input.addEventListener("keydown", () => { start = performance.now(); }, { once: true });
    const listbox = () => document.getElementById(input.getAttribute("aria-controls"));
    const ready = () => listbox()?.dataset.query === wanted && input.getAttribute("aria-expanded") === "true";
    const observer = new MutationObserver(() => {
      if (start && ready()) {
        observer.disconnect();
        requestAnimationFrame(() => resolve(performance.now() - start));
      }
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
  }), query.trim());
  await page.waitForTimeout(20);
  await page.keyboard.type(query.slice(-1));
  timings.push(await Promise.race([done, page.waitForTimeout(5000).then(() => 5000)]));
}
await browser.close();
process.stdout.write(JSON.stringify(timings));
