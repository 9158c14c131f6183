import os

from celery import Celery
from celery.schedules import crontab

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("appraisal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# A static schedule in code (Europe/London): run exactly one beat process.
app.conf.beat_schedule = {
    "sweep-deadlines": {"task": "appraisals.sweep_deadlines", "schedule": 300.0},
    "notification-digests": {"task": "trusts.send_digests", "schedule": crontab(hour=7, minute=0)},
}
