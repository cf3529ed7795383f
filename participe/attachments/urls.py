from django.urls import path

from participe.attachments import views

app_name = "attachments"

urlpatterns = [
    path("<int:pk>/file/<str:name>", views.serve, name="file"),
    path("<int:pk>/delete/", views.delete, name="delete"),
    path("to/<int:content_type_id>/<int:object_id>/", views.add, name="add"),
]
