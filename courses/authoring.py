"""The catalogue page, the authoring groups and the review workflow.

Run after every migrate (and after a test flush), so a fresh database is ready to
author in. Each step only creates what is missing.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail_localize.models import Translation

from .models import CourseIndexPage

AUTHORS = "Course authors"
EDITORS = "Course editors"
WORKFLOW = "Course review"
APPROVAL_TASK = "Editor approval"
WAGTAIL_DEFAULT_WORKFLOW = "Moderators approval"

PAGE_PERMISSIONS = {
    AUTHORS: ["add_page", "change_page", "lock_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    AUTHORS: ["add_image", "choose_image", "add_document", "choose_document"],
    EDITORS: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
}


@transaction.atomic
def ensure_authoring_setup():
    for language_code in ("en", "fr"):
        Locale.objects.get_or_create(language_code=language_code)
    catalogue = ensure_catalogue()
    # Granted on the root, so that they cover every language's catalogue.
    root = catalogue.get_parent()
    ensure_groups(root)
    ensure_workflow(root)
    return catalogue


def ensure_catalogue():
    catalogue = CourseIndexPage.objects.filter(depth=2).first()
    if catalogue:
        return catalogue
    root = Page.get_first_root_node() or Page.add_root(
        title="Root", locale=Locale.get_default()
    )
    catalogue = root.add_child(
        instance=CourseIndexPage(
            title="Courses",
            slug="courses",
            locale=Locale.get_default(),
            intro=(
                "<p>Short, practical courses on ICT strategy for senior managers "
                "of the United Nations system.</p>"
            ),
        )
    )
    # Wagtail's first migration creates a placeholder home page; the catalogue
    # takes its place as the site root.
    site = Site.objects.filter(is_default_site=True).first()
    if site:
        placeholder = site.root_page
        site.root_page = catalogue
        site.save(update_fields=["root_page"])
        if type(placeholder.specific) is Page and placeholder.is_leaf():
            placeholder.delete()
    else:
        Site.objects.create(
            hostname="localhost", port=80, root_page=catalogue, is_default_site=True
        )
    return catalogue


def ensure_groups(root):
    admin_access = Permission.objects.get(
        content_type__app_label="wagtailadmin", codename="access_admin"
    )
    # wagtail-localize creates this one in a data migration only: a test database
    # flush (which re-runs this set-up) removes it.
    submit_translation, _ = Permission.objects.get_or_create(
        content_type=ContentType.objects.get_for_model(Translation),
        codename="submit_translation",
        defaults={"name": "Can submit translations"},
    )
    root_collection = Collection.get_first_root_node() or Collection.add_root(
        name="Root"
    )
    for name in (AUTHORS, EDITORS):
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(admin_access, submit_translation)
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=root,
                permission=Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                ),
            )
        for codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root_collection,
                permission=Permission.objects.get(codename=codename),
            )


def ensure_workflow(root):
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW)
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK)
        task.groups.set([Group.objects.get(name=EDITORS)])
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    # Wagtail's first migration puts its own "Moderators approval" on the root:
    # ours takes its place (a workflow an administrator chose stays).
    current = WorkflowPage.objects.filter(page=root).select_related("workflow").first()
    if current is None or current.workflow.name == WAGTAIL_DEFAULT_WORKFLOW:
        WorkflowPage.objects.update_or_create(
            page=root, defaults={"workflow": workflow}
        )
