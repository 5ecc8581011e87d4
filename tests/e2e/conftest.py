"""Browser tests: Debian's chromium driven by Playwright against `live_server`.

Every test in this folder carries the `browser` marker, so it skips (or fails under
REQUIRE_SERVICES=1) when chromium is missing. Never run `playwright install`: the
browser is the system's.
"""

import os

import pytest

from tests import programs

# Playwright's sync API runs an asyncio event loop in the test thread, and Django
# refuses ORM calls from a thread with a running loop. This process only runs tests.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 360, "height": 740}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
# Playwright's default is 30 s; a page of this site that takes longer is a failure.
TIMEOUT_MS = 10_000


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=programs.path("chromium"), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """Open a page in a fresh context (its own cookies): `new_page(mobile=True)`.
    Anything the Content-Security-Policy refused on its pages fails the test."""
    contexts = []
    refused = []

    def note_refusal(message):
        if "Content Security Policy" in message.text:
            refused.append(f"{message.location.get('url')}: {message.text}")

    def open_page(mobile=False, **options):
        options.setdefault("viewport", MOBILE if mobile else DESKTOP)
        options.setdefault("locale", "en-GB")
        if mobile:
            options.setdefault("is_mobile", True)
            options.setdefault("has_touch", True)
        context = browser.new_context(**options)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("console", note_refusal)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()
    assert not refused, "refused by the Content-Security-Policy:\n" + "\n".join(refused)


@pytest.fixture
def page(new_page):
    """A desktop-sized page (1280 × 900) in a context of its own."""
    return new_page()


@pytest.fixture
def mobile_page(new_page):
    """A phone-sized page, 360 px wide (DESIGN.md §7: every learner page works)."""
    return new_page(mobile=True)


def axe_violations(page):
    """axe-core's serious and critical WCAG 2.1 A/AA violations on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": AXE_TAGS},
            "resultTypes": ["violations"],
            # No rule in these tags reads the CSSOM, and axe's preload resolves the
            # stylesheet's @import against the page, logging a 404 for each run.
            "preload": False,
        },
    )
    return [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING_IMPACTS
    ]


def assert_accessible(page):
    violations = axe_violations(page)
    if not violations:
        return
    report = "\n".join(
        f"- {violation['id']} ({violation['impact']}): {violation['help']}\n"
        + "\n".join(
            f"    {' '.join(map(str, node['target']))}" for node in violation["nodes"]
        )
        for violation in violations
    )
    pytest.fail(f"axe-core violations on {page.url}:\n{report}", pytrace=False)


def page_width(page):
    """How wide the document is, overflow included: more than the viewport scrolls."""
    return page.evaluate("document.documentElement.scrollWidth")


def sign_in(page, base_url, email, password, next_path=""):
    """Sign in through the login page, as a person would."""
    page.goto(f"{base_url}/en/accounts/login/?next={next_path}")
    page.get_by_label("Email address").fill(email)
    page.get_by_label("Password", exact=True).fill(password)
    page.get_by_role("button", name="Log in").click()
