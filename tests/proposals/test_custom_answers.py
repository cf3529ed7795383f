"""Answers to a collect step's custom questions: public ones on the proposal page, staff-only ones for staff only."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

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
