from django.urls import path

from participe.exports import views

app_name = "exports"

urlpatterns = [
    path("jobs/<int:pk>/", views.job_progress, name="job"),
    path("jobs/<int:pk>/download/", views.job_download, name="job_download"),
]
