"""Importing a text in the back office: Markdown, Word and OpenDocument, previewed before anything changes."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Argument, Opinion, Section
from tests.conftest import host_client
from tests.consultation.conftest import build_consultation
from tests.consultation.gestion_helpers import docx_upload, markdown_upload, odt_upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(instance_a, admin_a):
    data = build_consultation(instance_a, "future", opinions=0, author=admin_a)
    with in_instance(instance_a):
        Section.objects.filter(consultation=data["consultation"]).delete()
    return data


@pytest.fixture
def client(admin_a):
    return host_client("a.test", admin_a)


def preview(client, consultation, upload, mode="append"):
    return client.post(f"/gestion/consultation/{consultation.pk}/import/", {"document": upload, "mode": mode})


def confirm(client, consultation, page):
    html = page.content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    mode = re.search(r'name="mode" value="([^"]+)"', html).group(1)
    return client.post(f"/gestion/consultation/{consultation.pk}/import/confirm/", {"payload": payload, "mode": mode})


def tree(instance, consultation):
    with in_instance(instance):
        sections = list(Section.objects.filter(consultation=consultation).order_by("path").values_list("title", "depth"))
        articles = list(Opinion.objects.filter(consultation=consultation, is_official=True)
                        .order_by("section__path", "position").values_list("section__title", "title", "body"))
    return sections, articles


def test_markdown_is_previewed_then_imported(client, data, instance_a):
    consultation = data["consultation"]
    page = preview(client, consultation, markdown_upload())
    assert page.status_code == 200
    html = page.content.decode()
    assert "3 sections" in html and "4 articles" in html and "Titre III — L’accès" in html
    assert tree(instance_a, consultation) == ([], [])  # nothing written by the preview
    response = confirm(client, consultation, page)
    assert response.status_code == 302 and response["Location"] == f"/gestion/consultation/{consultation.pk}/"
    sections, articles = tree(instance_a, consultation)
    assert [title for title, _depth in sections] == ["Titre I — Les données", "Titre II — Le savoir", "Titre III — L’accès"]
    assert [(section, title) for section, title, _body in articles] == [
        ("Titre I — Les données", "Article 1"), ("Titre I — Les données", "Article 2"),
        ("Titre II — Le savoir", "Article 3"), ("Titre III — L’accès", "Article 4"),
    ]
    assert "<strong>données</strong>" in articles[0][2]


def test_a_word_document_keeps_its_levels_and_numbered_articles(client, data, instance_a):
    consultation = data["consultation"]
    confirm(client, consultation, preview(client, consultation, docx_upload()))
    sections, articles = tree(instance_a, consultation)
    assert sections == [("Titre I — Les données", 0), ("Chapitre 1 — Ouverture", 1), ("Titre II — L’accès", 0)]
    assert [(section, title) for section, title, _body in articles] == [
        ("Chapitre 1 — Ouverture", "Article 1"), ("Titre II — L’accès", "Article 2"),
    ]
    assert "<li>sous un format ouvert ;</li>" in articles[0][2] and "<p>Les administrations" in articles[0][2]


def test_an_opendocument_text_is_imported(client, data, instance_a):
    consultation = data["consultation"]
    confirm(client, consultation, preview(client, consultation, odt_upload()))
    sections, articles = tree(instance_a, consultation)
    assert sections == [("Chapitre unique", 0)]
    assert [title for _section, title, _body in articles] == ["Article premier", "Article 2"]
    assert "<li>état civil</li>" in articles[0][2]


def test_appending_keeps_the_current_document(client, data, instance_a):
    consultation = data["consultation"]
    confirm(client, consultation, preview(client, consultation, odt_upload()))
    confirm(client, consultation, preview(client, consultation, markdown_upload(), mode="append"))
    sections, _articles = tree(instance_a, consultation)
    assert [title for title, _depth in sections][:2] == ["Chapitre unique", "Titre I — Les données"]


def test_replacing_is_refused_once_participants_contributed(client, instance_a, admin_a, participant_a):
    data = build_consultation(instance_a, "open", opinions=1, author=admin_a)
    consultation = data["consultation"]
    with in_instance(instance_a):
        Opinion.objects.update(votes_total=0)
    page = preview(client, consultation, markdown_upload(), mode="replace")
    assert "They will replace the current document." in page.content.decode()
    confirm(client, consultation, page)
    sections, _articles = tree(instance_a, consultation)
    assert [title for title, _depth in sections] == ["Titre I — Les données", "Titre II — Le savoir", "Titre III — L’accès"]
    with in_instance(instance_a):
        article = Opinion.objects.filter(consultation=consultation).first()
        Argument.objects.create(step=data["step"], opinion=article, author=participant_a, side="for", body="Oui.")
    page = preview(client, consultation, odt_upload(), mode="replace")
    assert "it cannot be replaced" in page.content.decode()
    response = confirm(client, consultation, page)
    assert response.status_code == 302 and response["Location"].endswith("/import/")
    with in_instance(instance_a):
        assert Argument.objects.filter(opinion=article).exists()
    assert "cannot be replaced" in client.get(response["Location"]).content.decode()


def _zip(entries):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in entries.items():
            archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(("name", "content", "message"), [
    ("vide.md", b"", "The submitted file is empty."),
    ("image.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, "This type of file is not accepted"),
    ("binaire.md", b"abc\x00def", "This file is not a text file."),
    ("faux.docx", b"PK\x03\x04 pas un zip", "This file is damaged"),
    ("faux.docx", _zip({"[Content_Types].xml": "<x/>", "word/document.xml": "<not really"}), "This file is damaged"),
    ("tableur.xlsx", _zip({"[Content_Types].xml": "<x/>", "xl/workbook.xml": "<x/>"}), "This file is a spreadsheet"),
    ("bombe.docx", _zip({"[Content_Types].xml": "<x/>", "word/document.xml": "0" * (61 * 1024 * 1024)}), "too large once unpacked"),
    ("sans-titres.md", b"Juste un paragraphe.", "This document has no heading"),
])
def test_bad_files_are_refused_with_a_clear_message(client, data, name, content, message):
    response = preview(client, data["consultation"], SimpleUploadedFile(name, content))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_no_file_and_tampered_previews(client, data, instance_a):
    consultation = data["consultation"]
    assert client.post(f"/gestion/consultation/{consultation.pk}/import/", {"mode": "append"}).status_code == 400
    url = f"/gestion/consultation/{consultation.pk}/import/confirm/"
    for form in ({}, {"payload": "abc", "mode": "append"}, {"payload": "abc", "mode": "nonsense"}):
        response = client.post(url, form)
        assert response.status_code == 302 and response["Location"].endswith("/import/")
    # A preview made for another consultation is refused too.
    other = build_consultation(instance_a, "closed", opinions=0)["consultation"]
    page = preview(client, other, markdown_upload())
    html = page.content.decode()
    payload = re.search(r'name="payload" value="([^"]+)"', html).group(1)
    assert client.post(url, {"payload": payload, "mode": "append"})["Location"].endswith("/import/")
    assert tree(instance_a, consultation) == ([], [])


def test_the_import_page_speaks_french(admin_a, data):
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "fr"
    page = client.get(f"/gestion/consultation/{data['consultation'].pk}/import/").content.decode()
    assert "Importer un texte" in page
