"""Included by participe.gestion.urls: these names live in the "gestion" namespace."""

from django.urls import path

from participe.gestion.community import actionlog, contributions, jobs, moderation, participants

urlpatterns = [
    path("contributions/", contributions.contribution_list, name="contributions"),
    path("contributions/<str:kind>/<int:pk>/", contributions.contribution_detail, name="contribution"),
    path("moderation/", moderation.queue, name="moderation"),
    path("moderation/<int:pk>/", moderation.case_detail, name="moderation_case"),
    path("moderation/<int:pk>/<slug:action>/", moderation.decide, name="moderation_decide"),
    path("participants/", participants.participant_list, name="participants"),
    path("participants/<int:pk>/", participants.participant_detail, name="participant"),
    path("participants/<int:pk>/roles/", participants.participant_roles, name="participant_roles"),
    path("participants/<int:pk>/ban/", participants.participant_ban, name="participant_ban"),
    path("participants/<int:pk>/export/", participants.participant_export, name="participant_export"),
    path("participants/<int:pk>/delete/", participants.participant_anonymise, name="participant_anonymise"),
    path("groups/", participants.group_list, name="groups"),
    path("groups/<int:pk>/", participants.group_detail, name="group"),
    path("groups/<int:pk>/remove/<int:user_pk>/", participants.group_remove, name="group_remove"),
    path("groups/<int:pk>/delete/", participants.group_delete, name="group_delete"),
    path("exports/", jobs.job_list, name="jobs"),
    path("exports/<int:pk>/", jobs.job_detail, name="job"),
    path("exports/<int:pk>/download/", jobs.job_download, name="job_download"),
    path("log/", actionlog.action_log, name="action_log"),
]
