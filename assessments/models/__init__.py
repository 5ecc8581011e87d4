from .attempts import Attempt, AttemptStatus
from .questions import CHOICE_TYPES, Choice, Question, QuestionTag, QuestionType
from .quizzes import QuizDraw, QuizPage, QuizQuestion, ReviewPolicy

__all__ = [
    "CHOICE_TYPES",
    "Attempt",
    "AttemptStatus",
    "Choice",
    "Question",
    "QuestionTag",
    "QuestionType",
    "QuizDraw",
    "QuizPage",
    "QuizQuestion",
    "ReviewPolicy",
]
