"""The language switcher keeps the reader on the same page, for every kind of page;
Arabic pages are right-to-left; the stylesheet mirrors (no physical left/right)."""

import re
from pathlib import Path

import polib
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.test import override_settings
from wagtail.models import Locale
from wagtail_localize.models import LocaleSynchronization
from wagtail_localize.synctree import synchronize_tree

from assessments.models import Attempt
from courses.models import CoursePage, InfoPage
from learning.certificates.models import Certificate
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import make_certificate
from tests.factories import UserFactory, catalogue, make_course, make_module, publish
from tests.i18n.translating import translate

pytestmark = pytest.mark.django_db


def soup_of(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher(response):
    """{language code: link} of the page's language switcher."""
    nav = soup_of(response).select_one("nav.language-switcher")
    assert nav is not None, "no language switcher on the page"
    return {link["hreflang"]: link for link in nav.select("a")}


def follow(client, url, language, expected=None):
    """Open `url`, follow its switcher's link to `language`, check where it led."""
    response = client.get(url)
    assert response.status_code == 200
    links = switcher(response)
    href = links[language]["href"]
    if expected is not None:
        assert href == expected
    target = client.get(href)
    assert target.status_code == 200, href
    assert soup_of(target).html["lang"] == language
    return href, target


@pytest.fixture(scope="module")
def built_course(module_db):
    """A course with a module and a quiz, built once for the module."""
    course = make_course("Digital transformation", open_access=True)
    make_module(course, title="Why it matters", slug="why-it-matters")
    make_quiz(course, questions=[make_question()], slug="check")
    return course.pk


@pytest.fixture
def course(built_course):
    # A copy of its own for each test: some translate the course, and pages cache
    # their steps.
    return CoursePage.objects.get(pk=built_course)


@pytest.fixture
def learner(client):
    user = UserFactory()
    client.force_login(user)
    return user


@pytest.fixture
def french():
    return Locale.objects.get_or_create(language_code="fr")[0]


def test_every_link_names_its_language_in_that_language(client, course):
    links = switcher(client.get("/en/"))

    assert list(links) == [code for code, _name in settings.LANGUAGES]
    for code, link in links.items():
        assert link["lang"] == code
    assert links["en"].get_text() == "English"
    assert links["fr"].get_text() == "Français"
    assert links["ar"].get_text() == "العربيّة"
    assert links["ar"]["dir"] == "rtl"
    assert links["en"]["aria-current"] == "true"
    assert not links["fr"].has_attr("aria-current")


def test_the_current_language_is_the_one_marked(client, course):
    links = switcher(client.get("/fr/"))
    assert links["fr"]["aria-current"] == "true"
    assert [c for c, link in links.items() if link.has_attr("aria-current")] == ["fr"]


@pytest.mark.parametrize(
    "path",
    ["", "digital-transformation/", "digital-transformation/why-it-matters/"],
    ids=["catalogue", "course", "module"],
)
def test_a_page_without_translation_is_the_same_page_in_the_other_language(
    client, course, learner, path
):
    follow(client, f"/en/{path}", "fr", expected=f"/fr/{path}")
    href, _arabic = follow(client, f"/fr/{path}", "ar", expected=f"/ar/{path}")
    follow(client, href, "en", expected=f"/en/{path}")


def test_the_quiz_page_keeps_its_place(client, course, learner):
    client.post(f"/en/courses/{course.pk}/enrol/")
    path = "digital-transformation/check/"
    follow(client, f"/en/{path}", "fr", expected=f"/fr/{path}")
    follow(client, f"/fr/{path}", "ar", expected=f"/ar/{path}")


def test_an_information_page_keeps_its_place(client):
    about = InfoPage(title="About", slug="about", body="<p>About us.</p>")
    catalogue().add_child(instance=about)
    publish(about)
    follow(client, "/en/about/", "fr", expected="/fr/about/")
    follow(client, "/en/about/", "ar", expected="/ar/about/")


def test_a_page_with_a_french_translation_leads_to_it(client, course, learner, french):
    publish(catalogue().copy_for_translation(french))
    course_fr = course.copy_for_translation(french)
    course_fr.title = "Transformation numérique"
    course_fr.slug = "transformation-numerique"
    publish(course_fr)
    module = course.get_children().get(slug="why-it-matters").specific
    module_fr = module.copy_for_translation(french)
    module_fr.title = "Pourquoi c'est important"
    module_fr.slug = "pourquoi"
    publish(module_fr)

    fr_url = "/fr/transformation-numerique/pourquoi/"
    href, page = follow(
        client, "/en/digital-transformation/why-it-matters/", "fr", fr_url
    )
    assert soup_of(page).h1.get_text() == "Pourquoi c'est important"
    # and back: the French page's English link is the English original
    follow(client, fr_url, "en", "/en/digital-transformation/why-it-matters/")
    # Arabic shows the default language's content: the English page under /ar/
    follow(client, fr_url, "ar", "/ar/digital-transformation/why-it-matters/")


def test_a_translation_published_later_is_found(client, course, french):
    publish(catalogue().copy_for_translation(french))
    assert switcher(client.get("/en/digital-transformation/"))["fr"]["href"] == (
        "/fr/digital-transformation/"
    )
    course_fr = course.copy_for_translation(french)
    course_fr.slug = "transformation-numerique"
    publish(course_fr)

    links = switcher(client.get("/en/digital-transformation/"))
    assert links["fr"]["href"] == "/fr/transformation-numerique/"


@pytest.mark.parametrize(
    "path",
    [
        "my-learning/",
        "accounts/profile/",
        "certificates/transcript/",
        "accounts/password/",
    ],
)
def test_the_learners_own_pages_keep_their_place(client, learner, path):
    follow(client, f"/en/{path}", "fr", expected=f"/fr/{path}")
    follow(client, f"/fr/{path}", "ar", expected=f"/ar/{path}")


def test_the_login_page_keeps_its_place_and_where_to_go_next(client):
    href, _page = follow(client, "/en/accounts/login/?next=/en/my-learning/", "fr")
    assert href == "/fr/accounts/login/?next=%2Ffr%2Fmy-learning%2F"


def test_the_query_string_is_kept(client, course):
    response = client.get("/en/?q=digital&topic=&page=1")
    href = switcher(response)["ar"]["href"]
    assert href == "/ar/?q=digital&topic=&page=1"
    assert client.get(href).status_code == 200


def test_an_attempt_page_keeps_its_place(client, course, learner):
    quiz = course.get_children().get(slug="check").specific
    client.post(f"/en/courses/{course.pk}/enrol/")
    assert client.post(f"/en/quizzes/{quiz.pk}/start/").status_code == 302
    attempt = Attempt.objects.get()
    path = f"attempts/{attempt.pk}/"
    follow(client, f"/en/{path}", "fr", expected=f"/fr/{path}")
    follow(client, f"/en/{path}", "ar", expected=f"/ar/{path}")


def test_the_certificate_verification_page_keeps_its_place(client):
    certificate = make_certificate()
    assert Certificate.objects.count() == 1
    path = f"certificates/verify/{certificate.code}/"
    follow(client, f"/en/{path}", "fr", expected=f"/fr/{path}")
    follow(client, f"/fr/{path}", "ar", expected=f"/ar/{path}")


def test_alternate_links_name_each_language(client, course):
    soup = soup_of(client.get("/en/digital-transformation/"))
    alternates = {
        link["hreflang"]: link["href"]
        for link in soup.select('head link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "en": "http://testserver/en/digital-transformation/",
        "fr": "http://testserver/fr/digital-transformation/",
        "ar": "http://testserver/ar/digital-transformation/",
    }


# Right-to-left


def test_arabic_pages_are_right_to_left(client, course, learner):
    for path in ["", "digital-transformation/", "my-learning/"]:
        html = soup_of(client.get(f"/ar/{path}")).html
        assert (html["lang"], html["dir"]) == ("ar", "rtl")
    html = soup_of(client.get("/fr/")).html
    assert (html["lang"], html["dir"]) == ("fr", "ltr")


def test_links_on_an_arabic_page_stay_in_arabic(client, course, learner):
    soup = soup_of(client.get("/ar/digital-transformation/why-it-matters/"))
    hrefs = [a["href"] for a in soup.select("main a[href^='/']")]
    assert "/ar/digital-transformation/" in hrefs
    assert "/ar/digital-transformation/check/" in hrefs
    assert not [h for h in hrefs if h.startswith(("/en/", "/fr/"))]


# The Arabic catalogue

AR_CATALOGUE = Path(settings.BASE_DIR) / "locale" / "ar" / "LC_MESSAGES" / "django.po"
# Every message of these templates is in Arabic: the site's chrome, the outline,
# course steps, quizzes, the dashboard, logging in and the profile.
CHROME = {
    "templates/base.html",
    "templates/includes/header.html",
    "templates/includes/footer.html",
    "templates/includes/course_outline.html",
    "templates/includes/pagination.html",
    "templates/courses/course_page.html",
    "templates/courses/course_step.html",
    "templates/courses/module_page.html",
    "templates/assessments/quiz_page.html",
    "templates/assessments/attempt.html",
    "templates/assessments/attempt_result.html",
    "templates/progress/dashboard.html",
    "templates/progress/includes/course_actions.html",
    "templates/registration/login.html",
    "templates/accounts/profile.html",
    "templates/accounts/signup.html",
}
ARABIC_LETTER = re.compile("[\u0600-\u06ff]")


@pytest.fixture(scope="module")
def arabic():
    return polib.pofile(str(AR_CATALOGUE))


def test_the_arabic_catalogue_has_arabic_plurals_and_nothing_fuzzy(arabic):
    assert arabic.metadata["Language"] == "ar"
    assert arabic.metadata["Plural-Forms"].startswith("nplurals=6;")
    assert not arabic.metadata_is_fuzzy
    assert arabic.fuzzy_entries() == []


def test_the_arabic_catalogue_covers_the_chrome(arabic):
    chrome = [e for e in arabic if {f for f, _ in e.occurrences} & CHROME]
    assert len(chrome) > 100
    missing = [
        e.msgid
        for e in chrome
        if not e.translated()
        or not all(
            ARABIC_LETTER.search(text)
            for text in ([e.msgstr] if not e.msgid_plural else e.msgstr_plural.values())
        )
    ]
    assert missing == []


@pytest.fixture
def arabic_compiled(arabic, tmp_path):
    """The committed catalogue compiled here, not a .mo left by an earlier make."""
    messages = tmp_path / "compiled" / "ar" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    arabic.save_as_mofile(str(messages / "django.mo"))
    with override_settings(LOCALE_PATHS=[str(tmp_path / "compiled")]):
        yield


def test_arabic_pages_show_arabic_chrome(client, course, learner, arabic_compiled):
    client.post(f"/en/courses/{course.pk}/enrol/")
    soup = soup_of(client.get("/ar/digital-transformation/why-it-matters/"))
    assert soup.select_one(".skip-link").get_text() == "الانتقال إلى المحتوى الرئيسي"
    assert soup.select_one("nav.language-switcher")["aria-label"] == "اللغة"
    assert soup.select_one(".site-nav a").get_text() == "الدورات"
    assert soup.select_one("#module-outline-heading").get_text() == "مخطط الدورة"
    assert "الخطوة 1 من 2" in soup.get_text()
    assert "لم تبدأ" in soup.select_one(".outline").get_text()

    dashboard = soup_of(client.get("/ar/my-learning/"))
    assert dashboard.h1.get_text(strip=True) == "تعلّمي"


# The stylesheet mirrors: logical properties only

SITE_CSS = Path(settings.BASE_DIR) / "learning/static/css/site.css"
PHYSICAL = re.compile(
    r"(?<![\w-])("
    r"(margin|padding|border)-(left|right)[\w-]*\s*:"
    r"|(left|right)\s*:"
    r"|text-align\s*:\s*(left|right)"
    r"|float\s*:\s*(left|right)"
    r"|clear\s*:\s*(left|right)"
    r"|border-(top|bottom)-(left|right)-radius\s*:"
    r")"
)
# Four-value margin/padding shorthands set left and right apart.
FOUR_VALUES = re.compile(
    r"(?<![\w-])(margin|padding|inset)\s*:\s*([^\s;}]+\s+){3}[^\s;}]+\s*[;}]"
)
INTENTIONAL = "physical on purpose"


def css_rules():
    text = SITE_CSS.read_text()
    return [line for line in text.splitlines() if INTENTIONAL not in line]


def test_the_stylesheet_uses_no_physical_left_or_right():
    offending = [line for line in css_rules() if PHYSICAL.search(line)]
    assert offending == []


def test_the_stylesheet_has_no_four_value_shorthand_that_differs_left_and_right():
    offending = []
    for line in css_rules():
        for match in FOUR_VALUES.finditer(line):
            values = match.group(0).split(":", 1)[1].strip(" ;}").split()
            if values[1] != values[3]:
                offending.append(match.group(0))
    assert offending == []


def test_the_checks_find_what_they_look_for():
    assert PHYSICAL.search(".a { margin-left: 1rem; }")
    assert PHYSICAL.search(".a { left: 0; }")
    assert PHYSICAL.search(".a { text-align: right; }")
    assert not PHYSICAL.search(
        ".a { margin-inline-start: 1rem; inset-inline-start: 0; }"
    )
    assert FOUR_VALUES.search(".a { padding: 0.5rem 1rem 0.5rem 0; }")


# A learner who reads the site in Arabic


def test_a_learner_who_prefers_arabic_gets_the_certificate_in_english(
    monkeypatch, mailoutbox
):
    from learning.certificates import rendering
    from learning.certificates.services import issue_certificate
    from tests.certificates.factories import (
        NOW,
        fake_pdf,
        make_completion,
        make_learner,
    )

    monkeypatch.setattr(rendering, "render_certificate", fake_pdf)
    learner = make_learner("Amina Diallo", preferred_language="ar")

    certificate = issue_certificate(make_completion(learner).pk, now=NOW)

    # Its wording exists in the content languages only: printed left to right.
    assert certificate.language == "en"
    assert certificate.course_title == "ICT strategy for senior managers"


def test_the_catalogue_and_a_step_not_translated_yet_keep_their_place(
    client, course, learner, french
):
    """With the French tree synchronised from English (as the README sets it up),
    the catalogue is translated and the module is still an alias of the English."""
    LocaleSynchronization.objects.create(locale=french, sync_from=Locale.get_default())
    translate(catalogue())
    synchronize_tree(Locale.get_default(), french)

    follow(client, "/en/", "fr", "/fr/")
    follow(client, "/fr/", "en", "/en/")
    alias = "/fr/digital-transformation/why-it-matters/"
    follow(client, "/en/digital-transformation/why-it-matters/", "fr", alias)
    follow(client, alias, "en", "/en/digital-transformation/why-it-matters/")
