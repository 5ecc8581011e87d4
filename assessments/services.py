"""Starting, answering and submitting quiz attempts. Scoring happens here only."""

import random
import secrets
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale

from .models import CHOICE_TYPES, Attempt, AttemptStatus, Question, QuestionType
from .scoring import parse_number, score_response
from .signals import attempt_finished

MAX_TEXT_ANSWER = 500


class AttemptError(Exception):
    """A request the attempt cannot take; the message is for the learner."""


class NoAttemptsLeft(AttemptError):
    pass


class AttemptFinished(AttemptError):
    pass


class InvalidAnswer(AttemptError):
    pass


def grace():
    return timedelta(seconds=settings.QUIZ_SUBMIT_GRACE_SECONDS)


def draw_questions(quiz, rng):
    """The quiz's fixed questions, then each draw's random picks from the bank
    (never a question twice), each in the quiz's language where it is translated.
    Questions are drawn by translation key, so every language draws from the same
    pool."""
    # In the quiz's order; then by id, for rows saved without one (seeds, tests).
    fixed = list(
        quiz.quiz_questions.order_by("sort_order", "pk").values_list(
            "question__translation_key", flat=True
        )
    )
    chosen = set(fixed)
    drawn = []
    for draw in quiz.draws.all():
        pool = sorted(
            set(
                Question.objects.filter(tags=draw.tag_id)
                .exclude(translation_key__in=chosen)
                .values_list("translation_key", flat=True)
            ),
            key=str,
        )
        picks = rng.sample(pool, min(draw.count, len(pool)))
        chosen.update(picks)
        drawn.extend(picks)
    return questions_in_language(fixed + drawn, quiz.locale_id)


def questions_in_language(keys, locale_id):
    """The question of each translation key in that locale, else in the default
    locale (an untranslated question is asked in the source language)."""
    default_locale_id = Locale.get_default().pk
    preference = {locale_id: 0, default_locale_id: 1}
    best = {}
    for question in Question.objects.filter(translation_key__in=keys).prefetch_related(
        "choices"
    ):
        rank = preference.get(question.locale_id, 2)
        if (
            question.translation_key not in best
            or rank < best[question.translation_key][0]
        ):
            best[question.translation_key] = (rank, question)
    return [best[key][1] for key in keys if key in best]


def freeze_for_attempt(questions, quiz, rng):
    frozen = []
    for question in questions:
        item = question.freeze()
        for choice in item["choices"]:
            # Opaque per-attempt tokens: nothing in an id hints at the right choice.
            choice["token"] = secrets.token_urlsafe(9)
        if quiz.shuffle_choices:
            rng.shuffle(item["choices"])
        frozen.append(item)
    if quiz.shuffle_questions:
        rng.shuffle(frozen)
    return frozen


def start_attempt(quiz, learner, *, now, rng=None):
    """The learner's open attempt at this quiz, started now if there is none."""
    rng = rng or random.SystemRandom()
    with transaction.atomic():
        # One query tells whether one is open and numbers the next.
        statuses = dict(
            Attempt.objects.for_learner(learner, quiz).values_list("pk", "status")
        )
        for pk, status in statuses.items():
            if status == AttemptStatus.OPEN:
                return Attempt.objects.get(pk=pk)
        left = quiz.attempts_left(learner)
        if left == 0:
            raise NoAttemptsLeft(_("You have used all the attempts at this quiz."))
        number = len(statuses) + 1
        questions = freeze_for_attempt(draw_questions(quiz, rng), quiz, rng)
        time_limit = quiz.time_limit_for(learner)
        deadline = now + time_limit if time_limit else None
        try:
            with transaction.atomic():
                return Attempt.objects.create(
                    learner=learner,
                    quiz=quiz,
                    quiz_key=quiz.translation_key,
                    number=number,
                    started_at=now,
                    deadline=deadline,
                    questions=questions,
                )
        except IntegrityError:
            # Another request started one at the same moment: that one is the attempt.
            pass
    return Attempt.objects.for_learner(learner, quiz).open().get()


