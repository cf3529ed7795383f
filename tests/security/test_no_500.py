"""Malformed requests get a 400 or a 404 with the site's error page, never a 500 (finding 9 of issue 16)."""

import logging

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from participe.core.params import MAX_ID, AsciiIntegerField, id_param, int_param, parse_id, parse_int
from tests.conftest import host_client, make_user
from tests.proposals.conftest import make_proposal, make_step

BIG = str(2**63)
HUGE = "9" * 25


# Hosts --------------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("host", ["evil.example", "a.test.evil.example", "[::1", "a.test:abc", "a b", "-a.test"])
def test_a_refused_host_gets_a_400_without_an_error_in_the_logs(instance_a, settings, caplog, host):
    settings.ALLOWED_HOSTS = ["a.test", "b.test"]
    settings.DEBUG_PROPAGATE_EXCEPTIONS = False
    with caplog.at_level(logging.INFO):
        response = Client(HTTP_HOST=host, raise_request_exception=False).get("/")
    assert response.status_code == 400
    assert b"Bad request" in response.content and b"Traceback" not in response.content
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR], caplog.text
    assert any(r.name == "participe.security" and r.levelno == logging.WARNING for r in caplog.records)


@pytest.mark.django_db
def test_an_invalid_host_gets_a_400_even_when_every_host_is_allowed(instance_a, caplog):
    with caplog.at_level(logging.INFO):
        response = Client(HTTP_HOST="a.test:abc", raise_request_exception=False).get("/")
    assert response.status_code == 400
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]


def test_django_refusals_of_hosts_go_nowhere_at_error_level():
    from django.conf import settings

    logger = settings.LOGGING["loggers"]["django.security.DisallowedHost"]
    assert logger["handlers"] == ["null"] and logger["propagate"] is False


@pytest.mark.django_db
def test_the_400_page_without_an_instance_is_plain(rf):
    from participe.core.views import bad_request

    response = bad_request(rf.get("/"))
    assert response.status_code == 400 and b"400" in response.content


@pytest.mark.django_db
def test_an_over_long_host_is_unknown_without_a_query(instance_a, django_assert_num_queries):
    client = Client(HTTP_HOST="a" * 300 + ".test")
    with django_assert_num_queries(0):
        assert client.get("/").status_code == 404


# Integers in query strings and forms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [("12", 12), (" 7 ", 7), ("0", None), ("-3", None), ("²", None), ("٣", None), ("1.5", None), ("", None),
     ("\x00", None), (str(MAX_ID), MAX_ID), (BIG, None), (HUGE, None), ("0x10", None), (None, None)],
)
def test_ids_are_ascii_digits_within_the_database_range(raw, expected):
    assert parse_id(raw) == expected


def test_integers_have_bounds_and_a_strict_mode():
    from django.core.exceptions import BadRequest
    from django.http import QueryDict

    assert parse_int("-5", minimum=-10) == -5 and parse_int("11", maximum=10) is None
    params = QueryDict("seed=²&n=4&empty=")
    assert int_param(params, "seed", default=1) == 1 and int_param(params, "n") == 4
    assert int_param(params, "empty", default=9) == 9 and id_param(params, "missing") is None
    with pytest.raises(BadRequest):
        id_param(params, "seed", strict=True)


def test_the_form_field_takes_ascii_digits_only():
    field = AsciiIntegerField(required=False)
    assert field.clean("42") == 42 and field.clean("") is None
    for bad in ("٣", "²", BIG, "4.2"):
        with pytest.raises(ValidationError) as refused:
            field.clean(bad)
        assert refused.value.code in ("invalid", "max_value")


@pytest.fixture
def budget_step(instance_a):
    step = make_step(instance_a, vote={"type": "budget", "budget": "1000"})
    make_proposal(step, "Des bancs", cost=100)
    return step


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query",
    ["seed=²", "category=²", "district=٣", "theme=²", f"category={HUGE}", f"district={BIG}&theme={BIG}",
     f"seed={HUGE}", "page=²", f"page={HUGE}", "seed=-1", "category=%00", "q=Des%00"],
)
@pytest.mark.parametrize("who", ["anonymous", "participant"])
def test_the_proposals_list_reads_malformed_numbers_as_absent(budget_step, instance_a, query, who):
    user = None if who == "anonymous" else make_user(instance_a, "p@a.test")
    response = host_client("a.test", user).get(f"/proposals/step/{budget_step.pk}/?{query}")
    assert response.status_code == 200
    assert b"Des bancs" in response.content


