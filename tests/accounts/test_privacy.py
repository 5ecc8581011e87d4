"""A learner's copy of their data, and an administrator's erasure of a learner
(issue 8, "Privacy and audit").

Both are checked against every field of every model that points at a person: a
new such field that neither the export nor the erasure handles, and that is not
in ALLOWED below with its reason, fails `test_every_field_pointing_at_a_person_
is_handled`.
"""

import copy
import json
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from assessments.models import ReviewPolicy
from assessments.services import start_attempt, submit_attempt
from learning.certificates.models import (
    Certificate,
    RegenerationJob,
    RegenerationStatus,
)
from learning.privacy.erasure import DELETED, ERASED_NAME, HANDLING, erase_learner
from learning.privacy.export import SECTIONS, personal_data
from learning.progress.models import Enrolment, EnrolmentImport
from learning.reports.completion import completion_rows
from learning.reports.models import ReportExport, ReportSubscription
from learning.reports.summary import summarise_courses
from tests.assessments.factories import make_question, make_quiz, token_of
from tests.certificates.factories import fake_pdf
from tests.factories import TEST_PASSWORD, fresh
from tests.security.world import A_EMAIL, A_NAME, World

pytestmark = pytest.mark.django_db

# Fields pointing at a person that neither the export nor the erasure touches,
# each with its reason. They are Wagtail's authoring and admin records: staff
# work, not learner data. They keep pointing at the account, which after an
# erasure is anonymised ("Erased learner"), so they name nobody.
ALLOWED = {
    # Page authorship, locks and history: who wrote or approved content.
    "wagtailcore.Page.owner",
    "wagtailcore.Page.locked_by",
    "wagtailcore.Revision.user",
    "wagtailcore.WorkflowState.requested_by",
    "wagtailcore.TaskState.finished_by",
    # Editors' comments on draft pages, and their notification settings.
    "wagtailcore.Comment.user",
    "wagtailcore.Comment.resolved_by",
    "wagtailcore.CommentReply.user",
    "wagtailcore.PageSubscription.user",
    # Who translated a string of a course (wagtail-localize): authorship, like
    # revisions.
    "wagtail_localize.StringTranslation.last_translated_by",
    "wagtail_localize.SegmentOverride.last_translated_by",
    # Media and files uploaded by authors.
    "wagtailimages.Image.uploaded_by_user",
    "wagtaildocs.Document.uploaded_by_user",
    "wagtailcore.UploadedFile.uploaded_by_user",
    # The audit log says who acted: it must survive an erasure. Entries that
    # quote the person in their label or details are redacted by the erasure.
    "wagtailcore.ModelLogEntry.user",
    "wagtailcore.PageLogEntry.user",
    # Transient admin state of staff: concurrent-editing pings, unsaved forms,
    # API tokens (secrets, never exported).
    "wagtailadmin.EditingSession.user",
    "wagtailadmin.FormState.user",
    "wagtailcore.APIToken.user",
}


def fields_pointing_at_people():
    """Every foreign key, one-to-one and many-to-many to the user model, as
    "app_label.Model.field" (an inherited field under the model declaring it)."""
    user_model = get_user_model()
    found = {}
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created or not field.is_relation:
                continue
            if field.related_model is not user_model:
                continue
            declaring = field.model
            found[f"{declaring._meta.label}.{field.name}"] = (declaring, field.name)
    return found


@pytest.fixture(scope="module")
def built_world(module_db):
    """The access matrix's world (learner A owns every learner record), where A
    has also acted as staff: enrolled B, imported a list, exported a report,
    subscribed to one, asked for a regeneration and has admin preferences."""
    world = World()
    now = timezone.now()
    a = world.learner_a
    course = world.course
    Enrolment.objects.create(
        learner=world.learner_b,
        course_key=course.translation_key,
        course=course,
        source="admin",
        enrolled_at=now,
        enrolled_by=a,
    )
    EnrolmentImport.objects.create(
        uploaded_by=a,
        course_key=course.translation_key,
        course=course,
        filename="team.csv",
        csv_text="email\nbruno@who.example\n",
        created_at=now,
    )
    ReportExport.objects.create(
        requested_by=a, report="completion", format="csv", created_at=now
    )
    ReportSubscription.objects.create(user=a, organisation=world.x, created_at=now)
    RegenerationJob.objects.create(
        course_key=course.translation_key,
        course=course,
        course_title=course.title,
        requested_by=a,
        status=RegenerationStatus.DONE,
        created_at=now,
    )
    UserProfile.get_for_user(a)
    log(a, "accounts.edit_profile", user=a, data={"fields": ["time_zone"]})
    return world


@pytest.fixture
def world(built_world):
    """The world with fresh copies of what tests change: an erasure rewrites A's
    row and deletes the certificate's PDF, which the rollback of the database
    does not bring back to the Python objects, nor to the in-memory storage."""
    world = copy.copy(built_world)
    people = ("learner_a", "learner_b", "author", "focal_x", "focal_y", "admin")
    for name in (*people, "certificate", "course"):
        setattr(world, name, fresh(getattr(built_world, name)))
    storage, pdf = world.certificate.file.storage, world.certificate.file.name
    if not storage.exists(pdf):
        storage.save(pdf, ContentFile(fake_pdf(world.certificate)))
    return world


