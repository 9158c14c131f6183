"""People change mid-year: starters join the open cycle, movers hand over, leavers are withdrawn."""

from datetime import date

from django.dispatch import receiver
from django.utils import timezone

from trusts.signals import staff_joined, staff_leaving, staff_post_changed

from . import services
from .models import Appraisal, Cycle

S = Appraisal.State
ACTIVE = [S.PLANNING, S.OBJECTIVES_AGREED, S.IN_REVIEW, S.REPORT_DRAFTED, S.SUSPENDED]


@receiver(staff_joined, dispatch_uid="appraisals.staff_joined")
def on_join(sender, staff, by=None, **kwargs) -> None:
    """WH-SR2: a new starter joins the open cycle, with new-starter dates."""
    services.appraisal_join(staff=staff, by=by)


@receiver(staff_post_changed, dispatch_uid="appraisals.staff_post_changed")
def on_move(sender, staff, before, by=None, **kwargs) -> None:
    """WH-SR3: the original appraiser holds a check-in before the move; the new post has its own appraisal."""
    old = (
        Appraisal.objects.filter(staff=staff, cycle__status=Cycle.Status.OPEN, state__in=ACTIVE)
        .select_related("reviewer", "cycle")
        .first()
    )
    if old is None:
        services.appraisal_join(staff=staff, by=by)
        return
    services.appraisal_move(appraisal=old, staff=staff, same_group=before["staff_group"] == staff.staff_group, by=by)


@receiver(staff_leaving, dispatch_uid="appraisals.staff_leaving")
def on_leave(sender, staff, on: date, by=None, **kwargs) -> None:
    """A leaver is withdrawn once gone; a future leaving date shortens their year to it (NET-S2)."""
    if on <= timezone.localdate():
        services.appraisals_withdraw_for_leaver(staff=staff, by=by)
    else:
        services.appraisals_shorten_for_leaver(staff=staff, on=on, by=by)
