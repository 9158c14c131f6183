"""Headless Chromium journeys: a real browser, the real sign-in form, axe-core on every page.

The live server runs in a thread of this process and reads the database through its own
connections, so every test here uses ``transactional_db``: fixture rows are committed and
visible to it. Tenant rows written by factories go through the superuser connection (no
row-level security); the live server's requests run as the app role, as in production.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import os
import re
import struct
import time
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.factories import TEST_PASSWORD

# Playwright's sync API runs an event loop in this thread; Django would otherwise refuse the
# fixtures' database calls as "async-unsafe". Nothing here is really asynchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("BROWSER_EXECUTABLE", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
# Fail fast: every page here is small and served from this machine.
ACTION_TIMEOUT_MS = 10_000
BLOCKING_IMPACTS = ("serious", "critical")


@pytest.fixture(scope="session")
def browser() -> Browser:
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(autouse=True)
def _browser_db(transactional_db, live_server, settings):
    """Committed data for the live server, and a private cache for each test.

    allauth keeps its rate limits (failed sign-ins per address, MFA attempts) and used TOTP
    codes in the cache. Factory emails repeat from run to run, so a shared Redis cache would
    make a later run trip a limit an earlier run set; a cache of its own keeps every run alike
    and leaves the shared Redis database alone.
    """
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"browser-{uuid.uuid4().hex}",
        }
    }


@pytest.fixture
def new_page(browser: Browser, _browser_db):
    """Open a page in a fresh browser context (its own cookies); closed after the test."""
    contexts = []

    def make(**context_options) -> Page:
        options = {"locale": "en-GB", "timezone_id": "Europe/London", **context_options}
        context = browser.new_context(**options)
        context.set_default_timeout(ACTION_TIMEOUT_MS)
        context.browser_suite_options = options  # read back by assert_accessible
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page) -> Page:
    return new_page()


def sign_in(page: Page, live_server, email: str, password: str = TEST_PASSWORD) -> None:
    """Sign in as a person would: open the sign-in page, type, press the button."""
    page.goto(f"{live_server.url}/accounts/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in", exact=True).click()


def sign_out(page: Page) -> None:
    page.get_by_role("button", name="Sign out").click()


def assert_accessible(page: Page, *, context=None) -> None:
    """Run axe-core on the page as it is now; fail on every serious or critical violation.

    axe-core is JavaScript and never finishes in a page whose context has JavaScript turned
    off (its timers do not run), so such a page is checked through a twin: the same address,
    cookies and locale in a context where JavaScript runs but every script the site sends is
    refused. The twin gets exactly the markup the person without JavaScript got.
    """
    page.wait_for_load_state("load")
    options = getattr(page.context, "browser_suite_options", {})
    if options.get("java_script_enabled", True) is False:
        _assert_accessible_without_scripts(page, options, context)
        return
    results = Axe().run(page, context=context) if context is not None else Axe().run(page)
    _fail_on_blocking_violations(page, results.response["violations"])


def _assert_accessible_without_scripts(page: Page, options: dict, context) -> None:
    twin_options = {**options, "java_script_enabled": True, "storage_state": page.context.storage_state()}
    twin_context = page.context.browser.new_context(**twin_options)
    try:
        twin_context.set_default_timeout(ACTION_TIMEOUT_MS)
        twin_context.route(
            "**/*", lambda route: route.abort() if route.request.resource_type == "script" else route.continue_()
        )
        twin = twin_context.new_page()
        twin.goto(page.url)
        heading = page.get_by_role("heading", level=1).all_inner_texts()
        assert twin.get_by_role("heading", level=1).all_inner_texts() == heading, (
            f"{page.url} showed a different page to its twin; cannot check it for accessibility"
        )
        results = Axe().run(twin, context=context) if context is not None else Axe().run(twin)
        _fail_on_blocking_violations(page, results.response["violations"])
    finally:
        twin_context.close()


def _fail_on_blocking_violations(page: Page, violations: list[dict]) -> None:
    blocking = [v for v in violations if v.get("impact") in BLOCKING_IMPACTS]
    if blocking:
        lines = [f"axe found {len(blocking)} serious or critical problem(s) on {page.url}:"]
        for violation in blocking:
            lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}  {violation['helpUrl']}")
            for node in violation["nodes"]:
                lines.append(f"    at {', '.join(map(str, node['target']))}: {node.get('failureSummary', '').strip()}")
        pytest.fail("\n".join(lines), pytrace=False)


# --- Authenticator app (RFC 6238: 30-second steps, HMAC-SHA1, six digits) --------------------

TOTP_PERIOD = 30


def totp_code(secret: str, at: float | None = None) -> str:
    key = base64.b32decode(re.sub(r"\s", "", secret).upper(), casefold=True)
    counter = int((time.time() if at is None else at) // TOTP_PERIOD)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def fresh_totp_code(secret: str, margin: float = 3.0) -> str:
    """The code an authenticator shows now, waiting for the next step if this one is nearly over.

    The server accepts only the current step's code, so a code read in the last moments of a
    step could expire on its way; a person would wait for the next one too.
    """
    remaining = TOTP_PERIOD - (time.time() % TOTP_PERIOD)
    if remaining < margin:
        time.sleep(remaining + 0.1)
    return totp_code(secret)
