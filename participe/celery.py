"""Celery application. Production: RabbitMQ or Redis; embedded default: a filesystem queue."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "participe.settings")

app = Celery("participe")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


