from .attempts import Attempt, AttemptStatus
from .overrides import ExtraAttempts, ExtraTime
from .questions import CHOICE_TYPES, Choice, Question, QuestionTag, QuestionType
from .quizzes import QuizDraw, QuizPage, QuizQuestion, ReviewPolicy

__all__ = [
    "CHOICE_TYPES",
    "Attempt",
    "AttemptStatus",
    "Choice",
    "ExtraAttempts",
    "ExtraTime",
    "Question",
    "QuestionTag",
    "QuestionType",
    "QuizDraw",
    "QuizPage",
    "QuizQuestion",
    "ReviewPolicy",
]
