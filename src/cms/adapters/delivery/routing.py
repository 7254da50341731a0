"""One MessageSender for the core, handing each message to the sender for its channel."""

from __future__ import annotations

from cms.core.shared.delivery import Channel, MessageSender, OutgoingMessage


class RoutingSender:
    """Email to ``email``, text messages to ``sms``: the MessageSender the container wires in."""

    def __init__(self, email: MessageSender, sms: MessageSender) -> None:
        self._senders: dict[Channel, MessageSender] = {Channel.EMAIL: email, Channel.SMS: sms}

    async def send(self, message: OutgoingMessage) -> None:
        sender = self._senders.get(message.channel)
        if sender is None:
            raise ValueError(f"no sender for the channel {message.channel!r}")
        await sender.send(message)
