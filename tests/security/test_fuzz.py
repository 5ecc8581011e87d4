"""Hostile input thrown at the learner-facing forms and endpoints (issue 8,
DESIGN.md §6 and §8): arbitrary field names and values, ids, codes, query strings
and JSON. Whatever arrives, the answer is never a 500, `django.request` logs no
error, and input that is refused (a 4xx, or a form shown again with its errors)
leaves the learner records exactly as they were.

Each example runs in a savepoint rolled back after it, with an empty cache (so
throttles start afresh), on the records of the access matrix's world. The quiz's
submit with arbitrary answers is fuzzed in tests/assessments/test_submit_fuzz.py.
"""

import hashlib
import json
import logging
import re
from contextlib import contextmanager
from urllib.parse import quote, urlencode

import pytest
from django.core.cache import caches
from django.db import transaction
from django.test import Client
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from assessments.models import Attempt
from learning.accounts.models import User
from learning.certificates.models import Certificate
from learning.progress.models import CourseCompletion, Enrolment, StepProgress
from learning.reports.models import ReportSubscription

pytestmark = pytest.mark.django_db

# The records a refused request must leave as they were.
WATCHED = (
    User,
    Enrolment,
    StepProgress,
    Attempt,
    CourseCompletion,
    Certificate,
    ReportSubscription,
)

# Strings that have broken web forms before: very long, NUL and control
# characters, right-to-left and astral characters, paths, SQL and markup.
NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\r\n\t",
    "A" * 5000,
    "😀" * 300,
    "\u202eevil\u202c",
    "../../../../etc/passwd",
    "..%2F..%2Fetc%2Fpasswd",
    "%00",
    "' OR 1=1 --",
    '"; DROP TABLE accounts_user; --',
    "<script>alert(1)</script>",
    "{{ 7|add:7 }}{% debug %}",
    "-1",
    "0",
    "1e309",
    "NaN",
    str(2**63),
    str(-(2**63) - 1),
    "9" * 40,
    "2026-02-30",
    "null",
    "[]",
    "{}",
]

text = st.one_of(st.text(max_size=80), st.sampled_from(NASTY))
values = st.one_of(text, st.lists(text, min_size=1, max_size=3))
# Ids in URLs: any integer (far past 64 bits too) or any text at all.
ids_in_64_bits = st.one_of(
    st.integers(min_value=0, max_value=2**63 - 1),
    text.filter(lambda value: not re.fullmatch("[0-9]{19,}", value)),
)
ids = st.one_of(
    ids_in_64_bits,
    st.integers(min_value=2**63, max_value=2**64),
    st.integers(min_value=1).map(lambda n: n * 10**30),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | text,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(text, inner, max_size=4)
    ),
    max_leaves=12,
)


def form_data(field_names):
    """Arbitrary POST data: the form's own field names and any other."""
    names = st.one_of(st.sampled_from(field_names), text.filter(bool))
    return st.dictionaries(names, values, max_size=8)


def path_segment(value):
    """A URL segment for an id: numbers as they are, text percent-encoded (so
    slashes and dots reach the router as characters)."""
    return str(value) if isinstance(value, int) else quote(value, safe="") or "%20"


def snapshot():
    """Row count and a hash of every row of each watched table."""
    state = {}
    for model in WATCHED:
        rows = list(model.objects.order_by("pk").values_list())
        digest = hashlib.sha256(repr(rows).encode()).hexdigest()
        state[model._meta.label] = (len(rows), digest)
    return state


@contextmanager
def one_example(caplog):
    """One example: a savepoint rolled back after it, an empty cache, and the
    errors `django.request` logged."""
    for cache in caches.all():
        cache.clear()
    caplog.clear()
    with transaction.atomic():
        with caplog.at_level(logging.ERROR, logger="django.request"):
            yield
        transaction.set_rollback(True)


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def check(response, before, caplog, *, allowed, refused):
    """Never a 500 or a logged error; one of the answers expected; a refusal
    changes no watched record. A 400 is always a refusal: Django's own answer to
    a malformed request (a multipart header too long, say)."""
    allowed, refused = allowed | {400}, refused | {400}
    assert response.status_code < 500, response.content[:500]
    assert not [r for r in caplog.records if r.name == "django.request"], [
        r.getMessage() for r in caplog.records
    ]
    assert response.status_code in allowed, (
        response.status_code,
        response.get("Location"),
    )
    if response.status_code in refused:
        assert snapshot() == before, f"a refused request ({response.status_code}) "
        "changed a record"


