from django.shortcuts import render

from participe.gestion.access import staff_view
from participe.projects.models import Project


@staff_view("gestion.view_projects")
def project_list(request):
    projects = Project.objects.all()
    return render(request, "gestion/projects/list.html", {"projects": projects})
