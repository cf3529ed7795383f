"""The document tree in the back office: sections and articles added, edited, reordered and deleted without JS."""

import pytest

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Opinion, Section
from participe.projects.models import Step
from tests.conftest import host_client
from tests.consultation.conftest import build_consultation

pytestmark = pytest.mark.django_db


@pytest.fixture
def data(instance_a, admin_a):
    return build_consultation(instance_a, "open", opinions=3, author=admin_a)


@pytest.fixture
def client(admin_a):
    return host_client("a.test", admin_a)


def titles(instance, consultation):
    with in_instance(instance):
        return list(Section.objects.filter(consultation=consultation).order_by("path").values_list("title", flat=True))


def test_the_tree_shows_sections_and_articles_in_order_in_constant_queries(client, data, instance_a, django_assert_max_num_queries):
    url = f"/gestion/consultation/{data['consultation'].pk}/"
    with django_assert_max_num_queries(25):
        page = client.get(url).content.decode()
    assert page.index("Titre I") < page.index("Section 1") < page.index("Article 1") < page.index("Article 2")
    with in_instance(instance_a):
        for n in range(10):
            section = Section.objects.create(consultation=data["consultation"], title=f"Extra {n}", position=10 + n)
            Opinion.objects.create(step=data["step"], consultation=data["consultation"], section=section, title=f"Art {n}",
                                   body="<p>x</p>", is_official=True)
    with django_assert_max_num_queries(25):
        assert "Extra 9" in client.get(url).content.decode()


def test_add_a_section_then_a_sub_section_and_an_article(client, data, instance_a):
    consultation = data["consultation"]
    response = client.post(f"/gestion/consultation/{consultation.pk}/sections/add/", {
        "kind": "title", "title": "Titre II", "body": "Une explication.\n\nDeux paragraphes.", "vote_widget": "agree3",
        "colour": "green", "allows_amendments": "on",
    })
    assert response.status_code == 302
    with in_instance(instance_a):
        top = Section.objects.get(title="Titre II")
        assert top.body == "<p>Une explication.</p>\n\n<p>Deux paragraphes.</p>" and top.position == 2 and top.allows_amendments
        assert not top.allows_opinions
    response = client.post(f"/gestion/consultation/{consultation.pk}/sections/add/?parent={top.pk}", {
        "kind": "chapter", "title": "Chapitre 1", "vote_widget": "support", "colour": "blue",
    })
    assert response.status_code == 302
    with in_instance(instance_a):
        chapter = Section.objects.get(title="Chapitre 1")
        assert chapter.parent_id == top.pk and chapter.depth == 1
    response = client.post(f"/gestion/consultation/sections/{chapter.pk}/articles/add/", {
        "title": "Article 9", "body": "<p>Texte <script>alert(1)</script><strong>fort</strong></p>",
    })
    assert response.status_code == 302
    with in_instance(instance_a):
        article = Opinion.objects.get(title="Article 9")
        assert article.is_official and article.section_id == chapter.pk and "script" not in article.body
        assert "<strong>fort</strong>" in article.body
    assert titles(instance_a, consultation) == ["Titre I", "Section 1", "Titre II", "Chapitre 1"]


def test_invalid_section_forms_answer_400_with_their_errors(client, data):
    url = f"/gestion/consultation/{data['consultation'].pk}/sections/add/"
    response = client.post(url, {"kind": "nonsense", "title": "", "vote_widget": "agree3", "colour": "blue"})
    assert response.status_code == 400
    assert 'class="error-summary"' in response.content.decode()
    assert client.get(url + "?parent=abc").status_code == 400
    assert client.get(url + "?parent=999999").status_code == 400


