"""Benchmark of a 140-question questionnaire: results page and full CSV export against PostgreSQL's COPY.

    .venv/bin/python bench/questionnaire.py postgres://postgres@127.0.0.1:5432/participe_bench_questionnaire \
        [--replies 100000] [--small 10000] [--questions 140] [--repeat 3]

1. Creates the database if needed, migrates it, and builds two questionnaires of `--questions`
   questions (choices, multiple choices, numbers, texts, dates, rankings, majority judgments);
   fills them with `--replies` and `--small` generated replies through COPY, then counts the
   aggregated results (`forms.stats.rebuild`, the repair path; live replies keep them in their
   own transaction).
2. For each size, in the same run (times: best of `--repeat`, COPY and export alternating): the time
   of `COPY (the export's rows) TO STDOUT`, the time and
   peak Python memory (tracemalloc, in a second pass) of the results page (a real HTTP GET
   through the Django test client) and of the full CSV export as the CSV view streams it
   (`ReplyExporter.csv_chunks`: the CSV built by PostgreSQL's `COPY … WITH CSV`, every block consumed).
3. Prints the ratios: export time / COPY time (target ≤ 3), and the export's peak memory for the
   small and the large questionnaire (target: within 20 %).
"""

import argparse
import json
import os
import random
import sys
import time
import tracemalloc
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.runner import ensure_database  # noqa: E402 - the shared one, once the project is on the path

HOST = "bench-questionnaire.test"
WORDS = (
    "vélo piste tram bus parc arbre école marché place rue quartier sécurité propreté bruit lumière "
    "jardin piscine bibliothèque musée cinéma banc fontaine parking voiture trottoir enfants jeunes "
    "seniors associations commerce emploi logement transport horaires dimanche soirée culture sport"
).split()
SEGMENTS = ["", "Habitant", "Association", "Entreprise"]


def question_plan(count):
    """(type, options) cycling through every countable type, like a long national survey."""
    cycle = [
        ("single_choice", 5), ("multiple_choice", 6), ("number", 0), ("short_text", 0), ("single_choice", 4),
        ("long_text", 0), ("date", 0), ("ranking", 4), ("majority_judgment", 3), ("email", 0),
        ("single_choice", 3), ("number", 0), ("short_text", 0), ("multiple_choice", 5),
    ]
    return [cycle[i % len(cycle)] for i in range(count)]


def build_questionnaire(instance, slug, questions_count):
    from django.utils import timezone

    from participe.forms.models import Choice, Form, Question
    from participe.modules.questionnaires.models import Questionnaire
    from participe.projects.models import Project, Step

    project, _ = Project.objects.get_or_create(slug="bench", defaults={"title": "Bench", "is_published": True})
    step = Step.objects.create(
        project=project, type="questionnaire", title=f"Enquête {slug}", slug=slug,
        starts_at=timezone.now() - timedelta(days=60), ends_at=timezone.now() + timedelta(days=60),
    )
    form = Form.objects.create(title=f"Enquête {slug}")
    for position, (kind, choices) in enumerate(question_plan(questions_count), start=1):
        question = Question.objects.create(
            form=form, position=position, type=kind, title=f"Question {position} ({kind})",
            config={"integer": True} if kind == "number" else {},
        )
        Choice.objects.bulk_create(
            Choice(question=question, label=f"Option {n}", position=n, instance=instance) for n in range(1, choices + 1)
        )
    return Questionnaire.objects.create(step=step, form=form, results_public=True)


def answer_for(question, rng):
    kind = question.type
    choices = [c.pk for c in question.choice_list]
    if kind == "single_choice":
        return {"choice": rng.choice(choices)}
    if kind == "multiple_choice":
        return {"choices": sorted(rng.sample(choices, rng.randint(1, 3)))}
    if kind == "number":
        return rng.randint(0, 100)
    if kind == "short_text":
        return " ".join(rng.choices(WORDS, k=4))
    if kind == "long_text":
        return " ".join(rng.choices(WORDS, k=25))
    if kind == "date":
        return (datetime(2024, 1, 1) + timedelta(days=rng.randint(0, 365))).date().isoformat()
    if kind == "ranking":
        return rng.sample(choices, len(choices))
    if kind == "majority_judgment":
        return {str(pk): rng.randint(0, 6) for pk in choices}
    if kind == "email":
        return f"personne{rng.randint(1, 10**6)}@example.org"
    raise ValueError(kind)


