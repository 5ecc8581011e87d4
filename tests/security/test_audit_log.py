"""The audit log (issue 8): what administrators and focal points do to learners'
records, and every change to someone's roles, leaves exactly one entry in Wagtail's
log naming who did it and what it is about. Administrators see these entries in
the site history; authors and focal points see none of them there
(learning/audit_log.py). A record's own history page shows them to administrators,
and to a focal point only for the enrolments and certificates of their own
organisation, which they manage (as the access matrix has it).

Each action is done the way people do it: through the admin screens, or for
certificate issue, by the platform after a completion recorded in the admin.
"""

import copy
from dataclasses import dataclass
from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from assessments.models import Attempt, ExtraAttempts, ExtraTime
from assessments.services import submit_attempt
from courses.authoring import AUTHORS
from learning.accounts.models import User
from learning.accounts.roles import FOCAL_POINTS
from learning.certificates import rendering
from learning.certificates.models import Certificate
from learning.progress.models import Enrolment, EnrolmentImport
from learning.progress.services import enrol
from learning.reports.models import ReportExport
from tests.certificates.factories import fake_pdf
from tests.factories import fresh

from .world import A_NAME, World

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_renderer(monkeypatch):
    monkeypatch.setattr(rendering, "render_certificate", fake_pdf)


@pytest.fixture(scope="module")
def built_world(module_db):
    # As tests/security/conftest.py's `world`, under its own name: a function
    # fixture that took a module fixture of its own name would build it inside
    # the first test's transaction, to be rolled back after that test.
    return World()


@pytest.fixture
def world(built_world):
    """The world with fresh copies of the rows the actions change: what an action
    writes is rolled back after the test, what it left on the Python objects
    would not be."""
    world = copy.copy(built_world)
    people = ("learner_a", "learner_b", "author", "focal_x", "focal_y", "admin")
    for name in (*people, "enrolment", "attempt", "certificate"):
        setattr(world, name, fresh(getattr(built_world, name)))
    return world


def due_in(days):
    return (timezone.now() + timedelta(days=days)).strftime("%Y-%m-%d %H:%M")


def user_form(user, **changes):
    """The user admin's edit form as it stands for this person, with changes."""
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "full_name": user.full_name,
        "organisation": user.organisation_id or "",
        "groups": list(user.groups.values_list("pk", flat=True)),
        "focal_organisations": list(
            user.focal_organisations.values_list("pk", flat=True)
        ),
        "password1": "",
        "password2": "",
    }
    if user.is_active:
        data["is_active"] = "on"
    if user.is_superuser:
        data["is_superuser"] = "on"
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def group(name):
    return Group.objects.get(name=name).pk


def post(client, url, data=None, **kwargs):
    response = client.post(url, data or {}, **kwargs)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


# The actions. Each does one thing as the administrator and returns the record the
# entry must be about.


def enrol_one(client, w, request):
    post(
        client,
        reverse("enrolments:add"),
        {"email": w.learner_b.email, "course": w.course.pk, "due_at": due_in(30)},
    )
    return Enrolment.objects.get(learner=w.learner_b)


def enrol_from_a_file(client, w, request):
    rows = (
        f"email,full_name,organisation,due_date\r\n{w.learner_b.email},Bruno,WHO,\r\n"
    )
    post(
        client,
        "/admin/enrolment-imports/upload/",
        {
            "course": w.course.pk,
            "file": SimpleUploadedFile("people.csv", rows.encode(), "text/csv"),
        },
    )
    upload = EnrolmentImport.objects.latest("pk")
    post(client, f"/admin/enrolment-imports/{upload.pk}/confirm/")
    assert Enrolment.objects.filter(learner=w.learner_b).exists()
    return upload


def change_due_date(client, w, request):
    post(
        client, reverse("enrolments:edit", args=[w.enrolment.pk]), {"due_at": due_in(9)}
    )
    return w.enrolment


