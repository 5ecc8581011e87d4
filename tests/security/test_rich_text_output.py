"""Every author's rich text a learner sees is cleaned to what its field's editor
allows, and never evaluated as a template (issue 8).

The hostile text is stored directly in the database, as an import or a script
could, bypassing the editor. Each field is checked on the page that shows it: no
element or attribute of the payloads is live, the template syntax is shown as
typed, and the formatting the field's editor allows (bold, a link, a list; headings,
page links and images where the field's features allow them) still renders.

Pages are parsed with BeautifulSoup after removing what a browser parses as a
bogus comment (``<![CDATA[...>``, ``<?...>``): BeautifulSoup keeps a CDATA
section whole, where a browser ends it at the first ``>`` and runs what follows."""

import re

import pytest
from bs4 import BeautifulSoup
from django.db import transaction
from django.test import Client
from django.utils import timezone

from assessments.models import Choice, Question
from assessments.services import start_attempt, submit_attempt
from courses.models import CourseIndexPage, InfoPage
from courses.rich_text import features_of, sanitise
from learning.progress.services import enrol
from tests.assessments.factories import make_question, make_quiz, token_of
from tests.factories import (
    UserFactory,
    catalogue,
    make_course,
    make_image,
    make_module,
    publish,
)

pytestmark = pytest.mark.django_db

TEMPLATE_SYNTAX = "{{ 7|add:7 }} {% now 'Y' %}"
ALLOWED = (
    '<p>Allowed: <b>bold</b>, <a href="https://www.unssc.org/" target="_blank" '
    'onclick="alert(1)">a link</a>.</p>'
    "<ul><li>A list item</li></ul>"
    "<h2>A heading</h2>"
)
PAYLOADS = (
    "<script>alert(2)</script>"
    '<img src=x onerror="alert(3)">'
    '<a href="javascript:alert(4)">a javascript link</a>'
    '<a href=" java\tscript:alert(5)">a spaced javascript link</a>'
    '<a href="data:text/html,<script>alert(6)</script>">a data link</a>'
    '<iframe src="https://evil.example/"></iframe>'
    "<style>body { display: none }</style>"
    "<svg onload=alert(7)><circle/></svg>"
    "<![CDATA[><img src=x onerror=alert(8)>]]>"
    "<?php ><img src=x onerror=alert(9)> ?>"
    '<embed embedtype="media" url="javascript:alert(10)"/>'
    '<embed src="https://evil.example/x.swf">'
    '<p style="position: fixed" class="overlay" onmouseover="alert(11)">'
    f"{TEMPLATE_SYNTAX}</p>"
)
HOSTILE = ALLOWED + PAYLOADS
# Plain-text fields (feedback) are escaped, whatever they hold.
HOSTILE_TEXT = '<script>alert(12)</script>"><img src=x onerror=alert(13)> {{ 7|add:7 }}'

BOGUS_COMMENT = re.compile(r"<(?:\?|!(?!--|doctype))[^>]*>", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x20\x7f-\xa0]+")


def as_browser_parses(html):
    return BeautifulSoup(BOGUS_COMMENT.sub("", html), "html.parser")


def injected(html):
    """What the payloads made live on the page (learner pages have no on*
    attributes, inline styles, frames or embeds of their own)."""
    soup = as_browser_parses(html)
    found = [f"<script>{s.string}" for s in soup.find_all("script") if s.string]
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if name.lower().startswith("on") or name.lower() == "style":
                found.append(f"<{element.name} {name}={value}>")
            if name.lower() in ("href", "src", "url", "data"):
                url = CONTROL.sub("", str(value)).lower()
                if url.startswith(("javascript:", "data:")) or "evil.example" in url:
                    found.append(f"<{element.name} {name}={value}>")
    found += [f"<img src={img['src']}>" for img in soup.find_all("img", src="x")]
    found += [f"<{e.name}>" for e in soup.find_all(["iframe", "svg", "embed"])]
    found += [
        f"<style>{s.string}" for s in soup.find_all("style") if "display" in str(s)
    ]
    return found


def assert_rendered_safely(html, *, headings):
    assert not injected(html), injected(html)
    soup = as_browser_parses(html)
    text = soup.get_text()
    # Shown as typed, not run as a template.
    assert TEMPLATE_SYNTAX in text
    # The formatting the editor allows still renders.
    assert soup.find("b", string="bold")
    link = soup.find("a", string="a link")
    assert link is not None and link["href"] == "https://www.unssc.org/"
    assert soup.find("li", string="A list item")
    # Headings only where the field's features have them.
    assert bool(soup.find("h2", string="A heading")) is headings
    assert "A heading" in text
    # Unsafe links keep their text, not their link.
    for label in ("a javascript link", "a spaced javascript link", "a data link"):
        assert label in text
        assert soup.find("a", string=label) is None


