"""Reviewers: assignment (WH-R1, NET-R3), the QTS rule (CL-R2), panels (NET-R1, NET-R2, CL-R1, WH-R3),
objections (CL-R4, WH-R2) and absence cover (CL-R5)."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from trusts import audit
from trusts.models import Participant, RoleAssignment, StaffMember, User
from trusts.notify import notify

from .models import Appraisal, Deadline, PanelMember, ReviewerCover, ReviewerObjection

Cap = PanelMember.Capacity
HANDED_TO_REVIEWER = (Deadline.Kind.OBJECTIVES, Deadline.Kind.CHECK_IN, Deadline.Kind.REPORT)


def _words(appraisal: Appraisal) -> str:
    return appraisal.trust.reviewer_term


def _check_reviewer(appraisal: Appraisal, reviewer: StaffMember) -> None:
    rules = appraisal.cycle.policy.rules
    word = _words(appraisal)
    if appraisal.cycle.is_closed:
        raise ValidationError(f"The {appraisal.cycle} cycle is closed: its records are locked.")
    if reviewer.pk == appraisal.staff_id:
        raise ValidationError({"reviewer": f"Nobody can be their own {word}."})
    if reviewer.trust_id != appraisal.trust_id:
        raise ValidationError({"reviewer": f"That {word} is not one of this trust's staff."})
    if (
        rules.reviewers_of_teachers_need_qts
        and appraisal.staff.staff_group == StaffMember.Group.TEACHER
        and not reviewer.has_qts
    ):
        raise ValidationError(
            {
                "reviewer": f"The {word} of a teacher must be a qualified teacher (hold QTS) "
                f"with current teaching experience; {reviewer} has no QTS recorded."
            }
        )


@transaction.atomic
def reviewer_assign(
    *, appraisal: Appraisal, reviewer: StaffMember, by: User | None = None, notify_reviewee: bool = True
) -> Appraisal:
    """The principal (CEO/COO for the central team) sets a reviewer; their open dates move with it."""
    _check_reviewer(appraisal, reviewer)
    before = appraisal.reviewer_id
    appraisal.reviewer = reviewer
    appraisal.save(update_fields=["reviewer"])
    Deadline.objects.filter(appraisal=appraisal, kind__in=HANDED_TO_REVIEWER, state__in=Deadline.ACTIVE).update(
        assignee=reviewer
    )
    audit.record(
        actor=by, action="appraisal.reviewer_assign", target=appraisal, details={"from": before, "to": reviewer.pk}
    )
    if notify_reviewee:
        notify(
            trust=appraisal.trust,
            user=appraisal.staff.user,
            url="/my-year/",
            title=f"Your {_words(appraisal)} for {appraisal.cycle} is {reviewer}",
        )
    return appraisal


@transaction.atomic
def reviewers_from_line_managers(*, appraisals, by: User | None = None) -> int:
    """WH-R1: the line manager, wherever no reviewer is set and the rules allow it."""
    done = 0
    for appraisal in appraisals.filter(reviewer__isnull=True, staff__line_manager__isnull=False).select_related(
        "staff__line_manager", "cycle__policy", "staff"
    ):
        try:
            reviewer_assign(appraisal=appraisal, reviewer=appraisal.staff.line_manager, by=by, notify_reviewee=False)
        except ValidationError:
            continue  # e.g. a line manager without QTS for a teacher: left for the principal to choose
        done += 1
    return done


@transaction.atomic
def reviewers_notify(*, appraisals, by: User | None = None) -> int:
    """NET-R3: staff are told who their reviewer is, each year."""
    count = 0
    for appraisal in appraisals.filter(reviewer__isnull=False).select_related("reviewer__user", "staff__user", "cycle"):
        notify(
            trust=appraisal.trust,
            user=appraisal.staff.user,
            url="/my-year/",
            title=f"Your {_words(appraisal)} for {appraisal.cycle} is {appraisal.reviewer}",
        )
        count += 1
    if count:
        audit.record(actor=by, action="appraisal.reviewers_notified", target=appraisal.cycle, details={"count": count})
    return count


# --- panels -------------------------------------------------------------------------------------
def _capacities_held(user: User) -> set[str]:
    today = timezone.localdate()
    current = Q(starts_on__lte=today) & (Q(ends_on__isnull=True) | Q(ends_on__gte=today))
    held = set(RoleAssignment.objects.filter(current, user=user).values_list("role", flat=True))
    kinds = set(Participant.objects.filter(current, user=user).values_list("kind", flat=True))
    return {c for c in Cap.values if c in held or c in kinds}


def panel_rules_for(appraisal: Appraisal) -> str | None:
    """Which panel rule applies: 'ceo', 'heads', or None (an ordinary reviewer)."""
    roles = set(RoleAssignment.objects.filter(user=appraisal.staff.user).values_list("role", flat=True))
    if RoleAssignment.Role.CEO in roles:
        return "ceo"
    if roles & {RoleAssignment.Role.PRINCIPAL, RoleAssignment.Role.EXECUTIVE_HEAD}:
        return "heads"
    return None


def panel_problems(appraisal: Appraisal, members: list[tuple[User, str]]) -> list[str]:
    rules = appraisal.cycle.policy.rules
    kind = panel_rules_for(appraisal)
    counts = Counter(capacity for _, capacity in members)
    problems = [
        f"{user} is not a {Cap(c).label.lower()} of this trust."
        for user, c in members
        if c not in _capacities_held(user)
    ]
    if kind == "ceo" and rules.ceo_reviewed_by == "trustee_panel":
        needed = rules.ceo_panel_trustees_with_adviser if counts[Cap.EXTERNAL_ADVISER] else rules.ceo_panel_trustees
        if counts[Cap.TRUSTEE] < needed:
            problems.append(
                f"The chief executive's panel needs {rules.ceo_panel_trustees} trustees, or at least "
                f"{rules.ceo_panel_trustees_with_adviser} with an external adviser (NET-R1)."
            )
    elif kind in ("ceo", "heads") and (rules.ceo_reviewed_by if kind == "ceo" else rules.heads_reviewed_by) == "sip":
        if not counts[Cap.SIP]:
            problems.append("This review is carried out by an external school improvement partner (WH-R3).")
    elif kind == "heads" and rules.heads_reviewed_by == "dsi":
        if not counts[Cap.DSI] or set(counts) - {Cap.DSI, Cap.EXTERNAL_ADVISER}:
            problems.append(
                "Principals are reviewed by the Director of School Improvement, optionally with an "
                "external adviser (NET-R2)."
            )
    elif kind == "heads" and rules.heads_reviewed_by == "panel":
        allowed = set(rules.heads_panel_members) | {Cap.EXTERNAL_ADVISER}
        if set(counts) - allowed:
            problems.append(f"Only {', '.join(sorted(allowed))} sit on the heads' panel (CL-R1).")
        if not counts[Cap.TRUSTEE] or not (counts[Cap.CEO] or counts[Cap.CLO]):
            problems.append(
                "The heads' panel has trustees and the chief executive and/or the chief learning officer (CL-R1)."
            )
    elif kind is None:
        problems.append("Only a chief executive or a head is reviewed by a panel.")
    return problems


@transaction.atomic
def panel_set(*, appraisal: Appraisal, members: list[tuple[User, str]], by: User | None = None) -> list[PanelMember]:
    problems = panel_problems(appraisal, members)
    if problems:
        raise ValidationError({"members": problems})
    PanelMember.objects.filter(appraisal=appraisal).delete()
    made = PanelMember.objects.bulk_create(
        [PanelMember(trust_id=appraisal.trust_id, appraisal=appraisal, user=u, capacity=c) for u, c in members]
    )
    audit.record(
        actor=by,
        action="appraisal.panel_set",
        target=appraisal,
        details={"members": [[u.email, c] for u, c in members]},
    )
    return made


# --- objections ---------------------------------------------------------------------------------
@transaction.atomic
def objection_raise(*, appraisal: Appraisal, reason: str, by: StaffMember) -> ReviewerObjection:
    """The reviewee, in writing, to the nominated officer (CL-R4, WH-R2)."""
    if by.pk != appraisal.staff_id:
        raise ValidationError("Only the person being reviewed can object to their reviewer.")
    if not reason.strip():
        raise ValidationError({"reason": "Say in writing why you would like a different reviewer."})
    if appraisal.objections.filter(status=ReviewerObjection.Status.PENDING).exists():
        raise ValidationError("You already have a request waiting for a decision.")
    objection = ReviewerObjection(trust_id=appraisal.trust_id, appraisal=appraisal, reason=reason.strip())
    objection.full_clean()
    objection.save()
    audit.record(actor=by, action="objection.raise", target=objection)
    officer = nominated_officer(appraisal)
    if officer:
        notify(
            trust=appraisal.trust,
            user=officer.user,
            url="/reviewers/objections/",
            title=f"{appraisal.staff} asks for a different {_words(appraisal)}",
        )
    return objection


def nominated_officer(appraisal: Appraisal) -> StaffMember | None:
    from .deadlines import escalation_targets

    targets = escalation_targets(appraisal.trust_id)
    return targets.get(appraisal.school_id) or targets.get(None)


@transaction.atomic
def objection_decide(
    *,
    objection: ReviewerObjection,
    upheld: bool,
    reasons: str,
    by: StaffMember,
    new_reviewer: StaffMember | None = None,
) -> ReviewerObjection:
    """Upheld: a new reviewer. Refused: the reasons are explained in writing (WH-R2)."""
    if objection.status != ReviewerObjection.Status.PENDING:
        raise ValidationError("This request has already been decided.")
    if not reasons.strip():
        raise ValidationError({"decision_reasons": "Give your reasons in writing; the colleague receives them."})
    if upheld:
        if new_reviewer is None:
            raise ValidationError({"new_reviewer": "Choose the new reviewer."})
        if new_reviewer.pk == objection.appraisal.reviewer_id:
            raise ValidationError({"new_reviewer": "Choose someone other than the current reviewer."})
        reviewer_assign(appraisal=objection.appraisal, reviewer=new_reviewer, by=by.user)
    objection.status = ReviewerObjection.Status.UPHELD if upheld else ReviewerObjection.Status.REFUSED
    objection.decided_by, objection.decision_reasons, objection.decided_at = by, reasons.strip(), timezone.now()
    objection.save()
    audit.record(actor=by, action=f"objection.{objection.status}", target=objection)
    notify(
        trust=objection.appraisal.trust,
        user=objection.appraisal.staff.user,
        url="/my-year/",
        title=f"Your request for a different {_words(objection.appraisal)}: {objection.get_status_display().lower()}",
    )
    return objection


# --- absence cover ------------------------------------------------------------------------------
@transaction.atomic
def cover_set(
    *,
    absent: StaffMember,
    delegate: StaffMember,
    starts_on: date,
    ends_on: date,
    reason: str = "",
    by: User | None = None,
) -> ReviewerCover:
    cover = ReviewerCover(
        trust_id=absent.trust_id, absent=absent, delegate=delegate, starts_on=starts_on, ends_on=ends_on, reason=reason
    )
    cover.full_clean()
    cover.save()
    audit.record(actor=by, action="reviewer.cover_set", target=cover)
    notify(
        trust=absent.trust,
        user=delegate.user,
        url="/my-year/",
        title=f"You cover {absent}'s reviews from {starts_on:%-d %B} to {ends_on:%-d %B %Y}",
    )
    return cover


def acting_for(staff: StaffMember, on: date) -> StaffMember:
    """Who acts for ``staff`` on ``on``: their delegate while they are covered, else themselves."""
    cover = (
        ReviewerCover.objects.filter(absent=staff, starts_on__lte=on, ends_on__gte=on)
        .select_related("delegate__user")
        .first()
    )
    return cover.delegate if cover else staff
