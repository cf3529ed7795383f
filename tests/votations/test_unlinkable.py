"""The secret ballot against an adversary who holds everything stored, on SQLite and on PostgreSQL.

Fifty electors vote, each for one of two candidates (25 each, in a random order), in the order of the
register (the worst case: the register's order is the voting order). After the close, the adversary
reads every column of every table, the rows' physical places (SQLite's rowid, PostgreSQL's ctid) and
transaction ids (xmin), the log records, the e-mails and the queue files, and tries every obvious way
of matching register rows to ballots. Knowing nothing, one guesses right half the time; each way must
do no better than chance plus a tolerance. The old write order (register row, then ballot, in one
transaction) is attacked the same way and undone completely: the test bites.
"""

import json
import logging
import random
import re
import stat
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.modules.votations import services, tasks
from participe.modules.votations.models import Ballot, Elector, PendingBallot, digest, new_receipt
from participe.projects.models import Step
from tests.conftest import make_user
from tests.forms.builders import english_client
from tests.votations.conftest import FUTURE, ballot_data, close, count_and_publish, make_votation

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("english")]

VOTERS = 50
# Chance is 0.5 (25 ballots each way). A random matching scores 40 of 50 or more with a probability of
# about 1e-5, so the few dozen ways tried stay far from a false alarm; the old write order scores 1.0.
TOLERATED = 0.78


