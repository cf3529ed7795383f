from django.urls import path

from participe.modules.questionnaires import views

app_name = "questionnaires"

urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/reply/", views.reply, name="reply"),
    path("<int:pk>/replies/<int:reply_id>/", views.reply, name="edit_reply"),
    path("<int:pk>/results/", views.results, name="results"),
    path("<int:pk>/export.csv", views.export_csv, name="export_csv"),
    path("<int:pk>/export.xlsx", views.export_xlsx, name="export_xlsx"),
]
