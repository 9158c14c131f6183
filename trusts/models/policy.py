"""The trust's policy, one immutable version at a time."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from ..tenancy import TenantModel


class Policy(TenantModel):
    """One version of the trust's policy. A version is never changed: edits make a new one,
    and a cycle keeps the version it opened under."""

    version = models.PositiveIntegerField()
    preset = models.CharField(max_length=40, blank=True, help_text="The preset this line of versions began from.")
    settings = models.JSONField()
    note = models.CharField("what changed and why", max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey("trusts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")

    class Meta:
        ordering = ["-version"]
        verbose_name_plural = "policies"
        constraints = [models.UniqueConstraint(fields=["trust", "version"], name="policy_version_unique_in_trust")]

    def __str__(self) -> str:
        return f"Policy version {self.version}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A policy version is never changed: save a new version instead.")
        super().save(*args, **kwargs)

    @property
    def rules(self):
        from ..policy.schema import PolicySettings

        return PolicySettings.from_json(self.settings)