# No example database: every run tries the same examples, as CI does.
fuzz = settings(
    database=None,
    max_examples=40,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


# Accounts ---------------------------------------------------------------------------

SIGNUP_FIELDS = [
    "email",
    "full_name",
    "organisation",
    "preferred_language",
    "password1",
    "password2",
]


@fuzz
@given(data=form_data(SIGNUP_FIELDS))
def test_signup(world, caplog, data):
    with one_example(caplog):
        client = client_for()
        before = snapshot()
        response = client.post("/en/accounts/signup/", data)
        # Refused: the form again, with its errors.
        check(response, before, caplog, allowed={200, 302, 400}, refused={200, 400})
        if response.status_code == 302:
            assert response["Location"].endswith("/accounts/signup/done/")


@fuzz
@given(data=form_data(["username", "password", "next"]))
def test_login(world, caplog, data):
    with one_example(caplog):
        client = client_for()
        before = snapshot()
        response = client.post("/en/accounts/login/", data)
        check(response, before, caplog, allowed={200, 429}, refused={200, 429})


@fuzz
@given(data=form_data(["email"]))
def test_password_reset(world, caplog, data):
    with one_example(caplog):
        client = client_for()
        before = snapshot()
        response = client.post("/en/accounts/password-reset/", data)
        check(response, before, caplog, allowed={200, 302, 429}, refused={200, 429})


@fuzz
@given(data=form_data(["email"]))
def test_resend_verification(world, caplog, data):
    with one_example(caplog):
        client = client_for()
        before = snapshot()
        response = client.post("/en/accounts/verify/resend/", data)
        check(response, before, caplog, allowed={200, 400, 429}, refused={400, 429})


PROFILE_FIELDS = [
    "full_name",
    "organisation",
    "preferred_language",
    "time_zone",
    "email_reminders",
]


@fuzz
@given(data=form_data(PROFILE_FIELDS))
def test_profile(world, caplog, data):
    with one_example(caplog):
        client = client_for(world.learner_a)
        before = snapshot()
        response = client.post("/en/accounts/profile/", data)
        check(response, before, caplog, allowed={302, 400}, refused={400})
        if response.status_code == 400 and b'name="full_name"' in response.content:
            assert b"notice--error" in response.content  # the form, with why


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/en/accounts/profile/", 400),
        ("/en/accounts/verify/resend/", 400),
        ("/en/accounts/signup/", 200),
        ("/en/certificates/confirm-name/", 400),
    ],
)
def test_an_empty_post_is_refused_with_the_forms_errors(world, caplog, url, status):
    with one_example(caplog):
        client = client_for(world.learner_a if "signup" not in url else None)
        before = snapshot()
        response = client.post(url, {})
        check(response, before, caplog, allowed={status}, refused={status})
        assert b"notice--error" in response.content


# Enrolment and progress --------------------------------------------------------------

PROGRESS_URLS = [
    "/en/courses/{}/enrol/",
    "/en/courses/{}/withdraw/",
    "/en/courses/{}/recertify/",
    "/en/modules/{}/done/",
]


@fuzz
@given(
    url=st.sampled_from(PROGRESS_URLS),
    target=ids_in_64_bits,
    data=form_data(["next", "course", "reason"]),
    accept=st.sampled_from(["text/html", "application/json", "*/*", "\x7f", ""]),
)
def test_progress_actions_with_any_id(world, caplog, url, target, data, accept):
    with one_example(caplog):
        client = client_for(world.learner_a)
        before = snapshot()
        response = client.post(
            url.format(path_segment(target)), data, HTTP_ACCEPT=accept
        )
        check(response, before, caplog, allowed={302, 400, 404}, refused={400, 404})


@pytest.mark.parametrize("url", PROGRESS_URLS)
def test_progress_actions_with_an_id_past_64_bits(world, caplog, url):
    with one_example(caplog):
        client = client_for(world.learner_a)
        before = snapshot()
        response = client.post(url.format(10**30))
        check(response, before, caplog, allowed={404}, refused={404})


@fuzz
@given(
    url=st.sampled_from(PROGRESS_URLS),
    data=form_data(["next", "course", "reason", "csrfmiddlewaretoken"]),
)
def test_progress_actions_on_real_pages_with_any_body(world, caplog, url, data):
    target = world.module.pk if "modules" in url else world.course.pk
    with one_example(caplog):
        client = client_for(world.learner_a)
        before = snapshot()
        response = client.post(url.format(target), data)
        # Recertifying a course whose certificate does not expire is refused.
        check(response, before, caplog, allowed={302, 400}, refused={400})


# Quizzes ----------------------------------------------------------------------------

QUIZ_URLS = [
    "/en/quizzes/{}/start/",
    "/en/attempts/{}/save/",
    "/en/attempts/{}/submit/",
]


@fuzz
@given(url=st.sampled_from(QUIZ_URLS), target=ids, data=form_data(["q-1", "next"]))
def test_quiz_actions_with_any_id(world, caplog, url, target, data):
    with one_example(caplog):
        client = client_for(world.learner_a)
        before = snapshot()
        response = client.post(url.format(path_segment(target)), data)
        check(response, before, caplog, allowed={302, 404}, refused={404})


def answer_fields(world):
    question = world.attempt.questions[0]
    tokens = [choice["token"] for choice in question["choices"]]
    return f"q-{question['id']}", tokens


