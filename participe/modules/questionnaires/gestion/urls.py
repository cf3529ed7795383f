"""The questionnaire's back-office pages, served under /gestion/questionnaires/ (namespace gestion:questionnaires)."""

from django.urls import path

from participe.modules.questionnaires.gestion import views

urlpatterns = [
    path("steps/<int:pk>/answers/", views.answers, name="answers"),
    path("steps/<int:pk>/answers/<int:reply_id>/", views.answer, name="answer"),
    path("steps/<int:pk>/statistics/", views.statistics, name="statistics"),
    path("steps/<int:pk>/export/", views.export, name="export"),
    path("steps/<int:pk>/settings/", views.settings, name="settings"),
]
