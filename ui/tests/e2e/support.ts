import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { createHmac } from "node:crypto";
import { readFileSync, existsSync, mkdirSync } from "node:fs";
import { resolve } from "node:path";
import { SERVERS, type ServerName } from "../../playwright.config";

export const DEMO_PASSWORD = "demo-Meter-Point-2026";
const SCREENSHOTS = resolve("screenshots");

/** The server a test runs against, from its project's name. */
export function serverOf(projectName: string): (typeof SERVERS)[ServerName] {
  const byProject: Record<string, (typeof SERVERS)[ServerName]> = {
    postgres: SERVERS.postgres,
    "short-session": SERVERS.shortSession,
    "new-installation": SERVERS.newInstallation,
  };
  return byProject[projectName] ?? SERVERS.sqlite;
}

/** Every message to this address in the outbox file of the server under test, oldest first. */
export function messagesTo(email: string): { subject: string; body: string }[] {
  const outbox = resolve(serverOf(test.info().project.name).dir, "outbox.jsonl");
  if (!existsSync(outbox)) return [];
  return readFileSync(outbox, "utf8")
    .trim()
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; subject: string; body: string })
    .filter((message) => message.to === email);
}

/**
 * The code in the first message to this address after the first `seen` of them. Messages may
 * be sent by a worker a moment after the request that asked for them, so it waits for it.
 */
export async function nextCode(email: string, seen: number): Promise<string> {
  let code = "";
  await expect
    .poll(
      () => {
        const message = messagesTo(email)[seen];
        code = /\b(\d{6})\b/.exec(message?.body ?? "")?.[1] ?? "";
        return code;
      },
      { message: `a code sent to ${email}`, timeout: 15_000 },
    )
    .not.toBe("");
  return code;
}

/** axe-core, WCAG 2.1 A and AA: no violations on this page in this state. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const found = results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
  expect(found, `accessibility violations on ${state}`).toEqual([]);
}

/** The page's structure rules: one h1, its own title, no sideways scrolling at 320 px. */
export async function expectWellFormed(page: Page): Promise<void> {
  await expect(page.locator("h1")).toHaveCount(1);
  await expect(page).toHaveTitle(/ – Contact Management Service$/);
}

