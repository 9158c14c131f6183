"""A teacher's year once the cycle is open: home, my year at a glance, and the reminders it sends."""

from datetime import date

import pytest
from playwright.sync_api import expect

from appraisals import deadlines, services
from trusts.tenancy import trust_scope

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


@pytest.fixture
def teachers_year(world_a):
    """The teachers' 2025/26 cycle opened and populated, and the deadline sweep run on 8 October 2025:
    a week before the self-reflection is due (WH preset: 15 October; reminders 7 and 1 days before)."""
    with trust_scope(world_a.trust):
        cycle = services.cycle_open(trust=world_a.trust, staff_group="teacher", starting_year=2025)
        services.cycle_populate(cycle=cycle)
    deadlines.sweep(today=date(2025, 10, 8))
    return world_a


def test_teacher_follows_their_year_and_reminders(page, live_server, teachers_year):
    world = teachers_year
    teacher, appraiser = world.teacher, world.principal
    main_nav = page.get_by_role("navigation", name="Main")

    sign_in(page, live_server, teacher.user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {teacher.user.first_name}")
    this_year = page.get_by_role("region", name="Your professional growth: Teacher 2025/26")
    expect(this_year).to_contain_text("Your year runs from 1 October 2025 to 30 September 2026.")
    expect(this_year).to_contain_text(f"Your appraiser is {appraiser.full_name}.")
    expect(this_year).to_contain_text("Next for you:")
    expect(this_year.get_by_role("listitem").first).to_have_text(
        f"Self-reflection for {teacher.full_name} — by Wednesday 15 October 2025"
    )
    expect(main_nav.get_by_role("link", name="Notifications 1 unread")).to_be_visible()
    assert_accessible(page)

    main_nav.get_by_role("link", name="My year").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My year at a glance")
    card = page.get_by_role("region", name="Professional Growth Teacher 2025/26")
    expect(card).to_contain_text("1 October 2025 to 30 September 2026")
    expect(card).to_contain_text(f"Your appraiser{appraiser.full_name}")
    expect(card).to_contain_text("Planning")
    dates = page.get_by_role("table", name="Dates in your year, earliest first")
    first = dates.get_by_role("row").nth(1)
    expect(first).to_contain_text("Wed 15 October 2025")
    expect(first).to_contain_text(f"Self-reflection for {teacher.full_name}")
    expect(first).to_contain_text("You")
    expect(dates).to_contain_text(f"Objectives agreed with {teacher.full_name}")
    expect(dates.get_by_role("row", name=f"Objectives agreed with {teacher.full_name}")).to_contain_text(
        appraiser.full_name
    )
    assert_accessible(page)

    main_nav.get_by_role("link", name="Notifications").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Notifications")
    note = page.get_by_role("link", name=f"Coming up: Self-reflection for {teacher.full_name}, due 15 October 2025")
    expect(note).to_be_visible()
    expect(page.get_by_role("listitem").filter(has=note)).to_contain_text("Unread:")
    expect(page.get_by_role("radio", name="Email me each one as it happens")).to_be_checked()
    assert_accessible(page)

    page.get_by_role("button", name="Mark all as read").click()
    expect(main_nav.get_by_role("link", name="Notifications", exact=True)).to_be_visible()
    expect(main_nav.get_by_text("unread")).to_have_count(0)
    expect(page.get_by_role("listitem").filter(has=note)).not_to_contain_text("Unread:")
    assert_accessible(page)

    page.get_by_role("radio", name="One email a day with everything new").check()
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Your email choice is saved.")
    expect(page.get_by_role("radio", name="One email a day with everything new")).to_be_checked()
    assert_accessible(page)

    # The reminder links back to the year it is about.
    note.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My year at a glance")
