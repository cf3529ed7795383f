import csv
import io
from datetime import timedelta

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, AnonymousDebateVote, Argument, Debate, Opinion
from participe.projects.models import Project, Step
from participe.votes import tallies
from tests.conftest import host_client


@pytest.mark.django_db
def test_csv_export_is_streamed_and_restricted(instance_a, participant_a, admin_a, open_a, amendment_a):
    url = f"/consultation/{open_a['consultation'].pk}/export.csv"
    assert host_client("a.test", participant_a).get(url).status_code == 403
    response = host_client("a.test", admin_a).get(url)
    assert response.status_code == 200 and response.streaming
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:3] == ["type", "id", "section"]
    assert {r[0] for r in rows[1:]} == {"opinion", "amendment"}


@pytest.mark.django_db
def test_xlsx_export_is_a_background_job_and_a_command(
    instance_a, admin_a, participant_a, admin_b, open_a, amendment_a, tmp_path, django_capture_on_commit_callbacks
):
    url = f"/consultation/{open_a['consultation'].pk}/export.xlsx"
    client = host_client("a.test", admin_a)
    assert "Prepare the contributions as a spreadsheet" in client.get(open_a["consultation"].get_absolute_url()).content.decode()
    assert client.get(url).status_code == 405  # starting a job is a POST
    assert host_client("a.test", participant_a).post(url).status_code == 403
    assert host_client("b.test", admin_b).post(url).status_code == 404
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(url)
    assert response.status_code == 302
    for callback in callbacks:  # the worker runs the job (eagerly in tests)
        callback()
    download = client.get(f"{response['Location']}download/")
    assert download.status_code == 200
    assert host_client("a.test", participant_a).get(f"{response['Location']}download/").status_code in (302, 403, 404)
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(download.streaming_content)), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3 and rows[0][:2] == ("type", "id") and {rows[1][0], rows[2][0]} == {"opinion", "amendment"}
    out = io.StringIO()
    call_command("export", "consultation", str(open_a["step"].pk), "--instance", "a.test", "--format", "xlsx", "--output", str(tmp_path / "c.xlsx"), stdout=out)
    assert "2 rows" in out.getvalue()
    call_command("export", "consultation", str(open_a["step"].pk), "--instance", "a.test", "--format", "csv", "--output", str(tmp_path / "c.csv"), stdout=out)
    assert (tmp_path / "c.csv").read_text(encoding="utf-8-sig").count("\n") == 3


def _debate(instance, state="open", anonymous=True):
    now = timezone.now()
    starts, ends = (now - timedelta(days=1), now + timedelta(days=1)) if state == "open" else (now - timedelta(days=2), now - timedelta(days=1))
    with in_instance(instance):
        project = Project.objects.create(title="Débat", slug=f"debat-{state}", is_published=True)
        step = Step.objects.create(project=project, type="debate", title="Débat", slug="d", starts_at=starts, ends_at=ends)
        return Debate.objects.create(step=step, question="Faut-il ?", statement_for="<p>Oui</p>", statement_against="<p>Non</p>", allows_anonymous_votes=anonymous)


@pytest.mark.django_db
def test_debate_votes_arguments_and_results(instance_a, participant_a, client_a):
    debate = _debate(instance_a)
    client = host_client("a.test", participant_a)
    vote_url = f"/votes/{ContentType.objects.get_for_model(Debate).pk}/{debate.pk}/"
    assert client.post(vote_url, {"value": "1"}, HTTP_ACCEPT="application/json").status_code == 200
    assert client.post(f"/consultation/debate/{debate.pk}/argue/", {"side": "against", "body": "Trop cher."}).status_code == 302
    with in_instance(instance_a):
        debate.refresh_from_db()
        argument = debate.arguments.get()
    assert (debate.votes_for, debate.arguments_against_count) == (1, 1)
    argument_vote = f"/votes/{ContentType.objects.get_for_model(argument).pk}/{argument.pk}/"
    assert client.post(argument_vote, {"value": "1"}).status_code == 302
    page = client_a.get(f"/consultation/step/{debate.step.pk}/").content.decode()
    assert "<table" in page and "Trop cher." in page and "100 %" in page


