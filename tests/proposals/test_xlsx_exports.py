"""XLSX wherever the back office offers a CSV of proposals: the proposals with their custom answers (staff-only ones
too, for staff only) and the anonymised ballots, downloaded over HTTP and read back with openpyxl."""

import io

import pytest
from openpyxl import load_workbook

from tests.conftest import host_client
from tests.proposals.test_custom_answers import _submit, asked  # noqa: F401 - the fixture is used by name
from tests.proposals.test_gestion_results import budget  # noqa: F401 - the fixture is used by name

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _sheet(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX
    assert (
        response["Content-Disposition"].startswith("attachment;")
        and ".xlsx" in response["Content-Disposition"]
    )
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)), read_only=True)
    return [list(row) for row in workbook.active.iter_rows(values_only=True)]


@pytest.mark.django_db
def test_the_proposals_xlsx_holds_every_answer_for_staff_only(
    instance_a,
    asked,  # noqa: F811 - the imported fixture, by name
    participant_a,
    admin_a,
    admin_b,
):
    step, public, secret, upload = asked
    proposal = _submit(step, participant_a, public, secret, upload)
    url = f"/gestion/proposals/steps/{step.pk}/proposals.xlsx"
    staff = host_client("a.test", admin_a)
    listing = staff.get(f"/gestion/proposals/steps/{step.pk}/proposals/").content.decode()
    assert url in listing and url.replace(".xlsx", ".csv") in listing  # offered next to the CSV

    rows = _sheet(staff.get(url))
    header, line = rows[0], rows[1]
    assert len(rows) == 2
    for title in ("Quel quartier ?", "Votre téléphone", "Un plan"):  # the staff-only question too
        assert title in header
    assert line[0] == proposal.pk and line[1] == "Un verger"  # ids stay numbers
    assert line[header.index("Quel quartier ?")] == "Les Minimes"
    assert line[header.index("Votre téléphone")] == "0611223344"
    assert "plan.pdf" in line[header.index("Un plan")]
    # Same columns as the CSV.
    csv_text = b"".join(staff.get(url.replace(".xlsx", ".csv")).streaming_content).decode("utf-8-sig")
    assert csv_text.splitlines()[0].split(",")[-3:] == [str(c) for c in header[-3:]]

    assert host_client("a.test", participant_a).get(url).status_code == 403
    assert host_client("a.test").get(url).status_code == 302  # to the login page
    assert host_client("b.test", admin_b).get(url).status_code == 404
    assert staff.get(f"/gestion/proposals/steps/{step.pk + 999}/proposals.xlsx").status_code == 404


@pytest.mark.django_db
def test_the_anonymised_ballots_come_as_xlsx_too(instance_a, admin_a, participant_a, budget):  # noqa: F811
    staff = host_client("a.test", admin_a)
    staff.post(f"/gestion/proposals/steps/{budget.pk}/results/action/", {"action": "compute"})
    page = staff.get(f"/gestion/proposals/steps/{budget.pk}/results/").content.decode()
    url = f"/proposals/step/{budget.pk}/export/ballots.xlsx"
    assert url in page and url.replace(".xlsx", ".csv") in page
    response = staff.get(url)
    assert response.status_code == 200 and response["Content-Type"] == XLSX
    rows = [
        list(r)
        for r in load_workbook(io.BytesIO(response.content), read_only=True).active.iter_rows(
            values_only=True
        )
    ]
    assert rows[0] == ["ballot", "district", "proposal", "source_id", "rank"]
    assert sorted(r[0] for r in rows[1:]) == [1, 2, 3]  # three counted ballots of one item each
    assert host_client("a.test", participant_a).get(url).status_code == 404
