import pytest

from participe.instances.scoping import in_instance
from participe.modules.consultation.document import import_document
from participe.modules.consultation.models import Opinion, Section
from tests.consultation.conftest import build_consultation

MARKDOWN = """Texte soumis à la consultation.

# Titre I — Les données

## Chapitre 1 — Ouverture

### Article 1

Les administrations publient leurs **données**.

### Article 2

- une liste
- de points

# Titre II — L’accès

### Article 3

Chacun a droit à une connexion.
"""


@pytest.mark.django_db
def test_markdown_headings_become_sections_and_articles(instance_a, admin_a):
    data = build_consultation(instance_a, opinions=0)
    with in_instance(instance_a):
        consultation = data["consultation"]
        Section.objects.filter(consultation=consultation).delete()
        assert import_document(consultation, MARKDOWN, author=admin_a) == (3, 3)
        titles = list(Section.objects.filter(consultation=consultation).order_by("path").values_list("title", "kind", "depth"))
        assert titles == [("Titre I — Les données", "title", 0), ("Chapitre 1 — Ouverture", "chapter", 1), ("Titre II — L’accès", "title", 0)]
        article = Opinion.objects.get(title="Article 1")
        assert article.is_official and article.section.title == "Chapitre 1 — Ouverture"
        assert "<strong>données</strong>" in article.body
        assert "<li>" in Opinion.objects.get(title="Article 2").body
        assert Opinion.objects.get(title="Article 3").section.title == "Titre II — L’accès"
        consultation.refresh_from_db()
        assert "Texte soumis" in consultation.body and consultation.opinions_count == 3


@pytest.mark.django_db
def test_html_documents_are_sanitised(instance_a):
    data = build_consultation(instance_a, opinions=0)
    with in_instance(instance_a):
        html = "<h2>Section</h2><h3>Article unique</h3><p>Texte<script>alert(1)</script></p>"
        import_document(data["consultation"], html, is_markdown=False)
        assert "script" not in Opinion.objects.get(title="Article unique").body


@pytest.mark.django_db
def test_document_without_heading_is_refused(instance_a):
    data = build_consultation(instance_a, opinions=0)
    with in_instance(instance_a), pytest.raises(ValueError):
        import_document(data["consultation"], "Juste du texte.")


@pytest.mark.django_db
def test_back_office_imports_a_document(instance_a, admin_a, participant_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.conftest import host_client

    data = build_consultation(instance_a, opinions=0)
    url = f"/admin/consultation/consultation/{data['consultation'].pk}/change/"
    assert host_client("a.test", participant_a).get(url).status_code in (302, 403)
    client = host_client("a.test", admin_a)
    page = client.get(url)
    assert page.status_code == 200
    form = {
        "step": data["step"].pk, "title": "Projet de loi", "body": "", "position": 0,
        "sections-TOTAL_FORMS": 0, "sections-INITIAL_FORMS": 0, "sections-MIN_NUM_FORMS": 0, "sections-MAX_NUM_FORMS": 1000,
        "document": SimpleUploadedFile("texte.md", MARKDOWN.encode()),
    }
    prefix = next(k for k in page.context["inline_admin_formsets"][0].formset.management_form.initial) and page.context["inline_admin_formsets"][0].formset.prefix
    form = {k.replace("sections-", f"{prefix}-"): v for k, v in form.items()}
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[:2000]
    with in_instance(instance_a):
        assert Opinion.objects.filter(consultation=data["consultation"], is_official=True).count() == 3
