"""Reads of cycles and appraisals."""

from __future__ import annotations

from django.core.cache import cache
from django.db.models import Count, Q, QuerySet

from .models import Appraisal, Cycle


def cycles_with_counts() -> QuerySet[Cycle]:
    return Cycle.objects.select_related("policy").annotate(
        appraisal_count=Count("appraisals", distinct=True),
        light_count=Count("appraisals", filter=Q(appraisals__track=Appraisal.Track.LIGHT), distinct=True),
        exclusion_count=Count("exclusions", distinct=True),
    )


def cycle_progress(cycle: Cycle) -> tuple[int, int]:
    """(done, total) while a cycle opens; from the cache during the run, the row after it."""
    from .services import progress_key

    if cycle.status == Cycle.Status.OPENING:
        cached = cache.get(progress_key(cycle.pk))
        if cached:
            return cached
    return cycle.progress_done, cycle.progress_total


def appraisals_by_state(cycle: Cycle) -> dict[str, int]:
    rows = cycle.appraisals.values("state").annotate(n=Count("id"))
    return {row["state"]: row["n"] for row in rows}


def appraisals_for_staff(*, staff) -> QuerySet[Appraisal]:
    return (
        Appraisal.objects.filter(staff=staff).select_related("cycle", "reviewer__user", "school").order_by("-starts_on")
    )


def my_timeline(*, staff) -> list:
    """Every open date that involves this person: theirs to do, or someone else's to do for them."""
    from django.db.models import Q

    from .models import Deadline

    return list(
        Deadline.objects.filter(Q(assignee=staff) | Q(appraisal__staff=staff))
        .exclude(state=Deadline.State.WAIVED)
        .select_related("assignee__user", "appraisal__staff__user")
        .order_by("due_on", "pk")
    )


def current_appraisal(*, staff) -> Appraisal | None:
    return (
        Appraisal.objects.filter(staff=staff, cycle__status=Cycle.Status.OPEN)
        .exclude(state=Appraisal.State.WITHDRAWN)
        .select_related("cycle", "reviewer__user")
        .order_by("-starts_on")
        .first()
    )


def next_dates(*, staff, limit: int = 3) -> list:
    from .models import Deadline

    return list(
        Deadline.objects.filter(assignee=staff, state__in=Deadline.ACTIVE)
        .select_related("appraisal")
        .order_by("due_on")[:limit]
    )


def managed_appraisals(*, membership) -> QuerySet[Appraisal] | None:
    """Appraisals in open cycles whose reviewers this person manages (NET-R3); None if they manage none:
    HR all, principals their school's, the chief executive and COO the central team's."""
    from django.db.models import Q

    if membership is None or not membership.manages_reviewers:
        return None
    cond = Q()
    if not membership.is_hr:
        cond = Q(school_id__in=membership.led_school_ids)
        if membership.has_role("ceo", "coo"):
            cond |= Q(school__isnull=True)
    return Appraisal.objects.filter(cond, cycle__status=Cycle.Status.OPEN).exclude(state=Appraisal.State.WITHDRAWN)
