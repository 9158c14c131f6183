"""The trust's policy in plain words, HR revising it in the admin, and a principal's school calendar."""

import re
from datetime import date, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from trusts.calendar import academic_year_of

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def test_hr_revises_the_policy_and_a_teacher_reads_it(page, new_page, live_server, world_a):
    teacher = new_page()
    sign_in(teacher, live_server, world_a.teacher.user.email)
    teacher.get_by_role("navigation", name="Main").get_by_role("link", name="Our policy").click()
    expect(teacher.get_by_role("heading", level=1)).to_have_text("Alder Trust: how professional growth works here")
    expect(teacher.locator(".context")).to_contain_text("Policy version 1")
    your_year = teacher.get_by_role("region", name="Your year")
    expect(your_year).to_contain_text("For teachers the year runs from 1 October to 30 September")
    during = teacher.get_by_role("region", name="During the year")
    expect(during).to_contain_text("Complete your self-reflection by 15 October.")
    expect(during).to_contain_text("At least 3 check-ins a year")
    # Only HR is offered the way to change it.
    expect(teacher.get_by_role("link", name="Change the policy (HR admin)")).to_have_count(0)
    assert_accessible(teacher)

    sign_in(page, live_server, world_a.hr.user.email)
    page.goto(f"{live_server.url}/admin/trusts/policy/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Select policy to view")
    assert_accessible(page)

    page.get_by_role("link", name="Revise the policy").click()
    # .first: the admin's own title and the page's heading both say it (reported to the owner).
    expect(page.get_by_role("heading", level=1).first).to_have_text("Revise the policy")
    expect(page.get_by_text("You are editing version 1. Saving makes version 2")).to_be_visible()
    assert_accessible(page)

    # A setting the policy cannot work with: explained beside the field, nothing saved.
    page.get_by_label("Retention years").fill("0")
    page.get_by_label("What changed and why").fill("Keep records for no time at all")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page.get_by_text("Please correct the settings marked below; nothing has been saved.")).to_be_visible()
    retention_row = page.locator(".form-row", has=page.get_by_label("Retention years"))
    expect(retention_row).to_contain_text("Records are kept for between 1 and 25 years.")
    expect(page.get_by_label("Retention years")).to_have_value("0")
    assert_accessible(page)

    page.get_by_label("Retention years").fill("6")
    page.get_by_label("Checkins min per year").fill("4")
    page.get_by_label("What changed and why").fill("A fourth check-in after the February half term")
    page.get_by_role("button", name="Save as a new version").click()
    expect(page).to_have_url(f"{live_server.url}/admin/trusts/policy/")
    expect(page.locator(".messagelist")).to_contain_text("Saved as policy version 2.")
    results = page.locator("#result_list")
    expect(results).to_contain_text("A fourth check-in after the February half term")
    # The refused change made no version of its own: versions 1 and 2 only.
    expect(results.locator("tbody tr")).to_have_count(2)
    expect(results).not_to_contain_text("Keep records for no time at all")
    assert_accessible(page)

    teacher.reload()
    expect(teacher.locator(".context")).to_contain_text("Policy version 2")
    expect(teacher.locator(".context")).to_contain_text("A fourth check-in after the February half term")
    expect(teacher.get_by_role("region", name="During the year")).to_contain_text("At least 4 check-ins a year")
    assert_accessible(teacher)


def _monday_on_or_after(day: date) -> date:
    return day + timedelta(days=(7 - day.weekday()) % 7)


def _term_field(page, term: str, label: str):
    """One date box inside one term's fieldset: every term has the same four labels."""
    return page.get_by_role("group", name=term).get_by_label(f"{label}:", exact=True)


def test_principal_enters_their_school_calendar(page, live_server, world_a):
    year = academic_year_of(timezone.localdate())
    nxt = year + 1
    terms = {
        "Autumn term": (f"{year}-09-03", f"{year}-10-26", f"{year}-10-30", f"{year}-12-18"),
        "Spring term": (f"{nxt}-01-05", f"{nxt}-02-15", f"{nxt}-02-19", f"{nxt}-03-26"),
        "Summer term": (f"{nxt}-04-12", f"{nxt}-05-31", f"{nxt}-06-04", f"{nxt}-07-21"),
    }
    inset = _monday_on_or_after(date(year, 11, 2))  # e.g. Monday 2 November 2026

    sign_in(page, live_server, world_a.principal.user.email)
    page.get_by_role("region", name="Your school").get_by_role("link", name="Alder Trust Primary").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Alder Trust Primary")
    expect(page.get_by_text("not entered yet")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name=re.compile(r"^School calendar")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Alder Trust Primary: calendar {year}/{nxt % 100:02d}")
    expect(page.get_by_text("No calendar has been entered for this year.")).to_be_visible()
    expect(page.get_by_role("table", name="Closure and INSET days")).to_contain_text("None recorded.")
    assert_accessible(page)

    for term, dates in terms.items():
        for label, value in zip(("Term starts", "Half term starts", "Half term ends", "Term ends"), dates, strict=True):
            _term_field(page, term, label).fill(value)
    page.get_by_role("button", name="Save the terms").click()
    expect(page.get_by_role("status").filter(has_text="The terms are saved.")).to_be_visible()
    expect(page.get_by_text("No calendar has been entered for this year.")).to_have_count(0)
    expect(_term_field(page, "Spring term", "Half term starts")).to_have_value(f"{nxt}-02-15")
    assert_accessible(page)

    page.get_by_label("Date:", exact=True).fill(inset.isoformat())
    page.get_by_label("Kind").select_option(label="INSET day")
    page.get_by_label("Reason").fill("Staff training")
    page.get_by_role("button", name="Add the day").click()
    expect(page.get_by_role("status")).to_contain_text(f"{inset:%d/%m/%Y} is recorded as a closure day.")
    row = page.get_by_role("table", name="Closure and INSET days").get_by_role(
        "row", name=re.compile(inset.strftime("%A %-d %B %Y"))
    )
    expect(row).to_contain_text("INSET day")
    expect(row).to_contain_text("Staff training")
    expect(row.get_by_role("button", name=f"Remove {inset:%-d %B %Y}")).to_be_visible()
    assert_accessible(page)

    # A term that ends before it starts is refused, with the reason beside the field.
    _term_field(page, "Autumn term", "Term ends").fill(f"{year}-08-01")
    page.get_by_role("button", name="Save the terms").click()
    term_ends = _term_field(page, "Autumn term", "Term ends")
    autumn = page.get_by_role("group", name="Autumn term")
    beside = autumn.locator("div", has=page.get_by_label("Term ends:", exact=True)).last
    expect(beside).to_contain_text("A term ends after it starts.")
    expect(term_ends).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("The terms are saved.")).to_have_count(0)
    assert_accessible(page)

    # The refused save changed nothing.
    page.goto(page.url)
    expect(_term_field(page, "Autumn term", "Term ends")).to_have_value(f"{year}-12-18")
    expect(page.get_by_role("table", name="Closure and INSET days")).to_contain_text(inset.strftime("%A %-d %B %Y"))
