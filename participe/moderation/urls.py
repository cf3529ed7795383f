from django.urls import path

from participe.moderation import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("<int:pk>/", views.case_detail, name="case"),
    path("<int:pk>/<slug:action>/", views.decide, name="decide"),
    path("report/<int:content_type_id>/<int:object_id>/", views.report_view, name="report"),
    path("link/<str:token>/", views.one_click, name="one_click"),
]
