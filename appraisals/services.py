"""Every write to cycles and appraisals: opening, joining, leaving, state changes and closing."""

from __future__ import annotations

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trusts import audit
from trusts.calendar import SchoolCalendar
from trusts.models import RoleAssignment, StaffMember, Trust, User
from trusts.policy.schema import cycle_span, due_date
from trusts.selectors import policy_current

from .eligibility import place
from .models import Appraisal, Cycle, Deadline, Exclusion

S = Appraisal.State
ALLOWED = {
    S.PLANNING: {S.OBJECTIVES_AGREED, S.SUSPENDED, S.WITHDRAWN},
    S.OBJECTIVES_AGREED: {S.IN_REVIEW, S.PLANNING, S.SUSPENDED, S.WITHDRAWN},
    S.IN_REVIEW: {S.REPORT_DRAFTED, S.OBJECTIVES_AGREED, S.SUSPENDED, S.WITHDRAWN},
    S.REPORT_DRAFTED: {S.REPORT_ISSUED, S.IN_REVIEW, S.SUSPENDED, S.WITHDRAWN},
    S.REPORT_ISSUED: {S.CLOSED},
    S.SUSPENDED: {S.PLANNING, S.OBJECTIVES_AGREED, S.IN_REVIEW, S.REPORT_DRAFTED, S.WITHDRAWN},
    S.CLOSED: set(),
    S.WITHDRAWN: set(),
}
BATCH = 1000


@transaction.atomic
def cycle_open(*, trust: Trust, staff_group: str, starting_year: int, by: User | None = None) -> Cycle:
    """HR opens a staff group's year under the policy in force. Opening twice returns the same cycle."""
    existing = Cycle.objects.filter(staff_group=staff_group, starting_year=starting_year).first()
    if existing:
        return existing
    if staff_group not in StaffMember.Group.values:
        raise ValidationError({"staff_group": "Choose a staff group."})
    policy = policy_current(trust=trust)
    if policy is None:
        raise ValidationError("Set the trust's policy before opening a cycle.")
    rule = policy.rules.cycle_rule_for(staff_group=staff_group)
    starts_on, ends_on = cycle_span(rule, starting_year=starting_year)
    cycle = Cycle(
        trust=trust,
        staff_group=staff_group,
        starting_year=starting_year,
        policy=policy,
        starts_on=starts_on,
        ends_on=ends_on,
        opened_by=by,
    )
    cycle.full_clean()
    cycle.save()
    audit.record(actor=by, action="cycle.open", target=cycle, details={"policy_version": policy.version})
    return cycle


def _eligible_staff(cycle: Cycle):
    return (
        StaffMember.objects.filter(staff_group=cycle.staff_group, starts_on__lte=cycle.ends_on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=cycle.starts_on))
        .select_related("school")
        .order_by("pk")
    )


def _heads(trust_id: int) -> set[int]:
    today = timezone.localdate()
    return set(
        RoleAssignment.objects.filter(role__in=RoleAssignment.SCHOOL_ROLES, starts_on__lte=today)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("user_id", flat=True)
    )


