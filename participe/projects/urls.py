from django.urls import path

from participe.projects import views

app_name = "projects"

urlpatterns = [
    path("", views.project_list, name="list"),
    path("<slug:slug>/", views.project_detail, name="detail"),
    path("<slug:project_slug>/<slug:step_slug>/", views.step_page, name="step"),
    path("<slug:project_slug>/<slug:step_slug>/requirements/", views.step_requirements, name="requirements"),
]
