"""`manage.py demo_strings`: the demo's English strings, for translators."""

from io import StringIO

import pytest
from django.core.management import call_command

from courses.models import CoursePage

pytestmark = pytest.mark.django_db


def test_demo_strings_lists_every_string_with_its_french(tmp_path):
    out = StringIO()
    call_command("demo_strings", output=tmp_path / "demo.po", stdout=out)

    assert "0 without French" in out.getvalue()
    written = (tmp_path / "demo.po").read_text()
    assert 'msgid "ICT strategy for senior managers"' in written
    assert 'msgstr "Stratégie en matière de TIC pour les cadres supérieurs"' in written
    # It seeded in a transaction it rolled back.
    assert not CoursePage.objects.exists()
