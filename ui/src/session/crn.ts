/**
 * A contact reference as people type it, in any case and with spaces or dashes or neither
 * ("mnc 2026 123", "MNC2026000123"), written the way the server stores it: MNC-2026-000123.
 * Null when it cannot be one.
 */
export function normaliseCrn(typed: string): string | null {
  const compact = typed.toUpperCase().replace(/[\s\-_/]/g, "");
  const match = /^([A-Z]{3})(\d{4})(\d{1,6})$/.exec(compact);
  if (!match) return null;
  const [, type, year, sequence] = match as unknown as [string, string, string, string];
  return `${type}-${year}-${sequence.padStart(6, "0")}`;
}
