"""Replying through HTTP, page by page, without JavaScript."""

from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from participe.forms.models import AnswerStat, Reply
from participe.instances.scoping import in_instance
from participe.modules.questionnaires.models import QuestionnaireReply
from participe.projects.models import Step
from tests.forms.builders import choice_id
from tests.forms.builders import english_client as host_client

# Assertions read the English source strings (the French catalogue is tested apart).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def url(questionnaire, name="reply"):
    return f"/questionnaires/{questionnaire.pk}/{'' if name == 'detail' else name + '/'}"


def choose(transport, label):
    with in_instance(transport.instance):
        return choice_id(transport, label)


def test_anonymous_visitor_is_sent_to_log_in_when_accounts_are_required(survey, client_a):
    questionnaire, *_ = survey
    response = host_client("a.test").get(url(questionnaire))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_full_reply_by_bike_goes_through_three_pages_and_is_acknowledged(
    survey, participant_a, django_capture_on_commit_callbacks
):
    questionnaire, transport, age, bike, remarks, private = survey
    client = host_client("a.test", participant_a)
    page1 = client.get(url(questionnaire))
    assert page1.status_code == 200
    assert b"Page 1 of 3" in page1.content and b"<progress" in page1.content
    response = client.post(url(questionnaire), {transport.field_name: choose(transport, "Vélo"), age.field_name: "34"})
    assert response.status_code == 302
    page2 = client.get(url(questionnaire))
    assert b"Votre v" in page2.content and b"Page 2 of 3" in page2.content
    client.post(url(questionnaire), {bike.field_name: "Un vélo cargo"})
    page3 = client.get(url(questionnaire))
    assert b"Send my reply" in page3.content
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url(questionnaire), {remarks.field_name: "Plus de pistes cyclables"})
    assert done.status_code == 302 and done["Location"] == url(questionnaire, "detail")
    with in_instance(questionnaire.instance):
        reply = Reply.objects.get(author=participant_a)
        assert not reply.is_draft and reply.submitted_at
        assert reply.answers[str(bike.pk)] == "Un vélo cargo"
        assert AnswerStat.objects.filter(question=transport, key=choose(transport, "Vélo")).get().count == 1
    assert len(mail.outbox) == 1 and participant_a.email in mail.outbox[0].to


def test_jump_skips_the_bike_page_for_car_drivers(survey, participant_a):
    questionnaire, transport, age, bike, remarks, private = survey
    client = host_client("a.test", participant_a)
    client.post(url(questionnaire), {transport.field_name: choose(transport, "Voiture")})
    page = client.get(url(questionnaire))
    assert b"Page 2 of 2" in page.content and f'name="{bike.field_name}"'.encode() not in page.content
    client.post(url(questionnaire), {remarks.field_name: ""})
    with in_instance(questionnaire.instance):
        reply = Reply.objects.get(author=participant_a)
    assert not reply.is_draft and str(bike.pk) not in reply.answers


def test_changing_an_earlier_answer_forgets_the_skipped_page(survey, participant_a):
    questionnaire, transport, age, bike, remarks, private = survey
    client = host_client("a.test", participant_a)
    client.post(url(questionnaire), {transport.field_name: choose(transport, "Vélo")})
    client.post(url(questionnaire), {bike.field_name: "Vélo de ville"})
    client.post(url(questionnaire), {"action": "previous"})
    client.post(url(questionnaire), {"action": "previous"})
    assert b"Page 1 of 3" in client.get(url(questionnaire)).content
    client.post(url(questionnaire), {transport.field_name: choose(transport, "Voiture")})
    with in_instance(questionnaire.instance):
        reply = Reply.objects.get(author=participant_a)
    assert str(bike.pk) not in reply.answers


