"""The in-app notification centre, and how each person wants their email."""

from django.db import models
from django.utils import timezone

from ..tenancy import TenantModel


class Notification(TenantModel):
    user = models.ForeignKey("trusts.User", on_delete=models.CASCADE, related_name="notifications")
    title = models.CharField(max_length=200)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["trust", "user", "read_at"])]

    def __str__(self) -> str:
        return self.title


class NotificationPreference(TenantModel):
    class Mode(models.TextChoices):
        IMMEDIATE = "immediate", "Email me each one as it happens"
        DIGEST = "digest", "One email a day with everything new"

    user = models.ForeignKey("trusts.User", on_delete=models.CASCADE, related_name="+")
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.IMMEDIATE)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["trust", "user"], name="one_preference_per_trust")]
