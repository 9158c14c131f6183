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