@pytest.fixture(scope="module")
def pages(django_db_setup, django_db_blocker):
    """Every page showing an author's rich text, with hostile text in it, stored
    as it came: `update()` skips the models' own cleaning on save."""
    with django_db_blocker.unblock(), transaction.atomic():
        now = timezone.now()
        world = type("Pages", (), {})()
        world.catalogue = catalogue()
        CourseIndexPage.objects.filter(pk=world.catalogue.pk).update(intro=HOSTILE)

        world.course = make_course("Data governance", intro=HOSTILE)
        world.module = make_module(
            world.course, body=[{"type": "paragraph", "value": HOSTILE}]
        )
        world.info = InfoPage(title="About", slug="about-hostile", body=HOSTILE)
        world.catalogue.add_child(instance=world.info)
        publish(world.info)

        question = make_question()
        Question.objects.filter(pk=question.pk).update(
            prompt=HOSTILE, general_feedback=HOSTILE_TEXT
        )
        Choice.objects.filter(question=question, text="Wrong").update(
            feedback=HOSTILE_TEXT
        )
        question.refresh_from_db()
        world.quiz = make_quiz(
            world.course,
            questions=[question],
            intro=HOSTILE,
            review_policy="after_each_attempt",
        )

        # One learner in the middle of an attempt, one who submitted theirs.
        world.taking = UserFactory()
        world.done = UserFactory()
        for learner in (world.taking, world.done):
            enrol(learner, world.course, now=now)
        world.open_attempt = start_attempt(world.quiz, world.taking, now=now)
        world.submitted = start_attempt(world.quiz, world.done, now=now)
        submit_attempt(
            world.submitted.pk,
            world.done,
            {str(question.pk): token_of(world.submitted, question, "Wrong")},
            now=now,
        )
        yield world
        transaction.set_rollback(True)


def as_user(user):
    client = Client()
    client.force_login(user)
    return client


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


# Field (its features), and the page that shows it.
INLINE_FIELDS = {
    "catalogue introduction": lambda w: get(Client(), w.catalogue.url),
    "course introduction": lambda w: get(Client(), w.course.url),
    "lesson paragraph": lambda w: get(as_user(w.taking), w.module.url),
    "quiz introduction": lambda w: get(as_user(w.taking), w.quiz.url),
    "question prompt, during the attempt": lambda w: get(
        as_user(w.taking), f"/en/attempts/{w.open_attempt.pk}/"
    ),
    "question prompt, in the review": lambda w: get(
        as_user(w.done), f"/en/attempts/{w.submitted.pk}/"
    ),
    "question prompt, in the author's preview": lambda w: w.quiz.make_preview_request(
        preview_mode="questions"
    ).content.decode(),
}


@pytest.mark.parametrize("field", INLINE_FIELDS)
def test_inline_rich_text_is_cleaned_to_bold_italic_links_and_lists(pages, field):
    assert_rendered_safely(INLINE_FIELDS[field](pages), headings=False)


def test_an_information_pages_body_keeps_headings_and_loses_the_rest(pages):
    """Its editor has Wagtail's default features: headings, lists, links,
    documents, images and embeds."""
    assert_rendered_safely(get(Client(), pages.info.url), headings=True)


def test_an_information_page_keeps_its_page_links_and_images(pages):
    image = make_image()
    body = (
        f'<p>See <a linktype="page" id="{pages.course.pk}">the course</a>, '
        f'<a linktype="page" id="{pages.course.pk} onclick=alert(1)">a bad id</a>.</p>'
        f'<embed embedtype="image" id="{image.pk}" format="left" '
        'alt="A &quot;diagram&quot;" onerror="alert(2)"/>'
        f'<embed embedtype="image" id="{image.pk}" format="no-such-format"/>'
        "<hr/>"
    )
    InfoPage.objects.filter(pk=pages.info.pk).update(body=body)

    html = get(Client(), pages.info.url)

    assert not injected(html), injected(html)
    soup = as_browser_parses(html)
    assert soup.find("a", string="the course")["href"] == pages.course.url
    assert soup.find("a", string="a bad id") is None
    images = soup.select(".prose img")
    assert [img["alt"] for img in images] == ['A "diagram"']
    assert soup.select_one(".prose hr")


def test_the_review_shows_feedback_as_text(pages):
    html = get(as_user(pages.done), f"/en/attempts/{pages.submitted.pk}/")

    assert not injected(html), injected(html)
    soup = as_browser_parses(html)
    assert soup.find(class_="choice__feedback").get_text() == HOSTILE_TEXT
    assert soup.find(class_="question__feedback").get_text() == HOSTILE_TEXT


# The whitelist follows the field's features ------------------------------------------

EMBEDS = (
    '<embed embedtype="media" url="https://www.youtube.com/watch?v=x"/>'
    '<embed embedtype="media" url="javascript:alert(1)"/>'
    '<embed embedtype="media" url="/relative"/>'
    '<embed embedtype="no-such-type" url="https://www.youtube.com/watch?v=y"/>'
    '<p><a linktype="document" id="3">a document</a></p>'
)


def test_embeds_and_document_links_only_where_the_features_have_them():
    assert sanitise(EMBEDS, features_of("courses.InfoPage.body")) == (
        '<embed embedtype="media" url="https://www.youtube.com/watch?v=x"/>'
        '<p><a id="3" linktype="document">a document</a></p>'
    )
    assert sanitise(EMBEDS, features_of("assessments.Question.prompt")) == (
        "<p>a document</p>"
    )
