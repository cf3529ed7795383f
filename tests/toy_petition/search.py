from participe.projects.models import Project
from participe.search.registry import Result, SearchSource
from tests.toy_petition.models import Petition


def _visible_petitions(request):
    return Petition.objects.published().filter(step__project__in=Project.objects.listed_for(request.user))


petitions = SearchSource(
    key="petitions",
    label="Petitions",
    rows=_visible_petitions,
    fields=("title",),
    result=lambda petition: Result(petition.title, petition.get_absolute_url(), "", petition.published_at),
)
