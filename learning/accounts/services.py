import csv
from pathlib import Path

from django.db import transaction

from .models import Organisation

UN_ORGANISATIONS_CSV = Path(__file__).parent / "data" / "un-organisations.csv"


@transaction.atomic
def import_organisations(path=UN_ORGANISATIONS_CSV):
    """Create or update organisations from a CSV of acronym, name, parent_acronym.

    Idempotent: rows already up to date are not written again. Returns the number of
    organisations created.
    """
    with open(path, newline="", encoding="utf-8") as f:
        rows = [
            {key: (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(f)
        ]
    existing = {org.acronym: org for org in Organisation.objects.all()}
    created = 0
    for row in rows:
        org = existing.get(row["acronym"])
        if org is None:
            existing[row["acronym"]] = Organisation.objects.create(
                acronym=row["acronym"], name=row["name"]
            )
            created += 1
        elif org.name != row["name"]:
            org.name = row["name"]
            org.save(update_fields=["name"])
    for row in rows:
        org = existing[row["acronym"]]
        parent = existing[row["parent_acronym"]] if row["parent_acronym"] else None
        if org.parent_id != (parent.pk if parent else None):
            org.parent = parent
            org.save(update_fields=["parent"])
    return created
