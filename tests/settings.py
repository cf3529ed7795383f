"""The settings the test suite runs with: the project's, plus the toy module that proves a module plugs in by
its manifest alone (tests/toy_petition)."""

import os
import tempfile
from pathlib import Path

os.environ["PARTICIPE_TESTING"] = "1"  # test mode is chosen here, before the project's settings read it

from participe.settings import *  # noqa: E402, F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.toy_petition"]  # noqa: F405

# Each test process its own stamp of the host cache (participe/instances/resolver.py): test runs sharing
# var/ would otherwise empty each other's copies and add a query to counted requests.
INSTANCES_STAMP_PATH = Path(tempfile.gettempdir()) / f"participe-instances-{os.getpid()}.stamp"
# Likewise the stamps of purged pages (participe/core/generations.py).
PAGE_STAMPS_DIR = Path(tempfile.gettempdir()) / f"participe-page-stamps-{os.getpid()}"
