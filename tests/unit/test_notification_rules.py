"""Who is told what: the rules over a contact's history, without a database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cms.core.contacts.lifecycle import ContactStatus as S
from cms.core.notifications.model import LoggedEvent
from cms.core.notifications.rules import notifications_for, parties_through

CRN = "MNC-2026-000042"
RAISER, AGENT, SUPERVISOR, ASSIGNEE = "raiser", "agent", "supervisor", "assignee"
NETWORK_USERS = {"NGN": ["ngn-1", "ngn-2"], "WWU": ["wwu-1"]}
START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


class History:
    """A contact's events as the log holds them, added in order."""

    def __init__(self) -> None:
        self.events: list[LoggedEvent] = []

    def add(
        self, kind: str, actor: str | None, to: S | None, frm: S | None = None, **payload: Any
    ) -> LoggedEvent:
        previous = self.events[-1].to_status if self.events else None
        event = LoggedEvent(
            position=len(self.events) + 1,
            event_id=f"event-{len(self.events) + 1}",
            crn=CRN,
            kind=kind,
            actor_id=actor,
            occurred_at=START + timedelta(minutes=len(self.events)),
            from_status=frm if frm is not None else previous,
            to_status=to,
            payload=payload,
        )
        self.events.append(event)
        return event

    def told(self, event: LoggedEvent) -> dict[str, str]:
        """Recipient -> message, for one event of this history."""
        before, after = parties_through(self.events)[event.event_id]
        made = notifications_for(event, before, after, lambda code: NETWORK_USERS.get(code, []))
        assert all(n.crn == CRN and n.event_id == event.event_id for n in made)
        return {n.recipient_id: n.message for n in made}


def logged() -> History:
    history = History()
    history.add("LOGGED", RAISER, S.LOGGED, shipper_organisation_id="ags", network="NGN")
    return history


def with_cdsp() -> History:
    history = logged()
    history.add("PICKED_UP", AGENT, S.WITH_CDSP, assignee_id=AGENT)
    return history


def with_network() -> History:
    history = with_cdsp()
    history.add("ALLOCATED_TO_NETWORK", AGENT, S.WITH_NETWORK, network="NGN")
    return history


def test_nobody_is_told_of_their_own_action() -> None:
    history = History()
    event = history.add("LOGGED", RAISER, S.LOGGED, shipper_organisation_id="ags", network="NGN")
    assert history.told(event) == {}


def test_the_raiser_hears_of_every_status_change() -> None:
    history = logged()
    picked = history.add("PICKED_UP", AGENT, S.WITH_CDSP, assignee_id=AGENT)
    assert history.told(picked) == {RAISER: f"{CRN} is now with the CDSP."}


def test_an_assignment_tells_the_new_assignee_and_not_the_raiser() -> None:
    history = with_cdsp()
    history.add("ASSIGNED", SUPERVISOR, S.WITH_CDSP, assignee_id=None)  # in the queue, unheld
    assigned = history.add("ASSIGNED", SUPERVISOR, S.WITH_CDSP, assignee_id=ASSIGNEE)
    assert list(history.told(assigned)) == [ASSIGNEE]
    assert "assigned to you" in history.told(assigned)[ASSIGNEE]


def test_putting_a_contact_back_in_the_queue_tells_only_the_person_who_had_it() -> None:
    history = with_cdsp()
    unassigned = history.add("ASSIGNED", SUPERVISOR, S.WITH_CDSP, assignee_id=None)
    assert history.told(unassigned) == {
        AGENT: f"{CRN} is no longer assigned to you: it is back in your organisation's queue."
    }


def test_a_reassignment_tells_the_new_assignee_and_the_person_who_had_it() -> None:
    history = with_cdsp()
    reassigned = history.add("ASSIGNED", SUPERVISOR, S.WITH_CDSP, assignee_id=ASSIGNEE)
    told = history.told(reassigned)
    assert set(told) == {ASSIGNEE, AGENT}
    assert told[AGENT] == f"{CRN} is no longer assigned to you: it has gone to a colleague."


def test_freeing_a_contact_nobody_had_tells_nobody() -> None:
    history = with_cdsp()
    history.add("ASSIGNED", SUPERVISOR, S.WITH_CDSP, assignee_id=None)
    again = history.add("ASSIGNED", SUPERVISOR, S.WITH_CDSP, assignee_id=None)
    assert history.told(again) == {}


def test_a_supervisor_taking_back_their_own_contact_is_not_told_of_it() -> None:
    history = logged()
    history.add("PICKED_UP", SUPERVISOR, S.WITH_CDSP, assignee_id=SUPERVISOR)
    freed = history.add("ASSIGNED", SUPERVISOR, S.WITH_CDSP, assignee_id=None)
    assert history.told(freed) == {}


