import { expect, test, type Locator, type Page } from "@playwright/test";
import { api, apiToken, checkPage, messagesTo, nextCode, signIn, tabTo } from "./support";

// The people these journeys bring in: nobody else uses their addresses.
const NEWCOMER = { name: "Nia Newcomer", email: "nia.newcomer@alpha.example" };
const NEW_PASSWORD = "copper kettle harbour lantern";
const LSO = "lso@alpha.example";
const ADMIN = "admin@cdsp.example";

/** Tab until this element has focus, and check focus shows (for fields without a role, such as a password). */
async function tabToField(page: Page, target: Locator, limit = 40): Promise<void> {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press("Tab");
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) {
      const shown = await target.evaluate((element) => {
        const style = getComputedStyle(element);
        return style.outlineStyle !== "none" || style.boxShadow !== "none";
      });
      expect(shown, "focus is visible").toBe(true);
      return;
    }
  }
  throw new Error("Tab never reached the field");
}

/** The invitation link in the newest invitation email to this address. */
async function invitationLink(email: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        const invitations = messagesTo(email).filter((m) => m.subject === "Your CMS account invitation");
        link = /(https?:\/\/\S+\/invitation\?token=\S+)/.exec(invitations.at(-1)?.body ?? "")?.[1] ?? "";
        return link;
      },
      { message: `an invitation to ${email}`, timeout: 15_000 },
    )
    .not.toBe("");
  return link;
}

test.afterAll(async ({ request }) => {
  // The signing-in journey meets Alpha's LSO at a first sign-in: give the account back as it was.
  const admin = await apiToken(request, ADMIN);
  const users = await api<{ users: { id: string; email: string }[] }>(request, admin, `{ users(search: "lso@alpha.example") { id email } }`);
  const lso = users.users.find((u) => u.email === LSO);
  if (lso) {
    await api(request, admin, `mutation ($id: ID!) { resetSecondFactor(id: $id, reason: "Journey clean-up: the signing-in journey enrols again") { __typename } }`, { id: lso.id });
  }
});

