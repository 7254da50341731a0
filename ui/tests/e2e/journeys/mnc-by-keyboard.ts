// The whole MNC journey by keyboard alone, shared by the SQLite and the PostgreSQL specs.
// Each person works in their own browser with the keyboard only (Tab, Shift+Tab, Enter, Space,
// arrow keys, typing); locators only check what is shown and what has focus. Beside each working
// page, an observer page in the same browser shows that party's queue, to check it holds the
// contact exactly while the contact waits on them: the CDSP's and the network's queue pages are
// live (they are never reloaded); a Shipper has no queue page, so theirs is their contacts list
// narrowed to "Awaiting the Shipper", read again at each step.
import { expect, test, type Browser, type Page } from "@playwright/test";
import { checkPage, signIn, tabTo } from "../support";

const SHIPPER = "alice@alpha.example"; // Beta stays without contacts until the contacts-list journey shows its empty state
const AGENT = "casework@cdsp.example";
// 3 Shelley Close, St Albans AL3 6GQ: no meter point, in LDZ EA, which belongs to Cadent.
const TYPED_ADDRESS = "3 shelley close al3";
const ADDRESS_OPTION = /^3 Shelley Close/;
const NETWORK_USERS: Record<string, string> = {
  Cadent: "dn@cadent.example",
  "Northern Gas Networks": "dn@ngn.example",
};

export async function signedIn(browser: Browser, email: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, email, path, { keyboard: true });
  return page;
}

async function observer(working: Page, path: string): Promise<Page> {
  const page = await working.context().newPage();
  await page.goto(path);
  await expect(page.locator("h1")).toBeVisible();
  return page;
}

/** The next working day at least two weeks ahead, as day, month and year. */
function workingDayAhead(): [string, string, string] {
  const day = new Date();
  day.setDate(day.getDate() + 14);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  return [String(day.getDate()), String(day.getMonth() + 1), String(day.getFullYear())];
}

/** Press Enter on the element with this role and name, reached by Tab. */
export async function activate(page: Page, role: Parameters<Page["getByRole"]>[0], name: string | RegExp): Promise<void> {
  await tabTo(page, role, name, 80);
  await page.keyboard.press("Enter");
}

async function typeAddressAndChoose(page: Page): Promise<void> {
  const field = page.getByRole("combobox", { name: "Address or postcode" });
  await tabTo(page, "combobox", "Address or postcode");
  await page.keyboard.type(TYPED_ADDRESS, { delay: 40 });
  await expect(page.getByRole("listbox", { name: "Addresses found" })).toBeVisible();
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("ArrowDown");
    const active = await field.getAttribute("aria-activedescendant");
    if (active && ADDRESS_OPTION.test((await page.locator(`[id="${active}"]`).textContent()) ?? "")) break;
  }
  await page.keyboard.press("Enter");
  await expect(field).toHaveAttribute("aria-expanded", "false");
}

