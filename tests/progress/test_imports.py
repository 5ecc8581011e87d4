"""Bulk enrolment from a CSV file: checking rows, then applying all of them or none."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core import mail
from wagtail.models import ModelLogEntry

from courses.models import CoursePage
from learning.accounts import services as accounts
from learning.accounts.models import Organisation
from learning.progress import imports, services, tasks
from learning.progress.models import (
    Enrolment,
    EnrolmentImport,
    EnrolmentImportStatus,
    EnrolmentSource,
)
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

User = get_user_model()
NOW = datetime.datetime(2026, 12, 1, 9, 30, tzinfo=datetime.UTC)
HEADER = "email,full_name,organisation,due_date"


def csv_bytes(*lines, header=HEADER):
    return ("\r\n".join([header, *lines]) + "\r\n").encode()


def end_of(day):
    return datetime.datetime.fromisoformat(f"{day}T23:59:59+00:00")


def make_orgs():
    undp = Organisation.objects.create(acronym="UNDP", name="Development Programme")
    return {
        "UNDP": undp,
        "UNCDF": Organisation.objects.create(
            acronym="UNCDF", name="Capital Development Fund", parent=undp
        ),
        "UNICEF": Organisation.objects.create(acronym="UNICEF", name="Children's Fund"),
    }


@pytest.fixture
def orgs():
    return make_orgs()


@pytest.fixture(scope="module")
def built_course(module_db):
    """The course, built once for the module (pages are slow to build)."""
    return make_course("Joint procurement", modules=1).pk


@pytest.fixture
def course(built_course):
    """A copy of the module's course of its own for each test (some unpublish it)."""
    return CoursePage.objects.get(pk=built_course)


@pytest.fixture
def admin_user():
    return UserFactory(is_superuser=True, is_staff=True, email="admin@unssc.org")


def focal_point_group():
    group, _ = Group.objects.get_or_create(name="Import focal points")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        ),
        Permission.objects.get(
            content_type__app_label="progress", codename="add_enrolment"
        ),
    )
    return group


def make_focal_point(orgs):
    user = UserFactory(email="focal@undp.org", organisation=orgs["UNDP"])
    user.focal_organisations.add(orgs["UNDP"])
    user.groups.add(focal_point_group())
    return user


@pytest.fixture
def focal_point(orgs):
    return make_focal_point(orgs)


def upload(uploader, course, data, *, default_due_date=None, filename="people.csv"):
    return imports.create_import(
        uploaded_by=uploader,
        course=course,
        filename=filename,
        data=data,
        default_due_date=default_due_date,
        now=NOW,
    )


def reasons(imp):
    """{line: [reasons]} for the refused rows."""
    return {entry["line"]: entry["reasons"] for entry in imports.error_rows(imp)}


def snapshot():
    """Everything an import could change, to compare before and after."""
    return (
        sorted(
            User.objects.values_list(
                "email", "full_name", "organisation_id", "invited_at", "password"
            )
        ),
        sorted(
            Enrolment.objects.values_list(
                "learner__email", "course_key", "status", "source", "due_at"
            ),
            key=str,
        ),
        ModelLogEntry.objects.filter(action="progress.bulk_enrol").count(),
    )


