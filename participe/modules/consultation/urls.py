from django.urls import path

from participe.modules.consultation import files, views

app_name = "consultation"

urlpatterns = [
    path("step/<int:step_id>/", views.step_by_id, name="step"),
    path("debate/<int:pk>/", views.debate_page, name="debate"),
    path("debate/<int:pk>/argue/", views.debate_argue, name="debate_argue"),
    path("debate/<int:pk>/vote/", views.debate_anonymous_vote, name="debate_anonymous_vote"),
    path("debate/<int:pk>/confirm/<str:token>/", views.debate_confirm, name="debate_confirm"),
    path("<int:pk>/", views.plan, name="plan"),
    path("<int:pk>/changes/", views.changes, name="changes"),
    path("<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("section/<int:pk>/", views.section, name="section"),
    path("section/<int:pk>/propose/", views.propose, name="propose"),
    path("opinion/<int:pk>/", views.opinion, name="opinion"),
    path("opinion/<int:pk>/amend/", views.amend, name="amend"),
    path("amendment/<int:pk>/", views.amendment, name="amendment"),
    path("<str:kind>/<int:pk>/argue/", views.argue, name="argue"),
    path("<str:kind>/<int:pk>/source/", views.add_source, name="source"),
    path("source/<int:pk>/file/", files.source_file, name="source_file"),
    path("<str:kind>/<int:pk>/answer/", views.answer, name="answer"),
    path("ranking/<int:step_id>/", views.ranking_page, name="ranking"),
]
