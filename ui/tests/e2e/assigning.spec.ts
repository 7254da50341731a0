import { expect, test } from "@playwright/test";
import { api, apiToken, checkPage, tabTo } from "./support";
import { activate, signedIn } from "./journeys/mnc-by-keyboard";

test("(b) a supervisor assigns a contact to a colleague, and the colleague's queue and bell update live; the queue's filters stay in the address", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const alice = await apiToken(request, "alice@alpha.example");
  const raised = await api<{ raiseMncContact: { contact: { crn: string } } }>(
    request,
    alice,
    `mutation { raiseMncContact(input: {udprn: "12026022", marketSector: DOMESTIC, annualQuantityKwh: 9000, reason: NEW_SERVICE}) { ... on ContactLogged { contact { crn } } } }`,
  );
  const crn = raised.raiseMncContact.contact.crn;

  // Callum's queue of his own work is open; the contact is not in it yet.
  const callum = await signedIn(browser, "casework@cdsp.example", "/queues?queue=MINE");
  await expect(callum.getByRole("heading", { level: 1, name: "Work queues" })).toBeVisible();
  await expect(callum.getByText(/Nothing waits here|contacts?, the soonest due first/).first()).toBeVisible();
  await expect(callum.getByRole("link", { name: crn })).toHaveCount(0);
  const bell = callum.getByRole("link", { name: /^Notifications/ });
  const unread = async () => Number((await bell.textContent())?.match(/\d+/)?.[0] ?? "0");
  const before = await unread();
  await checkPage(callum, "assign-callum-queue-before");

  // Priya, a supervisor, assigns it to him by keyboard; choosing nobody first is explained.
  const priya = await signedIn(browser, "agent@cdsp.example", `/contacts/${crn}`);
  await expect(priya.getByRole("heading", { level: 3, name: "Assign it" })).toBeVisible();
  await checkPage(priya, "assign-contact-page");
  await activate(priya, "button", "Assign");
  await expect(priya.getByRole("link", { name: "Choose who to assign the contact to" })).toBeVisible();
  await checkPage(priya, "assign-nobody-chosen");
  await tabTo(priya, "combobox", /^Assign to/, 80);
  await priya.keyboard.type("Callum");
  await expect(priya.getByRole("combobox", { name: /^Assign to/ })).toHaveValue(/.+/);
  await activate(priya, "button", "Assign");
  await expect(priya.getByRole("status").filter({ hasText: `${crn} is now with Callum Casework.` })).toBeVisible();
  await expect(priya.getByText("It is with Callum Casework.")).toBeVisible();
  await checkPage(priya, "assign-assigned");

  // Callum's open queue and bell change without a reload.
  await expect(callum.getByRole("link", { name: crn })).toBeVisible({ timeout: 15_000 });
  await expect(callum.getByRole("status").filter({ hasText: `${crn} joined the queue.` })).toBeAttached();
  await expect.poll(unread, { timeout: 15_000 }).toBe(before + 1);
  await checkPage(callum, "assign-callum-queue-after");

  // Callum narrows his queue by keyboard: the filters go into the address and survive a reload.
  await tabTo(callum, "combobox", "Status", 80);
  await callum.keyboard.type("Logged");
  await tabTo(callum, "combobox", "Due");
  await callum.keyboard.type("Due within");
  await activate(callum, "button", "Apply filters");
  await expect(callum).toHaveURL(/status=LOGGED/);
  await expect(callum).toHaveURL(/due=week/);
  await expect(callum.getByText(/matching the filters, the soonest due first/)).toBeVisible();
  await expect(callum.getByRole("link", { name: crn })).toBeVisible();
  await callum.reload();
  await expect(callum.getByRole("combobox", { name: "Status" })).toHaveValue("LOGGED");
  await expect(callum.getByRole("link", { name: crn })).toBeVisible();
  await checkPage(callum, "queue-filtered");
  await tabTo(callum, "combobox", "Status", 80);
  await callum.keyboard.type("With");
  await activate(callum, "button", "Apply filters");
  await expect(callum.getByText("No contacts in this queue match these filters.")).toBeVisible();
  await checkPage(callum, "queue-filtered-empty");
  await activate(callum, "link", "Clear filters");
  await expect(callum).not.toHaveURL(/status=/);
  await expect(callum.getByRole("link", { name: crn })).toBeVisible();

  // A filter in the address the page does not offer is said, linked to its field.
  await callum.goto("/queues?queue=MINE&status=REJECTED&due=someday");
  await expect(callum.getByRole("link", { name: /The status in the address is not one this queue holds/ })).toBeVisible();
  await expect(callum.getByRole("link", { name: /The due date in the address is not one we offer/ })).toBeVisible();
  await checkPage(callum, "queue-filter-errors");
});
