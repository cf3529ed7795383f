"""Every URL pattern of the resolver, and how to fill its parameters with a world's objects.

`all_routes()` walks `get_resolver().url_patterns` recursively (back office and platform
included). `route_kwargs(route, world)` gives the parameter sets to request a route with:

1. a row of `CATALOGUE` (route name → function(world) → list of kwargs), when the parameters
   need more than an object's pk or slug (tokens, several objects);
2. for the admin sites, the objects of the ModelAdmin's model;
3. otherwise every object of the world whose pk/slug fits the parameters (`pk`, `id`,
   `<name>_id`, `slug`, `<name>_slug`, `content_type_id` + `object_id`; a `<name>_…` parameter
   reads the object's `<name>` attribute first, so `project_slug` + `step_slug` fill from one
   step); a `token` gets a made-up value unless a CATALOGUE row makes a real one.

Adding a module needs no change here as long as its URLs name parameters that way and its
objects are in the world (tests/security/world.py). A route that nothing can fill makes
`test_every_route_can_be_crawled` fail and name the row to add.
"""

import re
from dataclasses import dataclass

from django.contrib.auth.tokens import default_token_generator
from django.contrib.contenttypes.models import ContentType
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from participe.accounts.tokens import make_email_token
from participe.backoffice.sites import backoffice_site, platform_site
from participe.forms.models import Question
from participe.gestion.website.views import content, translations
from participe.projects.models import Project, Step

ADMIN_SITES = {site.name: site for site in (backoffice_site, platform_site)}
ADMIN_OBJECT_VIEWS = ("change", "delete", "history", "redirect")


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name", None for unnamed patterns
    namespace: str
    template: str  # the joined pattern, e.g. "accounts/confirm/<str:token>/"
    params: tuple  # parameter names, in order

    @property
    def id(self):
        return self.name or self.template

    @property
    def admin_site(self):
        return ADMIN_SITES.get(self.namespace)

    def url(self, kwargs):
        if self.name:
            return reverse(self.name, kwargs=kwargs)
        path = self.template
        for name, value in kwargs.items():
            path = re.sub(rf"<(?:\w+:)?{name}>|\(\?P<{name}>[^)]*\)", str(value), path)
        return "/" + path.replace("^", "").replace("$", "")


