"""Notifications: in the app at once, by email after commit (each person chooses now or a daily digest).

Emails carry a link and the trust's words, never confidential content.
"""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from .models import Notification, NotificationPreference, Trust, User


def notify(*, trust: Trust, user: User, title: str, url: str = "", body: str = "") -> Notification:
    note = Notification.objects.create(trust=trust, user=user, title=title, url=url, body=body)
    mode = NotificationPreference.objects.filter(user=user).values_list("mode", flat=True).first()
    if mode != NotificationPreference.Mode.DIGEST:
        transaction.on_commit(lambda: _email_one(note.pk, trust.pk))
    return note


def _email_one(notification_id: int, trust_id: int) -> None:
    from .tenancy import trust_scope

    with trust_scope(trust_id):
        note = Notification.objects.select_related("user", "trust").filter(pk=notification_id, emailed_at=None).first()
        if note is None:
            return
        trust = note.trust
        # Subject and body carry the trust's words and a link, never the record itself.
        send_mail(
            subject=f"{trust.name} {trust.process_name}: something needs your attention",
            message=f"There is something new for you in {trust.process_name}.\n\n"
            f"Open it here: {_absolute('/notifications/')}\n\n"
            f"You can choose a daily digest instead on that page.",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[note.user.email],
        )
        Notification.objects.filter(pk=note.pk).update(emailed_at=timezone.now())


def send_digests(*, trust: Trust) -> int:
    """Once a day: everyone on the digest gets one email listing what is new, then it is marked sent."""
    sent = 0
    digest_users = NotificationPreference.objects.filter(mode=NotificationPreference.Mode.DIGEST).values("user_id")
    pending = Notification.objects.filter(emailed_at=None, user_id__in=digest_users).select_related("user")
    by_user: dict[int, list[Notification]] = {}
    for note in pending:
        by_user.setdefault(note.user_id, []).append(note)
    for notes in by_user.values():
        send_mail(
            subject=f"{trust.name} {trust.process_name}: {len(notes)} new today",
            message=f"You have {len(notes)} new notification{'s' if len(notes) != 1 else ''} in "
            f"{trust.process_name}.\n\nOpen them here: {_absolute('/notifications/')}",
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[notes[0].user.email],
        )
        Notification.objects.filter(pk__in=[n.pk for n in notes]).update(emailed_at=timezone.now())
        sent += 1
    return sent


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path
