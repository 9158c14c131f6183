"""HR opens a year's cycle, watches a real Celery worker create the appraisals, then closes it."""

import re

import pytest
from celery.contrib.testing.worker import start_worker
from playwright.sync_api import expect

from config import celery_app
from tests.factories import StaffMemberFactory
from trusts.models import StaffMember

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser

# The worker polls Redis and the page polls the server every second; generous, never slept.
OPENED_WITHIN_MS = 20_000


@pytest.fixture
def worker():
    """A real worker in a thread, on the broker the settings name (Redis at REDIS_URL).

    Messages an interrupted earlier run left on the queue are dropped first: the test database
    is created afresh each session, so their ids could name this run's rows.
    """
    celery_app.control.purge()
    with start_worker(celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10) as running:
        yield running


def _open_cycle(page, staff_group: str, year: str) -> None:
    form = page.locator("form", has=page.get_by_role("button", name="Open the cycle"))
    form.get_by_label("Staff group").select_option(label=staff_group)
    form.get_by_label("Year the cycle starts").fill(year)
    form.get_by_role("button", name="Open the cycle").click()


def test_hr_opens_watches_and_closes_a_cycle(page, live_server, world_a, worker):
    # An agency teaching assistant: outside the policy, but under the WH preset still managed
    # through check-ins (WH-S2), so counted on the light track rather than left out.
    StaffMemberFactory(
        trust=world_a.trust,
        school=world_a.school,
        staff_group=StaffMember.Group.SUPPORT,
        job_title="Teaching Assistant",
        contract_type=StaffMember.Contract.AGENCY,
        line_manager=world_a.principal,
        has_qts=False,
    )
    sign_in(page, live_server, world_a.hr.user.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cycles").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Professional Growth cycles")
    expect(page.get_by_role("table", name="Cycles")).to_contain_text("No cycle is open yet.")
    assert_accessible(page)

    # The world has one teacher (the principal is leadership): one appraisal, created by the worker.
    _open_cycle(page, "Teacher", "2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Teacher 2025/26")
    expect(page.locator(".messages")).to_contain_text("Opening the Teacher 2025/26 cycle")
    progress = page.locator("#cycle-progress").get_by_role("status")
    expect(progress).to_have_text("100% — 1 of 1 people.", timeout=OPENED_WITHIN_MS)
    expect(page.locator("#progress-bar")).to_have_attribute("value", "100")
    expect(page.get_by_text("Appraisals created")).to_be_visible()
    expect(page.locator("#cycle-progress")).not_to_have_attribute("hx-trigger", re.compile("."))  # polling stopped
    expect(page.get_by_role("heading", name="Not included (0)")).to_be_visible()
    expect(page.get_by_text("Everyone in the group is included.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="All cycles").click()
    _open_cycle(page, "Support staff", "2025")
    expect(page.get_by_role("heading", level=1)).to_have_text("Support staff 2025/26")
    expect(page.locator("#cycle-progress").get_by_role("status")).to_have_text(
        "100% — 2 of 2 people.", timeout=OPENED_WITHIN_MS
    )
    assert_accessible(page)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Cycles").click()
    cycles = page.get_by_role("table", name="Cycles")
    teachers = cycles.get_by_role("row", name=re.compile(r"^Teacher 2025\/26"))
    expect(teachers).to_contain_text("1 Oct 2025 – 30 Sep 2026")
    expect(teachers).to_contain_text("Open")
    support = cycles.get_by_role("row", name=re.compile(r"^Support staff 2025\/26"))
    expect(support.get_by_role("cell").nth(4)).to_have_text("2 (1 check-ins only)")
    expect(support.get_by_role("cell").nth(5)).to_have_text("0")
    assert_accessible(page)

    # The same cycle again changes nothing.
    _open_cycle(page, "Teacher", "2025")
    expect(page.locator(".messages")).to_contain_text("The Teacher 2025/26 cycle is already open.")
    expect(page.locator("#cycle-progress").get_by_role("status")).to_have_text("100% — 1 of 1 people.")

    page.get_by_role("button", name="Close the Teacher 2025/26 cycle").click()
    expect(page.locator(".messages")).to_contain_text("The Teacher 2025/26 cycle is closed and its records are locked.")
    expect(page.locator(".context")).to_contain_text("Closed")
    expect(page.get_by_role("button", name=re.compile("^Close the"))).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("link", name="All cycles").click()
    expect(cycles.get_by_role("row", name=re.compile(r"^Teacher 2025\/26"))).to_contain_text("Closed")
    expect(cycles.get_by_role("row", name=re.compile(r"^Support staff 2025\/26"))).to_contain_text("Open")
