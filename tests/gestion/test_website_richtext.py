"""The one rich-text editor: a textarea enhanced by JavaScript, sanitised on the way in, plain text accepted."""

from participe.core.richtext_widget import RichTextFormField, RichTextWidget, clean_rich_text, text_to_html
from participe.instances.scoping import in_instance
from participe.projects.models import Project, Visibility
from tests.projects.conftest import make_project


def test_plain_text_becomes_paragraphs_and_html_is_sanitised():
    assert text_to_html("Bonjour\n\nÀ vous <3") == "<p>Bonjour</p>\n\n<p>À vous &lt;3</p>"
    assert clean_rich_text("Une ligne\nune autre") == "<p>Une ligne<br>une autre</p>"
    assert clean_rich_text('<p onclick="x()">Hi<script>alert(1)</script></p>') == "<p>Hi</p>"
    assert clean_rich_text("<p></p>") == ""
    assert clean_rich_text("  ") == ""


def test_the_form_field_is_required_when_the_editor_leaves_an_empty_paragraph():
    field = RichTextFormField(label="Texte")
    form_field_widget = field.widget
    assert isinstance(form_field_widget, RichTextWidget)
    value = form_field_widget.value_from_datadict({"body": "<p></p>"}, {}, "body")
    assert value == ""
    assert not form_field_widget.use_required_attribute("")


def test_the_widget_renders_a_textarea_and_its_assets():
    html = RichTextWidget().render("body", "<p>Salut</p>", attrs={"id": "id_body"})
    assert '<textarea name="body"' in html and 'data-richtext="full"' in html
    assert "&lt;p&gt;Salut&lt;/p&gt;</textarea>" in html
    assert 'src="/static/core/richtext.js"' in html and 'type="module"' in html
    assert "/static/django_prose_editor/editor.css" in html
    assert "style=" not in html and "<script>" not in html  # nothing inline: the CSP forbids it


def test_the_project_form_uses_the_editor_and_accepts_plain_text(instance_a, admin_client):
    page = admin_client.get("/gestion/projects/new/").content.decode()
    assert 'data-richtext="full"' in page and "core/richtext.js" in page
    response = admin_client.post("/gestion/projects/new/", {
        "title": "Parc", "slug": "", "summary": "", "cover_alt": "", "visibility": Visibility.PUBLIC,
        "body": "Premier paragraphe\n\nSecond paragraphe & fin",
    })
    assert response.status_code == 302
    with in_instance(instance_a):
        project = Project.objects.get()
    assert project.body == "<p>Premier paragraphe</p>\n\n<p>Second paragraphe &amp; fin</p>"


def test_the_step_form_uses_the_editor(instance_a, admin_client):
    project = make_project(instance_a, "parc", is_published=False, steps=[{"title": "Présentation"}])
    with in_instance(instance_a):
        step = project.steps.get()
    page = admin_client.get(f"/gestion/steps/{step.pk}/").content.decode()
    assert 'data-richtext="full"' in page


def test_public_pages_do_not_load_the_editor(instance_a, client):
    page = client.get("/", HTTP_HOST="a.test").content.decode()
    assert "richtext.js" not in page and "django_prose_editor" not in page