def rows_of(key, user):
    model_label, field = key.rsplit(".", 1)
    model = apps.get_model(model_label)
    return set(model.objects.filter(**{field: user}).values_list("pk", flat=True))


# Coverage ---------------------------------------------------------------------


def test_every_field_pointing_at_a_person_is_handled():
    found = fields_pointing_at_people()
    unhandled = sorted(
        key
        for key in found
        if key not in ALLOWED and (key not in SECTIONS or key not in HANDLING)
    )
    assert not unhandled, (
        "Fields pointing at a person that the export (learning/privacy/export.py "
        "SECTIONS) or the erasure (learning/privacy/erasure.py HANDLING) does not "
        "handle, nor ALLOWED here with a reason:\n" + "\n".join(unhandled)
    )
    stale = sorted((set(SECTIONS) | set(HANDLING) | ALLOWED) - set(found))
    assert not stale, "No such field any more:\n" + "\n".join(stale)


# Export -----------------------------------------------------------------------


def test_the_export_holds_the_rows_of_every_field_pointing_at_the_person(world):
    data = personal_data(world.learner_a, now=timezone.now())

    for key, section in SECTIONS.items():
        expected = rows_of(key, world.learner_a)
        assert expected, f"the world has no {key} row for A: the test proves nothing"
        exported = {row["id"] for row in data[section]}
        assert expected <= exported, f"{key} rows missing from '{section}'"
    assert data["account"]["email"] == A_EMAIL
    assert data["account"]["full_name"] == A_NAME
    assert data["account"]["organisation"]["acronym"] == "UNDP"
    assert "password" not in data["account"]
    (history,) = data["account_history"]
    assert history["action"] == "accounts.edit_profile"
    assert history["data"] == {"fields": ["time_zone"]}
    (enrolment,) = data["enrolments"]
    assert enrolment["course"] == "Data governance"
    assert enrolment["completions"][0]["score"] == Decimal("90")
    (certificate,) = data["certificates"]
    assert certificate["code"] == world.certificate.code
    assert certificate["status"] == "valid"


def test_the_export_names_nobody_else(world):
    text = json.dumps(personal_data(world.learner_a, now=timezone.now()), default=str)

    for other in ("learner_b", "author", "focal_x", "focal_y", "admin"):
        person = getattr(world, other)
        assert person.full_name not in text, other
        assert person.email not in text, other
    # The import A uploaded lists B: only its file name and counts are exported.
    assert "bruno" not in text.lower()


def test_the_download_is_the_requesters_own_json_file(client, world):
    client.force_login(world.learner_b)

    response = client.get(reverse("privacy:export"))

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith("attachment;")
    assert ".json" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["account"]["email"] == world.learner_b.email
    assert A_EMAIL not in response.content.decode()
    assert A_NAME not in response.content.decode()


def test_the_download_needs_a_login(client, world):
    response = client.get(reverse("privacy:export"))

    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_the_profile_links_to_the_download(client, world):
    client.force_login(world.learner_a)

    response = client.get(reverse("accounts:profile"))

    assert reverse("privacy:export") in response.content.decode()


def submitted_attempt(world, review_policy):
    question = make_question(title=f"Review {review_policy}")
    quiz = make_quiz(
        world.course,
        questions=[question],
        title=f"Quiz {review_policy}",
        review_policy=review_policy,
    )
    now = timezone.now()
    attempt = start_attempt(quiz, world.learner_a, now=now)
    answer = {str(question.pk): token_of(attempt, question, "Wrong")}
    return submit_attempt(attempt.pk, world.learner_a, answer, now=now)


def exported_attempt(world, attempt):
    data = personal_data(world.learner_a, now=timezone.now())
    return next(row for row in data["quiz_attempts"] if row["id"] == attempt.pk)


def test_an_attempt_shows_no_answer_key_the_review_policy_hides(world):
    attempt = submitted_attempt(world, ReviewPolicy.NEVER)

    row = exported_attempt(world, attempt)

    assert row["review_allowed"] is False
    assert row["score"] == attempt.score
    (question,) = row["questions"]
    assert question["answer"] is not None  # their own answer
    text = json.dumps(row, default=str)
    for key in ('"correct"', "feedback", "accepted_answers", '"fraction"'):
        assert key not in text


def test_an_attempt_shows_the_answer_key_once_review_allows(world):
    attempt = submitted_attempt(world, ReviewPolicy.AFTER_EACH_ATTEMPT)

    row = exported_attempt(world, attempt)

    assert row["review_allowed"] is True
    (question,) = row["questions"]
    assert {choice["text"] for choice in question["choices"] if choice["correct"]} == {
        "Right"
    }


# Erasure ----------------------------------------------------------------------


