from celery import shared_task

from trusts.tasks import TrustTask

from .models import Cycle
from .services import cycle_populate


@shared_task(base=TrustTask, name="appraisals.cycle_populate", acks_late=True)
def cycle_populate_task(*, trust_id: int, cycle_id: int) -> int:
    """Opening a cycle in the background; safe to redeliver (nothing is created twice)."""
    cycle = cycle_populate(cycle=Cycle.objects.get(pk=cycle_id))
    return cycle.appraisals.count()


@shared_task(name="appraisals.sweep_deadlines", acks_late=True)
def sweep_deadlines(today: str | None = None) -> dict:
    """Every few minutes (beat): reminders before, escalation after; each step once."""
    from datetime import date

    from .deadlines import sweep

    return dict(sweep(today=date.fromisoformat(today) if today else None))
