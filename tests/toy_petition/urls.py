from django.urls import path

from tests.toy_petition import views

app_name = "toy_petition"
urlpatterns = [path("<int:step_id>/start/", views.start, name="start")]
