import pytest
from django.db import IntegrityError, transaction

from participe.instances.scoping import in_instance
from participe.site.models import MenuItem
from tests.conftest import host_client
from tests.site.helpers import make_menu_item, make_page


def test_published_page_is_shown_with_open_graph_tags(client_a, instance_a):
    make_page(
        instance_a,
        "a-propos",
        title="À propos",
        summary="Qui sommes-nous",
        body="<p>Texte</p><script>alert(1)</script>",
    )
    response = client_a.get("/pages/a-propos/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>À propos</h1>" in html
    assert '<meta property="og:title" content="À propos">' in html
    assert '<meta property="og:description" content="Qui sommes-nous">' in html
    assert "<script>alert" not in html


def test_draft_page_is_404_for_visitors_and_previewed_by_admins(client_a, instance_a, participant_a, admin_a):
    make_page(instance_a, "brouillon", published=False, title="Brouillon")
    assert client_a.get("/pages/brouillon/").status_code == 404
    assert host_client("a.test", participant_a).get("/pages/brouillon/").status_code == 404
    response = host_client("a.test", admin_a).get("/pages/brouillon/")
    assert response.status_code == 200
    assert "Preview" in response.content.decode() or "Aperçu" in response.content.decode()


def test_page_of_instance_b_is_404_on_instance_a(client_a, instance_a, instance_b, admin_a):
    make_page(instance_b, "secret-b")
    assert client_a.get("/pages/secret-b/").status_code == 404
    assert host_client("a.test", admin_a).get("/pages/secret-b/").status_code == 404


def test_unknown_page_is_404(client_a):
    assert client_a.get("/pages/nope/").status_code == 404


def test_main_menu_and_footer_come_from_the_menu_items(client_a, instance_a):
    page = make_page(instance_a, "charte", title="Charte")
    make_menu_item(instance_a, "Le blog", target=MenuItem.Target.BLOG, position=2)
    make_menu_item(instance_a, "Notre charte", page=page, position=1)
    make_menu_item(
        instance_a, "Site de la ville", url="https://ville.example.org/", location=MenuItem.Location.FOOTER
    )
    make_menu_item(instance_a, "Page en préparation", page=make_page(instance_a, "bientot", published=False))
    html = client_a.get("/").content.decode()
    menu = html[html.index('class="site-nav"') : html.index('class="account-nav"')]
    assert menu.index("Notre charte") < menu.index("Le blog")
    assert 'href="/pages/charte/"' in menu and 'href="/news/"' in menu
    footer = html[html.index("site-footer") :]
    assert 'href="https://ville.example.org/"' in footer and "Site de la ville" in footer
    assert "Site de la ville" not in menu
    assert "Page en préparation" not in html


def test_default_menu_until_the_administrator_builds_one(client_a, instance_a):
    html = client_a.get("/").content.decode()
    menu = html[html.index('class="site-nav"') : html.index('class="account-nav"')]
    assert 'href="/news/"' in menu and 'href="/agenda/"' in menu


def test_menu_of_instance_b_is_not_shown_on_a(client_a, instance_a, instance_b):
    make_menu_item(instance_b, "Menu de B", url="https://b.example.org/")
    assert "Menu de B" not in client_a.get("/").content.decode()


def test_menu_item_needs_exactly_one_destination(instance_a, scope_a):
    with pytest.raises(IntegrityError), transaction.atomic():
        MenuItem.objects.create(label="Rien")
    page = make_page(instance_a, "p")
    with pytest.raises(IntegrityError), transaction.atomic():
        MenuItem.objects.create(label="Deux", page=page, url="https://example.org/")
    with in_instance(instance_a):
        assert MenuItem.objects.count() == 0
