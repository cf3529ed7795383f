"""What the website lets visitors find: published pages, news and events."""

from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from participe.search.registry import Result, SearchSource, sources
from participe.site.models import Event, Page, Post


def _excerpt(html, words=40):
    return Truncator(" ".join(strip_tags(html).split())).words(words)


sources.register(
    SearchSource(
        key="pages",
        label=_("Pages"),
        rows=lambda request: Page.objects.published(),
        fields=("title", "summary", "body"),
        result=lambda page: Result(page.title, page.get_absolute_url(), page.summary or _excerpt(page.body)),
        ordering=("title", "pk"),
        order=40,
    )
)
sources.register(
    SearchSource(
        key="posts",
        label=_("News"),
        rows=lambda request: Post.objects.published(),
        fields=("title", "summary", "body"),
        result=lambda post: Result(post.title, post.get_absolute_url(), post.summary, post.published_at),
        ordering=("-published_at", "-pk"),
        feature="blog",
        order=20,
    )
)
sources.register(
    SearchSource(
        key="events",
        label=_("Events"),
        rows=lambda request: Event.objects.published(),
        fields=("title", "address", "description"),
        result=lambda event: Result(
            event.title, event.get_absolute_url(), _excerpt(event.description), event.starts_at
        ),
        ordering=("-starts_at", "-pk"),
        feature="agenda",
        order=30,
    )
)
