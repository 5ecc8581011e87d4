"""Synthetic volume for benchmarks: `manage.py seed_load --learners N --courses M`.

Learners (`load-00001234@load.example.org`) spread over the UN organisations, a few
small courses (`load-course-001`, ...), and everything learners leave behind:
enrolments in every state, step progress, quiz attempts, completions and
certificate records. Rows are written with `bulk_create`, one transaction per batch
of learners, so no `save()` and no signal runs for them: no email, no PDF.

The data is what a running platform would hold, with two exceptions that keep the
periodic jobs quiet: certificates have no PDF, and the learners have not confirmed
the name to print, so the certificate sweep leaves them alone; and the reminders
already due are stamped as sent.

Each learner is drawn from a random generator seeded with the run's seed and the
learner's number, so the same seed gives the same people in the same states
whatever the batch size, and a later run only adds the learners that are missing.
"""

import random
import time
from bisect import bisect
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from itertools import accumulate

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import connection, reset_queries, transaction
from django.utils import timezone

from assessments.models import (
    Attempt,
    AttemptStatus,
    Choice,
    Question,
    QuizPage,
    QuizQuestion,
)
from assessments.services import draw_questions, freeze_for_attempt, score_attempt
from courses.authoring import ensure_catalogue
from courses.models import CoursePage, ModulePage
from learning.accounts.models import Organisation
from learning.accounts.services import import_organisations
from learning.certificates.expiry import reminder_days
from learning.certificates.models import Certificate, CertificateStatus
from learning.certificates.rendering import template_for_course
from learning.certificates.services import expiry_for, new_code
from learning.progress.models import (
    CourseCompletion,
    Enrolment,
    EnrolmentSource,
    EnrolmentStatus,
    StepProgress,
)
from learning.progress.reminders import reminder_window

DOMAIN = "load.example.org"
EMAIL_PREFIX = "load-"
COURSE_SLUG_PREFIX = "load-course-"
QUESTION_TITLE_PREFIX = "[load] "
LOAD_PASSWORD = "load-pass-2026"
DEFAULT_SEED = 2026
BATCH_SIZE = 5000
INSERT_BATCH = 1000

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
MINUTE = timedelta(minutes=1)

# How many courses a learner takes, and the shares of each kind of enrolment.
ENROLMENTS_PER_LEARNER = {1: 62, 2: 28, 3: 10}
SOURCES = {
    EnrolmentSource.SELF: 60,
    EnrolmentSource.BULK: 25,
    EnrolmentSource.ADMIN: 15,
}
STATUSES = {
    EnrolmentStatus.ACTIVE: 84,
    EnrolmentStatus.WITHDRAWN: 10,
    EnrolmentStatus.REMOVED: 6,
}
NOT_STARTED, IN_PROGRESS, COMPLETED = "not started", "in progress", "completed"
PROGRESS_WHEN_ACTIVE = {NOT_STARTED: 22, IN_PROGRESS: 33, COMPLETED: 45}
PROGRESS_WHEN_ENDED = {NOT_STARTED: 40, IN_PROGRESS: 60}
# Assignments (a due date) come mostly with bulk and administrators' enrolments.
DUE_DATE_SHARE = {
    EnrolmentSource.SELF: 0.05,
    EnrolmentSource.BULK: 0.75,
    EnrolmentSource.ADMIN: 0.75,
}
CERTIFICATE_SHARE = 0.9  # of completions; the rest are not issued yet
REVOKED_SHARE = 0.04
FRENCH_SHARE = 0.25

