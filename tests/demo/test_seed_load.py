import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from assessments.models import Attempt, Question, QuizPage
from assessments.services import score_attempt
from courses.models import CoursePage
from learning.certificates.models import Certificate, CertificateStatus
from learning.demo.load import COURSE_SLUG_PREFIX, DOMAIN, LOAD_PASSWORD
from learning.progress.models import CourseCompletion, Enrolment, StepProgress
from tests.factories import UserFactory, make_course

pytestmark = pytest.mark.django_db

LEARNERS, COURSES = 60, 2
User = get_user_model()
LEARNER_RECORDS = (Enrolment, StepProgress, Attempt, CourseCompletion, Certificate)


def seed_load(*args):
    out = StringIO()
    call_command("seed_load", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(module_db):
    """The load, seeded once for this module's tests: what `seed_load` printed.
    Tests that run it again (or reset) do so inside their own rollback."""
    return seed_load("--learners", str(LEARNERS), "--courses", str(COURSES))


def synthetic_enrolments():
    return Enrolment.objects.filter(learner__email__endswith=f"@{DOMAIN}")


def progress_state(enrolment):
    if enrolment.completions.exists():
        return "completed"
    if enrolment.step_progress.exists():
        return "in progress"
    return "not started"


def snapshot():
    """Who the learners are and where each stands, independent of row ids."""
    return sorted(
        (
            e.learner.email,
            e.learner.full_name,
            e.learner.organisation.acronym,
            e.course.slug,
            e.source,
            e.status,
            e.due_at is not None,
            progress_state(e),
            e.step_progress.filter(completed_at__isnull=False).count(),
        )
        for e in synthetic_enrolments().select_related("learner__organisation")
    )


def row_counts():
    models = (User, CoursePage, Question, *LEARNER_RECORDS)
    return {model.__name__: model.objects.count() for model in models}


def test_builds_the_learners_and_courses_asked_for(seeded):
    learners = User.objects.filter(email__endswith=f"@{DOMAIN}")
    courses = CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX)

    assert learners.count() == LEARNERS
    assert learners.filter(email="load-00000001@load.example.org").exists()
    assert courses.live().count() == COURSES
    for course in courses:
        kinds = [type(step) for step in course.specific.step_list]
        assert kinds.count(QuizPage) == 1 and len(kinds) >= 4
    assert LEARNERS <= synthetic_enrolments().count() <= 3 * LEARNERS
    assert not learners.filter(enrolments__isnull=True).exists()
    assert not learners.filter(organisation__isnull=True).exists()
    # Skewed: the biggest organisation has several times its fair share.
    sizes = [
        learners.filter(organisation=org).count()
        for org in {learner.organisation for learner in learners}
    ]
    assert max(sizes) >= 3 * LEARNERS / 46
    assert re.search(rf"learners\s+{LEARNERS}\n", seeded)
    assert re.search(r"Done in [0-9.]+ s", seeded)


def test_synthetic_learners_log_in_with_the_one_password(client, seeded):
    assert client.login(email="load-00000007@load.example.org", password=LOAD_PASSWORD)
    hashes = set(
        User.objects.filter(email__endswith=f"@{DOMAIN}").values_list(
            "password", flat=True
        )
    )
    assert len(hashes) == 1


def test_every_enrolment_state_appears(seeded):
    now = timezone.now()
    enrolments = list(synthetic_enrolments())

    assert {e.source for e in enrolments} == {"self", "bulk", "admin"}
    assert {e.status for e in enrolments} == {"active", "withdrawn", "removed"}
    assert {progress_state(e) for e in enrolments} == {
        "not started",
        "in progress",
        "completed",
    }
    assert Enrolment.objects.overdue(now).filter(pk__in=[e.pk for e in enrolments])
    assert any(e.due_at and e.due_at > now for e in enrolments)
    for e in enrolments:
        assert (e.ended_at is None) == (e.status == "active")
        assert e.course_key == e.course.translation_key


def test_completed_enrolments_have_every_required_step_and_a_passed_quiz(seeded):
    completions = CourseCompletion.objects.filter(
        enrolment__in=synthetic_enrolments()
    ).select_related("enrolment__course", "enrolment__learner")
    assert completions.count() > 0

    for completion in completions:
        enrolment = completion.enrolment
        required = [s for s in enrolment.course.specific.step_list if not s.optional]
        done = dict(
            enrolment.step_progress.filter(completed_at__isnull=False).values_list(
                "step_key", "completed_at"
            )
        )
        assert all(step.translation_key in done for step in required)
        assert completion.completed_at == max(done[s.translation_key] for s in required)
        quiz = next(step for step in required if isinstance(step, QuizPage))
        attempts = Attempt.objects.filter(learner=enrolment.learner, quiz=quiz)
        assert attempts.filter(passed=True).count() == 1
        assert attempts.get(passed=True).finished_at == done[quiz.translation_key]
        assert completion.score == max(a.score for a in attempts)


