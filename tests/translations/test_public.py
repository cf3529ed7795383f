"""Languages as visitors meet them: the switch, ?lang=, fallback, the account's choice, hreflang, the page cache."""

import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from participe.forms.models import Choice
from participe.instances.scoping import in_instance
from tests.conftest import PASSWORD, host_client, make_user
from tests.questionnaires.conftest import make_questionnaire
from tests.site.helpers import make_page, make_project
from tests.translations.helpers import offer, translate

pytestmark = pytest.mark.django_db


def _url(obj):
    with in_instance(obj.instance):
        return obj.get_absolute_url()


def test_switching_language_shows_the_translated_title_and_falls_back_to_french(instance_a, client_a):
    project = make_project(
        instance_a,
        "verger",
        title="Le verger partagé",
        summary="Un verger pour tous",
        body="<p>Planter des arbres</p>",
    )
    translate(project, "title", "The shared orchard")
    url = _url(project)

    french = client_a.get(url).content.decode()
    assert "Le verger partagé" in french and "The shared orchard" not in french

    switched = client_a.post("/i18n/setlang/", {"language": "en", "next": url})
    assert switched.status_code == 302 and switched.url == url
    english = client_a.get(url).content.decode()
    assert "The shared orchard" in english and "Le verger partagé" not in english
    # Not translated: the French summary and body are shown, not an empty space.
    assert "Un verger pour tous" in english and "Planter des arbres" in english
    assert '<html lang="en">' in english


def test_rich_text_translations_are_sanitised_on_display(instance_a, client_a):
    page = make_page(instance_a, "a-propos", title="À propos", body="<p>Texte</p>")
    translate(page, "body", '<p>About</p><script>alert(1)</script><img src=x onerror="alert(2)">')
    body = client_a.get(_url(page) + "?lang=en").content.decode()
    assert "<p>About</p>" in body and "<script>alert(1)" not in body and "onerror" not in body


def test_another_instance_s_translations_never_leak(instance_a, instance_b, client_a, client_b):
    project_a = make_project(instance_a, "parc", title="Le parc A")
    project_b = make_project(instance_b, "parc", title="Le parc B")
    translate(project_a, "title", "Park of A")
    # A row of B that names A's project id (the same table for every instance) must not show on A.
    translate(project_b, "title", "Park of B")
    with in_instance(instance_b):
        from participe.translations.models import Translation

        Translation.objects.filter(text="Park of B").update(object_id=project_a.pk)
    body_a = client_a.get(_url(project_a) + "?lang=en").content.decode()
    assert "Park of A" in body_a and "Park of B" not in body_a
    body_b = client_b.get(_url(project_b) + "?lang=en").content.decode()
    assert "Park of A" not in body_b and "Le parc B" in body_b


