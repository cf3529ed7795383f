"""The project page's "news and events" section, contributed through the projects panel registry."""

from django.template.loader import render_to_string

from participe.projects import panels
from participe.site.models import Event, Post

PANEL_SIZE = 3


@panels.register
def project_news_and_events(request, project):
    posts = list(
        Post.objects.published().filter(projects=project).select_related("cover_image").order_by("-published_at")[:PANEL_SIZE]
    )
    events = list(Event.objects.published().upcoming().filter(projects=project).select_related("cover_image")[:PANEL_SIZE])
    if not posts and not events:
        return ""
    return render_to_string("website/project_panel.html", {"posts": posts, "events": events}, request)
