"""The home page: the sections the administrator ordered, each with the data its kind shows.

Each kind's data is loaded once per page, whatever the number of sections of that kind,
in a fixed number of queries (no query per project, post or event).
"""

from dataclasses import dataclass
from functools import cached_property

from django.db.models import Count, Q, Sum
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.utils import timezone

from participe.core.pagecache import cached_page, store_page, visitor_key
from participe.projects.models import Project
from participe.site.geo import svg_paths
from participe.site.models import District, Event, HomeSection, Post

Kind = HomeSection.Kind
CARDS = 6


@dataclass
class RenderedSection:
    section: HomeSection
    template: str
    data: object
    heading_id: str

    @property
    def has_heading(self):
        return bool(self.section.title) or self.section.kind != Kind.CUSTOM_TEXT


class HomeData:
    """What the sections show, loaded lazily and once."""

    def __init__(self, request):
        self.request = request
        self.user = request.user
        self.instance = request.instance

    def projects(self):
        return Project.objects.listed_for(self.user).filter(is_published=True)

    @cached_property
    def current_projects(self):
        return list(self.projects().select_related("cover_image").prefetch_related("themes")[:CARDS])

    @cached_property
    def projects_map(self):
        listed = self.projects().values("pk")
        districts = list(
            District.objects.exclude(geometry=None).annotate(
                project_count=Count("projects", filter=Q(projects__in=listed), distinct=True)
            )
        )
        height, shapes = svg_paths([(d, d.geometry) for d in districts])
        return {"districts": districts, "height": height, "shapes": shapes}

    @cached_property
    def upcoming_events(self):
        return list(Event.objects.published().upcoming().select_related("cover_image")[:4])

    @cached_property
    def latest_news(self):
        return list(Post.objects.published().select_related("cover_image")[:3])

    @cached_property
    def key_figures(self):
        figures = Project.objects.filter(pk__in=self.projects().values("pk")).aggregate(
            projects=Count("pk"),
            participants=Sum("participants_count", default=0),
            contributions=Sum("contributions_count", default=0),
            votes=Sum("votes_count", default=0),
        )
        figures["events"] = Event.objects.published().filter(starts_at__gte=timezone.now()).count()
        return figures


LOADERS = {
    Kind.CURRENT_PROJECTS: "current_projects",
    Kind.PROJECTS_MAP: "projects_map",
    Kind.UPCOMING_EVENTS: "upcoming_events",
    Kind.LATEST_NEWS: "latest_news",
    Kind.KEY_FIGURES: "key_figures",
}


# What a new instance shows until its administrator arranges the home page.
DEFAULT_KINDS = [Kind.INTRODUCTION, Kind.CURRENT_PROJECTS, Kind.UPCOMING_EVENTS, Kind.LATEST_NEWS]


def _sections():
    sections = list(HomeSection.objects.all())
    if not sections:
        return [HomeSection(kind=kind, position=index) for index, kind in enumerate(DEFAULT_KINDS)]
    return [section for section in sections if section.is_enabled]


def home_sections(request):
    data = HomeData(request)
    rendered = []
    for index, section in enumerate(_sections(), start=1):
        loader = LOADERS.get(section.kind)
        rendered.append(
            RenderedSection(
                section=section,
                template=f"website/home/{section.kind}.html",
                data=getattr(data, loader) if loader else None,
                heading_id=f"home-section-{index}",
            )
        )
    return rendered


HOME_CACHE_SECONDS = 30


def home(request):
    # The most visited page: visitors share one rendering for HOME_CACHE_SECONDS (news, projects and key
    # figures may lag that long; signed-in people always get it fresh).
    key = visitor_key(request, "home")
    if cached := cached_page(request, key):
        return cached
    token = get_token(request)
    response = render(request, "core/home.html", {"sections": home_sections(request), "csrf_token": token})
    return store_page(key, response, token, HOME_CACHE_SECONDS)
