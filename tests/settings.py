"""The settings the test suite runs with: the project's, plus the toy module that proves a module plugs in by
its manifest alone (tests/toy_petition)."""

from participe.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.toy_petition"]  # noqa: F405
