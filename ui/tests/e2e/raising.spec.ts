import { expect, test, type Page } from "@playwright/test";
import { checkPage, signIn, tabTo } from "./support";

async function typeAddressAndChoose(page: Page, typed: string, option: RegExp): Promise<void> {
  const field = page.getByRole("combobox", { name: "Address or postcode" });
  await tabTo(page, "combobox", "Address or postcode");
  await page.keyboard.type(typed, { delay: 40 });
  await expect(page.getByRole("listbox", { name: "Addresses found" })).toBeVisible();
  await expect(field).toHaveAttribute("aria-expanded", "true");
  // The count is announced politely once typing pauses.
  await expect(page.getByRole("status").filter({ hasText: /\d+ address(es)? found\./ })).toBeAttached();
  await checkPage(page, "raise-address-suggestions");
  // Down until the wanted option is the highlighted one, then Enter.
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("ArrowDown");
    const active = await field.getAttribute("aria-activedescendant");
    if (active && option.test((await page.locator(`[id="${active}"]`).textContent()) ?? "")) break;
  }
  await page.keyboard.press("Enter");
  await expect(field).toHaveAttribute("aria-expanded", "false");
}

async function answerDetailsByKeyboard(page: Page): Promise<void> {
  await expect(page.getByRole("heading", { level: 1, name: "About the meter point" })).toBeVisible();
  await tabTo(page, "radio", /^Domestic/);
  await page.keyboard.press("Space");
  await tabTo(page, "textbox", "Estimated annual quantity (kWh)");
  await page.keyboard.type("12,000");
  await tabTo(page, "radio", "A new gas service");
  await page.keyboard.press("Space");
  await tabTo(page, "textbox", "Site contact's name (optional)");
  await page.keyboard.type("Sam Site");
  await tabTo(page, "button", "Continue");
  await page.keyboard.press("Enter");
}

test("(b) a Shipper raises a contact by keyboard alone through the type-ahead, ending with the CRN dialog; (e) then finds it by a CRN typed in lower case without dashes", async ({ page }) => {
  await signIn(page, "alice@alpha.example");
  await tabTo(page, "link", "Raise a contact");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "What is the address of the site?" })).toBeVisible();
  await checkPage(page, "raise-address");

  await typeAddressAndChoose(page, "the bungalow al3", /The Bungalow/);
  await expect(page.getByText("The address you chose")).toBeVisible();
  await expect(page.locator(".cms-address-label").first()).toContainText("AL3 6GN");
  await checkPage(page, "raise-address-chosen");
  await tabTo(page, "button", "Continue");
  await page.keyboard.press("Enter");

  // Continuing with nothing answered lists every missing answer.
  await expect(page.getByRole("heading", { level: 1, name: "About the meter point" })).toBeVisible();
  await checkPage(page, "raise-details");
  await tabTo(page, "button", "Continue");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: "Select the market sector" })).toBeVisible();
  await checkPage(page, "raise-details-errors");
  await answerDetailsByKeyboard(page);

  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before raising the contact" })).toBeVisible();
  await expect(page.getByText("12,000 kWh")).toBeVisible();
  await checkPage(page, "raise-check-answers");
  await tabTo(page, "button", "Raise the contact");
  await page.keyboard.press("Enter");

  const dialog = page.getByRole("dialog", { name: "Contact logged" });
  await expect(dialog).toBeVisible();
  const crn = (await dialog.locator(".cms-crn").textContent()) ?? "";
  expect(crn).toMatch(/^MNC-\d{4}-\d{6}$/);
  await expect(dialog.getByRole("button", { name: /Copy the reference/ })).toBeVisible();
  await expectDialogAccessible(page, "raise-logged-dialog");
  await page.keyboard.press("Tab");
  await expect(dialog.getByRole("button", { name: /Copy the reference/ })).toBeFocused();

  // (e) The header's search finds it typed any old way.
  await page.keyboard.press("Escape");
  await page.getByRole("searchbox", { name: "Find a contact by reference" }).fill(crn.toLowerCase().replace(/-/g, ""));
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  await expect(page.getByText("Logged", { exact: true }).first()).toBeVisible();
  await checkPage(page, "contact-shipper");
});

test("(c) a site that already has an MPRN is refused: the dialog names the reason, links to the address answer, and focus moves there", async ({ page }) => {
  await signIn(page, "alice@alpha.example", "/raise");
  await typeAddressAndChoose(page, "mill farm al3", /Mill Farm/);
  await page.getByRole("button", { name: "Continue" }).click();
  await answerDetailsByKeyboard(page);
  await page.getByRole("button", { name: "Raise the contact" }).click();

  const dialog = page.getByRole("dialog", { name: "The contact was not logged" });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByRole("link", { name: /meter point|MPRN/i });
  await expect(reason).toBeVisible();
  await expect(dialog.locator("#outcome-errors")).toBeFocused();
  await expectDialogAccessible(page, "raise-refused-dialog");
  await page.keyboard.press("Tab");
  await expect(reason).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: "What is the address of the site?" })).toBeVisible();
  await expect(page.getByRole("combobox", { name: "Address or postcode" })).toBeFocused();
  // Nothing typed is lost: the answers are still there to raise again.
  await page.goto("/raise/check");
  await expect(page.getByText("12,000 kWh")).toBeVisible();
});

async function expectDialogAccessible(page: Page, name: string): Promise<void> {
  const { expectAccessible, capture } = await import("./support");
  await expectAccessible(page, name);
  await capture(page, name);
}
