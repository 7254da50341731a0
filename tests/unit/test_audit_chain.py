"""The audit log's hash chain shows any edit, removal or reordering of its entries."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

from cms.core.accounts.audit import (
    GENESIS_HASH,
    AuditEntry,
    AuditEvent,
    AuditRecord,
    chain,
    first_break,
)

START = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _log(count: int) -> list[AuditEntry]:
    entries, previous = [], GENESIS_HASH
    for seq in range(1, count + 1):
        record = AuditRecord(
            event=AuditEvent.SIGN_IN_FAILED,
            at=START + timedelta(seconds=seq),
            actor_id=None,
            subject_id=f"user-{seq}",
            client_address="192.0.2.7",
            details={"cause": "wrong password"},
        )
        entry = chain(seq, record, previous)
        entries.append(entry)
        previous = entry.hash
    return entries


def test_an_untouched_log_is_intact() -> None:
    assert first_break(_log(5)) is None


def test_an_edited_entry_is_found() -> None:
    entries = _log(5)
    edited = replace(entries[2].record, client_address="203.0.113.9")
    entries[2] = replace(entries[2], record=edited)
    broken = first_break(entries)
    assert broken is not None and broken.entry.seq == 3 and "edited" in broken.reason


def test_an_edit_with_its_hash_recomputed_breaks_the_next_link() -> None:
    entries = _log(5)
    forged = chain(3, replace(entries[2].record, subject_id="someone-else"), entries[1].hash)
    entries[2] = forged
    broken = first_break(entries)
    assert broken is not None and broken.entry.seq == 4 and "link" in broken.reason


def test_a_removed_entry_is_found() -> None:
    entries = _log(5)
    del entries[1]
    broken = first_break(entries)
    assert broken is not None and broken.entry.seq == 3 and "missing" in broken.reason


def test_a_long_log_can_be_checked_in_batches() -> None:
    entries = _log(10)
    assert first_break(entries[:4]) is None
    assert first_break(entries[4:], start_seq=5, prev_hash=entries[3].hash) is None
    assert first_break(entries[5:], start_seq=5, prev_hash=entries[3].hash) is not None
