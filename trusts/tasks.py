"""Celery: the base class every tenant task uses, so its body runs inside the trust's scope."""

from __future__ import annotations

from celery import Task, shared_task

from .tenancy import trust_scope


class TrustTask(Task):
    """Call with ``trust_id=`` as a keyword; the body runs in that trust's scope and transaction."""

    def __call__(self, *args, **kwargs):
        trust_id = kwargs.get("trust_id")
        if trust_id is None:
            raise ValueError(f"{self.name} is a trust task: pass trust_id=")
        with trust_scope(trust_id):
            return super().__call__(*args, **kwargs)


@shared_task(base=TrustTask, name="trusts.count_current_staff")
def count_current_staff(*, trust_id: int) -> int:
    """The number of current staff of one trust; used to check the worker end to end."""
    from .models import StaffMember
    from .selectors import current

    return current(StaffMember.objects.all()).count()


@shared_task(name="trusts.send_digests")
def send_digests() -> int:
    """Once a day (beat): the daily digest email for everyone who chose it."""
    from .models import Trust
    from .notify import send_digests as send
    from .tenancy import trust_scope

    sent = 0
    for trust in Trust.objects.order_by("pk"):
        with trust_scope(trust):
            sent += send(trust=trust)
    return sent
