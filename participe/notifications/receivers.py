"""What other apps announce becomes notifications. Followed activity comes from the participation core: each
publication is news for the followers of what it was written on (a comment's object, else the contribution's
step), gathered in their digest. A visible comment is news for the author of what it is written on and for the
author of the comment it answers (once the comment is public: after e-mail confirmation or moderation).
A finished export is news for the person who started it."""

from participe.notifications.followers import notify_followers
from participe.notifications.services import notify, reachable
from participe.participation.registry import participation


def announce_publication(sender, contribution, **kwargs):
    followed = getattr(contribution, "target", None) or getattr(contribution, "step", None)
    if followed is None or not participation.is_declared(followed, "followable"):
        return
    notify_followers(followed, "followed_activity", {"actor": contribution.author_name}, actor=contribution.author)


def tell_commented_authors(sender, contribution, **kwargs):
    if contribution._meta.label != "comments.Comment":
        return
    comment = contribution
    target = comment.target
    context = {"actor": comment.author_name, "quote": comment.body[:300]}
    told = {comment.author_id}
    replied_to = comment.in_reply_to.author if comment.in_reply_to_id else None
    if reachable(replied_to) and replied_to.pk not in told:
        notify(replied_to, "reply_to_mine", target, context, url=comment.get_absolute_url())
        told.add(replied_to.pk)
    # The articles of a consultation's text are the institution's, not their editor's contributions.
    target_author = None if getattr(target, "is_official", False) else getattr(target, "author", None)
    if reachable(target_author) and target_author.pk not in told:
        kind = "contribution_answered" if comment.is_official else "comment_on_mine"
        notify(target_author, kind, target, context, url=comment.get_absolute_url())


def tell_export_owner(sender, job, kind, **kwargs):
    notify(job.user, kind, job)