def remove_enrolment(client, w, request):
    post(
        client,
        reverse("enrolments:remove", args=[w.enrolment.pk]),
        {"reason": "Left the organisation"},
    )
    return w.enrolment


def grant_extra_attempts(client, w, request):
    post(
        client,
        reverse("extra_attempts:add"),
        {
            "learner": w.learner_b.pk,
            "quiz": w.quiz.pk,
            "attempts": "2",
            "reason": "Power cut",
        },
    )
    return ExtraAttempts.objects.get(learner=w.learner_b)


def grant_extra_time(client, w, request):
    post(
        client,
        reverse("extra_time:add"),
        {"learner": w.learner_b.pk, "percent": "25", "reason": "Screen reader"},
    )
    return ExtraTime.objects.get(learner=w.learner_b)


def mark_step_complete(client, w, request):
    enrolment = enrol(w.learner_b, w.course, now=timezone.now())
    post(
        client,
        reverse("enrolments:mark_complete", args=[enrolment.pk]),
        {"target": w.module.pk, "reason": "Took it at WHO in 2025"},
    )
    return enrolment


def mark_course_complete(client, w, request):
    enrolment = enrol(w.learner_b, w.course, now=timezone.now())
    post(
        client,
        reverse("enrolments:mark_complete", args=[enrolment.pk]),
        {"target": "course", "reason": "Same training at WHO in 2025"},
    )
    return enrolment


def reopen_attempt(client, w, request):
    submit_attempt(w.attempt.pk, w.learner_a, {}, now=timezone.now())
    post(client, reverse("assessments_override_attempt", args=[w.attempt.pk, "reopen"]))
    return Attempt.objects.get(pk=w.attempt.pk)


def reset_attempt(client, w, request):
    post(client, reverse("assessments_override_attempt", args=[w.attempt.pk, "reset"]))
    return Attempt.objects.get(pk=w.attempt.pk)


def issue_certificate(client, w, request):
    """The administrator records B's completion; the platform issues the
    certificate once the completion is committed (B has confirmed their name)."""
    w.learner_b.name_confirmed_at = timezone.now()
    w.learner_b.save(update_fields=["name_confirmed_at"])
    enrolment = enrol(w.learner_b, w.course, now=timezone.now())
    capture = request.getfixturevalue("django_capture_on_commit_callbacks")
    with capture(execute=True):
        post(
            client,
            reverse("enrolments:mark_complete", args=[enrolment.pk]),
            {"target": "course", "reason": "Same training at WHO in 2025"},
        )
    return Certificate.objects.get(completion__enrolment=enrolment)


def revoke_certificate(client, w, request):
    post(
        client,
        reverse("certificates_admin:revoke", args=[w.certificate.pk]),
        {"reason": "Completed by a proxy"},
    )
    return w.certificate


def reissue_certificate(client, w, request):
    post(
        client,
        reverse("certificates_admin:reissue", args=[w.certificate.pk]),
        {"reason": "Name corrected"},
    )
    return w.certificate


def export_report(export_format):
    def export(client, w, request):
        response = client.get(
            reverse("learning_reports:completion"), {"export": export_format}
        )
        assert response.status_code == 200
        b"".join(response.streaming_content)
        return ReportExport.objects.latest("pk")

    return export


def export_report_as_a_job(client, w, request):
    request.getfixturevalue("settings").REPORT_EXPORT_INLINE_ROWS = 0
    response = client.get(reverse("learning_reports:completion"), {"export": "csv"})
    assert response.status_code == 302
    return ReportExport.objects.latest("pk")


def erase_learner(client, w, request):
    post(client, reverse("privacy_erase", args=[w.learner_a.pk]))
    return w.learner_a


def edit_user(client, user, **changes):
    post(
        client,
        reverse("wagtailusers_users:edit", args=[user.pk]),
        user_form(user, **changes),
    )
    return user


def add_to_group(client, w, request):
    return edit_user(client, w.learner_b, groups=[group(AUTHORS)])


def remove_from_group(client, w, request):
    return edit_user(client, w.author, groups=[])


