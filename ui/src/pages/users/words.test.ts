import { describe, expect, it } from "vitest";
import {
  auditDetails,
  auditEventWords,
  daysInactiveWords,
  factorWords,
  inactivityWarning,
  lastSignInWords,
  parseAuditEvent,
  parseStatus,
  reasonProblem,
  roleWords,
  searchProblem,
} from "./words";

describe("days inactive", () => {
  it("says less than a day, one day, or how many days, in words", () => {
    expect(daysInactiveWords(0, "ACTIVE")).toBe("Less than a day");
    expect(daysInactiveWords(1, "ACTIVE")).toBe("1 day");
    expect(daysInactiveWords(120, "DISABLED")).toBe("120 days");
    expect(daysInactiveWords(1200, "DISABLED")).toBe("1,200 days");
  });

  it("says an invited account has not started, rather than a number", () => {
    expect(daysInactiveWords(null, "INVITED")).toBe("Not yet active");
    expect(daysInactiveWords(null, "ACTIVE")).toBe("Not known");
  });

  it("warns only in the last 10 days before the 90-day job disables an active account", () => {
    expect(inactivityWarning(79, "ACTIVE")).toBeNull();
    expect(inactivityWarning(80, "ACTIVE")).toBe("It will be disabled for inactivity in 10 days");
    expect(inactivityWarning(89, "ACTIVE")).toBe("It will be disabled for inactivity in 1 day");
    expect(inactivityWarning(90, "ACTIVE")).toBe("It will be disabled for inactivity tonight");
    expect(inactivityWarning(120, "DISABLED")).toBeNull();
    expect(inactivityWarning(null, "INVITED")).toBeNull();
  });
});

describe("an account in words", () => {
  it("writes the last sign-in in UK time, or Never", () => {
    expect(lastSignInWords(null)).toBe("Never");
    expect(lastSignInWords("2026-07-01T08:05:00Z")).toBe("1 July 2026 at 9:05am");
    expect(lastSignInWords("2026-01-15T14:30:00Z")).toBe("15 January 2026 at 2:30pm");
  });

  it("names roles and second factors in words", () => {
    expect(roleWords(["USER", "LSO"])).toBe("User, Local Security Officer");
    expect(factorWords("TOTP", "ACTIVE")).toBe("An authenticator app");
    expect(factorWords(null, "ACTIVE")).toMatch(/choose one at their next sign-in/);
  });

  it("takes from the address bar only a status or event the API knows", () => {
    expect(parseStatus("DISABLED")).toBe("DISABLED");
    expect(parseStatus("disabled")).toBeNull();
    expect(parseStatus(null)).toBeNull();
    expect(parseAuditEvent("MFA_RESET")).toBe("MFA_RESET");
    expect(parseAuditEvent("DROP TABLE")).toBeNull();
    expect(auditEventWords("MFA_RESET")).toBe("Second factor reset");
    expect(auditEventWords("SOMETHING_NEW")).toBe("SOMETHING_NEW");
  });
});

describe("validation", () => {
  it("refuses a search over 100 characters, saying how long it is and what to do", () => {
    expect(searchProblem("a".repeat(100))).toBeNull();
    expect(searchProblem(`  ${"a".repeat(100)}  `)).toBeNull();
    expect(searchProblem("a".repeat(101))).toBe("Search must be 100 characters or fewer; you have 101. Search for fewer words.");
  });

  it("asks for a reason where one is needed, and refuses one too long or with control characters", () => {
    expect(reasonProblem("  ", true, "disabling the account")).toBe("Enter why you are disabling the account");
    expect(reasonProblem("", false, "enabling the account")).toBeNull();
    expect(reasonProblem("Left the company", true, "disabling the account")).toBeNull();
    expect(reasonProblem("x".repeat(501), true, "disabling the account")).toMatch(/500 characters or fewer; you have 501/);
    expect(reasonProblem("bad\u0007bell", true, "disabling the account")).toMatch(/plain text/);
  });
});

describe("audit details", () => {
  it("lists a JSON object's pairs with readable keys", () => {
    expect(auditDetails('{"channel": "EMAIL", "reason": "Lost phone"}')).toEqual([
      { key: "Channel", value: "Codes by email" },
      { key: "Reason", value: "Lost phone" },
    ]);
    expect(auditDetails("{}")).toEqual([]);
    expect(auditDetails("not json")).toEqual([{ key: "Details", value: "not json" }]);
  });
});
