"""The audit trail. Services call ``record``; nothing else writes AuditEvent."""

from __future__ import annotations

from django.db import models

from . import context
from .models import AuditEvent, User


def record(
    *,
    actor: User | None,
    action: str,
    target: models.Model | None = None,
    trust=None,
    details: dict | None = None,
) -> AuditEvent:
    trust_id = getattr(trust, "pk", trust) or getattr(target, "trust_id", None)
    if trust_id is None and target is not None and target._meta.label == "trusts.Trust":
        trust_id = target.pk
    if trust_id is None:
        raise ValueError("An audit event belongs to a trust.")
    actor = getattr(actor, "user", actor)  # a StaffMember acts through its user
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        trust_id=trust_id,
        actor=actor,
        actor_label=(actor.email if actor else "system")[:255],
        action=action,
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:255] if target is not None else "",
        ip=context.client_ip.get(),
        request_id=context.request_id.get(),
        details=details or {},
    )