def test_in_progress_enrolments_lack_a_required_step(seeded):
    for enrolment in synthetic_enrolments().filter(completions__isnull=True):
        required = [s for s in enrolment.course.specific.step_list if not s.optional]
        done = set(
            enrolment.step_progress.filter(completed_at__isnull=False).values_list(
                "step_key", flat=True
            )
        )
        assert not all(step.translation_key in done for step in required)


def test_attempts_are_scored_as_the_quiz_would_score_them(seeded):
    attempts = Attempt.objects.filter(learner__email__endswith=f"@{DOMAIN}")
    assert {a.passed for a in attempts} == {True, False}

    for attempt in attempts.select_related("quiz"):
        stored = (attempt.results, attempt.score, attempt.passed)
        score_attempt(attempt)
        assert (attempt.results, attempt.score, attempt.passed) == stored
        assert attempt.status == "submitted"
        assert attempt.started_at < attempt.finished_at
        assert len(attempt.questions) == 4


def test_certificates_belong_to_the_completions(seeded):
    completions = CourseCompletion.objects.filter(enrolment__in=synthetic_enrolments())
    certificates = Certificate.objects.select_related(
        "completion__enrolment__learner"
    ).filter(completion__in=completions)

    assert 0.7 * completions.count() <= certificates.count() <= completions.count()
    codes = [c.code for c in certificates]
    assert len(set(codes)) == len(codes)
    for certificate in certificates:
        learner = certificate.completion.enrolment.learner
        assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", certificate.code)
        assert certificate.name_printed == learner.full_name
        assert certificate.completed_at == certificate.completion.completed_at
        assert certificate.score == certificate.completion.score
        assert certificate.issued_at >= certificate.completed_at
        assert not certificate.file
    assert certificates.filter(expires_at__isnull=False).exists()


def test_a_second_run_adds_nothing(seeded):
    before = row_counts()

    out = seed_load("--learners", str(LEARNERS), "--courses", str(COURSES))

    assert row_counts() == before
    assert "nothing to add" in out


def test_a_larger_run_adds_only_the_missing_learners(seeded):
    first = snapshot()

    seed_load("--learners", str(LEARNERS + 5), "--courses", str(COURSES))

    assert User.objects.filter(email__endswith=f"@{DOMAIN}").count() == LEARNERS + 5
    assert set(first) <= set(snapshot())


def test_reset_deletes_the_synthetic_data_and_nothing_else(seeded):
    course = make_course("Real course", modules=1)
    person = UserFactory(email="someone@example.org")
    Enrolment.objects.create(
        learner=person,
        course=course,
        course_key=course.translation_key,
        enrolled_at=timezone.now(),
    )

    out = seed_load("--reset")

    assert not User.objects.filter(email__endswith=f"@{DOMAIN}").exists()
    assert not CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX).exists()
    assert not Question.objects.filter(title__startswith="[load]").exists()
    for model in LEARNER_RECORDS:
        assert list(model.objects.exclude(**{owner(model): person})) == [], model
    assert Enrolment.objects.get().learner == person
    assert CoursePage.objects.get() == course
    assert f"Deleted {LEARNERS} synthetic learners" in out


def owner(model):
    return {
        Enrolment: "learner",
        StepProgress: "enrolment__learner",
        Attempt: "learner",
        CourseCompletion: "enrolment__learner",
        Certificate: "completion__enrolment__learner",
    }[model]


def test_the_same_seed_builds_the_same_learners(seeded):
    first = snapshot()

    seed_load("--reset", "--learners", str(LEARNERS), "--courses", str(COURSES))
    again = snapshot()
    seed_load("--reset", "--learners", str(LEARNERS), "--courses", "2", "--seed", "7")

    assert again == first
    assert snapshot() != first


def test_revoked_certificates_say_why(seeded):
    revoked = Certificate.objects.filter(status=CertificateStatus.REVOKED)
    assert revoked.exists()
    for certificate in revoked:
        assert certificate.revoked_at >= certificate.issued_at
        assert certificate.revoke_reason


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "Give --learners N"),
        (("--learners", "0"), "--learners must be at least 1"),
        (("--learners", "5", "--courses", "0"), "--courses must be at least 1"),
    ],
)
def test_bad_arguments_get_a_clear_message_and_change_nothing(args, message):
    before = row_counts()

    with pytest.raises(CommandError, match=message):
        seed_load(*args)

    assert row_counts() == before
