import rules

from participe.comments.services import still_editable
from participe.permissions.predicates import is_instance_admin, is_moderator, is_participant


@rules.predicate
def is_comment_author(user, comment):
    return comment is not None and user.is_authenticated and comment.author_id == user.pk


@rules.predicate
def within_edit_window(user, comment):
    return comment is not None and still_editable(comment)


rules.add_perm("comments.add_comment", is_participant)
rules.add_perm("comments.change_comment", is_participant & is_comment_author & within_edit_window)
rules.add_perm("comments.trash_comment", is_participant & is_comment_author)
rules.add_perm("comments.pin_comment", is_moderator | is_instance_admin)
rules.add_perm("comments.answer_officially", is_moderator | is_instance_admin)
