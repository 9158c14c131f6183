"""Who a cycle includes, on which track, over which span (NET-S1, NET-S2, CL-S1, CL-S2, WH-S1, WH-S2)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from trusts.calendar import SchoolCalendar, academic_year_of
from trusts.models import StaffMember
from trusts.policy.schema import PolicySettings

Contract = StaffMember.Contract


@dataclass(frozen=True)
class Placement:
    track: str | None  # "full", "light", or None when excluded
    reason: str  # why excluded or on the light track; empty for a full appraisal
    starts_on: date
    ends_on: date


def _exclusion_reason(staff: StaffMember, rules: PolicySettings, start: date, calendar: SchoolCalendar) -> str:
    if staff.contract_type in rules.excluded_contracts:
        return f"{staff.get_contract_type_display()} contract: outside the policy"
    if rules.exclude_ect_induction and staff.ect_induction_year:
        return f"Early career teacher in induction (year {staff.ect_induction_year})"
    if rules.exclude_trainees and staff.training_route == StaffMember.TrainingRoute.TRAINEE:
        return "Trainee teacher"
    if rules.exclude_assessment_only and staff.training_route == StaffMember.TrainingRoute.ASSESSMENT_ONLY:
        return "On the assessment-only route"
    if (
        rules.exclude_support_in_probation
        and staff.staff_group == StaffMember.Group.SUPPORT
        and staff.probation_ends_on
        and staff.probation_ends_on >= start
    ):
        return f"In probation until {staff.probation_ends_on:%d/%m/%Y}"
    if rules.exclude_contracts_under_one_term and staff.ends_on:
        terms = calendar.terms(academic_year_of(staff.starts_on))
        shortest = min((t.ends_on - t.starts_on).days for t in terms)
        if (staff.ends_on - staff.starts_on).days < shortest:
            return "Contract shorter than one term"
    return ""


def place(
    staff: StaffMember, *, rules: PolicySettings, span: tuple[date, date], calendar: SchoolCalendar
) -> Placement | None:
    """None when the person is not employed at any time in the span."""
    start, end = span
    if staff.starts_on > end or (staff.ends_on and staff.ends_on < start):
        return None
    # NET-S2 / CL-S2: part-year and fixed-term staff have a span that follows their contract.
    own_start = max(start, staff.starts_on)
    own_end = min(end, staff.ends_on) if staff.ends_on else end
    reason = _exclusion_reason(staff, rules, own_start, calendar)
    if not reason:
        return Placement("full", "", own_start, own_end)
    if rules.excluded_get_light_track:  # WH-S2: still managed through check-ins and feedback
        return Placement("light", reason, own_start, own_end)
    return Placement(None, reason, own_start, own_end)
