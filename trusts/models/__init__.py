"""Tenancy and organisation, the trust's policy, and school calendars."""

from .calendar import ClosureDay, Term
from .organisation import AuditEvent, Participant, RoleAssignment, School, StaffMember, Trust, User, UserManager
from .policy import Policy

__all__ = [
    "AuditEvent",
    "ClosureDay",
    "Participant",
    "Policy",
    "RoleAssignment",
    "School",
    "StaffMember",
    "Term",
    "Trust",
    "User",
    "UserManager",
]
