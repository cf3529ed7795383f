"""Each contribution type through HTTP: plain forms and JSON, per step state, per role, per instance."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Argument, Opinion, Section, Source
from tests.conftest import host_client
from tests.consultation.conftest import ARTICLE, build_consultation

JSON = {"HTTP_ACCEPT": "application/json"}


@pytest.mark.django_db
def test_pages_render_for_anonymous_visitors(client_a, open_a, amendment_a):
    assert client_a.get(f"/consultation/{open_a['consultation'].pk}/").status_code == 200
    assert client_a.get(f"/consultation/section/{open_a['section'].pk}/?sort=controversial").status_code == 200
    page = client_a.get(f"/consultation/opinion/{open_a['opinions'][0].pk}/")
    assert page.status_code == 200 and "Deux langues" in page.content.decode()
    page = client_a.get(f"/consultation/amendment/{amendment_a.pk}/")
    html = page.content.decode()
    assert "<ins>" in html and "deux" in html and "[added:" in html
    assert client_a.get(f"/consultation/step/{open_a['step'].pk}/").status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("as_json", [False, True])
def test_participant_proposes_an_opinion(instance_a, participant_a, open_a, as_json):
    client = host_client("a.test", participant_a)
    url = f"/consultation/section/{open_a['section'].pk}/propose/"
    response = client.post(url, {"title": "Une idée", "body": "Premier paragraphe.\n\nSecond."}, **(JSON if as_json else {}))
    with in_instance(instance_a):
        opinion = Opinion.objects.get(title="Une idée")
        assert opinion.body == "<p>Premier paragraphe.</p><p>Second.</p>"
        assert Section.objects.get(pk=open_a["section"].pk).opinions_count == 2
    if as_json:
        assert response.status_code == 201 and response.json()["id"] == opinion.pk
    else:
        assert response.status_code == 302 and response.url == opinion.get_absolute_url()


@pytest.mark.django_db
def test_invalid_opinion_keeps_what_was_typed(participant_a, open_a):
    client = host_client("a.test", participant_a)
    response = client.post(f"/consultation/section/{open_a['section'].pk}/propose/", {"title": "", "body": "Mon long texte"})
    assert response.status_code == 400
    assert "Mon long texte" in response.content.decode()
    response = client.post(f"/consultation/section/{open_a['section'].pk}/propose/", {"title": ""}, **JSON)
    assert response.status_code == 400 and "title" in response.json()["errors"]


@pytest.mark.django_db
@pytest.mark.parametrize("state, message", [("future", "not opened yet"), ("closed", "results are final")])
def test_no_contribution_outside_open_steps(instance_a, participant_a, admin_a, state, message):
    data = build_consultation(instance_a, state, author=admin_a)
    client = host_client("a.test", participant_a)
    response = client.post(f"/consultation/section/{data['section'].pk}/propose/", {"title": "Idée", "body": "Texte"})
    assert response.status_code == 403 and message in response.content.decode()
    response = client.post(f"/consultation/opinion/{data['opinions'][0].pk}/argue/", {"side": "for", "body": "Oui"}, **JSON)
    assert response.status_code == 403 and message in response.json()["error"]
    with in_instance(instance_a):
        assert not Opinion.objects.filter(title="Idée").exists() and not Argument.objects.exists()


@pytest.mark.django_db
def test_anonymous_visitor_is_sent_to_log_in(client_a, open_a):
    url = f"/consultation/section/{open_a['section'].pk}/propose/"
    assert client_a.post(url, {"title": "x", "body": "y"}).status_code == 302
    assert client_a.post(url, {"title": "x", "body": "y"}, **JSON).status_code == 401


@pytest.mark.django_db
def test_banned_account_cannot_contribute(instance_a, make_account, open_a):
    banned = make_account(instance_a, "banned@a.test", is_banned=True)
    response = host_client("a.test", banned).post(f"/consultation/section/{open_a['section'].pk}/propose/", {"title": "x", "body": "y"})
    assert response.status_code in (302, 403)
    with in_instance(instance_a):
        assert not Opinion.objects.filter(title="x").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("as_json", [False, True])
def test_amendment_shows_a_word_diff(instance_a, participant_a, open_a, as_json):
    opinion = open_a["opinions"][0]
    client = host_client("a.test", participant_a)
    new_body = ARTICLE.replace("une version dans au moins une langue régionale", "une version dans les langues régionales")
    response = client.post(
        f"/consultation/opinion/{opinion.pk}/amend/",
        {"title": "Toutes les langues", "body": new_body, "explanation": "Pourquoi se limiter ?"}, **(JSON if as_json else {}),
    )
    assert response.status_code == (201 if as_json else 302)
    with in_instance(instance_a):
        amendment = Amendment.objects.get()
        assert Opinion.objects.get(pk=opinion.pk).amendments_count == 1
    html = client.get(f"/consultation/amendment/{amendment.pk}/").content.decode()
    assert "<del><span class=\"visually-hidden\">[removed: </span>au moins une langue régionale" in html or "<del>" in html
    assert "les langues régionales" in html


@pytest.mark.django_db
def test_unchanged_amendment_is_refused(participant_a, open_a):
    response = host_client("a.test", participant_a).post(
        f"/consultation/opinion/{open_a['opinions'][0].pk}/amend/", {"title": "Rien", "body": ARTICLE, "explanation": "x"}
    )
    assert response.status_code == 400 and "does not change the text" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("side", ["for", "against"])
def test_arguments_on_opinions_and_amendments(instance_a, participant_a, open_a, amendment_a, side):
    client = host_client("a.test", participant_a)
    assert client.post(f"/consultation/opinion/{open_a['opinions'][0].pk}/argue/", {"side": side, "body": "Parce que."}).status_code == 302
    assert client.post(f"/consultation/amendment/{amendment_a.pk}/argue/", {"side": side, "body": "Et aussi."}, **JSON).status_code == 201
    with in_instance(instance_a):
        counter = f"arguments_{side}_count"
        assert getattr(Opinion.objects.get(pk=open_a["opinions"][0].pk), counter) == 1
        assert getattr(Amendment.objects.get(pk=amendment_a.pk), counter) == 1
    page = client.get(f"/consultation/opinion/{open_a['opinions'][0].pk}/").content.decode()
    assert "Parce que." in page


@pytest.mark.django_db
def test_sources_by_link_or_pdf(instance_a, participant_a, open_a):
    client = host_client("a.test", participant_a)
    url = f"/consultation/opinion/{open_a['opinions'][0].pk}/source/"
    assert client.post(url, {"title": "Rapport", "category": "report"}).status_code == 400  # neither link nor file
    assert client.post(url, {"title": "Rapport", "category": "report", "link": "https://example.org/r"}).status_code == 302
    fake = SimpleUploadedFile("x.pdf", b"not a pdf", content_type="application/pdf")
    assert client.post(url, {"title": "Faux", "category": "other", "file": fake}).status_code == 400
    pdf = SimpleUploadedFile("etude.pdf", b"%PDF-1.4 minimal", content_type="application/pdf")
    assert client.post(url, {"title": "Étude", "category": "report", "file": pdf}, **JSON).status_code == 201
    with in_instance(instance_a):
        assert Source.objects.count() == 2
        assert Opinion.objects.get(pk=open_a["opinions"][0].pk).sources_count == 2


@pytest.mark.django_db
def test_instance_b_objects_are_not_found_on_a(instance_b, admin_b, participant_a, open_a):
    data_b = build_consultation(instance_b, author=admin_b)
    client = host_client("a.test", participant_a)
    for url in (
        f"/consultation/{data_b['consultation'].pk}/",
        f"/consultation/section/{data_b['section'].pk}/",
        f"/consultation/opinion/{data_b['opinions'][0].pk}/",
        f"/consultation/step/{data_b['step'].pk}/",
    ):
        assert client.get(url).status_code == 404, url
    assert client.post(f"/consultation/opinion/{data_b['opinions'][0].pk}/argue/", {"side": "for", "body": "x"}).status_code == 404


@pytest.mark.django_db
def test_unpublished_project_is_hidden(instance_a, client_a, open_a):
    with in_instance(instance_a):
        open_a["project"].is_published = False
        open_a["project"].save()
    assert client_a.get(f"/consultation/{open_a['consultation'].pk}/").status_code == 404


@pytest.mark.django_db
def test_only_administrators_answer(instance_a, participant_a, admin_a, open_a, amendment_a):
    url = f"/consultation/amendment/{amendment_a.pk}/answer/"
    data = {"answer_status": "taken", "official_answer": "<p>Retenu dans le texte final.</p>"}
    assert host_client("a.test", participant_a).post(url, data).status_code == 403
    assert host_client("a.test", admin_a).post(url, data).status_code == 302
    with in_instance(instance_a):
        amendment = Amendment.objects.get(pk=amendment_a.pk)
        assert amendment.answer_status == "taken"
        opinion = open_a["opinions"][0]
        opinion.body = amendment.body
        opinion.save()
    html = host_client("a.test").get(f"/consultation/{open_a['consultation'].pk}/changes/").content.decode()
    assert "deux" in html and "<ins>" in html and "Deux langues" in html


def _vote_url(obj):
    return f"/votes/{ContentType.objects.get_for_model(obj).pk}/{obj.pk}/"


@pytest.mark.django_db
@pytest.mark.parametrize("as_json", [False, True])
def test_agree_disagree_votes_through_the_vote_engine(instance_a, participant_a, open_a, as_json):
    opinion = open_a["opinions"][0]
    client = host_client("a.test", participant_a)
    headers = JSON if as_json else {}
    assert client.post(_vote_url(opinion), {"value": "1"}, **headers).status_code in (200, 302)
    assert client.post(_vote_url(opinion), {"value": "-1"}, **headers).status_code in (200, 302)
    with in_instance(instance_a):
        opinion.refresh_from_db()
    assert (opinion.votes_agree, opinion.votes_disagree, opinion.votes_total) == (1, 10, 11)
    assert client.post(_vote_url(opinion), {"withdraw": "1"}, **headers).status_code in (200, 302)
    with in_instance(instance_a):
        opinion.refresh_from_db()
    assert (opinion.votes_disagree, opinion.votes_total) == (9, 10)


@pytest.mark.django_db
def test_votes_are_frozen_when_the_step_closes(instance_a, participant_a, admin_a):
    data = build_consultation(instance_a, "closed", author=admin_a)
    opinion = data["opinions"][0]
    response = host_client("a.test", participant_a).post(_vote_url(opinion), {"value": "1"}, **JSON)
    assert response.status_code == 403
    with in_instance(instance_a):
        opinion.refresh_from_db()
    assert opinion.votes_total == 10


@pytest.mark.django_db
def test_article_page_cache_for_visitors_keeps_tokens_personal_and_counts_fresh(instance_a, participant_a, open_a, later):
    url = f"/consultation/opinion/{open_a['opinions'][0].pk}/"
    first, second = host_client("a.test"), host_client("a.test")
    first.get(url)
    page = second.get(url).content.decode()
    token = second.cookies["csrftoken"].value
    assert "\x00" not in page and 'name="csrfmiddlewaretoken"' in page
    assert first.cookies["csrftoken"].value != token
    voter = host_client("a.test", participant_a)
    voter.post(_vote_url(open_a["opinions"][0]), {"value": "1"})
    assert "(11 votes)" in voter.get(url).content.decode()  # signed-in pages are never shared
    later(3)  # visitors' pages follow within the two seconds their key's row is remembered
    assert "(11 votes)" in second.get(url).content.decode()


@pytest.mark.django_db
def test_an_unconfirmed_author_is_kept_and_published_on_confirmation(instance_a, open_a):
    from participe.accounts.signals import email_confirmed
    from participe.participation.models import Status
    from tests.conftest import make_user

    newcomer = make_user(instance_a, "newcomer@a.test", confirmed=False)
    client = host_client("a.test", newcomer)
    client.post(f"/consultation/section/{open_a['section'].pk}/propose/", {"title": "En attente", "body": "Texte."})
    with in_instance(instance_a):
        opinion = Opinion.objects.get(title="En attente")
        assert opinion.awaiting_confirmation and opinion.status != Status.PUBLISHED
    assert "En attente" not in host_client("a.test").get(open_a["section"].get_absolute_url()).content.decode()
    with in_instance(instance_a):
        email_confirmed.send(sender=type(newcomer), user=newcomer)
        opinion.refresh_from_db()
    assert opinion.status == Status.PUBLISHED and not opinion.awaiting_confirmation


@pytest.mark.django_db
def test_a_simple_support_section_offers_one_button_and_counts_supports(instance_a, participant_a, open_a):
    section, opinion = open_a["section"], open_a["opinions"][0]
    with in_instance(instance_a):
        Section.objects.filter(pk=section.pk).update(vote_widget="support")
    client = host_client("a.test", participant_a)
    page = client.get(opinion.get_absolute_url()).content.decode()
    assert "vote-widget--support" in page and "vote-widget--agree3" not in page
    assert 'name="value" value="1"' in page and 'name="value" value="-1"' not in page
    assert client.post(_vote_url(opinion), {"value": "-1"}, **JSON).status_code == 400
    assert client.post(_vote_url(opinion), {"value": "1"}, **JSON).status_code == 200
    with in_instance(instance_a):
        opinion.refresh_from_db()
    assert (opinion.votes_total, opinion.votes_agree) == (11, 1)  # the fixture's 10 agree/disagree votes stay


@pytest.mark.django_db
def test_a_section_without_votes_refuses_them(instance_a, participant_a, open_a):
    section, opinion = open_a["section"], open_a["opinions"][0]
    with in_instance(instance_a):
        Section.objects.filter(pk=section.pk).update(vote_widget="none")
    response = host_client("a.test", participant_a).post(_vote_url(opinion), {"value": "1"}, **JSON)
    assert response.status_code == 403
    with in_instance(instance_a):
        opinion.refresh_from_db()
    assert opinion.votes_total == 10


@pytest.mark.django_db
def test_a_cached_article_page_costs_one_narrow_query_and_never_serves_a_hidden_project(
    instance_a, open_a, django_assert_num_queries, later
):
    url = f"/consultation/opinion/{open_a['opinions'][0].pk}/"
    visitor = host_client("a.test")
    first = visitor.get(url).content.decode()
    with django_assert_num_queries(0):  # the row of its key is remembered for two seconds
        again = visitor.get(url).content.decode()
    assert again.split("<main", 1)[1].split("csrfmiddlewaretoken")[0] == first.split("<main", 1)[1].split("csrfmiddlewaretoken")[0]
    later(3)
    with django_assert_num_queries(1):
        visitor.get(url)
    with in_instance(instance_a):
        type(open_a["project"]).objects.filter(pk=open_a["project"].pk).update(visibility="admins")
    later(3)
    assert visitor.get(url).status_code == 404


@pytest.mark.django_db
def test_visitors_share_the_plan_until_a_contribution_changes_it(
    instance_a, participant_a, open_a, django_assert_max_num_queries, later
):
    url = open_a["consultation"].get_absolute_url()
    visitor = host_client("a.test")
    assert "1 opinion," in " ".join(visitor.get(url).content.decode().split())
    with django_assert_max_num_queries(1):
        assert visitor.get(url).status_code == 200
    host_client("a.test", participant_a).post(
        f"/consultation/section/{open_a['section'].pk}/propose/", {"title": "Un article de plus", "body": "Texte."}
    )
    later(3)
    assert "2 opinions," in " ".join(visitor.get(url).content.decode().split())
