from celery import Task, shared_task
from django.core.mail import EmailMultiAlternatives
from django.dispatch import Signal

# Sent with instance_id, title, task, exc and attempts; the jobs app records it for the instance's administrators.
job_failed = Signal()


class RecordsFailures(Task):
    """A job that gives up (its retries spent) is announced, so the administrators of its instance see it."""

    def on_failure(self, exc, task_id, args, kwargs, einfo):
        instance_id = kwargs.get("instance_id")
        if instance_id:
            job_failed.send(
                sender=type(self),
                instance_id=instance_id,
                title=self.describe(kwargs),
                task=self.name,
                exc=exc,
                attempts=self.request.retries + 1,
            )

    def describe(self, kwargs):
        return self.name


class EmailDelivery(RecordsFailures):
    def describe(self, kwargs):
        return f"✉ {kwargs.get('subject', '')} → {', '.join(kwargs.get('to', []))}"


@shared_task(base=EmailDelivery, autoretry_for=(OSError,), retry_backoff=30, retry_backoff_max=3600, max_retries=8)
def deliver_email(*, to, sender, subject, text, html, headers, instance_id=None):
    message = EmailMultiAlternatives(subject=subject, body=text, from_email=sender, to=to, headers=headers)
    message.attach_alternative(html, "text/html")
    message.send()
