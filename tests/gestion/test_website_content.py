"""The website's content from the back office: pages, posts, events and registrations, home, menus, districts."""

import io
import json

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from participe.instances.scoping import in_instance
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Registration
from tests.conftest import host_client, make_user

SQUARE = {"type": "Polygon", "coordinates": [[[2.0, 48.0], [2.1, 48.0], [2.1, 48.1], [2.0, 48.1], [2.0, 48.0]]]}


def _geojson(data, name="nord.geojson"):
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    return SimpleUploadedFile(name, raw, content_type="application/geo+json")


def test_a_page_is_created_published_from_the_list_and_shown_at_once(instance_a, admin_client):
    response = admin_client.post("/gestion/website/pages/new/", {
        "title": "Charte de la participation", "slug": "", "summary": "", "body": "Nos engagements",
    })
    assert response.status_code == 302
    with in_instance(instance_a):
        page = Page.objects.get()
    assert page.slug == "charte-de-la-participation" and not page.is_published
    assert page.body == "<p>Nos engagements</p>"
    visitor = host_client("a.test")
    assert visitor.get("/pages/charte-de-la-participation/").status_code == 404
    assert admin_client.post(f"/gestion/website/pages/{page.pk}/switch/").status_code == 302
    assert "Nos engagements" in visitor.get(page.get_absolute_url()).content.decode()
    duplicate = admin_client.post("/gestion/website/pages/new/", {"title": "Autre", "slug": page.slug, "body": ""})
    assert duplicate.status_code == 400 and "Another one already uses this web address." in duplicate.content.decode()


def test_a_post_has_a_described_cover(instance_a, admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "green").save(buffer, format="PNG")
    data = {"title": "Lancement", "slug": "", "summary": "", "body": "", "published_at": "2026-01-05T10:00",
            "is_published": "on", "cover": SimpleUploadedFile("c.png", buffer.getvalue(), content_type="image/png")}
    missing = admin_client.post("/gestion/website/posts/new/", data)
    assert missing.status_code == 400 and "Describe the image" in missing.content.decode()
    data["cover"].seek(0)
    response = admin_client.post("/gestion/website/posts/new/", {**data, "cover_alt": "Le jardin partagé"})
    assert response.status_code == 302
    with in_instance(instance_a):
        post = Post.objects.get()
    assert post.cover and post.cover_alt == "Le jardin partagé"


