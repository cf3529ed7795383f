from django.urls import path

from participe.modules.votations import views

app_name = "votations"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/vote/", views.vote, name="vote"),
    path("<int:pk>/invitation/<str:token>/", views.vote, name="invitation"),
    path("<int:pk>/ballots/", views.ballots, name="ballots"),
]
