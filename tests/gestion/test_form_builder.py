"""The form builder of /gestion/, through HTTP: building a questionnaire, replying to it, locks and roles."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from participe.forms.models import Choice, Form, LogicJump, Question, Reply
from participe.instances.scoping import in_instance
from participe.modules.votations.models import Votation
from participe.projects.models import Step
from tests.conftest import host_client, make_user
from tests.forms.builders import english_client
from tests.forms.test_choice_images import png_bytes
from tests.projects.conftest import make_project


def add_step(client, project, type_key, title):
    response = client.post(f"/gestion/projects/{project.pk}/steps/new/", {"type": type_key, "title": title})
    assert response.status_code == 302, response.content.decode()[:2000]
    return Step.objects.get(pk=int(response["Location"].rstrip("/").rsplit("/", 1)[1]))


def add_question(client, form_id, type_key, title):
    response = client.post(f"/gestion/forms/{form_id}/questions/new/", {"type": type_key, "title": title})
    assert response.status_code == 302, response.content.decode()[:3000]
    return int(response["Location"].rstrip("/").rsplit("/", 1)[1])


def choice_rows(choices=(), existing=()):
    """Formset data for the choices: `existing` rows (pk, label, order) then new `choices` (label, is_other)."""
    rows = [{"id": pk, "label": label, "ORDER": order} for pk, label, order in existing]
    rows += [{"label": label, "is_other": other} for label, other in choices]
    data = {
        "choices-TOTAL_FORMS": str(len(rows)),
        "choices-INITIAL_FORMS": str(len(existing)),
        "choices-MIN_NUM_FORMS": "0",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for name, value in row.items():
            if value is True:
                value = "on"
            if value not in (False, None):
                data[f"choices-{index}-{name}"] = str(value)
    return data


def edit_question(client, question_id, title, settings=None, choices=None, expect=302, **fields):
    data = {"title": title, "description": "", "help_text": ""}
    data.update({name: "on" if value is True else value for name, value in fields.items() if value is not False})
    data.update({f"settings-{name}": value for name, value in (settings or {}).items()})
    data.update(choices or {})
    response = client.post(f"/gestion/questions/{question_id}/", data)
    assert response.status_code == expect, response.content.decode()[:4000]
    return response


@pytest.fixture
def questionnaire_step(instance_a, admin_client):
    project = make_project(instance_a, "mobilites")
    with in_instance(instance_a):
        step = add_step(admin_client, project, "questionnaire", "Enquête mobilités")
        return step, step.questionnaire.form_id


def build_survey(client, form_id):
    """Ten questions through the builder's pages; the answer “Voiture” jumps to the last page."""
    ids = {}
    ids["transport"] = add_question(client, form_id, "single_choice", "Moyen de transport")
    edit_question(
        client, ids["transport"], "Moyen de transport", required=True,
        settings={"widget": "radio", "random_order": ""},
        choices=choice_rows([("Vélo", False), ("Voiture", False), ("Autre", True)]),
    )
    ids["age"] = add_question(client, form_id, "number", "Âge")
    edit_question(client, ids["age"], "Âge", settings={"min": "0", "max": "120", "integer": "on"})
    ids["bike_section"] = add_question(client, form_id, "section", "Le vélo")
    edit_question(client, ids["bike_section"], "Le vélo", settings={"level": "1", "new_page": "on"})
    ids["bike"] = add_question(client, form_id, "short_text", "Votre vélo")
    edit_question(client, ids["bike"], "Votre vélo", required=True, settings={"max_length": "50"})
    ids["gear"] = add_question(client, form_id, "multiple_choice", "Équipements")
    edit_question(
        client, ids["gear"], "Équipements", settings={"min": "1", "max": "2"},
        choices=choice_rows([("Casque", False), ("Gilet", False), ("Antivol", False)]),
    )
    ids["end_section"] = add_question(client, form_id, "section", "Pour finir")
    edit_question(client, ids["end_section"], "Pour finir", settings={"level": "1", "new_page": "on"})
    ids["remarks"] = add_question(client, form_id, "long_text", "Remarques")
    ids["email"] = add_question(client, form_id, "email", "Courriel")
    ids["trip"] = add_question(client, form_id, "date", "Dernier trajet")
    ids["town"] = add_question(client, form_id, "short_text", "Commune")
    car = Choice.objects.get(question_id=ids["transport"], label="Voiture").pk
    response = client.post(f"/gestion/questions/{ids['transport']}/logic/", {
        "jumps-TOTAL_FORMS": "2", "jumps-INITIAL_FORMS": "0", "jumps-MIN_NUM_FORMS": "0", "jumps-MAX_NUM_FORMS": "1000",
        "jumps-0-condition": "is", "jumps-0-choice": str(car), "jumps-0-destination": str(ids["end_section"]),
        "jumps-1-condition": "is", "jumps-1-choice": "", "jumps-1-destination": "",
        "default-destination": "",
    })
    assert response.status_code == 302, response.content.decode()[:4000]
    return ids


