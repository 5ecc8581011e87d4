"""Course summaries: for each course, and for each organisation within a course,
how many learners are enrolled, active, in progress, completed or overdue, how
long they take to complete, and how they do on each quiz. The database does the
counting (GROUP BY with conditional counts) over the enrolments the viewer may
report on, in a fixed number of queries whatever their number. No figure names
a learner.

What the figures mean (the pages say it too):

- Each enrolment has the status the completion report gives it (the current
  cycle's completion first, then withdrawn, overdue, in progress, not started).
- Enrolled: enrolments not withdrawn or removed. Those are shown apart and count
  neither in Enrolled nor in the completion rate, so a learner who left and
  enrolled again counts once; one who completed and then left still counts as
  completed.
- Completion rate: completed / enrolled.
- Active (last 30 days): enrolled, and a step visited or an attempt at one of
  the course's quizzes started in the last 30 days.
- Median days to complete: over the current cycle's completions, from the
  enrolment (or from the start of a re-certification cycle) to the completion.
- Quizzes: finished attempts (submitted, or closed at the time limit), of any
  cycle, by learners with an enrolment in the course in the viewer's scope.
  Pass rate: learners with a passing attempt / learners with a finished attempt.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    FilteredRelation,
    OuterRef,
    Q,
    Sum,
    UUIDField,
    Value,
    When,
    Window,
)
from django.db.models.functions import Coalesce, Length, RowNumber, Substr
from django.utils.translation import gettext_lazy as _
from wagtail.models import Locale, Page

from assessments.models import Attempt, QuizPage
from courses.models import CoursePage
from learning.accounts.models import Organisation
from learning.progress.models import EnrolmentStatus, StepProgress

from .completion import RowStatus
from .scope import enrolments_in_report_scope

ACTIVE_DAYS = 30
NO_ORGANISATION = _("No organisation")
ONE_DECIMAL = Decimal("0.1")


def one_decimal(value):
    return Decimal(value).quantize(ONE_DECIMAL, ROUND_HALF_UP)


def percent(part, whole):
    return one_decimal(Decimal(100) * part / whole) if whole else None


# The figures


@dataclass
class Figures:
    """The enrolment figures of a course, or of an organisation in a course."""

    enrolled: int = 0
    active: int = 0
    not_started: int = 0
    in_progress: int = 0
    overdue: int = 0
    completed: int = 0
    withdrawn: int = 0
    median_days: Decimal | None = None

    COUNTS = (
        "enrolled",
        "active",
        "not_started",
        "in_progress",
        "overdue",
        "completed",
        "withdrawn",
    )

    @property
    def completion_rate(self):
        return percent(self.completed, self.enrolled)

    def add(self, other):
        for name in self.COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass
class QuizFigures:
    """Finished attempts at a quiz (every translation of it)."""

    attempts: int = 0
    learners: int = 0  # with a finished attempt
    passed: int = 0  # learners with a passing attempt
    score_total: Decimal = Decimal(0)
    scored: int = 0  # attempts with a score

    @property
    def average_score(self):
        return one_decimal(self.score_total / self.scored) if self.scored else None

    @property
    def pass_rate(self):
        return percent(self.passed, self.learners)

    def add(self, other):
        # Each learner belongs to one organisation: the organisations' learner
        # counts add up to the quiz's.
        self.attempts += other.attempts
        self.learners += other.learners
        self.passed += other.passed
        self.score_total += other.score_total
        self.scored += other.scored


@dataclass(frozen=True)
class OrganisationKey:
    pk: int | None
    acronym: str = ""
    name: str = ""

    @property
    def label(self):
        return f"{self.acronym} – {self.name}" if self.pk else str(NO_ORGANISATION)

    @property
    def short_label(self):
        return self.acronym if self.pk else str(NO_ORGANISATION)

    @property
    def sort_key(self):
        return (self.pk is None, self.acronym.casefold())


@dataclass
class Quiz:
    key: object  # the translation key every translation shares
    title: str
    page_ids: list = field(default_factory=list)
    figures: QuizFigures = field(default_factory=QuizFigures)
    by_organisation: dict = field(default_factory=dict)


@dataclass
class Course:
    key: object
    title: str
    pk: int | None  # the page in the default locale (None: not translated yet)
    quiz_ids: list = field(default_factory=list)  # quiz pages, every language
    figures: Figures = field(default_factory=Figures)


# The courses and their quizzes


def course_catalogue(topic=None):
    """Every course once, keyed on its translation key, titled in the default
    language where it has one, ordered by title, with the ids of its quiz pages
    in every language (an attempt is at one translation): three queries."""
    default_locale = Locale.get_default()
    pages = CoursePage.objects.order_by("path").values_list(
        "translation_key", "title", "pk", "path", "locale_id"
    )
    if topic is not None:
        keys = CoursePage.objects.filter(tags=topic).values("translation_key")
        pages = pages.filter(translation_key__in=keys)
    courses = {}
    key_by_path = {}
    for key, title, pk, path, locale_id in pages:
        in_default = locale_id == default_locale.pk
        if key not in courses:
            courses[key] = Course(key, title, pk if in_default else None)
        elif in_default:
            courses[key].title, courses[key].pk = title, pk
        key_by_path[path] = key
    if courses:
        quiz_ids = QuizPage.objects.values_list("pk", "path")
        for pk, path in quiz_ids:
            if key := key_by_path.get(path[: -Page.steplen]):
                courses[key].quiz_ids.append(pk)
    return sorted(courses.values(), key=lambda course: course.title.casefold())


def course_quizzes(course_key, default_locale_id):
    """The quizzes of one course (pages one level below any translation of it),
    in the course's order, titled in the default language where they have one:
    one query."""
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    pages = QuizPage.objects.filter(
        Exists(CoursePage.objects.filter(translation_key=course_key, path=parent_path))
    ).values_list("translation_key", "title", "pk", "locale_id", "path")
    in_order = sorted(pages, key=lambda row: (row[3] != default_locale_id, row[4]))
    quizzes = {}
    for key, title, pk, _locale_id, _path in in_order:
        if key not in quizzes:
            quizzes[key] = Quiz(key, title)
        quizzes[key].page_ids.append(pk)
    return list(quizzes.values())


# The enrolments counted and their status

ORGANISATION_FIELDS = [
    "learner__organisation_id",
    "learner__organisation__acronym",
    "learner__organisation__name",
]


def summary_enrolments(user, organisation=None):
    """The enrolments the user may report on; only those of `organisation` and
    the organisations below it when one is given (the caller checks that it is
    in the user's scope)."""
    enrolments = enrolments_in_report_scope(user)
    if organisation is not None:
        below = Organisation.objects.filter(pk=organisation.pk).with_descendants()
        enrolments = enrolments.filter(learner__organisation__in=below)
    return enrolments


def with_current_completion(enrolments):
    return enrolments.annotate(
        current_completion=FilteredRelation(
            "completions", condition=Q(completions__cycle=F("cycle"))
        )
    )


def status_conditions(now):
    """The completion report's statuses (completion.completion_rows: the current
    cycle's completion first, then withdrawn, overdue, in progress, not started)
    as conditions on an enrolment with its current completion. Each count tests
    only what it needs, where a CASE would be repeated in every count."""
    started = StepProgress.objects.filter(
        enrolment=OuterRef("pk"), cycle=OuterRef("cycle")
    )
    completed = Q(current_completion__isnull=False)
    still_open = ~completed & Q(status=EnrolmentStatus.ACTIVE)
    return {
        RowStatus.COMPLETED: completed,
        RowStatus.WITHDRAWN: ~completed & ~Q(status=EnrolmentStatus.ACTIVE),
        RowStatus.OVERDUE: still_open & Q(due_at__lt=now),
        RowStatus.IN_PROGRESS: still_open & ~Q(due_at__lt=now) & Q(Exists(started)),
    }


def recently_active(courses, *, since):
    """A step of the enrolment visited since `since`, or an attempt started since
    then at a quiz of the enrolment's course (a quiz page's course found through
    a CASE on its id, as the courses' quizzes are known)."""
    visited = StepProgress.objects.filter(
        enrolment=OuterRef("pk"), last_visited_at__gte=since
    )
    condition = Q(Exists(visited))
    whens = [
        When(quiz_id__in=course.quiz_ids, then=Value(course.key))
        for course in courses
        if course.quiz_ids
    ]
    if whens:
        attempted = (
            Attempt.objects.filter(learner=OuterRef("learner"), started_at__gte=since)
            .annotate(course_key=Case(*whens, default=None, output_field=UUIDField()))
            .filter(course_key=OuterRef("course_key"))
        )
        condition |= Q(Exists(attempted))
    return condition


def count_enrolments(enrolments, group_by, *, courses, now):
    """{group: Figures} (without medians): one query, grouped by `group_by`."""
    status = status_conditions(now)
    enrolled = ~status[RowStatus.WITHDRAWN]
    since = now - timedelta(days=ACTIVE_DAYS)
    rows = (
        with_current_completion(enrolments)
        .order_by()
        .values(*group_by)
        .annotate(
            enrolled=Count("pk", filter=enrolled),
            active=Count("pk", filter=enrolled & recently_active(courses, since=since)),
            **{key: Count("pk", filter=condition) for key, condition in status.items()},
        )
    )
    figures = {}
    for row in rows:
        counts = {name: row[name] for name in Figures.COUNTS if name in row}
        # Enrolled and not completed, overdue or in progress: not started.
        counts["not_started"] = counts["enrolled"] - sum(
            row[key]
            for key in (RowStatus.COMPLETED, RowStatus.OVERDUE, RowStatus.IN_PROGRESS)
        )
        figures[tuple(row[name] for name in group_by)] = Figures(**counts)
    return figures


def median_days(enrolments, group_by):
    """{group: median days to complete, one decimal}: one query.

    A median is not an aggregate that SQLite and PostgreSQL share (PostgreSQL has
    percentile_cont; SQLite would need a Python aggregate registered on each
    connection). Window functions are common to both: they number each group's
    durations in order, only the middle one or two rows of each group come back,
    and Python averages those. No database-specific code, and at most two rows
    per group leave the database, whatever the number of completions.
    """
    partition = [F(name) for name in group_by] or None
    duration = ExpressionWrapper(
        F("current_completion__completed_at")
        - Coalesce("cycle_started_at", "enrolled_at"),
        output_field=DurationField(),
    )
    rows = (
        with_current_completion(enrolments)
        .filter(current_completion__isnull=False)
        .annotate(duration=duration)
        .annotate(
            position=Window(
                RowNumber(),
                partition_by=partition,
                order_by=[F("duration").asc(), F("pk").asc()],
            ),
            size=Window(Count("pk"), partition_by=partition),
        )
        # 2 × position − size is 1 for the middle of an odd count, 0 and 2 for
        # the two middle rows of an even one.
        .annotate(offset=2 * F("position") - F("size"))
        .filter(offset__gte=0, offset__lte=2)
        .order_by()
        .values_list(*group_by, "duration")
    )
    middles = defaultdict(list)
    for *group, duration in rows:
        middles[tuple(group)].append(duration)
    return {
        group: one_decimal(
            Decimal(sum(values, timedelta()).total_seconds()) / len(values) / 86400
        )
        for group, values in middles.items()
    }


def organisation_of(group):
    pk, acronym, name = group
    return OrganisationKey(pk, acronym or "", name or "")


# The two pages


@dataclass
class CourseSummary:
    course: Course
    by_organisation: list  # of (OrganisationKey, Figures), by acronym
    quizzes: list  # of Quiz, in the course's order


def summarise_courses(user, *, now, organisation=None, topic=None):
    """Every course (of `topic`), one Figures each, over the user's scope (and
    `organisation`'s learners)."""
    courses = course_catalogue(topic)
    enrolments = summary_enrolments(user, organisation).filter(
        course_key__in=[course.key for course in courses]
    )
    group_by = ["course_key"]
    counts = count_enrolments(enrolments, group_by, courses=courses, now=now)
    medians = median_days(enrolments, group_by)
    for course in courses:
        course.figures = counts.get((course.key,), Figures())
        course.figures.median_days = medians.get((course.key,))
    return courses


def summarise_course(user, page, *, now, organisation=None):
    """One course: its figures, the same by organisation, and its quizzes."""
    quizzes = course_quizzes(page.translation_key, page.locale_id)
    course = Course(
        page.translation_key,
        page.title,
        page.pk,
        quiz_ids=[pk for quiz in quizzes for pk in quiz.page_ids],
    )
    enrolments = summary_enrolments(user, organisation).filter(course_key=course.key)
    counts = count_enrolments(
        enrolments, ORGANISATION_FIELDS, courses=[course], now=now
    )
    medians = median_days(enrolments, ORGANISATION_FIELDS[:1])
    by_organisation = []
    for group, figures in counts.items():
        figures.median_days = medians.get(group[:1])
        course.figures.add(figures)
        by_organisation.append((organisation_of(group), figures))
    by_organisation.sort(key=lambda pair: pair[0].sort_key)
    course.figures.median_days = median_days(enrolments, []).get(())
    count_attempts(enrolments, quizzes)
    return CourseSummary(course, by_organisation, quizzes)


def count_attempts(enrolments, quizzes):
    """Fill each quiz's figures, overall and by organisation: one query, by quiz
    (every translation together) and the learner's organisation."""
    by_key = {quiz.key: quiz for quiz in quizzes}
    page_ids = [pk for quiz in quizzes for pk in quiz.page_ids]
    if not page_ids:
        return
    rows = (
        Attempt.objects.finished()
        .filter(quiz_id__in=page_ids, learner__in=enrolments.values("learner"))
        .order_by()
        .values("quiz__translation_key", *ORGANISATION_FIELDS)
        .annotate(
            attempts=Count("pk"),
            learners=Count("learner", distinct=True),
            passed=Count("learner", distinct=True, filter=Q(passed=True)),
            score_total=Coalesce(Sum("score"), Decimal(0)),
            scored=Count("score"),
        )
    )
    for row in rows:
        quiz = by_key[row["quiz__translation_key"]]
        figures = QuizFigures(
            attempts=row["attempts"],
            learners=row["learners"],
            passed=row["passed"],
            score_total=Decimal(row["score_total"]),
            scored=row["scored"],
        )
        quiz.figures.add(figures)
        organisation = organisation_of([row[name] for name in ORGANISATION_FIELDS])
        quiz.by_organisation[organisation] = figures
    for quiz in quizzes:
        quiz.by_organisation = dict(
            sorted(quiz.by_organisation.items(), key=lambda item: item[0].sort_key)
        )
