from django.urls import path

from participe.gestion.website.views import content, events, instance, translations

app_name = "website"

urlpatterns = [
    path("", content.index, name="index"),
    path("look/", instance.look, name="look"),
    path("settings/", instance.settings, name="settings"),
    path("legal/", instance.legal, name="legal"),
    path("languages/", translations.languages, name="languages"),
    path("translations/<slug:kind>/<int:pk>/", translations.translations, name="translations"),
    path("events/<int:pk>/registrations/", events.registrations, name="event_registrations"),
    path("events/<int:pk>/registrations/export/", events.registrations_export, name="event_registrations_export"),
]

for key, kind in content.KINDS.items():
    urlpatterns += [
        path(f"{key}/", content.object_list, {"kind": kind}, name=f"{key}_list"),
        path(f"{key}/new/", content.object_create, {"kind": kind}, name=f"{key}_create"),
        path(f"{key}/<int:pk>/", content.object_edit, {"kind": kind}, name=f"{key}_edit"),
        path(f"{key}/<int:pk>/delete/", content.object_delete, {"kind": kind}, name=f"{key}_delete"),
    ]
    if kind.switch:
        urlpatterns.append(path(f"{key}/<int:pk>/switch/", content.object_switch, {"kind": kind}, name=f"{key}_switch"))
    if kind.ordered:
        urlpatterns.append(path(f"{key}/<int:pk>/move/", content.object_move, {"kind": kind}, name=f"{key}_move"))
