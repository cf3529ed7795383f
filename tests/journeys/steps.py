"""Steps many journeys share: reading the e-mail a person received, logging in and out, a budget vote to use."""

import re

from django.core import mail

from participe.instances.scoping import in_instance
from participe.modules.proposals import ballots
from participe.modules.proposals.models import Proposal
from participe.projects.models import Project, Step
from tests.conftest import make_user

LINK = re.compile(r"https?://[^\s\"<>]+")


def last_link_sent_to(address, containing):
    """The link containing `containing` in the last e-mail sent to `address` (text part)."""
    for message in reversed(mail.outbox):
        if address in message.to:
            for link in LINK.findall(message.body):
                if containing in link:
                    return link
            raise AssertionError(f"no link with {containing!r} in the e-mail {message.subject!r}")
    raise AssertionError(f"no e-mail sent to {address}")


def link_ever_sent_to(address, containing):
    """The link containing `containing` in the latest e-mail to `address` that has one (other e-mails may follow)."""
    for message in reversed(mail.outbox):
        if address in message.to:
            for link in LINK.findall(message.body):
                if containing in link:
                    return link
    raise AssertionError(f"no e-mail to {address} with a link containing {containing!r}")


def log_in(journey, email, password):
    journey.press("nav.account-nav a[href^='/accounts/login/']", checkpoint="login")
    journey.fill("#id_email", email)
    journey.fill("#id_password", password)
    journey.submit()
    assert journey.sees("nav.account-nav a[href='/accounts/me/']"), f"not logged in at {journey.path}"


def log_out(journey):
    journey.press("nav.account-nav form[action='/accounts/logout/'] button")
    assert journey.sees("nav.account-nav a[href^='/accounts/login/']"), "still logged in"


def budget_vote(site, vote, projects, *, supporters=0, title="Vote", settings=None, **step_fields):
    """A published "Budget participatif" project whose step "vote" is a budget vote (`vote`: its vote settings
    besides the type), with its published `projects` [(title, cost)]; `supporters` neighbours (voisin0@…)
    have put the first project on their ballot. Returns the step and the proposals."""
    with in_instance(site):
        project = Project.objects.create(title="Budget participatif", slug="budget", is_published=True)
        step = Step.objects.create(
            project=project, type="collect", title=title, slug="vote",
            settings={**(settings or {}), "vote": {"type": "budget", **vote}}, **step_fields,
        )
        proposals = [
            Proposal.objects.create(step=step, title=name, estimated_cost=cost, status="published")
            for name, cost in projects
        ]
        for n in range(supporters):
            ballots.add(make_user(site, f"voisin{n}@example.org"), step, proposals[0])
    return step, proposals
