"""Item statistics for authors: how each question of a quiz performed.

Computed from finished attempts' frozen questions, so a question keeps its
statistics across edits (its id is its identity) and a choice is counted by id;
the translations of a question or choice (which share its translation key) count
as one, whatever language the attempt was in."""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Case, When
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from .models import Attempt


@dataclass
class ChoiceStats:
    text: str
    correct: bool
    picked: int = 0


@dataclass
class QuestionStats:
    question_id: int
    prompt: str
    type: str
    answered: int = 0
    fraction_total: Decimal = Decimal(0)
    fully_right: int = 0
    choices: dict = field(default_factory=dict)

    @property
    def percent_correct(self):
        return round(100 * self.fully_right / self.answered) if self.answered else None

    @property
    def mean_score(self):
        if not self.answered:
            return None
        return round(100 * self.fraction_total / self.answered)


@dataclass
class QuizStats:
    attempts: int
    mean_score: Decimal | None
    pass_rate: int | None
    questions: list


def quiz_statistics(quiz):
    # Attempts on this very page first: a question is shown in the page's language.
    finished = (
        Attempt.objects.for_quiz(quiz)
        .finished()
        .order_by(Case(When(quiz=quiz, then=0), default=1))
    )
    questions = {}
    scores = []
    passed = 0
    rows = finished.values_list("questions", "answers", "results", "score", "passed")
    for frozen, answers, results, score, did_pass in rows.iterator(chunk_size=500):
        scores.append(score)
        passed += bool(did_pass)
        for question in frozen:
            stats = questions.setdefault(
                question.get("key", question["id"]),
                QuestionStats(question["id"], question["prompt"], question["type"]),
            )
            key = str(question["id"])
            fraction = Decimal(results.get(key, "0"))
            stats.answered += 1
            stats.fraction_total += fraction
            stats.fully_right += fraction == 1
            answer = answers.get(key)
            picked = set(answer if isinstance(answer, list) else [answer])
            for choice in question["choices"]:
                choice_stats = stats.choices.setdefault(
                    choice.get("key", choice["id"]),
                    ChoiceStats(choice["text"], choice["correct"]),
                )
                choice_stats.picked += choice["token"] in picked
    count = len(scores)
    return QuizStats(
        attempts=count,
        mean_score=round(sum(scores) / count, 1) if count else None,
        pass_rate=round(100 * passed / count) if count else None,
        questions=list(questions.values()),
    )


def statistics_rows(stats):
    """Flat rows for CSV: one per question, then one per choice."""
    yield [
        _("question id"),
        _("type"),
        _("question / choice"),
        _("answered"),
        # xgettext:no-python-format
        _("% correct"),
        # xgettext:no-python-format
        _("mean score %"),
        _("times picked"),
        _("correct choice"),
    ]
    for question in stats.questions:
        yield [
            question.question_id,
            question.type,
            strip_tags(question.prompt).strip(),
            question.answered,
            question.percent_correct,
            question.mean_score,
            "",
            "",
        ]
        for choice in question.choices.values():
            yield [
                "",
                "",
                choice.text,
                "",
                "",
                "",
                choice.picked,
                "yes" if choice.correct else "no",
            ]
