"""Authors are not administrators (issue 8): the admin pages that list learners
(completion report, certificates, enrolments, quiz attempts and overrides,
people, the audit log) and their exports show an author no row naming one, while
an administrator sees learner A there (so each check can fail). Course summaries
and item statistics are aggregates: fine for authors, naming nobody to anyone."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from .world import A_EMAIL, A_NAME

pytestmark = pytest.mark.django_db

REFUSED = "refused"  # Wagtail's "permission denied" redirect to the dashboard
AGGREGATE = "aggregate"  # shown, naming nobody
NAMES_A = "names A"

# fmt: off
PAGES = [
    # url name, its arguments, query         the author  the administrator
    ("learning_reports:completion", None, "",             REFUSED,   NAMES_A),
    ("learning_reports:completion", None, "?export=csv",  REFUSED,   NAMES_A),
    ("learning_reports:completion_results", None, "",     REFUSED,   NAMES_A),
    ("certificates_admin:index", None, "",                REFUSED,   NAMES_A),
    ("certificates_admin:index", None, "?export=csv",     REFUSED,   NAMES_A),
    ("certificates_admin:zip", None, "",                  REFUSED,   NAMES_A),
    ("enrolments:index", None, "",                        REFUSED,   NAMES_A),
    ("enrolments:index", None, "?export=csv",             REFUSED,   NAMES_A),
    ("quiz_attempts:index", None, "",                     REFUSED,   NAMES_A),
    ("quiz_attempts:index", None, "?export=csv",          REFUSED,   NAMES_A),
    ("extra_attempts:index", None, "",                    REFUSED,   NAMES_A),
    ("extra_time:index", None, "",                        REFUSED,   NAMES_A),
    ("wagtailusers_users:index", None, "",                REFUSED,   NAMES_A),
    ("wagtailadmin_reports:site_history", None, "",       AGGREGATE, NAMES_A),
    ("learning_reports:course_summaries", None, "",       AGGREGATE, AGGREGATE),
    ("learning_reports:course_summaries", None, "?export=csv",
                                                          AGGREGATE, AGGREGATE),
    ("learning_reports:course_summary", "course", "",     AGGREGATE, AGGREGATE),
    ("learning_reports:course_summary", "course", "?export=csv",
                                                          AGGREGATE, AGGREGATE),
    ("assessments_item_statistics", "quiz", "",           AGGREGATE, AGGREGATE),
    ("assessments_item_statistics", "quiz", "?export=csv",
                                                          AGGREGATE, AGGREGATE),
    ("wagtailadmin_home", None, "",                       AGGREGATE, AGGREGATE),
]
# fmt: on


def get(client, user, url):
    client.force_login(user)
    response = client.get(url)
    if response.streaming:
        return response, b"".join(response.streaming_content).decode(errors="replace")
    return response, response.content.decode(errors="replace")


def url_of(world, url_name, argument, query):
    args = [getattr(world, argument).pk] if argument else []
    return reverse(url_name, args=args) + query


def assert_answer(response, body, answer, who):
    names_a = A_NAME in body or A_EMAIL in body
    if answer == REFUSED:
        assert response.status_code == 302, who
        assert response["Location"] == reverse("wagtailadmin_home"), who
    else:
        assert response.status_code == 200, who
    assert names_a == (answer == NAMES_A), f"{who}: names A is {names_a}"


@pytest.mark.parametrize(
    ("url_name", "argument", "query", "author", "administrator"),
    [pytest.param(*page, id=f"{page[0]}{page[2]}") for page in PAGES],
)
def test_authors_see_no_learner(
    client, world, url_name, argument, query, author, administrator
):
    url = url_of(world, url_name, argument, query)

    as_author = get(client, world.author, url)
    as_administrator = get(client, world.admin, url)

    assert_answer(*as_author, author, f"{url} as author")
    assert_answer(*as_administrator, administrator, f"{url} as administrator")


def test_an_author_granted_the_completion_report_sees_its_rows(client, world):
    """Authors report on every organisation: once given the completion report,
    they see every learner's row."""
    url = reverse("learning_reports:completion")
    world.author.user_permissions.add(
        Permission.objects.get(
            content_type__app_label="reports", codename="view_completion_report"
        )
    )

    response, body = get(client, world.author, url)

    assert response.status_code == 200
    assert A_NAME in body and A_EMAIL in body
