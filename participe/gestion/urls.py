from django.urls import include, path

from participe.gestion.views import dashboard, projects, steps
from participe.participation.manifest import modules

app_name = "gestion"

urlpatterns = [
    path("", dashboard.dashboard, name="dashboard"),
    path("projects/", projects.project_list, name="projects"),
    path("projects/new/", projects.project_create, name="project_create"),
    path("projects/<int:pk>/", projects.project_detail, name="project"),
    path("projects/<int:pk>/edit/", projects.project_edit, name="project_edit"),
    path("projects/<int:pk>/publish/", projects.project_publish, name="project_publish"),
    path("projects/<int:pk>/archive/", projects.project_archive, name="project_archive"),
    path("projects/<int:pk>/duplicate/", projects.project_duplicate, name="project_duplicate"),
    path("projects/<int:pk>/steps/new/", steps.step_add, name="step_add"),
    path("steps/<int:pk>/", steps.step_edit, name="step"),
    path("steps/<int:pk>/settings/", steps.step_settings, name="step_settings"),
    path("steps/<int:pk>/move/", steps.step_move, name="step_move"),
    path("steps/<int:pk>/publish/", steps.step_publish, name="step_publish"),
    path("", include("participe.gestion.forms_builder.urls")),
    path("website/", include("participe.gestion.website.urls")),
    path("", include("participe.gestion.community.urls")),
]

# Each module's own back-office pages (its step editors), under /gestion/<module>/.
urlpatterns += [
    path(f"{module.key}/", include((module.gestion_urls, module.key)))
    for module in modules
    if module.gestion_urls
]
