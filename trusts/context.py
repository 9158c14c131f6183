"""What the current request or task is: its id and the caller's address, for the audit trail."""

from contextvars import ContextVar

request_id: ContextVar[str] = ContextVar("request_id", default="")
client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)
# The signed-in person's Membership in the trust of this request (see selectors.Membership).
membership: ContextVar = ContextVar("membership", default=None)