def clean_answers(attempt, raw):
    """Check answers against the attempt's own questions. `raw` maps question ids
    (as text) to a token, a list of tokens, or text. Returns them normalised."""
    questions = {str(q["id"]): q for q in attempt.questions}
    cleaned = {}
    for key, value in raw.items():
        question = questions.get(str(key))
        if question is None:
            raise InvalidAnswer(_("That question is not part of this attempt."))
        position = attempt.questions.index(question) + 1
        cleaned[str(key)] = clean_answer(question, value, position)
    return cleaned


def clean_answer(question, value, position):
    kind = question["type"]
    if kind in CHOICE_TYPES:
        tokens = {choice["token"] for choice in question["choices"]}
        picked = value if isinstance(value, list) else [value]
        if not all(isinstance(token, str) and token in tokens for token in picked):
            raise InvalidAnswer(
                _("Question %(n)s: that choice does not belong to it.")
                % {"n": position}
            )
        if kind == QuestionType.SINGLE_CHOICE:
            if len(picked) != 1:
                raise InvalidAnswer(
                    _("Question %(n)s: pick one choice.") % {"n": position}
                )
            return picked[0]
        return sorted(set(picked))
    if kind == QuestionType.TRUE_FALSE:
        if value not in ("true", "false"):
            raise InvalidAnswer(
                _("Question %(n)s: answer true or false.") % {"n": position}
            )
        return value
    if not isinstance(value, str) or len(value) > MAX_TEXT_ANSWER:
        raise InvalidAnswer(
            _("Question %(n)s: the answer is too long.") % {"n": position}
        )
    if "\x00" in value:
        raise InvalidAnswer(
            _("Question %(n)s: the answer has a character that cannot be stored.")
            % {"n": position}
        )
    if kind == QuestionType.NUMERIC and value.strip() and parse_number(value) is None:
        raise InvalidAnswer(_("Question %(n)s: enter a number.") % {"n": position})
    return value.strip()


def score_attempt(attempt):
    """Fill in per-question results, the percentage score and pass/fail."""
    earned = total = Decimal(0)
    results = {}
    for question in attempt.questions:
        key = str(question["id"])
        fraction = score_response(
            question, scoring_value(question, attempt.answers.get(key))
        )
        results[key] = str(fraction)
        earned += fraction * question["points"]
        total += question["points"]
    attempt.results = results
    attempt.score = (
        (earned * 100 / total).quantize(Decimal("0.01"), ROUND_HALF_UP)
        if total
        else Decimal(100)
    )
    attempt.passed = attempt.score >= attempt.quiz.pass_mark


def scoring_value(question, answer):
    """A stored answer (tokens, 'true'/'false', text) as the scoring rules take it."""
    if answer is None:
        return None
    kind = question["type"]
    if kind in CHOICE_TYPES:
        ids = {choice["token"]: choice["id"] for choice in question["choices"]}
        if kind == QuestionType.SINGLE_CHOICE:
            return ids.get(answer)
        return [ids[token] for token in answer if token in ids]
    if kind == QuestionType.TRUE_FALSE:
        return answer == "true"
    return answer


def lock_attempt(attempt_id, learner):
    attempt = (
        Attempt.objects.select_for_update()
        .select_related("quiz")
        .get(pk=attempt_id, learner=learner)
    )
    return attempt


def announce_finished(attempt):
    transaction.on_commit(
        lambda: attempt_finished.send(
            sender=Attempt, attempt_id=attempt.pk, attempt=attempt
        )
    )


def expire_if_late(attempt, now):
    """Close an attempt past its deadline (and the grace period) as it stood then."""
    if attempt.is_open and attempt.deadline and now > attempt.deadline + grace():
        score_attempt(attempt)
        attempt.status = AttemptStatus.EXPIRED
        attempt.finished_at = attempt.deadline
        announce_finished(attempt)
        attempt.save(
            update_fields=["status", "finished_at", "results", "score", "passed"]
        )
        return True
    return False


