"""Who may open the website's back office: instance administrators only, on their own instance."""

import pytest
from django.urls import reverse

from participe.instances.scoping import in_instance
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Theme
from tests.conftest import host_client, make_user

PAGES = ["index", "look", "settings", "legal"] + [
    f"{key}_{action}" for key in ("pages", "posts", "events", "home", "menus", "themes", "districts")
    for action in ("list", "create")
]


def _rows(instance):
    from django.utils import timezone

    with in_instance(instance):
        page = Page.objects.create(title="Charte", slug="charte")
        return {
            "pages": page,
            "posts": Post.objects.create(title="Nouvelle", slug="nouvelle"),
            "events": Event.objects.create(title="Réunion", slug="reunion", starts_at=timezone.now()),
            "home": HomeSection.objects.create(kind=HomeSection.Kind.INTRODUCTION),
            "menus": MenuItem.objects.create(label="Charte", page=page),
            "themes": Theme.objects.create(name="Nature", slug="nature"),
            "districts": District.objects.create(name="Nord", slug="nord"),
        }


@pytest.mark.parametrize("name", PAGES)
def test_an_instance_admin_opens_every_page(admin_a, name):
    response = host_client("a.test", admin_a).get(reverse(f"gestion:website:{name}"))
    assert response.status_code == 200


@pytest.mark.parametrize("role", ["is_moderator", "is_analyst"])
def test_other_staff_and_participants_get_a_403(instance_a, participant_a, role):
    staff = make_user(instance_a, "staff@a.test", **{role: True})
    for user in (staff, participant_a):
        for name in ("index", "look", "legal", "pages_list"):
            assert host_client("a.test", user).get(reverse(f"gestion:website:{name}")).status_code == 403


def test_anonymous_visitors_are_sent_to_the_login_page(instance_a):
    response = host_client("a.test").get(reverse("gestion:website:look"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_navigation_shows_the_website_to_administrators_only(admin_a, moderator_a):
    assert 'href="/gestion/website/look/"' in host_client("a.test", admin_a).get("/gestion/").content.decode()
    assert 'href="/gestion/website/' not in host_client("a.test", moderator_a).get("/gestion/").content.decode()


def test_another_instances_rows_are_not_found(instance_a, instance_b, admin_a):
    rows_b = _rows(instance_b)
    client = host_client("a.test", admin_a)
    for key, obj in rows_b.items():
        for action in ("edit", "delete"):
            assert client.get(reverse(f"gestion:website:{key}_{action}", args=[obj.pk])).status_code == 404
        assert client.post(reverse(f"gestion:website:{key}_delete", args=[obj.pk])).status_code == 404
    assert client.get(reverse("gestion:website:event_registrations", args=[rows_b["events"].pk])).status_code == 404
    with in_instance(instance_b):
        assert Page.objects.count() == 1 and District.objects.count() == 1


def test_the_own_rows_open_and_delete(instance_a, admin_a):
    rows = _rows(instance_a)
    client = host_client("a.test", admin_a)
    for key, obj in rows.items():
        assert client.get(reverse(f"gestion:website:{key}_edit", args=[obj.pk])).status_code == 200, key
    response = client.post(reverse("gestion:website:themes_delete", args=[rows["themes"].pk]))
    assert response.status_code == 302
    with in_instance(instance_a):
        assert not Theme.objects.exists()


def test_no_field_asks_for_json_or_raw_html(instance_a, admin_a):
    client = host_client("a.test", admin_a)
    rows = _rows(instance_a)
    urls = [reverse(f"gestion:website:{name}") for name in PAGES]
    urls += [reverse(f"gestion:website:{key}_edit", args=[obj.pk]) for key, obj in rows.items()]
    for url in urls:
        page = client.get(url).content.decode()
        assert "JSON" not in page.replace("GeoJSON", ""), url
        assert "[]" not in page and "{}" not in page, url
        # Every textarea is either plain text or the rich-text editor.
        assert page.count("<textarea") == page.count('data-richtext="full"') + page.count('rows="2"') + page.count(
            'rows="3"') + page.count('rows="4"'), url
