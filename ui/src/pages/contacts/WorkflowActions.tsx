import type { ContactAction } from "../../graphql/generated/graphql";
import { AcceptForm } from "./moves/AcceptForm";
import { AllocateForm } from "./moves/AllocateForm";
import { AskForm } from "./moves/AskForm";
import { BookVisitForm } from "./moves/BookVisitForm";
import { HandBackForm } from "./moves/HandBackForm";
import { MoveForm } from "./moves/MoveForm";
import { PickUpButton } from "./moves/PickUpButton";
import { RejectForm } from "./moves/RejectForm";
import { TakeIt } from "./moves/TakeIt";

interface Props {
  crn: string;
  actions: readonly ContactAction[];
  network: string;
  ldz: string;
  allocationReason: string;
  onHandedBack: (message: string) => void;
  assigneeName: string | null;
  onChanged: () => void;
}

/** The CDSP's and the networks' moves, each offered only when the server lists it. */
export function WorkflowActions({ crn, actions, network, ldz, allocationReason, assigneeName, onChanged, onHandedBack }: Props) {
  const offered = (action: ContactAction) => actions.includes(action);
  if (!["PICK_UP", "ASSIGN", "ASK_SHIPPER", "ALLOCATE_TO_NETWORK", "BOOK_SITE_VISIT", "ACCEPT", "REJECT", "MOVE_TO_NETWORK", "HAND_BACK"].some((a) => offered(a as ContactAction))) return null;
  return (
    <section aria-labelledby="workflow-title" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="workflow-title">
        What you can do
      </h2>
      {offered("PICK_UP") && <PickUpButton crn={crn} onChanged={onChanged} />}
      {offered("ASSIGN") && <TakeIt crn={crn} assigneeName={assigneeName} onChanged={onChanged} />}
      {offered("ALLOCATE_TO_NETWORK") && <AllocateForm crn={crn} network={network} ldz={ldz} reason={allocationReason} onChanged={onChanged} />}
      {offered("MOVE_TO_NETWORK") && <MoveForm crn={crn} current={network} onChanged={onChanged} />}
      {offered("HAND_BACK") && <HandBackForm crn={crn} onHandedBack={onHandedBack} />}
      {offered("BOOK_SITE_VISIT") && <BookVisitForm crn={crn} onChanged={onChanged} />}
      {offered("ASK_SHIPPER") && <AskForm crn={crn} onChanged={onChanged} />}
      {offered("ACCEPT") && <AcceptForm crn={crn} onChanged={onChanged} />}
      {offered("REJECT") && <RejectForm crn={crn} onChanged={onChanged} />}
    </section>
  );
}
