"""Deadlines from the policy and the calendar; a sweep that reminds and escalates exactly once."""

from datetime import date

import pytest
from django.core import mail

from appraisals import services
from appraisals.deadlines import deadlines_pause, deadlines_resume, sweep
from appraisals.models import Deadline
from trusts.models import Notification
from trusts.tenancy import trust_scope

from ..factories import PolicyFactory, RoleAssignmentFactory, SchoolFactory, StaffMemberFactory, TrustFactory


def school_world(preset_key):
    trust = TrustFactory()
    PolicyFactory(trust=trust, preset_key=preset_key)
    school = SchoolFactory(trust=trust)
    principal = StaffMemberFactory(trust=trust, school=school, staff_group="leadership", job_title="Principal")
    RoleAssignmentFactory(trust=trust, user=principal.user, role="principal", school=school)
    reviewer = StaffMemberFactory(trust=trust, school=school, line_manager=principal)
    teacher = StaffMemberFactory(trust=trust, school=school, line_manager=reviewer)
    return trust, school, principal, reviewer, teacher


def open_teachers(trust, year=2025):
    with trust_scope(trust):
        return services.cycle_populate(
            cycle=services.cycle_open(trust=trust, staff_group="teacher", starting_year=year)
        )


def due_dates(teacher):
    return {(d.kind, d.key): d.due_on for d in Deadline.objects_unscoped.filter(appraisal__staff=teacher)}


@pytest.mark.django_db
def test_wh_deadlines_self_reflection_expectations_three_check_ins_and_close_down():
    trust, school, principal, reviewer, teacher = school_world("wh")
    open_teachers(trust)
    dates = due_dates(teacher)
    assert dates[("self_reflection", "")] == date(2025, 10, 15)  # WH-SR1 mid-October
    assert dates[("objectives", "")] == date(2025, 10, 31)
    assert dates[("check_in", "autumn")].month == 12  # WH-CI1: one each term
    assert dates[("check_in", "spring")] == date(2026, 2, 13)  # WH-TL1: by the February half term
    assert dates[("check_in", "summer")].month == 7
    assert dates[("report", "")] == date(2026, 9, 15)
    assert ("pay_decision", "") not in dates  # WH-P1
    check_in = Deadline.objects_unscoped.get(appraisal__staff=teacher, kind="check_in", key="autumn")
    assert check_in.assignee == reviewer and check_in.escalate_to == principal  # WH-CI2: the appraiser arranges


@pytest.mark.django_db
def test_net_deadlines_report_and_pay_recommendation_by_31_october():
    trust, school, principal, reviewer, teacher = school_world("net")
    open_teachers(trust)
    dates = due_dates(teacher)
    assert dates[("report", "")] == date(2026, 10, 31)
    assert dates[("pay_decision", "")] == date(2026, 10, 31)
    assert ("self_reflection", "") not in dates  # NET sets no self-reflection date


@pytest.mark.django_db
def test_wh_sr2_a_new_starter_reflects_in_two_working_weeks_and_agrees_expectations_by_week_four():
    trust, school, principal, reviewer, teacher = school_world("wh")
    open_teachers(trust)
    with trust_scope(trust):
        joiner = StaffMemberFactory(trust=trust, school=school, line_manager=reviewer, starts_on=date(2026, 1, 5))
        services.appraisal_join(staff=joiner)
    dates = due_dates(joiner)
    assert dates[("self_reflection", "")] == date(2026, 1, 16)  # 10 working days, Monday 5 January the first
    assert dates[("objectives", "")] == date(2026, 1, 30)  # by the end of week 4
    assert ("check_in", "autumn") not in dates


def notes_for(user):
    return list(Notification.objects_unscoped.filter(user=user).values_list("title", flat=True))


