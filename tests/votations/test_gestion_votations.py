"""The votation's back office (/gestion/votations/): roles × instances, settings, list electorate with its preview,
identification codes that vote, count then publication (nothing public before), the register (who, never how)."""

import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from participe.accounts.models import ParticipantGroup
from participe.instances.scoping import in_instance
from participe.modules.votations.models import AuditEntry, Elector, Votation
from participe.projects.models import Step
from tests.conftest import host_client, make_user
from tests.forms.builders import english_client
from tests.votations.conftest import FUTURE, ballot_data, close, make_votation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PAGES = ["settings", "electorate", "results", "register"]


def url(votation, page):
    return f"/gestion/votations/steps/{votation.step_id}/{page}/"


@pytest.fixture
def future_list(instance_a):
    votation, questions = make_votation(instance_a, electorate="list", window=FUTURE)
    return votation, questions


@pytest.fixture
def admin(admin_a):
    return english_client("a.test", admin_a)


@pytest.mark.parametrize("page", PAGES)
def test_each_page_answers_each_role_and_no_other_instance(page, instance_a, admin_a, moderator_a, participant_a, admin_b):
    votation, _questions = make_votation(instance_a)
    assert english_client("a.test", admin_a).get(url(votation, page)).status_code == 200
    manager = make_user(instance_a, "chef@a.test")
    other = make_user(instance_a, "autre-chef@a.test")
    with in_instance(instance_a):
        votation.step.project.administrators.add(manager)
    assert host_client("a.test", manager).get(url(votation, page)).status_code == 200
    # … the administrator of another project does not.
    other_votation, _q = make_votation(instance_a, slug="autre")
    with in_instance(instance_a):
        other_votation.step.project.administrators.add(other)
    assert host_client("a.test", other).get(url(votation, page)).status_code == 404
    assert host_client("a.test", moderator_a).get(url(votation, page)).status_code == 403
    assert host_client("a.test", participant_a).get(url(votation, page)).status_code == 403
    anonymous = host_client("a.test").get(url(votation, page))
    assert anonymous.status_code == 302 and anonymous["Location"].startswith("/accounts/login/")
    # Staff of instance B, on B, asking for A's step: not found.
    assert host_client("b.test", admin_b).get(url(votation, page)).status_code == 404


def test_the_step_page_lists_the_votation_editors(instance_a, admin):
    votation, _questions = make_votation(instance_a)
    page = admin.get(f"/gestion/steps/{votation.step_id}/").content.decode()
    for target in [f"/gestion/forms/{votation.form_id}/", *(url(votation, p) for p in PAGES)]:
        assert f'href="{target}"' in page
    assert "Edit the ballot" not in page  # the hard-coded button gave way to the editors


def test_settings_set_the_dates_the_electorate_and_a_group(instance_a, admin, future_list):
    votation, _questions = future_list
    with in_instance(instance_a):
        group = ParticipantGroup.objects.create(name="Conseil")
    wrong = admin.post(url(votation, "settings"), {
        "starts_at": "2030-05-02T10:00", "ends_at": "2030-05-01T10:00", "electorate": "accounts", "group": group.pk,
    })
    assert wrong.status_code == 400 and "The vote must close after it opens." in wrong.content.decode()
    saved = admin.post(url(votation, "settings"), {
        "starts_at": "2030-05-01T10:00", "ends_at": "2030-05-08T18:00", "electorate": "accounts", "group": group.pk,
    })
    assert saved.status_code == 302
    with in_instance(instance_a):
        votation.refresh_from_db()
        step = Step.objects.get(pk=votation.step_id)
        assert votation.electorate == "accounts" and not votation.email_receipt
        assert step.ends_at.day == 8 and {"kind": "group", "group": group.pk} in step.requirements
        assert AuditEntry.objects.filter(votation=votation, action="changed").exists()
    assert "Members of the group “Conseil”" in admin.get(url(votation, "electorate")).content.decode()
    # A group only narrows an electorate of accounts.
    refused = admin.post(url(votation, "settings"), {
        "starts_at": "2030-05-01T10:00", "ends_at": "2030-05-08T18:00", "electorate": "codes", "group": group.pk,
    })
    assert refused.status_code == 400 and "A group only restricts an electorate of accounts." in refused.content.decode()


def test_once_open_the_electorate_no_longer_changes(instance_a, admin):
    votation, _questions = make_votation(instance_a, electorate="list")
    page = admin.get(url(votation, "settings")).content.decode()
    assert re.search(r'name="electorate"[^>]*disabled', page)
    admin.post(url(votation, "settings"), {
        "starts_at": "2020-01-01T10:00", "ends_at": "2040-01-01T10:00", "electorate": "codes", "email_receipt": "on",
    })
    with in_instance(instance_a):
        votation.refresh_from_db()
        assert votation.electorate == "list"
    upload = admin.post(url(votation, "electorate"), {"lines": "late@example.org"}, follow=True)
    assert "can no longer change" in upload.content.decode()
    with in_instance(instance_a):
        assert not Elector.objects.exists()