def test_a_good_file_creates_invites_enrols_and_changes_due_dates(
    admin_user, orgs, course, django_capture_on_commit_callbacks
):
    UserFactory(email="known@undp.org", organisation=orgs["UNDP"])
    enrolled = UserFactory(email="enrolled@unicef.org", organisation=orgs["UNICEF"])
    steady = UserFactory(email="steady@undp.org", organisation=orgs["UNDP"])
    services.enrol(enrolled, course, now=NOW, due_at=end_of("2027-01-31"))
    services.enrol(steady, course, now=NOW, due_at=end_of("2027-02-28"))

    imp = upload(
        admin_user,
        course,
        csv_bytes(
            "New.Person@UNDP.org,Amina Diallo,undp,2027-03-31",
            "known@undp.org,,,",
            "enrolled@unicef.org,,,2027-06-30",
            "steady@undp.org,,,2027-02-28",
            "nobody-else@unicef.org,Louis Moreau,UNICEF,",
        ),
        default_due_date=datetime.date(2027, 4, 30),
    )

    assert imp.status == EnrolmentImportStatus.READY
    assert imp.counts == {
        "create": 2,
        "enrol": 1,
        "due_change": 1,
        "unchanged": 1,
        "error": 0,
    }
    assert [entry["line"] for entry in imp.report] == [2, 3, 4, 5, 6]
    assert Enrolment.objects.count() == 2, "nothing changes before confirming"

    with django_capture_on_commit_callbacks(execute=True):
        imp = imports.start_apply(imp, by=admin_user, now=NOW)
        assert mail.outbox == [], "invitations leave once the transaction commits"

    assert imp.status == EnrolmentImportStatus.DONE
    assert imp.applied_at == NOW
    new = User.objects.get(email="new.person@undp.org")
    assert new.full_name == "Amina Diallo"
    assert new.organisation == orgs["UNDP"]
    assert new.invited_at == NOW
    assert not new.has_usable_password()
    assert User.objects.get(email="nobody-else@unicef.org").full_name == "Louis Moreau"
    assert sorted(m.to[0] for m in mail.outbox) == [
        "new.person@undp.org",
        "nobody-else@unicef.org",
    ]

    bulk = Enrolment.objects.filter(source=EnrolmentSource.BULK)
    assert {e.learner.email: e.due_at for e in bulk} == {
        "new.person@undp.org": end_of("2027-03-31"),
        "known@undp.org": end_of("2027-04-30"),
        "nobody-else@unicef.org": end_of("2027-04-30"),
    }
    assert all(e.enrolled_by == admin_user and e.status == "active" for e in bulk)
    assert all(e.course_key == course.translation_key for e in bulk)
    assert Enrolment.objects.get(learner=enrolled).due_at == end_of("2027-06-30")
    assert Enrolment.objects.get(learner=steady).due_at == end_of("2027-02-28")

    entry = ModelLogEntry.objects.get(action="progress.bulk_enrol")
    assert entry.user == admin_user
    assert entry.data["create"] == 2 and entry.data["enrol"] == 1
    assert "2 people created and invited, 1 enrolled" in entry.message


def test_a_file_without_an_email_column_or_with_unknown_columns_is_refused(
    admin_user, course
):
    with pytest.raises(imports.ImportFileError, match="no “email” column") as error:
        upload(admin_user, course, csv_bytes("Ann", header="name"))
    assert "Unknown columns: name" in str(error.value)
    assert "email (required), full_name, organisation" in str(error.value)

    with pytest.raises(imports.ImportFileError, match="Unknown columns: phone"):
        upload(admin_user, course, csv_bytes("a@b.org,1", header="email,phone"))

    with pytest.raises(imports.ImportFileError, match="more than once: email"):
        upload(admin_user, course, csv_bytes("a@b.org,a@b.org", header="email,Email"))
    assert not EnrolmentImport.objects.exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty"),
        (b"\r\n\r\n", "The file is empty"),
        (HEADER.encode() + b"\r\n", "no rows below its header"),
        (HEADER.encode() + b"\r\n,,,\r\n", "no rows below its header"),
        ("email\r\nJosé@undp.org\r\n".encode("latin-1"), "save the file as CSV UTF-8"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00", "CSV UTF-8"),
        (b"email\r\n\x00\x00\x00", "not a CSV file"),
    ],
)
def test_unreadable_files_are_refused_with_a_reason(admin_user, course, data, message):
    with pytest.raises(imports.ImportFileError, match=message):
        upload(admin_user, course, data)
    assert not EnrolmentImport.objects.exists()