def make_administrator(client, w, request):
    return edit_user(client, w.learner_b, is_superuser="on")


def remove_administrator(client, w, request):
    other = User.objects.create_superuser(email="second.admin@example.org")
    other.first_name, other.last_name = "Second", "Admin"
    other.save()
    return edit_user(client, other, is_superuser=None)


def deactivate(client, w, request):
    return edit_user(client, w.learner_b, is_active=None)


def appoint_focal_point(client, w, request):
    return edit_user(
        client,
        w.learner_b,
        groups=[group(FOCAL_POINTS)],
        focal_organisations=[w.y.pk],
    )


def add_to_group_and_rename(client, w, request):
    return edit_user(
        client, w.learner_b, groups=[group(AUTHORS)], full_name="Bruno M. Costa"
    )


def create_user_with_a_group(client, w, request):
    post(
        client,
        reverse("wagtailusers_users:add"),
        {
            "email": "new.author@example.org",
            "first_name": "Nia",
            "last_name": "Okafor",
            "full_name": "Nia Okafor",
            "groups": [group(AUTHORS)],
            "password1": "a long enough pass phrase 2026",
            "password2": "a long enough pass phrase 2026",
        },
    )
    return User.objects.get(email="new.author@example.org")


def bulk_action(client, action, user, data):
    url = reverse("wagtail_bulk_action", args=["accounts", "user", action])
    post(client, f"{url}?id={user.pk}", data)
    return user


def assign_role_in_bulk(client, w, request):
    return bulk_action(client, "assign_role", w.learner_b, {"role": group(AUTHORS)})


def deactivate_in_bulk(client, w, request):
    return bulk_action(
        client, "set_active_state", w.learner_b, {"mark_as_active": "False"}
    )


def delete_in_bulk(client, w, request):
    person = User.objects.create_user(
        email="leaving@example.org", first_name="Lee", last_name="Ving"
    )
    url = reverse("wagtail_bulk_action", args=["accounts", "user", "delete"])
    post(client, f"{url}?id={person.pk}")
    assert not User.objects.filter(pk=person.pk).exists()
    return person


@dataclass(frozen=True)
class Action:
    name: str
    do: object
    logged_as: str
    # Who does it, of the world's people, and is named as acting (None: the
    # administrator does it and the platform acts).
    by: str | None = "admin"
    message: str = ""  # the entry's line in the log, where this file owns it


ROLES_CHANGED = "accounts.change_roles"