def test_a_ten_question_questionnaire_built_in_the_back_office_is_replied_to_with_its_jump(
    instance_a, admin_client, questionnaire_step, participant_a
):
    step, form_id = questionnaire_step
    with in_instance(instance_a):
        ids = build_survey(admin_client, form_id)
        questions = list(Question.objects.filter(form_id=form_id).order_by("position"))
        assert [q.pk for q in questions] == list(ids.values())
        assert [q.position for q in questions] == list(range(1, 11))
        assert Question.objects.get(pk=ids["age"]).config == {"min": 0, "max": 120, "integer": True}
        assert Question.objects.get(pk=ids["gear"]).config == {"min": 1, "max": 2, "random_order": False}
        assert Question.objects.get(pk=ids["bike"]).config == {"max_length": 50}
        assert Question.objects.get(pk=ids["transport"]).required
        transport_choices = list(Choice.objects.filter(question_id=ids["transport"]).order_by("position"))
        assert [(c.label, c.is_other) for c in transport_choices] == [("Vélo", False), ("Voiture", False), ("Autre", True)]
        jump = LogicJump.objects.get(question_id=ids["transport"])
        assert (jump.condition, jump.choice.label, jump.destination_id) == ("is", "Voiture", ids["end_section"])

    page = admin_client.get(f"/gestion/forms/{form_id}/").content.decode()
    assert "Minimum number of choices : 1" in page and "Minimum : 0 · Maximum : 120 · Whole numbers only" in page
    assert "If the answer is “Voiture” → Pour finir" in page
    preview = admin_client.get(f"/gestion/forms/{form_id}/preview/").content.decode()
    assert "Page 3 of 3" in preview and "Casque" in preview and "<fieldset disabled" in preview
    assert 'type="submit"' not in preview.split('class="gestion__content"')[1]

    with in_instance(instance_a):
        Step.objects.filter(pk=step.pk).update(
            is_enabled=True, starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() + timedelta(days=9)
        )
        questionnaire_id = step.questionnaire.pk
        car = Choice.objects.get(question_id=ids["transport"], label="Voiture").pk
    participant = english_client("a.test", participant_a)
    url = f"/questionnaires/{questionnaire_id}/reply/"
    first = participant.get(url).content.decode()
    assert "Moyen de transport" in first and "Page 1 of 3" in first
    response = participant.post(url, {f"q{ids['transport']}": str(car), f"q{ids['age']}": "34"})
    assert response.status_code == 302
    last = participant.get(url).content.decode()
    assert "Remarques" in last and "Votre vélo" not in last and "Send my reply" in last
    done = participant.post(url, {f"q{ids['remarks']}": "Plus de bus", f"q{ids['town']}": "Lyon"})
    assert done.status_code == 302
    with in_instance(instance_a):
        reply = Reply.objects.get(author=participant_a)
        assert not reply.is_draft
        assert reply.answers[str(ids["transport"])] == {"choice": car}
        assert str(ids["bike"]) not in reply.answers and reply.answers[str(ids["town"])] == "Lyon"


