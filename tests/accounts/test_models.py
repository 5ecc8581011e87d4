import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import IntegrityError

from learning.accounts.models import Organisation
from learning.accounts.services import import_organisations

pytestmark = pytest.mark.django_db


def test_users_log_in_with_their_email_whatever_its_case():
    User = get_user_model()
    User.objects.create_user(email="Amina.Diallo@UNDP.org", password="s3cret-pass-99")

    assert authenticate(username="amina.diallo@undp.org", password="s3cret-pass-99")
    assert authenticate(username="AMINA.DIALLO@undp.org", password="s3cret-pass-99")
    assert not authenticate(username="amina.diallo@undp.org", password="wrong")


def test_an_email_address_belongs_to_one_user_only():
    User = get_user_model()
    User.objects.create_user(email="one@example.org", password="x")

    with pytest.raises(IntegrityError):
        User.objects.create_user(email="ONE@example.org", password="y")


def test_the_certificate_name_defaults_to_the_given_and_family_names():
    user = get_user_model().objects.create_user(
        email="k@example.org", first_name="Kofi", last_name="Mensah"
    )
    assert user.full_name == "Kofi Mensah"

    user.full_name = "Kofi A. Mensah"
    user.save()
    user.refresh_from_db()
    assert user.full_name == "Kofi A. Mensah"
    assert str(user) == "Kofi A. Mensah"


def test_organisations_load_with_their_hierarchy_and_reloading_changes_nothing():
    import_organisations()
    snapshot = list(Organisation.objects.values_list("acronym", "name", "parent"))

    assert import_organisations() == 0
    assert list(Organisation.objects.values_list("acronym", "name", "parent")) == (
        snapshot
    )
    undp = Organisation.objects.get(acronym="UNDP")
    assert {org.acronym for org in undp.children.all()} == {"UNCDF", "UNV"}
    assert undp.parent is None
    assert Organisation.objects.get(acronym="OICT").parent.acronym == "UN"


def test_an_organisation_with_its_descendants_includes_every_level():
    top = Organisation.objects.create(acronym="TOP", name="Top")
    middle = Organisation.objects.create(acronym="MID", name="Middle", parent=top)
    Organisation.objects.create(acronym="LOW", name="Low", parent=middle)
    Organisation.objects.create(acronym="ELSE", name="Elsewhere")

    acronyms = Organisation.objects.filter(acronym="TOP").with_descendants()

    assert set(acronyms.values_list("acronym", flat=True)) == {"TOP", "MID", "LOW"}
