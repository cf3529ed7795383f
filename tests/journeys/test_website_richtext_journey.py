"""The one rich-text editor in a real browser: with JavaScript an editor (bold with Ctrl+B), without it a plain
textarea whose paragraphs are kept; both save sanitised HTML, and the page loads no inline script or style."""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser


def test_an_administrator_writes_a_page_in_the_rich_text_editor(journey, site):
    from participe.site.models import Page

    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    journey.visit("/gestion/website/pages/new/", checkpoint="page-form")
    journey.fill("#id_title", "Charte")
    page = journey.page
    if journey.mode == "nojs":
        assert page.is_visible("textarea#id_body") and not journey.sees(".ProseMirror")
        journey.fill("#id_body", "Notre charte\n\nSecond paragraphe")
        expected = "<p>Notre charte</p>\n\n<p>Second paragraphe</p>"
    else:
        assert page.is_hidden("textarea#id_body") and page.is_visible(".prose-editor .ProseMirror[contenteditable]")
        assert page.get_attribute(".prose-editor .ProseMirror[contenteditable]", "aria-label").startswith("Texte")
        assert journey.sees('.prose-menubar button[title="Gras"][aria-label="Gras"]')  # the toolbar speaks French
        journey.fill("#id_body", "Notre ")
        page.keyboard.press("Control+B")
        page.keyboard.type("charte")
        expected = "<p>Notre <strong>charte</strong></p>"
    journey.submit(checkpoint="pages")
    with in_instance(site):
        assert Page.objects.get().body == expected


def test_the_website_back_office_pages_pass_axe(journey, site):
    from django.utils import timezone

    from participe.site.models import Event, HomeSection

    make_user(site, "admin@example.org", display_name="Admin", is_instance_admin=True)
    with in_instance(site):
        HomeSection.objects.create(kind=HomeSection.Kind.INTRODUCTION, position=1)
        HomeSection.objects.create(kind=HomeSection.Kind.LATEST_NEWS, position=2)
        event = Event.objects.create(title="Atelier", slug="atelier", starts_at=timezone.now())
    journey.visit("/")
    log_in(journey, "admin@example.org", PASSWORD)
    for label, url in [("website", "/gestion/website/"), ("look", "/gestion/website/look/"),
                       ("settings", "/gestion/website/settings/"), ("legal", "/gestion/website/legal/"),
                       ("home", "/gestion/website/home/"), ("district-form", "/gestion/website/districts/new/"),
                       ("event-form", f"/gestion/website/events/{event.pk}/"),
                       ("registrations", f"/gestion/website/events/{event.pk}/registrations/")]:
        journey.visit(url, checkpoint=label)
    # Refused colours: the error summary links to the field, and the page still passes.
    journey.visit("/gestion/website/look/")
    journey.page.fill("#id_primary_colour", "#f4b400") if journey.mode != "keyboard" else None
    if journey.mode == "keyboard":
        return
    journey.submit(checkpoint="look-refused")
    assert "#f4b400" in journey.page.content() and journey.sees("#error-summary a[href='#id_primary_colour']")