def test_reorder_duplicate_and_delete_with_confirmation(instance_a, admin_client, questionnaire_step):
    _step, form_id = questionnaire_step
    with in_instance(instance_a):
        first = add_question(admin_client, form_id, "single_choice", "Première")
        edit_question(admin_client, first, "Première", settings={"widget": "select"},
                      choices=choice_rows([("Oui", False), ("Non", False)]))
        second = add_question(admin_client, form_id, "short_text", "Seconde")
        assert admin_client.post(f"/gestion/questions/{second}/move/", {"direction": "up"}).status_code == 302
        assert list(Question.objects.filter(form_id=form_id).order_by("position").values_list("pk", flat=True)) == [
            second, first
        ]
        assert admin_client.post(f"/gestion/questions/{second}/move/", {"direction": "sideways"}).status_code == 400
        response = admin_client.post(f"/gestion/questions/{first}/duplicate/")
        copy = int(response["Location"].rstrip("/").rsplit("/", 1)[1])
        copied = Question.objects.get(pk=copy)
        assert (copied.title, copied.position, copied.config) == ("Première", 3, {"widget": "select", "random_order": False})
        assert list(copied.choices.order_by("position").values_list("label", flat=True)) == ["Oui", "Non"]
        confirm = admin_client.get(f"/gestion/questions/{first}/delete/")
        assert confirm.status_code == 200 and "Delete the question" in confirm.content.decode()
        assert Question.objects.filter(pk=first).exists()
        admin_client.post(f"/gestion/questions/{first}/delete/")
        assert list(Question.objects.filter(form_id=form_id).order_by("position").values_list("pk", "position")) == [
            (second, 1), (copy, 2)
        ]


def test_choices_are_reordered_renamed_and_removed_inline(instance_a, admin_client, questionnaire_step):
    _step, form_id = questionnaire_step
    with in_instance(instance_a):
        question = add_question(admin_client, form_id, "multiple_choice", "Couleurs")
        edit_question(admin_client, question, "Couleurs", choices=choice_rows([("Rouge", False), ("Vert", False)]))
        red, green = Choice.objects.filter(question_id=question).order_by("position")
        rows = choice_rows([("Bleu", False)], existing=[(red.pk, "Rouge vif", 2), (green.pk, "Vert", 1)])
        rows["choices-1-DELETE"] = "on"
        edit_question(admin_client, question, "Couleurs", choices=rows)
        assert list(Choice.objects.filter(question_id=question).order_by("position").values_list("label", flat=True)) == [
            "Rouge vif", "Bleu"
        ]