def change_open_attempt(attempt_id, learner, now, change, *, finished, expired):
    """Lock the learner's attempt and apply `change` if it is still open. Past its
    deadline, close it as it stood then, commit that, and refuse."""
    with transaction.atomic():
        attempt = lock_attempt(attempt_id, learner)
        if not expire_if_late(attempt, now):
            if not attempt.is_open:
                raise AttemptFinished(finished)
            change(attempt)
            return attempt
    # Raised after the commit, so that closing the attempt is kept.
    raise AttemptFinished(expired)


def save_answers(attempt_id, learner, raw_answers, *, now):
    """Keep the learner's answers so far (autosave, page change)."""

    def keep_answers(attempt):
        attempt.answers = {**attempt.answers, **clean_answers(attempt, raw_answers)}
        attempt.save(update_fields=["answers"])

    return change_open_attempt(
        attempt_id,
        learner,
        now,
        keep_answers,
        finished=_("This attempt has already been submitted."),
        expired=_("The time limit has passed; this attempt is closed."),
    )


def submit_attempt(attempt_id, learner, raw_answers, *, now):
    """Record the final answers and score them. A second submit changes nothing."""

    def submit(attempt):
        attempt.answers = {**attempt.answers, **clean_answers(attempt, raw_answers)}
        score_attempt(attempt)
        attempt.status = AttemptStatus.SUBMITTED
        attempt.finished_at = now
        announce_finished(attempt)
        attempt.save(
            update_fields=[
                "answers",
                "results",
                "score",
                "passed",
                "status",
                "finished_at",
            ]
        )

    return change_open_attempt(
        attempt_id,
        learner,
        now,
        submit,
        finished=_("This attempt was already submitted."),
        expired=_(
            "The time limit had passed: the attempt was scored as it stood then."
        ),
    )


def close_expired_attempts(*, now):
    """For the periodic task: close abandoned timed attempts. Returns how many."""
    closed = 0
    late = Attempt.objects.open().filter(deadline__lt=now - grace())
    for attempt_id in late.values_list("pk", flat=True):
        with transaction.atomic():
            attempt = (
                Attempt.objects.select_for_update()
                .select_related("quiz")
                .get(pk=attempt_id)
            )
            closed += expire_if_late(attempt, now)
    return closed


@transaction.atomic
def reopen_attempt(attempt, *, by, now):
    """Let the learner continue a finished attempt; a timed one gets its full time
    again from now. Recorded in the audit log."""
    attempt = (
        Attempt.objects.select_for_update().select_related("quiz").get(pk=attempt.pk)
    )
    if attempt.is_open:
        raise AttemptError(_("This attempt is already open."))
    if Attempt.objects.for_learner(attempt.learner, attempt.quiz).open().exists():
        raise AttemptError(_("The learner has another attempt open at this quiz."))
    previous = {"status": attempt.status, "score": str(attempt.score)}
    time_limit = attempt.quiz.time_limit_for(attempt.learner)
    attempt.status = AttemptStatus.OPEN
    attempt.finished_at = None
    attempt.results = {}
    attempt.score = attempt.passed = None
    attempt.deadline = now + time_limit if time_limit else None
    attempt.save(
        update_fields=[
            "status",
            "finished_at",
            "results",
            "score",
            "passed",
            "deadline",
        ]
    )
    log(attempt, "assessments.reopen_attempt", user=by, data=previous)
    return attempt


@transaction.atomic
def reset_attempt(attempt, *, by):
    """Void an attempt: it no longer counts towards the limit or the best score, and
    stays on record. Recorded in the audit log."""
    attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
    previous = {"status": attempt.status, "score": str(attempt.score)}
    attempt.status = AttemptStatus.VOIDED
    attempt.save(update_fields=["status"])
    log(attempt, "assessments.reset_attempt", user=by, data=previous)
    return attempt
