import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from participe.instances.scoping import in_instance
from participe.site.models import District, Event, HomeSection, Post
from tests.conftest import host_client
from tests.site.helpers import make_event, make_post, make_section, square

MODELS = ["homesection", "page", "menuitem", "post", "event", "theme", "district"]


def _png():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "#1d4e89").save(out, format="PNG")
    return SimpleUploadedFile("cover.png", out.getvalue(), content_type="image/png")


@pytest.mark.parametrize("model", MODELS)
def test_admin_pages_open_for_the_instance_administrator(instance_a, admin_a, model):
    client = host_client("a.test", admin_a)
    assert client.get(f"/admin/website/{model}/").status_code == 200
    assert client.get(f"/admin/website/{model}/add/").status_code == 200


@pytest.mark.parametrize("model", MODELS)
def test_participants_and_moderators_cannot_manage_content(instance_a, participant_a, moderator_a, model):
    assert host_client("a.test", participant_a).get(f"/admin/website/{model}/").status_code == 302
    assert host_client("a.test", moderator_a).get(f"/admin/website/{model}/").status_code == 403


def test_admin_of_b_cannot_reach_content_of_a(instance_a, instance_b, admin_b):
    post = make_post(instance_a, "post-a", title="Nouvelle de A")
    event = make_event(instance_a, "event-a", title="Rendez-vous de A")
    client = host_client("b.test", admin_b)
    for path in (f"/admin/website/post/{post.pk}/change/", f"/admin/website/event/{event.pk}/change/"):
        response = client.get(path)
        # The admin answers "does not exist" by a redirect to its index.
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert "de A" not in client.get("/admin/website/post/").content.decode()
    assert "de A" not in client.get("/admin/website/event/").content.decode()


def test_home_sections_are_reordered_from_the_list(instance_a, admin_a):
    first = make_section(instance_a, HomeSection.Kind.CUSTOM_TEXT, position=0, title="Bloc-premier-ordre")
    second = make_section(instance_a, HomeSection.Kind.CUSTOM_TEXT, position=1, title="Bloc-second-ordre")
    data = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "2",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "1000",
        "form-0-id": str(first.pk),
        "form-0-position": "5",
        "form-0-is_enabled": "on",
        "form-1-id": str(second.pk),
        "form-1-position": "1",
        "form-1-is_enabled": "on",
        "_save": "Save",
    }
    response = host_client("a.test", admin_a).post("/admin/website/homesection/", data)
    assert response.status_code == 302
    html = host_client("a.test").get("/").content.decode()
    # Distinctive titles: a short word like "Un" also occurs in the page's other text.
    assert html.index("Bloc-second-ordre") < html.index("Bloc-premier-ordre")


def _post_data(**overrides):
    data = {
        "title": "Nouvelle",
        "slug": "nouvelle",
        "cover_alt": "",
        "summary": "",
        "body": "<p>Texte</p>",
        "is_published": "on",
        "published_at_0": "2026-01-10",
        "published_at_1": "10:00:00",
    }
    data.update(overrides)
    return data


def test_post_cover_is_checked_and_reencoded(instance_a, admin_a):
    client = host_client("a.test", admin_a)
    bad = SimpleUploadedFile("cover.png", b"<script>not an image</script>", content_type="image/png")
    response = client.post("/admin/website/post/add/", {**_post_data(), "cover": bad})
    assert response.status_code == 200
    assert "image" in response.content.decode()
    with in_instance(instance_a):
        assert not Post.objects.exists()
    response = client.post("/admin/website/post/add/", {**_post_data(), "cover": _png()})
    assert response.status_code == 302
    with in_instance(instance_a):
        post = Post.objects.get()
    assert post.instance == instance_a and post.cover.name.endswith(".png")


