import time

from django.core.management.base import BaseCommand, CommandError

from learning.demo.load import (
    DEFAULT_SEED,
    DOMAIN,
    LOAD_PASSWORD,
    reset_load,
    seed_load,
)

SUMMARY = (
    "organisations",
    "learners",
    "enrolments",
    "enrolments active",
    "enrolments withdrawn",
    "enrolments removed",
    "enrolments not started",
    "enrolments in progress",
    "enrolments completed",
    "enrolments overdue",
    "step progress",
    "attempts",
    "completions",
    "certificates",
    "certificates revoked",
    "certificates that expire",
)


class Command(BaseCommand):
    help = (
        "Synthetic volume for benchmarks: learners on @"
        + DOMAIN
        + " with enrolments, progress, attempts, completions and certificates in "
        "synthetic courses. Adds only what is missing; --reset deletes it all."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--learners", type=int, help="How many synthetic learners (e.g. 100000)."
        )
        parser.add_argument(
            "--courses", type=int, default=5, help="How many courses (default 5)."
        )
        parser.add_argument(
            "--seed",
            type=int,
            default=DEFAULT_SEED,
            help=f"Random seed; the same seed makes the same data (default "
            f"{DEFAULT_SEED}).",
        )
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete the synthetic data first (alone: only delete it).",
        )

    def handle(self, *args, learners, courses, seed, reset, **options):
        if learners is None and not reset:
            raise CommandError("Give --learners N (and --courses M), or --reset.")
        if learners is not None and learners < 1:
            raise CommandError("--learners must be at least 1.")
        if courses < 1:
            raise CommandError("--courses must be at least 1.")
        started = time.monotonic()
        if reset:
            reset_load(log=self.stdout.write)
        if learners is None:
            return
        counts = seed_load(learners, courses, seed=seed, log=self.stdout.write)
        if counts["learners"]:
            self.stdout.write(self.style.SUCCESS("Added:"))
            for name in SUMMARY:
                self.stdout.write(f"  {name:<40} {counts[name]:>10,}")
            self.stdout.write(f"Synthetic learners' password: {LOAD_PASSWORD}")
        self.stdout.write(f"Done in {time.monotonic() - started:.1f} s.")