FIRST_NAMES = (
    "Amina Paul Sofia Kenji Grace Omar Lucía Ivan Mei Tariq Fatou Pierre Anan "
    "Elena Kwame Priya Jonas Leila Mateo Olga Samir Aiko Nadia Diego Hana Yusuf "
    "Chloé Tomás Ngozi Arjun Ingrid Hassan Marta Kofi Lin Rania Bruno Zainab"
).split()
LAST_NAMES = (
    "Diallo Martin Rossi Tanaka Mensah Haddad García Petrov Chen Rahman Ndiaye "
    "Dubois Srisai Popescu Boateng Sharma Berg Karimi Fernández Ivanova Nasser "
    "Sato Khalil Morales Kim Yilmaz Lefèvre Silva Okafor Patel Johansson Ali "
    "Kowalska Owusu Wang Aziz Costa Bello"
).split()
TIME_ZONES = (
    "UTC Europe/Rome America/New_York Africa/Nairobi Asia/Bangkok "
    "Europe/Geneva Asia/Beirut America/Santiago"
).split()
COURSE_TOPICS = (
    "Cloud services for the UN system",
    "Information security for managers",
    "Shared ICT services",
    "Data governance",
    "Joint procurement of ICT",
    "Digital change management",
    "Interoperability standards",
    "ICT in business plans",
)
REVOKE_REASONS = (
    "Issued in error: the completion was recorded against the wrong person.",
    "The learner's organisation asked for it to be withdrawn.",
    "Replaced after a correction of the course record.",
)
QUESTIONS = (
    # title, type, prompt, answer (true/false) or choices (text, correct)
    (
        "Strategy first",
        "single_choice",
        "What should an ICT investment follow?",
        [
            ("The organisation's mandate", True),
            ("The newest product", False),
            ("Last year's budget", False),
        ],
    ),
    (
        "Shared services",
        "true_false",
        "Shared services can lower the cost of common ICT functions.",
        True,
    ),
    (
        "Interoperability",
        "single_choice",
        "What makes information sharing between organisations possible?",
        [
            ("Common standards", True),
            ("Separate systems", False),
            ("Paper forms", False),
        ],
    ),
    (
        "Change",
        "true_false",
        "A new system changes how people work without any change management.",
        False,
    ),
    (
        "Procurement",
        "single_choice",
        "What does joint procurement mainly bring?",
        [
            ("Better prices and terms", True),
            ("More vendors to manage", False),
            ("Longer contracts only", False),
        ],
    ),
    (
        "Security",
        "true_false",
        "Senior managers share responsibility for information security.",
        True,
    ),
)
QUESTIONS_PER_QUIZ = 4


def weighted(choices):
    """(values, cumulative weights) for `pick`."""
    return list(choices), list(accumulate(choices.values()))


def pick(rng, table):
    values, cumulative = table
    return values[bisect(cumulative, rng.random() * cumulative[-1])]


def between(rng, start, end):
    """A moment between `start` and `end`."""
    return start + (end - start) * rng.random()


def learner_email(number):
    return f"{EMAIL_PREFIX}{number:08d}@{DOMAIN}"


def load_learners():
    return get_user_model().objects.filter(email__endswith=f"@{DOMAIN}")


# Courses ---------------------------------------------------------------------------


@dataclass
class QuizPlan:
    page: QuizPage
    # Number of right answers → (answers, results, score, passed), as scored for real.
    outcomes: dict
    questions: list  # frozen once, shared by every synthetic attempt


@dataclass
class CoursePlan:
    page: CoursePage
    required: list  # steps, in order
    optional: list
    quizzes: dict  # step pk → QuizPlan
    template: object
    hours: Decimal


def load_questions():
    """The bank questions the synthetic quizzes use, created if missing."""
    questions = []
    for title, kind, prompt, answer in QUESTIONS:
        full_title = QUESTION_TITLE_PREFIX + title
        question = Question.objects.filter(title=full_title).first()
        if question is None:
            question = Question(
                title=full_title,
                question_type=kind,
                prompt=f"<p>{prompt}</p>",
                true_false_answer=answer if kind == "true_false" else None,
            )
            if kind == "single_choice":
                question.choices = [
                    Choice(text=text, is_correct=correct) for text, correct in answer
                ]
            question.save()
        questions.append(question)
    return questions


def build_course(catalogue, number, questions):
    """A small course: a few modules, a quiz, and (every other course) an optional
    module after it. Created through Wagtail and published."""
    topic = COURSE_TOPICS[(number - 1) % len(COURSE_TOPICS)]
    title = f"Load test {number:03d}: {topic}"
    course = CoursePage(
        title=title,
        slug=f"{COURSE_SLUG_PREFIX}{number:03d}",
        summary=f"A synthetic course for benchmarks, about {topic.lower()}.",
        estimated_hours=Decimal(1 + number % 4) + Decimal("0.5"),
        steps_in_order=number % 2 == 1,
        certificate_validity_months=(None, 12, 24)[number % 3],
    )
    catalogue.add_child(instance=course)
    course.save_revision().publish()
    for module_number in range(1, 4 + number % 3):
        add_module(course, f"{topic}: part {module_number}")
    quiz = QuizPage(
        title=f"{topic}: check your understanding",
        slug="quiz",
        pass_mark=70,
        time_limit_minutes=20 if number % 2 == 0 else None,
    )
    quiz.quiz_questions = [
        QuizQuestion(question=questions[(number + i) % len(questions)])
        for i in range(QUESTIONS_PER_QUIZ)
    ]
    course.add_child(instance=quiz)
    quiz.save_revision().publish()
    if number % 2 == 0:
        add_module(course, f"{topic}: further reading", optional=True)
    return course