def _walk(patterns, prefix="", namespace=""):
    for entry in patterns:
        here = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = ":".join(part for part in (namespace, entry.namespace) if part)
            yield from _walk(entry.url_patterns, here, inner)
        elif isinstance(entry, URLPattern):
            params = tuple(re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", here))
            params = tuple(a or b for a, b in params)
            name = f"{namespace}:{entry.name}" if namespace and entry.name else entry.name
            yield Route(name=name, namespace=namespace, template=here, params=params)


def all_routes():
    seen, routes = set(), []
    for route in _walk(get_resolver().url_patterns):
        if route.id not in seen:
            seen.add(route.id)
            routes.append(route)
    return routes


def routes_by_namespace(routes=None):
    """{namespace: [routes]}: the crawlers test one namespace (one app) per test, with one world."""
    groups = {}
    for route in all_routes() if routes is None else routes:
        groups.setdefault(route.namespace or "root", []).append(route)
    return groups


def check_each(routes, check):
    """Run `check(route)` on every route; return the failures, one line each, instead of stopping at one."""
    failures = []
    for route in routes:
        try:
            check(route)
        except AssertionError as error:
            failures.append(f"{route.id}: {error}")
    return failures


# Parameters that need more than a pk or a slug ------------------------------------------------


def _reset_link(world):
    user = world.participant
    return [{"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)}]


def _signed(world, name):
    """The real signed token of the world's instance that the e-mails of `name` carry."""
    people, token = world.people, None
    if name == "follows:stop":
        from participe.follows.links import unfollow_token

        project = world.project
        token = unfollow_token(people["participant"], ContentType.objects.get_for_model(project).pk, project.pk)
    elif name == "notifications:unsubscribe":
        from participe.core.links import sign
        from participe.notifications.unsubscribe import PURPOSE

        token = sign(PURPOSE, {"i": world.instance.pk, "u": people["participant"].pk, "k": "digest"})
    elif name == "moderation:one_click" and "moderation_case" in world.objects:
        from participe.moderation.links import action_token

        token = action_token(people["moderator"], world.moderation_case, "approve")
    elif name == "comments:confirm" and "comment" in world.objects:
        from participe.comments.services import confirmation_token

        token = confirmation_token(world.comment)
    elif name == "consultation:debate_confirm" and "debate" in world.objects:
        from django.core import signing

        from participe.modules.consultation.views import SIGNING_SALT

        debate = world.debate
        data = {"d": debate.pk, "e": "voter@example.org", "s": "for"}
        return [{"pk": debate.pk, "token": signing.dumps(data, salt=SIGNING_SALT)}]
    elif name == "votations:invitation" and "invited_elector" in world.objects:
        elector = world.invited_elector
        return [{"pk": elector.votation_id, "token": elector.invitation_token}]
    if name in ("consultation:debate_confirm", "votations:invitation"):
        return _each_object(pk=_PK, token="made-up-token")(world)
    return [{"token": token}] if token else [{"token": "made-up-token"}]


def _present(world, *names):
    return [world.objects[name] for name in names if name in world.objects]


def _contribution_targets(world):
    """Opinions and amendments by their kind; without the module, every object as an opinion."""
    rows = [{"kind": kind, "pk": world.objects[kind].pk} for kind in ("opinion", "amendment") if kind in world.objects]
    return rows or _each_object(kind="opinion", pk=_PK)(world)


def _each_object(**fixed):
    """Every object of the world by its pk, with the other parameters fixed."""

    def kwargs(world):
        rows = []
        for obj in world.objects.values():
            row = {name: (obj.pk if value is _PK else value) for name, value in fixed.items()}
            rows.extend([row] if row not in rows else [])
        return rows

    return kwargs


_PK = object()


def _step_items(world):
    """A collect step's category and a selection step's status (the proposals' back office edits them by step)."""
    pairs = [("collect_step", "proposal_category"), ("selection_step", "selection_status")]
    rows = [{"pk": world.objects[step].pk, "item": world.objects[item].pk} for step, item in pairs
            if step in world.objects and item in world.objects]
    return rows or _each_object(pk=_PK, item=_PK)(world)

def _progress_items(world):
    """A selected proposal's progress step, by its collect step and proposal (the realisation follow-up's editor)."""
    rows = [{"pk": p.proposal.step_id, "proposal": p.proposal_id, "item": p.pk} for p in _present(world, "progress_step")]
    return rows or _each_object(pk=_PK, proposal=_PK, item=_PK)(world)


def _contributions(world):
    """Each contribution of the world by its kind (its model's label), as the back office's table names them."""
    from participe.participation.models import Contribution

    rows = [{"kind": obj._meta.label_lower, "pk": obj.pk} for obj in world.objects.values() if isinstance(obj, Contribution)]
    return rows or _each_object(kind="proposals.proposal", pk=_PK)(world)


def _translatables(world):
    """Each translatable object of the world by the translations page's kind (project, step, pages, question…)."""
    models = {"project": Project, "step": Step, "question": Question}
    models.update({key: content.KINDS[key].model for key in translations.TARGETS if key in content.KINDS})
    rows = [{"kind": kind, "pk": obj.pk} for kind in translations.TARGETS for obj in world.objects.values()
            if type(obj) is models[kind]]
    return rows or _each_object(kind="project", pk=_PK)(world)


CATALOGUE = {
    "accounts:confirm": lambda world: [{"token": make_email_token(world.participant, world.participant.email)}],
    "accounts:password_reset_confirm": _reset_link,
    "media": lambda world: [{"path": "avatars/none.png"}],
    "core:legal": lambda world: [{"page": page} for page in ("terms", "privacy", "legal-notice", "accessibility")],
    "moderation:decide": _each_object(pk=_PK, action="approve"),
    "attachments:file": _each_object(pk=_PK, name="file.pdf"),
    "consultation:argue": lambda world: _contribution_targets(world),
    "consultation:source": lambda world: _contribution_targets(world),
    "consultation:answer": lambda world: _contribution_targets(world),
    "consultation:debate_confirm": lambda world: _signed(world, "consultation:debate_confirm"),
    "votations:invitation": lambda world: _signed(world, "votations:invitation"),
    "follows:stop": lambda world: _signed(world, "follows:stop"),
    "notifications:unsubscribe": lambda world: _signed(world, "notifications:unsubscribe"),
    "moderation:one_click": lambda world: _signed(world, "moderation:one_click"),
    "comments:confirm": lambda world: _signed(world, "comments:confirm"),
    "proposals:export": lambda world: [
        {"step_id": step.pk, "what": what, "fmt": fmt}
        for step in _present(world, "collect_step", "step")[:1]
        for what, fmt in (("ballots", "csv"), ("ballots", "xlsx"), ("election", "pb"), ("results", "csv"))
    ],
    "gestion:proposals:category_edit": lambda world: _step_items(world),
    "gestion:proposals:category_delete": lambda world: _step_items(world),
    "gestion:proposals:realisation_proposal": lambda world: [
        {"pk": p.proposal.step_id, "proposal": p.proposal_id} for p in _present(world, "progress_step")
    ] or _each_object(pk=_PK, proposal=_PK)(world),
    "gestion:proposals:progress_edit": lambda world: _progress_items(world),
    "gestion:proposals:progress_delete": lambda world: _progress_items(world),
    "gestion:participant": lambda world: [{"pk": world.people["participant"].pk}],
    "gestion:participant_roles": lambda world: [{"pk": world.people["participant"].pk}],
    "gestion:participant_ban": lambda world: [{"pk": world.people["participant"].pk}],
    "gestion:participant_export": lambda world: [{"pk": world.people["participant"].pk}],
    "gestion:participant_anonymise": lambda world: [{"pk": world.people["participant"].pk}],
    "gestion:contribution": lambda world: _contributions(world),
    "gestion:website:translations": lambda world: _translatables(world),
    "gestion:moderation_decide": _each_object(pk=_PK, action="approve"),
    "gestion:group_remove": lambda world: [
        {"pk": group.pk, "user_pk": world.people["participant"].pk} for group in _present(world, "participant_group")
    ],
    "gestion:questionnaires:answer": lambda world: [
        {"pk": world.questionnaire.step_id, "reply_id": reply.pk} for reply in _present(world, "reply", "draft_reply")
    ] if "questionnaire" in world.objects else _each_object(pk=_PK, reply_id=_PK)(world),
    "questionnaires:edit_reply": lambda world: [
        {"pk": world.questionnaire.pk, "reply_id": reply.pk} for reply in _present(world, "reply", "draft_reply")
    ] if "questionnaire" in world.objects else _each_object(pk=_PK, reply_id=_PK)(world),
}


# Admin sites -----------------------------------------------------------------------------------


def _admin_model(route):
    """The model and view behind an admin route, e.g. 'backoffice:accounts_user_change' → (User, 'change')."""
    site = route.admin_site
    for model in site._registry:
        app_label, model_name = model._meta.app_label, model._meta.model_name
        short = route.name.split(":", 1)[1] if route.name else ""
        if short.startswith(f"{app_label}_{model_name}_"):
            return model, short[len(f"{app_label}_{model_name}_"):]
        if not route.name and f"/{app_label}/{model_name}/<path:object_id>/" in route.template:
            return model, "redirect"
    return None, None


def _admin_kwargs(route, world):
    site = route.admin_site
    if route.params == ("app_label",):
        return [{"app_label": label} for label in sorted({m._meta.app_label for m in site._registry})]
    if route.params == ("url",):
        return [{"url": "nothing/here/"}]
    if set(route.params) == {"content_type_id", "object_id"}:
        return [
            {"content_type_id": ContentType.objects.get_for_model(obj).pk, "object_id": obj.pk}
            for obj in world.objects.values()
        ]
    model, _view = _admin_model(route)
    if model is not None and route.params == ("object_id",):
        return [{"object_id": obj.pk} for obj in world.of_model(model)]
    return None


def admin_model_is_scoped(route):
    """An admin route of an instance-owned model: its default manager fails closed outside the instance."""
    from participe.instances.scoping import InstanceOwned

    model, _view = _admin_model(route) if route.admin_site else (None, None)
    return model is not None and issubclass(model, InstanceOwned)


def admin_object_route(route):
    """True for admin routes naming one object of a known model (change, delete, history)."""
    if route.admin_site is None or route.params != ("object_id",):
        return False
    _model, view = _admin_model(route)
    return view in ADMIN_OBJECT_VIEWS


# Any other route: fill from each object ---------------------------------------------------------


def _value(obj, param):
    if param in ("pk", "id", "object_id"):
        return obj.pk
    if param == "content_type_id":
        return ContentType.objects.get_for_model(obj).pk
    if param == "token":
        return "made-up-token"  # a signed token of the world's instance, when a CATALOGUE row gives one
    if param == "slug":
        return getattr(obj, "slug", None)
    owner, _, attribute = param.rpartition("_")
    if owner and attribute in ("pk", "id", "slug"):
        related = getattr(obj, owner, None)
        if related is not None and hasattr(related, "pk"):
            return _value(related, attribute)
        if type(obj).__name__.lower() == owner.replace("_", ""):
            return _value(obj, attribute)
    return None


def _named_model(route, objects):
    """The objects whose model the path names just before its first parameter ("…/opinion/<pk>/" → opinions).

    Requesting `consultation/opinion/<pk>/` with the pk of every object of the world mostly asks for
    objects that do not exist; when the path names a model of the world, its objects are enough.
    """
    if "content_type_id" in route.params:
        return objects
    before = re.split(r"<|\(\?P<", route.template, maxsplit=1)[0].strip("/^").split("/")[-1]
    hint = before.replace("-", "").removesuffix("s")
    named = [obj for obj in objects if hint and type(obj)._meta.model_name.startswith(hint)]
    return named or objects


def _from_objects(route, world):
    everything = list(world.objects.values())
    return _filled(route, _named_model(route, everything)) or _filled(route, everything)


def _filled(route, objects):
    candidates = []
    for obj in objects:
        kwargs = {param: _value(obj, param) for param in route.params}
        if all(value not in (None, "") for value in kwargs.values()) and kwargs not in candidates:
            candidates.append(kwargs)
    return candidates


def route_kwargs(route, world):
    """Parameter sets for `route`: [{}] when it takes none, [] when nothing can fill it."""
    if not route.params:
        return [{}]
    if route.name in CATALOGUE:
        found = CATALOGUE[route.name](world)
    else:
        found = (_admin_kwargs(route, world) if route.admin_site is not None else None)
        found = _from_objects(route, world) if found is None else found
    return [kwargs for kwargs in found if _fits(route, kwargs)]


def _fits(route, kwargs):
    """False when a value does not match the pattern (e.g. a UUID primary key for an <int:pk>)."""
    if not route.name:
        return True
    try:
        route.url(kwargs)
    except NoReverseMatch:
        return False
    return True


# Which parameter sets name a real object ------------------------------------------------------

PROBE_ROLES = ("admin", "participant", "other")


def answer_of(client, url):
    """The response to GET `url`, or to an empty POST (rolled back) when the route answers GET with 405."""
    from django.db import transaction

    response = client.get(url)
    if response.status_code == 405:
        with transaction.atomic():
            response = client.post(url, {})
            transaction.set_rollback(True)
    return response


def _finds(response, role):
    """The answer proves the object exists: the administrator gets anything but a 404; a participant, who
    may be refused (403) or sent to log in before any lookup, only counts with an answer of the object."""
    if role == "admin":
        return response.status_code != 404
    return response.status_code < 300 or response.status_code in (400, 409, 429) or (
        response.status_code == 302 and not response["Location"].split("?")[0].endswith("/login/")
    )


def real_kwargs(route, world, clients, roles=PROBE_ROLES):
    """The parameter sets of `route` that find something on the world's own instance.

    `clients` are logged in on the world's own host. A route with none is not really crawled: its
    parameters only ever name objects that do not exist, and a 404 on the other instance proves nothing.
    """
    found = []
    for kwargs in route_kwargs(route, world):
        url = route.url(kwargs)
        if any(_finds(answer_of(clients[role], url), role) for role in roles):
            found.append(kwargs)
    return found
