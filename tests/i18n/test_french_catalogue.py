"""The French interface catalogue is complete and sound (issue 9): a fresh extraction
of the messages has exactly the committed catalogue's entries, each of them is
translated (not fuzzy, not empty, not the English copied over, except a few names
and words that French writes the same), keeps its placeholders and HTML tags, and the
pages a learner opens under /fr/ show the French words and none of the English ones.
"""

import re
import shutil
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup, Comment, Doctype
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import override_settings
from django.utils.translation import get_language_info
from wagtail.blocks import StreamValue
from wagtail.models import Page

from tests import programs
from tests.assessments.factories import make_question, make_quiz
from tests.factories import UserFactory, make_course

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "fr" / "LC_MESSAGES" / "django.po"

# What `make makemessages` leaves out of the extraction.
NOT_EXTRACTED = ["node_modules", "tests", "benchmarks", "media", "private", "static"]

# Names, acronyms and words that French writes exactly as English does.
SAME_IN_FRENCH = {
    "A4",
    "PDF",
    "Actions",
    "Active",
    "Code",
    "Description",
    "Document",
    "Image",
    "image",
    "logo",
    "module",
    "orientation",
    "Organisation",
    "organisation",
    "Organisations",
    "organisations",
    "Portrait",
    "Question",
    "question",
    "Questions",
    "Total",
    "Type",
    "type",
    "points",
    "%(counter)s point",
    "%(counter)s question",
    "%(minutes)s minute",
}


PLACEHOLDER = re.compile(
    r"%\([a-z_0-9]+\)[-#0 +]*\d*(?:\.\d+)?[sdif]|%[sdif]|%%|\{[a-z_0-9]*\}|__[A-Z]+__"
)
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def placeholders(text):
    return set(PLACEHOLDER.findall(text))


def tags(text):
    return sorted(TAG.findall(text))


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


@pytest.fixture(scope="module")
def catalogue():
    return polib.pofile(str(CATALOGUE))


def forms(entry):
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def test_a_fresh_extraction_has_exactly_the_catalogues_messages(catalogue, tmp_path):
    """A string marked for translation and missing from the catalogue (or one left
    there after its source went away) fails here: run `make makemessages`."""
    for program in ("xgettext", "msguniq", "msgmerge", "msgattrib"):
        programs.path(program)  # what makemessages runs
    source = tmp_path / "source"
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", *NOT_EXTRACTED)
    for name in ("learning", "courses", "assessments", "templates"):
        shutil.copytree(Path(settings.BASE_DIR) / name, source / name, ignore=skip)
    extracted_locale = tmp_path / "locale"
    with override_settings(LOCALE_PATHS=[str(extracted_locale)]):
        # The working directory is the copy: makemessages writes next to what it
        # reads, and the project's own locale/ must not be touched.
        with pytest.MonkeyPatch.context() as patch:
            patch.chdir(source)
            call_command("makemessages", locale=["fr"], verbosity=0, no_obsolete=True)
    fresh = polib.pofile(str(extracted_locale / "fr" / "LC_MESSAGES" / "django.po"))

    fresh_keys = {key(entry) for entry in fresh}
    committed_keys = {key(entry) for entry in catalogue if not entry.obsolete}
    assert len(fresh_keys) > 500  # the extraction did run over the project
    assert sorted(fresh_keys - committed_keys, key=str) == [], "not in the catalogue"
    assert sorted(committed_keys - fresh_keys, key=str) == [], "no longer in the code"


def test_the_catalogue_is_french_with_two_plural_forms(catalogue):
    assert catalogue.metadata["Language"] == "fr"
    assert catalogue.metadata["Plural-Forms"] == "nplurals=2; plural=(n > 1);"
    assert "fuzzy" not in catalogue.metadata_is_fuzzy


def test_every_entry_is_translated(catalogue):
    fuzzy = [entry.msgid for entry in catalogue if "fuzzy" in entry.flags]
    empty = [entry.msgid for entry in catalogue if not all(forms(entry))]
    copied = [
        entry.msgid
        for entry in catalogue
        if entry.msgid not in SAME_IN_FRENCH
        and (
            entry.msgstr == entry.msgid
            or (entry.msgid_plural and entry.msgstr_plural[1] == entry.msgid_plural)
        )
    ]
    plural_forms = {len(forms(entry)) for entry in catalogue if entry.msgid_plural}

    assert fuzzy == []
    assert empty == []
    assert copied == []
    assert plural_forms == {2}


def test_translations_keep_placeholders_and_tags(catalogue):
    wrong = []
    for entry in catalogue:
        if entry.msgid_plural:
            singular, plural = forms(entry)
            source = [placeholders(entry.msgid), placeholders(entry.msgid_plural)]
            ok = placeholders(singular) in source and placeholders(
                plural
            ) == placeholders(entry.msgid_plural)
            ok = ok and tags(singular) == tags(entry.msgid)
        else:
            ok = placeholders(entry.msgstr) == placeholders(entry.msgid)
            ok = ok and tags(entry.msgstr) == tags(entry.msgid)
        if not ok:
            wrong.append((entry.msgid, forms(entry)))
    assert wrong == []


