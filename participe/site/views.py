"""Public pages of the website: content pages, news, agenda, themes, districts."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from participe.core.params import text_param
from participe.core.ratelimit import over_limit
from participe.projects.models import Project
from participe.site import ical, registrations
from participe.site.geo import districts_geojson, map_settings, places_geojson, svg_paths
from participe.site.models import District, Event, Page, Post, Registration, Theme

PER_PAGE = 12


def _require_feature(request, name):
    if not request.instance.has_feature(name):
        raise Http404


def _listed_projects(user):
    return Project.objects.listed_for(user).filter(is_published=True)


def _page_of(request, queryset, per_page=PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def _readable(request, model):
    """Published rows; administrators also open drafts and scheduled posts, to preview them."""
    if request.user.has_perm("backoffice.manage_instance"):
        return model.objects.all()
    return model.objects.published()


def _preview_notice(request, obj):
    published = obj.is_published and (not isinstance(obj, Post) or obj.published_at <= timezone.now())
    if not published:
        messages.info(request, _("Preview: visitors cannot see this content yet."))


def _theme_filter(request):
    slug = text_param(request.GET, "theme", 200)
    return Theme.objects.filter(slug=slug).first() if slug else None


@require_GET
def page_detail(request, slug):
    page = get_object_or_404(_readable(request, Page), slug=slug)
    _preview_notice(request, page)
    return render(request, "website/page.html", {"page": page})


@require_GET
def post_list(request):
    _require_feature(request, "blog")
    theme = _theme_filter(request)
    posts = Post.objects.published().select_related("cover_image").prefetch_related("themes")
    if theme:
        posts = posts.filter(themes=theme)
    return render(request, "website/post_list.html", {"page_obj": _page_of(request, posts), "theme": theme})


@require_GET
def post_detail(request, slug):
    _require_feature(request, "blog")
    post = get_object_or_404(
        _readable(request, Post).prefetch_related(
            "themes",
            Prefetch("projects", queryset=_listed_projects(request.user), to_attr="visible_projects"),
        ),
        slug=slug,
    )
    _preview_notice(request, post)
    return render(request, "website/post_detail.html", {"post": post})


@require_GET
def event_list(request):
    _require_feature(request, "agenda")
    past = request.GET.get("when") == "past"
    theme = _theme_filter(request)
    events = Event.objects.published().select_related("cover_image")
    events = events.past() if past else events.upcoming()
    if theme:
        events = events.filter(themes=theme)
    page_obj = _page_of(request, events.prefetch_related("themes"))
    context = {"page_obj": page_obj, "past": past, "theme": theme, **_events_map(page_obj.object_list)}
    return render(request, "website/event_list.html", context)


def _events_map(events):
    """The Leaflet map of the page's events that have a place (none: no map), over the districts."""
    places = [
        (event.title, event.get_absolute_url(), event.latitude, event.longitude,
         formats.date_format(timezone.localtime(event.starts_at), "DATETIME_FORMAT"))
        for event in events
        if event.has_point
    ]
    if not places:
        return {}
    return {
        "events_map": {
            "places": places_geojson(places),
            "districts": districts_geojson(District.objects.exclude(geometry=None).only("name", "slug", "geometry")),
        },
        **map_settings(),
    }


def _published_event(request, slug):
    _require_feature(request, "agenda")
    return get_object_or_404(Event.objects.published(), slug=slug)


@require_GET
def event_detail(request, slug):
    _require_feature(request, "agenda")
    event = get_object_or_404(
        _readable(request, Event).prefetch_related(
            "themes",
            Prefetch("projects", queryset=_listed_projects(request.user), to_attr="visible_projects"),
        ),
        slug=slug,
    )
    _preview_notice(request, event)
    registration = None
    if request.user.is_authenticated:
        registration = Registration.objects.filter(event=event, user=request.user).first()
    position = None
    if registration and registration.status == Registration.Status.WAITING:
        position = (
            Registration.objects.filter(
                Q(created_at__lt=registration.created_at)
                | Q(created_at=registration.created_at, pk__lt=registration.pk),
                event=event,
                status=Registration.Status.WAITING,
            ).count()
            + 1
        )
    context = {"event": event, "registration": registration, "waiting_position": position}
    return render(request, "website/event_detail.html", context)


