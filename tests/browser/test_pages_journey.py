"""Schools, staff, the trust chooser, the admin and the API docs, as the people who use them."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import ParticipantFactory, RoleAssignmentFactory, SchoolFactory
from trusts.models import Participant, RoleAssignment

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_hr_admin_browses_schools_and_filters_staff(page, new_page, live_server, world_a):
    sign_in(page, live_server, world_a.hr.user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {world_a.hr.user.first_name}")
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schools").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schools")
    expect(page.get_by_role("row", name=re.compile("Alder Trust Primary"))).to_contain_text("Primary")
    assert_accessible(page)

    page.get_by_role("link", name="Alder Trust Primary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alder Trust Primary")
    expect(page.locator("dl.facts")).to_contain_text(world_a.principal.full_name)
    expect(page.get_by_role("link", name=world_a.teacher.full_name)).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Staff").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Staff")
    results = page.locator("#staff-results")
    expect(results).to_contain_text("5 people")
    assert_accessible(page)

    # With JavaScript, choosing a group refreshes the list in place (HTMX) and the address follows.
    page.get_by_label("Staff group").select_option(label="Support staff")
    expect(results).to_contain_text("1 person")
    expect(page).to_have_url(re.compile(r"[?&]staff_group=support\b"))
    expect(results.get_by_role("link", name=world_a.support.full_name)).to_be_visible()
    expect(results.get_by_role("link", name=world_a.teacher.full_name)).to_have_count(0)
    assert_accessible(page)

    results.get_by_role("link", name=world_a.support.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(world_a.support.full_name)
    expect(page.locator("dl.facts")).to_contain_text("Support staff")
    assert_accessible(page)

    # Without JavaScript the same form is an ordinary GET form with a Filter button.
    no_js = new_page(java_script_enabled=False, storage_state=page.context.storage_state())
    no_js.goto(f"{live_server.url}/staff/")
    expect(no_js.locator("#staff-results")).to_contain_text("5 people")
    no_js.get_by_label("Staff group").select_option(label="Teacher")
    no_js.get_by_role("button", name="Filter").click()
    expect(no_js).to_have_url(re.compile(r"/staff/\?.*staff_group=teacher\b"))
    expect(no_js.get_by_label("Staff group")).to_have_value("teacher")
    expect(no_js.locator("#staff-results")).to_contain_text("1 person")
    expect(no_js.get_by_role("link", name=world_a.teacher.full_name)).to_be_visible()
    assert_accessible(no_js)


def test_principal_sees_their_own_school(page, live_server, world_a):
    SchoolFactory(trust=world_a.trust, name="Alder Trust Secondary")
    principal = world_a.principal
    sign_in(page, live_server, principal.user.email)

    your_school = page.get_by_role("region", name="Your school")
    expect(your_school).to_contain_text("Alder Trust Primary")
    expect(page.get_by_text("Alder Trust Secondary")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Schools").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Schools")
    expect(page.get_by_role("link", name="Alder Trust Primary")).to_be_visible()
    expect(page.get_by_text("Alder Trust Secondary")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="Alder Trust Primary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alder Trust Primary")
    staff_table = page.get_by_role("table", name="Current staff at Alder Trust Primary")
    for person in (principal, world_a.teacher, world_a.support):
        expect(staff_table.get_by_role("link", name=person.full_name)).to_be_visible()
    assert_accessible(page)


def test_person_in_two_trusts_chooses_which_to_work_in(page, live_server, world_a, world_b):
    person = world_a.teacher.user
    ParticipantFactory(trust=world_b.trust, user=person, kind=Participant.Kind.TRUSTEE)
    RoleAssignmentFactory(trust=world_b.trust, user=person, role=RoleAssignment.Role.TRUSTEE)

    sign_in(page, live_server, person.email)

    expect(page).to_have_url(re.compile(r"/trusts/choose/\?next=/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Which trust are you working in?")
    assert_accessible(page)
    page.get_by_role("radio", name="Birch Trust").check()
    page.get_by_role("button", name="Continue").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("banner").locator(".brand")).to_contain_text("Birch Trust")
    expect(page.get_by_role("contentinfo")).to_contain_text("You are working in Birch Trust")
    expect(page.get_by_role("region", name="Your roles")).to_contain_text("Trustee")
    expect(page.get_by_text("Alder Trust")).to_have_count(0)
    assert_accessible(page)

    # Switching back is one step from any page.
    page.get_by_role("link", name="Switch trust").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Which trust are you working in?")
    expect(page.get_by_role("radio", name="Birch Trust")).to_be_checked()
    assert_accessible(page)
    page.get_by_role("radio", name="Alder Trust").check()
    page.get_by_role("button", name="Continue").click()

    expect(page.get_by_role("banner").locator(".brand")).to_contain_text("Alder Trust")
    expect(page.get_by_role("contentinfo")).to_contain_text("You are working in Alder Trust")
    expect(page.get_by_role("region", name="Your post")).to_contain_text("Class Teacher")
    assert_accessible(page)


def test_hr_admin_opens_the_admin_and_the_staff_import(page, live_server, world_a):
    sign_in(page, live_server, world_a.hr.user.email)

    page.get_by_role("link", name="HR admin").click()
    expect(page).to_have_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("banner")).to_contain_text("Alder Trust: administration")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your trust")
    assert_accessible(page)

    page.get_by_role("link", name="Staff members").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Select staff member to change")
    assert_accessible(page)

    page.get_by_role("link", name="Import").click()
    expect(page).to_have_url(f"{live_server.url}/admin/trusts/staffmember/import/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    expect(page.get_by_label("File to import")).to_be_attached()
    assert_accessible(page)


def test_api_docs_load(page, live_server):
    page.goto(f"{live_server.url}/api/docs/")

    expect(page).to_have_title("Appraisal API")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("Appraisal API")
    expect(page.locator(".opblock").first).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/staff/").first).to_be_visible()
    assert_accessible(page)