def test_a_language_the_instance_does_not_offer_is_never_used(instance_a, client_a):
    offer(instance_a, "fr")
    project = make_project(instance_a, "ecole", title="L'école")
    translate(project, "title", "The school")
    client_a.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    body = client_a.get(_url(project) + "?lang=en", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "L&#x27;école" in body and "The school" not in body and '<html lang="fr">' in body
    # One language: no switch in the header, no alternate links.
    assert "language-switcher" not in body and 'hreflang="' not in body
    refused = client_a.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert refused.status_code == 302 and refused.cookies.get(settings.LANGUAGE_COOKIE_NAME) is None


def test_the_browser_s_language_then_the_default_one(instance_a, client_a):
    project = make_project(instance_a, "pont", title="Le pont")
    translate(project, "title", "The bridge")
    assert "The bridge" in client_a.get(_url(project), HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9").content.decode()
    assert "Le pont" in client_a.get(_url(project), HTTP_ACCEPT_LANGUAGE="de, es;q=0.5").content.decode()
    # English as the instance's default: the original field is then read as the English text.
    offer(instance_a, "fr", "en", default="en")
    assert "Le pont" in client_a.get(_url(project), HTTP_ACCEPT_LANGUAGE="de").content.decode()


def test_lang_parameter_sets_the_language_and_remembers_it(instance_a, client_a):
    project = make_project(instance_a, "lac", title="Le lac")
    translate(project, "title", "The lake")
    response = client_a.get(_url(project) + "?lang=en")
    assert "The lake" in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "The lake" in client_a.get(_url(project)).content.decode()
    # An unknown value is ignored, never an error.
    assert client_a.get(_url(project) + "?lang=xx%00").status_code == 200


def test_hreflang_links_list_each_language_and_x_default(instance_a, client_a):
    project = make_project(instance_a, "quai", title="Le quai")
    url = _url(project)
    body = client_a.get(url + "?page=2&lang=en").content.decode()
    found = re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">', body)
    links = {code: html.unescape(href) for code, href in found}
    assert links == {
        "fr": f"http://a.test{url}?page=2&lang=fr",
        "en": f"http://a.test{url}?page=2&lang=en",
        "x-default": f"http://a.test{url}?page=2",
    }
    # The switch sends back to the page without `lang=`, which would win over the new choice.
    assert f'name="next" type="hidden" value="{url}?page=2"' in html.unescape(body)


def test_a_page_cached_in_french_is_not_served_in_english(instance_a):
    make_project(instance_a, "jardin", title="Le jardin", position=1)
    project = make_project(instance_a, "foret", title="La forêt")
    translate(project, "title", "The forest")
    french, english = host_client("a.test"), host_client("a.test")
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "La forêt" in french.get("/").content.decode()
    assert "La forêt" in french.get("/").content.decode()  # served from the page cache
    body = english.get("/").content.decode()
    assert "The forest" in body and "La forêt" not in body
    # A translation saved later shows at once (the instance's pages are purged).
    translate(project, "summary", "Trees and paths")
    project.summary = "Des arbres"
    with in_instance(instance_a):
        project.save()
    assert "Trees and paths" in english.get("/").content.decode()


def test_the_account_remembers_the_choice_across_log_out_and_in(instance_a):
    user = make_user(instance_a, "habitant@a.test")
    project = make_project(instance_a, "rue", title="La rue")
    translate(project, "title", "The street")
    client = host_client("a.test")
    assert (
        client.post("/accounts/login/", {"email": "habitant@a.test", "password": PASSWORD}).status_code == 302
    )
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    user.refresh_from_db()
    assert user.language == "en"

    # Another browser, no cookie: logging in brings the account's language back.
    other = host_client("a.test")
    assert "La rue" in other.get(_url(project)).content.decode()
    response = other.post("/accounts/login/", {"email": "habitant@a.test", "password": PASSWORD})
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "The street" in other.get(_url(project)).content.decode()
    other.post("/accounts/logout/")
    assert "The street" in other.get(_url(project)).content.decode()


def _list_queries(client, instance, count, start):
    for index in range(start, start + count):
        project = make_project(
            instance, f"projet-{index}", title=f"Projet {index}", summary=f"Résumé {index}"
        )
        translate(project, "title", f"Project {index}")
        translate(project, "summary", f"Summary {index}")
    with CaptureQueriesContext(connection) as queries:
        body = client.get("/projects/?lang=en").content.decode()
    return len(queries), body


def test_query_count_is_constant_as_rows_grow(instance_a):
    client = host_client("a.test", make_user(instance_a, "lecteur@a.test"))  # signed in: no page cache
    client.get("/projects/?lang=en")  # the content types and the session, read once per process or visitor
    few, body = _list_queries(client, instance_a, 2, 0)
    assert "Project 1" in body and "Summary 0" in body
    many, body = _list_queries(client, instance_a, 6, 2)
    assert "Project 7" in body and "Projet 7" not in body
    assert many == few


def test_a_questionnaire_is_answered_in_the_visitor_s_language(instance_a, client_a):
    questionnaire, (transport,) = make_questionnaire(
        instance_a,
        [("single_choice", "Moyen de transport", {"choices": ["Vélo", "Voiture"], "help_text": "Le plus fréquent"})],
        allow_anonymous=True,
        results_public=True,
    )
    translate(transport, "title", "Means of transport")
    with in_instance(instance_a):
        bike = Choice.objects.get(question=transport, label="Vélo")
    translate(bike, "label", "Bicycle")
    url = f"/questionnaires/{questionnaire.pk}/reply/"

    french = html.unescape(client_a.get(url).content.decode())
    assert "Moyen de transport" in french and "Vélo" in french and "Bicycle" not in french

    client_a.post("/i18n/setlang/", {"language": "en", "next": url})
    english = html.unescape(client_a.get(url).content.decode())
    assert "Means of transport" in english and "Moyen de transport" not in english
    assert "Bicycle" in english and "Vélo" not in english
    assert "Voiture" in english and "Le plus fréquent" in english  # not translated: the French, never nothing
    # The answer is stored against the choice, whatever the language it was shown in.
    response = client_a.post(url, {transport.field_name: str(bike.pk)})
    assert response.status_code in (200, 302)
    # Its results speak the same language: the question and the choices (bars and table), French when missing.
    results = f"/questionnaires/{questionnaire.pk}/results/"
    english = html.unescape(client_a.get(results).content.decode())
    assert "Means of transport" in english and "Bicycle" in english and "Voiture" in english
    assert "Moyen de transport" not in english and "Vélo" not in english
    client_a.post("/i18n/setlang/", {"language": "fr", "next": results})
    french = html.unescape(client_a.get(results).content.decode())
    assert "Moyen de transport" in french and "Vélo" in french and "Bicycle" not in french
