import { expect, test, type Page } from "@playwright/test";
import { checkPage, messagesTo, nextCode } from "./support";

// A new installation: `cms admin create` has made the first CDSP account administrator, and
// nothing else exists (no demo data). From here, everything is done in the browser.
const ADMIN = { name: "Ada Administrator", email: "admin@new-installation.example", password: "slate river orchard beacon" };
const FIRST_LSO = { name: "Wyn Westwood", email: "wyn@wwu.example", password: "harbour copper lantern meadow" };

/** The invitation link in the newest email to this address that carries one. */
async function invitationLink(email: string): Promise<string> {
  let link = "";
  await expect
    .poll(
      () => {
        const bodies = messagesTo(email).map((message) => message.body);
        link = /(https?:\/\/\S+\/invitation\?token=\S+)/.exec(bodies.filter((body) => body.includes("/invitation?token=")).at(-1) ?? "")?.[1] ?? "";
        return link;
      },
      { message: `an invitation to ${email}`, timeout: 15_000 },
    )
    .not.toBe("");
  return link;
}

/** Open the invitation, set the password, sign in and choose email codes: a first day. */
async function acceptAndSignIn(page: Page, person: { name: string; email: string; password: string }, organisation: string): Promise<void> {
  await page.goto(await invitationLink(person.email));
  await expect(page.getByRole("heading", { level: 1, name: /Set your password/ })).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(organisation);
  await page.getByLabel("New password", { exact: true }).fill(person.password);
  await page.getByLabel("Confirm your new password").fill(person.password);
  await page.getByRole("button", { name: "Set password" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your password is set" })).toBeVisible();

  const seen = messagesTo(person.email).length;
  await page.getByRole("link", { name: "Sign in to the Contact Management Service" }).click();
  await page.getByLabel("Email address").fill(person.email);
  await page.getByLabel("Password").fill(person.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Choose how to get your security codes" })).toBeVisible();
  await page.getByRole("radio", { name: /^Email/ }).check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByLabel("Security code").fill(await nextCode(person.email, seen));
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Welcome, ${person.name}` })).toBeVisible();
  await expect(page.getByRole("banner")).toContainText(organisation);
}

test("(f) on a new installation, the first CDSP administrator sets up a gas network and nominates its first LSO, who signs in", async ({ browser, baseURL }) => {
  // The administrator made by `cms admin create` accepts the emailed invitation.
  const adminContext = await browser.newContext({ baseURL });
  const admin = await adminContext.newPage();
  await acceptAndSignIn(admin, ADMIN, "Xoserve");
  await checkPage(admin, "new-installation-home");

  // No network exists yet, so every LDZ is free.
  await admin.getByRole("link", { name: "Organisations" }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "Organisations" })).toBeVisible();
  await expect(admin.getByRole("row").filter({ hasText: "Xoserve" })).toBeVisible();
  await admin.getByRole("radio", { name: "Gas network" }).check();
  const zones = admin.getByRole("group", { name: /Local Distribution Zones/ });
  await expect(zones.getByRole("checkbox")).toHaveCount(13);
  await checkPage(admin, "new-installation-organisations");

  // A network with no zone is refused, with what to do.
  await admin.getByLabel("Name", { exact: true }).fill("Wales & West Utilities");
  await admin.getByLabel("Short code").fill("wwu");
  await admin.getByRole("button", { name: "Create the organisation" }).click();
  const summary = admin.getByRole("alert").filter({ hasText: "There is a problem" });
  await expect(summary.getByRole("link", { name: "Choose at least one LDZ the network owns" })).toBeVisible();

  for (const zone of ["South West (SW)", "Wales North (WN)", "Wales South (WS)"]) await zones.getByRole("checkbox", { name: zone }).check();
  await admin.getByRole("button", { name: "Create the organisation" }).click();
  const created = admin.getByRole("alert").filter({ hasText: "Success" });
  await expect(created).toContainText("Wales & West Utilities (WWU)");
  await expect(admin.getByRole("row").filter({ hasText: "Wales & West Utilities" })).toContainText("Wales North (WN)");
  await checkPage(admin, "new-installation-network-created");

  // Its zones are no longer offered to another network.
  await admin.getByRole("radio", { name: "Gas network" }).check();
  await expect(zones.getByRole("checkbox")).toHaveCount(10);
  await expect(zones.getByRole("checkbox", { name: "Wales North (WN)" })).toHaveCount(0);

  // Nominate its first Local Security Officer, and approve.
  await created.getByRole("link", { name: "Nominate its first Local Security Officer" }).click();
  await expect(admin.getByLabel("Organisation").locator("option:checked")).toHaveText("Wales & West Utilities (WWU)");
  await expect(admin.getByRole("checkbox", { name: "Local Security Officer" })).toBeChecked();
  await admin.getByLabel("Full name").fill(FIRST_LSO.name);
  await admin.getByLabel("Work email address").fill(FIRST_LSO.email);
  await admin.getByRole("button", { name: "Send the nomination" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Success" })).toContainText("at Wales & West Utilities");
  await admin.getByRole("group", { name: FIRST_LSO.name }).getByRole("button", { name: "Approve" }).click();
  await admin.getByRole("dialog").getByRole("button", { name: "Approve and send the invitation" }).click();
  await expect(admin.getByRole("alert").filter({ hasText: "Success" })).toContainText(`You approved the nomination of ${FIRST_LSO.name}`);
  await checkPage(admin, "new-installation-first-lso-approved");

  // The network's first LSO signs in, and can look after the network's users.
  const lsoContext = await browser.newContext({ baseURL });
  const lso = await lsoContext.newPage();
  await acceptAndSignIn(lso, FIRST_LSO, "Wales & West Utilities");
  await lso.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await expect(lso.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(lso.getByRole("main")).toContainText(FIRST_LSO.email);
  await expect(lso.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Nominations" })).toBeVisible();
  await expect(lso.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Work queues" })).toBeVisible();
  await checkPage(lso, "new-installation-first-lso-users");

  await adminContext.close();
  await lsoContext.close();
});
