"""Who may open and close cycles, and see an appraisal."""

import rules

from trusts.permissions import _membership, is_executive, is_hr_admin


@rules.predicate
def is_appraisee(user, appraisal) -> bool:
    m = _membership(user)
    return bool(m and m.staff and appraisal is not None and appraisal.staff_id == m.staff.pk)


@rules.predicate
def is_reviewer(user, appraisal) -> bool:
    m = _membership(user)
    return bool(m and m.staff and appraisal is not None and appraisal.reviewer_id == m.staff.pk)


@rules.predicate
def leads_appraisal_school(user, appraisal) -> bool:
    m = _membership(user)
    return bool(m and appraisal is not None and appraisal.school_id in m.led_school_ids)


rules.add_perm("appraisals.manage_cycles", is_hr_admin)
rules.add_perm(
    "appraisals.view_appraisal", is_appraisee | is_reviewer | leads_appraisal_school | is_hr_admin | is_executive
)