@pytest.mark.usefixtures("english")
def test_a_choice_gets_a_checked_image_with_its_description(instance_a, admin_client, questionnaire_step):
    _step, form_id = questionnaire_step
    with in_instance(instance_a):
        question = add_question(admin_client, form_id, "single_choice", "Quel plan ?")
        rows = choice_rows([("Plan A", False), ("Plan B", False)])
        rows["choices-0-image"] = SimpleUploadedFile("plan.png", png_bytes(), content_type="image/png")
        rows["choices-0-image_alt"] = "Un parc avec des arbres"
        rows["choices-1-image"] = SimpleUploadedFile("plan.png", b"<script>alert(1)</script>", content_type="image/png")
        refused = edit_question(admin_client, question, "Quel plan ?", settings={"widget": "radio"}, choices=rows, expect=400)
        assert 'id="error-summary"' in refused.content.decode() and not Choice.objects.filter(question_id=question).exists()
        rows["choices-0-image"] = SimpleUploadedFile("plan.png", png_bytes(), content_type="image/png")
        del rows["choices-1-image"]
        edit_question(admin_client, question, "Quel plan ?", settings={"widget": "radio"}, choices=rows)
        plan_a = Choice.objects.get(question_id=question, label="Plan A")
        assert plan_a.image and plan_a.image_alt == "Un parc avec des arbres"
    page = admin_client.get(f"/gestion/questions/{question}/").content.decode()
    assert 'alt="Un parc avec des arbres"' in page
    # An image needs its description, unless it is marked decorative (then it has none).
    with in_instance(instance_a):
        plan_b = Choice.objects.get(question_id=question, label="Plan B")
        rows = choice_rows([], existing=[(plan_a.pk, "Plan A", 1), (plan_b.pk, "Plan B", 2)])
        rows["choices-0-image_alt"] = "Un parc avec des arbres"
        rows["choices-1-image"] = SimpleUploadedFile("plan.png", png_bytes(), content_type="image/png")
        refused = edit_question(admin_client, question, "Quel plan ?", settings={"widget": "radio"}, choices=rows, expect=400)
        assert "Describe the image, or mark it as decorative" in refused.content.decode()
        rows["choices-1-image"] = SimpleUploadedFile("plan.png", png_bytes(), content_type="image/png")
        rows["choices-1-image_decorative"] = "on"
        edit_question(admin_client, question, "Quel plan ?", settings={"widget": "radio"}, choices=rows)
        plan_b.refresh_from_db()
        assert plan_b.image and plan_b.image_alt == ""


@pytest.mark.usefixtures("english")
def test_bad_settings_get_a_clear_error_and_keep_what_was_typed(instance_a, admin_client, questionnaire_step):
    _step, form_id = questionnaire_step
    with in_instance(instance_a):
        question = add_question(admin_client, form_id, "multiple_choice", "Couleurs")
        response = edit_question(
            admin_client, question, "Couleurs bien choisies", settings={"min": "3", "max": "2"}, expect=400,
            choices=choice_rows([("Rouge", True), ("Vert", True)]),
        )
        page = response.content.decode()
        assert "The minimum number of choices must not be above the maximum." in page
        assert "Only one choice may be “other” with free text." in page
        assert 'value="Couleurs bien choisies"' in page and 'value="Rouge"' in page
        assert Question.objects.get(pk=question).title == "Couleurs"
        assert not Choice.objects.filter(question_id=question).exists()
        number = add_question(admin_client, form_id, "number", "Âge")
        page = edit_question(admin_client, number, "Âge", settings={"min": "dix"}, expect=400).content.decode()
        assert "Enter a number." in page and 'value="dix"' in page
        Question.objects.filter(pk=number).update(config={"min": 9, "max": 2})  # e.g. from an old import
        page = edit_question(admin_client, number, "Âge", settings={"min": "dix"}, expect=400).content.decode()
        assert "The minimum must not be above the maximum." in page and "Enter a number." in page
        edit_question(admin_client, number, "Âge", settings={"min": "1", "max": "99"})
        assert Question.objects.get(pk=number).config == {"min": 1, "max": 99, "integer": False}
        refused = admin_client.post(f"/gestion/forms/{form_id}/questions/new/", {"type": "json", "title": "X"})
        assert refused.status_code == 400 and "Select a valid choice." in refused.content.decode()


def test_the_messages_are_in_french(instance_a, admin_a, questionnaire_step):
    _step, form_id = questionnaire_step
    client = host_client("a.test", admin_a)
    with in_instance(instance_a):
        question = add_question(client, form_id, "number", "Âge")
    page = edit_question(client, question, "Âge", settings={"min": "9", "max": "2"}, expect=400).content.decode()
    assert "Le minimum ne doit pas dépasser le maximum." in page
    assert "Nombres entiers seulement" in page


