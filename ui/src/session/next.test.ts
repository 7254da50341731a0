import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next";

describe("where signing in returns to", () => {
  it("returns to the page the user was on", () => {
    expect(safeNextPath("/contacts/MNC-2026-000123?tab=history")).toBe("/contacts/MNC-2026-000123?tab=history");
  });
  it("never leaves the site", () => {
    for (const hostile of ["//evil.example/", "https://evil.example/", "/\\evil.example", "javascript:alert(1)"]) {
      expect(safeNextPath(hostile)).toBe("/");
    }
  });
  it("does not loop back to signing in", () => {
    expect(safeNextPath("/sign-in?next=/x")).toBe("/");
    expect(safeNextPath(null)).toBe("/");
  });
});
