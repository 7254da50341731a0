import { expect, test, type Browser, type Page } from "@playwright/test";
import { api, apiToken, checkPage, DEMO_PASSWORD, messagesTo, nextCode, signIn, tabTo } from "./support";

// Cara Appleby (Alpha Gas Shipping) is looked after by Lena Okafor, Alpha's LSO; Adam Admin is
// the CDSP's account administrator. No other journey signs in as Cara or Adam.
const CARA = "cara@alpha.example";

/** Another person at another browser, as the project's base URL. */
async function personAt(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  return context.newPage();
}

/** Type email and password on the sign-in page, as Cara does at her own browser. */
async function typePassword(page: Page, email: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("(e) an LSO disables and enables a user; a second-factor reset makes the user enrol again; the CDSP sees it audited", async ({ page, browser, request }) => {
  test.setTimeout(300_000);
  const lena = page;
  const cara = await personAt(browser);
  const adam = await personAt(browser);

  await test.step("Lena finds Cara by searching the users of her organisation", async () => {
    await signIn(lena, "lso@alpha.example", "/users");
    await expect(lena.getByRole("heading", { level: 1, name: /Users/ })).toBeVisible();
    await expect(lena.getByRole("link", { name: "Cara Appleby" })).toBeVisible();
    await checkPage(lena, "users");

    // A search too long is refused, saying how long it is and what to do.
    const search = lena.getByLabel("Name or email address");
    await search.fill("x".repeat(101));
    await lena.getByRole("button", { name: "Search" }).click();
    const problem = lena.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(problem).toBeFocused();
    await expect(problem.getByRole("link", { name: /Search must be 100 characters or fewer; you have 101/ })).toBeVisible();
    await expect(lena).toHaveTitle(/^Error: Users/);
    await checkPage(lena, "users-search-error");
    await problem.getByRole("link").click();
    await expect(search).toBeFocused();

    // Nobody matches: the page says what to do.
    await search.fill("zebedee");
    await lena.getByRole("button", { name: "Search" }).click();
    await expect(lena).toHaveURL(/\/users\?search=zebedee$/);
    await expect(lena.getByRole("heading", { name: "No users match" })).toBeVisible();
    await expect(lena.getByText(/Check the spelling, search for fewer words/)).toBeVisible();
    await checkPage(lena, "users-none-match");

    // The disabled ones: Dora, whom the inactivity job disabled, says so in words.
    await search.fill("");
    await lena.getByLabel("Status").selectOption({ label: "Disabled" });
    await lena.getByRole("button", { name: "Search" }).click();
    await expect(lena).toHaveURL(/\/users\?status=DISABLED$/);
    const dora = lena.getByRole("row").filter({ hasText: "Dora Dormant" });
    await expect(dora).toContainText("Disabled");
    await expect(dora).toContainText(/1[12]\d days/);
    await expect(lena.getByRole("row").filter({ hasText: "Cara Appleby" })).toHaveCount(0);
    await checkPage(lena, "users-disabled");

    // By keyboard: search for Cara, status back to All.
    await lena.getByLabel("Status").selectOption({ label: "All" });
    await tabTo(lena, "searchbox", "Name or email address");
    await lena.keyboard.type("appleby");
    await lena.keyboard.press("Enter");
    await expect(lena).toHaveURL(/\/users\?search=appleby$/);
    const row = lena.getByRole("row").filter({ hasText: "Cara Appleby" });
    await expect(row).toContainText(CARA);
    await expect(row).toContainText("Active");
    await expect(row).toContainText("Never");
    await expect(lena.getByRole("status").filter({ hasText: "1 user found" })).toBeVisible();
    await checkPage(lena, "users-search");
    await tabTo(lena, "link", "Cara Appleby");
    await lena.keyboard.press("Enter");
  });

  await test.step("Lena disables Cara's account, saying why, after confirming", async () => {
    await expect(lena.getByRole("heading", { level: 1, name: /Cara Appleby/ })).toBeVisible();
    await expect(lena).toHaveTitle(/^Cara Appleby – /);
    const summary = lena.locator(".govuk-summary-list");
    await expect(summary).toContainText("Alpha Gas Shipping");
    await expect(summary).toContainText("User");
    await expect(summary).toContainText("Never");
    await checkPage(lena, "user");

    // No reason: the error summary says what to enter, linked to the field.
    await lena.getByRole("button", { name: "Disable the account" }).click();
    const problem = lena.getByRole("alert").filter({ hasText: "There is a problem" });
    await expect(problem).toBeFocused();
    await expect(problem.getByRole("link", { name: "Enter why you are disabling the account" })).toBeVisible();
    await checkPage(lena, "user-disable-no-reason");
    await problem.getByRole("link").click();
    const reason = lena.getByLabel("Why are you disabling the account?");
    await expect(reason).toBeFocused();
    await lena.keyboard.type("Away on a three-month secondment");

    await lena.getByRole("button", { name: "Disable the account" }).click();
    const confirm = lena.getByRole("dialog", { name: "Disable Cara Appleby's account?" });
    await expect(confirm).toBeVisible();
    await expect(confirm).toContainText("Away on a three-month secondment");
    await checkPage(lena, "user-disable-confirm");
    await confirm.getByRole("button", { name: "Yes, disable the account" }).click();

    const banner = lena.getByRole("alert").filter({ hasText: "Success" });
    await expect(banner).toContainText("Cara Appleby's account is disabled");
    await expect(summary.getByText("Disabled", { exact: true })).toBeVisible();
    await expect(lena.getByRole("button", { name: "Disable the account" })).toHaveCount(0);
    await expect(lena.getByRole("button", { name: "Reset the second factor" })).toHaveCount(0);
    await checkPage(lena, "user-disabled");
  });

  await test.step("Cara, once her password is right, is told the account is disabled and to ask Lena Okafor", async () => {
    await typePassword(cara, CARA);
    const disabled = cara.getByRole("alert").filter({ hasText: "Your account is disabled" });
    await expect(disabled).toBeFocused();
    await expect(disabled).toContainText("Away on a three-month secondment");
    await expect(disabled).toContainText("ask Lena Okafor (your organisation's Local Security Officer) to enable it");
    await checkPage(cara, "sign-in-disabled-by-lso");
  });

  await test.step("Lena enables the account again; Cara signs in", async () => {
    await tabTo(lena, "textbox", "Why are you enabling the account? (optional)");
    await lena.keyboard.type("Back from secondment");
    await tabTo(lena, "button", "Enable the account");
    await lena.keyboard.press("Enter");
    await expect(lena.getByRole("alert").filter({ hasText: "Success" })).toContainText("Cara Appleby's account is enabled");
    await expect(lena.locator(".govuk-summary-list").getByText("Active", { exact: true })).toBeVisible();
    await checkPage(lena, "user-enabled");

    await signIn(cara, CARA);
    await expect(cara.getByRole("heading", { level: 1, name: /Welcome, Cara Appleby/ })).toBeVisible();
  });

  await test.step("Lena resets Cara's second factor; at her next sign-in Cara chooses one again", async () => {
    await lena.reload();
    const summary = lena.locator(".govuk-summary-list");
    await expect(summary).toContainText("Codes by email");
    await expect(summary).not.toContainText("Never");
    await lena.getByLabel("Why are you resetting the second factor?").fill("Lost her phone on the train");
    await lena.getByRole("button", { name: "Reset the second factor" }).click();
    const confirm = lena.getByRole("dialog", { name: "Reset Cara Appleby's second factor?" });
    await expect(confirm).toBeVisible();
    await checkPage(lena, "user-reset-confirm");
    await confirm.getByRole("button", { name: "Yes, reset the second factor" }).click();
    await expect(lena.getByRole("alert").filter({ hasText: "Success" })).toContainText("Cara Appleby's second factor is reset");
    await expect(summary).toContainText("Not set up: they choose one at their next sign-in");
    await checkPage(lena, "user-second-factor-reset");

    // Her session has ended, and her remembered device is forgotten: she enrols again.
    const again = await personAt(browser);
    const seen = messagesTo(CARA).length;
    await typePassword(again, CARA);
    await expect(again.getByRole("heading", { level: 1, name: "Choose how to get your security codes" })).toBeVisible();
    await checkPage(again, "choose-second-factor-after-reset");
    await again.getByRole("radio", { name: /^Email/ }).check();
    await again.getByRole("button", { name: "Continue" }).click();
    await again.getByLabel("Security code").fill(await nextCode(CARA, seen));
    await again.getByRole("button", { name: "Continue" }).click();
    await expect(again.getByRole("heading", { level: 1, name: /Welcome, Cara Appleby/ })).toBeVisible();
  });

  await test.step("The CDSP's administrator sees the reset in the audit log, filtered by Cara and the event", async () => {
    await signIn(adam, "admin@cdsp.example", "/audit");
    await expect(adam.getByRole("heading", { level: 1, name: "Audit log" })).toBeVisible();
    await expect(adam.getByText("The audit log's chain verifies.")).toBeVisible();
    await expect(adam.getByText(/All [\d,]+ entries are intact/)).toBeVisible();
    await expect(adam.getByRole("button", { name: "Show more entries" })).toBeVisible();
    await checkPage(adam, "audit");

    await adam.getByRole("button", { name: "Show more entries" }).click();
    await expect(adam.getByRole("list", { name: /Entries after #15/ })).toBeVisible();
    await expect(adam.locator("h3:focus")).toContainText("(entry #16)");
    await checkPage(adam, "audit-more");

    await adam.getByLabel("Person").selectOption({ label: "Cara Appleby (cara@alpha.example)" });
    await adam.getByLabel("Event").selectOption({ label: "Second factor reset" });
    await adam.getByRole("button", { name: "Apply filters" }).click();
    await expect(adam).toHaveURL(/\/audit\?user=[^&]+&event=MFA_RESET$/);
    const entries = adam.getByRole("list", { name: "Entries" }).getByRole("listitem");
    await expect(entries).toHaveCount(1);
    await expect(entries).toContainText("Second factor reset");
    await expect(entries).toContainText("Lena Okafor (lso@alpha.example, Alpha Gas Shipping)");
    await expect(entries).toContainText("Cara Appleby (cara@alpha.example, Alpha Gas Shipping)");
    await expect(entries).toContainText("Lost her phone on the train");
    await expect(entries).toContainText(/\d{1,2} \w+ 20\d\d at \d{1,2}:\d\d(am|pm)/);
    await checkPage(adam, "audit-filtered");

    // The filters live in the address bar: a reload keeps them.
    await adam.reload();
    await expect(adam.getByLabel("Event")).toHaveValue("MFA_RESET");
    await expect(adam.getByRole("list", { name: "Entries" }).getByRole("listitem")).toHaveCount(1);

    await adam.getByLabel("Event").selectOption({ label: "Organisation set up" });
    await adam.getByRole("button", { name: "Apply filters" }).click();
    await expect(adam.getByText(/No entries match these filters/)).toBeVisible();
    await checkPage(adam, "audit-none-match");
  });

  await test.step("The CDSP's administrator sends an invitation again to someone who has not set a password yet", async () => {
    // Set up over the API: the CDSP nominates a person to Alpha and approves it, so they are invited.
    const email = "ivy.invited@alpha.example";
    const token = await apiToken(request, "admin@cdsp.example");
    const { organisations } = await api<{ organisations: { id: string; shortCode: string }[] }>(request, token, "{ organisations { id shortCode } }");
    const alpha = organisations.find((o) => o.shortCode === "AGS")?.id;
    const nominated = await api<{ nominateUser: { id: string } }>(
      request,
      token,
      `mutation ($input: NominateUserInput!) { nominateUser(input: $input) { ... on Nomination { id } } }`,
      { input: { name: "Ivy Invited", email, roles: ["USER"], organisationId: alpha } },
    );
    await api(request, token, `mutation ($id: ID!) { approveNomination(id: $id) { __typename } }`, { id: nominated.nominateUser.id });
    const invitations = () => messagesTo(email).filter((m) => m.subject === "Your CMS account invitation").length;
    await expect.poll(invitations).toBe(1);

    await adam.goto("/users?status=INVITED");
    const row = adam.getByRole("row").filter({ hasText: "Ivy Invited" });
    await expect(row).toContainText("Invited");
    await expect(row).toContainText("Not yet active");
    await row.getByRole("link", { name: "Ivy Invited" }).click();
    await expect(adam.getByRole("heading", { level: 1, name: /Ivy Invited/ })).toBeVisible();
    await expect(adam.locator(".govuk-summary-list")).toContainText("Not set up yet: they choose one at their first sign-in");
    await expect(adam.getByRole("button", { name: "Reset the second factor" })).toHaveCount(0);
    await checkPage(adam, "user-invited");
    await tabTo(adam, "button", "Send the invitation again");
    await adam.keyboard.press("Enter");
    await expect(adam.getByRole("alert").filter({ hasText: "Success" })).toContainText(`A new invitation has been sent to ${email}`);
    await expect.poll(invitations).toBe(2);
    await checkPage(adam, "user-invitation-sent-again");
  });

  await test.step("The CDSP's administrator looks after anyone: sees every organisation and resets Lena's second factor for her new phone", async () => {
    await adam.getByRole("link", { name: "Users", exact: true }).click();
    await expect(adam.getByRole("columnheader", { name: "Organisation" })).toBeVisible();
    await checkPage(adam, "users-every-organisation");
    await adam.getByLabel("Name or email address").fill("lso@alpha");
    await adam.getByRole("button", { name: "Search" }).click();
    await adam.getByRole("link", { name: "Lena Okafor" }).click();
    await adam.getByLabel("Why are you resetting the second factor?").fill("New phone: she asked to set up her second factor again");
    await adam.getByRole("button", { name: "Reset the second factor" }).click();
    await adam.getByRole("dialog").getByRole("button", { name: "Yes, reset the second factor" }).click();
    await expect(adam.getByRole("alert").filter({ hasText: "Success" })).toContainText("Lena Okafor's second factor is reset");
  });
});
