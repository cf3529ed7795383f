"""Choices with an image and a description: uploaded through the image checks, shown with a text alternative."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.forms.models import Choice
from participe.instances.scoping import in_instance
from tests.forms.builders import english_client, make_form
from tests.forms.test_backoffice import question_post
from tests.questionnaires.conftest import make_questionnaire

# Assertions read the English source strings (the French catalogue is tested apart).
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


def png_bytes(size=(40, 30), exif=False):
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    if exif:
        data = Image.Exif()
        data[0x010F] = "Appareil secret"  # camera maker
        image.save(out, format="JPEG", exif=data)
    else:
        image.save(out, format="PNG")
    return out.getvalue()


def test_back_office_upload_goes_through_the_image_checks(instance_a, admin_a):
    with in_instance(instance_a):
        form, (question,) = make_form(questions=[("single_choice", "Tracé", {"choices": ["Nord", "Sud"]})])
    client = english_client("a.test", admin_a)
    url = f"/admin/forms/question/{question.pk}/change/"
    data = question_post(question, [])
    data["choices-0-description"] = "Par la gare"
    data["choices-0-image"] = SimpleUploadedFile("plan.png", b"<script>alert(1)</script>", content_type="image/png")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Upload a valid image" in response.content.decode()  # Pillow cannot read it
    with in_instance(instance_a):
        assert not Choice.objects.get(label="Nord").image

    bmp = io.BytesIO()
    Image.new("RGB", (20, 20)).save(bmp, format="BMP")  # an image Pillow reads, but not a format we accept
    data = question_post(question, [])
    data["choices-0-image"] = SimpleUploadedFile("plan.bmp", bmp.getvalue(), content_type="image/bmp")
    response = client.post(url, data)
    assert response.status_code == 200 and "This file is not an image we accept" in response.content.decode()

    data = question_post(question, [])
    data["choices-0-description"] = "Par la gare"
    data["choices-0-image_alt"] = "Tracé par le nord de la ville"
    data["choices-0-image"] = SimpleUploadedFile("plan.jpg", png_bytes(exif=True), content_type="image/jpeg")
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_instance(instance_a):
        north = Choice.objects.get(label="Nord")
    assert north.description == "Par la gare" and north.image_alt == "Tracé par le nord de la ville"
    with north.image.open("rb") as stored, Image.open(stored) as image:
        assert image.format == "JPEG" and not image.getexif()  # re-encoded: metadata dropped


@pytest.fixture
def illustrated(instance_a):
    questionnaire, (single, multiple) = make_questionnaire(
        instance_a,
        [
            ("single_choice", "Tracé du tram", {"choices": ["Nord", "Sud"], "required": True}),
            ("multiple_choice", "Aménagements", {"choices": ["Bancs", "Arbres"]}),
        ],
        allow_anonymous=True,
    )
    with in_instance(instance_a):
        north = Choice.objects.get(question=single, label="Nord")
        north.description = "Par la gare et l'hôpital"
        north.image.save("nord.png", ContentFile(png_bytes()), save=False)
        north.save()
        trees = Choice.objects.get(question=multiple, label="Arbres")
        trees.image_alt = "Une allée de platanes"
        trees.image.save("arbres.png", ContentFile(png_bytes()), save=False)
        trees.save()
    return questionnaire, north, trees


def test_the_form_shows_images_with_their_text_alternative(illustrated):
    questionnaire, north, trees = illustrated
    page = english_client("a.test").get(f"/questionnaires/{questionnaire.pk}/reply/").content.decode()
    # Inside the option's label, after its radio button: the label, the description, the image.
    option = re.search(r'<label for="(id_q\d+_\d)" class="choice-option choice-option--image">(.*?)</label>', page, re.S)
    assert option is not None
    assert f'value="{north.pk}"' in option.group(2) and "Par la gare et l&#x27;hôpital" in option.group(2)
    assert f'<img class="choice-option__image" src="{north.image.url}" alt="Nord" loading="lazy">' in option.group(2)
    assert f'src="{trees.image.url}" alt="Une allée de platanes"' in page  # its own description of the image
    assert page.count("<img class=\"choice-option__image\"") == 2  # choices without an image show none
    assert "Sud</span>" in page and "Bancs</span>" in page
    assert english_client("a.test").get(north.image.url).status_code == 200


def test_a_reply_with_illustrated_choices_is_recorded(illustrated):
    questionnaire, north, trees = illustrated
    client = english_client("a.test")
    with in_instance(questionnaire.instance):
        single, multiple = questionnaire.form.definition().input_questions
    response = client.post(
        f"/questionnaires/{questionnaire.pk}/reply/",
        {single.field_name: str(north.pk), multiple.field_name: [str(trees.pk)], "action": "next"},
    )
    assert response.status_code == 302
    with in_instance(questionnaire.instance):
        from participe.forms.models import Reply

        answers = Reply.objects.get().answers
    assert answers[str(single.pk)] == {"choice": north.pk} and answers[str(multiple.pk)] == {"choices": [trees.pk]}
