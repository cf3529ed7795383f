from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "participe.exports"
    label = "exports"
    verbose_name = _("Exports")
    default_auto_field = "django.db.models.BigAutoField"
    url_prefix = "exports/"

    def ready(self):
        # Imported once the app registry is ready: app modules load models, which apps.py must not load.
        from participe.core.tasks import job_failed
        from participe.exports.jobs import record_failed_job

        job_failed.connect(record_failed_job, dispatch_uid="exports.record_failed_job")

        from participe.celery import app

        app.conf.beat_schedule.update(
            {"purge-expired-exports": {"task": "participe.exports.tasks.purge_expired_exports", "schedule": 60 * 60}}
        )
