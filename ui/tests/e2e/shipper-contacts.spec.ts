import { expect, test } from "@playwright/test";
import { api, apiToken, checkPage, signIn } from "./support";

const RAISE = `mutation ($udprn: ID!) { raiseMncContact(input: {udprn: $udprn, marketSector: DOMESTIC, annualQuantityKwh: 9000, reason: NEW_SERVICE}) { ... on ContactLogged { contact { crn } } ... on ContactRejected { reasons { message } } } }`;

test("a Shipper answers the CDSP's question on the contact page, then withdraws the contact after confirming", async ({ page, request }) => {
  const alice = await apiToken(request, "alice@alpha.example");
  const raised = await api<{ raiseMncContact: { contact: { crn: string } } }>(request, alice, RAISE, { udprn: "12026004" });
  const crn = raised.raiseMncContact.contact.crn;
  const agent = await apiToken(request, "agent@cdsp.example");
  await api(request, agent, `mutation ($crn: String!) { pickUpContact(crn: $crn) { __typename } }`, { crn });
  await api(request, agent, `mutation ($crn: String!) { askShipper(crn: $crn, question: "Is the site a new build?") { __typename } }`, { crn });

  await signIn(page, "alice@alpha.example", `/contacts/${crn}`);
  await expect(page.getByRole("heading", { level: 1, name: crn })).toBeVisible();
  await expect(page.getByText("Is the site a new build?").first()).toBeVisible();
  await checkPage(page, "contact-question-for-shipper");

  await page.getByRole("button", { name: "Send the answer" }).click();
  await expect(page.getByRole("link", { name: "Enter your answer to the question" })).toBeVisible();
  await checkPage(page, "contact-answer-error");
  await page.getByLabel("Your answer").fill("Yes, finished last month.");
  await page.getByRole("button", { name: "Send the answer" }).click();
  await expect(page.getByRole("heading", { level: 3, name: /Question answered|Answered/i })).toBeVisible();
  await expect(page.getByRole("button", { name: "Send the answer" })).toHaveCount(0);

  await page.getByLabel("Why are you withdrawing it?").fill("Raised for the wrong plot.");
  await page.getByRole("button", { name: "Withdraw the contact" }).click();
  const confirm = page.getByRole("dialog", { name: `Withdraw ${crn}?` });
  await expect(confirm).toBeVisible();
  await checkPage(page, "contact-withdraw-confirm");
  await confirm.getByRole("button", { name: "Yes, withdraw it" }).click();
  await expect(page.getByText("Withdrawn", { exact: true }).first()).toBeVisible();
  await expect(page.getByRole("button", { name: "Withdraw the contact" })).toHaveCount(0);
});

test("My organisation's contacts: filters, an empty state that says what to do, and paging", async ({ page, request }) => {
  const bob = await apiToken(request, "bob@beta.example");
  await signIn(page, "bob@beta.example", "/contacts");
  await expect(page.getByRole("heading", { level: 1, name: "My organisation's contacts" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "No contacts yet" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Raise a Meter Number Creation contact" })).toBeVisible();
  await checkPage(page, "contacts-empty");

  const raised: string[] = [];
  for (const udprn of ["12026006", "12026007", "12026008"]) {
    const answer = await api<{ raiseMncContact: { contact?: { crn: string } } }>(request, bob, RAISE, { udprn });
    if (answer.raiseMncContact.contact) raised.push(answer.raiseMncContact.contact.crn);
  }
  expect(raised.length).toBeGreaterThan(1);
  await page.reload();
  await expect(page.getByText(`of ${raised.length} contacts`)).toBeVisible();
  await checkPage(page, "contacts-list");

  // Find one by its reference typed loosely.
  const wanted = raised[0] ?? "";
  await page.getByLabel("Reference or address").fill(wanted.toLowerCase().replace(/-/g, " "));
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("Showing 1 to 1 of 1 contact")).toBeVisible();
  await expect(page.getByRole("link", { name: wanted })).toBeVisible();

  // A filter that matches nothing says so, and how to clear it.
  await page.getByLabel("Reference or address").fill("");
  await page.getByRole("checkbox", { name: "Rejected" }).check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: "No contacts match these filters" })).toBeVisible();
  await checkPage(page, "contacts-no-match");
  await page.getByRole("link", { name: "Clear filters" }).click();
  await expect(page.getByText(`of ${raised.length} contacts`)).toBeVisible();
});