@pytest.mark.usefixtures("english")
def test_a_backward_jump_is_refused_with_the_reason(instance_a, admin_client, questionnaire_step):
    _step, form_id = questionnaire_step
    with in_instance(instance_a):
        intro = add_question(admin_client, form_id, "short_text", "Intro")
        section = add_question(admin_client, form_id, "section", "Suite")
        after = add_question(admin_client, form_id, "single_choice", "Choix")
        edit_question(admin_client, after, "Choix", choices=choice_rows([("A", False), ("B", False)]))
        page = admin_client.get(f"/gestion/questions/{after}/logic/").content.decode()
        assert "— Intro" not in page and "— Suite" not in page and "The end of the form" in page
        response = admin_client.post(f"/gestion/questions/{after}/logic/", {
            "jumps-TOTAL_FORMS": "1", "jumps-INITIAL_FORMS": "0", "jumps-MIN_NUM_FORMS": "0",
            "jumps-MAX_NUM_FORMS": "1000", "jumps-0-condition": "is",
            "jumps-0-choice": str(Choice.objects.get(question_id=after, label="A").pk),
            "jumps-0-destination": str(section), "default-destination": "",
        })
        assert response.status_code == 400 and "Select a valid choice." in response.content.decode()
        assert not LogicJump.objects.exists()
        ok = admin_client.post(f"/gestion/questions/{intro}/logic/", {"default-destination": "0"})
        assert ok.status_code == 302
        assert LogicJump.objects.get(question_id=intro).destination_id is None


@pytest.mark.usefixtures("english")
def test_moves_deletions_and_edits_that_would_break_a_jump_are_refused(instance_a, admin_client, questionnaire_step):
    _step, form_id = questionnaire_step
    with in_instance(instance_a):
        first = add_question(admin_client, form_id, "single_choice", "Choix")
        edit_question(admin_client, first, "Choix", settings={"widget": "radio"}, choices=choice_rows([("A", False), ("B", False)]))
        section = add_question(admin_client, form_id, "section", "Suite")
        last = add_question(admin_client, form_id, "short_text", "Fin")
        choice_a = Choice.objects.get(question_id=first, label="A").pk
        half = {"jumps-TOTAL_FORMS": "1", "jumps-INITIAL_FORMS": "0", "jumps-MIN_NUM_FORMS": "0",
                "jumps-MAX_NUM_FORMS": "1000", "jumps-0-condition": "is", "jumps-0-choice": str(choice_a),
                "jumps-0-destination": "", "default-destination": ""}
        response = admin_client.post(f"/gestion/questions/{first}/logic/", half)
        assert response.status_code == 400 and "Choose where this answer leads." in response.content.decode()
        admin_client.post(f"/gestion/questions/{first}/logic/", {**half, "jumps-0-destination": str(last)})
        assert LogicJump.objects.get(question_id=first).destination_id == last

        moved = admin_client.post(f"/gestion/questions/{section}/move/", {"direction": "up"}, follow=True)
        assert "Not saved:" in moved.content.decode() and "jumps" in moved.content.decode()
        assert list(Question.objects.filter(form_id=form_id).order_by("position").values_list("pk", flat=True)) == [
            first, section, last
        ]
        deleted = admin_client.post(f"/gestion/questions/{section}/delete/", follow=True).content.decode()
        assert "on the same page" in deleted and Question.objects.filter(pk=section).exists()
        page = edit_question(admin_client, section, "Suite", settings={"level": "1"}, expect=400).content.decode()
        assert "on the same page" in page
        assert Question.objects.get(pk=section).config == {}