def test_bad_rows_are_reported_with_their_spreadsheet_line_and_block_the_import(
    admin_user, orgs, course
):
    before = snapshot()
    imp = upload(
        admin_user,
        course,
        csv_bytes(
            "ok@undp.org,,UNDP,",
            "not-an-email,,,",
            ",Nameless,,",
            "",  # a blank line keeps its number
            "OK@undp.org,,,",
            "x@undp.org,,UNHCR,",
            "y@undp.org,,,31/03/2027",
            "z@undp.org,,,2026-11-30",
            "w@undp.org,,,2027-02-30",
            '"multi@undp.org","Two\nLines",,',
            "after@undp.org,,,",
        ),
    )

    assert imp.status == EnrolmentImportStatus.INVALID
    assert reasons(imp) == {
        3: ["“not-an-email” is not a valid email address."],
        4: ["The email address is missing."],
        6: ["ok@undp.org is already on line 2: list each person once."],
        7: ["No organisation has the acronym “UNHCR”."],
        8: ["The due date “31/03/2027” is not a date in the form YYYY-MM-DD."],
        9: ["The due date 2026-11-30 is in the past."],
        10: ["The due date “2027-02-30” does not exist."],
    }
    assert imp.counts["create"] == 3  # lines 2, 11 and 12
    assert {entry["email"] for entry in imp.report if entry["line"] in (11, 12)} == {
        "multi@undp.org",
        "after@undp.org",
    }
    with pytest.raises(imports.ImportNotReady):
        imports.start_apply(imp, by=admin_user, now=NOW)
    assert snapshot() == before


def test_values_a_spreadsheet_would_run_as_formulas_are_refused(
    admin_user, orgs, course
):
    imp = upload(
        admin_user,
        course,
        csv_bytes(
            "=2+3@undp.org,,,",
            "a@undp.org,+Amina,,",
            "b@undp.org,-1,,",
            "c@undp.org,@SUM(A1),,",
            'd@undp.org,"\tTabbed",,',
            'e@undp.org,"\rReturn",,',
            "f@undp.org,Fine - hyphenated,UNDP,",
        ),
    )

    found = reasons(imp)
    assert sorted(found) == [2, 3, 4, 5, 6, 7]
    assert "“email” starts with “=”" in found[2][0]
    assert "“full_name” starts with “+”" in found[3][0]
    assert "starts with “-”" in found[4][0]
    assert "starts with “@”" in found[5][0]
    assert "starts with a tab" in found[6][0]
    assert "starts with a line break" in found[7][0]
    assert "formula" in found[2][0]


def test_a_focal_point_enrols_only_people_of_the_organisations_they_manage(
    focal_point, orgs, course
):
    UserFactory(email="elsewhere@unicef.org", organisation=orgs["UNICEF"])
    UserFactory(email="homeless@example.org", organisation=None)
    UserFactory(email="fund@uncdf.org", organisation=orgs["UNCDF"])

    imp = upload(
        focal_point,
        course,
        csv_bytes(
            "new@undp.org,New Person,UNDP,",
            "new@uncdf.org,Fund Person,uncdf,",
            "fund@uncdf.org,,,",
            "new@unicef.org,,UNICEF,",
            "elsewhere@unicef.org,,,",
            "elsewhere2@unicef.org,,,",
            "homeless@example.org,,,",
            "sneaky@unicef.org,,UNDP,",
        ),
    )

    found = reasons(imp)
    assert found == {
        5: ["You do not manage the organisation UNICEF."],
        6: ["This person belongs to an organisation you do not manage."],
        7: [
            "elsewhere2@unicef.org has no account yet: give their organisation "
            "(one you manage) in the “organisation” column."
        ],
        8: ["This person belongs to an organisation you do not manage."],
    }
    # A new account in an organisation the focal point manages is allowed, whatever
    # the address: the organisation column decides.
    assert [e["outcome"] for e in imp.report if e["line"] in (2, 3, 4, 9)] == [
        "create",
        "create",
        "enrol",
        "create",
    ]


def test_an_unmanaged_existing_user_is_refused_even_when_the_row_names_a_managed_org(
    focal_point, orgs, course
):
    UserFactory(email="other@unicef.org", organisation=orgs["UNICEF"])

    imp = upload(focal_point, course, csv_bytes("other@unicef.org,,UNDP,"))

    assert reasons(imp) == {
        2: ["This person belongs to an organisation you do not manage."]
    }


def test_someone_without_permission_cannot_have_an_import_applied(
    focal_point, orgs, course
):
    imp = upload(focal_point, course, csv_bytes("new@undp.org,,UNDP,"))
    assert imp.status == EnrolmentImportStatus.READY
    focal_point.groups.clear()
    focal_point = User.objects.get(pk=focal_point.pk)  # no cached permissions

    imp = imports.start_apply(imp, by=focal_point, now=NOW)

    assert imp.status == EnrolmentImportStatus.FAILED
    assert "may not enrol" in imp.error_message
    assert not User.objects.filter(email="new@undp.org").exists()