def add_module(course, title, optional=False):
    module = ModulePage(
        title=title,
        summary=f"What {title.lower()} covers.",
        estimated_minutes=15,
        optional=optional,
        body=[
            {"type": "paragraph", "value": f"<p>{title}: {sentence}</p>"}
            for sentence in (
                "why it matters to a senior manager.",
                "what to ask your ICT team.",
                "how other organisations of the UN system went about it.",
            )
        ],
    )
    course.add_child(instance=module)
    module.save_revision().publish()


def ensure_courses(count, log):
    """The synthetic courses 1..count, created if missing."""
    catalogue = ensure_catalogue()
    questions = None
    courses = []
    with transaction.atomic():
        for number in range(1, count + 1):
            slug = f"{COURSE_SLUG_PREFIX}{number:03d}"
            course = CoursePage.objects.child_of(catalogue).filter(slug=slug).first()
            if course is None:
                questions = questions or load_questions()
                course = build_course(catalogue, number, questions)
                log(f"Created course {course.title}")
            courses.append(course.specific)
    return [course_plan(course) for course in courses]


def course_plan(course):
    steps = list(course.steps())
    required = [step for step in steps if not step.optional]
    quizzes = {
        step.pk: quiz_plan(step) for step in required if isinstance(step, QuizPage)
    }
    return CoursePlan(
        page=course,
        required=required,
        optional=[step for step in steps if step.optional],
        quizzes=quizzes,
        template=template_for_course(course),
        hours=course.estimated_hours,
    )


def quiz_plan(quiz):
    """The quiz's questions frozen once, and each possible result (the first k
    questions answered right) scored by the real scoring code."""
    rng = random.Random(quiz.pk)
    questions = freeze_for_attempt(draw_questions(quiz, rng), quiz, rng)
    outcomes = {}
    for right in range(len(questions) + 1):
        answers = {
            str(q["id"]): answer_for(q, correct=i < right)
            for i, q in enumerate(questions)
        }
        attempt = Attempt(quiz=quiz, questions=questions, answers=answers)
        score_attempt(attempt)
        outcomes[right] = (answers, attempt.results, attempt.score, attempt.passed)
    return QuizPlan(page=quiz, outcomes=outcomes, questions=questions)


def answer_for(question, correct):
    if question["type"] == "true_false":
        return "true" if question["true_false_answer"] == correct else "false"
    choice = next(c for c in question["choices"] if c["correct"] == correct)
    return choice["token"]


# Learners --------------------------------------------------------------------------


@dataclass
class Batch:
    """The rows of one batch of learners, in the order they are inserted."""

    users: list = field(default_factory=list)
    enrolments: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    attempts: list = field(default_factory=list)
    completions: list = field(default_factory=list)
    certificates: list = field(default_factory=list)


