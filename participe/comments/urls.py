from django.urls import path

from participe.comments import views

app_name = "comments"

urlpatterns = [
    path("<int:content_type_id>/<int:object_id>/", views.add, name="add"),
    path("<int:pk>/edit/", views.edit, name="edit"),
    path("<int:pk>/trash/", views.trash, name="trash"),
    path("<int:pk>/pin/", views.pin, name="pin"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
]
