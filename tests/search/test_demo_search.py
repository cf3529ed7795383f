"""The words of the demo's contributions find them (issue 19): a proposal's, an argument's."""

from django.utils import timezone

from participe.core import demo_content
from participe.instances.scoping import in_instance
from tests.conftest import make_user


def test_searching_the_demo_finds_its_proposals_and_arguments(instance_a, client_a):
    accounts = {
        "citizen": make_user(instance_a, "camille@a.test"),
        "admin": make_user(instance_a, "admin@a.test", is_instance_admin=True),
        "moderator": make_user(instance_a, "modo@a.test", is_moderator=True),
    }
    now = timezone.now()
    with in_instance(instance_a):
        for loader in demo_content.loaders:
            loader(instance_a, accounts, now)
    for word, kind, text in (
        ("verger", "proposals", "verger partagé"),
        ("arceaux", "proposals", "arceaux vélo"),
        ("transparence", "arguments", "renforce la confiance"),
    ):
        html = client_a.get("/search/", {"q": word, "type": kind}).content.decode()
        assert text in html.split('class="tabs"', 1)[-1], f"“{word}” does not find the demo's {kind}"
