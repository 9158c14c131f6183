"""Reviewers once a cycle is open: the principal's assignment grid, a request for a different
appraiser and its written answer, absence cover, and HR setting a head's panel (WH preset)."""

import re

import pytest
from playwright.sync_api import expect

from appraisals import services
from appraisals.models import Appraisal
from tests.factories import ParticipantFactory, StaffMemberFactory
from trusts.models import Participant, StaffMember
from trusts.tenancy import trust_scope

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def _open(world, staff_group: str):
    with trust_scope(world.trust):
        cycle = services.cycle_open(trust=world.trust, staff_group=staff_group, starting_year=2025)
        services.cycle_populate(cycle=cycle)
    return cycle


@pytest.fixture
def teachers_cycle(world_a):
    """The teachers' 2025/26 cycle, opened and populated: the teacher's appraiser is their line manager."""
    _open(world_a, "teacher")
    return world_a


@pytest.fixture
def deputy(world_a):
    """A deputy head at the school: leadership, so outside the teachers' cycle, but a possible appraiser."""
    return StaffMemberFactory(
        trust=world_a.trust,
        school=world_a.school,
        staff_group=StaffMember.Group.LEADERSHIP,
        job_title="Deputy Head",
        line_manager=world_a.principal,
    )


def _sign_in(page, live_server, user) -> None:
    sign_in(page, live_server, user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {user.first_name}")
    assert_accessible(page)


def _go_to_appraisers(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Appraisers").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Appraisers")


def test_principal_assigns_appraisers_in_bulk_and_one_by_one(page, live_server, teachers_cycle, deputy):
    world = teachers_cycle
    teacher, principal = world.teacher, world.principal
    Appraisal.objects_unscoped.filter(staff=teacher).update(reviewer=None)

    _sign_in(page, live_server, principal.user)
    _go_to_appraisers(page)
    grid = page.get_by_role("table", name="Appraiser for each person")
    row = grid.get_by_role("row").filter(has_text=teacher.full_name)
    choice = row.get_by_label(f"Appraiser for {teacher.full_name}")
    expect(row).to_contain_text("Teacher 2025/26")
    expect(choice.locator("option:checked")).to_have_text("— none —")
    # Nobody is offered as their own appraiser.
    expect(choice.locator("option", has_text=teacher.full_name)).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Fill empty ones from line managers").click()
    expect(page.locator(".messages")).to_have_text("1 appraiser set from line managers.")
    expect(choice.locator("option:checked")).to_have_text(f"{principal.full_name} (Principal)")
    assert_accessible(page)

    choice.select_option(label=f"{deputy.full_name} (Deputy Head)")
    row.get_by_role("button", name=f"Save appraiser for {teacher.full_name}").click()
    expect(page.locator(".messages")).to_have_text(f"{deputy.full_name} now reviews {teacher.full_name}.")
    expect(choice.locator("option:checked")).to_have_text(f"{deputy.full_name} (Deputy Head)")
    assert_accessible(page)

    page.get_by_role("button", name="Tell everyone who their appraiser is").click()
    expect(page.locator(".messages")).to_have_text("1 colleague told who their appraiser is.")
    assert_accessible(page)

    # The list leaves the teacher out of their own row; a page that still offers them (an older
    # list, a hand-edited form) is answered by the server, beside the row.
    choice.evaluate(
        "(select, [value, label]) => select.add(new Option(label, value, true, true))",
        [str(teacher.pk), f"{teacher.full_name} (Class Teacher)"],
    )
    row.get_by_role("button", name=f"Save appraiser for {teacher.full_name}").click()
    expect(page.get_by_role("alert")).to_have_text("Nothing was changed: see the message beside the person below.")
    expect(row.locator(".errorlist")).to_have_text("Nobody can be their own appraiser.")
    expect(choice).to_have_attribute("aria-invalid", "true")
    expect(choice).to_have_accessible_description("Nobody can be their own appraiser.")
    expect(choice.locator("option:checked")).to_have_text(f"{deputy.full_name} (Deputy Head)")
    assert_accessible(page)


def test_teacher_asks_for_a_different_appraiser_and_is_answered(page, new_page, live_server, teachers_cycle):
    world = teachers_cycle
    teacher, principal = world.teacher, world.principal

    _sign_in(page, live_server, teacher.user)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="My year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My year at a glance")
    card = page.get_by_role("region", name="Professional Growth Teacher 2025/26")
    card.get_by_text("Ask for a different appraiser").click()
    card.get_by_label("Why, in writing").fill("We job-share a class, so we cannot observe each other fairly.")
    assert_accessible(page)
    card.get_by_role("button", name="Send my request").click()
    expect(page.locator(".messages")).to_have_text(
        "Your request has been sent. You will be told the decision and the reasons."
    )
    assert_accessible(page)

    office = new_page()
    _sign_in(office, live_server, principal.user)
    _go_to_appraisers(office)
    office.get_by_role("link", name="1 request for a different appraiser").click()
    expect(office.get_by_role("heading", level=1)).to_have_text("Requests for a different appraiser")
    request = office.get_by_role("region", name=f"{teacher.full_name} — Waiting for a decision")
    expect(request).to_contain_text(f"Current appraiser: {principal.full_name}")
    expect(request).to_contain_text("we cannot observe each other fairly")
    assert_accessible(office)

    request.get_by_role("radio", name="Refuse, and explain why").check()
    request.get_by_role("button", name="Send the decision").click()
    request = office.get_by_role("region", name=f"{teacher.full_name} — Waiting for a decision")
    reasons = request.get_by_label("Your reasons, in writing")
    expect(
        request.locator("div", has=office.get_by_label("Your reasons, in writing")).locator(".errorlist")
    ).to_have_text("Give your reasons in writing; the colleague receives them.")
    expect(request.get_by_role("radio", name="Refuse, and explain why")).to_be_checked()
    assert_accessible(office)

    reasons.fill("Observations are shared with the phase leader, so a job-share is no barrier.")
    request.get_by_role("button", name="Send the decision").click()
    expect(office.locator(".messages")).to_have_text(f"Your decision has been sent to {teacher.full_name}.")
    decided = office.get_by_role("region", name=f"{teacher.full_name} — Refused, with reasons")
    expect(decided).to_contain_text(f"Decided by {principal.full_name}")
    expect(decided).to_contain_text("a job-share is no barrier")
    expect(office.get_by_role("button", name="Send the decision")).to_have_count(0)
    assert_accessible(office)

    page.get_by_role("navigation", name="Main").get_by_role("link", name=re.compile("^Notifications")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    expect(
        page.get_by_role("link", name="Your request for a different appraiser: refused, with reasons")
    ).to_be_visible()
    assert_accessible(page)


def test_principal_arranges_absence_cover(page, live_server, teachers_cycle, deputy):
    world = teachers_cycle
    principal = world.principal

    _sign_in(page, live_server, principal.user)
    _go_to_appraisers(page)
    page.get_by_role("link", name="absence cover").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cover for an absent appraiser")
    covers = page.get_by_role("table", name="Cover arrangements")
    expect(covers).to_contain_text("No cover arranged.")
    assert_accessible(page)

    def arrange(starts: str, ends: str) -> None:
        page.get_by_label(re.compile(r"^Absent")).select_option(label=principal.full_name)
        page.get_by_label("Covered by").select_option(label=deputy.full_name)
        page.get_by_label("From").fill(starts)
        page.get_by_label("Until").fill(ends)
        page.get_by_label("Reason").fill("Surgery")
        page.get_by_role("button", name="Arrange the cover").click()

    # The end before the start: refused, and said beside the date.
    arrange("2025-11-21", "2025-11-01")
    until = page.get_by_label("Until")
    expect(page.locator("div", has=until).locator(".errorlist")).to_have_text(
        "The cover ends on or after the day it starts."
    )
    expect(until).to_have_accessible_description("The cover ends on or after the day it starts.")
    expect(until).to_have_value("2025-11-01")
    expect(covers).to_contain_text("No cover arranged.")
    assert_accessible(page)

    arrange("2025-11-01", "2025-11-21")
    expect(page.locator(".messages")).to_have_text("The cover is set; it hands back automatically when it ends.")
    cover = covers.get_by_role("row").nth(1)
    expect(cover.get_by_role("cell")).to_have_text(
        [principal.full_name, deputy.full_name, "1 November 2025", "21 November 2025", "Surgery"]
    )
    assert_accessible(page)


@pytest.fixture
def leadership_cycle(world_a):
    """The leadership 2025/26 cycle (the principal's), and a school improvement partner for the trust."""
    _open(world_a, "leadership")
    sip = ParticipantFactory(trust=world_a.trust, kind=Participant.Kind.SCHOOL_IMPROVEMENT_PARTNER)
    return world_a, sip


def test_hr_sets_the_heads_panel(page, live_server, leadership_cycle):
    world, sip = leadership_cycle
    principal = world.principal

    _sign_in(page, live_server, world.hr.user)
    _go_to_appraisers(page)
    row = page.get_by_role("row").filter(has_text=principal.full_name)
    expect(row).to_contain_text("School leadership 2025/26")
    assert_accessible(page)
    row.get_by_role("link", name=f"Panel for {principal.full_name}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Panel for {principal.full_name}")
    expect(page.locator(".context")).to_contain_text("a head's review")
    expect(page.get_by_role("heading", name="Current panel")).to_have_count(0)
    assert_accessible(page)

    # Under the WH preset a head is reviewed by an external school improvement partner (WH-R3).
    page.get_by_label("Member 1: email").fill(world.trustee.email)
    page.get_by_label("Member 1: sits as").select_option(label="Trustee")
    page.get_by_role("button", name="Save the panel").click()
    expect(page.get_by_role("alert")).to_have_text(
        "This review is carried out by an external school improvement partner (WH-R3)."
    )
    expect(page.get_by_label("Member 1: email")).to_have_value(world.trustee.email)
    assert_accessible(page)

    page.get_by_label("Member 1: email").fill(sip.user.email)
    page.get_by_label("Member 1: sits as").select_option(label="School improvement partner")
    page.get_by_role("button", name="Save the panel").click()
    expect(page.locator(".messages")).to_have_text(f"The panel for {principal.full_name} is saved.")
    expect(page.get_by_role("heading", name="Current panel")).to_be_visible()
    expect(page.get_by_role("listitem").filter(has_text="(School improvement partner)")).to_have_text(
        f"{sip.user.get_full_name()} (School improvement partner)"
    )
    expect(page.get_by_label("Member 1: email")).to_have_value(sip.user.email)
    assert_accessible(page)
