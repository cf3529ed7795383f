"""What the parameter fuzzer sends and where: shared by tests/security/test_fuzz_params.py (a small budget)
and bench/fuzz.py (a large one).

- GET targets: every route of the URLconf filled with a world's objects (tests/security/routes.py), with the
  names of the query parameters the code reads (found in its source: `GET.get("…")`, `GET["…"]`…) and,
  for the back office's lists, the ModelAdmin's filters and Django's own (p, o, q…).
- POST targets: the forms of the main pages (vote, ballot, ranking, comment, proposal, questionnaire
  reply, registration, event registration), read from the pages themselves, so a new field is fuzzed too.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import strategies as st

from tests.security.crawl import body_text
from tests.security.routes import all_routes, route_kwargs

SOURCE = Path(__file__).resolve().parents[2] / "participe"
READ = re.compile(r"""(?:GET|params|query)(?:\.get|\.getlist|\.pop)?\(\s*["']([A-Za-z_]\w*)["']|GET\[["']([A-Za-z_]\w*)["']\]""")
ADMIN_NAMES = ("p", "o", "q", "all", "e", "_to_field", "_popup", "_changelist_filters")
CHANGE_NAMES = ("_to_field", "_popup", "_changelist_filters")
ROLES = ("anonymous", "participant")

NASTY = [
    "", "0", "-1", "²", "٣", "１２", "߉", str(2**63 - 1), str(2**63), str(-(2**63) - 1), "9" * 40, "\x00",
    "1\x00", "x" * 5000, "1.5", "1e308", "nan", "-0", " 1", "%", "%%", "../", "<script>", "[]", "{}", "true",
    "\ud7ff", "1,2", "１", "\u0660", "0x10", "+1", "1_000",
]
UNICODE_DIGITS = st.text(alphabet=st.characters(categories=("Nd", "No")), min_size=1, max_size=25)
VALUE = st.one_of(
    st.sampled_from(NASTY),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    UNICODE_DIGITS,
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
VALUES = st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3))


def names_read_by_the_code():
    names = set()
    for path in SOURCE.rglob("*.py"):
        for first, second in READ.findall(path.read_text(encoding="utf-8")):
            names.add(first or second)
    return sorted(names | {"page", "seed", "next"})


def _admin_names(route):
    from tests.security.routes import _admin_model

    model, view = _admin_model(route)
    if model is None:
        return ()
    if view == "change":
        return CHANGE_NAMES
    if view != "changelist":
        return None
    model_admin = route.admin_site._registry[model]
    names = list(ADMIN_NAMES)
    for entry in model_admin.list_filter:
        field = entry if isinstance(entry, str) else getattr(entry, "parameter_name", None)
        if field:
            names += [field, f"{field}__exact", f"{field}__id__exact", f"{field}__in", f"{field}__isnull"]
    return tuple(names)


def get_targets(world, clients):
    """[(url, roles, names)]: each route once, with the first parameter set a staff member can open."""
    code_names = tuple(names_read_by_the_code())
    targets = []
    for route in all_routes():
        if route.admin_site is not None:
            names = _admin_names(route)
            if not names:
                continue
            roles = ("admin",)
        else:
            names, roles = code_names, ROLES
        for kwargs in route_kwargs(route, world)[:4]:
            url = route.url(kwargs)
            if _opens(clients["admin"], url):
                targets.append((url, roles, names))
                break
    return targets


def _opens(client, url):
    """Not a 404 (a server error counts: the fuzzing then reports it)."""
    try:
        return client.get(url).status_code != 404
    except Exception:
        return True


class _Forms(HTMLParser):
    """The POST forms of a page: (action, {name: [values]}) with the values the page filled in."""

    def __init__(self, html, page_url):
        super().__init__(convert_charrefs=True)
        self.page_url, self.forms, self._current = page_url, [], None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and (attrs.get("method") or "").lower() == "post":
            self._current = (attrs.get("action") or self.page_url, {})
            self.forms.append(self._current)
        elif tag in ("input", "select", "textarea") and self._current and attrs.get("name"):
            if attrs.get("type") in ("file", "submit"):
                return
            self._current[1].setdefault(attrs["name"], []).append(attrs.get("value") or "1")

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None


def form_pages(world):
    """(role, url) of the pages whose forms are fuzzed: where people vote, comment, propose, answer, register."""
    objects, pages = world.objects, [("anonymous", "/accounts/register/")]
    if "collect_step" in objects:
        step = objects["collect_step"]
        pages += [("participant", f"/proposals/step/{step.pk}/"), ("participant", f"/proposals/step/{step.pk}/new/"),
                  ("participant", objects["proposal"].get_absolute_url())]
    if "selection_step" in objects:
        pages.append(("participant", f"/proposals/step/{objects['selection_step'].pk}/"))
    if "questionnaire" in objects:
        pages.append(("participant", f"/questionnaires/{objects['questionnaire'].pk}/reply/"))
    for name in ("opinion", "debate", "event", "votation_step", "project"):
        obj = objects.get(name)
        if obj is not None and hasattr(obj, "get_absolute_url"):
            pages.append(("participant", obj.get_absolute_url()))
    return pages


SKIPPED_ACTIONS = ("/accounts/logout/", "/i18n/setlang/", "/accounts/me/delete/")
# The world's rows are created without their counters (tests/security/world.py): deleting one would take a
# step's count below zero, which the database refuses. Deletions take no value to fuzz anyway.
SKIPPED_PARTS = ("/delete/",)


def post_targets(world, clients):
    """[(role, action, {name: [values]})] of the forms found on `form_pages`, each action once."""
    seen, targets = set(), []
    for role, url in form_pages(world):
        response = clients[role].get(url, follow=True)
        if response.status_code != 200:
            continue
        for action, fields in _Forms(body_text(response), url).forms:
            action = action.split("#")[0]
            skipped = action.startswith(SKIPPED_ACTIONS) or any(part in action for part in SKIPPED_PARTS)
            if skipped or (role, action) in seen or not action.startswith("/"):
                continue
            seen.add((role, action))
            fields = {k: v for k, v in fields.items() if k != "csrfmiddlewaretoken"}
            targets.append((role, action, fields or {"next": ["/"]}))
    return targets


def fuzzed_form(fields):
    """Each field of the form keeps its value or gets a fuzzed one (at least one is fuzzed)."""
    names = sorted(fields)
    return st.lists(st.sampled_from(names), min_size=1, max_size=len(names), unique=True).flatmap(
        lambda chosen: st.fixed_dictionaries({name: VALUES for name in chosen}).map(
            lambda fuzzed: {**fields, **fuzzed}
        )
    )


def query(names):
    return st.dictionaries(st.sampled_from(names), VALUES, min_size=1, max_size=4)
