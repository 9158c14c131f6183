"""Deadlines: opened when a duty arises, closed when it is done, swept for reminders and escalation.

The sweep claims each step with ``INSERT ... ON CONFLICT DO NOTHING RETURNING`` on the unique
(deadline, step): two sweeps at once, or a replayed task, send nothing twice; a sweep after the
worker was down sends what is still useful, once (the nearest reminder, the overdue notice, the
escalation).
"""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from trusts import audit
from trusts.calendar import SchoolCalendar, academic_year_of
from trusts.models import RoleAssignment, StaffMember, Trust
from trusts.notify import notify
from trusts.policy.schema import PolicySettings, month_day
from trusts.tenancy import trust_scope

from .models import Appraisal, Cycle, Deadline, DeadlineStep

K = Deadline.Kind


# --- who is told when things slip -------------------------------------------------------------
def escalation_targets(trust_id: int) -> dict[int | None, StaffMember]:
    """school id -> its principal's staff record; None -> the chief executive (central team)."""
    today = timezone.localdate()
    current = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    roles = RoleAssignment.objects.filter(current, role__in=[RoleAssignment.Role.PRINCIPAL, RoleAssignment.Role.CEO])
    by_user = {s.user_id: s for s in StaffMember.objects.filter(user_id__in=roles.values("user_id"))}
    targets: dict[int | None, StaffMember] = {}
    for role in roles:
        staff = by_user.get(role.user_id)
        if staff is not None:
            targets[role.school_id if role.role == RoleAssignment.Role.PRINCIPAL else None] = staff
    return targets


# --- opening deadlines for a cycle --------------------------------------------------------------
def _next_on_or_after(text: str, start: date) -> date:
    month, day = month_day(text)
    candidate = date(start.year, month, day)
    return candidate if candidate >= start else date(start.year + 1, month, day)


def deadlines_for(
    appraisal: Appraisal, rules: PolicySettings, calendar: SchoolCalendar, targets: dict[int | None, StaffMember]
) -> list[Deadline]:
    """Every date the policy sets for one appraisal, unsaved (WH-SR1, WH-SR2, WH-CI1, NET-RP2, CL-RP1)."""
    staff, reviewer = appraisal.staff, appraisal.reviewer
    principal = targets.get(appraisal.school_id) or targets.get(None)
    ceo = targets.get(None) or principal
    chaser = reviewer or principal or staff
    made: list[Deadline] = []

    def add(kind: str, due: date, title: str, assignee: StaffMember | None, key: str = "", escalate=principal):
        if assignee is None or not (appraisal.starts_on <= due <= appraisal.ends_on + timedelta(days=400)):
            return
        made.append(
            Deadline(
                trust_id=appraisal.trust_id,
                appraisal=appraisal,
                kind=kind,
                key=key,
                title=title,
                assignee=assignee,
                escalate_to=escalate if escalate != assignee else ceo,
                due_on=due,
            )
        )

    new_starter = appraisal.starts_on > appraisal.cycle.starts_on
    first_day_counts = appraisal.starts_on - timedelta(days=1)  # "within 2 working weeks of starting"
    full = appraisal.track == Appraisal.Track.FULL

    def starter_or_fixed(starter_weeks: int | None, fixed_day: str | None) -> date | None:
        """A new starter's own window (WH-SR2), else the policy's day in the first term."""
        if new_starter and starter_weeks:
            return calendar.add_working_weeks(first_day_counts, starter_weeks)
        return _next_on_or_after(fixed_day, appraisal.starts_on) if fixed_day else None

    if full:
        due = starter_or_fixed(rules.new_starter_reflection_working_weeks, rules.self_reflection_due)
        if due:
            add(K.SELF_REFLECTION, due, f"Self-reflection for {staff}", staff)
        due = starter_or_fixed(rules.new_starter_first_checkin_weeks, rules.objectives_due)
        if due:
            add(K.OBJECTIVES, due, f"Objectives agreed with {staff}", chaser)
    year = academic_year_of(appraisal.cycle.starts_on + timedelta(days=31))
    for term_name in rules.checkin_terms:
        term = calendar.term(year, term_name)
        due = (
            calendar.before_half_term(year, term_name)
            if term_name == "spring" and rules.spring_checkin_by_february_half_term
            else term.ends_on
        )
        if term.ends_on >= appraisal.starts_on and term.starts_on <= appraisal.ends_on:
            add(K.CHECK_IN, due, f"{term_name.capitalize()} check-in with {staff}", chaser, key=term_name)
    if full:
        add(K.REPORT, appraisal.report_due_on, f"Report issued to {staff}", chaser)
        if appraisal.pay_decision_due_on and rules.pay_link != "none":
            add(
                K.PAY_DECISION,
                appraisal.pay_decision_due_on,
                f"Pay decision for {staff}",
                principal or ceo,
                escalate=ceo,
            )
    return made