/** The Shipper's own list of what waits on them, read again: does it hold the contact? */
async function shipperWaitsOn(list: Page, crn: string, waits: boolean): Promise<void> {
  await list.reload();
  await expect(list.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(list.getByText(/Showing|No contacts/).first()).toBeVisible();
  await expect(list.getByRole("link", { name: crn })).toHaveCount(waits ? 1 : 0);
}

/** A live queue page (never reloaded here): does it hold the contact? */
async function queueHolds(queue: Page, crn: string, holds: boolean): Promise<void> {
  await expect(queue.getByRole("link", { name: crn })).toHaveCount(holds ? 1 : 0, { timeout: 15_000 });
}

export async function mncByKeyboard(browser: Browser, prefix: string): Promise<void> {
  // The Shipper raises the contact.
  const shipper = await signedIn(browser, SHIPPER, "/");
  const shipperQueue = await observer(shipper, "/contacts?status=AWAITING_SHIPPER");
  await checkPage(shipperQueue, `${prefix}-shipper-waiting-list`);
  await activate(shipper, "link", "Raise a contact");
  await expect(shipper.getByRole("heading", { level: 1, name: "What is the address of the site?" })).toBeVisible();
  await typeAddressAndChoose(shipper);
  await checkPage(shipper, `${prefix}-raise-address-chosen`);
  await activate(shipper, "button", "Continue");
  await expect(shipper.getByRole("heading", { level: 1, name: "About the meter point" })).toBeVisible();
  await tabTo(shipper, "radio", /^Domestic/);
  await shipper.keyboard.press("Space");
  await tabTo(shipper, "textbox", "Estimated annual quantity (kWh)");
  await shipper.keyboard.type("9,500");
  await tabTo(shipper, "radio", "A new gas service");
  await shipper.keyboard.press("Space");
  await activate(shipper, "button", "Continue");
  await expect(shipper.getByRole("heading", { level: 1, name: "Check your answers before raising the contact" })).toBeVisible();
  await checkPage(shipper, `${prefix}-raise-check`);
  await activate(shipper, "button", "Raise the contact");
  const logged = shipper.getByRole("dialog", { name: "Contact logged" });
  await expect(logged).toBeVisible();
  const crn = ((await logged.locator(".cms-crn").textContent()) ?? "").trim();
  expect(crn).toMatch(/^MNC-\d{4}-\d{6}$/);
  await shipper.keyboard.press("Escape");
  await expect(logged).toBeHidden();
  // To the contact's page by the header's search, typed.
  await tabTo(shipper, "searchbox", "Find a contact by reference", 80);
  await shipper.keyboard.type(crn);
  await shipper.keyboard.press("Enter");
  await expect(shipper.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  await checkPage(shipper, `${prefix}-shipper-contact-logged`);
  await shipperWaitsOn(shipperQueue, crn, false);

  // A CDSP agent finds it unassigned, picks it up and asks the Shipper a question.
  const agent = await signedIn(browser, AGENT, "/queues?queue=UNASSIGNED");
  const cdspQueue = await observer(agent, "/queues?queue=ORGANISATION");
  await queueHolds(cdspQueue, crn, true);
  await checkPage(cdspQueue, `${prefix}-cdsp-queue-logged`);
  await expect(agent.getByRole("link", { name: crn })).toBeVisible();
  await checkPage(agent, `${prefix}-cdsp-unassigned`);
  await activate(agent, "link", crn);
  await expect(agent.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  await checkPage(agent, `${prefix}-cdsp-contact-logged`);
  await activate(agent, "button", "Pick up the contact");
  await expect(agent.getByText("With the CDSP").first()).toBeVisible();
  await tabTo(agent, "textbox", "Your question", 80);
  await agent.keyboard.type("Is the meter box fitted yet?");
  await activate(agent, "button", "Send the question");
  await expect(agent.getByText("Awaiting the Shipper").first()).toBeVisible();
  await checkPage(agent, `${prefix}-cdsp-contact-asked`);
  await queueHolds(cdspQueue, crn, false);
  await shipperWaitsOn(shipperQueue, crn, true);
  await checkPage(shipperQueue, `${prefix}-shipper-waiting-list-holds-it`);

  // The Shipper's open page shows the question without a reload; they answer.
  await expect(shipper.getByText("Is the meter box fitted yet?").first()).toBeVisible({ timeout: 15_000 });
  await checkPage(shipper, `${prefix}-shipper-contact-question`);
  await tabTo(shipper, "textbox", "Your answer", 80);
  await shipper.keyboard.type("Yes, on the front wall.");
  await activate(shipper, "button", "Send the answer");
  await expect(shipper.getByText("With the CDSP").first()).toBeVisible();
  await shipperWaitsOn(shipperQueue, crn, false);
  await queueHolds(cdspQueue, crn, true);

  // The agent allocates it to the network that owns the site's LDZ.
  await expect(agent.getByText("With the CDSP").first()).toBeVisible({ timeout: 15_000 });
  const allocate = agent.getByRole("button", { name: /^Allocate to / });
  await expect(allocate).toBeVisible();
  const networkName = ((await allocate.textContent()) ?? "").replace(/^Allocate to /, "").trim();
  const networkEmail = NETWORK_USERS[networkName] ?? "";
  expect(networkEmail, `a network user for ${networkName}`).toBeTruthy();
  await checkPage(agent, `${prefix}-cdsp-contact-allocate`);
  await activate(agent, "button", `Allocate to ${networkName}`);
  await expect(agent.getByText("With the network").first()).toBeVisible();
  await queueHolds(cdspQueue, crn, false);

  // The network finds it in its queue, books a visit and accepts.
  const network = await signedIn(browser, networkEmail, "/queues?queue=ORGANISATION");
  const networkQueue = await observer(network, "/queues?queue=ORGANISATION");
  await queueHolds(networkQueue, crn, true);
  await checkPage(network, `${prefix}-network-queue`);
  await activate(network, "link", crn);
  await expect(network.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  const [day, month, year] = workingDayAhead();
  await tabTo(network, "textbox", "Day", 80);
  await network.keyboard.type(day);
  await tabTo(network, "textbox", "Month");
  await network.keyboard.type(month);
  await tabTo(network, "textbox", "Year");
  await network.keyboard.type(year);
  await activate(network, "button", "Book the visit");
  await expect(network.getByText("Site visit booked").first()).toBeVisible();
  await checkPage(network, `${prefix}-network-contact-booked`);
  await queueHolds(networkQueue, crn, true);
  await shipperWaitsOn(shipperQueue, crn, false);

  await activate(network, "button", "Accept the contact");
  const confirm = network.getByRole("dialog", { name: `Accept ${crn}?` });
  await expect(confirm).toBeVisible();
  await checkPage(network, `${prefix}-network-accept-confirm`);
  await activate(network, "button", "Yes, accept it");
  await expect(confirm).toBeHidden();
  await queueHolds(networkQueue, crn, false);
  await checkPage(networkQueue, `${prefix}-network-queue-after-accept`);

  // UK Link answers through a job; the Shipper's page, never reloaded, shows the MPRN.
  await expect(shipper.getByText("MPRN created").first()).toBeVisible({ timeout: 30_000 });
  await expect(shipper.getByRole("term").filter({ hasText: "MPRN" })).toBeVisible();
  await checkPage(shipper, `${prefix}-shipper-contact-mprn`);
  await queueHolds(cdspQueue, crn, false);
  await shipperWaitsOn(shipperQueue, crn, false);
}
