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
    CharField,
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
from django.db.models.functions import Coalesce, RowNumber
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
    in every language (an attempt is at one translation): two queries."""
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


def course_quizzes(course):
    """The quizzes of one course (pages one level below any translation of it),
    in the course's order, titled in the default language where they have one:
    one query."""
    default_locale = Locale.get_default()
    parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
    pages = QuizPage.objects.filter(
        Exists(CoursePage.objects.filter(translation_key=course.key, path=parent_path))
    ).values_list("translation_key", "title", "pk", "locale_id", "path")
    in_order = sorted(pages, key=lambda row: (row[3] != default_locale.pk, row[4]))
    quizzes = {}
    for key, title, pk, _locale_id, _path in in_order:
        if key not in quizzes:
            quizzes[key] = Quiz(key, title)
        quizzes[key].page_ids.append(pk)
    return list(quizzes.values())
