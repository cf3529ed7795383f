from participe.instances.scoping import in_instance
from participe.site.demo import load_demo
from participe.site.models import District, Event, HomeSection, MenuItem, Page, Post, Registration, Theme
from tests.conftest import host_client


def test_demo_content_loads_twice_and_shows_a_real_home_page(instance_a, admin_a):
    from django.utils import timezone

    for _ in range(2):  # idempotent
        with in_instance(instance_a):
            load_demo(instance_a, {"admin": admin_a}, timezone.now())
    with in_instance(instance_a):
        assert Theme.objects.count() == 4 and District.objects.count() == 4
        assert Page.objects.count() == 3 and Post.objects.count() == 4 and Event.objects.count() == 4
        assert HomeSection.objects.count() == 7 and MenuItem.objects.filter(location="footer").count() == 3
        full = Event.objects.get(slug="atelier-mobilite-centre")
        assert full.is_full and full.waiting_count == 1
        assert Registration.objects.filter(event=full).count() == 4
    client = host_client("a.test")
    html = client.get("/").content.decode()
    assert (
        "Bienvenue sur la plateforme de participation" in html and "Atelier mobilité du centre-ville" in html
    )
    for path in (
        "/pages/charte-de-participation/",
        "/agenda/",
        "/news/",
        "/themes/mobilite/",
        "/districts/",
        "/sitemap.xml",
    ):
        assert client.get(path).status_code == 200, path
