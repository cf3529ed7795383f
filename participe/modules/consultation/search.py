"""What a consultation lets visitors find: articles, amendments, arguments, sources, debates and their arguments."""

from django.utils.translation import gettext_lazy as _

from participe.modules.consultation.models import Amendment, Argument, Debate, DebateArgument, Opinion, Source
from participe.search.registry import Result, SearchSource
from participe.search.snippets import plain
from participe.search.visibility import listed_projects, published_in_visible_steps

ON_STEP = {"project_field": "step__project", "step_field": "step"}


def _opinions(request):
    return published_in_visible_steps(Opinion.objects.all(), request)


def _amendments(request):
    return published_in_visible_steps(Amendment.objects.filter(opinion__status="published"), request)


def _on_published_target(model, request):
    """Arguments and sources show on their article or amendment: only while that one is published too."""
    published = {"opinion__status": "published"}
    rows = model.objects.filter(amendment__isnull=True, **published) | model.objects.filter(
        amendment__status="published", amendment__opinion__status="published"
    )
    return published_in_visible_steps(rows, request)


def _debates(request):
    return Debate.objects.filter(step__is_enabled=True, step__project__in=listed_projects(request.user))


def _debate_arguments(request):
    return published_in_visible_steps(DebateArgument.objects.all(), request)


opinions = SearchSource(
    key="opinions",
    label=_("Articles and opinions"),
    rows=_opinions,
    fields=("title", "body"),
    result=lambda opinion: Result(opinion.title, opinion.get_absolute_url(), plain(opinion.body), opinion.published_at),
    ordering=("-created_at", "-pk"),
    order=50,
    **ON_STEP,
)
amendments = SearchSource(
    key="amendments",
    label=_("Amendments"),
    rows=_amendments,
    fields=("title", "explanation", "body"),
    result=lambda amendment: Result(
        amendment.title, amendment.get_absolute_url(), amendment.explanation, amendment.published_at
    ),
    ordering=("-created_at", "-pk"),
    order=55,
    **ON_STEP,
)
arguments = SearchSource(
    key="arguments",
    label=_("Arguments"),
    rows=lambda request: _on_published_target(Argument, request),
    fields=("body",),
    result=lambda argument: Result(
        argument.target.title, argument.get_absolute_url(), argument.body, argument.published_at
    ),
    ordering=("-created_at", "-pk"),
    select_related=("opinion", "amendment"),
    order=60,
    **ON_STEP,
)
sources = SearchSource(
    key="sources",
    label=_("Sources"),
    rows=lambda request: _on_published_target(Source, request),
    fields=("title", "description"),
    result=lambda source: Result(source.title, source.get_absolute_url(), source.description, source.published_at),
    ordering=("-created_at", "-pk"),
    select_related=("opinion", "amendment"),
    order=65,
    **ON_STEP,
)
debates = SearchSource(
    key="debates",
    label=_("Debates"),
    rows=_debates,
    fields=("question", "body", "statement_for", "statement_against"),
    result=lambda debate: Result(debate.question, debate.get_absolute_url(), plain(debate.body)),
    ordering=("-pk",),
    order=70,
    **ON_STEP,
)
debate_arguments = SearchSource(
    key="debate_arguments",
    label=_("Debate arguments"),
    rows=_debate_arguments,
    fields=("body",),
    result=lambda argument: Result(
        argument.debate.question, argument.get_absolute_url(), argument.body, argument.published_at
    ),
    ordering=("-created_at", "-pk"),
    select_related=("debate",),
    order=75,
    **ON_STEP,
)
