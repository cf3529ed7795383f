"""Votations through HTTP: one elector one ballot, secret ballot with receipts, results only after the close."""

import logging
import re
import threading

import pytest
from django.apps import apps
from django.core import mail
from django.db import connection, models

from participe.forms.models import Question
from participe.instances.scoping import in_instance
from participe.modules.votations import services
from participe.modules.votations.models import AuditEntry, Ballot, Elector, PendingBallot, Votation, digest
from tests.forms.builders import english_client
from tests.votations.conftest import FUTURE, ballot_data, close, count_and_publish, make_votation

# Assertions read the English source strings (the French catalogue is tested apart).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def receipt_in(response):
    return re.search(r'class="receipt">([A-Z0-9-]+)<', response.content.decode()).group(1)


def cast(votation):
    """Ballots cast: those in the box and those waiting in the pool for the next batch."""
    return Ballot.objects.filter(votation=votation).count() + PendingBallot.objects.filter(votation=votation).count()


@pytest.mark.parametrize("box", [Ballot, PendingBallot])
def test_the_ballot_box_and_the_pool_have_no_column_that_leads_to_the_elector(box):
    ballot_fields = {f.name: f for f in box._meta.get_fields()}
    links = {name for name, f in ballot_fields.items() if f.is_relation}
    assert links == {"instance", "votation"}  # no account, no elector, no session
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in ballot_fields.values())
    assert isinstance(box._meta.pk, models.UUIDField)  # random ids: no voting order
    assert not any(isinstance(f, models.DateField | models.DateTimeField) for f in Elector._meta.get_fields())
    # No table anywhere points to a ballot.
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.is_relation and field.concrete and field.related_model is box:
                raise AssertionError(f"{model.__name__}.{field.name} links to ballots")


def test_account_votes_once_gets_a_receipt_and_nothing_ties_it_to_them(
    election, participant_a, caplog, django_capture_on_commit_callbacks
):
    votation, questions = election
    client = english_client("a.test", participant_a)
    page = client.get(f"/votations/{votation.pk}/").content.decode()
    assert "Cast my ballot" in page and "<legend>Tram</legend>" in page
    caplog.set_level(logging.DEBUG)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/votations/{votation.pk}/vote/", ballot_data(questions))
    assert response.status_code == 200
    receipt = receipt_in(response)
    with in_instance(votation.instance):
        assert not Ballot.objects.exists()  # in the pool until the next batch
        ballot = PendingBallot.objects.get()
        assert ballot.receipt_digest == digest(receipt)  # the code itself is stored nowhere
        assert ballot.answers[str(questions[0].pk)]["choice"] == questions[0].choices.get(label="Alice").pk
        assert Elector.objects.get().account == participant_a and Elector.objects.get().has_voted
    # The confirmation mail says the vote is recorded, with neither the receipt nor the choices.
    (confirmation,) = mail.outbox
    assert confirmation.to == [participant_a.email] and "déposé et enregistré" in confirmation.body  # the instance speaks French
    assert receipt not in confirmation.body and "Alice" not in confirmation.body
    assert not any(receipt in str(alternative) for alternative in confirmation.alternatives)
    # No log line and no session entry holds the receipt.
    assert not any(receipt in record.getMessage() for record in caplog.records)
    assert receipt not in str(dict(client.session.items()))
    again = client.post(f"/votations/{votation.pk}/vote/", ballot_data(questions, "Bruno"))
    assert again.status_code == 302
    assert "already been cast" in client.get(again["Location"]).content.decode()
    with in_instance(votation.instance):
        assert cast(votation) == 1


def test_a_wrong_ballot_is_refused_with_the_choices_kept(election, participant_a):
    votation, questions = election
    data = ballot_data(questions)
    data.pop(next(k for k in data if k.startswith(questions[1].field_name + "_")))
    response = english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", data)
    content = response.content.decode()
    assert response.status_code == 200 and "Give a grade to every option." in content
    assert "checked" in content
    with in_instance(votation.instance):
        assert not cast(votation) and not Elector.objects.exists()


