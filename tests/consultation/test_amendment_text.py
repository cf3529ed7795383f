"""The amendment box holds the article's text (paragraphs, a blank line between), not its HTML; what is sent back
becomes safe HTML paragraphs, and the diff compares words."""

import pytest

from participe.instances.scoping import in_instance
from participe.modules.consultation.models import Amendment, Opinion
from tests.conftest import host_client

pytestmark = pytest.mark.django_db

TWO_PARAGRAPHS = "<p>Les sites publics ont une <strong>version</strong> régionale.</p><p>Un décret fixe les langues.</p>"


@pytest.fixture
def article(instance_a, open_a):
    opinion = open_a["opinions"][0]
    with in_instance(instance_a):
        Opinion.objects.filter(pk=opinion.pk).update(body=TWO_PARAGRAPHS)
    return opinion


def amend(client, article, body):
    return client.post(
        f"/consultation/opinion/{article.pk}/amend/", {"title": "Deux langues", "body": body, "explanation": "Plus."}
    )


def test_the_box_is_prefilled_with_the_articles_paragraphs_as_text(participant_a, article):
    response = host_client("a.test", participant_a).get(f"/consultation/opinion/{article.pk}/amend/")
    assert response.context["form"].initial["body"] == (
        "Les sites publics ont une version régionale.\n\nUn décret fixe les langues."
    )
    textarea = response.content.decode().split('id="id_body"', 1)[1].split("</textarea>", 1)[0]
    assert "&lt;p&gt;" not in textarea and "&lt;strong&gt;" not in textarea


def test_the_edited_text_becomes_safe_paragraphs_and_the_diff_compares_words(instance_a, participant_a, article):
    client = host_client("a.test", participant_a)
    edited = "Les sites publics ont deux versions régionales.\n\nUn décret fixe les langues <script>x</script>."
    assert amend(client, article, edited).status_code == 302
    with in_instance(instance_a):
        amendment = Amendment.objects.get()
    assert amendment.body == (
        "<p>Les sites publics ont deux versions régionales.</p>"
        "<p>Un décret fixe les langues &lt;script&gt;x&lt;/script&gt;.</p>"
    )
    page = client.get(f"/consultation/amendment/{amendment.pk}/").content.decode()
    diff = page.split('class="diff', 1)[1].split("</div>", 1)[0]
    assert "deux" in diff and "&lt;p" not in diff and "<script>x" not in page


def test_the_unchanged_text_is_refused(participant_a, article):
    client = host_client("a.test", participant_a)
    unchanged = client.get(f"/consultation/opinion/{article.pk}/amend/").context["form"].initial["body"]
    response = amend(client, article, unchanged.replace("\n\n", "\r\n\r\n"))
    assert response.status_code == 400 and "does not change the text" in response.content.decode()
    assert amend(client, article, "  \n\n  ").status_code == 400