@pytest.mark.django_db
def test_similar_proposals_ignore_a_malformed_exclusion(budget_step):
    response = host_client("a.test").get(f"/proposals/step/{budget_step.pk}/similar/?title=bancs&exclude=²")
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["²", "٣", BIG, HUGE, "-1", "", "1e3"])
def test_a_malformed_ballot_choice_gets_a_400_page_saying_so(budget_step, instance_a, value):
    client = host_client("a.test", make_user(instance_a, "voter@a.test"))
    response = client.post(f"/proposals/step/{budget_step.pk}/ballot/", {"proposal": value})
    assert response.status_code == 400
    assert "Cette proposition n&#x27;existe pas." in response.content.decode()


@pytest.mark.django_db
def test_a_malformed_ranking_is_refused_without_a_500(instance_a):
    step = make_step(instance_a, vote={"type": "ranking", "ranking_size": 3})
    client = host_client("a.test", make_user(instance_a, "voter@a.test"))
    response = client.post(f"/proposals/step/{step.pk}/ranking/", {"rank_1": "²", "rank_2": BIG})
    assert response.status_code < 500


@pytest.mark.django_db
def test_a_next_that_is_no_url_does_not_break_the_redirect(budget_step, instance_a):
    client = host_client("a.test", make_user(instance_a, "voter@a.test"))
    response = client.post(f"/proposals/step/{budget_step.pk}/ballot/", {"proposal": "²", "next": "0"})
    assert response.status_code == 400


@pytest.mark.django_db
def test_paper_votes_refuse_unicode_digits_with_the_form_error(budget_step, instance_a):
    from participe.instances.scoping import in_instance
    from participe.modules.proposals.models import Proposal

    with in_instance(instance_a):
        proposal = Proposal.objects.get(step=budget_step)
    admin = host_client("a.test", make_user(instance_a, "admin@a.test", is_instance_admin=True))
    for value in ("²", BIG):
        response = admin.post(f"/proposals/step/{budget_step.pk}/paper/", {f"paper_{proposal.pk}": value})
        assert response.status_code == 400


@pytest.mark.django_db
@pytest.mark.parametrize("value", ["7328293200007²", "٧٣٢٨٢٩٣٢٠٠٠٠٧٣"])
def test_a_siret_answer_in_other_digits_is_a_form_error(value):
    from django.core.exceptions import ValidationError

    from participe.forms.identifiers import siret_valid, validate_siret

    assert siret_valid(value) is False
    with pytest.raises(ValidationError, match="14"):
        validate_siret(value)


# Huge numbers in URLs and admin lists -------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [f"/proposals/{BIG}/", f"/proposals/step/{HUGE}/", f"/admin/r/{HUGE}/1/", f"/admin/r/1/{HUGE}/",
     f"/platform/r/{HUGE}/1/"],
)
def test_numbers_beyond_the_database_in_paths_are_not_found(instance_a, url):
    admin = host_client("a.test", make_user(instance_a, "admin@a.test", is_instance_admin=True, is_superuser=True))
    assert admin.get(url).status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", [f"category={HUGE}", f"step={HUGE}", f"category__id__exact={HUGE}", f"p={HUGE}", f"o={HUGE}"]
)
def test_numbers_beyond_the_database_in_admin_lists_are_no_server_error(budget_step, instance_a, query):
    admin = host_client("a.test", make_user(instance_a, "admin@a.test", is_instance_admin=True))
    assert admin.get(f"/admin/proposals/proposal/?{query}").status_code in (200, 302, 400)


@pytest.mark.django_db
def test_an_empty_to_field_in_the_admin_opens_the_object(budget_step, instance_a):
    admin = host_client("a.test", make_user(instance_a, "admin@a.test", is_instance_admin=True))
    assert admin.get(f"/admin/projects/project/{budget_step.project_id}/change/?_to_field=").status_code == 200


@pytest.mark.django_db
def test_a_comment_with_a_next_that_is_no_url_does_not_break_the_redirect(budget_step, instance_a):
    from django.contrib.contenttypes.models import ContentType

    from participe.instances.scoping import in_instance
    from participe.modules.proposals.models import Proposal

    with in_instance(instance_a):
        proposal = Proposal.objects.get(step=budget_step)
    client = host_client("a.test", make_user(instance_a, "p@a.test"))
    url = f"/comments/{ContentType.objects.get_for_model(Proposal).pk}/{proposal.pk}/"
    response = client.post(url, {"body": "Bonjour à tous", "next": "0"})
    assert response.status_code == 302 and not response["Location"].startswith("0")