def test_a_list_with_wrong_lines_is_refused_line_by_line(instance_a, admin, future_list):
    votation, _questions = future_list
    csv_file = SimpleUploadedFile(
        "electeurs.csv",
        b"email;nom\nmarie@example.org;Marie Curie\npaul@example;Paul\n\nun@example.org;deux@example.org\n;Sans adresse\n"
,
        content_type="text/csv",
    )
    response = admin.post(url(votation, "electorate"), {"file": csv_file})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Line 3: “paul@example” is not a valid e-mail address" in page
    assert "Line 5: more than one e-mail address" in page and "Line 6: no e-mail address" in page
    assert "Nothing is imported." in page and 'name="payload"' not in page
    for bad in (b"\x00\x01PK binary", b""):
        response = admin.post(url(votation, "electorate"), {"file": SimpleUploadedFile("x.csv", bad)})
        assert response.status_code == 400
    assert admin.post(url(votation, "electorate"), {}).status_code == 400
    with in_instance(instance_a):
        assert not Elector.objects.exists()


def test_a_list_is_previewed_then_imported_matched_to_accounts_and_invited(
    instance_a, admin, future_list, django_capture_on_commit_callbacks
):
    votation, _questions = future_list
    known = make_user(instance_a, "Marie@example.org")
    text = "Marie@example.org,Marie Curie\npaul@example.org\nPaul@example.org,Paul\n"
    preview = admin.post(url(votation, "electorate"), {"file": SimpleUploadedFile("l.csv", text.encode("cp1252"))})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert "2 electors will be added" in page and "1 of them already has an account." in page
    assert "1 repeated line left out." in page and "matched to an account" in page
    with in_instance(instance_a):
        assert not Elector.objects.exists()  # nothing before the confirmation
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    tampered = admin.post(url(votation, "electorate/import"), {"payload": payload[:-2] + "xx"})
    assert tampered.status_code == 400 and "upload the list again" in tampered.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = admin.post(url(votation, "electorate/import"), {"payload": payload}, follow=True)
    assert "2 electors added" in done.content.decode()
    with in_instance(instance_a):
        electors = {e.email: e for e in Elector.objects.filter(votation=votation)}
        assert set(electors) == {"marie@example.org", "paul@example.org"}
        assert electors["marie@example.org"].account == known and electors["marie@example.org"].name == "Marie Curie"
    assert sorted(m.to[0] for m in mail.outbox) == ["marie@example.org", "paul@example.org"]
    # The same list again adds nobody: the addresses are on the register.
    again = admin.post(url(votation, "electorate"), {"lines": "paul@example.org"}).content.decode()
    assert "0 electors will be added" in again and "1 address is already on the register" in again
    register = admin.get(url(votation, "register")).content.decode()
    assert "Marie Curie" in register and "paul@example.org" in register


def test_generated_codes_are_shown_once_and_let_their_holders_vote(instance_a, admin):
    votation, questions = make_votation(instance_a, electorate="codes", window=FUTURE)
    printed = admin.post(url(votation, "electorate/codes"), {"count": 3, "format": "print"})
    assert printed.status_code == 200 and printed["Cache-Control"] == "no-store"
    codes = re.findall(r'class="code-card__code">([A-Z0-9]+)<', printed.content.decode())
    assert len(codes) == 3
    as_csv = admin.post(url(votation, "electorate/codes"), {"count": 2, "format": "csv"})
    assert as_csv["Content-Type"].startswith("text/csv") and as_csv["Cache-Control"] == "no-store"
    assert len(as_csv.content.decode().strip().splitlines()) == 3
    assert admin.post(url(votation, "electorate/codes"), {"count": 0, "format": "print"}).status_code == 400
    assert admin.post(url(votation, "electorate/codes"), {"count": "abc", "format": "pdf"}).status_code == 400
    with in_instance(instance_a):
        assert Elector.objects.filter(votation=votation).count() == 5
        assert not Elector.objects.filter(code_digest__in=codes).exists()  # only digests are kept
        from datetime import timedelta

        from django.utils import timezone

        Step.objects.filter(pk=votation.step_id).update(starts_at=timezone.now() - timedelta(hours=1))
    voter = english_client("a.test")
    voted = voter.post(f"/votations/{votation.pk}/vote/", {"code": codes[1].lower(), **ballot_data(questions)})
    assert voted.status_code == 200 and 'class="receipt"' in voted.content.decode()
    assert "1 elector has voted so far." in admin.get(url(votation, "results")).content.decode()


