import { test } from "@playwright/test";
import { mncByKeyboard } from "./journeys/mnc-by-keyboard";

test("(a) the whole MNC journey by keyboard alone, each party's queue holding the contact exactly while it waits on them, and the Shipper's page showing the MPRN without a reload", async ({ browser }) => {
  test.setTimeout(240_000);
  await mncByKeyboard(browser, "kbd-sqlite");
});