def test_sections_move_up_and_down_with_their_sub_sections(client, data, instance_a):
    consultation = data["consultation"]
    with in_instance(instance_a):
        second = Section.objects.create(consultation=consultation, title="Titre II", position=2)
    response = client.post(f"/gestion/consultation/sections/{second.pk}/move/", {"direction": "up"})
    assert response.status_code == 302 and response["Location"].endswith(f"#section-{second.pk}")
    assert titles(instance_a, consultation) == ["Titre II", "Titre I", "Section 1"]
    client.post(f"/gestion/consultation/sections/{second.pk}/move/", {"direction": "down"})
    assert titles(instance_a, consultation) == ["Titre I", "Section 1", "Titre II"]
    # The last one going further down, or a malformed direction, changes nothing.
    client.post(f"/gestion/consultation/sections/{second.pk}/move/", {"direction": "down"})
    assert titles(instance_a, consultation) == ["Titre I", "Section 1", "Titre II"]
    assert client.post(f"/gestion/consultation/sections/{second.pk}/move/", {"direction": "sideways"}).status_code == 400
    assert client.get(f"/gestion/consultation/sections/{second.pk}/move/").status_code == 405


def test_articles_move_within_their_section(client, data, instance_a):
    third = data["opinions"][2]
    client.post(f"/gestion/consultation/articles/{third.pk}/move/", {"direction": "up"})
    with in_instance(instance_a):
        order = list(Opinion.objects.filter(section=data["section"]).order_by("position", "pk").values_list("title", flat=True))
    assert order == ["Article 1", "Article 3", "Article 2"]
    page = client.get(f"/gestion/consultation/{data['consultation'].pk}/").content.decode()
    assert page.index("Article 3") < page.index("Article 2")


def test_editing_an_article_before_publication_rewrites_the_text_put_up(client, instance_a, admin_a):
    data = build_consultation(instance_a, "future", opinions=1, author=admin_a)
    article = data["opinions"][0]
    response = client.post(f"/gestion/consultation/articles/{article.pk}/", {"title": "Article premier", "body": "Nouveau texte."})
    assert response.status_code == 302
    with in_instance(instance_a):
        article.refresh_from_db()
    assert article.title == "Article premier" and article.body == "<p>Nouveau texte.</p>" == article.original_body


def test_editing_an_open_article_writes_its_final_text(client, data, instance_a):
    article = data["opinions"][0]
    original = article.original_body
    client.post(f"/gestion/consultation/articles/{article.pk}/", {"title": "Article 1", "body": "Texte final."})
    with in_instance(instance_a):
        article.refresh_from_db()
    assert article.body == "<p>Texte final.</p>" and article.original_body == original
    assert client.post(f"/gestion/consultation/articles/{article.pk}/", {"title": "", "body": ""}).status_code == 400


def test_deleting_keeps_what_participants_wrote(client, data, instance_a, participant_a):
    article, untouched = data["opinions"][0], data["opinions"][1]
    with in_instance(instance_a):
        Amendment.objects.create(step=data["step"], opinion=article, author=participant_a, title="A", body="<p>b</p>", explanation="c")
        Opinion.objects.filter(pk=article.pk).update(votes_total=0)
        Opinion.objects.filter(pk=untouched.pk).update(votes_total=0)
    response = client.post(f"/gestion/consultation/articles/{article.pk}/delete/")
    assert response.status_code == 409 and "cannot be deleted" in response.content.decode()
    response = client.post(f"/gestion/consultation/sections/{data['section'].pk}/delete/")
    assert response.status_code == 409
    top = data["section"].parent
    assert client.post(f"/gestion/consultation/sections/{top.pk}/delete/").status_code == 409
    assert client.post(f"/gestion/consultation/articles/{untouched.pk}/delete/").status_code == 302
    with in_instance(instance_a):
        assert Opinion.objects.filter(pk=article.pk).exists() and not Opinion.objects.filter(pk=untouched.pk).exists()


