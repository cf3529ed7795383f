"""The described-image form: a description unless decorative, the checkbox next to the description, uploads
judged by content; saving the form gives the row its Image."""

import pytest
from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from participe.images.forms import DescribedImagesMixin
from participe.instances.scoping import in_instance
from participe.site.models import Page
from tests.images.test_images import png

pytestmark = pytest.mark.django_db


class PageForm(DescribedImagesMixin, forms.ModelForm):
    class Meta:
        model = Page
        fields = ["title", "slug", "cover", "cover_alt", "body"]


def _form(files, **data):
    return PageForm({"title": "À propos", "slug": "a-propos", "body": "<p>Texte</p>", **data}, files)


def test_the_decorative_checkbox_sits_after_the_description_and_the_upload_accepts_images(instance_a):
    with in_instance(instance_a), translation.override("en"):
        form = PageForm()
        assert list(form.fields)[list(form.fields).index("cover_alt") + 1] == "cover_decorative"
        assert form.fields["cover"].widget.attrs["accept"].startswith("image/")
        assert 'for="id_cover_decorative"' in str(form["cover_decorative"].label_tag())


def test_a_description_is_required_unless_the_image_is_decorative(instance_a, django_capture_on_commit_callbacks):
    with in_instance(instance_a), translation.override("en"):
        missing = _form({"cover": png()}, cover_alt=" ")
        assert not missing.is_valid() and "mark it as decorative" in missing.errors["cover_alt"][0]
        decorative = _form({"cover": png()}, cover_alt="ignored", cover_decorative="on")
        assert decorative.is_valid(), decorative.errors
        with django_capture_on_commit_callbacks(execute=True):
            page = decorative.save()
        assert page.cover_alt == "" and page.cover_image.decorative and page.cover_image.renditions
        assert PageForm(instance=page).fields["cover_decorative"].initial is True
        described = _form({"cover": png()}, cover_alt="La mairie")
        assert described.is_valid()


@pytest.mark.parametrize(
    "upload, message",
    [(SimpleUploadedFile("x.png", b"<svg onload=alert(1)>"), "not an image"), (png(120, 80), "too small")],
)
def test_uploads_are_judged_by_content(instance_a, upload, message):
    with in_instance(instance_a), translation.override("en"):
        form = _form({"cover": upload}, cover_alt="Une image")
        assert not form.is_valid()
        assert message in " ".join(form.errors["cover"])
