"""The realisation follow-up: progress steps edited in the back office, shown publicly, news for the followers."""

import io

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.follows.services import follow
from participe.instances.scoping import in_instance
from participe.modules.proposals.models import ProgressStep
from participe.notifications.models import Notification, NotificationPreference
from tests.conftest import host_client
from tests.proposals.conftest import make_proposal, make_step


def _png():
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "green").save(buffer, "PNG")
    return SimpleUploadedFile("chantier.png", buffer.getvalue(), content_type="image/png")


@pytest.fixture
def accepted(instance_a, participant_a):
    step = make_step(instance_a)
    proposal = make_proposal(step, "Un verger partagé", cost=20000, author=participant_a, status="published",
                             decision="accepted")
    return step, proposal


def _editor_url(step, proposal):
    return f"/gestion/proposals/steps/{step.pk}/realisation/{proposal.pk}/"


@pytest.mark.django_db
def test_only_the_instance_staff_edits_the_follow_up(instance_a, accepted, admin_a, admin_b, participant_a):
    step, proposal = accepted
    for url in (f"/gestion/proposals/steps/{step.pk}/realisation/", _editor_url(step, proposal)):
        assert host_client("a.test", admin_a).get(url).status_code == 200
        assert host_client("a.test", participant_a).get(url).status_code == 403
        assert host_client("b.test", admin_b).get(url).status_code == 404
        anonymous = host_client("a.test").get(url)
        assert anonymous.status_code == 302 and "/login" in anonymous["Location"]
    # The step's back-office page lists the editor.
    page = host_client("a.test", admin_a).get(f"/gestion/steps/{step.pk}/").content.decode()
    assert f"/gestion/proposals/steps/{step.pk}/realisation/" in page
    # A proposal nobody selected has no follow-up to edit.
    other = make_proposal(step, "Pas retenue", author=participant_a, status="published")
    assert host_client("a.test", admin_a).get(_editor_url(step, other)).status_code == 404


@pytest.mark.django_db
def test_bad_input_is_explained(instance_a, accepted, admin_a):
    step, proposal = accepted
    response = host_client("a.test", admin_a).post(
        _editor_url(step, proposal),
        {"title": "Études", "percentage": "150", "budget_spent": "-3", "starts_on": "2027-05-01",
         "ends_on": "2027-04-01", "position": "1"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "error-summary" in page and "La fin ne peut pas précéder le début" in page
    with in_instance(instance_a):
        assert not ProgressStep.objects.exists()
    assert host_client("a.test", admin_a).post(_editor_url(step, proposal), {"title": ""}).status_code == 400


@pytest.mark.django_db
def test_a_new_progress_step_is_public_and_tells_followers_per_preferences(
    instance_a, accepted, admin_a, participant_a, make_account, django_capture_on_commit_callbacks
):
    step, proposal = accepted
    follower = make_account(instance_a, "voisine@a.test")
    quiet = make_account(instance_a, "discret@a.test")
    with in_instance(instance_a):
        follow(follower, proposal)
        follow(quiet, proposal)
        NotificationPreference.objects.create(user=quiet, instance=instance_a, email_off=["realisation_progress"])
    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        response = host_client("a.test", admin_a).post(
            _editor_url(step, proposal),
            {"title": "Plantation des arbres", "description": "Vingt pommiers plantés.", "starts_on": "2027-03-01",
             "ends_on": "2027-03-15", "percentage": "60", "budget_spent": "12000", "position": "1",
             "photo": _png(), "photo_alt": "Les pommiers plantés"},
        )
    assert response.status_code == 302
    with in_instance(instance_a):
        item = ProgressStep.objects.get(proposal=proposal)
        kinds = set(Notification.objects.filter(kind="realisation_progress").values_list("user__email", flat=True))
    assert item.photo and item.percentage == 60
    # The author and both followers are told in the site; the one who turned e-mails off gets no e-mail.
    assert kinds == {participant_a.email, follower.email, quiet.email}
    recipients = [address for message in mail.outbox for address in message.to]
    assert participant_a.email in recipients and follower.email in recipients and quiet.email not in recipients
    assert admin_a.email not in recipients

    # The proposal's page shows the timeline and a follow button; the step's follow-up page where it stands.
    page = host_client("a.test").get(f"/proposals/{proposal.pk}/").content.decode()
    assert "Plantation des arbres" in page and "Vingt pommiers plantés." in page and "Les pommiers plantés" in page
    assert "60 %" in page and f"/proposals/step/{step.pk}/realisation/" in page
    signed_in = host_client("a.test", follower).get(f"/proposals/{proposal.pk}/").content.decode()
    assert "/follows/" in signed_in
    public = host_client("a.test").get(f"/proposals/step/{step.pk}/realisation/")
    assert public.status_code == 200
    text = public.content.decode()
    assert "Un verger partagé" in text and "Plantation des arbres" in text and "60 %" in text
    assert "12" in text and "000 €" in text

    # Editing the stage does not tell the followers again.
    mail.outbox.clear()
    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        response = host_client("a.test", admin_a).post(
            f"{_editor_url(step, proposal)}{item.pk}/",
            {"title": "Plantation terminée", "is_done": "on", "percentage": "100", "position": "1",
             "photo_alt": "Les pommiers plantés"},
        )
    assert response.status_code == 302
    assert not mail.outbox
    assert "Plantation terminée" in host_client("a.test").get(f"/proposals/step/{step.pk}/realisation/").content.decode()


@pytest.mark.django_db
def test_hidden_and_unselected_proposals_stay_off_the_public_page(instance_a, accepted, participant_a):
    step, proposal = accepted
    make_proposal(step, "Idée non retenue", author=participant_a, status="published")
    make_proposal(step, "Masquée retenue", author=participant_a, status="hidden", decision="accepted")
    page = host_client("a.test").get(f"/proposals/step/{step.pk}/realisation/").content.decode()
    assert "Un verger partagé" in page
    assert "Idée non retenue" not in page and "Masquée retenue" not in page


@pytest.mark.django_db
def test_follow_up_page_queries_do_not_grow_with_the_proposals(
    instance_a, accepted, participant_a, django_assert_max_num_queries
):
    step, _proposal = accepted
    client = host_client("a.test")
    client.get(f"/proposals/step/{step.pk}/realisation/")
    with django_assert_max_num_queries(40) as few:
        client.get(f"/proposals/step/{step.pk}/realisation/")
    for number in range(8):
        proposal = make_proposal(step, f"Projet {number}", author=participant_a, status="published",
                                 decision="accepted")
        with in_instance(instance_a):
            ProgressStep.objects.create(instance=instance_a, proposal=proposal, title="Études", percentage=10)
    with django_assert_max_num_queries(len(few.captured_queries) + 2):
        response = client.get(f"/proposals/step/{step.pk}/realisation/")
    assert response.content.decode().count("Études") >= 8


@pytest.mark.django_db
def test_a_hidden_proposal_keeps_its_timeline_from_the_public(instance_a, accepted, admin_a):
    _step, proposal = accepted
    with in_instance(instance_a):
        ProgressStep.objects.create(instance=instance_a, proposal=proposal, title="Chantier secret", percentage=5)
        type(proposal).objects.filter(pk=proposal.pk).update(status="hidden")
    assert "Chantier secret" not in host_client("a.test").get(f"/proposals/{proposal.pk}/").content.decode()
    assert "Chantier secret" in host_client("a.test", admin_a).get(f"/proposals/{proposal.pk}/").content.decode()
