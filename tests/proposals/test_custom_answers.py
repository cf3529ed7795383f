"""Answers to a collect step's custom questions: public ones on the proposal page, staff-only ones for staff only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.forms.models import AnswerFile, Form, Question
from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal
from tests.conftest import host_client
from tests.proposals.conftest import make_step

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def asked(instance_a):
    with in_instance(instance_a):
        form = Form.objects.create(title="Questions du dépôt")
        public = Question.objects.create(form=form, position=1, type="short_text", title="Quel quartier ?")
        secret = Question.objects.create(form=form, position=2, type="short_text", title="Votre téléphone", private=True)
        upload = Question.objects.create(form=form, position=3, type="file", title="Un plan", config={"kinds": ["pdf"]})
    step = make_step(instance_a, proposal_form_id=form.pk)
    return step, public, secret, upload


def _submit(step, author, public, secret, upload):
    client = host_client("a.test", author)
    response = client.post(
        f"/proposals/step/{step.pk}/new/",
        {"title": "Un verger", "publish": "1", f"custom-q{public.pk}": "Les Minimes",
         f"custom-q{secret.pk}": "0611223344",
         f"custom-q{upload.pk}": SimpleUploadedFile("plan.pdf", PDF, content_type="application/pdf")},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_instance(step.instance):
        return Proposal.objects.get(title="Un verger")


@pytest.mark.django_db
def test_public_answers_on_the_page_staff_only_answers_for_staff(
    instance_a, asked, participant_a, participant_b, admin_a, admin_b, make_account
):
    step, public, secret, upload = asked
    proposal = _submit(step, participant_a, public, secret, upload)
    url = f"/proposals/{proposal.pk}/"
    with in_instance(instance_a):
        answer_file = AnswerFile.objects.get(reply=proposal.reply_id)
    file_url = f"/forms/answer-files/{answer_file.pk}/"

    anonymous = host_client("a.test").get(url).content.decode()
    visitor = host_client("a.test", make_account(instance_a, "voisin@a.test")).get(url).content.decode()
    for page in (anonymous, visitor):
        assert "Quel quartier ?" in page and "Les Minimes" in page
        assert "Votre téléphone" not in page and "0611223344" not in page
        assert file_url not in page and "plan.pdf" not in page

    author_page = host_client("a.test", participant_a).get(url).content.decode()
    assert "0611223344" not in author_page and file_url in author_page

    staff_page = host_client("a.test", admin_a).get(url).content.decode()
    assert "0611223344" in staff_page and file_url in staff_page

    analysis_page = host_client("a.test", admin_a).get(f"/proposals/{proposal.pk}/analysis/")
    assert analysis_page.status_code == 200
    assert "Les Minimes" in analysis_page.content.decode() and "0611223344" in analysis_page.content.decode()
    assert host_client("a.test", participant_a).get(f"/proposals/{proposal.pk}/analysis/").status_code == 403

    # The file goes through the private-file view: the author and the staff, nobody else.
    assert host_client("a.test", admin_a).get(file_url).status_code == 200
    assert host_client("a.test", participant_a).get(file_url).status_code == 200
    assert host_client("a.test", make_account(instance_a, "curieux@a.test")).get(file_url).status_code == 404
    assert host_client("b.test", admin_b).get(file_url).status_code == 404


@pytest.mark.django_db
def test_hidden_proposal_shows_no_answers_to_the_public(instance_a, asked, participant_a):
    step, public, secret, upload = asked
    proposal = _submit(step, participant_a, public, secret, upload)
    with in_instance(instance_a):
        Proposal.objects.filter(pk=proposal.pk).update(status="hidden")
    response = host_client("a.test").get(f"/proposals/{proposal.pk}/")
    assert "Les Minimes" not in response.content.decode()


@pytest.mark.django_db
def test_builder_names_the_setting_staff_only(instance_a, asked, admin_a):
    _step, public, _secret, _upload = asked
    page = host_client("a.test", admin_a).get(f"/gestion/questions/{public.pk}/")
    assert page.status_code == 200
    assert "Staff only" in page.content.decode() or "Réservé" in page.content.decode()


@pytest.mark.django_db
def test_the_back_office_export_holds_every_answer(
    instance_a, asked, participant_a, admin_a, admin_b
):
    step, public, secret, upload = asked
    _submit(step, participant_a, public, secret, upload)
    url = f"/gestion/proposals/steps/{step.pk}/proposals.csv"
    listing = host_client("a.test", admin_a).get(f"/gestion/proposals/steps/{step.pk}/proposals/").content.decode()
    assert url in listing
    response = host_client("a.test", admin_a).get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    assert "Quel quartier ?" in text and "Votre téléphone" in text and "Un plan" in text
    assert "Les Minimes" in text and "0611223344" in text and "plan.pdf" in text
    assert host_client("a.test", participant_a).get(url).status_code == 403
    assert host_client("b.test", admin_b).get(url).status_code == 404
    # No query per proposal.
    staff = host_client("a.test", admin_a)
    with CaptureQueriesContext(connection) as one:
        b"".join(staff.get(url).streaming_content)
    for number in range(5):
        _submit_more(step, participant_a, public, number)
    with CaptureQueriesContext(connection) as six:
        b"".join(staff.get(url).streaming_content)
    assert 0 < len(six.captured_queries) <= len(one.captured_queries) + 1


def _submit_more(step, author, public, number):
    client = host_client("a.test", author)
    response = client.post(
        f"/proposals/step/{step.pk}/new/", {"title": f"Idée {number}", "publish": "1", f"custom-q{public.pk}": "Centre"}
    )
    assert response.status_code == 302
