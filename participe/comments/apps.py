from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommentsConfig(AppConfig):
    name = "participe.comments"
    label = "comments"
    verbose_name = _("Comments")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "comments/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.accounts import personal_data
        from participe.comments import models  # noqa: F401 - declares Comment votable ("like")
        from participe.comments.personal_data import comments_of

        personal_data.register("comments", comments_of)
        self._keep_comments_counts()

    @staticmethod
    def _keep_comments_counts():
        from django.db.models.signals import post_delete, post_init, post_save, pre_save

        from participe.comments import receivers
        from participe.comments.models import Comment

        post_init.connect(receivers.remember_visibility, sender=Comment, dispatch_uid="comments.remember_visibility")
        pre_save.connect(receivers.note_visibility_before_save, sender=Comment, dispatch_uid="comments.visible_before")
        post_save.connect(receivers.count_after_save, sender=Comment, dispatch_uid="comments.count_after_save")
        post_delete.connect(receivers.count_after_delete, sender=Comment, dispatch_uid="comments.count_after_delete")