class LearnerFactory:
    """Builds one learner's rows from their own random generator."""

    def __init__(self, *, seed, courses, organisations, password, enrolled_by, now):
        self.seed = seed
        self.courses = courses
        self.password = password
        self.enrolled_by = enrolled_by
        self.now = now
        # A few big organisations, a long tail of small ones: weight 1/rank.
        ranked = list(organisations)
        random.Random(seed).shuffle(ranked)
        self.organisations = weighted(
            {org: 1 / rank for rank, org in enumerate(ranked, start=1)}
        )
        # The first courses are the popular ones.
        self.course_weights = [1 / rank for rank in range(1, len(courses) + 1)]
        self.enrolment_counts = weighted(ENROLMENTS_PER_LEARNER)
        self.sources = weighted(SOURCES)
        self.statuses = weighted(STATUSES)
        self.active_progress = weighted(PROGRESS_WHEN_ACTIVE)
        self.ended_progress = weighted(PROGRESS_WHEN_ENDED)
        self.expiry_reminder_days = reminder_days()
        self.due_window = reminder_window()
        self.counts = Counter()

    def add(self, number, batch):
        rng = random.Random(f"{self.seed}:{number}")
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        user = get_user_model()(
            email=learner_email(number),
            password=self.password,
            first_name=first,
            last_name=last,
            full_name=f"{first} {last}",
            organisation=pick(rng, self.organisations),
            preferred_language="fr" if rng.random() < FRENCH_SHARE else "en",
            time_zone=rng.choice(TIME_ZONES),
        )
        batch.users.append(user)
        count = min(pick(rng, self.enrolment_counts), len(self.courses))
        enrolled = [
            self.add_enrolment(rng, user, course, batch)
            for course in self.choose_courses(rng, count)
        ]
        first_seen = min(e.enrolled_at for e in enrolled)
        user.date_joined = first_seen - between(rng, MINUTE, 30 * DAY)
        user.email_verified_at = user.date_joined + between(rng, MINUTE, HOUR)
        user.last_login = max(e.enrolled_at for e in enrolled)

    def choose_courses(self, rng, count):
        indexes = list(range(len(self.courses)))
        weights = list(self.course_weights)
        chosen = []
        for _ in range(count):
            i = rng.choices(range(len(indexes)), weights)[0]
            chosen.append(self.courses[indexes.pop(i)])
            weights.pop(i)
        return chosen

    def add_enrolment(self, rng, user, course, batch):
        now = self.now
        source = pick(rng, self.sources)
        status = pick(rng, self.statuses)
        active = status == EnrolmentStatus.ACTIVE
        progress = pick(rng, self.active_progress if active else self.ended_progress)
        due_at = None
        if rng.random() < DUE_DATE_SHARE[source]:
            due_at = now + between(rng, -180 * DAY, 90 * DAY)
            enrolled_at = min(
                due_at - between(rng, 14 * DAY, 120 * DAY),
                now - between(rng, HOUR, 3 * DAY),
            )
        else:
            enrolled_at = now - between(rng, HOUR, 720 * DAY)
        enrolment = Enrolment(
            learner=user,
            course=course.page,
            course_key=course.page.translation_key,
            source=source,
            status=status,
            enrolled_at=enrolled_at,
            enrolled_by=None if source == EnrolmentSource.SELF else self.enrolled_by,
            due_at=due_at,
        )
        batch.enrolments.append(enrolment)
        last_activity = enrolled_at
        if progress != NOT_STARTED:
            end = enrolled_at + max(
                (now - enrolled_at) * rng.uniform(0.05, 0.9), 30 * MINUTE
            )
            last_activity = self.add_progress(
                rng, enrolment, course, progress, end, batch
            )
        if not active:
            enrolment.ended_at = between(rng, last_activity, now)
        elif progress != COMPLETED and due_at is not None:
            self.stamp_reminders(enrolment)
        self.counts[f"enrolments {status.value}"] += 1
        self.counts[f"enrolments {progress}"] += 1
        if active and progress != COMPLETED and due_at is not None and due_at < now:
            self.counts["enrolments overdue"] += 1
        return enrolment

    def add_progress(self, rng, enrolment, course, progress, end, batch):
        """Step progress up to `end`: every required step when completed, else the
        first few (the last of them perhaps only started). Returns the last
        activity."""
        required = course.required
        if progress == COMPLETED:
            touched, done = len(required), len(required)
        else:
            done = rng.randrange(len(required))
            touched = done + 1 if done == 0 or rng.random() < 0.7 else done
        start = enrolment.enrolled_at
        span = (end - start) / touched
        best_scores = []
        for position, step in enumerate(required[:touched]):
            started_at = start + span * position + between(rng, MINUTE, span / 4)
            completed_at = None
            if position < done:
                # The last one exactly at `end`: the completion is stamped with it.
                completed_at = (
                    end if position == touched - 1 else start + span * (position + 1)
                )
            quiz = course.quizzes.get(step.pk)
            if quiz is not None:
                best = self.add_attempts(
                    rng,
                    enrolment,
                    quiz,
                    started_at,
                    completed_at or end,
                    batch,
                    passed=completed_at is not None,
                )
                if best is not None:
                    best_scores.append(best)
            batch.steps.append(
                StepProgress(
                    enrolment=enrolment,
                    step_key=step.translation_key,
                    started_at=started_at,
                    last_visited_at=completed_at or end,
                    completed_at=completed_at,
                )
            )
        if progress == COMPLETED:
            for step in course.optional:
                if rng.random() < 0.5:
                    visited = between(rng, start, end)
                    batch.steps.append(
                        StepProgress(
                            enrolment=enrolment,
                            step_key=step.translation_key,
                            started_at=visited,
                            last_visited_at=visited,
                            completed_at=visited,
                        )
                    )
            self.add_completion(rng, enrolment, course, end, best_scores, batch)
        return end

    def add_attempts(self, rng, enrolment, quiz, started_at, end, batch, passed):
        """Submitted attempts at a quiz between `started_at` and `end`: failed
        ones, then (when the step was `passed`) the passing one, finished when the
        step was completed. Returns the best score, or None without attempts."""
        failing = [k for k, o in quiz.outcomes.items() if not o[3]]
        passing = [k for k, o in quiz.outcomes.items() if o[3]]
        failed = rng.choice((0, 0, 1, 1, 2)) if passed else rng.choice((0, 1, 2))
        rights = [rng.choice(failing) for _ in range(failed)]
        if passed:
            rights.append(rng.choice(passing))
        if not rights:
            return None
        span = (end - started_at) / len(rights)
        limit = quiz.page.time_limit_minutes
        for number, right in enumerate(rights, start=1):
            answers, results, score, is_pass = quiz.outcomes[right]
            finished_at = end if number == len(rights) else started_at + span * number
            began = finished_at - min(between(rng, 3 * MINUTE, 15 * MINUTE), span)
            batch.attempts.append(
                Attempt(
                    learner=enrolment.learner,
                    quiz=quiz.page,
                    quiz_key=quiz.page.translation_key,
                    number=number,
                    status=AttemptStatus.SUBMITTED,
                    started_at=began,
                    deadline=began + limit * MINUTE if limit else None,
                    finished_at=finished_at,
                    questions=quiz.questions,
                    answers=answers,
                    results=results,
                    score=score,
                    passed=is_pass,
                )
            )
        return max(quiz.outcomes[right][2] for right in rights)

    def add_completion(self, rng, enrolment, course, completed_at, best, batch):
        score = None
        if course.quizzes:
            # The mean of the best score on each required quiz.
            score = (sum(best, Decimal(0)) / len(course.quizzes)).quantize(
                Decimal("0.01"), ROUND_HALF_UP
            )
        completion = CourseCompletion(
            enrolment=enrolment,
            completed_at=completed_at,
            score=score,
            hours=course.hours,
        )
        batch.completions.append(completion)
        if rng.random() < CERTIFICATE_SHARE:
            self.add_certificate(rng, completion, course, batch)

    def add_certificate(self, rng, completion, course, batch):
        learner = completion.enrolment.learner
        issued_at = completion.completed_at + between(rng, MINUTE, 10 * MINUTE)
        certificate = Certificate(
            completion=completion,
            code=new_code(),
            template=course.template,
            name_printed=learner.full_name,
            course_title=course.page.title,
            language=learner.preferred_language,
            completed_at=completion.completed_at,
            hours=completion.hours,
            score=completion.score,
            expires_at=expiry_for(course.page, completion.completed_at),
            issued_at=issued_at,
        )
        if rng.random() < REVOKED_SHARE:
            certificate.status = CertificateStatus.REVOKED
            certificate.revoked_at = between(rng, issued_at, self.now)
            certificate.revoke_reason = rng.choice(REVOKE_REASONS)
            self.counts["certificates revoked"] += 1
        elif certificate.expires_at:
            # The reminders a running platform would have sent by now.
            certificate.expiry_reminders_sent = {
                str(days): (certificate.expires_at - days * DAY).isoformat()
                for days in self.expiry_reminder_days
                if certificate.expires_at - days * DAY <= self.now
            }
            self.counts["certificates that expire"] += 1
        batch.certificates.append(certificate)

    def stamp_reminders(self, enrolment):
        """An open assignment has had the reminders a running platform would have
        sent by now, so that the next reminder run does not send them all."""
        due_at, now = enrolment.due_at, self.now
        if due_at - self.due_window <= now:
            enrolment.due_reminder_sent_at = max(
                due_at - self.due_window, enrolment.enrolled_at
            )
        if due_at <= now:
            enrolment.overdue_reminder_sent_at = min(due_at + HOUR, now)


