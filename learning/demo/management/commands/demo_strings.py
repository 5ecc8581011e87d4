from pathlib import Path

import polib
from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail_localize.models import Translation

from learning.demo.french import DEMO_PO, demo_strings
from learning.demo.seeding import seed_demo


class Rollback(Exception):
    pass


def demo_catalogue(known):
    """The demo's English strings with the French in `known`, in the order the
    demo shows them. Seeds the demo and rolls it back."""
    po = polib.POFile(wrapwidth=0)
    po.metadata = {"Content-Type": "text/plain; charset=utf-8", "Language": "fr"}
    seen = set()
    try:
        with transaction.atomic():
            seed_demo()
            translations = Translation.objects.filter(
                target_locale__language_code="fr"
            ).order_by("pk")
            for translation in translations:
                for entry in translation.export_po():
                    if entry.msgid not in seen:
                        seen.add(entry.msgid)
                        po.append(
                            polib.POEntry(
                                msgid=entry.msgid,
                                msgstr=known.get(entry.msgid, ""),
                                occurrences=[(entry.msgctxt, "")],
                            )
                        )
            raise Rollback
    except Rollback:
        pass
    return po


class Command(BaseCommand):
    help = (
        "Update learning/demo/locale/fr/demo.po with the demo's English strings "
        "(keeping the French already written), for a translator to complete. "
        "Run on an empty database: it seeds the demo and rolls it back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", type=Path, default=DEMO_PO)

    def handle(self, *args, output, **options):
        po = demo_catalogue(demo_strings())
        output.parent.mkdir(parents=True, exist_ok=True)
        po.save(output)
        missing = sum(1 for entry in po if not entry.msgstr)
        self.stdout.write(f"{len(po)} strings, {missing} without French: {output}")
