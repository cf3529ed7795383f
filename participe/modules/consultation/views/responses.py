"""How the consultation views answer: a redirect or a page for plain forms, JSON when the request asks for it."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render


def wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def refuse(request, message, status=403):
    if wants_json(request):
        return JsonResponse({"error": str(message)}, status=status)
    return render(request, "consultation/refused.html", {"message": message}, status=status)


def created(request, obj, message):
    if wants_json(request):
        return JsonResponse({"id": obj.pk, "url": obj.get_absolute_url()}, status=201)
    messages.success(request, message)
    return redirect(obj.get_absolute_url())


def invalid(request, template, context):
    if wants_json(request):
        return JsonResponse({"errors": context["form"].errors.get_json_data()}, status=400)
    return render(request, template, context, status=400)
