import { expect, test } from "@playwright/test";
import { checkPage, signIn } from "./support";

// This server signs a session out after 45 idle seconds: the warning shows 15 s before the end.
test("(g) the timeout warning appears before the idle timeout, 'stay signed in' works, and after it runs out signing in again returns to the page", async ({ page }) => {
  test.setTimeout(150_000);
  await signIn(page, "bob@beta.example", "/notifications");
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();

  const warning = page.getByRole("dialog", { name: "You’re about to be signed out" });
  await expect(warning).toBeVisible({ timeout: 45_000 });
  await expect(warning.getByText(/we will sign you out in \d+ seconds/).first()).toBeVisible();
  await expect(warning.getByRole("heading", { name: "You’re about to be signed out" })).toBeFocused();
  const { expectAccessible, capture } = await import("./support");
  await expectAccessible(page, "timeout-warning");
  await capture(page, "timeout-warning");

  await page.keyboard.press("Tab");
  await expect(warning.getByRole("button", { name: "Stay signed in" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(warning).toBeHidden();
  // Still signed in well past the first deadline.
  await page.waitForTimeout(20_000);
  await expect(page.getByRole("button", { name: "Sign out" })).toBeVisible();

  // This time nobody answers: the user is signed out, and told why.
  await expect(warning).toBeVisible({ timeout: 45_000 });
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("You were signed out to keep your account safe")).toBeVisible();
  await checkPage(page, "signed-out-after-timeout");

  await signIn(page, "bob@beta.example", page.url().replace(/^https?:\/\/[^/]+/, ""));
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
});