def test_deleting_a_section_takes_its_sub_sections_and_articles(client, data, instance_a):
    top = data["section"].parent
    assert client.post(f"/gestion/consultation/sections/{top.pk}/delete/").status_code == 409  # the articles have votes
    with in_instance(instance_a):
        Opinion.objects.filter(consultation=data["consultation"]).update(votes_total=0)
    assert "cannot be undone" in client.get(f"/gestion/consultation/sections/{top.pk}/delete/").content.decode()
    assert client.post(f"/gestion/consultation/sections/{top.pk}/delete/").status_code == 302
    with in_instance(instance_a):
        assert not Section.objects.filter(consultation=data["consultation"]).exists()
        assert not Opinion.objects.filter(consultation=data["consultation"]).exists()


def test_participation_settings_apply_to_the_sections_holding_articles(client, data, instance_a):
    url = f"/gestion/consultation/{data['consultation'].pk}/participation/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"allows_arguments": "on", "vote_widget": "support", "highlight_threshold": "5",
                                 "only_sections_with_articles": "on"})
    assert response.status_code == 302
    with in_instance(instance_a):
        section = Section.objects.get(pk=data["section"].pk)
        top = Section.objects.get(pk=data["section"].parent_id)
    assert (section.allows_opinions, section.allows_amendments, section.allows_arguments) == (False, False, True)
    assert section.vote_widget == "support" and section.highlight_threshold == 5
    assert top.vote_widget == "agree3"
    assert client.post(url, {"vote_widget": "nonsense", "highlight_threshold": "-1"}).status_code == 400


def test_the_checklist_points_to_the_document(client, instance_a, admin_a):
    data = build_consultation(instance_a, "future", opinions=0, author=admin_a)
    with in_instance(instance_a):
        Section.objects.filter(consultation=data["consultation"]).update(allows_opinions=False)
        Step.objects.filter(pk=data["step"].pk).update(is_enabled=False)
    page = client.get(f"/gestion/steps/{data['step'].pk}/").content.decode()
    assert "The document has no article yet" in page
    client.post(f"/gestion/steps/{data['step'].pk}/publish/")
    with in_instance(instance_a):
        assert not Step.objects.get(pk=data["step"].pk).is_enabled


def test_title_and_introduction(client, data, instance_a):
    url = f"/gestion/consultation/{data['consultation'].pk}/edit/"
    assert client.post(url, {"title": "Projet de loi numérique", "body": "Bienvenue."}).status_code == 302
    with in_instance(instance_a):
        data["consultation"].refresh_from_db()
    assert data["consultation"].title == "Projet de loi numérique" and data["consultation"].body == "<p>Bienvenue.</p>"


def test_a_section_moves_to_another_place_with_what_it_holds(client, data, instance_a):
    consultation, section = data["consultation"], data["section"]
    top = section.parent
    with in_instance(instance_a):
        other = Section.objects.create(consultation=consultation, title="Titre II", kind="title", position=2)
    fields = {"kind": "section", "title": "Section 1", "vote_widget": "agree3", "colour": "blue"}
    page = client.get(f"/gestion/consultation/sections/{section.pk}/").content.decode()
    assert "— Section 1" not in page and ">Titre II<" in page  # itself is not a place to go
    response = client.post(f"/gestion/consultation/sections/{section.pk}/", {**fields, "inside": other.pk})
    assert response.status_code == 302
    assert titles(instance_a, consultation) == ["Titre I", "Titre II", "Section 1"]
    with in_instance(instance_a):
        assert Opinion.objects.filter(section=section).count() == 3
        assert Section.objects.get(pk=section.pk).depth == 1
    # A section cannot go inside one of its own sub-sections.
    response = client.post(f"/gestion/consultation/sections/{other.pk}/", {**fields, "title": "Titre II", "inside": section.pk})
    assert response.status_code == 400
    client.post(f"/gestion/consultation/sections/{section.pk}/", {**fields, "inside": ""})
    assert titles(instance_a, consultation) == ["Titre I", "Titre II", "Section 1"]
    with in_instance(instance_a):
        moved = Section.objects.get(pk=section.pk)
    assert moved.parent_id is None and moved.depth == 0 and moved.position == 3
    assert top.pk != moved.parent_id
