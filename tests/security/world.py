"""The people and records the access matrix tries every URL on: learner A (of
organisation X) owns every learner record; learner B (of organisation Y), an
author, a focal point of X, a focal point of Y, an administrator and an anonymous
visitor try to reach them."""

from decimal import Decimal

from django.contrib.auth.tokens import default_token_generator
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from wagtail.log_actions import log

from assessments.models import ExtraAttempts, ExtraTime
from assessments.services import start_attempt
from courses.authoring import AUTHORS
from learning.accounts.emails import unsubscribe_token
from learning.accounts.models import Organisation
from learning.accounts.roles import appoint_focal_point
from learning.accounts.tokens import email_verification_token, invitation_token
from learning.certificates.models import (
    CertificateTemplate,
    RegenerationJob,
    RegenerationStatus,
)
from learning.progress.imports import create_import
from learning.progress.models import CourseCompletion
from learning.progress.services import enrol
from learning.reports.exports import request_export, run_export
from learning.reports.models import ReportKind
from learning.reports.subscriptions import subscribe
from learning.reports.subscriptions import unsubscribe_token as report_token
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import make_certificate
from tests.factories import UserFactory, make_course, make_module

# Distinctive enough that finding them in a page means the page shows learner A.
A_NAME = "Amina Diallo-Keita"
A_EMAIL = "amina.keita@undp.example"


def uidb64(user):
    return urlsafe_base64_encode(force_bytes(user.pk))


def forged(token):
    """A token of ours with its signature changed."""
    return token[:-4] + ("AAAA" if not token.endswith("AAAA") else "BBBB")


class World:
    def __init__(self):
        now = timezone.now()
        self.x = Organisation.objects.create(acronym="UNDP", name="Development")
        self.y = Organisation.objects.create(acronym="WHO", name="Health")

        self.learner_a = UserFactory(
            full_name=A_NAME,
            email=A_EMAIL,
            organisation=self.x,
            name_confirmed_at=now,
        )
        self.learner_b = UserFactory(
            full_name="Bruno Costa", email="bruno@who.example", organisation=self.y
        )
        self.author = UserFactory(full_name="Ada Author", groups=[AUTHORS])
        self.focal_x = UserFactory(full_name="Focal of X")
        appoint_focal_point(self.focal_x, [self.x])
        self.focal_y = UserFactory(full_name="Focal of Y")
        appoint_focal_point(self.focal_y, [self.y])
        self.admin = UserFactory(
            full_name="Ann Administrator", is_superuser=True, is_staff=True
        )

        # A course with a module and a quiz; A enrolled, has an open attempt, and
        # completed the course with a certificate (a stand-in PDF).
        self.course = make_course("Data governance", estimated_hours=Decimal("2"))
        self.module = make_module(self.course, title="Why data matters")
        self.question = make_question(title="Who owns the data?")
        self.question_revision = self.question.save_revision()
        self.quiz = make_quiz(self.course, questions=[self.question])
        self.enrolment = enrol(self.learner_a, self.course, now=now)
        self.attempt = start_attempt(self.quiz, self.learner_a, now=now)
        completion = CourseCompletion.objects.create(
            enrolment=self.enrolment,
            cycle=self.enrolment.cycle,
            completed_at=now,
            score=Decimal("90"),
            hours=Decimal("2"),
        )
        self.certificate = make_certificate(completion, now=now)
        self.extra_attempts = ExtraAttempts.objects.create(
            learner=self.learner_a, quiz=self.quiz, reason="Power cut"
        )
        self.extra_time = ExtraTime.objects.create(
            learner=self.learner_a, percent=50, reason="Screen reader"
        )
        self.template = CertificateTemplate.objects.get(is_default=True)
        # An audit-log entry naming A, as an administrator's enrolment leaves.
        log(self.enrolment, "progress.enrol", user=self.admin)

        # What focal point X made: an export job (its file names A), a weekly
        # report subscription and an enrolment import naming A.
        self.export, _ = request_export(
            self.focal_x,
            report=ReportKind.COMPLETION,
            export_format="csv",
            query="",
            filters={},
            rows=1,
            now=now,
        )
        run_export(self.export.pk, now=now)
        self.subscription, _ = subscribe(self.focal_x, organisation=self.x, now=now)
        self.enrolment_import = create_import(
            uploaded_by=self.focal_x,
            course=self.course,
            filename="people.csv",
            data=f"email,full_name\n{A_EMAIL},{A_NAME}\n".encode(),
            default_due_date=None,
            now=now,
        )
        self.regeneration = RegenerationJob.objects.create(
            course_key=self.course.translation_key,
            course=self.course,
            course_title=self.course.title,
            requested_by=self.admin,
            reason="Template fixed",
            status=RegenerationStatus.DONE,
            created_at=now,
        )

        # Links from emails, as someone who does not hold A's would make them:
        # A's id with B's token, or A's token with its signature changed.
        self.a_uid = uidb64(self.learner_a)
        self.b_verification_token = email_verification_token.make_token(self.learner_b)
        self.b_invitation_token = invitation_token.make_token(self.learner_b)
        self.b_password_token = default_token_generator.make_token(self.learner_b)
        self.forged_unsubscribe = forged(unsubscribe_token(self.learner_a))
        self.forged_report_unsubscribe = forged(report_token(self.subscription))

    def roles(self):
        return {
            "anonymous": None,
            "learner_a": self.learner_a,
            "learner_b": self.learner_b,
            "author": self.author,
            "focal_x": self.focal_x,
            "focal_y": self.focal_y,
            "admin": self.admin,
        }
