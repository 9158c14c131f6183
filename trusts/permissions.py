"""Who may see and do what, per object (``rules``). The request's Membership rides on the user."""

import rules

from . import context
from .models import School, StaffMember


def _membership(user):
    """The request's Membership, whichever copy of the user object (session or API token) asks."""
    found = getattr(user, "membership", None)
    if found is None:
        current = context.membership.get()
        if current is not None and user is not None and current.user.pk == getattr(user, "pk", None):
            found = current
    return found


@rules.predicate
def is_hr_admin(user) -> bool:
    m = _membership(user)
    return bool(m and m.is_hr)


@rules.predicate
def is_executive(user) -> bool:
    m = _membership(user)
    return bool(m and m.is_executive)


@rules.predicate
def leads_school(user, school: School) -> bool:
    m = _membership(user)
    return bool(m and school is not None and school.pk in m.led_school_ids)


@rules.predicate
def is_self(user, staff: StaffMember) -> bool:
    m = _membership(user)
    return bool(m and m.staff and staff is not None and m.staff.pk == staff.pk)


@rules.predicate
def manages(user, staff: StaffMember) -> bool:
    m = _membership(user)
    return bool(m and m.staff and staff is not None and staff.line_manager_id == m.staff.pk)


@rules.predicate
def leads_staff_school(user, staff: StaffMember) -> bool:
    m = _membership(user)
    return bool(m and staff is not None and staff.school_id in m.led_school_ids)


@rules.predicate
def is_member(user) -> bool:
    return _membership(user) is not None


@rules.predicate
def leads_any_school(user) -> bool:
    m = _membership(user)
    return bool(m and m.led_school_ids)


sees_whole_trust = is_hr_admin | is_executive

rules.add_perm("trusts.view_school", sees_whole_trust | leads_school)
rules.add_perm("trusts.view_staffmember", sees_whole_trust | is_self | manages | leads_staff_school)
rules.add_perm("trusts.manage_people", is_hr_admin)
rules.add_perm("trusts.list_schools", sees_whole_trust | leads_any_school)
rules.add_perm("trusts.list_staff", is_member)
