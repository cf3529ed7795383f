"""The instance's look, settings and legal pages: contrast refused with a proposal, images shown at once."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.core.colours import contrast_ratio
from participe.gestion.website.contrast import nearest_readable
from participe.instances.models import Instance
from tests.conftest import host_client

LOOK = "/gestion/website/look/"


def _png(name="logo.png", size=(400, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, "navy").save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def _look(**overrides):
    data = {"primary_colour": "#1d4e89", "secondary_colour": "#f4b400", "typeface": "system", "cover_alt": ""}
    data.update(overrides)
    return data


def test_the_look_page_offers_colour_pickers_and_typefaces(admin_client):
    page = admin_client.get(LOOK).content.decode()
    assert page.count('type="color"') == 2 and 'pattern="#[0-9a-fA-F]{6}"' in page
    assert "Atkinson Hyperlegible" in page and "Luciole" in page and 'type="radio"' in page


def test_an_unreadable_primary_colour_is_refused_with_the_nearest_passing_one(instance_a, admin_client):
    response = admin_client.post(LOOK, _look(primary_colour="#f4b400"))
    assert response.status_code == 400
    page = response.content.decode()
    proposal = nearest_readable("#f4b400", "#ffffff")
    assert "#f4b400 is too light or too dark for white text on the primary colour" in page
    assert "1.85:1" in page and proposal in page
    assert 4.5 <= contrast_ratio(proposal, "#ffffff") < 4.7
    instance_a.refresh_from_db()
    assert instance_a.primary_colour == "#1d4e89"
    # The proposed colour is accepted as it is.
    assert admin_client.post(LOOK, _look(primary_colour=proposal)).status_code == 302
    instance_a.refresh_from_db()
    assert instance_a.primary_colour == proposal


def test_a_secondary_colour_too_dark_for_the_text_is_refused(instance_a, admin_client):
    response = admin_client.post(LOOK, _look(secondary_colour="#333333"))
    assert response.status_code == 400
    assert "the site&#x27;s dark text on the secondary colour" in response.content.decode()


def test_a_colour_that_is_not_a_colour_is_refused(admin_client):
    response = admin_client.post(LOOK, _look(primary_colour="blue"))
    assert response.status_code == 400 and "Enter a colour as #RRGGBB." in response.content.decode()


def test_a_saved_logo_appears_on_the_public_home_at_once(instance_a, admin_client):
    visitor = host_client("a.test")
    assert "site-brand__logo" not in visitor.get("/").content.decode()  # the home page is now cached
    response = admin_client.post(LOOK, _look(logo=_png(), typeface="luciole"))
    assert response.status_code == 302, response.content.decode()[:3000]
    instance = Instance.objects.get(pk=instance_a.pk)
    assert instance.logo and instance.typeface == "luciole"
    assert instance.logo.url in visitor.get("/").content.decode()


def test_a_cover_needs_its_description_and_a_fake_image_is_refused(instance_a, admin_client):
    missing = admin_client.post(LOOK, _look(cover=_png("cover.png")))
    assert missing.status_code == 400 and "Describe the image, or mark it as decorative" in missing.content.decode()
    fake = SimpleUploadedFile("logo.png", b"<svg onload=alert(1)>", content_type="image/png")
    assert admin_client.post(LOOK, _look(logo=fake)).status_code == 400
    assert admin_client.post(LOOK, _look(cover=_png("cover.png"), cover_alt="La place du marché")).status_code == 302
    instance_a.refresh_from_db()
    assert instance_a.cover and instance_a.cover_alt == "La place du marché"


def test_settings_edit_user_types_as_lines_and_features_as_checkboxes(instance_a, admin_client):
    page = admin_client.get("/gestion/website/settings/").content.decode()
    assert "Habitant\nAssociation" in page and 'type="checkbox" name="features" value="blog"' in page
    response = admin_client.post("/gestion/website/settings/", {
        "sender_name": "Mairie", "sender_email": "", "contact_email": "contact@a.test", "registration_open": "",
        "user_types": "Habitant\n\n  Entreprise   locale \nhabitant\n", "features": ["blog", "maps"],
    })
    assert response.status_code == 302
    instance_a.refresh_from_db()
    assert instance_a.user_types == ["Habitant", "Entreprise locale"]
    assert instance_a.has_feature("blog") and not instance_a.has_feature("agenda")
    assert not instance_a.registration_open and instance_a.sender_name == "Mairie"
    refused = admin_client.post("/gestion/website/settings/", {"sender_name": "Mairie\nBcc: x", "features": ["nope"]})
    assert refused.status_code == 400


def test_legal_pages_are_rich_text_sanitised_and_shown(instance_a, admin_client):
    page = admin_client.get("/gestion/website/legal/").content.decode()
    assert page.count('data-richtext="full"') == 4
    response = admin_client.post("/gestion/website/legal/", {
        "terms": "Article premier\n\nArticle second", "privacy_policy": '<p>Données<img src=x onerror="alert(1)"></p>',
        "legal_notice": "", "accessibility_statement": "<h2>Conformité</h2><p>Partielle</p>",
    })
    assert response.status_code == 302
    instance_a.refresh_from_db()
    assert instance_a.terms == "<p>Article premier</p>\n\n<p>Article second</p>"
    assert "onerror" not in instance_a.privacy_policy
    public = host_client("a.test").get("/legal/accessibility/").content.decode()
    assert "<h2>Conformité</h2>" in public


def test_the_look_speaks_french_first(instance_a, admin_a):
    client = host_client("a.test", admin_a)
    client.cookies["django_language"] = "fr"
    page = client.get(LOOK).content.decode()
    assert "L&#x27;apparence du site" in page and "Apparence" in page and "Pages légales" in page
    refused = client.post(LOOK, _look(primary_colour="#f4b400")).content.decode()
    assert "#f4b400 est trop claire ou trop sombre pour un texte blanc sur la couleur principale" in refused
