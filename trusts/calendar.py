"""The one date service (CAL-1). Every due date in the product comes from here.

A *working day* is a weekday in term time, outside half terms, that is neither a bank
holiday in England nor one of the school's closure or INSET days. Terms come from the
school's own calendar, else the trust's, else a default built for the year, which is
flagged so the principal knows to enter the real one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

import holidays

from .models import ClosureDay, School, Term


@lru_cache(maxsize=64)
def bank_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.UK(subdiv="ENG", years=year).keys())


@dataclass(frozen=True)
class TermDates:
    name: str
    starts_on: date
    ends_on: date
    half_term_starts_on: date
    half_term_ends_on: date


def _weekday_on_or_after(d: date, weekday: int) -> date:
    return d + timedelta(days=(weekday - d.weekday()) % 7)


def _easter(year: int) -> date:
    return next(d for d, name in holidays.UK(subdiv="ENG", years=year).items() if name == "Easter Monday") - timedelta(
        1
    )


def default_terms(academic_year: int) -> list[TermDates]:
    """A typical English school year: used only when neither the school nor the trust entered one."""
    y = academic_year
    autumn_start = _weekday_on_or_after(date(y, 9, 1), 1)  # the first Tuesday of September
    october_ht = _weekday_on_or_after(date(y, 10, 24), 0)
    autumn_end = _weekday_on_or_after(date(y, 12, 16), 4)
    spring_start = _weekday_on_or_after(date(y + 1, 1, 2), 0)
    february_ht = _weekday_on_or_after(date(y + 1, 2, 12), 0)
    easter = _easter(y + 1)
    spring_end = easter - timedelta(days=9) if easter > date(y + 1, 4, 5) else easter - timedelta(days=2)
    summer_start = _weekday_on_or_after(spring_end + timedelta(days=14), 0)
    may_ht = _weekday_on_or_after(date(y + 1, 5, 25), 0)
    summer_end = _weekday_on_or_after(date(y + 1, 7, 18), 4)
    return [
        TermDates("autumn", autumn_start, autumn_end, october_ht, october_ht + timedelta(days=4)),
        TermDates("spring", spring_start, spring_end, february_ht, february_ht + timedelta(days=4)),
        TermDates("summer", summer_start, summer_end, may_ht, may_ht + timedelta(days=4)),
    ]


def academic_year_of(d: date) -> int:
    return d.year if d.month >= 8 else d.year - 1


@dataclass
class SchoolCalendar:
    """A school's (or the central team's) calendar, loaded once and answered in memory."""

    trust_id: int
    school_id: int | None
    _terms: dict[int, list[TermDates]] = field(default_factory=dict)
    _defaulted: set[int] = field(default_factory=set)
    _closures: set[date] | None = None

    @classmethod
    def for_school(cls, school: School | None, *, trust_id: int | None = None) -> SchoolCalendar:
        return cls(trust_id=school.trust_id if school else trust_id, school_id=school.pk if school else None)

    # --- terms -----------------------------------------------------------------------------
    def terms(self, academic_year: int) -> list[TermDates]:
        if academic_year not in self._terms:
            rows = list(
                Term.objects_unscoped.filter(
                    trust_id=self.trust_id, school_id=self.school_id, academic_year=academic_year
                )
            )
            if not rows and self.school_id is not None:
                rows = list(
                    Term.objects_unscoped.filter(
                        trust_id=self.trust_id, school__isnull=True, academic_year=academic_year
                    )
                )
            if rows:
                self._terms[academic_year] = sorted(
                    (
                        TermDates(t.name, t.starts_on, t.ends_on, t.half_term_starts_on, t.half_term_ends_on)
                        for t in rows
                    ),
                    key=lambda t: t.starts_on,
                )
            else:
                self._terms[academic_year] = default_terms(academic_year)
                self._defaulted.add(academic_year)
        return self._terms[academic_year]

    def uses_default(self, academic_year: int) -> bool:
        self.terms(academic_year)
        return academic_year in self._defaulted

    def term(self, academic_year: int, name: str) -> TermDates:
        return next(t for t in self.terms(academic_year) if t.name == name)

    def _closure_days(self) -> set[date]:
        if self._closures is None:
            rows = ClosureDay.objects_unscoped.filter(trust_id=self.trust_id)
            rows = rows.filter(school_id=self.school_id) if self.school_id else rows.filter(school__isnull=True)
            self._closures = set(rows.values_list("date", flat=True))
        return self._closures

    # --- days ------------------------------------------------------------------------------
    def is_working_day(self, d: date) -> bool:
        if d.weekday() >= 5 or d in bank_holidays(d.year) or d in self._closure_days():
            return False
        for t in self.terms(academic_year_of(d)):
            if t.starts_on <= d <= t.ends_on:
                return not (t.half_term_starts_on <= d <= t.half_term_ends_on)
        return False

    def add_working_days(self, start: date, days: int) -> date:
        """The day ``days`` working days after ``start`` (start itself does not count)."""
        if days < 0:
            raise ValueError("Count forwards: a number of working days from 0 up.")
        d, counted = start, 0
        while counted < days:
            d += timedelta(days=1)
            if self.is_working_day(d):
                counted += 1
            if (d - start).days > 800:
                raise ValueError("No working days found in the calendar ahead.")
        return d

    def add_working_weeks(self, start: date, weeks: int) -> date:
        return self.add_working_days(start, weeks * 5)

    def add_days(self, start: date, days: int, *, unit: str) -> date:
        """The policy's clock: working days from this calendar, or calendar days."""
        return self.add_working_days(start, days) if unit == "working" else start + timedelta(days=days)

    def before_half_term(self, academic_year: int, term: str) -> date:
        """'By the February half term': the last working day before that half term starts."""
        d = self.term(academic_year, term).half_term_starts_on - timedelta(days=1)
        while not self.is_working_day(d):
            d -= timedelta(days=1)
        return d

    def working_days_between(self, start: date, end: date) -> int:
        return sum(1 for n in range(1, (end - start).days + 1) if self.is_working_day(start + timedelta(days=n)))
