from django.urls import path

from participe.modules.proposals.views import analysis, ballot, detail, files, lists, results, staff, submit

app_name = "proposals"

urlpatterns = [
    path("step/<int:step_id>/", lists.list_view, name="list"),
    path("step/<int:step_id>/map.json", lists.map_data, name="map_data"),
    path("step/<int:step_id>/new/", submit.create, name="create"),
    path("step/<int:step_id>/similar/", submit.similar, name="similar"),
    path("step/<int:step_id>/ballot/", ballot.change, name="ballot"),
    path("step/<int:step_id>/ranking/", ballot.rank, name="ranking"),
    path("step/<int:step_id>/results/", results.page, name="results"),
    path("step/<int:step_id>/results/compute/", results.recompute, name="recompute"),
    path("step/<int:step_id>/export/<str:what>.<str:fmt>", results.export, name="export"),
    path("step/<int:step_id>/paper/", staff.paper_votes, name="paper"),
    path("step/<int:step_id>/mediate/", staff.mediated_vote, name="mediate"),
    path("analysis/", analysis.dashboard, name="analysis_list"),
    path("<int:pk>/", detail.detail, name="detail"),
    path("<int:pk>/attachment/", files.attachment, name="attachment"),
    path("<int:pk>/edit/", submit.edit, name="edit"),
    path("<int:pk>/delete/", submit.delete, name="delete"),
    path("<int:pk>/analysis/", analysis.proposal_analysis, name="analysis"),
]
