"""Extra sections of the project page, contributed by other apps (news and events, a map, results…).

    from participe.projects import panels

    @panels.register
    def project_news(request, project):
        posts = Post.objects.filter(projects=project).published()[:3]   # one query: constant per page
        return render_to_string("website/project_news.html", {"posts": posts}, request) if posts else ""

Each panel returns HTML (rendered from an escaping template) or "" to show nothing, and must
cost a constant number of queries. The projects app never imports the apps that register panels.
"""

_panels = []


def register(panel):
    _panels.append(panel)
    return panel


def unregister(panel):
    if panel in _panels:
        _panels.remove(panel)


def render_all(request, project):
    return [html for html in (panel(request, project) for panel in _panels) if html]
