import json
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from participe.modules.consultation.importer import read_dump
from participe.modules.consultation.models import Argument, Opinion, Section, Source
from participe.votes.models import Vote

DUMP = Path(__file__).resolve().parents[3] / "shared" / "data" / "republique-numerique"
SAMPLE = ["100.json", "101.json", "117.json", "350.json"]


def run_import(path):
    out = StringIO()
    call_command("import", "republique-numerique", str(path), "--instance", "a.test", stdout=out)
    return json.loads(out.getvalue())


@pytest.fixture
def sample_dump(tmp_path):
    folder = tmp_path / "opinions"
    folder.mkdir()
    for name in SAMPLE:
        shutil.copy(DUMP / "opinions" / name, folder / name)
    return tmp_path


def test_sample_import_reproduces_totals_and_is_idempotent(instance_a, sample_dump):
    summary = run_import(sample_dump)
    originals = read_dump(sample_dump)
    assert summary["opinions"] == len(originals)
    assert summary["arguments"] == sum(len(o["arguments"]) for o in originals)
    assert summary["votes"] == sum(o["votes_ok"] + o["votes_nok"] + o["votes_mitige"] for o in originals)
    before = _snapshot(instance_a)
    again = run_import(sample_dump)
    assert again == summary
    assert _snapshot(instance_a) == before


def _snapshot(instance):
    from participe.accounts.models import User

    with with_scope(instance):
        return (
            User.objects.count(), Vote.objects.count(), Section.objects.count(), Source.objects.count(),
            list(Opinion.objects.order_by("pk").values_list("pk", "votes_total", "arguments_for_count", "updated_at")),
            list(Section.objects.order_by("pk").values_list("pk", "opinions_count", "arguments_count")),
        )


def with_scope(instance):
    from participe.instances.scoping import in_instance

    return in_instance(instance)


def test_imported_counters_match_rows(instance_a, sample_dump):
    run_import(sample_dump)
    with with_scope(instance_a):
        for opinion in Opinion.objects.all():
            votes = Vote.objects.filter(object_id=opinion.pk, content_type__model="opinion")
            assert votes.filter(value=1).count() == opinion.votes_agree
            assert votes.filter(value=0).count() == opinion.votes_mitigated
            assert votes.filter(value=-1).count() == opinion.votes_disagree
            assert opinion.arguments_for_count == Argument.objects.filter(opinion=opinion, side="for").count()
        assert Section.objects.filter(kind="title").count() == 3
        assert Source.objects.count() >= 0


def test_full_import(instance_a):
    # About 12 s on SQLite on an idle laptop; the benchmark reports the time, the test only the result.
    summary = run_import(DUMP)
    assert summary["opinions"] == 696
    assert summary["arguments"] == 3994
    assert summary["votes"] == 88622
    with with_scope(instance_a):
        assert Section.objects.count() == 3 + 7 + 18
        assert Source.objects.count() == 326
    assert run_import(DUMP) == summary
