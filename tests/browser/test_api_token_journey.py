"""A teacher issues an API token in the page, a program uses it, and revoking it locks the program out."""

import json
import urllib.error
import urllib.request

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

pytestmark = pytest.mark.browser


def _call_api(live_server, key: str) -> tuple[int, dict]:
    """What a person's own program does with the token: GET the staff list, no cookies."""
    request = urllib.request.Request(
        f"{live_server.url}/api/v1/staff/",
        headers={"Authorization": f"Token {key}", "Accept": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 (the live server)
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"{}")


def test_teacher_creates_uses_and_revokes_an_api_token(page, live_server, world_a):
    teacher = world_a.teacher
    sign_in(page, live_server, teacher.user.email)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="API access").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("API access")
    expect(page.get_by_text("You have no API token.")).to_be_visible()
    expect(page.get_by_role("button", name="Revoke my token")).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Create a token").click()
    expect(page.get_by_text("copy it now; it will not be shown again")).to_be_visible()
    key = page.locator("#api-token-key").inner_text().strip()
    assert len(key) == 40, key
    assert_accessible(page)

    status, body = _call_api(live_server, key)
    assert status == 200, body
    # A teacher sees themselves (and no one else: they manage no one).
    assert [person["id"] for person in body["results"]] == [teacher.pk], body

    # Shown once: coming back later says a token exists, never what it is.
    page.get_by_role("navigation", name="Main").get_by_role("link", name="API access").click()
    expect(page.get_by_text("You have a token, issued on")).to_be_visible()
    expect(page.locator("#api-token-key")).to_have_count(0)
    expect(page.get_by_text(key)).to_have_count(0)
    assert_accessible(page)

    page.get_by_role("button", name="Revoke my token").click()
    expect(page.get_by_role("status")).to_contain_text("Your API token has been revoked.")
    expect(page.get_by_text("You have no API token.")).to_be_visible()
    assert_accessible(page)

    status, body = _call_api(live_server, key)
    assert status == 401, body
