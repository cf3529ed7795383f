from django.shortcuts import render

from participe.gestion.access import staff_view


@staff_view("gestion.access")
def dashboard(request):
    return render(request, "gestion/dashboard.html", {})
