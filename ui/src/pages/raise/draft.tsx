import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import type { MarketSector, MncReason } from "../../graphql/generated/graphql";

export interface ChosenAddress {
  udprn: string;
  lines: string[];
  postcode: string;
}

export interface ManualAddress {
  buildingNameOrNumber: string;
  thoroughfare: string;
  postTown: string;
  postcode: string;
}

/** Everything typed while raising a contact, kept until it is logged: nothing is lost. */
export interface RaiseDraft {
  addressText: string;
  address: ChosenAddress | null;
  manual: ManualAddress | null;
  marketSector: MarketSector | null;
  annualQuantityKwh: string;
  reason: MncReason | null;
  meterSerialNumber: string;
  siteContactName: string;
  siteContactPhone: string;
  notes: string;
}

export const EMPTY_DRAFT: RaiseDraft = {
  addressText: "",
  address: null,
  manual: null,
  marketSector: null,
  annualQuantityKwh: "",
  reason: null,
  meterSerialNumber: "",
  siteContactName: "",
  siteContactPhone: "",
  notes: "",
};

// sessionStorage keeps the draft across a reload or a sign-in again in this tab; it holds what
// the user typed, never a credential.
const STORAGE_KEY = "cms.raise-draft";

function stored(): RaiseDraft {
  try {
    const text = sessionStorage.getItem(STORAGE_KEY);
    return text ? { ...EMPTY_DRAFT, ...(JSON.parse(text) as Partial<RaiseDraft>) } : EMPTY_DRAFT;
  } catch {
    return EMPTY_DRAFT;
  }
}

interface DraftContextValue {
  draft: RaiseDraft;
  update: (change: Partial<RaiseDraft>) => void;
  clear: () => void;
}

const DraftContext = createContext<DraftContextValue | null>(null);

export function RaiseDraftProvider({ children }: { children: ReactNode }) {
  const [draft, setDraft] = useState<RaiseDraft>(stored);
  useEffect(() => {
    sessionStorage.setItem(STORAGE_KEY, JSON.stringify(draft));
  }, [draft]);
  const update = useCallback((change: Partial<RaiseDraft>) => setDraft((current) => ({ ...current, ...change })), []);
  const clear = useCallback(() => {
    sessionStorage.removeItem(STORAGE_KEY);
    setDraft(EMPTY_DRAFT);
  }, []);
  const value = useMemo(() => ({ draft, update, clear }), [draft, update, clear]);
  return <DraftContext.Provider value={value}>{children}</DraftContext.Provider>;
}

export function useRaiseDraft(): DraftContextValue {
  const value = useContext(DraftContext);
  if (!value) throw new Error("useRaiseDraft is for the raise pages");
  return value;
}

/** The step of the journey where a refused field is answered, with the field's id there. */
export function whereToChange(field: string | null | undefined): { path: string; fieldId: string } {
  if (!field || field === "udprn" || field === "address") return { path: "/raise", fieldId: "address" };
  if (field.startsWith("manualAddress")) {
    const part = field.split(".")[1] ?? "buildingNameOrNumber";
    return { path: "/raise/manual-address", fieldId: `manual-${part}` };
  }
  return { path: "/raise/details", fieldId: field };
}
