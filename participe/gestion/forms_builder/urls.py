"""The form builder's addresses, included in the `gestion` namespace."""

from django.urls import path

from participe.gestion.forms_builder import views

urlpatterns = [
    path("forms/", views.form_list, name="forms"),
    path("forms/<int:pk>/", views.form_detail, name="form"),
    path("forms/<int:pk>/preview/", views.form_preview, name="form_preview"),
    path("forms/<int:pk>/questions/new/", views.question_add, name="question_add"),
    path("questions/<int:pk>/", views.question_edit, name="question"),
    path("questions/<int:pk>/logic/", views.question_logic, name="question_logic"),
    path("questions/<int:pk>/delete/", views.question_delete, name="question_delete"),
    path("questions/<int:pk>/duplicate/", views.question_duplicate, name="question_duplicate"),
    path("questions/<int:pk>/move/", views.question_move, name="question_move"),
]
