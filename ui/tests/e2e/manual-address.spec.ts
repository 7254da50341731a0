import { expect, test, type Page } from "@playwright/test";
import { capture, checkPage, expectAccessible, signIn } from "./support";

async function typeManualAddress(page: Page, building: string, street: string, town: string, postcode: string): Promise<void> {
  await page.getByRole("link", { name: "I cannot find the address" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Enter the address of the site" })).toBeVisible();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("link", { name: "Enter the building name or number" })).toBeVisible();
  await checkPage(page, "raise-manual-address-errors");
  await page.getByLabel("Building name or number").fill(building);
  await page.getByLabel("Street (optional)").fill(street);
  await page.getByLabel("Town or city").fill(town);
  await page.getByLabel("Postcode").fill(postcode);
  await page.getByRole("button", { name: "Continue" }).click();
}

async function answerDetails(page: Page): Promise<void> {
  await page.getByRole("radio", { name: /^Domestic/ }).check();
  await page.getByLabel("Estimated annual quantity (kWh)").fill("15000");
  await page.getByRole("radio", { name: "A new gas service" }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Check your answers before raising the contact" })).toBeVisible();
}

test("(d) a typed address that the PAF holds is refused, naming the PAF address, which can be used instead", async ({ page }) => {
  await signIn(page, "alice@alpha.example", "/raise");
  await typeManualAddress(page, "Maple View", "", "St Albans", "al3 6gn");
  await answerDetails(page);
  await expect(page.getByText("Address (entered by hand)", { exact: true })).toBeVisible();
  await checkPage(page, "raise-check-answers-manual");
  await page.getByRole("button", { name: "Raise the contact" }).click();

  const dialog = page.getByRole("dialog", { name: "The contact was not logged" });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/MAPLE VIEW|Maple View/);
  await expectAccessible(page, "raise-manual-in-paf-dialog");
  await capture(page, "raise-manual-in-paf-dialog");
  await dialog.getByRole("button", { name: "Use the PAF address instead" }).click();

  await expect(dialog).toBeHidden();
  await expect(page.getByText("Address (entered by hand)", { exact: true })).toHaveCount(0);
  await page.getByRole("button", { name: "Raise the contact" }).click();
  await expect(page.getByRole("dialog", { name: "Contact logged" })).toBeVisible();
});

test("(d) a typed address that the PAF does not hold is logged, marked for the CDSP to check", async ({ page }) => {
  await signIn(page, "alice@alpha.example", "/raise");
  await typeManualAddress(page, "Plot 7", "Meadow Way", "St Albans", "AL3 6GN");
  await answerDetails(page);
  await page.getByRole("button", { name: "Raise the contact" }).click();
  const dialog = page.getByRole("dialog", { name: "Contact logged" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByText(/The PAF has no address like this one.*CDSP will check it by hand/)).toBeVisible();
  await expectAccessible(page, "raise-manual-logged-dialog");
  await dialog.getByRole("button", { name: "View the contact" }).click();
  await expect(page.getByText("typed by hand: not in the PAF")).toBeVisible();
});