def cycle_populate(*, cycle: Cycle) -> Cycle:
    """Give every eligible person an appraisal (or a recorded exclusion), in batches, once.

    Safe to run again or after a crash: rows are unique per (cycle, person) and inserts ignore
    conflicts, so nothing is created twice.
    """
    rules = cycle.policy.rules
    staff = list(_eligible_staff(cycle).exclude(appraisals__cycle=cycle))
    already_excluded = set(Exclusion.objects.filter(cycle=cycle).values_list("staff_id", flat=True))
    staff = [s for s in staff if s.pk not in already_excluded]
    Cycle.objects.filter(pk=cycle.pk).update(progress_total=len(staff), progress_done=0)
    _progress(cycle, 0, len(staff))
    heads = _heads(cycle.trust_id)
    calendars: dict[int | None, SchoolCalendar] = {}
    for offset in range(0, len(staff), BATCH):
        appraisals, exclusions = [], []
        for person in staff[offset : offset + BATCH]:
            calendar = calendars.setdefault(
                person.school_id, SchoolCalendar.for_school(person.school, trust_id=cycle.trust_id)
            )
            appraisal = build_appraisal(cycle, person, rules, calendar, is_head=person.user_id in heads)
            if isinstance(appraisal, Exclusion):
                exclusions.append(appraisal)
            elif appraisal is not None:
                appraisals.append(appraisal)
        with transaction.atomic():
            Appraisal.objects.bulk_create(appraisals, ignore_conflicts=True)
            Exclusion.objects.bulk_create(exclusions, ignore_conflicts=True)
            Cycle.objects.filter(pk=cycle.pk).update(progress_done=min(offset + BATCH, len(staff)))
        _progress(cycle, min(offset + BATCH, len(staff)), len(staff))
    from .deadlines import deadlines_open_for_cycle

    deadlines_open_for_cycle(cycle)
    Cycle.objects.filter(pk=cycle.pk, status=Cycle.Status.OPENING).update(status=Cycle.Status.OPEN)
    cycle.refresh_from_db()
    audit.record(
        actor=cycle.opened_by,
        action="cycle.populated",
        target=cycle,
        details={"appraisals": cycle.appraisals.count(), "exclusions": cycle.exclusions.count()},
    )
    return cycle


def _progress(cycle: Cycle, done: int, total: int) -> None:
    """Progress goes to the cache as well, so the page sees it before the task's transaction commits."""
    cache.set(progress_key(cycle.pk), (done, total), timeout=3600)


def progress_key(cycle_id: int) -> str:
    return f"cycle-progress:{cycle_id}"


def build_appraisal(cycle: Cycle, person: StaffMember, rules, calendar: SchoolCalendar, *, is_head: bool):
    """The appraisal (or exclusion) the policy gives this person in this cycle, unsaved."""
    school_urn = person.school.urn if person.school_id else None
    rule = rules.cycle_rule_for(staff_group=person.staff_group, is_head=is_head, school_urn=school_urn)
    span = cycle_span(rule, starting_year=cycle.starting_year)
    placement = place(person, rules=rules, span=span, calendar=calendar)
    if placement is None:
        return None
    if placement.track is None:
        return Exclusion(trust_id=cycle.trust_id, cycle=cycle, staff=person, reason=placement.reason)
    return Appraisal(
        trust_id=cycle.trust_id,
        cycle=cycle,
        staff=person,
        school_id=person.school_id,
        reviewer_id=person.line_manager_id,
        track=placement.track,
        track_reason=placement.reason,
        starts_on=placement.starts_on,
        ends_on=placement.ends_on,
        report_due_on=due_date(rule.report_due, cycle_start=span[0]),
        pay_decision_due_on=due_date(rule.pay_decision_due, cycle_start=span[0]) if rule.pay_decision_due else None,
    )


@transaction.atomic
def appraisal_transition(*, appraisal: Appraisal, to: str, by: User | None = None, reason: str = "") -> Appraisal:
    """The only way an appraisal's state changes: checked against the allowed moves and the cycle's lock."""
    appraisal = Appraisal.objects.select_for_update().select_related("cycle").get(pk=appraisal.pk)
    if appraisal.cycle.is_closed:
        raise ValidationError(f"The {appraisal.cycle} cycle is closed: its records are locked.")
    if to not in ALLOWED[appraisal.state]:
        raise ValidationError(
            {"state": f"An appraisal cannot go from “{appraisal.get_state_display()}” to “{S(to).label}”."}
        )
    before = appraisal.state
    appraisal.state, appraisal.state_changed_at = to, timezone.now()
    appraisal.save(update_fields=["state", "state_changed_at"])
    audit.record(
        actor=by, action="appraisal.transition", target=appraisal, details={"from": before, "to": to, "reason": reason}
    )
    return appraisal


