from django.urls import path

from participe.votes import views

app_name = "votes"

urlpatterns = [
    path("<int:content_type_id>/<int:object_id>/", views.vote, name="vote"),
]
