"""Attachments: type by content, size limits, images re-encoded without metadata, safe headers, permissions."""

import io
import zipfile

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.attachments.models import Attachment
from participe.attachments.registry import attachments
from participe.projects.models import Project
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture
def project(scope_a):
    attachments.allow(Project, max_files=3)
    yield Project.objects.create(title="Budget", slug="budget", is_published=True)
    attachments.forget(Project)


def add_url(obj):
    return f"/attachments/to/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


def jpeg_with_exif():
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "SecretCamera"  # Make
    exif[0x8825] = {2: (48.0, 51.0, 24.0)}  # GPS
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


def docx():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return out.getvalue()


def test_image_is_re_encoded_without_metadata(admin_a, project):
    client = host_client("a.test", admin_a)
    upload = SimpleUploadedFile("photo.pdf", jpeg_with_exif(), content_type="application/pdf")  # lies
    response = client.post(add_url(project), {"file": upload, "next": "/ici/"})
    assert response.status_code == 302 and response["Location"] == "/ici/"
    attachment = Attachment.objects.get()
    assert (attachment.kind, attachment.mime_type, attachment.original_name) == ("image", "image/jpeg", "photo.jpg")
    with attachment.file.open("rb") as stored:
        data = stored.read()
    assert b"SecretCamera" not in data
    assert not Image.open(io.BytesIO(data)).getexif()
    served = client.get(attachment.get_absolute_url())
    assert served["Content-Type"] == "image/jpeg"
    assert served["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in served["Content-Security-Policy"]
    assert "attachment" not in served.get("Content-Disposition", "")


def test_documents_by_content(admin_a, project):
    client = host_client("a.test", admin_a)
    client.post(add_url(project), {"file": SimpleUploadedFile("rapport.txt", PDF)})
    client.post(add_url(project), {"file": SimpleUploadedFile("lettre.zip", docx())})
    kinds = list(Attachment.objects.values_list("mime_type", "original_name"))
    assert kinds == [
        ("application/pdf", "rapport.pdf"),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "lettre.docx"),
    ]
    served = client.get(Attachment.objects.first().get_absolute_url())
    assert served["Content-Disposition"].startswith("attachment;")
    assert served["Content-Type"] == "application/pdf"


@pytest.mark.parametrize(
    "name,content",
    [
        ("page.html", b"<html><script>alert(1)</script></html>"),
        ("fake.pdf", b"<svg onload=alert(1)>"),
        ("archive.docx", b"PK\x03\x04 not really a zip"),
        ("empty.png", b""),
    ],
)
def test_refused_files_show_a_clear_error(admin_a, project, name, content):
    client = host_client("a.test", admin_a)
    response = client.post(add_url(project), {"file": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert not Attachment.objects.exists()


def test_size_and_count_limits(admin_a, project, monkeypatch):
    monkeypatch.setattr("participe.attachments.validation.MAX_DOCUMENT_BYTES", 100)
    client = host_client("a.test", admin_a)
    assert client.post(add_url(project), {"file": SimpleUploadedFile("big.pdf", PDF + b"x" * 200)}).status_code == 400
    for number in range(3):
        client.post(add_url(project), {"file": SimpleUploadedFile(f"d{number}.pdf", PDF)})
    response = client.post(add_url(project), {"file": SimpleUploadedFile("d4.pdf", PDF)})
    assert response.status_code == 400
    assert Attachment.objects.count() == 3


def test_who_may_attach_and_see(client_a, participant_a, admin_a, project, scope_a):
    assert host_client("a.test", participant_a).post(add_url(project), {"file": SimpleUploadedFile("a.pdf", PDF)}).status_code == 403
    host_client("a.test", admin_a).post(add_url(project), {"file": SimpleUploadedFile("a.pdf", PDF)})
    attachment = Attachment.objects.get()
    assert client_a.get(attachment.get_absolute_url()).status_code == 200
    project.is_published = False
    project.save()
    assert client_a.get(attachment.get_absolute_url()).status_code == 404  # follows the project's visibility
    assert host_client("a.test", participant_a).post(f"/attachments/{attachment.pk}/delete/").status_code == 403
    assert host_client("a.test", admin_a).post(f"/attachments/{attachment.pk}/delete/").status_code == 302
    assert not Attachment.objects.exists()


def test_attachment_of_another_instance_is_404(instance_b, admin_a, admin_b, client_a, client_b):
    from participe.instances.scoping import in_instance

    attachments.allow(Project)
    try:
        with in_instance(instance_b):
            project_b = Project.objects.create(title="B", slug="b", is_published=True)
        host_client("b.test", admin_b).post(add_url(project_b), {"file": SimpleUploadedFile("b.pdf", PDF)})
        with in_instance(instance_b):
            attachment = Attachment.objects.get()
        assert client_b.get(attachment.get_absolute_url()).status_code == 200
        assert client_a.get(attachment.get_absolute_url()).status_code == 404
        assert host_client("a.test", admin_a).post(add_url(project_b), {"file": SimpleUploadedFile("x.pdf", PDF)}).status_code == 404
    finally:
        attachments.forget(Project)


def test_models_without_attachments_refuse_uploads(admin_a, scope_a):
    project = Project.objects.create(title="Sans", slug="sans", is_published=True)
    response = host_client("a.test", admin_a).post(add_url(project), {"file": SimpleUploadedFile("a.pdf", PDF)})
    assert response.status_code == 404


def test_form_page(admin_a, project):
    page = host_client("a.test", admin_a).get(add_url(project) + "?next=/ici/")
    assert page.status_code == 200
    body = page.content.decode()
    assert 'enctype="multipart/form-data"' in body and 'value="/ici/"' in body and '<label for="id_file">' in body
