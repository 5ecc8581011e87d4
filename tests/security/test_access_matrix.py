"""Who may open what (issue 8, DESIGN.md §6).

Every URL pattern of the site and the admin that takes an id, a code or a token
has a row below: learner A's record it is tried on, and the answer each of seven
people gets. On the learner side a record that is not yours is a 404 (or the
login page for a visitor); on the admin side a refusal shows no data (Wagtail's
redirect to its login page or dashboard, or a 404). A refusal never shows
learner A's name or email, changes nothing and logs no error.

A URL pattern with a parameter and no row fails `test_every_url_with_an_id_has_a_row`:
a new URL gets its row before it ships.
"""

import logging
from dataclasses import dataclass

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.urls.resolvers import RegexPattern, RoutePattern

from assessments.models import Attempt, ExtraAttempts, ExtraTime
from learning.accounts.models import User
from learning.certificates.models import Certificate, RegenerationJob
from learning.progress.models import Enrolment, EnrolmentImport
from learning.reports.models import ReportExport, ReportSubscription

from .world import A_EMAIL, A_NAME

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "learner_a", "learner_b", "author", "focal_x", "focal_y", "admin")


@dataclass(frozen=True)
class Answer:
    name: str
    status: int
    # Where a redirect leads: "login" (a login page), "dashboard" (Wagtail's
    # "permission denied" redirect) or "course" (the course's page, saying to
    # enrol first); "" for anywhere.
    to: str = ""
    # A refusal shows learner A nowhere and changes no record.
    refusal: bool = True
    # The page names no learner, even when allowed.
    names_nobody: bool = True

    def __repr__(self):
        return self.name


# Allowed
OK = Answer("OK", 200, refusal=False, names_nobody=False)  # may show A's record
AGGREGATE = Answer("AGGREGATE", 200, refusal=False)  # figures that name nobody
CONTENT = Answer("CONTENT", 200, refusal=False)  # course content or settings
DONE = Answer("DONE", 302, refusal=False, names_nobody=False)  # a POST carried out
# Refused
LOGIN = Answer("LOGIN", 302, to="login")
DENIED = Answer("DENIED", 302, to="dashboard")
TO_COURSE = Answer("TO_COURSE", 302, to="course")
BAD = Answer("BAD", 400)
NOT_FOUND = Answer("NOT_FOUND", 404)


@dataclass(frozen=True)
class Row:
    method: str
    url_name: str
    target: str
    answers: tuple

    def __post_init__(self):
        assert len(self.answers) == len(ROLES), self


def row(method, url_name, target, *answers):
    return Row(method, url_name, target, answers)


# What each row is tried on: the URL's keyword arguments (and a query string).
TARGETS = {
    "A's attempt": lambda w: {"pk": w.attempt.pk},
    "A's attempt, reopen": lambda w: {"pk": w.attempt.pk, "action": "reopen"},
    "A's certificate": lambda w: {"pk": w.certificate.pk},
    "A's certificate code": lambda w: {"code": w.certificate.code},
    "A's enrolment": lambda w: {"pk": w.enrolment.pk},
    "A's extra attempts": lambda w: {"pk": w.extra_attempts.pk},
    "A's extra time": lambda w: {"pk": w.extra_time.pk},
    "A's account": lambda w: {"pk": w.learner_a.pk},
    "A's account, bulk delete": lambda w: (
        {"app_label": "accounts", "model_name": "user", "action": "delete"},
        f"?id={w.learner_a.pk}",
    ),
    "A's id, B's email token": lambda w: {
        "uidb64": w.a_uid,
        "token": w.b_verification_token,
    },
    "A's id, B's invitation token": lambda w: {
        "uidb64": w.a_uid,
        "token": w.b_invitation_token,
    },
    "A's id, B's password token": lambda w: {
        "uidb64": w.a_uid,
        "token": w.b_password_token,
    },
    "A's unsubscribe token, forged": lambda w: {"token": w.forged_unsubscribe},
    "X's report token, forged": lambda w: {"token": w.forged_report_unsubscribe},
    "the course": lambda w: {"course_id": w.course.pk},
    "the course summary": lambda w: {"pk": w.course.pk},
    "the module": lambda w: {"page_id": w.module.pk},
    "the quiz": lambda w: {"quiz_id": w.quiz.pk},
    "a question": lambda w: {"pk": w.question.pk},
    "a question's revision": lambda w: {
        "pk": w.question.pk,
        "revision_id": w.question_revision.pk,
    },
    "a question's revisions": lambda w: {
        "pk": str(w.question.pk),
        "revision_id_a": "earliest",
        "revision_id_b": "latest",
    },
    "the certificate template": lambda w: {"pk": w.template.pk},
    "organisation X": lambda w: {"pk": w.x.pk},
    "X's export": lambda w: {"pk": w.export.pk},
    "X's subscription": lambda w: {"pk": w.subscription.pk},
    "X's import": lambda w: {"pk": w.enrolment_import.pk},
    "a regeneration job": lambda w: {"pk": w.regeneration.pk},
}