# Pages under /fr/ ----------------------------------------------------------------


@pytest.fixture
def french_catalogue_compiled(catalogue, tmp_path):
    """The committed catalogue, compiled here: the test does not depend on a .mo
    file left over from an earlier `make`."""
    messages = tmp_path / "compiled" / "fr" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalogue.save_as_mofile(str(messages / "django.mo"))
    with override_settings(LOCALE_PATHS=[str(tmp_path / "compiled")]):
        yield catalogue


def squeeze(text):
    """Runs of spaces and line breaks as one space; non-breaking spaces stay."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def words(text):
    return set(re.findall(r"[^\W\d_]+", text.lower()))


def content_strings():
    """What authors and people wrote: the pages' text fields, people's names."""
    texts = set()
    for page in Page.objects.specific():
        for field in page._meta.concrete_fields:
            value = getattr(page, field.attname)
            if isinstance(value, StreamValue):
                value = str(value.render_as_block())
            if isinstance(value, str) and value:
                soup = BeautifulSoup(value, "html.parser")
                texts.add(squeeze(soup.get_text()))
                texts |= {squeeze(text) for text in soup.find_all(string=True)}
    for user in get_user_model().objects.all():
        texts |= {user.full_name, str(user)}
    return texts


def visible_strings(html):
    soup = BeautifulSoup(html, "html.parser")
    for hidden in soup(["script", "style", "template"]):
        hidden.decompose()
    strings = {
        squeeze(text)
        for text in soup.find_all(string=True)
        if not isinstance(text, Doctype | Comment)
    }
    for name in ("alt", "title", "aria-label", "placeholder"):
        strings |= {squeeze(tag[name]) for tag in soup.find_all(attrs={name: True})}
    strings |= {tag.get("value", "") for tag in soup.find_all("input", type="submit")}
    return strings - {""}


PAGES = ["catalogue", "sign-in", "dashboard", "course", "module", "quiz"]


@pytest.fixture(scope="module")
def course(module_db):
    """A course with a module and a quiz, built once for the module: its id and
    its pages' URLs."""
    course = make_course("Data governance", modules=1)
    question = make_question(choices=[("Shared services", True), ("Silos", False)])
    quiz = make_quiz(course, questions=[question], title="Governance check")
    module = course.get_children().live().exclude(pk=quiz.pk).first().specific
    return {
        "pk": course.pk,
        "url": course.url,
        "module_url": module.url,
        "quiz_url": quiz.url,
    }


@pytest.mark.django_db
@pytest.mark.parametrize("page", PAGES)
def test_pages_under_fr_show_french_and_no_english(
    client, french_catalogue_compiled, course, page
):
    if page != "sign-in":
        client.force_login(UserFactory())
        # Followed, so that its "You are enrolled" message is shown and gone.
        enrolled = client.post(f"/en/courses/{course['pk']}/enrol/", follow=True)
        assert enrolled.redirect_chain
    path = {
        "catalogue": "/",
        "sign-in": "/accounts/login/",
        "dashboard": "/my-learning/",
        "course": course["url"],
        "module": course["module_url"],
        "quiz": course["quiz_url"],
    }[page]
    path = "/" + path.lstrip("/").removeprefix("en/")  # without the language prefix

    def get(language):
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, f"/{language}{path}"
        html = response.content.decode()
        assert f'<html lang="{language}"' in html
        return visible_strings(html)

    english, french = get("en"), get("fr")
    translated = {
        entry.msgid: entry.msgstr
        for entry in french_catalogue_compiled
        if not entry.msgid_plural and not entry.msgctxt and entry.msgstr != entry.msgid
    }
    # Not interface strings: the language switcher names each language in its own
    # language ("English"), and page titles are content, translated in Wagtail.
    autonyms = [get_language_info(code)["name_local"] for code, _ in settings.LANGUAGES]
    not_chrome = {name[:1].upper() + name[1:] for name in autonyms} | set(autonyms)
    not_chrome.add("UN")  # the emblem's letters, hidden from screen readers
    not_chrome |= set(Page.objects.values_list("title", flat=True))
    chrome = {text for text in english if text in translated} - not_chrome

    assert len(chrome) >= 5  # the English page has interface strings to look for
    assert sorted(text for text in french - not_chrome if text in translated) == []
    assert {translated[text] for text in chrome} <= french

    # Text left the same in French is content (pages, people) or made only of the
    # words French writes as English does: anything else was never marked for
    # translation.
    allowed = set()
    for entry in french_catalogue_compiled:
        if entry.msgid in SAME_IN_FRENCH:
            for text in forms(entry):
                allowed |= words(PLACEHOLDER.sub("", text))
    same = english & french - not_chrome - content_strings()
    assert sorted(text for text in same if not words(text) <= allowed) == []


@pytest.mark.django_db
def test_the_sign_in_page_speaks_french_under_fr(client, french_catalogue_compiled):
    french = client.get("/fr/accounts/login/").content.decode()
    english = client.get("/en/accounts/login/").content.decode()

    assert "<h1>Se connecter</h1>" in french
    assert "Mot de passe oublié\u202f?" in french
    assert "Log in" not in french
    assert "<h1>Log in</h1>" in english
