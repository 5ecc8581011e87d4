from django.core.management.base import BaseCommand
from django.utils import timezone

from learning.accounts.emails import site_url
from learning.certificates.links import certificates_linking_elsewhere, relink


class Command(BaseCommand):
    help = (
        "List valid certificates whose printed link and QR code do not point at "
        "this site's BASE_URL; with --regenerate, reissue each (same code, new PDF)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--regenerate",
            action="store_true",
            help="Reissue each certificate listed, linking to BASE_URL.",
        )

    def handle(self, *args, regenerate=False, **options):
        found = 0
        for certificate, link in certificates_linking_elsewhere():
            found += 1
            self.stdout.write(
                f"{certificate.code}\tv{certificate.version}\t{link or 'no link read'}"
            )
            if regenerate:
                certificate = relink(certificate, now=timezone.now())
                self.stdout.write(
                    f"{certificate.code}\treissued as v{certificate.version}"
                )
        if not found:
            self.stdout.write(f"Every valid certificate links to {site_url()}.")
        elif not regenerate:
            self.stdout.write(
                f"{found} certificate(s) link elsewhere than {site_url()}; "
                "--regenerate reissues them."
            )