def fill(questionnaire, replies, seed=7):
    """Generated replies written with COPY (plus their questionnaire links), then the results counted."""
    from django.db import connection

    from participe.forms import stats
    from participe.forms.models import Reply

    definition = questionnaire.form.definition()
    rng = random.Random(seed)
    start = datetime(2026, 9, 1, tzinfo=UTC)
    instance_id, form_id = questionnaire.instance_id, questionnaire.form_id
    questions = definition.input_questions
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(
            "COPY forms_reply (instance_id, form_id, author_id, answers, page, is_draft, segment, token, "
            "created_at, updated_at, submitted_at) FROM STDIN"
        ) as copy:
            for n in range(replies):
                answers = {str(q.pk): answer_for(q, rng) for q in questions if rng.random() < 0.9}
                moment = start + timedelta(seconds=n * 20)
                copy.write_row([
                    instance_id, form_id, None, json.dumps(answers, ensure_ascii=False), 0, False,
                    SEGMENTS[n % len(SEGMENTS)], uuid.uuid4().hex, moment, moment, moment,
                ])
        cursor.execute(
            "INSERT INTO questionnaires_questionnairereply (instance_id, questionnaire_id, reply_id, author_id, one_per_person) "
            "SELECT %s, %s, id, NULL, false FROM forms_reply WHERE form_id = %s",
            [instance_id, questionnaire.pk, form_id],
        )
        cursor.execute("ANALYZE forms_reply")
    began = time.perf_counter()
    stats.rebuild(definition, Reply.objects.filter(form_id=form_id, is_draft=False))
    return time.perf_counter() - began


def copy_seconds(questionnaire):
    """PostgreSQL's own COPY of the rows the export reads, consumed like the export's output."""
    from django.db import connection

    sql = (
        "COPY (SELECT r.id, r.submitted_at, r.segment, r.answers FROM forms_reply r "
        "JOIN questionnaires_questionnairereply q ON q.reply_id = r.id "
        f"WHERE q.questionnaire_id = {int(questionnaire.pk)} AND NOT r.is_draft ORDER BY r.id) TO STDOUT"
    )
    size = 0
    began = time.perf_counter()
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for block in copy:
            size += len(block)
    return time.perf_counter() - began, size


def export_once(questionnaire):
    """The export as the CSV view serves it (`ReplyExporter.csv_chunks`: PostgreSQL's COPY … WITH CSV)."""
    from participe.forms.export import ReplyExporter
    from participe.forms.models import Reply

    replies = Reply.objects.filter(questionnaire_reply__questionnaire=questionnaire, is_draft=False)
    exporter = ReplyExporter(questionnaire.form.definition(), replies)
    size = rows = 0
    for chunk in exporter.csv_chunks():
        size += len(chunk)
        rows += chunk.count(b"\r\n")  # lines (a few more when texts hold line breaks)
    return size, rows


def results_once(client, questionnaire):
    from django.core.cache import cache

    cache.clear()  # measure the computation, not the one-minute cache of the page's counts
    response = client.get(f"/questionnaires/{questionnaire.pk}/results/")
    assert response.status_code == 200, response.status_code
    return len(response.content)


