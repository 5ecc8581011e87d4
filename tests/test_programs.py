"""`make test` installs what its tests run (tests/programs.py), so that a new machine
passes it."""

import subprocess
from pathlib import Path

from tests.programs import PROGRAMS

ROOT = Path(__file__).resolve().parent.parent


def make_variable(name):
    """A variable of the Makefile, as make itself expands it."""
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-s",
            "--eval",
            f"print: ; @echo $({name})",
            "print",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.split()


def test_make_test_installs_the_package_of_every_program_the_tests_run():
    installed = make_variable("SYSTEM_PACKAGES") + make_variable("TEST_SYSTEM_PACKAGES")
    needed = {
        program.package
        for program in PROGRAMS.values()
        if program.installed_by == "make test"
    }

    assert {"chromium", "poppler-utils", "gettext"} <= needed
    assert needed - set(installed) == set()
