"""Authors write, editors approve: the groups and the review workflow."""

import pytest
from wagtail.models import WorkflowState

from courses.authoring import AUTHORS, EDITORS
from courses.models import ModulePage
from tests.factories import UserFactory, lesson, make_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def author():
    return UserFactory(groups=[AUTHORS])


@pytest.fixture
def editor():
    return UserFactory(groups=[EDITORS])


def draft_module(course, author):
    module = ModulePage(
        title="Working with vendors", body=lesson("Draft text."), owner=author
    )
    module.live = False
    course.add_child(instance=module)
    module.save_revision(user=author)
    return module


def test_authors_and_editors_reach_the_admin_but_learners_do_not(
    client, author, editor
):
    learner = UserFactory()
    for user, status in ((author, 200), (editor, 200), (learner, 302)):
        client.force_login(user)
        assert client.get("/admin/").status_code == status


def test_authors_create_and_edit_courses_but_cannot_publish(author):
    course = make_course()
    permissions = course.permissions_for_user(author)

    assert permissions.can_add_subpage()
    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert course.get_parent().permissions_for_user(author).can_add_subpage()


def test_editors_can_publish(editor):
    assert make_course().permissions_for_user(editor).can_publish()


def test_an_editor_approves_what_an_author_submits_and_it_goes_live(author, editor):
    course = make_course()
    module = draft_module(course, author)
    workflow = module.get_workflow()
    assert workflow.name == "Course review"

    workflow.start(module, author)
    task_state = module.current_workflow_task_state
    task = task_state.task.specific

    assert task.get_actions(module, author) == []
    assert "approve" in [name for name, *_ in task.get_actions(module, editor)]
    assert not ModulePage.objects.get(pk=module.pk).live

    task.on_action(task_state, editor, "approve")

    module.refresh_from_db()
    assert module.live
    assert module.workflow_states.get().status == WorkflowState.STATUS_APPROVED
    assert module.url in [step.url for step in course.steps()]


def test_the_admin_edit_view_offers_an_author_the_review_submission(client, author):
    module = draft_module(make_course(), author)
    client.force_login(author)

    response = client.get(f"/admin/pages/{module.pk}/edit/")

    assert response.status_code == 200
    assert "Submit to Course review" in response.text
    assert 'name="action-publish"' not in response.text


def test_preview_shows_a_draft_module_as_a_learner_would_see_it(author):
    course = make_course(modules=1)
    module = draft_module(course, author)

    response = module.make_preview_request()

    assert response.status_code == 200
    content = response.render().content.decode()
    assert "<h1>Working with vendors</h1>" in content
    assert "Draft text." in content
    assert "Course outline" in content
