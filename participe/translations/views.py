"""The header's language switch: Django's `set_language` (its cookie), limited to the instance's languages,
and the choice kept on the account of a signed-in person."""

from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from participe.translations.languages import offered


@require_POST
def set_language(request):
    code = request.POST.get("language", "")
    if code not in dict(offered(request.instance)):
        # Not one of this site's languages: back to the page, nothing changed.
        request.POST = request.POST.copy()
        request.POST.pop("language", None)
    response = django_set_language(request)
    if (
        code in dict(offered(request.instance))
        and request.user.is_authenticated
        and request.user.language != code
    ):
        request.user.language = code
        request.user.save(update_fields=["language"])
    return response