def test_results_are_counted_reviewed_then_published_and_never_public_before(instance_a, admin, participant_a):
    votation, questions = make_votation(instance_a)
    english_client("a.test", participant_a).post(f"/votations/{votation.pk}/vote/", ballot_data(questions))
    before_close = admin.get(url(votation, "results")).content.decode()
    assert "Count the ballots" not in before_close and "Alice" not in before_close
    assert admin.post(url(votation, "results/count"), follow=True).status_code == 200
    with in_instance(instance_a):
        assert Votation.objects.get(pk=votation.pk).results is None  # never before the close
    close(votation)
    public = english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    assert "once the organisers have reviewed the count" in public and "turnout" not in public
    review = admin.get(url(votation, "results")).content.decode()
    assert "Count the ballots" in review
    with in_instance(instance_a):
        assert Votation.objects.get(pk=votation.pk).results is None  # the page did not count
    assert admin.post(url(votation, "publish"), follow=True).status_code == 404  # no such page
    refused = admin.post(url(votation, "results/publish"), follow=True).content.decode()
    assert "Count the ballots before publishing the results." in refused
    counted = admin.post(url(votation, "results/count"), follow=True).content.decode().replace("\xa0", " ")
    assert "1 ballots cast out of" in counted or "1 ballot cast out of" in counted
    assert "The register says 1 elector voted" in counted and "Publish the results" in counted
    assert "turnout" not in english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    admin.post(url(votation, "results/publish"))
    public = english_client("a.test").get(f"/votations/{votation.pk}/").content.decode()
    assert "turnout" in public and "Alice" in public
    with in_instance(instance_a):
        assert AuditEntry.objects.filter(votation=votation, action="results_published").count() == 1


def test_the_register_says_who_voted_never_how_with_constant_queries(
    instance_a, admin, participant_a, django_assert_max_num_queries
):
    votation, questions = make_votation(instance_a)
    for n in range(4):
        voter = make_user(instance_a, f"votant{n}@a.test", display_name=f"Votant {n}")
        english_client("a.test", voter).post(f"/votations/{votation.pk}/vote/", ballot_data(questions, "Bruno"))
    with django_assert_max_num_queries(20):
        page = admin.get(url(votation, "register")).content.decode()
    assert "Votant 3" in page and "4 electors" in page
    assert "Bruno" not in page and "Alice" not in page
    assert "Votant 1" not in admin.get(url(votation, "register"), {"voted": "no"}).content.decode()
    assert admin.get(url(votation, "register"), {"voted": "maybe", "page": "x"}).status_code == 200


def test_emptying_the_register_before_the_opening(instance_a, admin, future_list):
    votation, _questions = future_list
    admin.post(url(votation, "electorate/import"), {"payload": "forged"})
    page = admin.post(url(votation, "electorate"), {"lines": "a@example.org\nb@example.org"}).content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', page).group(1)
    admin.post(url(votation, "electorate/import"), {"payload": payload})
    # The electorate's kind does not change under a filled register.
    refused = admin.post(url(votation, "settings"), {
        "starts_at": "2030-05-01T10:00", "ends_at": "2030-05-08T18:00", "electorate": "codes",
    })
    assert refused.status_code == 400
    admin.post(url(votation, "electorate/empty"))
    with in_instance(instance_a):
        assert not Elector.objects.filter(votation=votation).exists()
        assert AuditEntry.objects.filter(votation=votation, action="register_emptied").exists()


def test_the_votation_back_office_speaks_french(instance_a, admin_a, future_list):
    votation, _questions = future_list
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "fr"
    page = client.get(url(votation, "electorate")).content.decode()
    assert "Importer une liste d'électeurs" in page and "Liste électorale" in page
    wrong = client.post(url(votation, "electorate"), {"lines": "paul@example"}).content.decode()
    assert "Ligne 1 : « paul@example » n&#x27;est pas une adresse e-mail valide" in wrong


def test_the_dashboard_asks_to_publish_the_results_of_a_closed_votation(instance_a, admin, participant_a):
    votation, _questions = make_votation(instance_a)
    assert "Results to publish" not in admin.get("/gestion/").content.decode()
    close(votation)
    page = admin.get("/gestion/").content.decode()
    assert "Results to publish: Élection du bureau" in page and f'href="{url(votation, "results")}"' in page
    admin.post(url(votation, "results/count"))
    admin.post(url(votation, "results/publish"))
    assert "Results to publish" not in admin.get("/gestion/").content.decode()


def test_once_counted_the_close_no_longer_moves_but_the_e_mail_setting_still_saves(instance_a, admin):
    votation, _questions = make_votation(instance_a)
    close(votation)
    admin.post(url(votation, "results/count"))
    with in_instance(instance_a):
        step = Step.objects.get(pk=votation.step_id)
    current = timezone.localtime(step.ends_at).strftime("%Y-%m-%dT%H:%M")
    kept = admin.post(url(votation, "settings"), {"ends_at": current, "email_receipt": ""})
    assert kept.status_code == 302
    with in_instance(instance_a):
        assert Step.objects.get(pk=votation.step_id).ends_at == step.ends_at
        assert not Votation.objects.get(pk=votation.pk).email_receipt
    moved = admin.post(url(votation, "settings"), {"ends_at": "2040-01-01T10:00"})
    assert moved.status_code == 400 and "the close can no longer move" in moved.content.decode()
