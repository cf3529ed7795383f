"""The vote widget's markup (participe.votes.widget): a plain form, escaped, accessible, the same with or without JS."""

import re
from types import SimpleNamespace

import pytest
from django.test import RequestFactory
from django.utils import translation

from participe.votes.kinds import KINDS
from participe.votes.widget import render_widget

pytestmark = pytest.mark.usefixtures("english")


def context(mine=None, counts=(5, 0, 3), open_=True, secret=False, next_url="/a/?b=1&c=2"):
    kind = KINDS["agree3"]
    total = sum(counts)
    choices, offset = [], 0.0
    for choice, count in zip(kind.choices, counts, strict=True):
        share = round(100 * count / total, 1) if total else 0
        choices.append({
            "value": choice.value, "label": choice.label, "chosen_label": choice.chosen_label, "count": count,
            "share": share, "offset": offset, "pressed": mine == choice.value,
            "css": f"vote-agree3-{choice.value}".replace("--", "-minus-"),
        })
        offset += share
    request = RequestFactory().get("/")
    request.user = SimpleNamespace(is_authenticated=True)
    return {
        "request": request, "kind": kind, "choices": choices, "total": total, "mine": mine, "open": open_,
        "show_split": True, "secret": secret, "action": "/votes/1/2/", "next": next_url, "idempotency_key": "k" * 32,
    }


def test_a_plain_form_with_one_button_per_choice():
    html = render_widget(context(), csrf_token="TOKEN")
    assert html.startswith('<form method="post" action="/votes/1/2/"')
    assert '<input type="hidden" name="csrfmiddlewaretoken" value="TOKEN">' in html
    assert html.count('<button type="submit" name="value"') == 3 and 'aria-pressed="true"' not in html
    assert 'value="/a/?b=1&amp;c=2"' in html  # escaped
    assert "<link" not in html and " disabled" not in html


def test_my_vote_is_pressed_and_says_how_to_withdraw_it():
    html = render_widget(context(mine=1), csrf_token="TOKEN")
    pressed = re.search(r'<button[^>]*aria-pressed="true"[^>]*>.*?</button>', html).group(0)
    assert 'name="withdraw" value="1"' in pressed and 'data-value="1"' in pressed
    assert "press again to withdraw it" in pressed
    assert html.count('aria-pressed="false"') == 2


def test_the_split_has_a_text_equivalent_rounded_half_up():
    html = render_widget(context(counts=(1, 0, 7)), csrf_token="TOKEN")  # 12.5 % and 87.5 %
    text = re.search(r'<p class="vote-split__text">(.*?)</p>', html).group(1)
    assert "Agree : 13 %" in text and "Disagree : 88 %" in text and "(8 votes)" in text
    assert 'width="12.5"' in html and 'aria-hidden="true"' in html


def test_a_secret_vote_shows_no_count_and_a_closed_one_no_button_to_press():
    secret = render_widget(context(secret=True), csrf_token="TOKEN")
    assert "vote-button__count" not in secret and "vote-split" not in secret
    closed = render_widget(context(open_=False), csrf_token="TOKEN")
    assert '<fieldset class="vote-widget__choices" disabled>' in closed and "Voting is closed." in closed


def test_the_first_widget_of_a_page_brings_its_assets_and_a_token_when_none_is_given():
    html = render_widget(context(), with_assets=True)
    assert html.startswith('<link rel="stylesheet"') and "votes.js" in html
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    assert len(token) == 64


def test_the_widget_speaks_french_first():
    with translation.override("fr"):
        html = render_widget(context(mine=1, counts=(1, 0, 7)), csrf_token="TOKEN")
    assert "(votre vote — appuyez à nouveau pour le retirer)" in html and "(8 votes)" in html
    with translation.override("fr"):
        assert "Le vote est fermé." in render_widget(context(open_=False), csrf_token="TOKEN")


def test_values_from_outside_are_escaped():
    html = render_widget(context(next_url='/a/"><script>alert(1)</script>'), csrf_token='"T<')
    assert "<script>" not in html
    assert 'value="/a/&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html
    assert 'value="&quot;T&lt;"' in html
