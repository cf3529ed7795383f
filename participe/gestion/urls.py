from django.urls import path

from participe.gestion.views import dashboard, projects

app_name = "gestion"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("projects/", projects.project_list, name="projects"),
]
