"""Consultation, in a real browser: a participant votes on an article, proposes an amendment,
comments the article and follows the project — in the three modes, with the French interface.
"""

import pytest

from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, make_user
from tests.consultation.conftest import build_consultation
from tests.journeys.steps import log_in

pytestmark = pytest.mark.browser

PARTICIPANT = "camille@example.org"


@pytest.fixture
def consultation(site):
    """An open consultation with one official article, and a participant to take part."""
    author = make_user(site, "redaction@example.org", display_name="Rédaction", is_instance_admin=True)
    make_user(site, PARTICIPANT, display_name="Camille")
    return build_consultation(site, "open", author=author)


def vote(journey, button, checkpoint):
    """Press a vote button: without JavaScript the form posts and comes back; with it the widget is swapped."""
    if journey.mode == "nojs":
        journey.press(button, checkpoint=checkpoint)
        return
    if journey.keyboard:
        journey.tab_to(button)
        journey.page.keyboard.press("Enter")
    else:
        journey.page.click(button)
    journey.page.wait_for_selector(f"{button}[aria-pressed=true]")
    journey.arrived(checkpoint)


def test_vote_then_amend_an_article(journey, site, consultation):
    from participe.modules.consultation.models import Amendment

    article = consultation["opinions"][0]
    page = f"/consultation/opinion/{article.pk}/"
    agree = f"#opinion-{article.pk} form[data-vote-widget] button[data-value='1']"

    journey.visit(page, checkpoint="article")
    log_in(journey, PARTICIPANT, PASSWORD)
    journey.visit(page, checkpoint="article-logged-in")
    assert journey.page.get_attribute(agree, "aria-pressed") == "false"
    assert journey.page.inner_text(f"{agree} .vote-button__count").strip() == "1"

    vote(journey, agree, checkpoint="article-voted")
    assert journey.page.get_attribute(agree, "aria-pressed") == "true"
    assert journey.page.inner_text(f"{agree} .vote-button__count").strip() == "2"

    journey.press(f"#amendments a[href='/consultation/opinion/{article.pk}/amend/']", checkpoint="amend")
    assert "au moins une langue régionale" in journey.value("#id_body")
    journey.fill("#id_title", "Toutes les langues régionales")
    journey.fill(
        "#id_body",
        "L’État et les collectivités territoriales proposent, sur chaque site internet public, "
        "une version dans les langues régionales.",
    )
    journey.fill("#id_explanation", "Pourquoi se limiter à une seule langue ?")
    journey.submit(checkpoint="amendment")

    with in_instance(site):
        amendment = Amendment.objects.get()
    assert journey.path.startswith(f"/consultation/amendment/{amendment.pk}/"), journey.path
    added = " ".join(journey.page.locator(".diff ins").all_inner_texts())
    removed = " ".join(journey.page.locator(".diff del").all_inner_texts())
    assert "les" in added and "langues" in added, added
    assert "une" in removed, removed


def test_comment_an_article(journey, site, consultation):
    from participe.comments.models import Comment

    article = consultation["opinions"][0]
    page = f"/consultation/opinion/{article.pk}/"
    form = "form.comments__form"

    journey.visit(page, checkpoint="article")
    log_in(journey, PARTICIPANT, PASSWORD)
    journey.visit(page, checkpoint="article-logged-in")
    journey.fill(f"{form} textarea[name=body]", "Les langues régionales font partie de notre patrimoine.")
    journey.press(f"{form} button[type=submit]", checkpoint="article-commented")

    with in_instance(site):
        comment = Comment.objects.get()
    listed = journey.page.locator(f"#comments .comments__list #comment-{comment.pk}")
    assert listed.count() == 1
    assert "notre patrimoine" in listed.inner_text()


def test_follow_a_project(journey, site, consultation):
    from participe.follows.models import Follow

    page = f"/projects/{consultation['project'].slug}/"
    journey.visit(page, checkpoint="project-visitor")
    log_in(journey, PARTICIPANT, PASSWORD)
    journey.visit(page, checkpoint="project")
    assert not journey.sees("form[action$='/unfollow/']")

    journey.press("form.follow-form button[type=submit]", checkpoint="project-followed")
    assert journey.sees("form[action$='/unfollow/'] button[type=submit]"), "no way to stop following"
    with in_instance(site):
        assert Follow.objects.filter(user__email=PARTICIPANT).count() == 1
