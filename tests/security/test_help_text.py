"""Help texts are text: markup typed into a question's help text or a settings field's is shown, not run
(finding 11 of issue 16). Help texts the code marks safe (Django's password rules) stay as they are."""

import pytest
from django import forms
from django.template.loader import render_to_string
from django.test import RequestFactory

from tests.conftest import host_client, make_user
from tests.questionnaires.conftest import make_questionnaire

MARKUP = '<img src=x onerror="alert(1)">'


@pytest.mark.django_db
def test_a_question_help_text_is_escaped_on_the_reply_page(instance_a):
    questionnaire, _questions = make_questionnaire(
        instance_a, [("short_text", "Votre quartier", {"help_text": MARKUP})]
    )
    page = host_client("a.test", make_user(instance_a, "p@a.test")).get(f"/questionnaires/{questionnaire.pk}/reply/")
    assert page.status_code == 200
    assert MARKUP not in page.content.decode()
    assert "&lt;img src=x onerror=" in page.content.decode()


@pytest.mark.django_db
def test_the_step_settings_page_escapes_help_texts(instance_a):
    from participe.projects.models import Project, Step

    class Settings(forms.Form):
        budget = forms.CharField(help_text=MARKUP)

    project = Project(title="P", slug="p")
    step = Step(pk=1, project=project, project_id=1, type="collect", title="Dépôt")
    request = RequestFactory().get("/")
    request.instance, request.user = instance_a, make_user(instance_a, "admin@a.test", is_instance_admin=True)
    html = render_to_string("admin/projects/step_settings.html", {"form": Settings(), "step": step}, request)
    assert MARKUP not in html and "&lt;img src=x onerror=" in html


@pytest.mark.django_db
def test_help_texts_marked_safe_by_the_code_keep_their_markup(client_a):
    page = client_a.get("/accounts/register/").content.decode()
    assert "<ul><li>" in page  # Django's password rules, a list