def insert(batch):
    """Write a batch, parents first (`bulk_create` sets their ids on the objects,
    which their children then refer to). Returns the rows written per kind."""
    tables = [
        ("learners", get_user_model(), batch.users),
        ("enrolments", Enrolment, batch.enrolments),
        ("step progress", StepProgress, batch.steps),
        ("attempts", Attempt, batch.attempts),
        ("completions", CourseCompletion, batch.completions),
        ("certificates", Certificate, batch.certificates),
    ]
    for _name, model, rows in tables:
        model.objects.bulk_create(rows, batch_size=INSERT_BATCH)
    return Counter({name: len(rows) for name, _model, rows in tables})


# Entry points ----------------------------------------------------------------------


def existing_learner_numbers():
    numbers = set()
    emails = load_learners().filter(email__startswith=EMAIL_PREFIX)
    for email in emails.values_list("email", flat=True).iterator():
        local = email.split("@")[0].removeprefix(EMAIL_PREFIX)
        if local.isdigit():
            numbers.add(int(local))
    return numbers


def seed_load(learners, courses, *, seed=DEFAULT_SEED, now=None, log=print):
    """Make sure learners 1..`learners` and courses 1..`courses` exist, adding only
    what is missing. Returns the counts of what was added."""
    started = time.monotonic()
    now = now or timezone.now()
    counts = Counter()
    missing = sorted(set(range(1, learners + 1)) - existing_learner_numbers())
    if not missing:
        log(
            f"All {learners:,} synthetic learners exist already: nothing to add "
            "(--reset deletes them)."
        )
        return counts
    counts["organisations"] = import_organisations()
    plans = ensure_courses(courses, log)
    factory = LearnerFactory(
        seed=seed,
        courses=plans,
        organisations=Organisation.objects.order_by("acronym"),
        # One hash for everyone: hashing 100,000 passwords would take hours.
        password=make_password(LOAD_PASSWORD),
        enrolled_by=get_user_model()
        .objects.filter(is_superuser=True)
        .order_by("pk")
        .first(),
        now=now,
    )
    for start in range(0, len(missing), BATCH_SIZE):
        batch = Batch()
        for number in missing[start : start + BATCH_SIZE]:
            factory.add(number, batch)
        with transaction.atomic():
            counts.update(insert(batch))
        reset_queries()  # with DEBUG on, Django keeps every query's SQL
        log(
            f"  {counts['learners']:,} / {len(missing):,} learners "
            f"({time.monotonic() - started:.1f} s)"
        )
    counts.update(factory.counts)
    refresh_planner_statistics()
    return counts


