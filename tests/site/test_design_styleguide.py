"""The style guide: instance administrators only, every component rendered with its markup, in French and English."""

import pytest

from participe.site.styleguide import COMPONENTS, tokens
from tests.conftest import host_client


@pytest.mark.django_db
def test_an_instance_administrator_sees_every_component_and_the_tokens(admin_a, instance_a):
    instance_a.default_language = "en"
    instance_a.save()
    page = host_client("a.test", admin_a).get("/styleguide/", HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200
    html = page.content.decode()
    for anchor, _title, _name in COMPONENTS:
        assert f'id="{anchor}"' in html
    assert "--colour-primary" in html and "--space" in html and "--touch-target" in html
    assert "&lt;button" in html  # the markup is shown, escaped, next to the example


@pytest.mark.django_db
def test_the_style_guide_speaks_french(admin_a):
    html = host_client("a.test", admin_a).get("/styleguide/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Guide de style" in html and "Boutons" in html


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["participant_a", "moderator_a"])
def test_other_roles_are_refused(request, who):
    assert host_client("a.test", request.getfixturevalue(who)).get("/styleguide/").status_code == 403


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(instance_a):
    response = host_client("a.test").get("/styleguide/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.django_db
def test_another_instances_administrator_is_a_stranger_here(admin_b, instance_a):
    # Accounts belong to one instance: B's administrator is anonymous on A and is asked to log in.
    response = host_client("a.test", admin_b).get("/styleguide/")
    assert response.status_code == 302


def test_every_colour_token_has_a_swatch_rule():
    from django.contrib.staticfiles import finders

    css = open(finders.find("website/styleguide.css"), encoding="utf-8").read()
    colours, _others = tokens()
    assert colours
    for token in colours:
        assert f".styleguide-swatch-{token['name']} {{ background: var({token['name']}); }}" in css
