"""A file given as an answer: only its author and the instance's staff who read replies get it."""

from django.http import Http404
from django.shortcuts import get_object_or_404

from participe.core.private_files import private_file_response
from participe.forms.models import AnswerFile
from participe.permissions.predicates import is_analyst, is_instance_admin


def may_read_answer_file(user, answer_file):
    if not user.is_authenticated:
        return False
    if is_instance_admin(user, answer_file) or is_analyst(user, answer_file):
        return True
    return answer_file.reply.author_id == user.pk


def answer_file(request, pk):
    found = get_object_or_404(AnswerFile.objects.select_related("reply"), pk=pk)
    if not may_read_answer_file(request.user, found):
        raise Http404
    return private_file_response(found.file, found.name, content_type=found.content_type or None, cache="private, no-store")
