"""The proposals of a step: list, grid or map, with filters and sorts, 50 per page, constant queries."""

import zlib

from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from participe.core.pagecache import cached_page, store_page, visitor_key
from participe.core.params import id_param, int_param, text_param
from participe.modules.proposals.ballots import ballot_district
from participe.modules.proposals.models import Ballot, BallotItem, Category, Proposal
from participe.modules.proposals.selection import proposals_of_step
from participe.modules.proposals.step_settings import collect_settings, vote_settings
from participe.modules.proposals.step_votes import show_counts_of
from participe.modules.proposals.views.common import is_staff_of, map_context, step_or_404
from participe.participation.models import Status
from participe.projects.views import step_page_context
from participe.site.geo import districts_geojson
from participe.site.models import District, Theme
from participe.votes.services import annotate_my_votes

PER_PAGE = 50
LIST_CACHE_SECONDS = 30
SORTS = {
    "random": _("Random"),
    "newest": _("Newest"),
    "votes": _("Most voted"),
    "comments": _("Most commented"),
    "cheapest": _("Cheapest"),
    "expensive": _("Most expensive"),
}
# While counts are secret an order by votes would give the ranking away.
SECRET_SORTS = {key: label for key, label in SORTS.items() if key != "votes"}
VIEWS = {"list": _("List"), "grid": _("Grid"), "map": _("Map")}


# Anonymous visitors share this many random orders (each visitor keeps one), so their pages can be
# cached; every proposal still takes every position across the orders.
VISITOR_ORDERS = 16


def visitor_seed(request):
    """A number stable for one visitor (without writing a session), so the random order stays put."""
    given = int_param(request.GET, "seed")
    if given is not None:
        return given % 100003
    fingerprint = f"{request.META.get('REMOTE_ADDR', '')}|{request.headers.get('User-Agent', '')}|{request.user.pk}"
    if not request.user.is_authenticated:
        return zlib.crc32(fingerprint.encode()) % VISITOR_ORDERS + 1
    return zlib.crc32(fingerprint.encode()) % 100003


def filtered(request, step):
    """The step's proposals the visitor may see, filtered by the query string."""
    if step.type == "selection":
        queryset = proposals_of_step(step).select_related("step")
    else:
        queryset = Proposal.objects.visible_to(request.user, step).filter(step=step, merged_into=None).exclude(
            status__in=[Status.DRAFT, Status.DELETED, Status.TRASHED]
        )
    params = request.GET
    for name in ("category", "district", "theme"):
        value = id_param(params, name)
        if value is not None:
            queryset = queryset.filter(**{f"{name}_id": value})
    if params.get("status") == "selected":
        queryset = queryset.filter(selections__isnull=False)
    elif params.get("status") in ("accepted", "rejected"):
        queryset = queryset.filter(decision=params["status"], decision_published_at__isnull=False)
    text = text_param(params, "q")
    if text:
        queryset = queryset.filter(Q(title__icontains=text) | Q(summary__icontains=text))
    return queryset.with_step_votes(step)


def my_ballot_state(user, step, settings):
    """({proposal id: rank or True} in my ballots, [ballots]) in two queries."""
    if not user.is_authenticated or not settings.uses_ballots:
        return {}, []
    ballots = list(Ballot.objects.filter(voter=user, step=step).select_related("district"))
    items = BallotItem.objects.filter(ballot__in=ballots).values_list("proposal_id", "rank")
    return {pk: rank or True for pk, rank in items}, ballots


def _shared_cache_key(request, step, settings, seed):
    """Anonymous visitors all see the same list: it is cached briefly, keyed by the step's counters (a new
    proposal, a support vote or a counted ballot changes the key), its state and the query string.
    While counts are secret the page shows none, and the key leaves them out: a vote must not make the
    next hit a slower miss."""
    if request.user.is_authenticated:
        return None
    secret = settings.is_secret()
    # Every vote in the step moves its votes_count (support votes too); the secret's end changes the page.
    return visitor_key(
        request, "proposals-list", step.pk, seed, None if secret else step.votes_count, step.contributions_count,
        secret, step.state(),
    )