def measure(function, *args, memory=False):
    if memory:
        tracemalloc.start()
        function(*args)
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        return peak
    began = time.perf_counter()
    result = function(*args)
    return time.perf_counter() - began, result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("database_url")
    parser.add_argument("--replies", type=int, default=100_000)
    parser.add_argument("--small", type=int, default=10_000)
    parser.add_argument("--questions", type=int, default=140)
    parser.add_argument("--repeat", type=int, default=3, help="timings of COPY and export: best of this many")
    args = parser.parse_args()

    os.environ.update({
        "DATABASE_URL": args.database_url, "DEBUG": "0", "HTTPS": "0", "ALLOWED_HOSTS": "*",
        "DJANGO_SETTINGS_MODULE": "participe.settings", "CELERY_TASK_ALWAYS_EAGER": "1",
    })
    ensure_database(args.database_url)
    import django

    django.setup()
    from django.conf import settings

    # Pages are rendered in-process: plain static storage, no collected manifest needed.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    from django.core.management import call_command
    from django.test import Client

    from participe.instances.scoping import in_instance
    from participe.instances.services import create_instance

    call_command("migrate", verbosity=0)
    stamp = uuid.uuid4().hex[:6]
    instance, _ = create_instance(f"Bench questionnaire {stamp}", [f"{stamp}.{HOST}"], slug=f"bench-q-{stamp}")
    client = Client(HTTP_HOST=f"{stamp}.{HOST}")
    report = {}
    with in_instance(instance):
        for label, replies in (("large", args.replies), ("small", args.small)):
            questionnaire = build_questionnaire(instance, f"{label}-{stamp}", args.questions)
            began = time.perf_counter()
            recount = fill(questionnaire, replies)
            print(f"[{label}] {replies} replies generated in {time.perf_counter() - began:.1f} s "
                  f"(results recount {recount:.1f} s)", flush=True)
            # Best of --repeat, alternating COPY and export: the machine is shared, the minimum is the least disturbed.
            copy_runs, export_runs = [], []
            for _round in range(args.repeat):
                copy_runs.append(copy_seconds(questionnaire))
                export_runs.append(measure(export_once, questionnaire))
            copy_time, copy_bytes = min(copy_runs)
            export_time, (export_bytes, rows) = min(export_runs)
            results_once(client, questionnaire)  # warm the template cache
            results_time, _size = measure(results_once, client, questionnaire)
            report[label] = {
                "replies": replies,
                "copy_s": copy_time,
                "copy_mb": copy_bytes / 1e6,
                "export_s": export_time,
                "export_mb": export_bytes / 1e6,
                "export_rows": rows,
                "results_s": results_time,
                "export_peak_mb": measure(export_once, questionnaire, memory=True) / 1e6,
                "results_peak_mb": measure(results_once, client, questionnaire, memory=True) / 1e6,
            }
            r = report[label]
            print(
                f"[{label}] COPY {r['copy_s']:.2f} s ({r['copy_mb']:.0f} MB) | export {r['export_s']:.2f} s "
                f"({r['export_mb']:.0f} MB CSV, {rows} lines) = {r['export_s'] / r['copy_s']:.2f}× COPY, peak "
                f"{r['export_peak_mb']:.1f} MB | results page {r['results_s'] * 1000:.0f} ms = "
                f"{r['results_s'] / r['copy_s']:.3f}× COPY, peak {r['results_peak_mb']:.1f} MB",
                flush=True,
            )
    large, small = report["large"], report["small"]
    print("\nSummary")
    print(f"  export / COPY time: {large['export_s'] / large['copy_s']:.2f}× at {large['replies']} replies, "
          f"{small['export_s'] / small['copy_s']:.2f}× at {small['replies']} (target ≤ 3×)")
    print(f"  results page / COPY time: {large['results_s'] / large['copy_s']:.3f}× at {large['replies']} replies")
    print(f"  export peak memory: {small['export_peak_mb']:.1f} MB at {small['replies']} vs "
          f"{large['export_peak_mb']:.1f} MB at {large['replies']} "
          f"({100 * (large['export_peak_mb'] / small['export_peak_mb'] - 1):+.0f} %, target within 20 %)")
    print(f"  results peak memory: {small['results_peak_mb']:.1f} MB vs {large['results_peak_mb']:.1f} MB")
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
