from django.core.management.base import BaseCommand

from learning.demo.seeding import DEMO_PASSWORD, DEMO_USERS, seed_demo


class Command(BaseCommand):
    help = (
        "Load the demo: organisations, the ICT strategy courses and demo users. "
        "Safe to run again: it only creates what is missing."
    )

    def handle(self, *args, **options):
        seed_demo()
        self.stdout.write(self.style.SUCCESS("Demo content is ready."))
        self.stdout.write(f"Demo logins (password {DEMO_PASSWORD}):")
        for email, *_ in DEMO_USERS:
            self.stdout.write(f"  {email}")
