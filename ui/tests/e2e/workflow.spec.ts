import { expect, test, type Browser, type Page } from "@playwright/test";
import { api, apiToken, checkPage, signIn } from "./support";

async function person(browser: Browser, email: string, path: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: test.info().project.use.baseURL });
  const page = await context.newPage();
  await signIn(page, email, path);
  return page;
}

/** The next working day at least two weeks ahead, as day, month and year. */
function workingDayAhead(): [string, string, string] {
  const day = new Date();
  day.setDate(day.getDate() + 14);
  while (day.getDay() === 0 || day.getDay() === 6) day.setDate(day.getDate() + 1);
  return [String(day.getDate()), String(day.getMonth() + 1), String(day.getFullYear())];
}

test("every step of the workflow on the contact page: the CDSP picks up and asks, the Shipper answers, the CDSP allocates, the network books a visit and accepts, and the Shipper sees the MPRN without a reload", async ({ browser, request }) => {
  test.setTimeout(180_000);
  const alice = await apiToken(request, "alice@alpha.example");
  const raised = await api<{ raiseMncContact: { contact: { crn: string } } }>(
    request,
    alice,
    `mutation { raiseMncContact(input: {udprn: "12026011", marketSector: DOMESTIC, annualQuantityKwh: 9000, reason: NEW_SERVICE}) { ... on ContactLogged { contact { crn } } } }`,
  );
  const crn = raised.raiseMncContact.contact.crn;

  const shipper = await person(browser, "alice@alpha.example", `/contacts/${crn}`);
  const agent = await person(browser, "agent@cdsp.example", "/queues?queue=UNASSIGNED");
  await expect(agent.getByRole("link", { name: crn })).toBeVisible();
  await checkPage(agent, "queue-unassigned");
  await agent.getByRole("link", { name: crn }).click();
  await checkPage(agent, "contact-cdsp-logged");
  await agent.getByRole("button", { name: "Pick up the contact" }).click();
  await expect(agent.getByText("With the CDSP").first()).toBeVisible();

  await agent.getByLabel("Your question").fill("Is the meter fitted yet?");
  await agent.getByRole("button", { name: "Send the question" }).click();
  await expect(agent.getByText("Awaiting the Shipper").first()).toBeVisible();

  // The Shipper's open page shows the question without a reload.
  await expect(shipper.getByText("Is the meter fitted yet?").first()).toBeVisible();
  await shipper.getByLabel("Your answer").fill("Not yet: next week.");
  await shipper.getByRole("button", { name: "Send the answer" }).click();

  await expect(agent.getByText("With the CDSP").first()).toBeVisible();
  await expect(agent.getByText(/is in LDZ EA \(.*\), which belongs to Cadent/)).toBeVisible();
  await checkPage(agent, "contact-cdsp-allocate");
  await agent.getByRole("button", { name: "Allocate to Cadent" }).click();
  await expect(agent.getByText("With the network").first()).toBeVisible();

  const network = await person(browser, "dn@cadent.example", `/contacts/${crn}`);
  const [day, month, year] = workingDayAhead();
  await network.getByRole("group", { name: "Book a site visit" }).getByLabel("Day").fill("31");
  await network.getByRole("group", { name: "Book a site visit" }).getByLabel("Month").fill("2");
  await network.getByRole("group", { name: "Book a site visit" }).getByLabel("Year").fill(year);
  await network.getByRole("button", { name: "Book the visit" }).click();
  await expect(network.getByRole("link", { name: /real date/ })).toBeVisible();
  await checkPage(network, "contact-network-visit-error");
  await network.getByLabel("Day").fill(day);
  await network.getByLabel("Month").fill(month);
  await network.getByRole("button", { name: "Book the visit" }).click();
  await expect(network.getByText("Site visit booked").first()).toBeVisible();

  await network.getByRole("button", { name: "Accept the contact" }).click();
  const confirm = network.getByRole("dialog", { name: `Accept ${crn}?` });
  await expect(confirm).toBeVisible();
  await checkPage(network, "contact-network-accept-confirm");
  await confirm.getByRole("button", { name: "Yes, accept it" }).click();

  // UK Link answers through a job; the Shipper's page shows the MPRN as it arrives.
  await expect(shipper.getByText("MPRN created").first()).toBeVisible({ timeout: 30_000 });
  await expect(shipper.getByRole("term").filter({ hasText: "MPRN" })).toBeVisible();
  await checkPage(shipper, "contact-shipper-mprn");
});

test("a contact with the wrong network: the CDSP moves it to another network, and that network hands it back", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const alice = await apiToken(request, "alice@alpha.example");
  const raised = await api<{ raiseMncContact: { contact: { crn: string } } }>(
    request,
    alice,
    `mutation { raiseMncContact(input: {udprn: "12026012", marketSector: DOMESTIC, annualQuantityKwh: 9000, reason: NEW_SERVICE}) { ... on ContactLogged { contact { crn } } } }`,
  );
  const crn = raised.raiseMncContact.contact.crn;
  const agentToken = await apiToken(request, "agent@cdsp.example");
  await api(request, agentToken, `mutation ($crn: String!) { pickUpContact(crn: $crn) { __typename } }`, { crn });
  await api(request, agentToken, `mutation ($crn: String!) { allocateToNetwork(crn: $crn) { __typename } }`, { crn });

  const agent = await person(browser, "agent@cdsp.example", `/contacts/${crn}`);
  await expect(agent.getByRole("heading", { level: 3, name: "Move it to another network" })).toBeVisible();
  await agent.getByRole("button", { name: "Move the contact" }).click();
  await expect(agent.getByRole("link", { name: "Enter why it belongs to that network" })).toBeVisible();
  await checkPage(agent, "contact-cdsp-move-errors");
  const ngnOption = (await agent.getByRole("option", { name: /^Northern Gas Networks/ }).textContent()) ?? "";
  await agent.getByLabel("Network", { exact: true }).selectOption({ label: ngnOption });
  await agent.getByLabel("Note for the networks").fill("The site is across the border, on NGN's main.");
  await agent.getByRole("button", { name: "Move the contact" }).click();
  await expect(agent.getByText(/Northern Gas Networks/).first()).toBeVisible();

  // (Each network's user here signs in with email codes; others enrol other factors elsewhere.)
  const ngn = await person(browser, "dn@ngn.example", `/contacts/${crn}`);
  await expect(ngn.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  await ngn.getByLabel("Note for the CDSP").fill("Not ours either: please check the LDZ.");
  await ngn.getByRole("button", { name: "Hand it back" }).click();
  const confirm = ngn.getByRole("dialog", { name: `Hand ${crn} back to the CDSP?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole("button", { name: "Yes, hand it back" }).click();
  await expect(ngn.getByRole("heading", { level: 1, name: "Work queues" })).toBeVisible();
  await expect(ngn.getByRole("alert").filter({ hasText: "Success" })).toBeVisible();
  await checkPage(ngn, "queue-after-hand-back");
  await expect(agent.getByText("With the CDSP").first()).toBeVisible();
});
