"""Full-page screenshots of every public page type of the demo, desktop (1280 px) and phone (375 px), into
docs/screenshots/ with their index (docs/screenshots/README.md). `make public-screenshots` runs it (the variable
PUBLIC_SCREENSHOTS=1); otherwise the test is skipped. Each page must answer 200 without a console error.

Pictures are quantised to a 256-colour palette (Pillow) and optimised: the whole set stays a few megabytes. Map
tiles are refused (no network): the maps show their offline background with districts and markers.
"""

import io
import os
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.utils import timezone

from participe.core.demo_content import DEMO_PASSWORD
from participe.instances import demo
from participe.instances.models import Instance
from participe.instances.scoping import in_instance

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("PUBLIC_SCREENSHOTS") != "1", reason="make public-screenshots"),
]

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CITIZEN = "camille@demo.participe.localhost"
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 375, "height": 667}}
MAX_HEIGHT = 6000  # px of page kept: a very long list says nothing more below that
TILES = "https://tile.openstreetmap.org/**"


def _collect_steps():
    """The demo's proposal steps: the open budget vote, the idea box, the closed budget with results."""
    from participe.modules.proposals.models import ResultRun
    from participe.projects.models import Step

    counted = set(ResultRun.objects.values_list("step_id", flat=True))
    steps = {"budget": None, "ideas": None, "results": None}
    for step in Step.objects.filter(type="collect").order_by("pk"):
        vote = (step.settings or {}).get("vote", {}).get("type")
        if vote == "support" and not steps["ideas"]:
            steps["ideas"] = step
        elif vote == "budget" and step.pk in counted and not steps["results"]:
            steps["results"] = step
        elif vote == "budget" and step.pk not in counted and not steps["budget"]:
            steps["budget"] = step
    assert all(steps.values()), f"the demo lacks a proposal step: {steps}"
    return steps


def pages():
    """(name, label, path, signed in): every public page type, found in the demo's data (in the main instance)."""
    from participe.modules.consultation.models import Section
    from participe.modules.proposals.models import Proposal
    from participe.modules.questionnaires.models import Questionnaire
    from participe.modules.votations.models import Votation
    from participe.projects.models import Step
    from participe.site.models import Event, Page, Post

    def step(type_):
        return Step.objects.filter(type=type_).order_by("pk").first().get_absolute_url()

    collect = _collect_steps()
    budget, ideas, results = collect["budget"], collect["ideas"], collect["results"]
    questionnaire = Questionnaire.objects.order_by("pk").first()
    proposal = (
        Proposal.objects.filter(step=ideas).order_by("pk").first() or Proposal.objects.order_by("pk").first()
    )
    return [
        ("home", "Accueil", "/", False),
        ("project", "Projet (budget participatif)", budget.project.get_absolute_url(), False),
        ("step-presentation", "Étape de présentation", step("presentation"), False),
        ("step-consultation", "Consultation", step("consultation"), False),
        (
            "consultation-article",
            "Article d'une consultation",
            Section.objects.order_by("pk").first().get_absolute_url(),
            False,
        ),
        ("step-collect-ideas", "Boîte à idées avec carte", ideas.get_absolute_url(), False),
        ("step-collect-map", "Boîte à idées : la carte", ideas.get_absolute_url() + "?view=map", False),
        ("proposal", "Proposition", proposal.get_absolute_url(), False),
        ("budget-ballot", "Vote du budget participatif (bulletin)", budget.get_absolute_url(), True),
        (
            "budget-results",
            "Résultats du budget participatif",
            f"/proposals/step/{results.pk}/results/",
            False,
        ),
        ("realisation", "Suivi de réalisation", f"/proposals/step/{results.pk}/realisation/", False),
        ("step-questionnaire", "Questionnaire (étape)", step("questionnaire"), False),
        (
            "questionnaire-reply",
            "Questionnaire (répondre)",
            f"/questionnaires/{questionnaire.pk}/reply/",
            True,
        ),
        (
            "questionnaire-results",
            "Résultats du questionnaire",
            f"/questionnaires/{questionnaire.pk}/results/",
            False,
        ),
        ("step-votation", "Votation", step("votation"), True),
        (
            "votation-results",
            "Votation (résultats)",
            Votation.objects.order_by("pk").first().get_absolute_url(),
            False,
        ),
        ("step-debate", "Débat", step("debate"), False),
        ("step-ranking", "Classement", step("ranking"), False),
        ("blog", "Actualités", "/news/", False),
        (
            "post",
            "Article d'actualité",
            Post.objects.order_by("-published_at").first().get_absolute_url(),
            False,
        ),
        ("agenda", "Agenda", "/agenda/", False),
        ("event", "Événement", Event.objects.order_by("pk").first().get_absolute_url(), False),
        ("page", "Page", Page.objects.order_by("pk").first().get_absolute_url(), False),
        ("themes", "Thèmes", "/themes/", False),
        ("districts", "Quartiers (carte)", "/districts/", False),
        ("search", "Recherche", "/search/?q=v%C3%A9lo", False),
        ("login", "Connexion", "/accounts/login/", False),
        ("register", "Création de compte", "/accounts/register/", False),
        ("account", "Mon compte", "/accounts/me/", True),
        ("notifications", "Mes notifications", "/notifications/", True),
    ]


