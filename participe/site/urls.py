from django.contrib.sitemaps.views import sitemap
from django.urls import path

from participe.site import views
from participe.site.sitemaps import SITEMAPS

app_name = "website"

urlpatterns = [
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("pages/<slug:slug>/", views.page_detail, name="page"),
    path("news/", views.post_list, name="posts"),
    path("news/<slug:slug>/", views.post_detail, name="post"),
    path("agenda/", views.event_list, name="events"),
    path("agenda.ics", views.agenda_ics, name="agenda_ics"),
    path("agenda/<slug:slug>/", views.event_detail, name="event"),
    path("agenda/<slug:slug>/register/", views.event_register, name="event_register"),
    path("agenda/<slug:slug>/cancel/", views.event_cancel, name="event_cancel"),
    path("agenda/<slug:slug>.ics", views.event_ics, name="event_ics"),
    path("themes/", views.theme_list, name="themes"),
    path("themes/<slug:slug>/", views.theme_detail, name="theme"),
    path("districts/", views.district_list, name="districts"),
    path("districts/<slug:slug>/", views.district_detail, name="district"),
]
