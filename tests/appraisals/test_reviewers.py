"""Reviewers, panels, objections and cover, each against its rule."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from appraisals import reviewers, services
from appraisals.deadlines import sweep
from appraisals.models import Appraisal, Deadline, ReviewerObjection
from trusts.models import Notification
from trusts.tenancy import trust_scope

from ..factories import (
    ParticipantFactory,
    PolicyFactory,
    RoleAssignmentFactory,
    SchoolFactory,
    StaffMemberFactory,
    TrustFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def world(preset_key):
    trust = TrustFactory()
    PolicyFactory(trust=trust, preset_key=preset_key)
    school = SchoolFactory(trust=trust)
    ceo = StaffMemberFactory(trust=trust, school=None, staff_group="executive", job_title="CEO")
    RoleAssignmentFactory(trust=trust, user=ceo.user, role="ceo")
    principal = StaffMemberFactory(trust=trust, school=school, staff_group="leadership", line_manager=ceo)
    RoleAssignmentFactory(trust=trust, user=principal.user, role="principal", school=school)
    manager = StaffMemberFactory(trust=trust, school=school, line_manager=principal)
    teacher = StaffMemberFactory(trust=trust, school=school, line_manager=manager)
    return trust, school, ceo, principal, manager, teacher


def opened(trust, group="teacher"):
    with trust_scope(trust):
        return services.cycle_populate(cycle=services.cycle_open(trust=trust, staff_group=group, starting_year=2025))


def appraisal_of(staff):
    return Appraisal.objects_unscoped.select_related("cycle__policy", "staff", "trust").get(staff=staff)


def test_wh_r1_the_line_manager_is_the_reviewer_by_default():
    trust, school, ceo, principal, manager, teacher = world("wh")
    opened(trust)
    assert appraisal_of(teacher).reviewer == manager


def test_cl_r2_a_reviewer_of_a_teacher_must_hold_qts():
    trust, school, ceo, principal, manager, teacher = world("cl")
    opened(trust)
    business_manager = StaffMemberFactory(trust=trust, school=school, staff_group="support", has_qts=False)
    with trust_scope(trust), pytest.raises(ValidationError, match="must be a qualified teacher"):
        reviewers.reviewer_assign(appraisal=appraisal_of(teacher), reviewer=business_manager)
    assert appraisal_of(teacher).reviewer == manager


def test_nobody_reviews_themselves_and_new_reviewers_inherit_the_open_dates():
    trust, school, ceo, principal, manager, teacher = world("wh")
    opened(trust)
    appraisal = appraisal_of(teacher)
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="their own appraiser"):
            reviewers.reviewer_assign(appraisal=appraisal, reviewer=teacher)
        reviewers.reviewer_assign(appraisal=appraisal, reviewer=principal)
    kinds = set(
        Deadline.objects_unscoped.filter(appraisal=appraisal, assignee=principal).values_list("kind", flat=True)
    )
    assert {"check_in", "report", "objectives"} <= kinds
    assert Deadline.objects_unscoped.get(appraisal=appraisal, kind="self_reflection").assignee == teacher


def test_net_r3_staff_are_told_who_their_reviewer_is():
    trust, school, ceo, principal, manager, teacher = world("net")
    cycle = opened(trust)
    with trust_scope(trust):
        assert reviewers.reviewers_notify(appraisals=cycle.appraisals.all()) == 2
    assert Notification.objects_unscoped.filter(
        user=teacher.user, title=f"Your {trust.reviewer_term} for {cycle} is {manager}"
    ).exists()


def test_net_r1_ceo_panel_three_trustees_or_two_with_an_adviser():
    trust, school, ceo, principal, manager, teacher = world("net")
    opened(trust, "executive")
    trustees = [ParticipantFactory(trust=trust, kind="trustee").user for _ in range(3)]
    adviser = ParticipantFactory(trust=trust, kind="external_adviser").user
    appraisal = appraisal_of(ceo)
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="needs 3 trustees, or at least 2 with an external adviser"):
            reviewers.panel_set(appraisal=appraisal, members=[(trustees[0], "trustee"), (trustees[1], "trustee")])
        reviewers.panel_set(appraisal=appraisal, members=[(t, "trustee") for t in trustees])
        reviewers.panel_set(
            appraisal=appraisal,
            members=[(trustees[0], "trustee"), (trustees[1], "trustee"), (adviser, "external_adviser")],
        )
    from appraisals.models import PanelMember

    assert PanelMember.objects_unscoped.filter(appraisal=appraisal).count() == 3


def test_a_panel_member_must_hold_the_capacity_they_sit_in():
    trust, school, ceo, principal, manager, teacher = world("net")
    opened(trust, "executive")
    stranger = UserFactory()
    with trust_scope(trust), pytest.raises(ValidationError, match="is not a trustee of this trust"):
        reviewers.panel_set(appraisal=appraisal_of(ceo), members=[(stranger, "trustee")] * 3)


def test_net_r2_principals_are_reviewed_by_the_director_of_school_improvement():
    trust, school, ceo, principal, manager, teacher = world("net")
    dsi = StaffMemberFactory(trust=trust, school=None, staff_group="executive")
    RoleAssignmentFactory(trust=trust, user=dsi.user, role="dsi")
    opened(trust, "leadership")
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="Director of School Improvement"):
            reviewers.panel_set(appraisal=appraisal_of(principal), members=[(ceo.user, "ceo")])
        reviewers.panel_set(appraisal=appraisal_of(principal), members=[(dsi.user, "dsi")])


def test_cl_r1_heads_panel_of_trustees_and_the_ceo_or_clo():
    trust, school, ceo, principal, manager, teacher = world("cl")
    opened(trust, "leadership")
    trustee = ParticipantFactory(trust=trust, kind="trustee").user
    chair = ParticipantFactory(trust=trust, kind="chair_of_governors", school=school).user
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="trustees and the chief executive and/or"):
            reviewers.panel_set(
                appraisal=appraisal_of(principal), members=[(trustee, "trustee"), (chair, "chair_of_governors")]
            )
        reviewers.panel_set(
            appraisal=appraisal_of(principal),
            members=[(trustee, "trustee"), (chair, "chair_of_governors"), (ceo.user, "ceo")],
        )


def test_wh_r3_the_ceo_and_heads_are_reviewed_by_an_external_sip():
    trust, school, ceo, principal, manager, teacher = world("wh")
    opened(trust, "leadership")
    sip = ParticipantFactory(trust=trust, kind="sip").user
    trustee = ParticipantFactory(trust=trust, kind="trustee").user
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="external school improvement partner"):
            reviewers.panel_set(appraisal=appraisal_of(principal), members=[(trustee, "trustee")])
        reviewers.panel_set(appraisal=appraisal_of(principal), members=[(sip, "sip")])


def test_cl_r4_and_wh_r2_an_objection_in_writing_decided_with_written_reasons():
    trust, school, ceo, principal, manager, teacher = world("wh")
    opened(trust)
    appraisal = appraisal_of(teacher)
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="Say in writing"):
            reviewers.objection_raise(appraisal=appraisal, reason="  ", by=teacher)
        with pytest.raises(ValidationError, match="Only the person being reviewed"):
            reviewers.objection_raise(appraisal=appraisal, reason="x", by=manager)
        objection = reviewers.objection_raise(appraisal=appraisal, reason="We share a department conflict.", by=teacher)
        assert Notification.objects.filter(
            user=principal.user, title__contains="asks for a different appraiser"
        ).exists()
        with pytest.raises(ValidationError, match="Give your reasons in writing"):
            reviewers.objection_decide(objection=objection, upheld=False, reasons="", by=principal)
        reviewers.objection_decide(
            objection=objection, upheld=False, reasons="No conflict found after review.", by=principal
        )
        assert objection.status == ReviewerObjection.Status.REFUSED
        second = reviewers.objection_raise(appraisal=appraisal, reason="New information.", by=teacher)
        reviewers.objection_decide(
            objection=second, upheld=True, reasons="Agreed.", by=principal, new_reviewer=principal
        )
    assert appraisal_of(teacher).reviewer == principal


def test_cl_r5_a_delegate_covers_an_absent_reviewer_and_hands_back():
    trust, school, ceo, principal, manager, teacher = world("wh")
    opened(trust)
    with trust_scope(trust):
        with pytest.raises(ValidationError, match="other than the person who is absent"):
            reviewers.cover_set(
                absent=manager, delegate=manager, starts_on=date(2025, 10, 1), ends_on=date(2025, 10, 31)
            )
        reviewers.cover_set(absent=manager, delegate=principal, starts_on=date(2025, 10, 20), ends_on=date(2025, 11, 7))
        assert reviewers.acting_for(manager, date(2025, 10, 25)) == principal
        assert reviewers.acting_for(manager, date(2025, 11, 8)) == manager  # handed back
    sweep(today=date(2025, 10, 24))  # objectives with the teacher due 31 October: 7-day reminder
    assert Notification.objects_unscoped.filter(
        user=principal.user, title__startswith="Coming up: Objectives agreed with"
    ).exists()
    assert not Notification.objects_unscoped.filter(
        user=manager.user, title__startswith="Coming up: Objectives"
    ).exists()