def step_page(request, step, extra=None):
    settings = vote_settings(step)
    sorts = SECRET_SORTS if settings.is_secret() else SORTS
    sort = request.GET.get("sort") if request.GET.get("sort") in sorts else "random"
    view = request.GET.get("view") if request.GET.get("view") in VIEWS else "list"
    seed = visitor_seed(request)
    cache_key = _shared_cache_key(request, step, settings, seed)
    page_key = f"{cache_key}:page" if cache_key and not extra else None
    if cached := cached_page(request, page_key):
        return cached
    results_html = cache.get(cache_key) if cache_key else None
    page, proposals = None, []
    if results_html is None:
        queryset = filtered(request, step).with_list_relations().ordered(sort, seed)
        page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
        proposals = list(page.object_list)
    for proposal in proposals:
        proposal.step = step if proposal.step_id == step.pk else proposal.step
    if settings.type == "support":
        annotate_my_votes(request.user, show_counts_of(proposals, step))
    mine, ballots = my_ballot_state(request.user, step, settings)
    for proposal in proposals:
        proposal.in_my_ballot = mine.get(proposal.pk)
        proposal.envelope_district = ballot_district(settings, proposal)
    collect_step = step if step.type == "collect" else None
    query = request.GET.copy()
    query.pop("page", None)
    query["seed"] = seed
    context = step_page_context(request, step)
    context.update(
        {
            "proposals": proposals,
            "page": page,
            "sort": sort,
            "sorts": sorts,
            "view": view,
            "views": VIEWS,
            "seed": seed,
            "query": query.urlencode(),
            "filters": request.GET,
            "categories": Category.objects.filter(step=collect_step) if collect_step else Category.objects.none(),
            "districts": District.objects.all(),
            "themes": Theme.objects.all(),
            "vote": settings,
            "secret": settings.is_secret(),
            "ballots": ballots,
            "ballot_summary": ballot_summary(settings, ballots),
            "collect": collect_settings(step),
            "can_submit": step.type == "collect" and step.allows("contribute"),
            "staff": is_staff_of(request.user, step),
            "can_vote": step.allows("vote") and settings.type != "none",
            "ranking_positions": range(1, settings.ranking_size + 1),
            **map_context(),
        }
    )
    if extra:
        context.update(extra)
    if cache_key and results_html is None:
        results_html = render_to_string("proposals/_results.html", context, request)
        cache.set(cache_key, results_html, LIST_CACHE_SECONDS)
    context["results_html"] = mark_safe(results_html) if results_html else None  # noqa: S308 - our own render
    if page_key is None:
        return render(request, "proposals/step.html", context)
    context["csrf_token"] = token = get_token(request)  # one token in every form, replaced per visitor
    return store_page(page_key, render(request, "proposals/step.html", context), token, LIST_CACHE_SECONDS)


def ballot_summary(settings, ballots):
    rows = []
    for ballot in ballots:
        envelope = settings.envelope(ballot.district_id)
        rows.append(
            {
                "district": ballot.district,
                "count": ballot.items_count,
                "spent": ballot.total_cost,
                "envelope": envelope,
                "left": (envelope - ballot.total_cost) if envelope is not None else None,
                "counted": ballot.is_counted,
            }
        )
    return rows


def list_view(request, step_id):
    return step_page(request, step_or_404(request, step_id))


def map_data(request, step_id):
    """GeoJSON of the filtered proposals that have a point, for the map's JavaScript (one query)."""
    step = step_or_404(request, step_id)
    rows = filtered(request, step).filter(latitude__isnull=False, longitude__isnull=False).values_list(
        "pk", "title", "latitude", "longitude", "category__colour"
    )[:10000]
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
            "properties": {"id": pk, "title": title, "colour": colour, "url": f"/proposals/{pk}/"},
        }
        for pk, title, lat, lon, colour in rows
    ]
    # A foreign member of the collection: the districts, drawn under the markers (also when tiles fail).
    districts = districts_geojson(District.objects.exclude(geometry=None).only("name", "slug", "geometry"))
    return JsonResponse({"type": "FeatureCollection", "features": features, "districts": districts})