test("(d) an LSO nominates a person, the CDSP approves, and the person sets a password and a second factor by keyboard alone", async ({ browser, baseURL }) => {
  // Alpha's LSO, in a browser of their own.
  const lsoContext = await browser.newContext({ baseURL });
  const lso = await lsoContext.newPage();
  await signIn(lso, LSO, "/nominations");
  await expect(lso.getByRole("heading", { level: 1, name: "Nominations" })).toBeVisible();
  await expect(lso.getByText("No nominations are waiting.")).toBeVisible();
  await checkPage(lso, "nominations-lso");

  // Nothing typed: each field says what it needs.
  await lso.getByRole("checkbox", { name: "User", exact: true }).uncheck();
  await lso.getByRole("button", { name: "Send the nomination" }).click();
  const summary = lso.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: "Enter the person's full name" })).toBeVisible();
  await expect(summary.getByRole("link", { name: "Choose at least one role" })).toBeVisible();
  await expect(lso.getByLabel("Full name")).toHaveAttribute("aria-invalid", "true");
  await checkPage(lso, "nominations-lso-errors");

  await lso.getByLabel("Full name").fill(NEWCOMER.name);
  await lso.getByLabel("Work email address").fill(NEWCOMER.email);
  await lso.getByRole("checkbox", { name: "User", exact: true }).check();
  await lso.getByRole("button", { name: "Send the nomination" }).click();
  const nominated = lso.getByRole("alert").filter({ hasText: "Success" });
  await expect(nominated).toContainText(`You nominated ${NEWCOMER.name} (${NEWCOMER.email}) at Alpha Gas Shipping as User.`);
  await expect(nominated).toBeFocused();
  await expect(lso.getByRole("group", { name: NEWCOMER.name })).toContainText("Alpha Gas Shipping (AGS)");
  // An LSO approves nothing: that is the CDSP's.
  await expect(lso.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await checkPage(lso, "nominations-lso-nominated");

  // The CDSP's account administrator, in another browser.
  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN, "/");
  await admin.getByRole("link", { name: "Nominations" }).click();
  const card = admin.getByRole("group", { name: NEWCOMER.name });
  await expect(card).toContainText(NEWCOMER.email);
  await expect(card).toContainText("Alpha Gas Shipping (AGS)");
  await expect(card).toContainText("by Lena Okafor");
  await expect(card).not.toContainText("clashes");
  await checkPage(admin, "nominations-admin");

  await card.getByRole("button", { name: "Approve" }).click();
  const approveDialog = admin.getByRole("dialog", { name: `Approve the nomination of ${NEWCOMER.name}?` });
  await expect(approveDialog).toBeVisible();
  await checkPage(admin, "nominations-approve-confirm");
  await approveDialog.getByRole("button", { name: "Approve and send the invitation" }).click();
  const approved = admin.getByRole("alert").filter({ hasText: "Success" });
  await expect(approved).toContainText(`You approved the nomination of ${NEWCOMER.name}`);
  await expect(approved).toBeFocused();
  await expect(admin.getByRole("group", { name: NEWCOMER.name })).toHaveCount(0);
  await checkPage(admin, "nominations-approved");

  // The newcomer opens the emailed link in their own browser, and uses only the keyboard from here.
  const link = await invitationLink(NEWCOMER.email);
  expect(link.startsWith(`${baseURL}/invitation?token=`)).toBe(true);
  const newcomerContext = await browser.newContext({ baseURL });
  const page = await newcomerContext.newPage();
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: /Set your password/ })).toBeVisible();
  await expect(page.getByText("Nia, an account has been made for you")).toBeVisible();
  const rules = page.getByRole("list", { name: "Rules for your password" });
  await expect(rules.getByRole("listitem").first()).toContainText("At least");
  // The rules come before the field, so they are read before typing.
  const password = page.getByLabel("New password", { exact: true });
  expect(await rules.evaluate((list, field) => Boolean(list.compareDocumentPosition(field as Node) & Node.DOCUMENT_POSITION_FOLLOWING), await password.elementHandle())).toBe(true);
  await checkPage(page, "invitation");

  // Nothing typed.
  await tabTo(page, "button", "Set password");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("alert").filter({ hasText: "There is a problem" })).toBeFocused();
  await expect(page.getByRole("link", { name: "Enter a password" })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Set your password/);
  await checkPage(page, "invitation-errors");

  // Too short: the server says which rule, and the field keeps what was typed.
  await tabToField(page, password);
  await page.keyboard.type("short one");
  await tabToField(page, page.getByLabel("Confirm your new password"));
  await page.keyboard.type("short one");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: /characters/ })).toBeVisible();
  await checkPage(page, "invitation-password-refused");

  // Different in the two fields, shown as typed with "Show the passwords".
  await tabTo(page, "checkbox", "Show the passwords");
  await page.keyboard.press("Space");
  await tabTo(page, "textbox", /^New password$/);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(NEW_PASSWORD);
  await tabTo(page, "textbox", /^Confirm your new password$/);
  await page.keyboard.type(`${NEW_PASSWORD}s`);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("link", { name: /The passwords do not match/ })).toBeVisible();
  await tabTo(page, "textbox", /^Confirm your new password$/);
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Enter");

  await expect(page.getByRole("heading", { level: 1, name: "Your password is set" })).toBeVisible();
  await expect(page.getByText("you will set up a second factor")).toBeVisible();
  await checkPage(page, "invitation-accepted");

  // Sign in, choosing email codes.
  const seen = messagesTo(NEWCOMER.email).length;
  await tabTo(page, "link", "Sign in to the Contact Management Service");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
  await tabTo(page, "textbox", "Email address");
  await page.keyboard.type(NEWCOMER.email);
  await page.keyboard.press("Tab");
  await page.keyboard.type(NEW_PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Choose how to get your security codes" })).toBeVisible();
  await tabTo(page, "radio", /^Email/);
  await page.keyboard.press("Space");
  await tabTo(page, "button", "Continue");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: "Enter your security code" })).toBeVisible();
  await tabTo(page, "textbox", "Security code");
  await page.keyboard.type(await nextCode(NEWCOMER.email, seen));
  await tabTo(page, "button", "Continue");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${NEWCOMER.name}` })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText("Alpha Gas Shipping");
  await checkPage(page, "home-newcomer");

  // The same link again: used, and whom to ask (Alpha's LSO, by name).
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: "This invitation has been used" })).toBeVisible();
  await expect(page.getByRole("main")).toContainText("Lena Okafor");
  await checkPage(page, "invitation-used");

  // A link cut short or made up, even signed out.
  const strangerContext = await browser.newContext({ baseURL });
  const stranger = await strangerContext.newPage();
  await stranger.goto("/invitation?token=not-a-real-token");
  await expect(stranger.getByRole("heading", { level: 1, name: "This invitation link is not valid" })).toBeVisible();
  await expect(stranger.getByRole("main")).toContainText("Local Security Officer");
  await checkPage(stranger, "invitation-unknown");
  await stranger.goto("/invitation");
  await expect(stranger.getByRole("heading", { level: 1, name: "This invitation link is not valid" })).toBeVisible();

  for (const context of [lsoContext, adminContext, newcomerContext, strangerContext]) await context.close();
});

test("the CDSP rejects a nomination with a reason, which the LSO is emailed; a clash is shown, and approving it is refused with why", async ({ browser, baseURL }) => {
  const lsoContext = await browser.newContext({ baseURL });
  const lso = await lsoContext.newPage();
  await signIn(lso, LSO, "/nominations");
  await lso.getByLabel("Full name").fill("Rex Refused");
  await lso.getByLabel("Work email address").fill("rex.refused@alpha.example");
  await lso.getByRole("button", { name: "Send the nomination" }).click();
  await expect(lso.getByRole("alert").filter({ hasText: "Success" })).toContainText("You nominated Rex Refused");

  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await signIn(admin, ADMIN, "/nominations");
  const card = admin.getByRole("group", { name: "Rex Refused" });
  await card.getByRole("button", { name: "Reject" }).click();
  const dialog = admin.getByRole("dialog", { name: "Reject the nomination of Rex Refused?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Reject the nomination" }).click();
  await expect(dialog.getByRole("link", { name: /Say why you are rejecting the nomination/ })).toBeVisible();
  await checkPage(admin, "nominations-reject-errors");
  const reason = "Rex has left Alpha Gas Shipping; nominate his successor instead.";
  await dialog.getByLabel("Why are you rejecting it?").fill(reason);
  await dialog.getByRole("button", { name: "Reject the nomination" }).click();
  const rejected = admin.getByRole("alert").filter({ hasText: "Success" });
  await expect(rejected).toContainText("You rejected the nomination of Rex Refused");
  await expect(rejected).toBeFocused();
  await expect(admin.getByRole("group", { name: "Rex Refused" })).toHaveCount(0);
  await checkPage(admin, "nominations-rejected");

  await expect
    .poll(() => messagesTo(LSO).find((m) => m.subject === "Your nomination of Rex Refused was not approved")?.body ?? "", { timeout: 15_000 })
    .toContain(reason);
  await lso.reload();
  await expect(lso.getByText("No nominations are waiting.")).toBeVisible();

  // An address with an account at another organisation: the CDSP sees the clash, and approval is refused with why.
  await admin.getByLabel("Organisation").selectOption({ label: "Alpha Gas Shipping (AGS)" });
  await admin.getByLabel("Full name").fill("Bob Brennan");
  await admin.getByLabel("Work email address").fill("bob@beta.example");
  await admin.getByRole("button", { name: "Send the nomination" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Success" })).toContainText("You nominated Bob Brennan");
  const clash = admin.getByRole("group", { name: "Bob Brennan" });
  await expect(clash).toContainText("Warning: This nomination clashes: bob@beta.example already has an account at Beta Energy Trading");
  await checkPage(admin, "nominations-clash");
  await clash.getByRole("button", { name: "Approve" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Approve and send the invitation" }).click();
  const refused = admin.getByRole("alert").filter({ hasText: "The nomination was not changed" });
  await expect(refused).toBeFocused();
  await expect(refused).toContainText("Ask Alpha Gas Shipping's LSO to nominate the person with another email address.");
  await checkPage(admin, "nominations-clash-refused");
  // Tidy: reject it, so no other journey meets it.
  await clash.getByRole("button", { name: "Reject" }).click();
  await admin.getByRole("dialog").getByLabel("Why are you rejecting it?").fill("Bob already has an account at Beta Energy Trading.");
  await admin.getByRole("dialog").getByRole("button", { name: "Reject the nomination" }).click();
  await expect(admin.getByRole("group", { name: "Bob Brennan" })).toHaveCount(0);

  await lsoContext.close();
  await adminContext.close();
});

test("(f) the CDSP sets up an organisation and nominates its first LSO, whose invitation arrives", async ({ page }) => {
  await signIn(page, ADMIN, "/");
  await page.getByRole("link", { name: "Organisations" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
  const cadent = page.getByRole("row").filter({ hasText: "Cadent" });
  await expect(cadent).toContainText("Gas network");
  await expect(cadent).toContainText("North West (NW)");
  await checkPage(page, "organisations");

  // A network needs LDZs no other network owns; in this data every zone has its network, and the page says so.
  await page.getByRole("radio", { name: "Gas network" }).check();
  await expect(page.getByText("Every LDZ belongs to a network already")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("Northern Lights Gas Networks");
  await page.getByLabel("Short code").fill("N L");
  await page.getByRole("button", { name: "Create the organisation" }).click();
  const summary = page.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary).toBeFocused();
  await expect(summary.getByRole("link", { name: /Every LDZ belongs to a network already/ })).toBeVisible();
  await expect(summary.getByRole("link", { name: /2 to 16 letters or digits/ })).toBeVisible();
  await expect(page).toHaveTitle(/^Error: Organisations/);
  await checkPage(page, "organisations-errors");

  // A short code already taken: the server says by whom.
  await page.getByRole("radio", { name: "Supplier" }).check();
  await page.getByLabel("Name", { exact: true }).fill("Gamma Gas Supply");
  await page.getByLabel("Short code").fill("ags");
  await page.getByRole("button", { name: "Create the organisation" }).click();
  await expect(summary.getByRole("link", { name: "The short code AGS is already used by Alpha Gas Shipping; choose another." })).toBeVisible();

  await page.getByLabel("Short code").fill("ggs");
  await page.getByRole("button", { name: "Create the organisation" }).click();
  const created = page.getByRole("alert").filter({ hasText: "Success" });
  await expect(created).toContainText("Gamma Gas Supply (GGS) is set up as a supplier.");
  await expect(page.getByRole("row").filter({ hasText: "Gamma Gas Supply" })).toContainText("GGS");
  await checkPage(page, "organisations-created");

  await created.getByRole("link", { name: "Nominate its first Local Security Officer" }).click();
  await expect(page).toHaveURL(/\/nominations\?organisation=/);
  await expect(page.getByLabel("Organisation")).toHaveValue(/.+/);
  await expect(page.getByLabel("Organisation").locator("option:checked")).toHaveText("Gamma Gas Supply (GGS)");
  await expect(page.getByRole("checkbox", { name: "Local Security Officer" })).toBeChecked();
  await checkPage(page, "nominations-first-lso");
  await page.getByLabel("Full name").fill("Greta Gamma");
  await page.getByLabel("Work email address").fill("greta@gamma.example");
  await page.getByRole("button", { name: "Send the nomination" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Success" })).toContainText("at Gamma Gas Supply as User, Local Security Officer.");
  await page.getByRole("group", { name: "Greta Gamma" }).getByRole("button", { name: "Approve" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Approve and send the invitation" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Success" })).toContainText("You approved the nomination of Greta Gamma");

  const link = await invitationLink("greta@gamma.example");
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1, name: /Set your password/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Gamma Gas Supply");
  // A new organisation has no LSO yet to ask: the page says whom instead.
  await expect(page.getByRole("main")).toContainText("ask your organisation's Local Security Officer (or the CDSP's account administrators)");
  await checkPage(page, "invitation-signed-in-as-another");
});
