"""The toy module's back office: one editor page per petition step, served under /gestion/toy_petition/."""

from django.shortcuts import render
from django.urls import path, reverse

from participe.gestion.access import managed_step, staff_view
from participe.projects.registry import Editor
from tests.toy_petition.models import Petition


def editors(step):
    return [Editor("Petitions", reverse("gestion:toy_petition:petitions", args=[step.pk]), "Read the petitions.")]


@staff_view("gestion.view_projects")
def petitions(request, pk):
    step = managed_step(request, pk, step_type="petition")
    rows = Petition.objects.filter(step=step).order_by("pk")
    return render(request, "toy_petition/gestion_petitions.html", {"step": step, "petitions": rows})


urlpatterns = [path("steps/<int:pk>/petitions/", petitions, name="petitions")]
