import { describe, expect, it } from "vitest";
import { freeLdzs, nominationErrors, normaliseShortCode, organisationErrors, passwordErrors, rejectionErrors, rolesFor, rolesInWords } from "./logic";

// As Query.ldzs lists them.
const LDZS = ["EA", "EM", "NE", "NO", "NT", "NW", "SC", "SE", "SO", "SW", "WM", "WN", "WS"].map((code) => ({ code, name: `Zone ${code}` }));

describe("freeLdzs", () => {
  it("lists the zones no network owns, in the order given", () => {
    const networks = [{ ldzs: [{ code: "NW" }, { code: "EA" }] }, { ldzs: [{ code: "SC" }] }];
    const free = freeLdzs(LDZS, networks).map((ldz) => ldz.code);
    expect(free).toHaveLength(10);
    expect(free).not.toContain("NW");
    expect(free).not.toContain("SC");
    expect(free[0]).toBe("EM");
  });

  it("is empty when the networks own all 13", () => {
    expect(freeLdzs(LDZS, [{ ldzs: LDZS }])).toEqual([]);
  });
});

describe("nominationErrors", () => {
  const good = { name: "Nia Newcomer", email: "nia@alpha.example", mobile: "", roles: ["USER" as const], organisationId: null };

  it("accepts a complete nomination", () => {
    expect(nominationErrors(good, false)).toEqual([]);
  });

  it("names each missing field, linked to it", () => {
    const errors = nominationErrors({ ...good, name: " ", email: "", roles: [] }, true);
    expect(errors.map((e) => e.href)).toEqual(["organisation", "name", "email", "roles"]);
  });

  it("says how to write an email address", () => {
    expect(nominationErrors({ ...good, email: "nia at alpha" }, false)[0]?.message).toMatch(/like name@example.com/);
  });
});

describe("organisationErrors", () => {
  const good = { kind: "SHIPPER" as const, name: "Gamma Gas", shortCode: "gmg", ldzs: [] };

  it("accepts a shipper with a short code in any case", () => {
    expect(organisationErrors(good, [])).toEqual([]);
  });

  it("refuses a short code with a space, saying what one looks like", () => {
    expect(organisationErrors({ ...good, shortCode: "G G" }, [])[0]).toEqual({
      href: "short-code",
      message: expect.stringMatching(/2 to 16 letters or digits.*AGS/) as string,
    });
    expect(organisationErrors({ ...good, shortCode: "G" }, [])).toHaveLength(1);
  });

  it("asks for a network's LDZs, and says when none is free", () => {
    expect(organisationErrors({ ...good, kind: "NETWORK" }, [{ code: "EA" }])[0]?.message).toBe("Choose at least one LDZ the network owns");
    expect(organisationErrors({ ...good, kind: "NETWORK" }, [])[0]?.message).toMatch(/Every LDZ belongs to a network already/);
  });

  it("asks for the kind", () => {
    expect(organisationErrors({ ...good, kind: null }, []).map((e) => e.href)).toEqual(["kind"]);
  });
});

describe("passwordErrors", () => {
  it("asks for the password, then its confirmation, then that they match", () => {
    expect(passwordErrors("", "")[0]?.href).toBe("password");
    expect(passwordErrors("long enough words", "")[0]?.href).toBe("confirm");
    expect(passwordErrors("long enough words", "long enough word")[0]?.message).toMatch(/do not match/);
    expect(passwordErrors("long enough words", "long enough words")).toEqual([]);
  });
});

describe("the rest", () => {
  it("puts the server's refusals on the form's fields", () => {
    expect(rejectionErrors([{ field: "shortCode", message: "used" }, { field: null, message: "odd" }], { shortCode: "short-code" }, "kind")).toEqual([
      { href: "short-code", message: "used" },
      { href: "kind", message: "odd" },
    ]);
  });

  it("offers account administration only to CDSP people", () => {
    expect(rolesFor("SHIPPER")).not.toContain("ACCOUNT_ADMIN");
    expect(rolesFor("CDSP")).toContain("ACCOUNT_ADMIN");
  });

  it("writes roles in one order, whatever order they come in", () => {
    expect(rolesInWords(["LSO", "USER"])).toBe("User, Local Security Officer");
  });

  it("keeps short codes as the server does", () => {
    expect(normaliseShortCode(" gmg ")).toBe("GMG");
  });
});
