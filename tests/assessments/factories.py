from decimal import Decimal

from assessments.models import (
    Choice,
    Question,
    QuestionType,
    QuizDraw,
    QuizPage,
    QuizQuestion,
)
from tests.factories import make_course, publish


def make_question(question_type=QuestionType.SINGLE_CHOICE, choices=None, **fields):
    defaults = {
        QuestionType.SINGLE_CHOICE: {},
        QuestionType.MULTIPLE_RESPONSE: {},
        QuestionType.TRUE_FALSE: {"true_false_answer": True},
        QuestionType.NUMERIC: {"numeric_answer": Decimal(42)},
        QuestionType.SHORT_TEXT: {"accepted_answers": "Interoperability"},
    }[question_type]
    if choices is None and question_type == QuestionType.SINGLE_CHOICE:
        choices = [("Right", True), ("Wrong", False), ("Also wrong", False)]
    if choices is None and question_type == QuestionType.MULTIPLE_RESPONSE:
        choices = [("A", True), ("B", True), ("C", False)]
    topics = fields.pop("topics", ())
    question = Question(
        title=fields.pop("title", f"A {question_type} question"),
        question_type=question_type,
        prompt=fields.pop("prompt", "<p>What is it?</p>"),
        **{**defaults, **fields},
    )
    question.choices = [Choice(text=text, is_correct=ok) for text, ok in choices or ()]
    question.tags.add(*topics)
    question.save()
    return question


def make_quiz(
    course=None, questions=(), draws=(), title="Check your understanding", **fields
):
    course = course or make_course()
    quiz = QuizPage(title=title, **fields)
    quiz.quiz_questions = [QuizQuestion(question=q) for q in questions]
    quiz.draws = [QuizDraw(tag=tag, count=count) for tag, count in draws]
    course.add_child(instance=quiz)
    return publish(quiz)


def token_of(attempt, question, text):
    """The attempt's opaque token for the choice with this text."""
    item = next(q for q in attempt.questions if q["id"] == question.pk)
    return next(c["token"] for c in item["choices"] if c["text"] == text)
