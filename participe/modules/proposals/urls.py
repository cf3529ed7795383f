from django.urls import path

import participe.core.params  # noqa: F401 - registers the <id:…> converter
from participe.modules.proposals.views import (
    analysis,
    ballot,
    detail,
    files,
    lists,
    realisation,
    results,
    staff,
    submit,
)

app_name = "proposals"

urlpatterns = [
    path("step/<id:step_id>/", lists.list_view, name="list"),
    path("step/<id:step_id>/map.json", lists.map_data, name="map_data"),
    path("step/<id:step_id>/new/", submit.create, name="create"),
    path("step/<id:step_id>/similar/", submit.similar, name="similar"),
    path("step/<id:step_id>/ballot/", ballot.change, name="ballot"),
    path("step/<id:step_id>/ballot/review/", ballot.review, name="ballot_review"),
    path("step/<id:step_id>/ballot/confirm/", ballot.confirm, name="ballot_confirm"),
    path("step/<id:step_id>/ranking/", ballot.rank, name="ranking"),
    path("step/<id:step_id>/results/", results.page, name="results"),
    path("step/<id:step_id>/results/compute/", results.recompute, name="recompute"),
    path("step/<id:step_id>/results/publish/", results.publish, name="publish_results"),
    path("step/<id:step_id>/results/verify/", results.verify, name="verify_results"),
    path("step/<id:step_id>/my-ballot/", results.my_ballot, name="my_ballot"),
    path("step/<id:step_id>/realisation/", realisation.page, name="realisation"),
    path("step/<id:step_id>/export/<str:what>.<str:fmt>", results.export, name="export"),
    path("step/<id:step_id>/paper/", staff.paper_votes, name="paper"),
    path("step/<id:step_id>/mediate/", staff.mediated_vote, name="mediate"),
    path("analysis/", analysis.dashboard, name="analysis_list"),
    path("<id:pk>/", detail.detail, name="detail"),
    path("<id:pk>/attachment/", files.attachment, name="attachment"),
    path("<id:pk>/edit/", submit.edit, name="edit"),
    path("<id:pk>/delete/", submit.delete, name="delete"),
    path("<id:pk>/analysis/", analysis.proposal_analysis, name="analysis"),
]
