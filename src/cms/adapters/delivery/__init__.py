"""Delivery of messages to people: the MessageSender port over SMTP, an SMS provider's HTTP API,
and a local outbox file for the embedded mode and development; RoutingSender picks by channel."""
