"""The learner site's Content-Security-Policy allows no inline script, and its pages
have none to need it; Wagtail's admin gets the looser policy it needs."""

import pytest
from bs4 import BeautifulSoup
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedUnsupportedProviderException
from wagtail.embeds.finders import get_finders

from assessments.models import Attempt
from tests.assessments.factories import make_question, make_quiz
from tests.certificates.factories import make_certificate, make_completion
from tests.factories import UserFactory, make_course, make_module

pytestmark = pytest.mark.django_db

LEARNER_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
    "frame-src 'self' https://www.youtube.com https://player.vimeo.com; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'self'"
)


def directives(response):
    policy = response["Content-Security-Policy"]
    pairs = (directive.strip().partition(" ") for directive in policy.split(";"))
    return {name: values for name, _, values in pairs}


def inline_code(html):
    """Inline <script> elements and on*= event-handler attributes in a page."""
    soup = BeautifulSoup(html, "html.parser")
    scripts = [str(s)[:80] for s in soup.find_all("script") if not s.get("src")]
    handlers = [
        f"<{tag.name} {name}=…>"
        for tag in soup.find_all(True)
        for name in tag.attrs
        if name.lower().startswith("on")
    ]
    return scripts + handlers


@pytest.fixture
def learner_pages(client):
    """The main learner pages, as a learner with a course under way, a quiz
    attempt open and a certificate sees them; and the public ones."""
    learner = UserFactory()
    course = make_course("ICT strategy")
    module = make_module(course, title="Why ICT is strategic")
    quiz = make_quiz(course, questions=[make_question()], pass_mark=50)
    certificate = make_certificate(make_completion(learner, make_course("Procurement")))
    client.force_login(learner)
    assert client.post(f"/en/courses/{course.pk}/enrol/").status_code == 302
    assert client.post(f"/en/quizzes/{quiz.pk}/start/").status_code == 302
    attempt = Attempt.objects.get(learner=learner)
    return {
        "catalogue": "/en/",
        "course": course.url,
        "module": module.url,
        "quiz": quiz.url,
        "quiz attempt": f"/en/attempts/{attempt.pk}/",
        "dashboard": "/en/my-learning/",
        "certificate verification": f"/en/certificates/verify/{certificate.code}/",
    }


def test_learner_pages_carry_the_strict_policy_and_no_inline_code(
    client, learner_pages
):
    for name, url in learner_pages.items():
        response = client.get(url, follow=True)

        assert response.status_code == 200, name
        assert response["Content-Security-Policy"] == LEARNER_POLICY, name
        assert inline_code(response.text) == [], name


@pytest.mark.parametrize(
    "url",
    [
        "/en/accounts/login/",
        "/en/accounts/signup/",
        "/en/accounts/password-reset/",
        "/en/certificates/verify/",
        "/en/no-such-page/",
    ],
)
def test_pages_for_visitors_carry_the_strict_policy_and_no_inline_code(client, url):
    response = client.get(url)

    assert response["Content-Security-Policy"] == LEARNER_POLICY
    assert inline_code(response.text) == []


def test_the_admin_gets_what_wagtail_needs_and_nothing_leaks_to_the_site(
    admin_client,
):
    admin = admin_client.get("/admin/")
    site = admin_client.get("/en/")

    assert admin.status_code == 200
    assert directives(admin)["script-src"] == "'self' 'unsafe-inline' 'unsafe-eval'"
    assert directives(admin)["style-src"] == "'self' 'unsafe-inline'"
    assert directives(admin)["object-src"] == "'none'"
    assert directives(admin)["frame-ancestors"] == "'self'"
    assert site["Content-Security-Policy"] == LEARNER_POLICY


def test_authors_may_embed_only_videos_the_policy_lets_learners_play():
    unsupported = "https://www.dailymotion.com/video/x7tgad0"
    (finder,) = get_finders()

    assert finder.accept("https://www.youtube.com/watch?v=abc123")
    assert finder.accept("https://vimeo.com/123456")
    assert not finder.accept(unsupported)
    with pytest.raises(EmbedUnsupportedProviderException):
        get_embed(unsupported)
