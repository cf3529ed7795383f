"""Private files: never under /media/, served only to who may see them; uploads judged by content; exports expire."""

import io
import json
import re
import struct
import tracemalloc
import zlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from participe.core.uploads import check_file, clean_image
from participe.exports.models import Job, JobStatus
from participe.exports.tasks import purge_expired_exports
from participe.forms.models import AnswerFile
from participe.instances.scoping import in_instance
from participe.modules.proposals.models import Proposal
from participe.participation.models import Status
from tests.conftest import host_client, make_user
from tests.forms.builders import english_client
from tests.proposals.conftest import make_proposal, make_step
from tests.questionnaires.conftest import make_questionnaire

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]

PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><circle r="4"/></svg>'
HTML = b"<!doctype html><html><body><script>alert(1)</script></body></html>"


def png_header(width, height):
    """A valid PNG signature and IHDR announcing width × height, with one tiny IDAT: a few hundred bytes."""

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def png_bytes(size=(8, 8)):
    out = io.BytesIO()
    Image.new("RGB", size, "blue").save(out, format="PNG")
    return out.getvalue()


def every_file_under(root):
    root = Path(root)
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


@pytest.fixture
def identity_survey(instance_a):
    questionnaire, (name, document) = make_questionnaire(
        instance_a,
        [
            ("short_text", "Votre nom", {"required": True}),
            ("file", "Pièce d'identité", {"config": {"kinds": ["pdf", "image"], "max_mb": 2}}),
        ],
        allow_anonymous=False,
    )
    return questionnaire, name, document


def reply_with(client, questionnaire, name, document, upload, typed="Camille Martin"):
    return client.post(
        f"/questionnaires/{questionnaire.pk}/reply/", {name.field_name: typed, document.field_name: upload}
    )


@pytest.fixture
def answer_file(identity_survey, participant_a, settings):
    questionnaire, name, document = identity_survey
    response = reply_with(
        english_client("a.test", participant_a), questionnaire, name, document,
        SimpleUploadedFile("carte-identite.pdf", PDF, content_type="application/pdf"),
    )
    assert response.status_code == 302
    with in_instance(questionnaire.instance):
        return AnswerFile.objects.get()


def test_an_answer_file_is_private_and_served_to_staff_only(
    answer_file, settings, participant_a, admin_a, instance_b, admin_b
):
    # Not under the public root at all, and no /media/ URL reaches it, on either host.
    stored = Path(answer_file.file.path)
    assert Path(settings.PRIVATE_MEDIA_ROOT) in stored.parents
    assert not every_file_under(settings.MEDIA_ROOT)
    for host in ("a.test", "b.test"):
        for path in (answer_file.file.name, f"../private/{answer_file.file.name}", "forms/answers/carte-identite.pdf"):
            assert host_client(host).get(f"/media/{path}").status_code == 404
    url = f"/forms/answer-files/{answer_file.pk}/"
    someone = make_user(answer_file.instance, "someone@a.test")
    assert host_client("a.test").get(url).status_code in (403, 404)
    assert host_client("a.test", someone).get(url).status_code in (403, 404)
    assert host_client("b.test", admin_b).get(url).status_code == 404
    response = host_client("a.test", admin_a).get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"].startswith("private")
    assert b"".join(response.streaming_content) == PDF
    assert host_client("a.test", participant_a).get(url).status_code == 200  # its author


def test_with_a_proxy_python_names_the_file_and_the_proxy_sends_it(answer_file, admin_a, settings):
    settings.PRIVATE_MEDIA_ACCEL_PREFIX = "/_private/"
    response = host_client("a.test", admin_a).get(f"/forms/answer-files/{answer_file.pk}/")
    assert response.status_code == 200 and response.content == b""
    assert response["X-Accel-Redirect"] == f"/_private/{answer_file.file.name}"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_uploads_get_random_names(identity_survey, participant_a, instance_a, settings):
    questionnaire, name, document = identity_survey
    other = make_user(instance_a, "other@a.test")
    for user in (participant_a, other):
        upload = SimpleUploadedFile("carte-identite.pdf", PDF, content_type="application/pdf")
        assert reply_with(english_client("a.test", user), questionnaire, name, document, upload).status_code == 302
    with in_instance(instance_a):
        names = [f.file.name for f in AnswerFile.objects.all()]
        assert [f.name for f in AnswerFile.objects.all()] == ["carte-identite.pdf"] * 2  # shown to staff
    assert len(set(names)) == 2
    for stored in names:
        assert "carte" not in stored and "identite" not in stored
        assert re.fullmatch(r"forms/answers/\d+/[0-9a-f]{32}\.pdf", stored)


