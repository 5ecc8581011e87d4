"""Focal points: a group with access to enrolments, appointed by administrators in
Wagtail's user admin."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth.models import Group, Permission

from learning.accounts.models import Organisation, User
from learning.accounts.roles import FOCAL_POINTS, ensure_roles
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def orgs():
    undp = Organisation.objects.create(acronym="UNDP", name="Development Programme")
    wfp = Organisation.objects.create(acronym="WFP", name="World Food Programme")
    return {"UNDP": undp, "WFP": wfp}


def test_the_focal_points_group_exists_after_migrate_and_again_changes_nothing():
    group = Group.objects.get(name=FOCAL_POINTS)
    permissions = set(group.permissions.values_list("codename", flat=True))

    ensure_roles()

    assert permissions == {
        "access_admin",
        "add_enrolment",
        "change_enrolment",
        "view_enrolment",
        "view_certificate",
        "change_certificate",
        # From the reports app (learning/reports/roles.py).
        "view_course_summary",
        "view_completion_report",
    }
    assert set(group.permissions.values_list("codename", flat=True)) == permissions
    assert Group.objects.filter(name=FOCAL_POINTS).count() == 1


def user_form_data(user, **changes):
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "full_name": user.full_name,
        "organisation": user.organisation_id or "",
        "is_active": "on",
        "password1": "",
        "password2": "",
    }
    data.update(changes)
    return data


def test_an_administrator_appoints_a_focal_point_in_the_user_admin(client, orgs):
    person = UserFactory(full_name="Grace Mensah")
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    form = client.get(f"/admin/users/edit/{person.pk}/")
    response = client.post(
        f"/admin/users/edit/{person.pk}/",
        user_form_data(
            person,
            full_name="Grace A. Mensah",
            organisation=orgs["UNDP"].pk,
            focal_organisations=[orgs["UNDP"].pk],
            groups=[Group.objects.get(name=FOCAL_POINTS).pk],
        ),
    )

    soup = BeautifulSoup(form.content, "html.parser")
    assert soup.select_one("[name=full_name]") is not None
    assert soup.select_one("[name=organisation]") is not None
    assert soup.select("[name=focal_organisations]")
    assert response.status_code == 302, response.content.decode()[:3000]
    person.refresh_from_db()
    assert person.full_name == "Grace A. Mensah"
    assert person.organisation == orgs["UNDP"]
    assert list(person.focal_organisations.all()) == [orgs["UNDP"]]
    assert person.groups.filter(name=FOCAL_POINTS).exists()


def test_an_administrator_creates_a_user_with_an_organisation(client, orgs):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))

    response = client.post(
        "/admin/users/new/",
        {
            "email": "new.admin.user@wfp.org",
            "first_name": "Ana",
            "last_name": "Silva",
            "full_name": "Ana Maria Silva",
            "organisation": orgs["WFP"].pk,
            "focal_organisations": [orgs["WFP"].pk],
            "password1": "a long enough pass phrase 2026",
            "password2": "a long enough pass phrase 2026",
        },
    )

    assert response.status_code == 302, response.content.decode()[:3000]
    user = User.objects.get(email="new.admin.user@wfp.org")
    assert user.full_name == "Ana Maria Silva"
    assert user.organisation == orgs["WFP"]
    assert list(user.focal_organisations.all()) == [orgs["WFP"]]


def test_only_superusers_appoint_focal_points(client, orgs):
    manager = UserFactory()
    manager.user_permissions.add(
        Permission.objects.get(codename="access_admin"),
        Permission.objects.get(codename="change_user"),
    )
    person = UserFactory(organisation=orgs["UNDP"])
    client.force_login(manager)

    form = client.get(f"/admin/users/edit/{person.pk}/")
    response = client.post(
        f"/admin/users/edit/{person.pk}/",
        user_form_data(person, focal_organisations=[orgs["WFP"].pk]),
    )

    assert form.status_code == 200
    assert 'name="focal_organisations"' not in form.text
    assert 'name="organisation"' in form.text
    assert response.status_code == 302
    assert not person.focal_organisations.exists()