def test_a_locked_ballot_is_read_only_with_its_reason(instance_a, admin_client):
    project = make_project(instance_a, "vote")
    with in_instance(instance_a):
        step = add_step(admin_client, project, "votation", "Le vote")
        form_id = Votation.objects.get(step=step).form_id
        Step.objects.filter(pk=step.pk).update(starts_at=timezone.now() + timedelta(days=1))
        question = add_question(admin_client, form_id, "single_choice", "Pour ou contre ?")
        # Published and open: the ballot is frozen (an unpublished step's ballot stays editable).
        Step.objects.filter(pk=step.pk).update(
            is_enabled=True, starts_at=timezone.now() - timedelta(days=1), ends_at=timezone.now() + timedelta(days=9)
        )
    page = admin_client.get(f"/gestion/forms/{form_id}/")
    assert page.status_code == 200
    edit_page = admin_client.get(f"/gestion/questions/{question}/").content.decode()
    assert "<fieldset disabled>" in edit_page and "it can no longer change" in edit_page
    assert "Save the question" not in edit_page
    assert "it can no longer change" in page.content.decode() and "Add a question" not in page.content.decode()
    for url, data in [
        (f"/gestion/forms/{form_id}/questions/new/", {"type": "short_text", "title": "Nouvelle"}),
        (f"/gestion/questions/{question}/", {"title": "Changée"}),
        (f"/gestion/questions/{question}/move/", {"direction": "down"}),
        (f"/gestion/questions/{question}/duplicate/", {}),
        (f"/gestion/questions/{question}/delete/", {}),
        (f"/gestion/questions/{question}/logic/", {"default-destination": "0"}),
    ]:
        response = admin_client.post(url, data)
        assert response.status_code == 403, url
        assert "it can no longer change" in response.content.decode()
    with in_instance(instance_a):
        assert list(Question.objects.filter(form_id=form_id).values_list("title", flat=True)) == ["Pour ou contre ?"]
        assert not LogicJump.objects.exists()


def test_roles_project_administrators_other_staff_and_other_instances(instance_a, instance_b, admin_client, admin_b):
    manager = make_user(instance_a, "chef@a.test", display_name="Chef")
    other_manager = make_user(instance_a, "autre@a.test", display_name="Autre")
    project = make_project(instance_a, "parc", administrators=[manager])
    make_project(instance_a, "ecole", administrators=[other_manager])
    with in_instance(instance_a):
        step = add_step(admin_client, project, "questionnaire", "Avis sur le parc")
        form_id = step.questionnaire.form_id
        orphan = Form.objects.create(title="Brouillon")
    mine = english_client("a.test", manager)
    assert mine.get(f"/gestion/forms/{form_id}/").status_code == 200
    listing = mine.get("/gestion/forms/").content.decode()
    assert "Avis sur le parc" in listing and "Brouillon" not in listing
    assert mine.get(f"/gestion/forms/{orphan.pk}/").status_code == 403
    assert mine.post(f"/gestion/forms/{form_id}/questions/new/", {"type": "email", "title": "Courriel"}).status_code == 302
    step_page = mine.get(f"/gestion/steps/{step.pk}/").content.decode()
    assert f'href="/gestion/forms/{form_id}/"' in step_page

    theirs = english_client("a.test", other_manager)
    assert theirs.get(f"/gestion/forms/{form_id}/").status_code == 403
    assert theirs.post(f"/gestion/forms/{form_id}/questions/new/", {"type": "email", "title": "X"}).status_code == 403
    assert "Avis sur le parc" not in theirs.get("/gestion/forms/").content.decode()
    participant = english_client("a.test", make_user(instance_a, "p@a.test"))
    assert participant.get(f"/gestion/forms/{form_id}/").status_code == 403
    anonymous = english_client("a.test").get(f"/gestion/forms/{form_id}/")
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    other_instance = english_client("b.test", admin_b)
    assert other_instance.get(f"/gestion/forms/{form_id}/").status_code == 404
    with in_instance(instance_a):
        question = Question.objects.get(form_id=form_id)
    assert other_instance.post(f"/gestion/questions/{question.pk}/delete/").status_code == 404
    assert "Avis sur le parc" in admin_client.get("/gestion/forms/").content.decode()
    assert "Brouillon" in admin_client.get("/gestion/forms/").content.decode()