@pytest.mark.parametrize("filename,content", [("carte.svg", SVG), ("carte.pdf", SVG), ("page.html", HTML)])
def test_svg_and_html_answers_are_refused_and_the_typed_text_is_kept(
    identity_survey, participant_a, filename, content
):
    questionnaire, name, document = identity_survey
    upload = SimpleUploadedFile(filename, content, content_type="image/svg+xml")
    response = reply_with(english_client("a.test", participant_a), questionnaire, name, document, upload, "Nom gardé")
    assert response.status_code in (200, 400)
    page = response.content.decode()
    assert "This type of file is not accepted" in page
    assert "Nom gardé" in page
    with in_instance(questionnaire.instance):
        assert not AnswerFile.objects.exists()


def test_attachment_of_a_hidden_proposal_is_not_found_for_visitors(instance_a, participant_a, moderator_a, settings):
    step = make_step(instance_a)
    proposal = make_proposal(step, author=participant_a, status=Status.PUBLISHED)
    with in_instance(instance_a):
        proposal.attachment.save("plan.pdf", ContentFile(PDF))
    assert Path(settings.PRIVATE_MEDIA_ROOT) in Path(proposal.attachment.path).parents
    url = f"/proposals/{proposal.pk}/attachment/"
    visible = host_client("a.test").get(url)
    assert visible.status_code == 200 and visible["Content-Disposition"].startswith("attachment;")
    page = host_client("a.test").get(f"/proposals/{proposal.pk}/").content.decode()
    assert url in page
    with in_instance(instance_a):
        Proposal.objects.filter(pk=proposal.pk).update(status=Status.HIDDEN)
    assert host_client("a.test").get(url).status_code == 404
    assert host_client("a.test", make_user(instance_a, "visitor@a.test")).get(url).status_code == 404
    assert host_client("a.test", moderator_a).get(url).status_code == 200
    assert host_client("a.test", participant_a).get(url).status_code == 200  # its author
    assert host_client("b.test").get(url).status_code == 404


