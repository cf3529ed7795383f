"""The proposals' back office, served under /gestion/proposals/ (namespace gestion:proposals)."""

from django.urls import path

from participe.modules.proposals.gestion import export, realisation
from participe.modules.proposals.gestion.views import analysis, proposal, results, setup

urlpatterns = [
    path("analysis/", analysis.analysis, name="analysis"),
    path("<int:pk>/", proposal.proposal_page, name="proposal"),
    path("steps/<int:pk>/categories/", setup.categories, name="categories"),
    path("steps/<int:pk>/categories/<int:item>/", setup.category_edit, name="category_edit"),
    path("steps/<int:pk>/categories/<int:item>/delete/", setup.category_delete, name="category_delete"),
    path("steps/<int:pk>/vote/", setup.vote, name="vote"),
    path("steps/<int:pk>/proposals/", analysis.proposals, name="proposals"),
    path("steps/<int:pk>/proposals.csv", export.proposals_csv, name="proposals_csv"),
    path("steps/<int:pk>/proposals.xlsx", export.proposals_xlsx, name="proposals_xlsx"),
    path("steps/<int:pk>/results/", results.results, name="results"),
    path("steps/<int:pk>/results/action/", results.results_action, name="results_action"),
    path("steps/<int:pk>/realisation/", realisation.overview, name="realisation"),
    path("steps/<int:pk>/realisation/<int:proposal>/", realisation.proposal_progress, name="realisation_proposal"),
    path("steps/<int:pk>/realisation/<int:proposal>/<int:item>/", realisation.progress_edit, name="progress_edit"),
    path("steps/<int:pk>/realisation/<int:proposal>/<int:item>/delete/", realisation.progress_delete,
         name="progress_delete"),
]
