"""Two-factor sign-in: setting up an authenticator app, and being asked for its code."""

import re

import pytest
from playwright.sync_api import expect

from tests.factories import TEST_PASSWORD

from .conftest import assert_accessible, fresh_totp_code, sign_in, sign_out

pytestmark = pytest.mark.browser


def test_person_sets_up_an_authenticator_and_is_asked_for_a_code_next_time(page, live_server, world_a):
    teacher = world_a.teacher
    sign_in(page, live_server, teacher.user.email)
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {teacher.user.first_name}")

    page.get_by_role("link", name="Sign-in security").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    expect(page.get_by_text("An authenticator app is not active.")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Activate").click()
    # A sensitive change: allauth asks for the password again first.
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    assert_accessible(page)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()

    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    expect(page.get_by_role("img")).to_be_visible()  # the QR code
    assert_accessible(page)
    secret = page.get_by_label("Authenticator secret").input_value()
    assert re.fullmatch(r"[A-Z2-7]{32}", secret), secret

    page.get_by_label("Authenticator code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Activate").click()

    # Recovery codes are made with the authenticator and shown straight away.
    expect(page).to_have_url(re.compile(r"/accounts/2fa/recovery-codes/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    expect(page.get_by_text("There are 10 out of 10 recovery codes available.")).to_be_visible()
    codes = page.get_by_label("Unused codes").input_value().split()
    assert len(codes) == 10 and all(re.fullmatch(r"[0-9a-f]{8}", c) for c in codes), codes
    assert_accessible(page)

    page.get_by_role("link", name="Sign-in security").click()
    expect(page.get_by_text("Authentication using an authenticator app is active.")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="View").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    assert page.get_by_label("Unused codes").input_value().split() == codes
    assert_accessible(page)

    sign_out(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")

    sign_in(page, live_server, teacher.user.email)

    expect(page).to_have_url(re.compile(r"/accounts/2fa/authenticate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Two-Factor Authentication")
    expect(page.get_by_text("Please enter an authenticator code")).to_be_visible()
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)  # not signed in yet
    assert_accessible(page)

    page.get_by_label("Code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Sign in").click()

    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {teacher.user.first_name}")
    expect(page.locator(".brand")).to_contain_text("Alder Trust")
    assert_accessible(page)


def test_leader_without_an_authenticator_is_sent_to_set_one_up(page, live_server, world_a):
    world_a.trust.mfa_required_for_leaders = True
    world_a.trust.save()
    principal = world_a.principal

    sign_in(page, live_server, principal.user.email)

    # Home is out of reach: the leader is sent to set up an authenticator, told why, and
    # (a sensitive change) asked for their password again on the way.
    gate = "Alder Trust asks leaders and HR to use two-factor sign-in. Set up an authenticator app to continue."
    expect(page.get_by_role("status")).to_contain_text(gate)
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm Access")
    assert_accessible(page)
    page.get_by_label("Password").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Confirm").click()
    expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")

    for address in ("/", "/schools/"):
        page.goto(f"{live_server.url}{address}")
        expect(page).to_have_url(re.compile(r"/accounts/2fa/totp/activate/$"))
        expect(page.get_by_role("status")).to_contain_text(gate)
        expect(page.get_by_role("heading", level=1)).to_have_text("Activate Authenticator App")
    assert_accessible(page)

    # Once the authenticator is set up, the leader's pages open.
    secret = page.get_by_label("Authenticator secret").input_value()
    page.get_by_label("Authenticator code").fill(fresh_totp_code(secret))
    page.get_by_role("button", name="Activate").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Recovery Codes")
    page.get_by_role("link", name="Home").click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Hello, {principal.user.first_name}")
    expect(page.get_by_role("region", name="Your school")).to_contain_text("Alder Trust Primary")
    assert_accessible(page)
