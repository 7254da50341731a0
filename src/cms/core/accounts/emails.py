"""Emails to account holders about a change already committed, each greeted by name."""

from __future__ import annotations

from cms.core.accounts.model import UserAccount
from cms.core.shared.delivery import Channel, MessageSender, OutgoingMessage, send_after_commit


async def email_after_commit(
    sender: MessageSender, to: UserAccount, subject: str, body: str
) -> None:
    """Email the account holder; a failure is logged, not raised, as the change stands."""
    await send_after_commit(
        sender,
        OutgoingMessage(
            channel=Channel.EMAIL, to=to.email, subject=subject, body=f"Hello {to.name},\n\n{body}"
        ),
    )