def deadlines_open_for_cycle(cycle: Cycle) -> int:
    """After a cycle is populated: every appraisal's deadlines, in bulk, once."""
    rules = cycle.policy.rules
    targets = escalation_targets(cycle.trust_id)
    calendars: dict[int | None, SchoolCalendar] = {}
    batch: list[Deadline] = []
    appraisals = cycle.appraisals.select_related("staff__user", "reviewer__user", "cycle", "school")
    for appraisal in appraisals.iterator(chunk_size=1000):
        calendar = calendars.setdefault(
            appraisal.school_id, SchoolCalendar.for_school(appraisal.school, trust_id=cycle.trust_id)
        )
        batch += deadlines_for(appraisal, rules, calendar, targets)
    Deadline.objects.bulk_create(batch, ignore_conflicts=True, batch_size=1000)
    return len(batch)


# --- closing ------------------------------------------------------------------------------------
@transaction.atomic
def deadline_meet(*, appraisal: Appraisal, kind: str, key: str = "") -> int:
    return Deadline.objects.filter(appraisal=appraisal, kind=kind, key=key, state__in=Deadline.ACTIVE).update(
        state=Deadline.State.MET, met_at=timezone.now()
    )


@transaction.atomic
def deadlines_pause(*, appraisal: Appraisal, today: date | None = None) -> int:
    """A grievance or long absence: the clock stops, keeping the days that were left."""
    today = today or timezone.localdate()
    paused = 0
    for deadline in Deadline.objects.filter(appraisal=appraisal, state__in=Deadline.ACTIVE):
        deadline.paused_days_left = (deadline.due_on - today).days
        deadline.state = Deadline.State.PAUSED
        deadline.save(update_fields=["paused_days_left", "state"])
        paused += 1
    return paused


@transaction.atomic
def deadlines_resume(*, appraisal: Appraisal, today: date | None = None) -> int:
    today = today or timezone.localdate()
    resumed = 0
    for deadline in Deadline.objects.filter(appraisal=appraisal, state=Deadline.State.PAUSED):
        deadline.due_on = today + timedelta(days=max(deadline.paused_days_left or 0, 0))
        deadline.state, deadline.paused_days_left = Deadline.State.OPEN, None
        deadline.save(update_fields=["due_on", "state", "paused_days_left"])
        resumed += 1
    return resumed


# --- the sweep ----------------------------------------------------------------------------------
def sweep(*, today: date | None = None) -> Counter:
    """Every trust, each in its own scope and transaction."""
    today = today or timezone.localdate()
    totals: Counter = Counter()
    for trust in Trust.objects.order_by("pk"):
        with trust_scope(trust):
            totals += sweep_trust(trust=trust, today=today)
    return totals