def test_event_admin_refuses_an_end_before_the_start_and_half_a_point(instance_a, admin_a):
    data = {
        "title": "Atelier",
        "slug": "atelier",
        "description": "",
        "starts_at_0": "2026-12-10",
        "starts_at_1": "18:00:00",
        "ends_at_0": "2026-12-10",
        "ends_at_1": "17:00:00",
        "address": "",
        "latitude": "43.6",
        "longitude": "",
        "online_url": "",
        "capacity": "",
        "is_published": "on",
        "waiting_list": "on",
        "registrations-TOTAL_FORMS": "0",
        "registrations-INITIAL_FORMS": "0",
        "registrations-MIN_NUM_FORMS": "0",
        "registrations-MAX_NUM_FORMS": "1000",
    }
    response = host_client("a.test", admin_a).post("/admin/website/event/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "end after it starts" in html or "se terminer après" in html
    with in_instance(instance_a):
        assert not Event.objects.exists()


@pytest.mark.parametrize(
    "geometry",
    [
        '{"type": "Point", "coordinates": [1, 2]}',
        '{"type": "Polygon", "coordinates": [[[0,0],[1,0],[1,1],[0,1]]]}',
        "{nope",
    ],
)
def test_district_admin_refuses_bad_geojson(instance_a, admin_a, geometry):
    data = {"name": "Centre", "slug": "centre", "geometry": geometry, "position": "0"}
    response = host_client("a.test", admin_a).post("/admin/website/district/add/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "errorlist" in html
    assert ("{nope" in html) if geometry == "{nope" else ("Polygon" in html or "Point" in html)  # input kept
    with in_instance(instance_a):
        assert not District.objects.exists()


def test_district_admin_accepts_a_polygon_or_a_feature(instance_a, admin_a):
    import json

    client = host_client("a.test", admin_a)
    feature = {"type": "Feature", "properties": {}, "geometry": square(1.43, 43.59)}
    data = {"name": "Centre", "slug": "centre", "geometry": json.dumps(feature), "position": "0"}
    assert client.post("/admin/website/district/add/", data).status_code == 302
    with in_instance(instance_a):
        assert District.objects.get().geometry == square(1.43, 43.59)


def test_raising_the_capacity_moves_the_waiting_list_up(
    instance_a, admin_a, django_capture_on_commit_callbacks
):
    from django.core import mail

    from participe.site.models import Registration
    from tests.conftest import make_user

    event = make_event(instance_a, "atelier", registration_open=True, capacity=1, title="Atelier")
    users = [make_user(instance_a, f"u{n}@a.test") for n in range(3)]
    for user in users:
        host_client("a.test", user).post("/agenda/atelier/register/")
    mail.outbox.clear()
    client = host_client("a.test", admin_a)
    form = client.get(f"/admin/website/event/{event.pk}/change/").context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name not in ("themes", "projects")
    }
    local = event.starts_at.astimezone(instance_a.tz)
    end = event.ends_at.astimezone(instance_a.tz)
    data.update(
        {
            "starts_at_0": local.strftime("%Y-%m-%d"),
            "starts_at_1": local.strftime("%H:%M:%S"),
            "ends_at_0": end.strftime("%Y-%m-%d"),
            "ends_at_1": end.strftime("%H:%M:%S"),
            "capacity": "2",
            "registration_open": "on",
            "is_published": "on",
            "waiting_list": "on",
            "registrations-TOTAL_FORMS": "3",
            "registrations-INITIAL_FORMS": "3",
            "registrations-MIN_NUM_FORMS": "0",
            "registrations-MAX_NUM_FORMS": "1000",
        }
    )
    for key in ("starts_at", "ends_at", "latitude", "longitude"):
        data.pop(key, None)
    with in_instance(instance_a):
        for index, registration in enumerate(
            Registration.objects.filter(event=event).order_by("created_at", "pk")
        ):
            data[f"registrations-{index}-id"] = str(registration.pk)
            data[f"registrations-{index}-event"] = str(event.pk)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/website/event/{event.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    with in_instance(instance_a):
        event.refresh_from_db()
        statuses = dict(Registration.objects.filter(event=event).values_list("user__email", "status"))
    assert statuses == {"u0@a.test": "confirmed", "u1@a.test": "confirmed", "u2@a.test": "waiting"}
    assert (event.capacity, event.confirmed_count, event.waiting_count) == (2, 2, 1)
    assert [m.to for m in mail.outbox] == [["u1@a.test"]]
