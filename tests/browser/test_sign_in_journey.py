"""A teacher signs in with email and password, finds their record, and signs out."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_teacher_signs_in_sees_their_post_and_signs_out(page, live_server, world_a):
    teacher = world_a.teacher

    sign_in(page, live_server, teacher.user.email)

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {teacher.user.first_name}")
    expect(page.locator(".brand")).to_contain_text("Alder Trust")
    post = page.get_by_role("region", name="Your post")
    expect(post).to_contain_text("Class Teacher")
    expect(post).to_contain_text("Alder Trust Primary")
    expect(page.get_by_role("contentinfo")).to_contain_text("You are working in Alder Trust")
    assert_accessible(page)

    page.get_by_role("link", name="Your full staff record").click()

    expect(page).to_have_url(f"{live_server.url}/staff/{teacher.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(teacher.full_name)
    expect(page.get_by_text(teacher.user.email)).to_be_visible()
    expect(page.locator("dl.facts")).to_contain_text(world_a.principal.full_name)
    assert_accessible(page)

    sign_out(page)

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(page)

    # Signed out means signed out: the home page asks for a sign-in again.
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/$"))


def test_wrong_password_is_refused_with_a_message(page, live_server, world_a):
    sign_in(page, live_server, world_a.teacher.user.email, password="not-the-password")

    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.get_by_text("The email address and/or password you specified are not correct.")).to_be_visible()
    expect(page.get_by_label("Email")).to_have_value(world_a.teacher.user.email)
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert_accessible(page)
