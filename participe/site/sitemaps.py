"""sitemap.xml of the instance being served: public content only, as an anonymous visitor sees it.

Without django.contrib.sites the sitemap view takes the host from the request, so
each instance's sitemap lists its own domain.
"""

from django.contrib.auth.models import AnonymousUser
from django.contrib.sitemaps import Sitemap
from django.urls import NoReverseMatch, reverse

from participe.instances.scoping import current_instance
from participe.projects.models import Project
from participe.site.models import District, Event, Page, Post, Theme


def _has(feature):
    instance = current_instance()
    return instance is not None and instance.has_feature(feature)


class BuiltInPages(Sitemap):
    changefreq = "daily"
    names = [
        ("core:home", None),
        ("projects:list", None),
        ("website:posts", "blog"),
        ("website:events", "agenda"),
        ("website:themes", "themes"),
        ("website:districts", "districts"),
    ]

    def items(self):
        urls = []
        for name, feature in self.names:
            if feature and not _has(feature):
                continue
            try:
                urls.append(reverse(name))
            except NoReverseMatch:  # an app without that page
                continue
        return urls

    def location(self, item):
        return item


class ProjectPages(Sitemap):
    changefreq = "daily"

    def items(self):
        return Project.objects.listed_for(AnonymousUser()).filter(is_published=True).order_by("pk")

    def lastmod(self, project):
        return project.updated_at


class ContentPages(Sitemap):
    def items(self):
        return Page.objects.published().order_by("pk")

    def lastmod(self, page):
        return page.updated_at


class PostPages(Sitemap):
    def items(self):
        return Post.objects.published().order_by("-published_at") if _has("blog") else Post.objects.none()

    def lastmod(self, post):
        return post.updated_at


class EventPages(Sitemap):
    def items(self):
        return Event.objects.published().order_by("-starts_at") if _has("agenda") else Event.objects.none()

    def lastmod(self, event):
        return event.updated_at


class ThemePages(Sitemap):
    def items(self):
        return Theme.objects.all() if _has("themes") else Theme.objects.none()


class DistrictPages(Sitemap):
    def items(self):
        return District.objects.all() if _has("districts") else District.objects.none()


SITEMAPS = {
    "pages": BuiltInPages,
    "projects": ProjectPages,
    "content": ContentPages,
    "news": PostPages,
    "agenda": EventPages,
    "themes": ThemePages,
    "districts": DistrictPages,
}