def test_accounts_outside_the_electorate_cannot_vote(election, make_account, instance_a, client_a):
    votation, questions = election
    unconfirmed = make_account(instance_a, "nouveau@a.test", confirmed=False)
    client = english_client("a.test", unconfirmed)
    assert "not in the electorate" in client.get(f"/votations/{votation.pk}/").content.decode()
    assert client.post(f"/votations/{votation.pk}/vote/", ballot_data(questions)).status_code == 404
    assert "Log in to vote." in english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    with in_instance(instance_a):
        assert not cast(votation)


def test_results_are_hidden_until_the_close_even_from_admins(election, participant_a, admin_a):
    votation, questions = election
    receipt = receipt_in(english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", ballot_data(questions)))
    admin = english_client("a.test", admin_a)
    assert admin.post(f"/votations/{votation.pk}/vote/", ballot_data(questions, "Bruno", tram=0, bus=6)).status_code == 200
    assert "turnout" not in admin.get(f"/votations/{votation.pk}/").content.decode()
    assert admin.get(f"/votations/{votation.pk}/ballots/").status_code == 404
    with in_instance(votation.instance):
        assert services.compute_results(votation) is None
    close(votation)
    page = english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    assert "turnout" not in page and "once the organisers have reviewed the count" in page  # not published yet
    count_and_publish(votation)
    page = english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    assert "2 ballots cast out of 2 electors: turnout 100.0 %." in page.replace("\xa0", " ")
    assert "Majority judgment" in page
    with in_instance(votation.instance):
        assert Ballot.objects.count() == 2 and not PendingBallot.objects.exists()  # the count sealed the pool in
    typed = receipt.lower().replace("-", " ")
    ballots = english_client("a.test").get(f"/votations/{votation.pk}/ballots/", {"receipt": typed})
    content = ballots.content.decode()
    # The receipt's presence, never its choices: a code cannot prove to anyone else how its voter voted.
    assert "This receipt is in the ballot box" in content and "The ballot box holds 2 ballots." in content
    assert "Alice" not in content and "Bruno" not in content and "Tram" not in content
    for wrong in ("AAAA-AAAA-AAAA-AAAA", "²²²²", "x" * 500):
        missing = english_client("a.test").get(f"/votations/{votation.pk}/ballots/", {"receipt": wrong})
        assert missing.status_code == 200 and "No ballot has this receipt code" in missing.content.decode()


def test_the_receipt_check_reads_the_pool_before_the_count_and_writes_nothing(election, participant_a):
    from django.test.utils import CaptureQueriesContext

    votation, questions = election
    response = english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", ballot_data(questions))
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"  # error reports hide the choices
    receipt = receipt_in(response)
    close(votation)
    with CaptureQueriesContext(connection) as queries:
        page = english_client("a.test").get(f"/votations/{votation.pk}/ballots/", {"receipt": receipt})
    assert "This receipt is in the ballot box" in page.content.decode()
    assert "The ballot box holds 1 ballot." in page.content.decode()
    assert not [q["sql"] for q in queries if q["sql"].lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE"))]


def test_voting_is_refused_after_the_close(election, participant_a):
    votation, questions = election
    close(votation)
    response = english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", ballot_data(questions))
    assert response.status_code == 302
    with in_instance(votation.instance):
        assert not cast(votation)


def test_votation_of_another_instance_is_not_found(election, participant_b):
    votation, questions = election
    client = english_client("b.test", participant_b)
    assert client.get(f"/votations/{votation.pk}/").status_code == 404
    assert client.post(f"/votations/{votation.pk}/vote/", ballot_data(questions)).status_code == 404


def test_listed_electors_vote_through_their_invitation_link(instance_a, admin_a, django_capture_on_commit_callbacks):
    votation, questions = make_votation(instance_a, "list", window=FUTURE)
    admin = english_client("a.test", admin_a)
    url = f"/admin/votations/votation/{votation.pk}/electors/"
    bad = admin.post(url, {"emails": "camille@example.org\npas-une-adresse"})
    assert "Not e-mail addresses: pas-une-adresse" in bad.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        admin.post(url, {"emails": "camille@example.org; dominique@example.org, camille@example.org"})
    assert sorted(m.to[0] for m in mail.outbox) == ["camille@example.org", "dominique@example.org"]
    link = re.search(r"http://a\.test(/votations/\d+/invitation/[^\s]+/)", mail.outbox[0].body).group(1)
    with in_instance(instance_a):
        assert Elector.objects.filter(votation=votation).count() == 2
        assert AuditEntry.objects.filter(votation=votation, action="electors_imported").exists()
        Votation.objects.filter(pk=votation.pk)  # opening the vote:
        from datetime import timedelta

        from django.utils import timezone

        from participe.projects.models import Step

        Step.objects.filter(pk=votation.step_id).update(starts_at=timezone.now() - timedelta(hours=1))
    voter = english_client("a.test")
    assert "Cast my ballot" in voter.get(link).content.decode()
    response = voter.post(link, ballot_data(questions))
    assert response.status_code == 200 and receipt_in(response)
    assert "already been cast with this invitation" in voter.get(link).content.decode()
    assert voter.post(link, ballot_data(questions)).status_code == 302
    assert voter.get(f"/votations/{votation.pk}/invitation/not-a-token/").status_code == 404
    with in_instance(instance_a):
        assert cast(votation) == 1
    # Electors cannot be added once the votation is open.
    admin.post(url, {"emails": "late@example.org"})
    with in_instance(instance_a):
        assert not Elector.objects.filter(email="late@example.org").exists()


def test_identification_codes(instance_a, admin_a):
    votation, questions = make_votation(instance_a, "codes", window=FUTURE)
    admin = english_client("a.test", admin_a)
    response = admin.post(f"/admin/votations/votation/{votation.pk}/codes/", {"count": 3})
    codes = response.content.decode().split()[-3:]
    assert len(codes) == 3 and "no-store" in response["Cache-Control"]
    with in_instance(instance_a):
        stored = list(Elector.objects.values_list("code_digest", flat=True))
        assert codes[0] not in stored and len(stored) == 3  # only digests are kept
        from datetime import timedelta

        from django.utils import timezone

        from participe.projects.models import Step

        Step.objects.filter(pk=votation.step_id).update(starts_at=timezone.now() - timedelta(hours=1))
    voter = english_client("a.test")
    wrong = voter.post(f"/votations/{votation.pk}/vote/", {"code": "NOPE", **ballot_data(questions)})
    assert "This code is not valid for this votation." in wrong.content.decode()
    ok = voter.post(f"/votations/{votation.pk}/vote/", {"code": codes[0].lower(), **ballot_data(questions)})
    assert ok.status_code == 200 and receipt_in(ok)
    reuse = voter.post(f"/votations/{votation.pk}/vote/", {"code": codes[0], **ballot_data(questions, "Bruno")})
    assert reuse.status_code == 302
    with in_instance(instance_a):
        assert cast(votation) == 1


def test_configuration_is_audited_and_frozen_once_open(instance_a, admin_a):
    votation, questions = make_votation(instance_a, window=FUTURE)
    admin = english_client("a.test", admin_a)
    url = f"/admin/votations/votation/{votation.pk}/change/"
    data = {"step": votation.step_id, "form": votation.form_id, "electorate": "codes", "email_receipt": "on",
            "audit_entries-TOTAL_FORMS": "0", "audit_entries-INITIAL_FORMS": "0"}
    assert admin.post(url, data).status_code == 302
    with in_instance(instance_a):
        votation.refresh_from_db()
        assert votation.electorate == "codes"
        entry = AuditEntry.objects.get(votation=votation)
        assert entry.actor == admin_a and entry.details == {"electorate": "codes"}
        from datetime import timedelta

        from django.utils import timezone

        from participe.projects.models import Step

        Step.objects.filter(pk=votation.step_id).update(starts_at=timezone.now() - timedelta(hours=1))
    admin.post(url, {**data, "electorate": "accounts"})
    with in_instance(instance_a):
        votation.refresh_from_db()
        assert votation.electorate == "codes"
    # The ballot's questions are locked too.
    question_url = f"/admin/forms/question/{questions[0].pk}/change/"
    response = admin.post(question_url, {"form": votation.form_id, "position": 1, "type": "single_choice", "title": "Changé"})
    assert response.status_code == 403
    with in_instance(instance_a):
        assert Question.objects.get(pk=questions[0].pk).title == "Présidence"


def test_a_ballot_only_takes_ballot_question_types(instance_a, admin_a):
    votation, questions = make_votation(instance_a, window=FUTURE)
    with in_instance(instance_a):
        Question.objects.create(form=votation.form, type="short_text", title="Commentaire", position=9)
    admin = english_client("a.test", admin_a)
    response = admin.post(
        f"/admin/votations/votation/{votation.pk}/change/",
        {"step": votation.step_id, "form": votation.form_id, "electorate": "accounts",
         "audit_entries-TOTAL_FORMS": "0", "audit_entries-INITIAL_FORMS": "0"},
    )
    assert "A ballot only has choice, ranking and majority judgment questions: Commentaire" in response.content.decode()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_double_votes_leave_exactly_one_ballot(instance_a, participant_a):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL")
    votation, questions = make_votation(instance_a)
    with in_instance(instance_a):
        answers = {str(questions[0].pk): {"choice": questions[0].choices.first().pk}}
    attempts = 8
    barrier = threading.Barrier(attempts)
    outcomes = []

    def attempt():
        try:
            with in_instance(instance_a):
                barrier.wait()
                outcomes.append(services.cast_ballot(votation, answers, account=participant_a))
        except services.AlreadyVoted:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with in_instance(instance_a):
        assert cast(votation) == 1
        assert Elector.objects.filter(votation=votation).count() == 1
    assert outcomes.count("refused") == attempts - 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_uses_of_one_code_leave_exactly_one_ballot(instance_a, admin_a):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL")
    votation, questions = make_votation(instance_a, "codes")
    with in_instance(instance_a):
        (code,) = services.generate_codes(votation, 1, admin_a)
        answers = {str(questions[0].pk): {"choice": questions[0].choices.first().pk}}
    attempts = 8
    barrier = threading.Barrier(attempts)
    outcomes = []

    def attempt():
        try:
            with in_instance(instance_a):
                elector = services.elector_by_code(votation, code)
                barrier.wait()
                outcomes.append(services.cast_ballot(votation, answers, elector=elector))
        except services.AlreadyVoted:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt) for _ in range(attempts)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with in_instance(instance_a):
        assert cast(votation) == 1
    assert outcomes.count("refused") == attempts - 1


def test_codes_cannot_be_added_once_the_votation_is_open(instance_a, admin_a, participant_a):
    votation, _questions = make_votation(instance_a, "codes")  # open now
    url = f"/admin/votations/votation/{votation.pk}/codes/"
    response = english_client("a.test", admin_a).post(url, {"count": 3})
    assert response.status_code == 302 and response["Location"].endswith(f"/votation/{votation.pk}/change/")
    assert english_client("a.test", participant_a).post(url, {"count": 3}).status_code in (302, 403)
    with in_instance(instance_a):
        assert not Elector.objects.exists()


def test_the_worker_counts_a_votation_once_it_closes_with_the_electorate_of_the_close(instance_a, instance_b, participant_a):
    from participe.instances.scoping import platform_wide
    from participe.modules.votations.tasks import count_closed_votations
    from tests.conftest import make_user

    votation, questions = make_votation(instance_a)
    still_open, _questions = make_votation(instance_a, slug="encore")
    elsewhere, _questions = make_votation(instance_b, slug="ailleurs")
    english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", ballot_data(questions))
    assert count_closed_votations() == 0  # nothing has closed yet
    close(votation)
    close(elsewhere)
    assert count_closed_votations() == 2  # each in its own instance's scope
    with in_instance(instance_a):
        counted = Votation.objects.get(pk=votation.pk).results
        assert counted["ballots"] == 1 and Votation.objects.get(pk=still_open.pk).results is None
    electors = counted["electors"]
    make_user(instance_a, "late@a.test")  # an account created after the close changes nothing
    assert count_closed_votations() == 0
    count_and_publish(votation)
    page = english_client("a.test").get(f"/votations/{votation.pk}/").content.decode().replace("\xa0", " ")
    assert re.search(rf"1 ballots? cast out of {electors} electors", page)
    with platform_wide():
        assert Votation.objects.get(pk=elsewhere.pk).results["ballots"] == 0
