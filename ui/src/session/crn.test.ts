import { describe, expect, it } from "vitest";
import { normaliseCrn } from "./crn";

describe("a contact reference as typed", () => {
  it.each([
    ["MNC-2026-000123", "MNC-2026-000123"],
    ["mnc2026000123", "MNC-2026-000123"],
    ["mnc 2026 000123", "MNC-2026-000123"],
    [" Mnc-2026-123 ", "MNC-2026-000123"],
  ])("%s is found as %s", (typed, crn) => {
    expect(normaliseCrn(typed)).toBe(crn);
  });

  it.each(["", "MNC", "12 oak road", "MNC-26-1", "MNC-2026-1234567"])("%s is not a reference", (typed) => {
    expect(normaliseCrn(typed)).toBeNull();
  });
});