def figures(admin, now):
    rows = completion_rows(admin, now=now)
    summary = {
        course.key: vars(course.figures) for course in summarise_courses(admin, now=now)
    }
    return rows.count(), rows.filter(completed_at__isnull=False).count(), summary


def test_erasure_removes_the_person_and_keeps_the_figures(client, world):
    a, admin = world.learner_a, world.admin
    now = timezone.now()
    client.force_login(a)
    assert Session.objects.count() == 1
    pdf = world.certificate.file.name
    storage = world.certificate.file.storage
    assert storage.exists(pdf)
    kept = {key: rows_of(key, a) for key, kind in HANDLING.items() if kind != DELETED}
    before = figures(admin, now)

    erase_learner(a, by=admin, now=now)

    a.refresh_from_db()
    assert a.full_name == ERASED_NAME
    assert a.email == f"erased-{a.pk}@invalid"
    assert (a.first_name, a.last_name, a.organisation) == ("", "", None)
    assert not a.has_usable_password()
    assert not a.is_active
    assert not a.focal_organisations.exists()
    # Logged out, and cannot log in again.
    assert Session.objects.count() == 0
    assert client.get(reverse("accounts:profile")).status_code == 302
    assert not client.login(username=A_EMAIL, password=TEST_PASSWORD)
    # Every row that pointed at A: deleted, or kept (the figures stay).
    for key, kind in HANDLING.items():
        if kind == DELETED:
            assert not rows_of(key, a), key
        else:
            assert rows_of(key, a) == kept[key], key
    assert figures(admin, now) == before
    assert not completion_rows(admin, now=now).filter(learner__email=A_EMAIL).exists()
    # The certificate: withdrawn, without a name or a file.
    certificate = Certificate.objects.get(pk=world.certificate.pk)
    assert certificate.status == "revoked"
    assert certificate.name_printed == ""
    assert not certificate.file
    assert not storage.exists(pdf)


def test_erasure_leaves_no_quote_of_the_person(world):
    erase_learner(world.learner_a, by=world.admin, now=timezone.now())

    for entry in ModelLogEntry.objects.all():
        text = f"{entry.label} {json.dumps(entry.data, default=str)}"
        assert A_NAME not in text and A_EMAIL not in text, entry.action
    for enrolment_import in EnrolmentImport.objects.all():
        text = f"{enrolment_import.csv_text} {json.dumps(enrolment_import.report)}"
        assert A_NAME not in text and A_EMAIL not in text


def test_the_verification_page_says_withdrawn_without_the_name(client, world):
    erase_learner(world.learner_a, by=world.admin, now=timezone.now())

    response = client.get(reverse("certificates:verify", args=[world.certificate.code]))

    body = response.content.decode()
    assert response.status_code == 200
    assert "Withdrawn" in body
    assert "withdrawn by the United Nations System Staff College" in body
    assert A_NAME not in body
    assert ERASED_NAME not in body


def test_erasure_is_logged_without_the_name_and_happens_once(world):
    erase_learner(world.learner_a, by=world.admin, now=timezone.now())
    erase_learner(world.learner_a, by=world.admin, now=timezone.now())

    (entry,) = ModelLogEntry.objects.filter(action="accounts.erase")
    assert entry.user == world.admin
    assert A_NAME not in entry.label and A_NAME not in entry.message
    assert A_EMAIL not in entry.label and A_EMAIL not in entry.message
    assert (
        Certificate.objects.filter(revoke_reason__startswith="Withdrawn").count() == 1
    )


# The administrator's screen --------------------------------------------------


def test_an_administrator_erases_a_learner_from_the_users_admin(client, world):
    client.force_login(world.admin)
    url = reverse("privacy_erase", args=[world.learner_a.pk])

    listing = client.get(reverse("wagtailusers_users:index"))
    confirm = client.get(url)
    done = client.post(url)

    assert url in listing.content.decode()
    assert confirm.status_code == 200
    assert A_NAME in confirm.content.decode()  # who is about to be erased
    assert done.status_code == 302
    world.learner_a.refresh_from_db()
    assert world.learner_a.erased_at is not None
    assert ModelLogEntry.objects.filter(
        action="accounts.erase", user=world.admin
    ).exists()


@pytest.mark.parametrize("role", ["learner_a", "learner_b", "author", "focal_x"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_only_administrators_may_erase(client, world, role, method):
    client.force_login(getattr(world, role))
    url = reverse("privacy_erase", args=[world.learner_a.pk])

    response = getattr(client, method)(url)

    assert response.status_code in (302, 403)
    assert A_NAME not in response.content.decode()
    world.learner_a.refresh_from_db()
    assert world.learner_a.erased_at is None
    assert world.learner_a.full_name == A_NAME


def test_an_administrator_cannot_erase_themselves(client, world):
    client.force_login(world.admin)

    response = client.post(reverse("privacy_erase", args=[world.admin.pk]))

    assert response.status_code == 400
    world.admin.refresh_from_db()
    assert world.admin.erased_at is None
