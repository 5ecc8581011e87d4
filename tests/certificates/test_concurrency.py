"""Two runs issuing the same certificate at once give one certificate, one code and
one file (PostgreSQL, overlap forced with barriers).

Apart from test_issuing.py: a test that commits cannot run inside the transaction
in which that module builds its data once (tests/conftest.py `module_db`).
"""

import hashlib
import threading

import pytest

from learning.certificates import rendering, services
from learning.certificates.models import Certificate
from learning.certificates.services import issue_certificate
from tests.assessments.test_concurrency import run_together
from tests.certificates.factories import NOW, fake_pdf, make_completion
from tests.certificates.test_issuing import audit, files_of, issued_emails, stored

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_simultaneous_runs_issue_one_certificate(monkeypatch):
    completion = make_completion()
    # Both runs have checked the name and found no certificate with its PDF...
    row_barrier = threading.Barrier(2, timeout=10)
    original_row = services._certificate_row

    def row_paused(*args, **kwargs):
        row_barrier.wait()
        return original_row(*args, **kwargs)

    # ...and both have rendered the same certificate before either stores it.
    render_barrier = threading.Barrier(2, timeout=10)
    renders = []

    def render_paused(certificate):
        renders.append(certificate.code)
        render_barrier.wait()
        return fake_pdf(certificate)

    monkeypatch.setattr(services, "_certificate_row", row_paused)
    monkeypatch.setattr(rendering, "render_certificate", render_paused)

    first, second = run_together(
        lambda: issue_certificate(completion.pk, now=NOW),
        lambda: issue_certificate(completion.pk, now=NOW),
    )

    assert not row_barrier.broken and not render_barrier.broken
    assert isinstance(first, Certificate) and isinstance(second, Certificate)
    assert first.pk == second.pk and first.code == second.code
    assert renders == [first.code, first.code]
    certificate = Certificate.objects.get()
    assert certificate.sha256 == hashlib.sha256(stored(certificate)).hexdigest()
    assert files_of(certificate) == [f"{certificate.code}-v1.pdf"]
    assert len(issued_emails()) == 1
    assert len(audit(certificate, "certificates.issue")) == 1
