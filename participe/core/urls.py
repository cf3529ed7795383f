from django.urls import path

from participe.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("theme.css", views.theme_css, name="theme_css"),
    path("legal/<slug:page>/", views.legal_page, name="legal"),
]
