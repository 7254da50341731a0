import { expect, test } from "@playwright/test";
import { api, apiToken, checkPage, signIn } from "./support";

test("(f) on PostgreSQL with Redis and a worker: a CDSP agent picks the contact up, and the Shipper's bell changes without a reload; the notification opens the history", async ({ page, request }) => {
  const alice = await apiToken(request, "alice@alpha.example");
  const raised = await api<{ raiseMncContact: { contact: { crn: string } } }>(
    request,
    alice,
    `mutation { raiseMncContact(input: {udprn: "12026003", marketSector: DOMESTIC, annualQuantityKwh: 9000, reason: NEW_SERVICE}) { ... on ContactLogged { contact { crn } } } }`,
  );
  const crn = raised.raiseMncContact.contact.crn;

  await signIn(page, "alice@alpha.example", `/contacts/${crn}`);
  await expect(page.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  const bell = page.getByRole("link", { name: /^Notifications/ });
  const before = Number((await bell.textContent())?.match(/\d+/)?.[0] ?? "0");

  const agent = await apiToken(request, "agent@cdsp.example");
  await api(request, agent, `mutation ($crn: String!) { pickUpContact(crn: $crn) { __typename } }`, { crn });
  const pickedUpAt = Date.now();
  await expect(bell).toContainText(String(before + 1), { timeout: 5_000 });
  const delay = Date.now() - pickedUpAt;
  test.info().annotations.push({ type: "bell updated after", description: `${delay} ms` });
  console.log(`(f) the bell changed ${delay} ms after the agent's pick-up returned`);
  // The open contact page shows the new status live too.
  await expect(page.getByText("With the CDSP").first()).toBeVisible();

  await bell.click();
  await expect(page.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
  await expect(page.getByText("Unread").first()).toBeVisible();
  await checkPage(page, "notifications");
  await page.getByRole("link", { name: new RegExp(`${crn}: With the CDSP`) }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "History" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: /Picked up: With the CDSP/ })).toBeVisible();
  await expect(bell).toContainText(String(before));
});