def test_a_semicolon_separated_file_with_a_byte_order_mark_is_read(
    admin_user, orgs, course
):
    data = "\ufeffEmail;Full_Name;Organisation\r\nZoe@undp.org;Zoé Ngono;UNDP\r\n"

    imp = upload(admin_user, course, data.encode("utf-8"))

    assert imp.status == EnrolmentImportStatus.READY
    assert imp.report == [{"line": 2, "email": "zoe@undp.org", "outcome": "create"}]


@pytest.mark.parametrize("extra", ["a@undp.org,,,,surplus", "a@undp.org,,,,"])
def test_surplus_cells_are_refused_only_when_they_hold_something(
    admin_user, orgs, course, extra
):
    imp = upload(admin_user, course, csv_bytes(extra))

    if extra.endswith("surplus"):
        assert reasons(imp) == {
            2: ["This row has values in columns that the header does not name."]
        }
    else:
        assert imp.status == EnrolmentImportStatus.READY


def test_row_and_size_limits(admin_user, course, settings):
    settings.ENROLMENT_IMPORT_MAX_ROWS = 3
    rows = [f"p{n}@undp.org,,," for n in range(4)]
    with pytest.raises(imports.ImportFileError, match="more than 3 rows"):
        upload(admin_user, course, csv_bytes(*rows))
    assert upload(admin_user, course, csv_bytes(*rows[:3])).rows_total == 3

    settings.ENROLMENT_IMPORT_MAX_BYTES = 1024 * 1024
    with pytest.raises(imports.ImportFileError, match="at most 1 MB"):
        upload(admin_user, course, csv_bytes("a@undp.org,,,") + b" " * 1024 * 1024)


def test_a_past_default_due_date_is_refused_on_the_rows_that_use_it(
    admin_user, orgs, course
):
    imp = upload(
        admin_user,
        course,
        csv_bytes("a@undp.org,,,", "b@undp.org,,,2027-01-15"),
        default_due_date=datetime.date(2026, 11, 30),
    )

    assert reasons(imp) == {2: ["The default due date is in the past."]}


def test_today_is_not_past_until_the_day_has_ended_in_utc(admin_user, orgs, course):
    imp = upload(admin_user, course, csv_bytes("a@undp.org,,,2026-12-01"))

    assert imp.status == EnrolmentImportStatus.READY
    assert imp.report[0]["due_date"] == "2026-12-01"


def test_a_second_confirm_or_a_repeated_task_applies_nothing_twice(
    admin_user, orgs, course, django_capture_on_commit_callbacks
):
    imp = upload(admin_user, course, csv_bytes("a@undp.org,,UNDP,", "b@undp.org,,,"))
    with django_capture_on_commit_callbacks(execute=True):
        imports.start_apply(imp, by=admin_user, now=NOW)
    after_first = snapshot()
    invitations = len(mail.outbox)

    with pytest.raises(imports.ImportNotReady):
        imports.start_apply(imp, by=admin_user, now=NOW)
    with django_capture_on_commit_callbacks(execute=True):
        tasks.apply_enrolment_import.delay(imp.pk)
        tasks.validate_enrolment_import.delay(imp.pk)

    assert snapshot() == after_first
    assert len(mail.outbox) == invitations == 2
    assert EnrolmentImport.objects.get().status == EnrolmentImportStatus.DONE


def test_a_file_that_went_stale_before_confirming_fails_and_changes_nothing(
    admin_user, orgs, course
):
    imp = upload(admin_user, course, csv_bytes("late@undp.org,,,2026-12-01"))
    before = snapshot()

    imp = imports.start_apply(imp, by=admin_user, now=NOW + datetime.timedelta(days=1))

    assert imp.status == EnrolmentImportStatus.FAILED
    assert "1 row is no longer valid" in imp.error_message
    assert snapshot() == before


def test_an_unpublished_course_fails_the_import(admin_user, orgs, course):
    imp = upload(admin_user, course, csv_bytes("a@undp.org,,,"))
    course.unpublish()

    imp = imports.start_apply(imp, by=admin_user, now=NOW)

    assert imp.status == EnrolmentImportStatus.FAILED
    assert "no longer published" in imp.error_message


