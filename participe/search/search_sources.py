"""Projects are searchable as the visitor may list them (never a restricted project they cannot open)."""

from django.utils.translation import gettext_lazy as _

from participe.projects.models import Project
from participe.search.registry import Result, SearchSource, sources


def _visible_projects(request):
    return Project.objects.listed_for(request.user).filter(is_published=True)


sources.register(
    SearchSource(
        key="projects",
        label=_("Projects"),
        rows=_visible_projects,
        fields=("title", "summary", "type_label", "body"),
        result=lambda project: Result(
            project.title, project.get_absolute_url(), project.summary, project.published_at
        ),
        ordering=("-published_at", "-pk"),
        order=10,
    )
)
