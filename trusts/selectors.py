"""Reads of the organisation: scoped, annotated and prefetched."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from .models import Participant, Policy, RoleAssignment, School, StaffMember, Trust, User


def current(qs: QuerySet, on: date | None = None) -> QuerySet:
    on = on or timezone.localdate()
    return qs.filter(Q(starts_on__lte=on), Q(ends_on__isnull=True) | Q(ends_on__gte=on))


def trusts_for_user(*, user: User) -> QuerySet[Trust]:
    """Every trust the person has a place in: a post, a current role or a participation.

    Runs before a trust is chosen, inside ``tenancy.user_lookup`` so that row-level
    security shows only rows naming this user.
    """
    today = timezone.localdate()
    ids = set(
        StaffMember.objects.filter(user=user)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .values_list("trust_id", flat=True)
    )
    ids |= set(current(RoleAssignment.objects.filter(user=user), today).values_list("trust_id", flat=True))
    ids |= set(current(Participant.objects.filter(user=user), today).values_list("trust_id", flat=True))
    return Trust.objects.filter(pk__in=ids).order_by("name")


@dataclass
class Membership:
    """Who the signed-in person is in the trust they are working in."""

    trust: Trust
    user: User
    staff: StaffMember | None
    participations: list[Participant] = field(default_factory=list)
    roles: list[RoleAssignment] = field(default_factory=list)

    def has_role(self, *roles: str, school: School | int | None = None) -> bool:
        school_id = getattr(school, "pk", school)
        return any(r.role in roles and (school_id is None or r.school_id == school_id) for r in self.roles)

    @property
    def role_names(self) -> set[str]:
        return {r.role for r in self.roles}

    @property
    def is_hr(self) -> bool:
        return self.has_role(RoleAssignment.Role.HR_ADMIN)

    @property
    def is_executive(self) -> bool:
        return bool(self.role_names & RoleAssignment.EXECUTIVE_ROLES)

    @property
    def is_leader(self) -> bool:
        return bool(self.role_names & RoleAssignment.LEADER_ROLES)

    @property
    def led_school_ids(self) -> set[int]:
        return {r.school_id for r in self.roles if r.role in RoleAssignment.SCHOOL_ROLES}

    @property
    def manages_reviewers(self) -> bool:
        """NET-R3: principals for their school, the chief executive and COO for the central team, HR."""
        return self.is_hr or bool(self.led_school_ids) or bool(self.role_names & {"ceo", "coo"})

    @property
    def sees_whole_trust(self) -> bool:
        return self.is_hr or self.is_executive

    @property
    def display_name(self) -> str:
        return str(self.user)


def membership_for(*, user: User, trust: Trust) -> Membership:
    """Three small queries; run once a request by the middleware."""
    today = timezone.localdate()
    staff = StaffMember.objects.filter(user=user).select_related("school", "line_manager__user").first()
    roles = list(current(RoleAssignment.objects.filter(user=user), today).select_related("school"))
    participations = list(current(Participant.objects.filter(user=user), today).select_related("school"))
    return Membership(trust=trust, user=user, staff=staff, participations=participations, roles=roles)


def schools_visible_to(*, membership: Membership) -> QuerySet[School]:
    qs = School.objects.annotate(
        staff_count=Count("staff", filter=Q(staff__ends_on__isnull=True) | Q(staff__ends_on__gte=timezone.localdate()))
    )
    if membership.sees_whole_trust:
        return qs
    return qs.filter(pk__in=membership.led_school_ids)


def staff_visible_to(*, membership: Membership) -> QuerySet[StaffMember]:
    """HR and executives see everyone; principals their school; staff themselves and their reports."""
    qs = StaffMember.objects.select_related("user", "school", "line_manager__user")
    if membership.sees_whole_trust:
        return qs
    cond = Q(school_id__in=membership.led_school_ids)
    if membership.staff:
        cond |= Q(pk=membership.staff.pk) | Q(line_manager_id=membership.staff.pk)
    return qs.filter(cond)


def staff_counts_by_group(*, school: School | None = None) -> dict[str, int]:
    qs = current(StaffMember.objects.all())
    if school is not None:
        qs = qs.filter(school=school)
    rows = qs.values("staff_group").annotate(n=Count("id"))
    return {row["staff_group"]: row["n"] for row in rows}


def policy_current(*, trust: Trust) -> Policy | None:
    return Policy.objects.filter(trust=trust).order_by("-version").first()


def policy_terms(*, trust: Trust) -> dict[str, str]:
    return {
        "process": trust.process_name,
        "reviewer": trust.reviewer_term,
        "reviewee": trust.reviewee_term,
        "objectives": trust.objectives_term,
        "support_plan": trust.support_plan_term,
    }
