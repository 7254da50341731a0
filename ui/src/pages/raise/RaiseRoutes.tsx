import { Route, Routes } from "react-router";
import { RaiseDraftProvider } from "./draft";
import { AddressStep } from "./AddressStep";
import { ManualAddressStep } from "./ManualAddressStep";
import { DetailsStep } from "./DetailsStep";
import { CheckAnswersStep } from "./CheckAnswersStep";
import { NotFoundPage } from "../errors/NotFoundPage";

/** Raising an MNC contact, one question per page; the draft lives across the steps. */
export function RaiseRoutes() {
  return (
    <RaiseDraftProvider>
      <Routes>
        <Route index element={<AddressStep />} />
        <Route path="manual-address" element={<ManualAddressStep />} />
        <Route path="details" element={<DetailsStep />} />
        <Route path="check" element={<CheckAnswersStep />} />
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </RaiseDraftProvider>
  );
}
