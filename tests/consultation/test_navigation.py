"""Consultation pages use the shared breadcrumb and pagination includes."""

import re

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Opinion, Section
from tests.conftest import host_client


def _trail(html):
    trail = html[html.index('class="breadcrumb"') :]
    return re.findall(r"<li>(.*?)</li>", trail[: trail.index("</nav>")])


def test_write_page_names_itself_at_the_end_of_its_trail(open_a, participant_a):
    section = open_a["section"]
    html = host_client("a.test", participant_a).get(f"/consultation/section/{section.pk}/propose/").content.decode()
    assert "<h1>Propose an opinion</h1>" in html
    assert _trail(html)[1:] == [
        f'<a href="/consultation/{open_a["consultation"].pk}/">Projet de loi</a>',
        f'<a href="/consultation/section/{section.pk}/">Section 1</a>',
        '<span aria-current="page">Propose an opinion</span>',
    ]


def test_amendment_trail_goes_through_its_article(amendment_a, open_a, client_a):
    html = client_a.get(f"/consultation/amendment/{amendment_a.pk}/").content.decode()
    assert _trail(html)[-2:] == [
        f'<a href="/consultation/opinion/{amendment_a.opinion_id}/">Article 1</a>',
        '<span aria-current="page">Deux langues</span>',
    ]


def test_section_pages_keep_the_chosen_sort(open_a, instance_a, client_a):
    section = open_a["section"]
    with in_instance(instance_a):
        for n in range(2, 23):
            Opinion.objects.create(
                step=open_a["step"], consultation=open_a["consultation"], section=section, title=f"Avis {n}", body="<p>Texte</p>"
            )
        Section.objects.filter(pk=section.pk).update(opinions_count=22)
    html = client_a.get(f"/consultation/section/{section.pk}/?sort=newest").content.decode()
    assert '<a href="?sort=newest&amp;page=2" rel="next">Next page</a>' in html
