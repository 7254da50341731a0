"""The contacts commands' routes: which handler the bus gives each command to."""

from __future__ import annotations

from cms.core.contacts.commands import (
    AcceptContact,
    AllocateToNetwork,
    AnswerQuestion,
    AskShipper,
    AssignContact,
    BookSiteVisit,
    CreateMprn,
    HandBackToCdsp,
    LapseUnansweredQuestions,
    MoveToNetwork,
    PickUpContact,
    RaiseMncContact,
    RejectContact,
    RequestMissingMprns,
    WithdrawContact,
)
from cms.core.contacts.raising import ContactsHandlers
from cms.core.contacts.read_model import ReadModelHandlers, RedeliverContactEvents
from cms.core.contacts.workflow import WorkflowHandlers
from cms.core.shared.bus import Handler
from cms.core.shared.messages import Command


def routes(
    contacts: ContactsHandlers, workflow: WorkflowHandlers, read_model: ReadModelHandlers
) -> dict[type[Command], Handler]:
    return {
        RaiseMncContact: contacts.raise_mnc_contact,
        PickUpContact: workflow.pick_up,
        AssignContact: workflow.assign,
        AskShipper: workflow.ask_shipper,
        AnswerQuestion: workflow.answer_question,
        AllocateToNetwork: workflow.allocate_to_network,
        MoveToNetwork: workflow.move_to_network,
        HandBackToCdsp: workflow.hand_back,
        BookSiteVisit: workflow.book_site_visit,
        AcceptContact: workflow.accept,
        RejectContact: workflow.reject,
        WithdrawContact: workflow.withdraw,
        CreateMprn: workflow.create_mprn,
        RequestMissingMprns: workflow.request_missing_mprns,
        LapseUnansweredQuestions: workflow.lapse_unanswered,
        RedeliverContactEvents: read_model.redeliver,
    }