def test_validation_errors_keep_everything_typed(survey, participant_a):
    questionnaire, transport, age, bike, remarks, private = survey
    client = host_client("a.test", participant_a)
    response = client.post(url(questionnaire), {age.field_name: "deux cents"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "This field is required." in content and "Enter a whole number." in content
    assert 'value="deux cents"' in content  # nothing typed is lost
    assert 'id="error-summary"' in content
    response = client.post(url(questionnaire), {transport.field_name: choose(transport, "Vélo"), age.field_name: "300"})
    assert "less than or equal to 120" in response.content.decode()
    assert 'checked' in response.content.decode()


def test_draft_survives_a_new_session(survey, participant_a):
    questionnaire, transport, age, bike, remarks, private = survey
    first = host_client("a.test", participant_a)
    first.post(url(questionnaire), {transport.field_name: choose(transport, "Vélo"), age.field_name: "41", "action": "save"})
    # Another browser, or the same after the session expired: the draft is tied to the account.
    second = host_client("a.test", participant_a)
    detail = second.get(url(questionnaire, "detail"))
    assert b"Go on with my reply" in detail.content
    page = second.get(url(questionnaire)).content.decode()
    assert 'value="41"' in page


def test_save_keeps_a_partial_page_without_asking_required_answers(survey, participant_a):
    questionnaire, transport, age, bike, remarks, private = survey
    client = host_client("a.test", participant_a)
    response = client.post(url(questionnaire), {age.field_name: "41", "action": "save"})
    assert response.status_code == 302
    with in_instance(questionnaire.instance):
        reply = Reply.objects.get(author=participant_a)
    assert reply.is_draft and reply.answers == {str(age.pk): 41}


def test_anonymous_reply_and_draft_by_signed_cookie(instance_a, survey):
    questionnaire, transport, age, bike, remarks, private = survey
    with in_instance(instance_a):
        questionnaire.allow_anonymous = True
        questionnaire.save()
    client = host_client("a.test")
    client.post(url(questionnaire), {transport.field_name: choose(transport, "Vélo"), age.field_name: "19"})
    assert f"questionnaire-{questionnaire.pk}" in client.cookies
    assert b"Page 2 of 3" in client.get(url(questionnaire)).content
    stranger = host_client("a.test")
    assert b"Page 1 of 3" in stranger.get(url(questionnaire)).content
    forged = host_client("a.test")
    with in_instance(instance_a):
        token = Reply.objects.get().token
    forged.cookies[f"questionnaire-{questionnaire.pk}"] = token  # unsigned: ignored
    assert b"Page 1 of 3" in forged.get(url(questionnaire)).content
    client.post(url(questionnaire), {bike.field_name: "BMX"})
    client.post(url(questionnaire), {})
    with in_instance(instance_a):
        reply = Reply.objects.get()
    assert not reply.is_draft and reply.author is None
    assert len(mail.outbox) == 0


def test_one_reply_per_account_is_a_database_rule(survey, participant_a):
    questionnaire, *_ = survey
    with in_instance(questionnaire.instance):
        for _attempt in range(2):
            reply = Reply.objects.create(form=questionnaire.form, author=participant_a)
            if _attempt == 0:
                QuestionnaireReply.objects.create(questionnaire=questionnaire, reply=reply, author=participant_a)
        with pytest.raises(IntegrityError):
            QuestionnaireReply.objects.create(questionnaire=questionnaire, reply=reply, author=participant_a)


def reply_by_car(client, questionnaire, transport, remarks, text="Rien"):
    client.post(url(questionnaire), {transport.field_name: choose(transport, "Voiture")})
    client.post(url(questionnaire), {remarks.field_name: text})


def test_single_reply_is_edited_until_the_step_closes(survey, participant_a):
    questionnaire, transport, age, bike, remarks, private = survey
    client = host_client("a.test", participant_a)
    reply_by_car(client, questionnaire, transport, remarks)
    with in_instance(questionnaire.instance):
        reply = Reply.objects.get(author=participant_a)
    # Replying again opens the same reply for editing.
    assert b"You are changing a reply" in client.get(url(questionnaire)).content
    edit_url = f"/questionnaires/{questionnaire.pk}/replies/{reply.pk}/"
    client.post(edit_url, {transport.field_name: choose(transport, "Vélo")})
    client.post(edit_url, {bike.field_name: "Vélo pliant"})
    client.post(edit_url, {remarks.field_name: "Finalement à vélo"})
    with in_instance(questionnaire.instance):
        assert Reply.objects.filter(author=participant_a).count() == 1
        counts = {s.key: s.count for s in AnswerStat.objects.filter(question=transport)}
    assert counts[choose(transport, "Vélo")] == 1 and counts.get(choose(transport, "Voiture"), 0) == 0
    with in_instance(questionnaire.instance):
        Step.objects.filter(pk=questionnaire.step_id).update(
            starts_at=timezone.now() - timedelta(days=5), ends_at=timezone.now() - timedelta(days=1)
        )
    response = client.post(edit_url, {transport.field_name: choose(transport, "Voiture")})
    assert response.status_code == 302 and response["Location"] == url(questionnaire, "detail")
    assert b"not open for replies" in client.get(url(questionnaire, "detail")).content


def test_someone_else_cannot_edit_my_reply(survey, participant_a, make_account, instance_a):
    questionnaire, transport, age, bike, remarks, private = survey
    reply_by_car(host_client("a.test", participant_a), questionnaire, transport, remarks)
    with in_instance(instance_a):
        reply = Reply.objects.get(author=participant_a)
    other = host_client("a.test", make_account(instance_a, "autre@a.test"))
    assert other.get(f"/questionnaires/{questionnaire.pk}/replies/{reply.pk}/").status_code == 404


def test_multiple_replies_when_allowed(survey, participant_a):
    questionnaire, transport, age, bike, remarks, private = survey
    with in_instance(questionnaire.instance):
        questionnaire.multiple_replies = True
        questionnaire.save()
    client = host_client("a.test", participant_a)
    reply_by_car(client, questionnaire, transport, remarks, "Une")
    reply_by_car(client, questionnaire, transport, remarks, "Deux")
    with in_instance(questionnaire.instance):
        assert Reply.objects.filter(author=participant_a, is_draft=False).count() == 2
    assert b"My replies" in client.get(url(questionnaire, "detail")).content


def test_questionnaire_of_another_instance_is_not_found(survey, participant_b):
    questionnaire, *_ = survey
    client = host_client("b.test", participant_b)
    assert client.get(url(questionnaire, "detail")).status_code == 404
    assert client.get(url(questionnaire)).status_code == 404


def test_unpublished_project_is_not_found(survey, participant_a):
    questionnaire, *_ = survey
    with in_instance(questionnaire.instance):
        questionnaire.step.project.is_published = False
        questionnaire.step.project.save()
    assert host_client("a.test", participant_a).get(url(questionnaire, "detail")).status_code == 404


def test_missing_participation_requirements_are_asked_first(survey, participant_a):
    questionnaire, *_ = survey
    with in_instance(questionnaire.instance):
        Step.objects.filter(pk=questionnaire.step_id).update(requirements=[{"kind": "zip_code"}])
    response = host_client("a.test", participant_a).get(url(questionnaire))
    assert response.status_code == 302 and "requirements" in response["Location"]


def test_replies_are_in_the_personal_data_export(survey, participant_a):
    from participe.accounts import personal_data

    questionnaire, transport, age, bike, remarks, private = survey
    reply_by_car(host_client("a.test", participant_a), questionnaire, transport, remarks, "Mes remarques")
    with in_instance(questionnaire.instance):
        data = personal_data.collect(participant_a)["questionnaire_replies"]
    assert data[0]["answers"] == {"Moyen de transport": "Voiture", "Remarques": "Mes remarques"}