@pytest.fixture
def large_file_limits(settings, monkeypatch, time_machine):
    """A file of LARGE_FILE_ROWS takes the path of a large file (5,000 rows with the
    real limits): above the inline limit, it is checked and applied in the
    background, its people looked up a chunk at a time over several chunks (the
    last one partial), and its progress written as it is checked. Scaled down,
    the same code runs on a file small enough to build quickly."""
    settings.ENROLMENT_IMPORT_INLINE_ROWS = 20
    monkeypatch.setattr(imports, "LOOKUP_CHUNK", 10)
    monkeypatch.setattr(imports, "PROGRESS_EVERY", 5)
    # The tasks read the clock: make it NOW, which the rows' due dates follow.
    time_machine.move_to(NOW, tick=False)


LARGE_FILE_ROWS = 45


def big_file(count, orgs):
    """`count` people: a third with accounts (one in ten of those already
    enrolled), the rest new."""
    rows = []
    for n in range(count):
        rows.append(f"person{n:05d}@undp.org,Person {n},UNDP,2027-0{1 + n % 9}-15")
    return csv_bytes(*rows)


def make_existing(count, orgs, course):
    users = User.objects.bulk_create(
        User(email=f"person{n:05d}@undp.org", organisation=orgs["UNDP"])
        for n in range(0, count, 3)
    )
    for user in users[::10]:
        services.enrol(user, course, now=NOW)
    return users


def test_a_large_file_is_checked_and_applied_in_the_background(
    admin_user, orgs, course, large_file_limits, django_capture_on_commit_callbacks
):
    existing = make_existing(LARGE_FILE_ROWS, orgs, course)
    data = big_file(LARGE_FILE_ROWS, orgs)

    with django_capture_on_commit_callbacks(execute=True):
        imp = upload(admin_user, course, data)
        assert imp.status == EnrolmentImportStatus.VALIDATING  # queued on commit
    imp.refresh_from_db()

    assert imp.status == EnrolmentImportStatus.READY
    assert imp.rows_total == imp.rows_processed == LARGE_FILE_ROWS
    assert imp.counts == {
        "create": LARGE_FILE_ROWS - len(existing),
        "enrol": len(existing) - len(existing[::10]),
        "due_change": len(existing[::10]),
        "unchanged": 0,
        "error": 0,
    }

    with django_capture_on_commit_callbacks(execute=True):
        imp = imports.start_apply(imp, by=admin_user, now=NOW)
        assert imp.status == EnrolmentImportStatus.APPLYING  # queued on commit
    imp.refresh_from_db()

    assert imp.status == EnrolmentImportStatus.DONE, imp.error_message
    assert Enrolment.objects.active().for_course(course).count() == LARGE_FILE_ROWS
    assert User.objects.filter(email__endswith="@undp.org").count() == LARGE_FILE_ROWS
    assert len(mail.outbox) == LARGE_FILE_ROWS - len(existing)


def test_a_failure_in_the_middle_of_applying_applies_nothing(
    admin_user,
    orgs,
    course,
    large_file_limits,
    monkeypatch,
    django_capture_on_commit_callbacks,
):
    make_existing(LARGE_FILE_ROWS, orgs, course)
    with django_capture_on_commit_callbacks(execute=True):
        imp = upload(admin_user, course, big_file(LARGE_FILE_ROWS, orgs))
    imp.refresh_from_db()
    assert imp.status == EnrolmentImportStatus.READY
    before = snapshot()
    real_send = accounts.send_invitation
    calls = 0

    def invite_until_the_20th(*args, **kwargs):
        # By then every account and enrolment of the file has been written (the
        # file has 30 new people).
        nonlocal calls
        calls += 1
        if calls == 20:
            raise RuntimeError("disk full")
        return real_send(*args, **kwargs)

    monkeypatch.setattr(accounts, "send_invitation", invite_until_the_20th)
    with django_capture_on_commit_callbacks(execute=True):
        imports.start_apply(imp, by=admin_user, now=NOW)
    imp.refresh_from_db()

    assert calls == 20
    assert imp.status == EnrolmentImportStatus.FAILED
    assert "disk full" in imp.error_message
    assert "Nothing was changed" in imp.error_message
    assert snapshot() == before
    assert mail.outbox == []
