"""Translating test content the way an author does, through wagtail-localize:
each string of the source gets a stand-in translation ("[fr] ..."), then the
translation is saved (and published)."""

from django.test import TestCase
from wagtail.models import Locale
from wagtail_localize.operations import TranslationCreator

from learning.demo.french import fill_translation


def in_french(text):
    return f"[fr] {text}"


def translate(*objects, language="fr", words=in_french, publish=True):
    """Translate pages (parents first) or snippets, with the questions their
    quizzes use. Returns the target locale."""
    locale, _ = Locale.objects.get_or_create(language_code=language)
    creator = TranslationCreator(None, [locale])
    for instance in objects:
        creator.create_translations(getattr(instance, "specific", instance))
    # wagtail-localize publishes once the transaction commits; a test's never does.
    with TestCase.captureOnCommitCallbacks(execute=True):
        for translations in creator.mappings.values():
            for translation in translations:
                fill_translation(translation, words)
                translation.save_target(publish=publish)
    return locale


def make_course_with_quiz(title="Data governance", modules=2, second=None, **quiz):
    """A course of `modules` modules and a quiz of a single-choice question and a
    second one (numeric unless said), in English."""
    from assessments.models import QuestionType
    from tests.assessments.factories import make_question, make_quiz
    from tests.factories import make_course

    course = make_course(title, modules=modules)
    make_quiz(
        course,
        questions=[
            make_question(QuestionType.SINGLE_CHOICE, prompt="<p>Which one?</p>"),
            make_question(second or QuestionType.NUMERIC, prompt="<p>How many?</p>"),
        ],
        **quiz,
    )
    return course