def test_proposal_attachment_refuses_svg_and_html_with_the_text_kept(instance_a, participant_a):
    step = make_step(instance_a, fields={"attachment": {"enabled": True}})
    client = english_client("a.test", participant_a)
    for filename, content in (("plan.svg", SVG), ("plan.html", HTML), ("plan.pdf", HTML)):
        response = client.post(
            f"/proposals/step/{step.pk}/new/",
            {"title": "Un titre gardé", "publish": "1", "attachment": SimpleUploadedFile(filename, content)},
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "This type of file is not accepted" in page and "Un titre gardé" in page
    with in_instance(instance_a):
        assert not Proposal.objects.exists()


def test_export_download_owner_and_admins_until_expiry_then_purged(scope_a, instance_a, admin_a, moderator_a, settings):
    owner = make_user(instance_a, "analyst@a.test", is_analyst=True)
    job = Job.objects.create(user=owner, title="Export", task="x", status=JobStatus.SUCCEEDED, finished_at=timezone.now())
    job.result.save("export.csv", ContentFile(b"a;b\n1;2\n"), save=True)
    path = Path(job.result.path)
    assert Path(settings.PRIVATE_MEDIA_ROOT) in path.parents
    url = f"/exports/jobs/{job.pk}/download/"
    assert host_client("a.test").get(url).status_code == 302  # to the login page
    assert host_client("a.test", moderator_a).get(url).status_code == 404
    assert host_client("b.test").get(url).status_code in (302, 404)
    for user in (owner, admin_a):
        response = host_client("a.test", user).get(url)
        assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    # After EXPORT_RETENTION_DAYS the link goes, then the purge deletes the file.
    Job.objects.filter(pk=job.pk).update(finished_at=timezone.now() - timedelta(days=settings.EXPORT_RETENTION_DAYS, hours=1))
    assert host_client("a.test", owner).get(url).status_code == 404
    page = english_client("a.test", owner).get(f"/exports/jobs/{job.pk}/").content.decode()
    assert "This export has expired" in page and url not in page
    assert purge_expired_exports() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.EXPIRED and not job.result and not path.exists()


@pytest.mark.parametrize("path", ["%00", "a%00b.png", "x" * 300, "/".join(["y" * 200] * 6)])
def test_malformed_media_paths_are_not_found(client_a, path):
    assert client_a.get(f"/media/{path}").status_code == 404


def test_public_images_are_served_from_the_public_root_only(client_a, settings, scope_a):
    from participe.projects.models import Project

    project = Project.objects.create(title="Parc", slug="parc", is_published=True)
    project.cover.save("Mon parc.png", ContentFile(png_bytes()))
    assert Path(settings.MEDIA_ROOT) / "public" in Path(project.cover.path).parents
    assert "Mon" not in project.cover.name
    response = client_a.get(project.cover.url)
    assert response.status_code == 200 and response["X-Content-Type-Options"] == "nosniff"


def test_a_small_file_announcing_a_huge_image_is_refused_without_decoding_it():
    bomb = png_header(30000, 30000)
    assert len(bomb) < 200
    tracemalloc.start()
    try:
        with pytest.raises(ValidationError, match="too many pixels"):
            clean_image(SimpleUploadedFile("bomb.png", bomb, content_type="image/png"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 5 * 1024 * 1024
    # Just above the limit but below Pillow's own refusal: refused by the header check too.
    with pytest.raises(ValidationError, match="too many pixels"):
        clean_image(SimpleUploadedFile("big.png", png_header(5000, 4000)))


@pytest.mark.parametrize(
    "content,kinds,accepted",
    [
        (PDF, ("pdf",), True),
        (SVG, ("image", "pdf", "office", "text"), False),
        (HTML, ("image", "pdf", "office", "text"), False),
        (b"nom;ville\nCamille;Toulouse\n", ("text",), True),
        (b"<?xml version='1.0'?><svg/>", ("text",), False),
        (b"MZ\x90\x00\x03\x00\x00\x00", ("image", "pdf", "office", "text"), False),
        (b"PK\x03\x04 not a zip at all", ("office",), False),
    ],
)
def test_check_file_goes_by_content(content, kinds, accepted):
    upload = SimpleUploadedFile("fichier.pdf", content)
    if accepted:
        assert check_file(upload, kinds).kind in kinds
    else:
        with pytest.raises(ValidationError):
            check_file(upload, kinds)


def test_office_files_are_recognised_by_their_manifest():
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", "<office:document-content/>")
    checked = check_file(SimpleUploadedFile("tableau.html", out.getvalue()), ("office",))
    assert (checked.extension, checked.upload.name) == ("ods", "tableau.ods")


def test_move_uploads_puts_old_files_in_the_storage_of_their_field(scope_a, instance_a, settings):
    from django.core.management import call_command

    from participe.projects.models import Project

    old = Path(settings.MEDIA_ROOT)
    (old / "projects/covers").mkdir(parents=True)
    (old / "projects/covers/parc.png").write_bytes(png_bytes())
    (old / "proposals/files").mkdir(parents=True)
    (old / "proposals/files/plan.pdf").write_bytes(PDF)
    project = Project.objects.create(title="Parc", slug="parc", is_published=True, cover="projects/covers/parc.png")
    proposal = make_proposal(make_step(instance_a), attachment="proposals/files/plan.pdf")
    call_command("move_uploads", stdout=io.StringIO())
    project.refresh_from_db()
    proposal.refresh_from_db()
    assert Path(project.cover.path) == old / "public/projects/covers/parc.png" and Path(project.cover.path).is_file()
    assert Path(proposal.attachment.path) == Path(settings.PRIVATE_MEDIA_ROOT) / "proposals/files/plan.pdf"
    assert proposal.attachment.read() == PDF
    assert not (old / "proposals/files/plan.pdf").exists()


def test_the_refusal_is_in_french_first(identity_survey, participant_a):
    questionnaire, name, document = identity_survey
    upload = SimpleUploadedFile("carte.svg", SVG, content_type="image/svg+xml")
    response = reply_with(host_client("a.test", participant_a), questionnaire, name, document, upload)
    assert "Ce type de fichier n’est pas accepté. Acceptés : PDF, image (JPEG, PNG, WebP, GIF)." in response.content.decode()


def test_an_over_long_file_name_is_stored_under_a_short_random_name(identity_survey, participant_a):
    questionnaire, name, document = identity_survey
    upload = SimpleUploadedFile("é" * 300 + ".pdf", PDF, content_type="application/pdf")
    response = reply_with(english_client("a.test", participant_a), questionnaire, name, document, upload)
    assert response.status_code == 302
    with in_instance(questionnaire.instance):
        saved = AnswerFile.objects.get()
    assert len(saved.file.name) < 80 and saved.name.endswith(".pdf") and len(saved.name) <= 200


def test_a_source_file_is_private_and_follows_the_source(instance_a, admin_a, participant_a, settings):
    from participe.modules.consultation.models import Source
    from tests.consultation.conftest import build_consultation

    opinion = build_consultation(instance_a, author=admin_a)["opinions"][0]
    client = host_client("a.test", participant_a)
    pdf = SimpleUploadedFile("etude-confidentielle.pdf", PDF, content_type="application/pdf")
    response = client.post(f"/consultation/opinion/{opinion.pk}/source/", {"title": "Étude", "category": "report", "file": pdf})
    assert response.status_code == 302
    with in_instance(instance_a):
        source = Source.objects.get()
    assert Path(settings.PRIVATE_MEDIA_ROOT) in Path(source.file.path).parents and "etude" not in source.file.name
    url = f"/consultation/source/{source.pk}/file/"
    assert source.url == url
    response = host_client("a.test").get(url)
    assert response.status_code == 200 and response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Type"] == "application/pdf" and response["X-Content-Type-Options"] == "nosniff"
    with in_instance(instance_a):
        Source.objects.filter(pk=source.pk).update(status=Status.HIDDEN)
    assert host_client("a.test").get(url).status_code == 404
    assert host_client("a.test", participant_a).get(url).status_code == 200  # its author
    assert host_client("b.test").get(url).status_code == 404
    svg = SimpleUploadedFile("carte.pdf", SVG, content_type="application/pdf")
    refused = client.post(f"/consultation/opinion/{opinion.pk}/source/", {"title": "Carte gardée", "category": "map", "file": svg})
    assert refused.status_code == 400 and "Carte gardée" in refused.content.decode()


def test_a_refused_logo_is_a_form_error_not_a_server_error(instance_a, admin_a):
    from django.forms.models import model_to_dict

    data = {}
    for name, value in model_to_dict(instance_a, exclude=["slug", "is_active", "logo", "favicon", "cover", "social_image"]).items():
        if value is True:
            data[name] = "on"
        elif value not in (None, False):
            data[name] = json.dumps(value) if isinstance(value, (dict, list)) else value
    data["logo"] = SimpleUploadedFile("logo.png", png_header(5000, 4000), content_type="image/png")
    response = english_client("a.test", admin_a).post(f"/admin/instances/instance/{instance_a.pk}/change/", data)
    assert response.status_code == 200
    assert "too many pixels" in response.content.decode()
    data["logo"] = SimpleUploadedFile("logo.png", png_bytes((40, 20)), content_type="image/png")
    response = english_client("a.test", admin_a).post(f"/admin/instances/instance/{instance_a.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    instance_a.refresh_from_db()
    assert re.fullmatch(rf"instances/logos/{instance_a.pk}/[0-9a-f]{{32}}\.png", instance_a.logo.name)


def test_the_export_purge_is_scheduled():
    from participe.celery import app

    entry = app.conf.beat_schedule["purge-expired-exports"]
    assert entry["task"] == "participe.exports.tasks.purge_expired_exports" and entry["schedule"] <= 24 * 60 * 60