@fuzz
@given(data=st.data())
def test_autosave_with_any_form_data(world, caplog, data):
    field, tokens = answer_fields(world)
    names = st.one_of(st.sampled_from([field, "q-", "q-0", "q-x"]), text)
    form = data.draw(
        st.dictionaries(
            names, st.lists(st.one_of(text, st.sampled_from(tokens)), max_size=3)
        )
    )
    with one_example(caplog):
        client = client_for(world.learner_a)
        before = snapshot()
        response = client.post(
            f"/en/attempts/{world.attempt.pk}/save/",
            form,
            HTTP_ACCEPT="application/json",
        )
        check(response, before, caplog, allowed={200, 400}, refused={400})
        if response["Content-Type"] == "application/json":  # else Django's own 400
            body = response.json()
            assert body.get("saved") is True or body.get("error"), body


@fuzz
@given(body=json_values, accept=st.sampled_from(["application/json", "text/html"]))
def test_autosave_with_any_json(world, caplog, body, accept):
    with one_example(caplog):
        client = client_for(world.learner_a)
        before = snapshot()
        response = client.post(
            f"/en/attempts/{world.attempt.pk}/save/",
            json.dumps(body),
            content_type="application/json",
            HTTP_ACCEPT=accept,
        )
        # A JSON body carries no answers: saved as none, or refused.
        check(response, before, caplog, allowed={200, 302, 400}, refused={400})


# The catalogue and certificate verification -----------------------------------------


@fuzz
@given(params=form_data(["topic", "page"]))
def test_catalogue_topics_and_pages(world, caplog, params):
    with one_example(caplog):
        client = client_for()
        before = snapshot()
        response = client.get("/en/", params)
        check(response, before, caplog, allowed={200}, refused={200})


@fuzz
@given(query=text, topic=st.one_of(st.just(""), text))
@example(query='"', topic="")
def test_catalogue_search(world, caplog, query, topic):
    with one_example(caplog):
        client = client_for()
        before = snapshot()
        response = client.get("/en/", {"q": query, "topic": topic})
        check(response, before, caplog, allowed={200}, refused={200})


@fuzz
@given(
    code=st.one_of(
        text,
        st.text(min_size=200, max_size=3000),
        st.sampled_from(["../../etc/passwd", "..", ".", "%2e%2e", "K7QM-4XD2"]),
    ),
    encode=st.booleans(),
)
def test_certificate_verification_by_any_code(world, caplog, code, encode):
    segment = quote(code, safe="" if encode else "/.") or "%20"
    with one_example(caplog):
        before = snapshot()
        client = client_for()
        page = client.get(f"/en/certificates/verify/{segment}/")
        lookup = client.get("/en/certificates/verify/", {"code": code})
        check(page, before, caplog, allowed={404}, refused={404})
        check(lookup, before, caplog, allowed={200, 302}, refused={200, 302})


def test_certificate_verification_finds_the_real_code(world, client):
    """The fuzz above only ever misses: the real code still finds its page."""
    response = client.get(f"/en/certificates/verify/{world.certificate.code}/")
    assert response.status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/en/?q=a%00b",
        "/en/?topic=%00",
        "/en/certificates/verify/K7QM%00/",
        "/en/certificates/verify/?code=%00",
        "/admin/reports/completion/?q=%00",
    ],
)
def test_a_nul_byte_in_a_path_or_query_is_refused(world, caplog, url):
    """PostgreSQL refuses to compare text with a NUL byte: it never gets there."""
    with one_example(caplog):
        client = client_for(world.admin)
        before = snapshot()
        response = client.get(url)
        check(response, before, caplog, allowed={400}, refused={400})
        assert b"Request refused" in response.content


# Reports in the admin ----------------------------------------------------------------

REPORT_PARAMS = [
    "q",
    "p",
    "ordering",
    "export",
    "course",
    "organisation",
    "status",
    "topic",
    "enrolled_after",
    "enrolled_before",
    "due_after",
    "due_before",
    "completed_after",
    "completed_before",
    "_w_filter_fragment",
]


@fuzz
@given(params=form_data(REPORT_PARAMS), results=st.booleans())
def test_completion_report_filters(world, caplog, params, results):
    url = "/admin/reports/completion/" + ("results/" if results else "")
    with one_example(caplog):
        client = client_for(world.admin)
        before = snapshot()
        response = client.get(url + "?" + urlencode(params, True))
        check(response, before, caplog, allowed={200, 302, 400}, refused={400})


@fuzz
@given(
    data=form_data(["course", "organisation"]),
    as_focal_point=st.booleans(),
)
def test_report_subscription_form(world, caplog, data, as_focal_point):
    user = world.focal_x if as_focal_point else world.admin
    with one_example(caplog):
        client = client_for(user)
        before = snapshot()
        response = client.post("/admin/reports/subscriptions/", data)
        check(response, before, caplog, allowed={302, 400}, refused={400})
