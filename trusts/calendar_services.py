"""Writes to school calendars: each one validated and audited."""

from __future__ import annotations

from datetime import date

from django.db import transaction

from . import audit
from .models import ClosureDay, School, Term, Trust, User


@transaction.atomic
def term_save(
    *,
    trust: Trust,
    school: School | None,
    academic_year: int,
    name: str,
    starts_on: date,
    ends_on: date,
    half_term_starts_on: date,
    half_term_ends_on: date,
    by: User | None = None,
) -> Term:
    """Enter or correct one term; overlapping terms are refused with the dates that clash."""
    term = Term.objects.filter(school=school, academic_year=academic_year, name=name).first() or Term(
        trust=trust, school=school, academic_year=academic_year, name=name
    )
    term.starts_on, term.ends_on = starts_on, ends_on
    term.half_term_starts_on, term.half_term_ends_on = half_term_starts_on, half_term_ends_on
    term.full_clean()
    term.save()
    audit.record(
        actor=by,
        action="calendar.term_save",
        target=term,
        trust=trust,
        details={"school": school.pk if school else None},
    )
    return term


@transaction.atomic
def closure_add(
    *, trust: Trust, school: School | None, on: date, kind: str, reason: str = "", by: User | None = None
) -> ClosureDay:
    day = ClosureDay(trust=trust, school=school, date=on, kind=kind, reason=reason)
    day.full_clean()
    day.save()
    audit.record(actor=by, action="calendar.closure_add", target=day, trust=trust)
    return day


@transaction.atomic
def closure_remove(*, day: ClosureDay, by: User | None = None) -> None:
    audit.record(actor=by, action="calendar.closure_remove", target=day, details={"date": day.date.isoformat()})
    day.delete()
