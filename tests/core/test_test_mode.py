"""Test mode is chosen by the settings module (tests/settings.py), never guessed from what is imported."""

import os
import subprocess
import sys

from django.conf import settings


def test_the_suite_runs_in_test_mode():
    assert settings.TESTING and settings.CELERY_TASK_ALWAYS_EAGER


def test_the_project_settings_stay_in_production_mode_even_with_pytest_imported(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("PARTICIPE_TESTING", "CELERY_TASK_ALWAYS_EAGER")}
    env["PARTICIPE_VAR_DIR"] = str(tmp_path)
    code = "import pytest, participe.settings as s; print(s.TESTING, s.CELERY_TASK_ALWAYS_EAGER)"
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
