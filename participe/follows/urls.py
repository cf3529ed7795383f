from django.urls import path

from participe.follows import views

app_name = "follows"

urlpatterns = [
    path("", views.my_follows, name="mine"),
    path("<int:content_type_id>/<int:object_id>/", views.follow_view, name="follow"),
    path("<int:content_type_id>/<int:object_id>/unfollow/", views.unfollow_view, name="unfollow"),
    path("stop/<str:token>/", views.stop_following, name="stop"),
]
