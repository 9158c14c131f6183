"""Tenancy and organisation, the trust's policy, and school calendars."""

from .calendar import ClosureDay, Term
from .notifications import Notification, NotificationPreference
from .organisation import AuditEvent, Participant, RoleAssignment, School, StaffMember, Trust, User, UserManager
from .policy import Policy

__all__ = [
    "AuditEvent",
    "ClosureDay",
    "Notification",
    "NotificationPreference",
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
