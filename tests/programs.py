"""The programs outside Python that tests run, each with its Debian package.

Tests reach an outside program through this module only, so that this table is the
whole list: `make test` installs the packages of the programs it runs (the
Makefile's SYSTEM_PACKAGES and TEST_SYSTEM_PACKAGES; tests/test_programs.py holds
the two together). The fault tests of `.ci/run` also start a private PostgreSQL and
Redis, whose programs come with the services its machines provide.
"""

import glob
import shutil
import subprocess
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Program:
    package: str
    # Where Debian installs it off the PATH (PostgreSQL's server programs).
    directories: str = ""
    # Who installs the package: `make test`, the services that .ci/run's machines
    # provide, or Debian itself (an essential package).
    installed_by: str = "make test"


PROGRAMS = {
    "chromium": Program("chromium"),
    "pdffonts": Program("poppler-utils"),
    "pdftoppm": Program("poppler-utils"),
    # What Django's makemessages runs.
    "xgettext": Program("gettext"),
    "msguniq": Program("gettext"),
    "msgmerge": Program("gettext"),
    "msgattrib": Program("gettext"),
    "runuser": Program("util-linux", installed_by="Debian"),
    "initdb": Program("postgresql", "/usr/lib/postgresql/*/bin", "the services"),
    "pg_ctl": Program("postgresql", "/usr/lib/postgresql/*/bin", "the services"),
    "redis-server": Program("redis-server", installed_by="the services"),
}


def find(name):
    """The path of the program, the newest version where Debian keeps several; or
    None."""
    if found := shutil.which(name):
        return found
    if directories := PROGRAMS[name].directories:
        return max(glob.glob(f"{directories}/{name}"), key=_version, default=None)
    return None


def missing(name):
    """Why a test cannot run `name`, with what to install; None when it can."""
    if find(name):
        return None
    return f"needs {name} (apt-get install {PROGRAMS[name].package})"


def path(name):
    """The path of the program; the test fails, naming the package, without it."""
    if reason := missing(name):
        pytest.fail(f"this test {reason}", pytrace=False)
    return find(name)


def run(name, *arguments, **options):
    """Run the program to its end; a failure raises CalledProcessError."""
    options.setdefault("check", True)
    return subprocess.run([path(name), *arguments], **options)


def _version(path):
    # /usr/lib/postgresql/15/bin/initdb -> 15
    return [int(part) for part in path.split("/") if part.isdigit()]
