"""Images: renditions (widths, AVIF and WebP) made after the commit in the public storage, the <picture>
markup, text alternatives, refused uploads, deletion with the owner, instance scope, placeholders."""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.template import Context, Template
from django.utils import translation
from PIL import Image as PillowImage

from participe.images import renditions
from participe.images.models import Image
from participe.images.placeholders import placeholder_svg
from participe.images.services import store_image
from participe.images.tasks import make_renditions
from participe.instances.scoping import in_instance
from participe.projects.models import Project

pytestmark = pytest.mark.django_db


def png(width=1200, height=800, colour=(29, 78, 137)):
    out = io.BytesIO()
    PillowImage.new("RGB", (width, height), colour).save(out, format="PNG")
    return SimpleUploadedFile("photo.png", out.getvalue(), content_type="image/png")


def bomb(width=40_000, height=40_000):
    """A PNG whose header claims 1.6 billion pixels, with almost no data: refused before decoding."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    body = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")
    return SimpleUploadedFile("bomb.png", body, content_type="image/png")


def _project(instance, django_capture_on_commit_callbacks, **fields):
    with in_instance(instance), django_capture_on_commit_callbacks(execute=True):
        return Project.objects.create(title="Place verte", slug="place-verte", is_published=True, **fields)


def test_a_cover_gets_an_image_with_avif_and_webp_renditions_in_the_public_storage(
    instance_a, settings, django_capture_on_commit_callbacks
):
    project = _project(instance_a, django_capture_on_commit_callbacks, cover=png(), cover_alt="Une place arborée")
    with in_instance(instance_a):
        image = Image.objects.get(pk=project.cover_image_id)
    assert (image.width, image.height, image.alt, image.decorative) == (1200, 800, "Une place arborée", False)
    assert image.file.name == project.cover.name  # the row's own file, not a copy
    assert sorted({(r["format"], r["width"]) for r in image.renditions}) == sorted(
        (f, w) for f in ("avif", "webp") for w in (320, 640, 960, 1200)
    )
    public, private = Path(settings.MEDIA_ROOT) / "public", Path(settings.PRIVATE_MEDIA_ROOT)
    for rendition in image.renditions:
        path = public / rendition["name"]
        with PillowImage.open(path) as written:
            assert written.format == rendition["format"].upper()
            assert written.size == (rendition["width"], rendition["height"])
    assert not private.exists() or not any(private.rglob("*"))


def test_the_picture_tag_offers_srcsets_sizes_and_lazy_loading(instance_a, django_capture_on_commit_callbacks):
    project = _project(instance_a, django_capture_on_commit_callbacks, cover=png(), cover_alt="Une place arborée")
    with in_instance(instance_a):
        project = Project.objects.select_related("cover_image").get(pk=project.pk)
    template = Template('{% load images %}{% cover project "project" sizes="50vw" %}|{% cover project "project" eager=True %}')
    lazy, eager = template.render(Context({"project": project})).split("|")
    assert lazy.index('type="image/avif"') < lazy.index('type="image/webp"')
    assert 'sizes="50vw"' in lazy and "-320.avif 320w" in lazy and "-1200.webp 1200w" in lazy
    assert 'width="1200" height="800" alt="Une place arborée" loading="lazy"' in lazy
    assert 'loading="lazy"' not in eager and 'fetchpriority="high"' in eager


def test_without_renditions_yet_the_original_is_shown(instance_a):
    with in_instance(instance_a):
        project = Project.objects.create(title="Sans job", slug="sans-job", cover=png(), cover_alt="Photo")
        project = Project.objects.select_related("cover_image").get(pk=project.pk)
    html = Template('{% load images %}{% cover project "project" %}').render(Context({"project": project}))
    assert "<source" not in html and f'src="/media/{project.cover.name}"' in html


def test_an_empty_description_makes_the_image_decorative(instance_a, django_capture_on_commit_callbacks):
    project = _project(instance_a, django_capture_on_commit_callbacks, cover=png())
    with in_instance(instance_a):
        project = Project.objects.select_related("cover_image").get(pk=project.pk)
    assert project.cover_image.decorative
    assert 'alt=""' in Template('{% load images %}{% cover p "project" %}').render(Context({"p": project}))


def test_a_description_is_required_unless_decorative(instance_a):
    with in_instance(instance_a):
        with pytest.raises(ValidationError) as error:
            store_image(png(), alt="  ")
        assert "alt" in error.value.message_dict
        assert store_image(png(), decorative=True).text_alternative == ""
        with pytest.raises(IntegrityError), transaction.atomic():
            Image.objects.create(file="images/x.png", alt="", decorative=False)


@pytest.mark.parametrize(
    "upload, message",
    [
        (bomb(), "too many pixels"),
        (SimpleUploadedFile("x.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"), "not an image"),
        (SimpleUploadedFile("x.png", b"not really a png"), "not an image"),
        (png(100, 60), "too small"),
    ],
)
def test_uploads_are_judged_by_their_content(instance_a, upload, message):
    with in_instance(instance_a), translation.override("en"), pytest.raises(ValidationError) as error:
        store_image(upload, alt="Une image")
    assert message in " ".join(error.value.messages)
    with in_instance(instance_a):
        assert not Image.objects.exists()


def test_a_new_cover_replaces_the_image_and_the_owner_takes_it_along(
    instance_a, settings, django_capture_on_commit_callbacks
):
    project = _project(instance_a, django_capture_on_commit_callbacks, cover=png(), cover_alt="Avant")
    public = Path(settings.MEDIA_ROOT) / "public"
    with in_instance(instance_a):
        first = Image.objects.get(pk=project.cover_image_id)
        first_files = [first.file.name, *(r["name"] for r in first.renditions)]
        with django_capture_on_commit_callbacks(execute=True):
            project.cover_alt = "Après"
            project.save()
        assert Image.objects.get(pk=first.pk).alt == "Après"  # a new description: the same image
        with django_capture_on_commit_callbacks(execute=True):
            project.cover = png(colour=(200, 10, 10))
            project.save()
        second = Image.objects.get(pk=project.cover_image_id)
        assert second.pk != first.pk and not Image.objects.filter(pk=first.pk).exists()
        assert not any((public / name).exists() for name in first_files)
        second_files = [second.file.name, *(r["name"] for r in second.renditions)]
        assert all((public / name).exists() for name in second_files)
        with django_capture_on_commit_callbacks(execute=True):
            project.delete()
        assert not Image.objects.exists()
    assert not any((public / name).exists() for name in second_files)


def test_images_stay_in_their_instance(instance_a, instance_b, django_capture_on_commit_callbacks):
    project = _project(instance_a, django_capture_on_commit_callbacks, cover=png(), cover_alt="A")
    with in_instance(instance_b):
        assert not Image.objects.filter(pk=project.cover_image_id).exists()
    assert make_renditions(instance_b.pk, project.cover_image_id) == 0
    assert project.cover.name.split("/")[2] == str(instance_a.pk)


def test_widths_never_exceed_the_original():
    assert renditions.widths_for(500) == [320, 500]
    assert renditions.widths_for(4000) == [320, 640, 960, 1280, 1920]
    assert renditions.widths_for(200) == [200]


def test_placeholders_are_themed_deterministic_and_hidden_from_screen_readers():
    first = placeholder_svg("Place verte", "project", "#1d4e89", "#f4b400")
    assert first == placeholder_svg("Place verte", "project", "#1d4e89", "#f4b400")
    assert first != placeholder_svg("Rue des écoles", "project", "#1d4e89", "#f4b400")
    assert first != placeholder_svg("Place verte", "event", "#1d4e89", "#f4b400")
    assert 'aria-hidden="true"' in first and 'fill="#1d4e89"' in first
    assert "<script" not in placeholder_svg("<script>alert(1)</script>", "post", "#000000", "#ffffff")


def test_sync_images_links_the_images_saved_before_the_app(instance_a, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    with in_instance(instance_a):
        project = Project.objects.create(title="Ancien", slug="ancien", cover=png(), cover_alt="Vue du parc")
        Project.objects.filter(pk=project.pk).update(cover_image=None)
        Image.objects.all().delete()
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("sync_images", stdout=out)
        call_command("sync_images", stdout=io.StringIO())  # again: nothing more to link
    assert out.getvalue().startswith("1 image(s) linked")
    with in_instance(instance_a):
        image = Project.objects.select_related("cover_image").get(pk=project.pk).cover_image
        assert (image.alt, image.width, Image.objects.count()) == ("Vue du parc", 1200, 1)
        assert image.renditions