/** Screenshots at desktop width and at 320 px (400% zoom), checking nothing scrolls sideways. */
export async function capture(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  const original = page.viewportSize() ?? { width: 1280, height: 800 };
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-desktop.png`, fullPage: true });
  await page.setViewportSize({ width: 320, height: 640 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${name} scrolls sideways at 320 px`).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SCREENSHOTS}/${name}-320.png`, fullPage: true });
  await page.setViewportSize(original);
}

/** Check a page as a user meets it: structure, accessibility, and how it looks. */
export async function checkPage(page: Page, name: string): Promise<void> {
  await expectWellFormed(page);
  await expectAccessible(page, name);
  await capture(page, name);
}

/** Tab until the element with this accessible role and name has focus; fail if it never does. */
export async function tabTo(page: Page, role: Parameters<Page["getByRole"]>[0], name: string | RegExp, limit = 40): Promise<void> {
  const target = page.getByRole(role, { name });
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      const outline = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        return style.outlineStyle !== "none" || style.boxShadow !== "none" || style.backgroundColor === "rgb(255, 221, 0)";
      });
      expect(outline, `${String(name)} shows where focus is`).toBe(true);
      return;
    }
  }
  throw new Error(`Tab never reached the ${role} "${String(name)}"`);
}

// Each user's remembered-device cookie, once a journey has proved a device for them: later
// sign-ins present it, as a returning user's browser does, so they are asked for no code (the
// server sends at most 3 codes in 15 minutes to one person).
const DEVICE_COOKIE = "cms_device";
const rememberedDevices = new Map<string, string>();

/**
 * Sign in as a user would, choosing email codes at a first sign-in: by mouse and keyboard, or
 * with `keyboard: true` by the keyboard alone (Tab, typing, Space and Enter).
 */
export async function signIn(page: Page, email: string, path = "/", { keyboard = false } = {}): Promise<void> {
  const device = rememberedDevices.get(`${test.info().project.name}:${email}`);
  const origin = new URL(page.url().startsWith("http") ? page.url() : (test.info().project.use.baseURL ?? "")).origin;
  if (device) await page.context().addCookies([{ name: DEVICE_COOKIE, value: device, url: origin }]);
  const seen = messagesTo(email).length;
  const press = async (role: "button" | "radio" | "checkbox", name: string | RegExp) => {
    if (!keyboard) {
      const target = page.getByRole(role, { name });
      await (role === "button" ? target.click() : target.check());
      return;
    }
    await tabTo(page, role, name);
    await page.keyboard.press(role === "button" ? "Enter" : "Space");
  };
  const type = async (label: string, text: string) => {
    if (!keyboard) return page.getByLabel(label, { exact: true }).fill(text);
    await tabTo(page, "textbox", label);
    await page.keyboard.type(text);
  };
  await page.goto(path);
  await type("Email address", email);
  if (keyboard) {
    await page.keyboard.press("Tab"); // the password field comes next (it has no textbox role)
    await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press("Enter");
  } else {
    await page.getByLabel("Password", { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
  }
  const choose = page.getByRole("heading", { level: 1, name: "Choose how to get your security codes" });
  const enter = page.getByRole("heading", { level: 1, name: "Enter your security code" });
  const signOut = page.getByRole("button", { name: "Sign out" });
  await expect(choose.or(enter).or(signOut)).toBeVisible();
  if (await signOut.isVisible()) return;
  if (await choose.isVisible()) {
    await press("radio", /^Email/);
    await press("button", "Continue");
    await expect(enter).toBeVisible();
  }
  await type("Security code", await nextCode(email, seen));
  await press("checkbox", "Remember this device for 30 days");
  await press("button", "Continue");
  await expect(signOut).toBeVisible();
  const cookie = (await page.context().cookies()).find((c) => c.name === DEVICE_COOKIE);
  if (cookie) rememberedDevices.set(`${test.info().project.name}:${email}`, cookie.value);
}

/** Sign in over the API as a program would (email codes), and return its session token. */
export async function apiToken(request: import("@playwright/test").APIRequestContext, email: string): Promise<string> {
  const key = `${test.info().project.name}:${email}`;
  const device = rememberedDevices.get(key);
  const seen = messagesTo(email).length;
  const call = async (query: string, variables: Record<string, unknown>) => {
    const response = await request.post("/graphql", {
      data: { query, variables },
      headers: { "content-type": "application/json", ...(device ? { cookie: `${DEVICE_COOKIE}=${device}` } : {}) },
    });
    expect(response.ok()).toBe(true);
    const setCookie = response.headersArray().filter((h) => h.name.toLowerCase() === "set-cookie").map((h) => h.value);
    const remembered = setCookie.map((value) => new RegExp(`^${DEVICE_COOKIE}=([^;]+)`).exec(value)?.[1]).find(Boolean);
    if (remembered) rememberedDevices.set(key, remembered);
    return (await response.json()) as { data: Record<string, Record<string, unknown>> };
  };
  const signedIn = await call(
    `mutation ($input: SignInInput!) { signIn(input: $input) { __typename ... on SignedIn { sessionToken } ... on MfaRequired { challengeId } ... on MfaEnrolmentRequired { challengeId } } }`,
    { input: { email, password: DEMO_PASSWORD } },
  );
  if (signedIn.data.signIn?.__typename === "SignedIn") return signedIn.data.signIn.sessionToken as string;
  let challengeId = signedIn.data.signIn?.challengeId as string;
  if (signedIn.data.signIn?.__typename === "MfaEnrolmentRequired") {
    const enrolled = await call(
      `mutation ($input: EnrolMfaInput!) { enrolMfa(input: $input) { ... on MfaRequired { challengeId } } }`,
      { input: { challengeId, channel: "EMAIL" } },
    );
    challengeId = enrolled.data.enrolMfa?.challengeId as string;
  }
  const verified = await call(
    `mutation ($input: VerifyMfaInput!) { verifyMfa(input: $input) { ... on SignedIn { sessionToken } } }`,
    { input: { challengeId, code: await nextCode(email, seen), rememberDevice: true } },
  );
  return verified.data.verifyMfa?.sessionToken as string;
}

/** One GraphQL call with a session token; fails the test on any error. */
export async function api<T = Record<string, unknown>>(
  request: import("@playwright/test").APIRequestContext,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<T> {
  const response = await request.post("/graphql", {
    data: { query, variables },
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
  });
  const body = (await response.json()) as { data: T; errors?: unknown[] };
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data;
}

/** The current code of an authenticator app holding this base32 secret (RFC 6238, SHA-1, 30 s). */
export function totp(secretBase32: string, at = Date.now()): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = "";
  for (const character of secretBase32.replace(/[\s=]/g, "").toUpperCase()) {
    bits += alphabet.indexOf(character).toString(2).padStart(5, "0");
  }
  const key = Buffer.from(bits.match(/.{8}/g)?.map((byte) => parseInt(byte, 2)) ?? []);
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
  const digest = createHmac("sha1", key).update(counter).digest();
  const offset = (digest[digest.length - 1] ?? 0) & 0xf;
  const value = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return value.toString().padStart(6, "0");
}
