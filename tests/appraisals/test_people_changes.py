"""Starters, movers and leavers mid-year (WH-SR2, WH-SR3)."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from appraisals import services
from appraisals.models import Appraisal, Deadline
from trusts import services as people
from trusts.tenancy import trust_scope

pytestmark = pytest.mark.django_db


@pytest.fixture
def opened(world_a):
    """This year's teacher and support cycles, so 'today' falls inside them."""
    today = timezone.localdate()
    year = today.year if today.month >= 10 else today.year - 1  # WH cycles start 1 October
    with trust_scope(world_a.trust):
        for group in ("teacher", "support"):
            services.cycle_populate(
                cycle=services.cycle_open(trust=world_a.trust, staff_group=group, starting_year=year)
            )
    return world_a


def test_wh_sr2_a_new_starter_added_by_hr_joins_the_open_cycle(opened):
    start = timezone.localdate()
    with trust_scope(opened.trust):
        staff = people.staff_member_create(
            trust=opened.trust,
            email="new@example.org",
            first_name="Nia",
            last_name="New",
            school=opened.school,
            job_title="Teacher",
            staff_group="teacher",
            starts_on=start,
            line_manager=opened.principal,
            has_qts=True,
        )
    appraisal = Appraisal.objects_unscoped.get(staff=staff)
    assert appraisal.starts_on == start
    assert Deadline.objects_unscoped.filter(appraisal=appraisal, kind="self_reflection").exists()


def test_wh_sr3_a_move_to_a_new_post_gets_a_check_in_with_the_original_appraiser(opened):
    teacher = opened.teacher
    old = Appraisal.objects_unscoped.get(staff=teacher)
    with trust_scope(opened.trust):
        people.staff_member_update(staff=teacher, staff_group="support", job_title="Cover Supervisor")
    old.refresh_from_db()
    assert old.state == "withdrawn"
    handover = Deadline.objects_unscoped.get(appraisal=old, key="before_move")
    assert handover.assignee == opened.principal and handover.kind == "check_in"
    assert Appraisal.objects_unscoped.filter(staff=teacher, cycle__staff_group="support").exists()


def test_a_leaver_is_withdrawn_and_a_future_leaver_has_a_shorter_year(opened):
    with trust_scope(opened.trust):
        people.staff_member_leave(staff=opened.support, on=timezone.localdate() + timedelta(days=30))
        assert Appraisal.objects.get(staff=opened.support).ends_on == timezone.localdate() + timedelta(days=30)
        people.staff_member_leave(staff=opened.teacher, on=timezone.localdate())
    assert Appraisal.objects_unscoped.get(staff=opened.teacher).state == "withdrawn"


def test_opening_ignores_people_who_left_before_the_cycle(world_a):
    with trust_scope(world_a.trust):
        people.staff_member_update(staff=world_a.teacher, ends_on=date(2025, 8, 31))
        cycle = services.cycle_populate(
            cycle=services.cycle_open(trust=world_a.trust, staff_group="teacher", starting_year=2025)
        )
    assert not Appraisal.objects_unscoped.filter(cycle=cycle, staff=world_a.teacher).exists()