# fmt: off
ACTIONS = [
    # Enrolments by administrators
    Action("enrol one person", enrol_one, "progress.enrol"),
    Action("enrol one person, as a focal point", enrol_one, "progress.enrol",
           by="focal_y"),
    Action("enrol from a file", enrol_from_a_file, "progress.bulk_enrol"),
    Action("change a due date", change_due_date, "progress.change_due_date"),
    Action("remove an enrolment", remove_enrolment, "progress.remove_enrolment"),
    # Overrides
    Action("grant extra attempts", grant_extra_attempts, "wagtail.create"),
    Action("grant extra time", grant_extra_time, "wagtail.create"),
    Action("reopen an attempt", reopen_attempt, "assessments.reopen_attempt"),
    Action("reset an attempt", reset_attempt, "assessments.reset_attempt"),
    # Manual completions
    Action("mark a step complete", mark_step_complete, "progress.mark_step_complete"),
    Action("mark a course complete", mark_course_complete,
           "progress.mark_course_complete"),
    # Certificates (issued by the platform once a completion is committed)
    Action("issue a certificate", issue_certificate, "certificates.issue", by=None),
    Action("revoke a certificate", revoke_certificate, "certificates.revoke"),
    Action("revoke a certificate, as a focal point", revoke_certificate,
           "certificates.revoke", by="focal_x"),
    Action("reissue a certificate", reissue_certificate, "certificates.reissue"),
    # Report exports
    Action("export CSV", export_report("csv"), "reports.export"),
    Action("export XLSX", export_report("xlsx"), "reports.export"),
    Action("export as a job", export_report_as_a_job, "reports.export"),
    # Erasure
    Action("erase a learner", erase_learner, "accounts.erase"),
    # Role changes, in the user admin
    Action("add to a group", add_to_group, ROLES_CHANGED,
           message=f"Roles changed: added to {AUTHORS}"),
    Action("remove from a group", remove_from_group, ROLES_CHANGED,
           message=f"Roles changed: removed from {AUTHORS}"),
    Action("make an administrator", make_administrator, ROLES_CHANGED,
           message="Roles changed: made an administrator"),
    Action("remove administrator rights", remove_administrator, ROLES_CHANGED,
           message="Roles changed: no longer an administrator"),
    Action("deactivate an account", deactivate, ROLES_CHANGED,
           message="Roles changed: account deactivated"),
    Action("appoint a focal point", appoint_focal_point, ROLES_CHANGED,
           message=f"Roles changed: added to {FOCAL_POINTS}; "
                   "made focal point for WHO"),
    Action("add to a group and rename", add_to_group_and_rename, ROLES_CHANGED,
           message=f"Roles changed: added to {AUTHORS}; also edited: Full name"),
    Action("create a user in a group", create_user_with_a_group, ROLES_CHANGED,
           message=f"Account created: added to {AUTHORS}"),
    Action("assign a role in bulk", assign_role_in_bulk, ROLES_CHANGED,
           message=f"Roles changed: added to {AUTHORS}"),
    Action("deactivate in bulk", deactivate_in_bulk, ROLES_CHANGED,
           message="Roles changed: account deactivated"),
    Action("delete an account in bulk", delete_in_bulk, "wagtail.delete"),
]
# fmt: on


def last_entry_pk():
    return (
        ModelLogEntry.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    )


def perform(action, client, world, request):
    """Do the action; returns (its record, the entries it wrote)."""
    client.force_login(getattr(world, action.by or "admin"))
    since = last_entry_pk()
    record = action.do(client, world, request)
    return record, list(ModelLogEntry.objects.filter(pk__gt=since).order_by("pk"))


def about(entries, record):
    content_type = ContentType.objects.get_for_model(record, for_concrete_model=False)
    return [
        entry
        for entry in entries
        if entry.content_type_id == content_type.pk
        and entry.object_id == str(record.pk)
    ]


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_each_action_leaves_one_entry_naming_who_did_it(client, world, request, action):
    record, entries = perform(action, client, world, request)

    # One entry about the record, none other about it (no "Edited" beside a role
    # change), and no second entry of that action anywhere.
    (entry,) = about(entries, record)
    assert entry.action == action.logged_as
    assert [e.action for e in entries].count(action.logged_as) == 1
    expected_user = getattr(world, action.by) if action.by else None
    assert entry.user == expected_user
    if action.message:
        assert entry.message == action.message


def test_an_edit_that_changes_no_role_stays_wagtails_edit_entry(client, world):
    client.force_login(world.admin)
    since = last_entry_pk()

    edit_user(client, world.learner_b, full_name="Bruno M. Costa")

    entries = list(ModelLogEntry.objects.filter(pk__gt=since))
    assert [(e.action, e.user, e.object_id) for e in entries] == [
        ("wagtail.edit", world.admin, str(world.learner_b.pk))
    ]


def test_a_refused_role_change_leaves_no_entry(client, world):
    """A focal point cannot open the user admin: nothing changes, nothing is
    logged."""
    client.force_login(world.focal_x)
    since = last_entry_pk()

    response = client.post(
        reverse("wagtailusers_users:edit", args=[world.learner_b.pk]),
        user_form(world.learner_b, is_superuser="on"),
    )

    world.learner_b.refresh_from_db()
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailadmin_home")
    assert not world.learner_b.is_superuser
    assert not ModelLogEntry.objects.filter(pk__gt=since).exists()


# Who sees the log ---------------------------------------------------------------

SITE_HISTORY = "wagtailadmin_reports:site_history"
SITE_HISTORY_RESULTS = "wagtailadmin_reports:site_history_results"

