"""The plan, the most-voted article page and the controversial sort cost the same number of queries
with 10 opinions and with the 696 opinions of République numérique."""

from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Argument, Consultation, Opinion, Section, Source
from tests.conftest import host_client
from tests.consultation.conftest import build_consultation

DUMP = Path(__file__).resolve().parents[3] / "shared" / "data" / "republique-numerique"


def _pages(consultation):
    section = Section.objects.filter(consultation=consultation).order_by("-opinions_count").first()
    top = Opinion.objects.filter(consultation=consultation).order_by("-votes_total").first()
    return {
        "plan": f"/consultation/{consultation.pk}/",
        "article": f"/consultation/opinion/{top.pk}/",
        "controversial": f"/consultation/section/{section.pk}/?sort=controversial",
        "random": f"/consultation/section/{section.pk}/?sort=random&page=2",
        "amendments": f"/consultation/section/{section.pk}/?type=amendments&sort=agreed",
    }


def _count(client, url):
    client.get(url)  # warm the session and caches alike for both data sets
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def _enrich(opinion, author):
    """Give the most-voted article amendments, arguments and sources, in both data sets alike."""
    step = opinion.step
    for n in range(3):
        Amendment.objects.create(step=step, opinion=opinion, author=author, title=f"A{n}", body=f"<p>v{n}</p>", explanation="x")
        Argument.objects.create(step=step, opinion=opinion, author=author, side="for", body="oui")
        Argument.objects.create(step=step, opinion=opinion, author=author, side="against", body="non")
        Source.objects.create(step=step, opinion=opinion, author=author, title="s", link="https://example.org")
    Opinion.objects.filter(pk=opinion.pk).update(
        amendments_count=3, arguments_for_count=opinion.arguments_for_count + 3,
        arguments_against_count=opinion.arguments_against_count + 3, sources_count=opinion.sources_count + 3,
        votes_total=opinion.votes_total + 10_000,
    )


@pytest.mark.django_db
def test_constant_queries_with_10_and_696_opinions(instance_a, participant_a, admin_a):
    small = build_consultation(instance_a, "open", opinions=10, author=admin_a)
    with in_instance(instance_a):
        _enrich(small["opinions"][-1], admin_a)
    call_command("import", "republique-numerique", str(DUMP), "--instance", "a.test", stdout=open("/dev/null", "w"))
    with in_instance(instance_a):
        full = Consultation.objects.get(external_id="republique-numerique")
        assert Opinion.objects.filter(consultation=full).count() == 696
        _enrich(Opinion.objects.filter(consultation=full).order_by("-votes_total").first(), admin_a)
        small_pages, full_pages = _pages(small["consultation"]), _pages(full)
    for client in (host_client("a.test"), host_client("a.test", participant_a)):
        for name in small_pages:
            assert _count(client, small_pages[name]) == _count(client, full_pages[name]), name