def refresh_planner_statistics():
    """PostgreSQL plans with row estimates that a bulk load leaves stale (it
    guessed 85,000 enrolments among 148,000) until autovacuum comes by."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def delete_in_chunks(queryset, chunk=BATCH_SIZE):
    """Delete through Django's collector (so cascades run) a chunk at a time, to
    keep memory modest."""
    deleted = 0
    model = queryset.model
    while ids := list(queryset.values_list("pk", flat=True)[:chunk]):
        deleted += (
            model.objects.filter(pk__in=ids).delete()[1].get(model._meta.label, 0)
        )
    return deleted


@transaction.atomic
def reset_load(log=print):
    """Delete the synthetic learners (with everything of theirs), courses and
    questions; nothing else. Returns the counts deleted."""
    learners = load_learners()
    counts = Counter()
    counts["certificates"] = delete_in_chunks(
        Certificate.objects.filter(completion__enrolment__learner__in=learners)
    )
    counts["learners"] = delete_in_chunks(learners)
    for course in CoursePage.objects.filter(slug__startswith=COURSE_SLUG_PREFIX):
        course.delete()
        counts["courses"] += 1
    counts["questions"] = (
        Question.objects.filter(title__startswith=QUESTION_TITLE_PREFIX)
        .exclude(pk__in=QuizQuestion.objects.values("question"))
        .delete()[1]
        .get(Question._meta.label, 0)
    )
    log(
        "Deleted {learners:,} synthetic learners (with their enrolments, progress, "
        "attempts and completions), {certificates:,} certificates, {courses} "
        "courses and {questions} questions.".format(**counts)
    )
    return counts