def test_an_allocation_tells_every_user_of_that_network_and_the_raiser() -> None:
    history = with_cdsp()
    allocated = history.add("ALLOCATED_TO_NETWORK", AGENT, S.WITH_NETWORK, network="NGN")
    told = history.told(allocated)
    assert set(told) == {"ngn-1", "ngn-2", RAISER}
    assert "allocated to your network" in told["ngn-1"]
    assert "Northern Gas Networks" in told[RAISER]


def test_a_move_to_another_network_tells_both_networks_and_the_raiser() -> None:
    history = with_network()
    why = "The site is fed from the Welsh network."
    moved = history.add(
        "MOVED_TO_NETWORK", AGENT, S.WITH_NETWORK, network="WWU", from_network="NGN", note=why
    )
    assert history.told(moved) == {
        "wwu-1": f"{CRN} has been moved to your network by the CDSP: {why}",
        "ngn-1": f"{CRN} has been moved to Wales & West Utilities by the CDSP; it is no longer "
        "with your network.",
        "ngn-2": f"{CRN} has been moved to Wales & West Utilities by the CDSP; it is no longer "
        "with your network.",
        RAISER: f"{CRN} is now with the network, Wales & West Utilities, for a site check.",
    }


def test_a_hand_back_tells_the_agent_who_allocated_it_and_the_raiser() -> None:
    history = with_network()
    why = "Not our area. " * 20
    handed = history.add("HANDED_BACK", "ngn-1", S.WITH_CDSP, network="NGN", note=why)
    told = history.told(handed)
    assert set(told) == {AGENT, RAISER}
    assert told[AGENT].startswith(
        f"{CRN} has been handed back to the CDSP by Northern Gas Networks: Not our area."
    )
    assert len(told[AGENT]) < 300 and told[AGENT].endswith("…"), "a long note is cut to fit"
    assert told[RAISER] == f"{CRN} is back with the CDSP: Northern Gas Networks handed it back."
    # Handed back, it is no network's: an ending later tells no network user.
    ended = history.add("REJECTED", AGENT, S.REJECTED, reason_code="OTHER")
    assert set(history.told(ended)) == {RAISER}


def test_an_answer_tells_whoever_asked() -> None:
    history = with_cdsp()
    history.add("QUESTION_ASKED", AGENT, S.AWAITING_SHIPPER)
    answered = history.add("QUESTION_ANSWERED", RAISER, S.WITH_CDSP)
    assert history.told(answered) == {AGENT: f"{CRN}: the Shipper has answered your question."}


def test_a_question_tells_the_raiser_to_answer() -> None:
    history = with_cdsp()
    asked = history.add("QUESTION_ASKED", AGENT, S.AWAITING_SHIPPER)
    assert "asked a question" in history.told(asked)[RAISER]


def test_a_rejection_tells_everyone_concerned_with_the_reason() -> None:
    history = with_network()
    history.add("ASSIGNED", "ngn-1", S.WITH_NETWORK, assignee_id="ngn-2")
    rejected = history.add("REJECTED", "ngn-1", S.REJECTED, reason_code="SITE_NOT_FOUND")
    told = history.told(rejected)
    assert set(told) == {RAISER, "ngn-2"}  # the network's other user, who was also assigned
    assert told[RAISER].startswith(f"{CRN} has been rejected")


def test_a_withdrawal_before_allocation_tells_the_cdsp_assignee() -> None:
    history = with_cdsp()
    withdrawn = history.add("WITHDRAWN", RAISER, S.WITHDRAWN)
    assert history.told(withdrawn) == {AGENT: f"{CRN} has been withdrawn by the Shipper."}


def test_the_mprn_tells_the_raiser_and_the_network_with_the_number() -> None:
    history = with_network()
    history.add("NETWORK_ACCEPTED", "ngn-1", S.NETWORK_ACCEPTED)
    created = history.add("MPRN_CREATED", None, S.MPRN_CREATED, mprn="1234567890")
    told = history.told(created)
    assert set(told) == {RAISER, "ngn-1", "ngn-2"}
    assert "MPRN 1234567890" in told[RAISER]


def test_a_lapse_tells_the_raiser_and_the_assignee() -> None:
    history = with_cdsp()
    history.add("QUESTION_ASKED", AGENT, S.AWAITING_SHIPPER)
    lapsed = history.add("LAPSED", None, S.LAPSED)
    assert set(history.told(lapsed)) == {RAISER, AGENT}


def test_a_reminder_changes_no_status_and_tells_nobody() -> None:
    history = with_cdsp()
    history.add("QUESTION_ASKED", AGENT, S.AWAITING_SHIPPER)
    reminded = history.add("REMINDER_SENT", None, S.AWAITING_SHIPPER, frm=S.AWAITING_SHIPPER)
    assert history.told(reminded) == {}


def test_the_same_event_always_makes_the_same_notification_ids() -> None:
    history = with_cdsp()
    before, after = parties_through(history.events)[history.events[-1].event_id]
    first = notifications_for(history.events[-1], before, after, lambda code: [])
    again = notifications_for(history.events[-1], before, after, lambda code: [])
    assert [n.id for n in first] == [n.id for n in again] and len(first) == 1