# The per-object history pages of learners' records, where there is one.
HISTORY_VIEWS = {
    Enrolment: "enrolments:history",
    Certificate: "certificates_admin:history",
    ExtraAttempts: "extra_attempts:history",
    ExtraTime: "extra_time:history",
    User: "wagtailusers_users:history",
}
# By design (tests/security/test_access_matrix.py), the focal point of the
# learner's own organisation opens the history of that learner's enrolments and
# certificates, as they manage them; every other history is administrators' alone.
OWN_FOCAL_POINT_HISTORIES = {Enrolment, Certificate}


def rows_of(response):
    soup = BeautifulSoup(response.content, "html.parser")
    return [" ".join(row.get_text(" ").split()) for row in soup.select("tbody tr")]


def text(value):
    return " ".join(str(value).split())


def organisation_of(record):
    learner = {
        Enrolment: lambda: record.learner,
        Certificate: lambda: record.completion.enrolment.learner,
        ExtraAttempts: lambda: record.learner,
        ExtraTime: lambda: record.learner,
        User: lambda: record,
    }[type(record)]()
    return learner.organisation


@pytest.mark.parametrize("action", ACTIONS, ids=[a.name for a in ACTIONS])
def test_only_administrators_see_the_entry(client, world, request, action):
    record, entries = perform(action, client, world, request)
    (entry,) = about(entries, record)
    line = (text(entry.label), text(entry.message), text(entry.user_display_name))

    # The site history (newest first, so the entry is on the first page) and the
    # results its filters load.
    client.force_login(world.admin)
    for url in (reverse(SITE_HISTORY), reverse(SITE_HISTORY_RESULTS)):
        rows = rows_of(client.get(url))
        assert len([row for row in rows if all(part in row for part in line)]) == 1
    for person in (world.author, world.focal_x, world.focal_y):
        client.force_login(person)
        for url in (reverse(SITE_HISTORY), reverse(SITE_HISTORY_RESULTS)):
            response = client.get(url)
            if response.status_code == 302:  # lost their admin access
                assert response["Location"].startswith(reverse("wagtailadmin_login"))
                continue
            assert response.status_code == 200
            assert not [row for row in rows_of(response) if line[0] in row], person
            assert A_NAME not in response.content.decode(), person

    # The record's own history page, where it has one (and still exists).
    model = type(record)
    if model not in HISTORY_VIEWS or not model.objects.filter(pk=record.pk).exists():
        return
    url = reverse(HISTORY_VIEWS[type(record)], args=[record.pk])
    client.force_login(world.admin)
    assert line[1] in text(client.get(url).content.decode())
    own = {world.x: world.focal_x, world.y: world.focal_y}.get(organisation_of(record))
    for person in (world.author, world.focal_x, world.focal_y):
        if person == own and type(record) in OWN_FOCAL_POINT_HISTORIES:
            continue
        client.force_login(person)
        response = client.get(url)
        assert response.status_code in (302, 403, 404), person
        assert line[1] not in text(response.content.decode()), person


def test_the_filters_offer_others_no_learner_and_no_learner_record(client, world):
    """A learner acting on their own records (here, starting a new cycle) is a
    person in the log; the filters of others' site history do not offer them, nor
    the types and actions of learners' records."""
    log(world.enrolment, "progress.start_cycle", user=world.learner_a, data={})

    client.force_login(world.admin)
    as_admin = client.get(reverse(SITE_HISTORY)).content.decode()
    assert A_NAME in as_admin
    for person in (world.author, world.focal_x, world.focal_y):
        client.force_login(person)
        soup = BeautifulSoup(client.get(reverse(SITE_HISTORY)).content, "html.parser")
        options = {text(option.get_text()) for option in soup.select("option")}
        assert A_NAME not in options, person
        assert not options & {"Enrolment", "Certificate", "Report export"}, person
        assert not options & {"Enrol", "Revoke certificate", "Report export"}, person