@pytest.mark.django_db
def test_sweep_reminds_before_marks_overdue_and_escalates_each_step_once():
    trust, school, principal, reviewer, teacher = school_world("wh")
    open_teachers(trust)
    # Self-reflection due Wednesday 15 October 2025; reminders 7 and 1 days before.
    assert sweep(today=date(2025, 10, 7))["reminder"] == 0
    assert sweep(today=date(2025, 10, 8))["reminder"] >= 1
    assert sweep(today=date(2025, 10, 8))["reminder"] == 0  # the same day again: nothing twice
    assert [t for t in notes_for(teacher.user) if "Self-reflection" in t] == [
        f"Coming up: Self-reflection for {teacher}, due 15 October 2025"
    ]
    sweep(today=date(2025, 10, 14))
    assert len([t for t in notes_for(teacher.user) if "Self-reflection" in t]) == 2
    sweep(today=date(2025, 10, 16))
    deadline = Deadline.objects_unscoped.get(appraisal__staff=teacher, kind="self_reflection")
    assert deadline.state == "overdue"
    about_teacher = f"Self-reflection for {teacher} "
    sweep(today=date(2025, 10, 16))
    assert [t for t in notes_for(principal.user) if about_teacher in t] == []  # not yet 2 working days late
    sweep(today=date(2025, 10, 17))
    assert [t for t in notes_for(principal.user) if about_teacher in t] == [
        f"Late: Self-reflection for {teacher} (due 15 October 2025), waiting on {teacher}"
    ]
    sweep(today=date(2025, 10, 20))
    assert len([t for t in notes_for(principal.user) if about_teacher in t]) == 1


@pytest.mark.django_db
def test_a_sweep_after_downtime_catches_up_once():
    trust, school, principal, reviewer, teacher = school_world("wh")
    open_teachers(trust)
    # Nothing ran from 1 to 20 October: one overdue notice and one escalation, no stale reminders.
    counts = sweep(today=date(2025, 10, 20))
    titles = [t for t in notes_for(teacher.user) if "Self-reflection" in t]
    assert titles == [f"Overdue: Self-reflection for {teacher}, due 15 October 2025"]
    assert counts["escalated"] >= 1
    assert sweep(today=date(2025, 10, 20)) == {}


@pytest.mark.django_db
def test_emails_carry_a_link_and_the_trusts_words_but_no_record(django_capture_on_commit_callbacks):
    trust, school, principal, reviewer, teacher = school_world("wh")
    open_teachers(trust)
    with django_capture_on_commit_callbacks(execute=True):
        sweep(today=date(2025, 10, 8))
    email = next(m for m in mail.outbox if m.to == [teacher.user.email])
    assert trust.name in email.subject and "/notifications/" in email.body
    assert "Self-reflection" not in email.body + email.subject


@pytest.mark.django_db
def test_paused_deadlines_resume_with_the_time_they_had_left():
    trust, school, principal, reviewer, teacher = school_world("wh")
    open_teachers(trust)
    with trust_scope(trust):
        appraisal = teacher.appraisals.get()
        deadlines_pause(appraisal=appraisal, today=date(2025, 10, 10))  # 5 days before the 15th
        sweep(today=date(2025, 10, 20))
        assert not Notification.objects.filter(user=teacher.user, title__startswith="Overdue").exists()
        deadlines_resume(appraisal=appraisal, today=date(2025, 11, 3))
    assert Deadline.objects_unscoped.get(appraisal=appraisal, kind="self_reflection").due_on == date(2025, 11, 8)


@pytest.fixture
def worker():
    from celery.contrib.testing.worker import start_worker

    from config import celery_app

    with start_worker(celery_app, pool="threads", concurrency=2, perform_ping_check=False, shutdown_timeout=10):
        yield


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_sweeps_on_a_real_worker_send_each_reminder_once(worker):
    trust, school, principal, reviewer, teacher = school_world("wh")
    StaffMemberFactory.create_batch(10, trust=trust, school=school, line_manager=reviewer)
    open_teachers(trust)
    from appraisals.tasks import sweep_deadlines

    first = sweep_deadlines.apply_async(kwargs={"today": "2025-10-08"})
    second = sweep_deadlines.apply_async(kwargs={"today": "2025-10-08"})
    sent = first.get(timeout=30).get("reminder", 0) + second.get(timeout=30).get("reminder", 0)
    reminders = Notification.objects_unscoped.filter(title__startswith="Coming up: Self-reflection")
    assert reminders.count() == 12 == sent  # 12 teachers (incl. the reviewer), one reminder each
    # Down from the 9th to the 20th: the catch-up sweep sends the overdue notices once.
    third = sweep_deadlines.apply_async(kwargs={"today": "2025-10-20"}).get(timeout=30)
    fourth = sweep_deadlines.apply_async(kwargs={"today": "2025-10-20"}).get(timeout=30)
    assert third["overdue"] == 12 and fourth == {}
    assert Notification.objects_unscoped.filter(title__startswith="Overdue: Self-reflection").count() == 12