@transaction.atomic
def cycle_close(*, cycle: Cycle, by: User | None = None) -> Cycle:
    """Close the year: issued reports become closed, and every record under the cycle is locked."""
    cycle = Cycle.objects.select_for_update().get(pk=cycle.pk)
    if cycle.is_closed:
        return cycle
    closed = cycle.appraisals.filter(state=S.REPORT_ISSUED).update(state=S.CLOSED, state_changed_at=timezone.now())
    cycle.status, cycle.closed_at = Cycle.Status.CLOSED, timezone.now()
    cycle.save(update_fields=["status", "closed_at"])
    audit.record(actor=by, action="cycle.close", target=cycle, details={"appraisals_closed": closed})
    return cycle


@transaction.atomic
def appraisal_join(*, staff: StaffMember, by: User | None = None) -> Appraisal | Exclusion | None:
    """A person who starts or changes group mid-year joins the open cycle of their group (WH-SR2)."""
    cycle = Cycle.objects.filter(
        staff_group=staff.staff_group,
        status=Cycle.Status.OPEN,
        starts_on__lte=timezone.localdate(),
        ends_on__gte=staff.starts_on,
    ).first()
    if cycle is None or cycle.appraisals.filter(staff=staff).exists():
        return None
    calendar = SchoolCalendar.for_school(staff.school, trust_id=staff.trust_id)
    built = build_appraisal(cycle, staff, cycle.policy.rules, calendar, is_head=staff.user_id in _heads(staff.trust_id))
    if built is not None:
        built.full_clean()
        built.save()
        audit.record(actor=by, action=f"{built._meta.model_name}.join", target=built)
    if isinstance(built, Appraisal):
        from .deadlines import deadlines_for, escalation_targets

        Deadline.objects.bulk_create(
            deadlines_for(built, cycle.policy.rules, calendar, escalation_targets(staff.trust_id)),
            ignore_conflicts=True,
        )
    return built


@transaction.atomic
def appraisals_withdraw_for_leaver(*, staff: StaffMember, by: User | None = None) -> int:
    """Someone leaves: their open appraisals are withdrawn (the records stay)."""
    count = 0
    for appraisal in Appraisal.objects.filter(staff=staff, cycle__status=Cycle.Status.OPEN).exclude(
        state__in=[S.CLOSED, S.WITHDRAWN, S.REPORT_ISSUED]
    ):
        appraisal_transition(appraisal=appraisal, to=S.WITHDRAWN, by=by, reason="Left the trust")
        count += 1
    return count


@transaction.atomic
def appraisal_move(*, appraisal: Appraisal, staff: StaffMember, same_group: bool, by: User | None = None) -> None:
    """WH-SR3: a new school keeps the appraisal; a new kind of post gets a check-in with the original
    appraiser before the move, then a new appraisal in that post's cycle."""
    if same_group:
        appraisal.school_id = staff.school_id
        appraisal.save(update_fields=["school"])
        audit.record(actor=by, action="appraisal.school_change", target=appraisal)
        return
    if appraisal.reviewer_id:
        Deadline.objects.get_or_create(
            appraisal=appraisal,
            kind=Deadline.Kind.CHECK_IN,
            key="before_move",
            defaults={
                "trust_id": appraisal.trust_id,
                "title": f"Check-in with {staff} before their move",
                "assignee_id": appraisal.reviewer_id,
                "due_on": timezone.localdate(),
            },
        )
    appraisal_transition(appraisal=appraisal, to=S.WITHDRAWN, by=by, reason="Moved to a new post")
    appraisal_join(staff=staff, by=by)


@transaction.atomic
def appraisals_shorten_for_leaver(*, staff: StaffMember, on, by: User | None = None) -> int:
    """A future leaving date: the year ends then (NET-S2, CL-S2)."""
    count = 0
    for appraisal in Appraisal.objects.filter(staff=staff, cycle__status=Cycle.Status.OPEN, ends_on__gt=on):
        appraisal.ends_on = on
        appraisal.save(update_fields=["ends_on"])
        audit.record(actor=by, action="appraisal.shorten", target=appraisal, details={"ends_on": on.isoformat()})
        count += 1
    return count