def _registration_guard(request, event, registering=True):
    """A response refusing the write, or None when the visitor may go on."""
    if not request.user.is_authenticated:
        return redirect_to_login(event.get_absolute_url())
    # Anyone may withdraw; registering needs a participant with a confirmed address.
    if registering and not request.user.has_perm("website.register_for_event", event):
        if request.user.email_confirmed:
            messages.error(request, _("Your account cannot register for events."))
        else:
            messages.error(request, _("Please confirm your e-mail address before registering for an event."))
        return redirect(event)
    if over_limit(request, "event-registration", f"user:{request.user.pk}"):
        return render(request, "429.html", status=429)
    return None


@require_POST
def event_register(request, slug):
    event = _published_event(request, slug)
    if refusal := _registration_guard(request, event):
        return refusal
    try:
        outcome = registrations.register(event, request.user)
    except registrations.RegistrationRefused as refused:
        messages.error(request, refused.message)
        return redirect(event)
    if not outcome.created:
        messages.info(request, _("You were already registered for this event."))
    elif outcome.registration.status == Registration.Status.CONFIRMED:
        messages.success(request, _("Your place is confirmed. A confirmation e-mail is on its way."))
    else:
        messages.success(
            request,
            _("The event is full: you are on the waiting list. We will e-mail you if a place frees up."),
        )
    return redirect(event)


@require_POST
def event_cancel(request, slug):
    event = _published_event(request, slug)
    if refusal := _registration_guard(request, event, registering=False):
        return refusal
    registrations.cancel(event, request.user)
    messages.success(request, _("Your registration is cancelled."))
    return redirect(event)


def _ics_response(content, filename):
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def event_ics(request, slug):
    event = _published_event(request, slug)
    return _ics_response(ical.calendar([event], request, event.title), f"{event.slug}.ics")


AGENDA_ICS_LIMIT = 500


@require_GET
def agenda_ics(request):
    _require_feature(request, "agenda")
    # Upcoming events and those of the last months, which calendar apps keep showing.
    since = timezone.now() - timedelta(days=90)
    events = Event.objects.published().filter(starts_at__gte=since).order_by("starts_at")[:AGENDA_ICS_LIMIT]
    return _ics_response(ical.calendar(events, request, request.instance.name), "agenda.ics")


@require_GET
def theme_list(request):
    _require_feature(request, "themes")
    return render(request, "website/theme_list.html", {"themes": Theme.objects.all()})


THEME_ITEMS = 6


@require_GET
def theme_detail(request, slug):
    _require_feature(request, "themes")
    theme = get_object_or_404(Theme, slug=slug)
    context = {
        "theme": theme,
        "projects": list(_listed_projects(request.user).filter(themes=theme).select_related("cover_image")[:THEME_ITEMS]),
        "posts": list(Post.objects.published().filter(themes=theme).select_related("cover_image")[:THEME_ITEMS]),
        "events": list(
            Event.objects.published().upcoming().filter(themes=theme).select_related("cover_image")[:THEME_ITEMS]
        ),
    }
    return render(request, "website/theme_detail.html", context)


@require_GET
def district_list(request):
    _require_feature(request, "districts")
    listed = _listed_projects(request.user).values("pk")
    districts = list(
        District.objects.annotate(
            project_count=Count("projects", filter=Q(projects__in=listed), distinct=True)
        )
    )
    height, shapes = svg_paths([(d, d.geometry) for d in districts if d.geometry])
    context = {"districts": districts, "map_height": height, "shapes": shapes}
    return render(request, "website/district_list.html", context)


@require_GET
def district_detail(request, slug):
    _require_feature(request, "districts")
    district = get_object_or_404(District, slug=slug)
    projects = _listed_projects(request.user).filter(districts=district).select_related("cover_image")
    height, shapes = svg_paths([(district, district.geometry)] if district.geometry else [])
    context = {
        "district": district,
        "page_obj": _page_of(request, projects),
        "map_height": height,
        "shapes": shapes,
    }
    return render(request, "website/district_detail.html", context)