def sweep_trust(*, trust: Trust, today: date) -> Counter:
    rules_by_policy: dict[int, PolicySettings] = {}
    calendars: dict[int | None, SchoolCalendar] = {}
    counts: Counter = Counter()
    window = 60  # the longest reminder the policy may set (validation caps it)
    candidates = (
        Deadline.objects.filter(state__in=Deadline.ACTIVE, due_on__lte=today + timedelta(days=window))
        .select_related("appraisal__cycle", "assignee__user", "escalate_to__user")
        .order_by("pk")
    )
    wanted: list[tuple[Deadline, str]] = []
    for deadline in candidates.iterator(chunk_size=2000):
        cycle = deadline.appraisal.cycle if deadline.appraisal_id else None
        policy_id = cycle.policy_id if cycle else None
        if policy_id not in rules_by_policy:
            rules_by_policy[policy_id] = cycle.policy.rules if cycle else PolicySettings()
        rules = rules_by_policy[policy_id]
        if today <= deadline.due_on:
            passed = [d for d in rules.reminder_days_before if deadline.due_on - timedelta(days=d) <= today]
            if passed:
                wanted.append((deadline, f"reminder_{min(passed)}"))
            continue
        wanted.append((deadline, "overdue"))
        school_id = deadline.appraisal.school_id if deadline.appraisal_id else None
        calendar = calendars.setdefault(school_id, SchoolCalendar(trust_id=trust.pk, school_id=school_id))
        if deadline.escalate_to_id and today >= calendar.add_working_days(
            deadline.due_on, rules.escalate_after_working_days
        ):
            wanted.append((deadline, "escalated"))
    claimed = _claim(trust, wanted)
    by_pk = {d.pk: d for d, _ in wanted}
    overdue_ids = []
    for deadline_id, step in claimed:
        deadline = by_pk[deadline_id]
        _send(trust, deadline, step, today)
        counts[step.split("_")[0]] += 1
        if step == "overdue":
            overdue_ids.append(deadline_id)
    if overdue_ids:
        Deadline.objects.filter(pk__in=overdue_ids, state=Deadline.State.OPEN).update(state=Deadline.State.OVERDUE)
    return counts


def _claim(trust: Trust, wanted: list[tuple[Deadline, str]]) -> list[tuple[int, str]]:
    """Insert the steps; the database returns only those no earlier sweep had inserted."""
    claimed: list[tuple[int, str]] = []
    table = DeadlineStep._meta.db_table
    now = timezone.now()
    for offset in range(0, len(wanted), 500):
        rows = wanted[offset : offset + 500]
        values = ", ".join(["(%s, %s, %s, %s)"] * len(rows))
        params: list = []
        for deadline, step in rows:
            params += [trust.pk, deadline.pk, step, now]
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} (trust_id, deadline_id, step, sent_at) VALUES {values} "
                "ON CONFLICT (deadline_id, step) DO NOTHING RETURNING deadline_id, step",
                params,
            )
            claimed += [(row[0], row[1]) for row in cursor.fetchall()]
    return claimed


def _send(trust: Trust, deadline: Deadline, step: str, today: date) -> None:
    from .reviewers import acting_for

    due = f"{deadline.due_on:%-d %B %Y}"
    # CL-R5: while the assignee is absent, their delegate is told; afterwards it is theirs again.
    deadline.assignee = acting_for(deadline.assignee, today)
    if step.startswith("reminder"):
        notify(
            trust=trust, user=deadline.assignee.user, title=f"Coming up: {deadline.title}, due {due}", url="/my-year/"
        )
    elif step == "overdue":
        notify(trust=trust, user=deadline.assignee.user, title=f"Overdue: {deadline.title}, due {due}", url="/my-year/")
    elif step == "escalated" and deadline.escalate_to_id:
        notify(
            trust=trust,
            user=deadline.escalate_to.user,
            title=f"Late: {deadline.title} (due {due}), waiting on {deadline.assignee}",
            url="/my-year/",
        )
        audit.record(actor=None, action="deadline.escalated", target=deadline, trust=trust)