@pytest.mark.django_db
def test_anonymous_debate_vote_counts_once_confirmed(instance_a, client_a):
    debate = _debate(instance_a)
    response = client_a.post(f"/consultation/debate/{debate.pk}/vote/", {"side": "against", "email": "Eve@Example.org"})
    assert response.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/confirm/" in line)
    path = link.split("b.test")[-1].split("a.test")[-1]
    assert client_a.get(path).status_code == 200  # a mail scanner opening the link counts nothing
    with in_instance(instance_a):
        assert not AnonymousDebateVote.objects.exists()
    client_a.post(path)
    client_a.post(path)  # twice: counted once
    with in_instance(instance_a):
        debate.refresh_from_db()
    assert debate.anonymous_against == 1 and debate.total_against == 1
    assert client_a.post(path[:-3] + "xx/").status_code in (302, 400)


@pytest.mark.django_db
def test_closed_debate_refuses_votes_and_arguments(instance_a, participant_a, client_a):
    debate = _debate(instance_a, "closed")
    assert client_a.post(f"/consultation/debate/{debate.pk}/vote/", {"side": "for", "email": "a@b.org"}).status_code == 403
    response = host_client("a.test", participant_a).post(f"/consultation/debate/{debate.pk}/argue/", {"side": "for", "body": "x"})
    assert response.status_code == 403 and not mail.outbox


@pytest.mark.django_db
def test_ranking_shares_ranks_on_ties_and_applies_the_threshold(instance_a, client_a, open_a):
    with in_instance(instance_a):
        opinions = open_a["opinions"]
        for title, agree, disagree in (("Haut", 9, 1), ("Égal 1", 5, 1), ("Égal 2", 5, 1), ("Zeta-Bas", 1, 1), ("Zeta-Rare", 1, 0)):
            Opinion.objects.create(
                step=open_a["step"], consultation=open_a["consultation"], section=open_a["section"], title=title, body="<p>x</p>",
                votes_agree=agree, votes_disagree=disagree, votes_total=agree + disagree,
            )
        Amendment.objects.create(step=open_a["step"], opinion=opinions[0], title="Amendement égal", body="<p>y</p>", explanation="z", votes_agree=3, votes_total=3)
        Opinion.objects.filter(pk=opinions[0].pk).update(votes_agree=0, votes_disagree=10)
        ranking = Step.objects.create(project=open_a["project"], type="ranking", title="Classement", slug="r", settings={"consultation_step": open_a["step"].pk, "limit": 2, "threshold": 2})
    html = client_a.get(f"/consultation/step/{ranking.pk}/").content.decode()
    assert "Haut" in html and "Égal 1" in html and "Égal 2" in html  # the tie at the cut-off is kept
    assert "Zeta-" not in html and "Amendement" not in html
    assert html.count("<td>2</td>") >= 2


@pytest.mark.django_db
def test_demo_loader_is_idempotent_and_keeps_the_counters(instance_a, admin_a, participant_a, moderator_a):
    from participe.modules.consultation.demo import load_demo

    with in_instance(instance_a):
        accounts = {"admin": admin_a, "citizen": participant_a, "moderator": moderator_a}
        def counted():
            tallies.recount()  # the project's vote total: the minute's recount
            project = Project.objects.get(slug="charte-numerique")
            return (
                Opinion.objects.count(), Argument.objects.count(),
                project.contributions_count, project.votes_count, project.participants_count,
            )

        load_demo(instance_a, accounts, timezone.now())
        once = counted()
        load_demo(instance_a, accounts, timezone.now())
        # Four articles, three arguments; one amendment, three arguments, one opinion and one source written by
        # people; four votes; four participants. A second load changes none of it.
        assert once == counted() == (4, 3, 6, 4, 4)
        steps = list(Step.objects.values_list("pk", flat=True))
    for pk in steps:
        assert host_client("a.test").get(f"/consultation/step/{pk}/").status_code == 200
