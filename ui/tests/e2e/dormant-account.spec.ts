import { expect, test } from "@playwright/test";
import { checkPage, DEMO_PASSWORD } from "./support";

// Dora Dormant last signed in 120 days ago: the 90-day inactivity job disabled her account when
// the server started. No other journey signs in as her.
const DORA = "dora@alpha.example";
const UNIFORM = "The email address or password is not right, or the account cannot sign in.";

test("(g) a user disabled by the 90-day job is told so once her password is right, and to ask her LSO; a wrong password says only the uniform words", async ({ page }) => {
  await page.goto("/sign-in");
  const email = page.getByLabel("Email address");
  const password = page.getByLabel("Password");
  const signIn = page.getByRole("button", { name: "Sign in" });

  // A wrong password: the same words as for an address CMS does not know, nothing about the account.
  await email.fill("nobody@alpha.example");
  await password.fill("not-the-password-at-all");
  await signIn.click();
  const problem = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(problem).toBeFocused();
  await expect(problem).toContainText(UNIFORM);
  const unknownWords = await problem.innerText();

  await email.fill(DORA);
  await password.fill("not-the-password-at-all");
  await signIn.click();
  await expect(problem).toBeFocused();
  await expect(problem).toContainText(UNIFORM);
  expect(await problem.innerText()).toBe(unknownWords);
  await expect(page.getByText(/disabled|Lena Okafor|inactiv/i)).toHaveCount(0);
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await checkPage(page, "sign-in-wrong-password");

  // The right password: she is told plainly that the account is disabled, why, and whom to ask.
  await password.fill(DEMO_PASSWORD);
  await signIn.click();
  const disabled = page.getByRole("alert").filter({ hasText: "Your account is disabled" });
  await expect(disabled).toBeFocused();
  await expect(disabled).toContainText("Your password is right, but your account is disabled");
  await expect(disabled).toContainText("no sign-in for more than 90 days");
  await expect(disabled).toContainText("ask Lena Okafor (your organisation's Local Security Officer) to enable it");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Sign in/);
  await expect(password).toHaveValue("");
  await expect(page.getByRole("button", { name: "Sign out" })).toHaveCount(0);
  await checkPage(page, "sign-in-account-disabled");
});