def compress(png_bytes, path):
    """A palette PNG (256 colours, optimised): about a quarter of Chromium's RGB picture, text still crisp."""
    from PIL import Image

    image = Image.open(io.BytesIO(png_bytes)).convert("RGB")
    if image.height > MAX_HEIGHT:
        image = image.crop((0, 0, image.width, MAX_HEIGHT))
    image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(
        path, optimize=True
    )


def settle(page):
    """Lazy images loaded, fonts ready, Leaflet's fades over: what a reader sees once the page is still."""
    page.evaluate(
        "() => document.querySelectorAll('img[loading=lazy]').forEach(img => { img.loading = 'eager'; })"
    )
    for _ in range(50):
        if page.evaluate(
            "() => [...document.images].every(img => img.complete) && document.fonts.status === 'loaded'"
        ):
            break
        time.sleep(0.1)
    time.sleep(0.3)


@pytest.fixture
def demo_site(transactional_db, live_server, settings):
    settings.PUBLIC_PORT = urlparse(live_server.url).port
    for _line in demo.load(now=timezone.now()):
        pass
    return Instance.objects.get(slug="demo"), urlparse(live_server.url).port


def test_every_public_page_type_of_the_demo_has_its_screenshots(demo_site, browser):
    main, port = demo_site
    base, other = f"http://localhost:{port}", f"http://autre.localhost:{port}"
    with in_instance(main):
        shots = [(name, label, base + path, signed_in) for name, label, path, signed_in in pages()]
    shots.append(("other-instance-home", "Accueil de l'autre instance", other + "/", False))
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.png"):
        old.unlink()
    contexts, problems = {}, []
    for signed_in in (False, True):
        context = browser.new_context(locale="fr-FR", viewport=SIZES["desktop"], reduced_motion="reduce")
        context.route(TILES, lambda route: route.abort())
        contexts[signed_in] = context
    login = contexts[True].new_page()
    login.goto(base + "/accounts/login/")
    login.fill("#id_email", CITIZEN)
    login.fill("#id_password", DEMO_PASSWORD)
    with login.expect_navigation():
        login.click("main form[method=post] button[type=submit]")
    login.close()
    rows = []
    for name, label, url, signed_in in shots:
        page = contexts[signed_in].new_page()
        page.set_default_timeout(30_000)
        errors = []
        page.on("console", lambda message, errors=errors: message.type == "error" and not message.text.startswith("Failed to load resource") and errors.append(message.text))  # fmt: skip
        page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
        response = page.goto(url)
        if response.status != 200:
            problems.append(f"{name}: {url} answered {response.status}")
        for size, viewport in SIZES.items():
            page.set_viewport_size(viewport)
            settle(page)
            compress(page.screenshot(full_page=True), OUT / f"{name}-{size}.png")
        problems += [f"{name}: {error}" for error in errors]
        rows.append(
            (name, label, urlparse(url).path + (f"?{urlparse(url).query}" if urlparse(url).query else ""))
        )
        page.close()
    for context in contexts.values():
        context.close()
    total = sum(path.stat().st_size for path in OUT.glob("*.png"))
    (OUT / "README.md").write_text(index(rows, total))
    assert not problems, "\n".join(problems)
    assert len(list(OUT.glob("*.png"))) == 2 * len(shots)


def index(rows, total):
    lines = [
        "# Screenshots of the public site",
        "",
        "Every public page type of the demo (`make demo`), full page, on a desktop (1280 px) and a phone (375 px).",
        "`make public-screenshots` regenerates them from the demo data (tests/site/test_public_screenshots.py);",
        f"palette PNGs, {len(rows) * 2} pictures, {total / 1_000_000:.1f} MB in all. Map tiles are not fetched: maps",
        "show their offline background with the districts and markers.",
        "",
        "| Page | Path | Desktop | Phone |",
        "| --- | --- | --- | --- |",
    ]
    for name, label, path in rows:
        lines.append(f"| {label} | `{path}` | [1280 px]({name}-desktop.png) | [375 px]({name}-phone.png) |")
    return "\n".join(lines) + "\n"
