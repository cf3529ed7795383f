"""The votation's back-office pages, served under /gestion/votations/ (namespace gestion:votations)."""

from django.urls import path

from participe.modules.votations.gestion import views

urlpatterns = [
    path("steps/<int:pk>/settings/", views.settings, name="settings"),
    path("steps/<int:pk>/electorate/", views.electorate, name="electorate"),
    path("steps/<int:pk>/electorate/import/", views.import_list, name="import_list"),
    path("steps/<int:pk>/electorate/empty/", views.empty_register, name="empty_register"),
    path("steps/<int:pk>/electorate/codes/", views.codes, name="codes"),
    path("steps/<int:pk>/results/", views.results, name="results"),
    path("steps/<int:pk>/results/count/", views.count, name="count"),
    path("steps/<int:pk>/results/publish/", views.publish, name="publish"),
    path("steps/<int:pk>/register/", views.register, name="register"),
]
