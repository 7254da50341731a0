import { expect, test } from "@playwright/test";
import { api, apiToken, checkPage, DEMO_PASSWORD, messagesTo, nextCode, signIn, tabTo, totp } from "./support";

test("(a) a first sign-in chooses email codes and finishes with the emailed code, by keyboard alone", async ({ page }) => {
  // A user no other journey signs in as, so this is their very first sign-in.
  const email = "lso@alpha.example";
  const seen = messagesTo(email).length;
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await checkPage(page, "sign-in");

  // Nothing typed: the error summary names each field and takes focus.
  await tabTo(page, "button", "Sign in");
  await page.keyboard.press("Enter");
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter your email address" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await checkPage(page, "sign-in-errors");

  await tabTo(page, "link", "Enter your email address");
  await page.keyboard.press("Enter");
  await expect(page.getByLabel("Email address")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: "Choose how to get your security codes" })).toBeVisible();
  await checkPage(page, "choose-second-factor");
  await tabTo(page, "radio", /^Email/);
  await page.keyboard.press("Space");
  await tabTo(page, "button", "Continue");
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: "Enter your security code" })).toBeVisible();
  await expect(page.getByText(/We have sent a 6-digit code to/)).toBeVisible();
  const codeField = page.getByLabel("Security code");
  await expect(codeField).toHaveAttribute("autocomplete", "one-time-code");
  await expect(codeField).toHaveAttribute("inputmode", "numeric");
  await checkPage(page, "enter-code");

  // A wrong code says how many tries are left.
  await tabTo(page, "textbox", "Security code");
  await page.keyboard.type("000000");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: /tries? left/ })).toBeVisible();
  await checkPage(page, "enter-code-wrong");

  // The real code, pasted with a space in it as people copy it.
  const code = await nextCode(email, seen);
  await tabTo(page, "textbox", "Security code");
  await page.keyboard.insertText(`${code.slice(0, 3)} ${code.slice(3)}`);
  await tabTo(page, "checkbox", "Remember this device for 30 days");
  await page.keyboard.press("Space");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: /Welcome, Lena Okafor/ })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Alpha Gas Shipping");
  await checkPage(page, "home-shipper");

  await tabTo(page, "button", "Sign out");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
});

test("(h) signing in returns to the page asked for; a contact of another Shipper is not found, exactly like one that does not exist", async ({ page, request }) => {
  const alice = await apiToken(request, "alice@alpha.example");
  const raised = await api<{ raiseMncContact: { contact: { crn: string } } }>(
    request,
    alice,
    `mutation { raiseMncContact(input: {udprn: "12026009", marketSector: DOMESTIC, annualQuantityKwh: 9000, reason: NEW_SERVICE}) { ... on ContactLogged { contact { crn } } } }`,
  );
  const alphas = raised.raiseMncContact.contact.crn;
  const typed = alphas.toLowerCase().replace(/-/g, "");

  await page.goto(`/contacts/${typed}`);
  await expect(page).toHaveURL(new RegExp(`/sign-in\\?next=%2Fcontacts%2F${typed}$`));
  await signIn(page, "bob@beta.example", `/sign-in?next=%2Fcontacts%2F${typed}`);
  await expect(page).toHaveURL(new RegExp(`/contacts/${typed}$`));
  await expect(page.getByRole("heading", { level: 1, name: "Contact not found" })).toBeVisible();
  await checkPage(page, "contact-not-found");
  const shown = await page.getByRole("main").innerText();

  await page.goto("/contacts/MNC-2026-999999");
  await expect(page.getByRole("heading", { level: 1, name: "Contact not found" })).toBeVisible();
  expect(await page.getByRole("main").innerText()).toBe(shown);
});

test("a first sign-in with an authenticator app: a QR code, the key as text for those who cannot scan, then the app's code", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("dn@sgn.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("radio", { name: /^Authenticator app/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Set up your authenticator app" })).toBeVisible();
  await expect(page.getByRole("img", { name: /QR code/ })).toBeVisible();
  await page.getByText("I cannot scan the QR code").click();
  const key = (await page.locator(".cms-code").first().textContent()) ?? "";
  expect(key.replace(/\s/g, "")).toMatch(/^[A-Z2-7]{16,}$/);
  await checkPage(page, "enrol-authenticator-app");

  await page.getByLabel("Security code").fill(totp(key));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();
  await page.getByRole("link", { name: "My account" }).click();
  await expect(page.getByText("An authenticator app")).toBeVisible();
  await checkPage(page, "my-account");
});

test("a first sign-in by text message asks for a UK mobile and explains a number that is not one", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill("dn@wwu.example");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("radio", { name: /^Text message/ }).check();
  await page.getByLabel("UK mobile number").fill("0113 496 0000");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  await checkPage(page, "choose-text-message-error");
  await page.getByLabel("UK mobile number").fill("07911 123456");
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter your security code" })).toBeVisible();
  await expect(page.getByText(/We have sent a 6-digit code to \+44/)).toBeVisible();
});
