"""Served under /gestion/consultation/ (namespace gestion:consultation), declared by the module's manifest."""

from django.urls import path

from participe.modules.consultation.gestion import answers, debate, document, importing

urlpatterns = [
    path("<int:pk>/", document.document, name="document"),
    path("<int:pk>/edit/", document.consultation_edit, name="consultation_edit"),
    path("<int:pk>/sections/add/", document.section_add, name="section_add"),
    path("<int:pk>/participation/", document.participation, name="participation"),
    path("<int:pk>/import/", importing.import_upload, name="import"),
    path("<int:pk>/import/confirm/", importing.import_confirm, name="import_confirm"),
    path("<int:pk>/answers/", answers.answers, name="answers"),
    path("<int:pk>/final/", answers.final, name="final"),
    path("sections/<int:pk>/", document.section_edit, name="section_edit"),
    path("sections/<int:pk>/delete/", document.section_delete, name="section_delete"),
    path("sections/<int:pk>/move/", document.section_move, name="section_move"),
    path("sections/<int:pk>/articles/add/", document.article_add, name="article_add"),
    path("articles/<int:pk>/", document.article_edit, name="article_edit"),
    path("articles/<int:pk>/delete/", document.article_delete, name="article_delete"),
    path("articles/<int:pk>/move/", document.article_move, name="article_move"),
    path("opinions/<int:pk>/answer/", answers.answer, {"kind": "opinion"}, name="answer_opinion"),
    path("amendments/<int:pk>/answer/", answers.answer, {"kind": "amendment"}, name="answer_amendment"),
    path("arguments/<int:pk>/answer/", answers.answer, {"kind": "argument"}, name="answer_argument"),
    path("amendments/<int:pk>/decide/", answers.decide, name="decide"),
    path("debates/<int:pk>/", debate.debate, name="debate"),
]