def choices_for_the_voters(questions):
    with in_instance(questions[0].instance):
        alice, bruno = (questions[0].choices.get(label=label).pk for label in ("Alice", "Bruno"))
    picks = ["Alice"] * (VOTERS // 2) + ["Bruno"] * (VOTERS // 2)
    random.shuffle(picks)
    return picks, {"Alice": alice, "Bruno": bruno}


def open_now(votation):
    with in_instance(votation.instance):
        Step.objects.filter(pk=votation.step_id).update(starts_at=timezone.now() - timedelta(hours=1))
        votation.step.refresh_from_db()


# The voters -----------------------------------------------------------------------------------


def electorate_of(kind, instance):
    """(votation, questions, voters): each voter is a function posting a ballot through HTTP and returning
    (the response, the elector's register id), in the order of the register."""
    votation, questions = make_votation(instance, kind, window=FUTURE, slug=f"secret-{kind}")
    voters = []
    if kind == "accounts":
        for n in range(VOTERS):
            account = make_user(instance, f"electeur{n}@a.test")

            def vote(data, n=n, account=account):
                response = english_client("a.test", account).post(f"/votations/{votation.pk}/vote/", data)
                with in_instance(instance):
                    return response, Elector.objects.get(votation=votation, account=account).pk

            voters.append(vote)
    elif kind == "codes":
        with in_instance(instance):
            codes = services.generate_codes(votation, VOTERS, None)
        for n, code in enumerate(codes):

            def vote(data, n=n, code=code):
                response = english_client("a.test").post(
                    f"/votations/{votation.pk}/vote/", {"code": code, **data}, REMOTE_ADDR=f"10.0.0.{n}"
                )
                with in_instance(instance):
                    return response, services.elector_by_code(votation, code).pk

            voters.append(vote)
    else:
        emails = [f"electrice{n}@example.org" for n in range(VOTERS)]
        with in_instance(instance):
            services.import_electors(votation, emails, None, lambda token: f"/votations/{votation.pk}/invitation/{token}/")
        links = {message.to[0]: re.search(r"(/votations/\d+/invitation/\S+/)", message.body).group(1) for message in mail.outbox}
        for n, email in enumerate(emails):

            def vote(data, n=n, email=email):
                response = english_client("a.test").post(links[email], data, REMOTE_ADDR=f"10.0.1.{n}")
                with in_instance(instance):
                    return response, Elector.objects.get(votation=votation, email=email).pk

            voters.append(vote)
    open_now(votation)
    return votation, questions, voters


def cast_as_before(votation, answers, elector_id=None, account=None):
    """The write order this module had before the pool: the register row, then the ballot, in one transaction."""
    with transaction.atomic():
        if account is not None:
            elector_id = Elector.objects.create(
                votation=votation, account=account, has_voted=True, instance_id=votation.instance_id
            ).pk
        else:
            Elector.objects.filter(pk=elector_id, has_voted=False).update(has_voted=True)
        Ballot.objects.create(
            votation=votation, answers=answers, receipt_digest=digest(new_receipt()), instance_id=votation.instance_id
        )
    return elector_id


# The adversary -----------------------------------------------------------------------------------


def every_table():
    """Every row of every table, as the columns' text: what a logical dump holds."""
    dump = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - names from the schema
            columns = [column[0] for column in cursor.description]
            dump[table] = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    return dump


def with_system_columns(table, votation_id):
    """The rows of one of the votation's tables with their place on disk and, on PostgreSQL, their transaction id."""
    if connection.vendor == "postgresql":
        extra = "xmin::text::bigint AS xmin, ctid::text AS place"
    else:
        extra = "rowid AS place"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {extra}, * FROM {table} WHERE votation_id = %s", [votation_id])  # noqa: S608
        columns = [column[0] for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:
        if isinstance(row["place"], str):  # ctid "(page,item)"
            row["place"] = tuple(int(part) for part in row["place"].strip("()").split(","))
    return rows


def queue_files():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    folders = {options[key] for key in ("data_folder_in", "data_folder_out", "processed_folder", "control_folder") if key in options}
    return [path.read_bytes().decode("utf-8", "replace") for folder in folders for path in Path(folder).rglob("*") if path.is_file()]


def adversary(votation, question_id, log_records):
    """{way of linking: {register row id: the choice it guesses}} from everything stored after the close."""
    dump = every_table()
    electors = with_system_columns("votations_elector", votation.pk)
    ballots = with_system_columns("votations_ballot", votation.pk)
    choice_of = {ballot["id"]: _choice(ballot["answers"], question_id) for ballot in ballots}
    accounts = {row["id"]: row["email"] for row in dump["accounts_user"]}
    address = {e["id"]: e["email"] or accounts.get(e["account_id"], "") for e in electors}

    elector_orders = {"register id": lambda e: e["id"], "register place on disk": lambda e: e["place"]}
    ballot_orders = {"ballot id": lambda b: str(b["id"]), "receipt": lambda b: b["receipt_digest"],
                     "ballot place on disk": lambda b: b["place"]}
    if connection.vendor == "postgresql":
        elector_orders["register xmin"] = lambda e: e["xmin"]
        ballot_orders["ballot xmin"] = lambda b: (b["xmin"], b["place"])
    first_seen = {row["user_id"]: row["first_seen_at"] for row in dump["participation_projectparticipant"]}
    if any(e["account_id"] in first_seen for e in electors):
        elector_orders["participation time"] = lambda e: (first_seen.get(e["account_id"]) or timezone.now(), e["id"])
    mailed = [message.to[0] for message in mail.outbox]
    if any(address[e["id"]] in mailed for e in electors):
        last_mail = {to: index for index, to in enumerate(mailed)}
        elector_orders["order of the e-mails"] = lambda e: (last_mail.get(address[e["id"]], -1), e["id"])

    guesses = {}
    for elector_way, elector_key in elector_orders.items():
        for ballot_way, ballot_key in ballot_orders.items():
            pairs = zip(sorted(electors, key=elector_key), sorted(ballots, key=ballot_key), strict=True)
            guesses[f"{elector_way} ↔ {ballot_way}"] = {e["id"]: choice_of[b["id"]] for e, b in pairs}
    if connection.vendor == "postgresql":
        guesses["nearest xmin"] = {
            e["id"]: choice_of[min(ballots, key=lambda b, e=e: (abs(b["xmin"] - e["xmin"]), b["place"]))["id"]]
            for e in electors
        }
    if connection.vendor == "postgresql":
        guesses["majority of the first batch after the vote"] = {e["id"]: _first_batch_majority(e, ballots, choice_of) for e in electors}
    guesses["a ballot named next to a voter"] = _named_together(dump, electors, ballots, choice_of, address, log_records)
    return guesses


def _first_batch_majority(elector, ballots, choice_of):
    """A batch written after the vote holds it: guess the choice most of that batch made."""
    later = [b["xmin"] for b in ballots if b["xmin"] > elector["xmin"]] or [max(b["xmin"] for b in ballots)]
    batch = [choice_of[b["id"]] for b in ballots if b["xmin"] == min(later)]
    return max(sorted(set(batch)), key=batch.count)


def _choice(answers, question_id):
    if isinstance(answers, str):  # SQLite hands JSON back as text
        answers = json.loads(answers)
    return answers[str(question_id)]["choice"]


def _named_together(dump, electors, ballots, choice_of, address, log_records):
    """A text anywhere (another table's row, a log line, an e-mail, a queued job) naming a ballot and a voter."""
    texts = [" ".join(str(value) for value in row.values()) for table, rows in dump.items() if table != "votations_ballot" for row in rows]
    texts += [record.getMessage() for record in log_records]
    texts += [f"{message.to} {message.body} {message.alternatives}" for message in mail.outbox]
    texts += queue_files()
    names = {e["id"]: {n for n in (address[e["id"]], e["code_digest"], e["invitation_digest"]) if n} for e in electors}
    guessed = {}
    for ballot in ballots:
        tokens = {str(ballot["id"]), str(ballot["id"]).replace("-", ""), ballot["receipt_digest"]}
        for text in texts:
            if any(token in text for token in tokens):
                for elector_id, elector_names in names.items():
                    if any(name in text for name in elector_names):
                        guessed[elector_id] = choice_of[ballot["id"]]
    majority = max(set(choice_of.values()), key=list(choice_of.values()).count)
    return {e["id"]: guessed.get(e["id"], majority) for e in electors}


def accuracy(guesses, truth):
    return {way: sum(guess[elector] == truth[elector] for elector in truth) / len(truth) for way, guess in guesses.items()}


# The tests --------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["accounts", "codes", "list"])
def test_nobody_links_a_voter_to_their_ballot_better_than_chance(kind, instance_a, caplog):
    caplog.set_level(logging.DEBUG)
    votation, questions, voters = electorate_of(kind, instance_a)
    picks, choice_ids = choices_for_the_voters(questions)
    truth, receipts = {}, []
    for vote, pick in zip(voters, picks, strict=True):
        response, elector_id = vote(ballot_data(questions, pick, tram=3, bus=3))
        assert response.status_code == 200, response.content.decode()[:500]
        receipts.append(re.search(r'class="receipt">([A-Z0-9-]+)<', response.content.decode()).group(1))
        truth[elector_id] = choice_ids[pick]
        tasks.flush_ballot_pools()  # the scheduled task, as if a minute had passed after each ballot
    with in_instance(instance_a):
        assert Ballot.objects.filter(votation=votation).count() == VOTERS - VOTERS % 10  # batches of VOTATION_BATCH_MIN
    close(votation)
    assert tasks.count_closed_votations() == 1
    with in_instance(instance_a):
        assert Ballot.objects.filter(votation=votation).count() == VOTERS and not PendingBallot.objects.exists()

    if connection.vendor == "postgresql":  # the seal: one transaction wrote the whole box
        assert len({b["xmin"] for b in with_system_columns("votations_ballot", votation.pk)}) == 1
    scores = accuracy(adversary(votation, questions[0].pk, caplog.records), truth)
    assert len(scores) >= 7
    assert max(scores.values()) <= TOLERATED, scores
    # The receipts themselves are stored, logged, mailed and queued nowhere.
    stored = repr(every_table()) + " ".join(r.getMessage() for r in caplog.records) + " ".join(queue_files())
    stored += " ".join(f"{m.body} {m.alternatives}" for m in mail.outbox)
    assert not any(receipt in stored for receipt in receipts)


@pytest.mark.parametrize("kind", ["accounts", "codes"])
def test_the_old_write_order_is_undone_by_the_same_adversary(kind, instance_a):
    votation, questions, voters = electorate_of(kind, instance_a)
    picks, choice_ids = choices_for_the_voters(questions)
    with in_instance(instance_a):
        if kind == "accounts":
            accounts = [make_user(instance_a, f"ancien{n}@a.test") for n in range(VOTERS)]
            electors = [None] * VOTERS
        else:
            accounts = [None] * VOTERS
            electors = list(Elector.objects.filter(votation=votation).order_by("pk").values_list("pk", flat=True))
        truth = {}
        for pick, account, elector_id in zip(picks, accounts, electors, strict=True):
            answers = {str(questions[0].pk): {"choice": choice_ids[pick]}}
            truth[cast_as_before(votation, answers, elector_id, account)] = choice_ids[pick]
    close(votation)
    scores = accuracy(adversary(votation, questions[0].pk, []), truth)
    assert max(scores.values()) == 1.0, scores


def test_the_count_seals_every_waiting_ballot_in_whatever_k(instance_a, participant_a):
    votation, questions = make_votation(instance_a)
    english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", ballot_data(questions))
    assert tasks.flush_ballot_pools() == 0  # one ballot waits: fewer than VOTATION_BATCH_MIN
    with in_instance(instance_a):
        assert PendingBallot.objects.count() == 1 and not Ballot.objects.exists()
    close(votation)
    count_and_publish(votation)
    page = english_client("a.test").get(f"/votations/{votation.pk}/").content.decode().replace("\xa0", " ")
    assert "1 ballots cast out of" in page or "1 ballot cast out of" in page
    with in_instance(instance_a):
        assert Ballot.objects.count() == 1 and not PendingBallot.objects.exists()


def test_a_ballot_cast_as_the_count_seals_the_box_is_refused_not_lost(instance_a, participant_a):
    votation, questions = make_votation(instance_a)
    with in_instance(instance_a):
        answers = {str(questions[0].pk): {"choice": questions[0].choices.first().pk}}
        close(votation)
        services.compute_results(votation)
        with pytest.raises(services.VotationClosed):
            services.cast_ballot(votation, answers, account=participant_a)
        assert not Elector.objects.exists() and not PendingBallot.objects.exists()


def test_the_queue_folders_are_private():
    options = settings.CELERY_BROKER_TRANSPORT_OPTIONS
    if not options:
        pytest.skip("not the filesystem broker")
    for key in ("data_folder_in", "processed_folder", "control_folder"):
        folder = Path(options[key])
        for private in (folder, folder.parent):
            assert stat.S_IMODE(private.stat().st_mode) & 0o077 == 0, private


@pytest.mark.postgres
def test_parallel_casts_and_batches_lose_no_ballot_and_a_cast_during_the_count_is_refused(instance_a):
    if connection.vendor != "postgresql":
        pytest.skip("real concurrency needs PostgreSQL")
    import threading

    from participe.modules.votations.models import Votation

    votation, questions = make_votation(instance_a)
    accounts = [make_user(instance_a, f"parallele{n}@a.test") for n in range(12)]
    with in_instance(instance_a):
        answers = {str(questions[0].pk): {"choice": questions[0].choices.first().pk}}
    barrier = threading.Barrier(len(accounts) + 1)
    receipts, flushed = [], []

    def cast(account):
        try:
            with in_instance(instance_a):
                barrier.wait()
                receipts.append(services.cast_ballot(votation, answers, account=account))
        finally:
            connection.close()

    def flush():
        try:
            with in_instance(instance_a):
                barrier.wait()
                for _round in range(20):
                    flushed.append(services.flush_pool(votation, minimum=1))
        finally:
            connection.close()

    threads = [threading.Thread(target=cast, args=(account,)) for account in accounts] + [threading.Thread(target=flush)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(receipts) == len(accounts)
    with in_instance(instance_a):
        in_box = Ballot.objects.filter(votation=votation).count()
        assert in_box == sum(flushed) and in_box + PendingBallot.objects.count() == len(accounts)

    # The count holds the votation's row while it seals the box: a cast arriving then waits, finds the
    # votation counted and is refused whole (no register row, no ballot), instead of landing after the count.
    late = make_user(instance_a, "tardif@a.test")
    counting, outcome = threading.Event(), []

    def count():
        try:
            with in_instance(instance_a), transaction.atomic():
                counted = Votation.objects.select_for_update().select_related("step", "form").get(pk=votation.pk)
                counting.set()
                time.sleep(0.5)  # the late cast, which saw the votation open, now waits for this row
                Step.objects.filter(pk=counted.step_id).update(ends_at=timezone.now() - timedelta(seconds=1))
                counted.step.refresh_from_db()
                services.compute_results(counted)
        finally:
            connection.close()

    def cast_late():
        try:
            with in_instance(instance_a):
                counting.wait()
                services.cast_ballot(votation, answers, account=late)
                outcome.append("cast")
        except services.VotationClosed:
            outcome.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=count), threading.Thread(target=cast_late)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcome == ["refused"]
    with in_instance(instance_a):
        results = Votation.objects.get(pk=votation.pk).results
        assert results["ballots"] == len(accounts) == Ballot.objects.count()
        assert not PendingBallot.objects.exists() and not Elector.objects.filter(account=late).exists()
