from django.utils import timezone

from participe.instances.scoping import in_instance
from participe.site.demo import load_demo
from participe.translations import demo
from tests.conftest import host_client
from tests.translations.helpers import offer


def test_the_demo_offers_english_with_a_translated_page(instance_a, admin_a):
    offer(instance_a, "fr")
    for _ in range(2):  # idempotent
        with in_instance(instance_a):
            load_demo(instance_a, {"admin": admin_a}, timezone.now())
            demo.load(instance_a, {"admin": admin_a}, timezone.now())
    instance_a.refresh_from_db()
    assert instance_a.offered_languages() == ["fr", "en"]
    client = host_client("a.test")
    assert "About" in client.get("/pages/a-propos/?lang=en").content.decode()
    french = client.get("/pages/a-propos/?lang=fr").content.decode()
    assert "À propos" in french and "This platform lets residents" not in french
