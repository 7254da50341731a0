import { describe, expect, it } from "vitest";
import { sessionDeadline, warningLeadSeconds } from "./activity";

describe("when a session ends, by the browser's reckoning", () => {
  it("is the idle timeout after the last request, less the server's refresh granularity", () => {
    // 30 minutes idle: the server may have seen the last request up to a minute earlier.
    expect(sessionDeadline(0, 1800, Infinity)).toBe(1740_000);
  });
  it("is never after the absolute end", () => {
    expect(sessionDeadline(0, 1800, 1000_000)).toBe(1000_000);
  });
  it("warns two minutes before, or a third of a short timeout", () => {
    expect(warningLeadSeconds(1800)).toBe(120);
    expect(warningLeadSeconds(90)).toBe(30);
  });
});
