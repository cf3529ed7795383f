"""Demo covers: drawn with Pillow in the instance's colours, one per row, the same each run, given once."""

import io

from django.utils import timezone
from PIL import Image as PillowImage

from participe.core import demo_content
from participe.images.demo import illustration
from participe.images.demo import load_demo as load_covers
from participe.instances.scoping import in_instance
from participe.site.demo import load_demo as load_site
from participe.site.models import Event, Post
from tests.conftest import host_client


def test_illustrations_are_deterministic_jpegs_per_title():
    first = illustration("Place verte", "#1d4e89", "#f4b400")
    assert first == illustration("Place verte", "#1d4e89", "#f4b400")
    assert first != illustration("Rue des écoles", "#1d4e89", "#f4b400")
    with PillowImage.open(io.BytesIO(first)) as picture:
        assert (picture.format, picture.size) == ("JPEG", (960, 540))


def test_the_demo_gives_its_rows_covers_once_and_runs_last(instance_a, admin_a, django_capture_on_commit_callbacks):
    assert load_covers in demo_content.finishers and load_covers not in demo_content.loaders
    # After every loader (other finishers, e.g. the translations' or the vote totals', may follow it).
    assert demo_content.all_loaders().index(load_covers) >= len(demo_content.loaders)
    now = timezone.now()
    with in_instance(instance_a), django_capture_on_commit_callbacks(execute=True):
        load_site(instance_a, {"admin": admin_a}, now)
        load_covers(instance_a, {}, now)
        covers = {post.pk: post.cover.name for post in Post.objects.all()}
        load_covers(instance_a, {}, now)  # idempotent: rows with a cover keep it
        assert {post.pk: post.cover.name for post in Post.objects.all()} == covers
        assert all(post.cover_image_id and post.cover_alt for post in Post.objects.all())
        assert all(event.cover_image_id for event in Event.objects.all())
    html = host_client("a.test").get("/news/").content.decode()
    assert html.count("<picture>") == 4 and 'type="image/avif"' in html
