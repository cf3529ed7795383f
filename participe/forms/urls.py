from django.urls import path

from participe.forms import files

app_name = "forms"

urlpatterns = [
    path("answer-files/<int:pk>/", files.answer_file, name="answer_file"),
]
