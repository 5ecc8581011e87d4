from django.core.management.base import BaseCommand

from learning.accounts.services import UN_ORGANISATIONS_CSV, import_organisations


class Command(BaseCommand):
    help = "Load UN system organisations (acronym, name, parent_acronym) from a CSV."

    def add_arguments(self, parser):
        parser.add_argument("--file", default=UN_ORGANISATIONS_CSV)

    def handle(self, *args, file, **options):
        created = import_organisations(file)
        self.stdout.write(f"{created} organisations created.")