def test_pages_and_events_take_a_described_cover_too(instance_a, admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "green").save(buffer, format="PNG")
    cover = SimpleUploadedFile("c.png", buffer.getvalue(), content_type="image/png")
    response = admin_client.post("/gestion/website/events/new/", {
        "title": "Atelier", "starts_at": "2030-01-05T10:00", "cover": cover, "cover_alt": "Une salle",
        "is_published": "on", "waiting_list": "on",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    cover.seek(0)
    missing = admin_client.post("/gestion/website/pages/new/", {"title": "Charte", "body": "", "cover": cover})
    assert missing.status_code == 400 and "Describe the image" in missing.content.decode()
    with in_instance(instance_a):
        event = Event.objects.get()
        assert event.cover and event.cover_alt == "Une salle"


def test_an_events_registrations_are_listed_and_exported(instance_a, admin_client, participant_a):
    with in_instance(instance_a):
        event = Event.objects.create(title="Atelier", slug="atelier", starts_at=timezone.now(), capacity=10,
                                     confirmed_count=1)
        Registration.objects.create(event=event, user=participant_a, status=Registration.Status.CONFIRMED)
    page = admin_client.get(f"/gestion/website/events/{event.pk}/registrations/").content.decode()
    assert participant_a.email in page
    export = admin_client.get(f"/gestion/website/events/{event.pk}/registrations/export/")
    assert export.status_code == 200 and export["Content-Type"].startswith("text/csv")
    body = b"".join(export.streaming_content).decode()
    assert participant_a.email in body and "Confirmed" in body


def test_the_registrations_list_reads_a_constant_number_of_queries(instance_a, admin_client,
                                                                   django_assert_max_num_queries):
    with in_instance(instance_a):
        event = Event.objects.create(title="Atelier", slug="atelier", starts_at=timezone.now())
    for number in range(12):
        user = make_user(instance_a, f"p{number}@a.test")
        with in_instance(instance_a):
            Registration.objects.create(event=event, user=user, status=Registration.Status.CONFIRMED)
    with django_assert_max_num_queries(12):
        assert admin_client.get(f"/gestion/website/events/{event.pk}/registrations/").status_code == 200


def test_home_sections_move_up_and_down_and_switch_off(instance_a, admin_client):
    with in_instance(instance_a):
        intro, news, events = (HomeSection.objects.create(kind=kind, position=0) for kind in (
            HomeSection.Kind.INTRODUCTION, HomeSection.Kind.LATEST_NEWS, HomeSection.Kind.UPCOMING_EVENTS))
    assert admin_client.post(f"/gestion/website/home/{events.pk}/move/", {"direction": "up"}).status_code == 302
    with in_instance(instance_a):
        assert list(HomeSection.objects.values_list("pk", flat=True)) == [intro.pk, events.pk, news.pk]
    admin_client.post(f"/gestion/website/home/{intro.pk}/move/", {"direction": "up"})  # already first: no change
    admin_client.post(f"/gestion/website/home/{intro.pk}/move/", {"direction": "down"})
    with in_instance(instance_a):
        assert list(HomeSection.objects.values_list("pk", flat=True)) == [events.pk, intro.pk, news.pk]
    refused = admin_client.post(f"/gestion/website/home/{intro.pk}/move/", {"direction": "sideways"})
    assert refused.status_code == 302
    admin_client.post(f"/gestion/website/home/{news.pk}/switch/")
    with in_instance(instance_a):
        assert not HomeSection.objects.get(pk=news.pk).is_enabled
    page = admin_client.get("/gestion/website/home/").content.decode()
    assert page.count('value="up"') == 2 and page.count('value="down"') == 2


def test_a_new_section_goes_last_and_the_switch_needs_post(instance_a, admin_client):
    with in_instance(instance_a):
        first = HomeSection.objects.create(kind=HomeSection.Kind.INTRODUCTION, position=4)
    admin_client.post("/gestion/website/home/new/", {"kind": "latest_news", "title": "", "body": "", "is_enabled": "on"})
    with in_instance(instance_a):
        assert list(HomeSection.objects.values_list("kind", flat=True)) == ["introduction", "latest_news"]
    assert admin_client.get(f"/gestion/website/home/{first.pk}/switch/").status_code == 405


def test_menu_items_need_one_destination_and_move_within_their_menu(instance_a, admin_client):
    none = admin_client.post("/gestion/website/menus/new/", {"label": "Rien", "location": "main"})
    assert none.status_code == 400 and "Choose exactly one destination" in none.content.decode()
    for label, target in (("Accueil", "core:home"), ("Agenda", "website:events")):
        admin_client.post("/gestion/website/menus/new/", {"label": label, "location": "main", "target": target})
    admin_client.post("/gestion/website/menus/new/", {"label": "Site", "location": "footer", "url": "https://ville.fr"})
    with in_instance(instance_a):
        agenda = MenuItem.objects.get(label="Agenda")
    admin_client.post(f"/gestion/website/menus/{agenda.pk}/move/", {"direction": "up"})
    with in_instance(instance_a):
        assert list(MenuItem.objects.filter(location="main").values_list("label", flat=True)) == ["Agenda", "Accueil"]


def test_a_district_shape_is_uploaded_as_geojson(instance_a, admin_client):
    feature = {"type": "FeatureCollection", "features": [{"type": "Feature", "properties": {}, "geometry": SQUARE}]}
    response = admin_client.post("/gestion/website/districts/new/", {"name": "Nord", "shape": _geojson(feature)})
    assert response.status_code == 302
    with in_instance(instance_a):
        district = District.objects.get()
    assert district.geometry == SQUARE and district.slug == "nord"
    assert "yes" in admin_client.get("/gestion/website/districts/").content.decode()
    # Saving without a new file keeps the shape; the checkbox removes it.
    admin_client.post(f"/gestion/website/districts/{district.pk}/", {"name": "Nord", "slug": "nord"})
    district.refresh_from_db()
    assert district.geometry == SQUARE
    admin_client.post(f"/gestion/website/districts/{district.pk}/", {"name": "Nord", "slug": "nord", "remove_shape": "on"})
    district.refresh_from_db()
    assert district.geometry is None


def test_a_wrong_shape_is_refused_with_a_clear_message(instance_a, admin_client):
    point = {"type": "Point", "coordinates": [2.0, 48.0]}
    open_ring = {"type": "Polygon", "coordinates": [[[2.0, 48.0], [2.1, 48.0], [2.1, 48.1], [2.0, 48.1]]]}
    two = {"type": "FeatureCollection", "features": [{"type": "Feature", "geometry": SQUARE}] * 2}
    out_of_range = {"type": "Polygon", "coordinates": [[[200, 48.0], [2.1, 48.0], [2.1, 48.1], [200, 48.0]]]}
    cases = [
        (point, "The shape is a Point: a district needs a Polygon or a MultiPolygon."),
        (open_ring, "must be closed"),
        (two, "The file holds several shapes"),
        (out_of_range, "is out of range"),
        (b"not json at all", "The file is not GeoJSON"),
        (b"\xff\xfe\x00", "The file is not GeoJSON"),
        ([1, 2], "The file is not a GeoJSON object."),
    ]
    for data, message in cases:
        response = admin_client.post("/gestion/website/districts/new/", {"name": "Nord", "shape": _geojson(data)})
        assert response.status_code == 400, message
        assert message in response.content.decode(), message
    with in_instance(instance_a):
        assert not District.objects.exists()


def test_a_decorative_cover_needs_no_description(instance_a, admin_client):
    buffer = io.BytesIO()
    Image.new("RGB", (400, 200), "green").save(buffer, format="PNG")
    cover = SimpleUploadedFile("c.png", buffer.getvalue(), content_type="image/png")
    page = admin_client.get("/gestion/website/posts/new/").content.decode()
    assert 'name="cover_decorative"' in page
    response = admin_client.post("/gestion/website/posts/new/", {
        "title": "Fête du quartier", "slug": "", "summary": "", "body": "", "published_at": "2026-01-05T10:00",
        "cover": cover, "cover_alt": "texte oublié", "cover_decorative": "on",
    })
    assert response.status_code == 302, response.content.decode()[:3000]
    with in_instance(instance_a):
        post = Post.objects.get()
    assert post.cover and post.cover_alt == ""