TEMPLATES = "wagtailsnippets_certificates_certificatetemplate"
TEMPLATE_CHOOSER = "wagtailsnippetchoosers_certificates_certificatetemplate"
QUESTIONS = "wagtailsnippets_assessments_question"
QUESTION_CHOOSER = "wagtailsnippetchoosers_assessments_question"

# fmt: off
MATRIX = [
    # method, url name, target
    #   anonymous  learner_a  learner_b  author     focal_x    focal_y    admin
    # The learner side: one's own records, else a 404.
    row("GET", "assessments:attempt", "A's attempt",
        LOGIN,     OK,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    row("POST", "assessments:save", "A's attempt",
        LOGIN,     DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    row("POST", "assessments:submit", "A's attempt",
        LOGIN,     DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # A course's actions are on the requester's own enrolment and attempts;
    # those who may not take the quiz are sent to the course to enrol.
    row("POST", "assessments:start", "the quiz",
        LOGIN,     DONE,      TO_COURSE, DONE,      TO_COURSE, TO_COURSE, DONE),
    row("POST", "progress:enrol", "the course",
        LOGIN,     DONE,      DONE,      DONE,      DONE,      DONE,      DONE),
    row("POST", "progress:withdraw", "the course",
        LOGIN,     DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    row("POST", "progress:recertify", "the course",
        LOGIN,     BAD,       NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    row("POST", "progress:mark_done", "the module",
        LOGIN,     DONE,      NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    row("GET", "certificates:download", "A's certificate code",
        LOGIN,     OK,        NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    # Public by design (DESIGN.md §5): the name, course and date.
    row("GET", "certificates:verify", "A's certificate code",
        OK,        OK,        OK,        OK,        OK,        OK,        OK),
    # Links from emails, made by someone who does not hold A's.
    row("GET", "accounts:verify", "A's id, B's email token",
        BAD,       BAD,       BAD,       BAD,       BAD,       BAD,       BAD),
    row("GET", "accounts:invitation", "A's id, B's invitation token",
        BAD,       BAD,       BAD,       BAD,       BAD,       BAD,       BAD),
    row("GET", "accounts:password_reset_confirm", "A's id, B's password token",
        BAD,       BAD,       BAD,       BAD,       BAD,       BAD,       BAD),
    row("GET", "accounts:unsubscribe", "A's unsubscribe token, forged",
        BAD,       BAD,       BAD,       BAD,       BAD,       BAD,       BAD),
    row("GET", "reports:unsubscribe", "X's report token, forged",
        BAD,       BAD,       BAD,       BAD,       BAD,       BAD,       BAD),
    # Enrolments: focal points of the learner's organisation; removed with a
    # reason, never deleted.
    row("GET", "enrolments:edit", "A's enrolment",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    OK,        NOT_FOUND, OK),
    row("GET", "enrolments:delete", "A's enrolment",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, DENIED,    NOT_FOUND, DENIED),
    row("GET", "enrolments:history", "A's enrolment",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "enrolments:history_results", "A's enrolment",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "enrolments:usage", "A's enrolment",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "enrolments:remove", "A's enrolment",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "enrolments:mark_complete", "A's enrolment",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    # Bulk enrolment imports: their uploader's (and administrators').
    row("GET", "progress_imports:detail", "X's import",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    OK,        NOT_FOUND, OK),
    row("POST", "progress_imports:confirm", "X's import",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DONE,      NOT_FOUND, DONE),
    row("GET", "progress_imports:errors", "X's import",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    OK,        NOT_FOUND, OK),
    # Certificates: scoped like enrolments; issued by the platform, not edited.
    row("GET", "certificates_admin:edit", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    row("GET", "certificates_admin:delete", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND),
    row("GET", "certificates_admin:history", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "certificates_admin:history_results", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "certificates_admin:usage", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "certificates_admin:inspect", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "certificates_admin:download", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "certificates_admin:revoke", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    row("GET", "certificates_admin:reissue", "A's certificate",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, OK),
    # Bulk regeneration: administrators only.
    row("GET", "certificates_admin:regeneration", "a regeneration job",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    # Report export jobs and weekly-report subscriptions: their requester's alone.
    row("GET", "learning_reports:export", "X's export",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND),
    row("GET", "learning_reports:export_download", "X's export",
        LOGIN,     LOGIN,     LOGIN,     NOT_FOUND, OK,        NOT_FOUND, NOT_FOUND),
    row("POST", "learning_reports:subscription_remove", "X's subscription",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DONE,      NOT_FOUND, NOT_FOUND),
    # Aggregates: figures in the viewer's scope, naming nobody.
    row("GET", "learning_reports:course_summary", "the course summary",
        LOGIN,     LOGIN,     LOGIN,     AGGREGATE, AGGREGATE, AGGREGATE, AGGREGATE),
    row("GET", "assessments_item_statistics", "the quiz",
        LOGIN,     LOGIN,     LOGIN,     AGGREGATE, DENIED,    DENIED,    AGGREGATE),
    # Quiz overrides: administrators; attempts are records (reopened or reset,
    # never edited, copied or deleted).
    row("POST", "assessments_override_attempt", "A's attempt, reopen",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DONE),
    row("GET", "quiz_attempts:edit", "A's attempt",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DENIED),
    row("GET", "quiz_attempts:delete", "A's attempt",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DENIED),
    row("GET", "quiz_attempts:copy", "A's attempt",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DENIED),
    row("GET", "quiz_attempts:history", "A's attempt",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DENIED),
    row("GET", "quiz_attempts:history_results", "A's attempt",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DENIED),
    row("GET", "quiz_attempts:usage", "A's attempt",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DENIED),
    row("GET", "extra_attempts:edit", "A's extra attempts",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_attempts:delete", "A's extra attempts",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_attempts:copy", "A's extra attempts",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_attempts:history", "A's extra attempts",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_attempts:history_results", "A's extra attempts",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_attempts:usage", "A's extra attempts",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_time:edit", "A's extra time",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_time:delete", "A's extra time",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_time:copy", "A's extra time",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_time:history", "A's extra time",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_time:history_results", "A's extra time",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "extra_time:usage", "A's extra time",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    # People and organisations: administrators.
    row("GET", "wagtailusers_users:edit", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "wagtailusers_users:delete", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "wagtailusers_users:copy", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "wagtailusers_users:history", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "wagtailusers_users:history_results", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "wagtailusers_users:usage", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "wagtail_bulk_action", "A's account, bulk delete",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    # Erasing a learner's personal data: administrators only.
    row("GET", "privacy_erase", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("POST", "privacy_erase", "A's account",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    DONE),
    row("GET", "organisations:edit", "organisation X",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "organisations:delete", "organisation X",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "organisations:copy", "organisation X",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "organisations:history", "organisation X",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "organisations:history_results", "organisation X",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", "organisations:usage", "organisation X",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    # Authors' content: certificate templates and the question bank. Wagtail's
    # choosers give any admin user an item's title.
    row("GET", TEMPLATES + ":edit", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", TEMPLATES + ":delete", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", TEMPLATES + ":copy", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", TEMPLATES + ":history", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", TEMPLATES + ":history_results", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", TEMPLATES + ":usage", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", TEMPLATES + ":preview_pdf", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", TEMPLATE_CHOOSER + ":chosen", "the certificate template",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   CONTENT,   CONTENT,   OK),
    row("GET", QUESTIONS + ":edit", "a question",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", QUESTIONS + ":delete", "a question",
        LOGIN,     LOGIN,     LOGIN,     DENIED,    DENIED,    DENIED,    OK),
    row("GET", QUESTIONS + ":copy", "a question",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", QUESTIONS + ":history", "a question",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", QUESTIONS + ":history_results", "a question",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", QUESTIONS + ":usage", "a question",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", QUESTIONS + ":revisions_revert", "a question's revision",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", QUESTIONS + ":revisions_compare", "a question's revisions",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   DENIED,    DENIED,    OK),
    row("GET", QUESTION_CHOOSER + ":chosen", "a question",
        LOGIN,     LOGIN,     LOGIN,     CONTENT,   CONTENT,   CONTENT,   OK),
]
# fmt: on

# Wagtail's own URLs, gated by Wagtail's permission system (pages, images,
# documents, collections, workflows, sites, locales, groups, redirects, form
# submissions, the admin API, choosers and editing sessions): they hold no
# learner records. Page serving takes a path, not an id; steps are gated by
# tests/progress/test_step_access.py. Our own viewsets, snippets and users are
# NOT here: they have rows. wagtail-localize's views (translating pages and
# snippets, locales) are gated the same way (its snippet API names only the
# registered snippets: questions and certificate templates, never an answer key).
WAGTAIL_CORE = (
    "wagtail_localize:",
    "wagtailadmin_",
    "wagtailcore_",
    "wagtail_serve",
    "wagtailimages",
    "wagtaildocs",
    "wagtailsites:",
    "wagtaillocales:",
    "wagtailredirects:",
    "wagtailusers_groups:",
)


def takes_parameters(pattern):
    if isinstance(pattern, RoutePattern):
        return bool(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return pattern.regex.groups > 0
    return False  # a language prefix


def patterns_with_parameters(patterns, namespaces=(), inherited=False):
    """(qualified name, route, view's module) of every URL pattern taking a
    parameter, here or in an include above it."""
    for entry in patterns:
        with_parameters = inherited or takes_parameters(entry.pattern)
        if isinstance(entry, URLResolver):
            names = namespaces + ((entry.namespace,) if entry.namespace else ())
            yield from patterns_with_parameters(
                entry.url_patterns, names, with_parameters
            )
        elif with_parameters:
            name = ":".join((*namespaces, entry.name or "(unnamed)"))
            yield name, str(entry.pattern), entry.callback.__module__


def is_wagtail_core(name, module):
    """Allow-listed, and still Wagtail's own view (not one of ours in its place)."""
    return name.startswith(WAGTAIL_CORE) and module.startswith(
        ("wagtail.", "wagtail_localize.")
    )


def test_every_url_with_an_id_has_a_row():
    covered = {matrix_row.url_name for matrix_row in MATRIX}
    missing = sorted(
        {
            f"{name}  {route}  ({module})"
            for name, route, module in patterns_with_parameters(
                get_resolver().url_patterns
            )
            if name not in covered and not is_wagtail_core(name, module)
        }
    )
    assert not missing, "URLs without a row in MATRIX:\n" + "\n".join(missing)


# The cells ------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def sample_pdf(monkeypatch):
    """The template preview renders a stand-in: WeasyPrint is not what is tested."""
    monkeypatch.setattr(
        "learning.certificates.wagtail_hooks.render_sample",
        lambda template: b"%PDF-1.7 sample",
    )


def records():
    """Every record a refused request must leave as it was."""
    return [
        list(model.objects.order_by("pk").values())
        for model in (
            Attempt,
            Certificate,
            Enrolment,
            EnrolmentImport,
            ExtraAttempts,
            ExtraTime,
            RegenerationJob,
            ReportExport,
            ReportSubscription,
        )
    ] + [
        list(
            User.objects.order_by("pk").values(
                "pk", "email", "full_name", "is_active", "password", "organisation"
            )
        )
    ]


def body_of(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode(errors="replace")
    return response.content.decode(errors="replace")


def lands_on(response, to, world):
    location = response.get("Location", "")
    if to == "login":
        return "/login/" in location
    if to == "dashboard":
        return location == reverse("wagtailadmin_home")
    if to == "course":
        return location == world.course.url
    return True


def url_of(matrix_row, world):
    target = TARGETS[matrix_row.target](world)
    kwargs, query = target if isinstance(target, tuple) else (target, "")
    return reverse(matrix_row.url_name, kwargs=kwargs) + query


@pytest.mark.parametrize(
    ("matrix_row", "role"),
    [
        pytest.param(matrix_row, role, id=f"{matrix_row.url_name}-{role}")
        for matrix_row in MATRIX
        for role in ROLES
    ],
)
def test_cell(client, world, caplog, matrix_row, role):
    user = world.roles()[role]
    if user is not None:
        client.force_login(user)
    expected = matrix_row.answers[ROLES.index(role)]
    url = url_of(matrix_row, world)
    before = records()

    with caplog.at_level(logging.ERROR, logger="django.request"):
        response = getattr(client, matrix_row.method.lower())(url)

    body = body_of(response)
    got = f"{response.status_code} {response.get('Location', '')}"
    assert response.status_code == expected.status, f"{url} as {role}: {got}"
    assert lands_on(response, expected.to, world), f"{url} as {role}: {got}"
    if expected.names_nobody and user != world.learner_a:
        assert A_NAME not in body, f"{url} as {role} shows A's name"
        assert A_EMAIL not in body, f"{url} as {role} shows A's email"
    if expected.refusal:
        assert records() == before, f"{url} as {role} changed a record"
    assert not [
        record
        for record in caplog.records
        if record.name == "django.request" and record.levelno >= logging.ERROR
    ], f"{url} as {role} logged an error"
