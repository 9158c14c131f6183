"""Cycles and appraisals: a cycle is a first-class record; closing it locks everything under it."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils import timezone

from trusts.tenancy import TenantModel


class Cycle(TenantModel):
    """One staff group's appraisal year, opened by HR under one policy version."""

    class Status(models.TextChoices):
        OPENING = "opening", "Opening"
        OPEN = "open", "Open"
        CLOSED = "closed", "Closed"

    staff_group = models.CharField(max_length=20)
    starting_year = models.PositiveSmallIntegerField(help_text="The calendar year the cycle starts in.")
    policy = models.ForeignKey("trusts.Policy", on_delete=models.PROTECT, related_name="cycles")
    starts_on = models.DateField()
    ends_on = models.DateField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPENING)
    opened_by = models.ForeignKey("trusts.User", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    closed_at = models.DateTimeField(null=True, blank=True)
    progress_total = models.PositiveIntegerField(default=0)
    progress_done = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-starting_year", "staff_group"]
        constraints = [
            models.UniqueConstraint(fields=["trust", "staff_group", "starting_year"], name="cycle_once_a_year"),
        ]

    def __str__(self) -> str:
        from trusts.models import StaffMember

        group = dict(StaffMember.Group.choices).get(self.staff_group, self.staff_group)
        return f"{group} {self.starts_on:%Y}/{(self.starts_on.year + 1) % 100:02d}"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED

    @property
    def progress_percent(self) -> int:
        return 100 if not self.progress_total else round(100 * self.progress_done / self.progress_total)


class Appraisal(TenantModel):
    """One person's appraisal in one cycle. Its state changes only through services."""

    class State(models.TextChoices):
        PLANNING = "planning", "Planning"
        OBJECTIVES_AGREED = "objectives_agreed", "Objectives agreed"
        IN_REVIEW = "in_review", "In review"
        REPORT_DRAFTED = "report_drafted", "Report drafted"
        REPORT_ISSUED = "report_issued", "Report issued"
        CLOSED = "closed", "Closed"
        SUSPENDED = "suspended", "Suspended"
        WITHDRAWN = "withdrawn", "Withdrawn"

    class Track(models.TextChoices):
        FULL = "full", "Full appraisal"
        LIGHT = "light", "Check-ins and feedback only"

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="appraisals")
    staff = models.ForeignKey("trusts.StaffMember", on_delete=models.PROTECT, related_name="appraisals")
    school = models.ForeignKey("trusts.School", on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    reviewer = models.ForeignKey(
        "trusts.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="appraisals_to_review"
    )
    state = models.CharField(max_length=20, choices=State.choices, default=State.PLANNING)
    track = models.CharField(max_length=10, choices=Track.choices, default=Track.FULL)
    track_reason = models.CharField(max_length=200, blank=True)
    starts_on = models.DateField()
    ends_on = models.DateField()
    report_due_on = models.DateField()
    pay_decision_due_on = models.DateField(null=True, blank=True)
    state_changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["staff__user__last_name"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "staff"], name="appraisal_once_per_cycle"),
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="appraisal_span_forwards"),
        ]
        indexes = [
            models.Index(fields=["trust", "cycle", "state"]),
            models.Index(fields=["trust", "school", "state"]),
            models.Index(fields=["trust", "reviewer"]),
        ]

    def __str__(self) -> str:
        return f"{self.staff} — {self.cycle}"


class Exclusion(TenantModel):
    """Someone the policy leaves out of a cycle, and why (NET-S1, CL-S1, WH-S1)."""

    cycle = models.ForeignKey(Cycle, on_delete=models.PROTECT, related_name="exclusions")
    staff = models.ForeignKey("trusts.StaffMember", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ["staff__user__last_name"]
        constraints = [models.UniqueConstraint(fields=["cycle", "staff"], name="exclusion_once_per_cycle")]

    def __str__(self) -> str:
        return f"{self.staff}: {self.reason}"


class Deadline(TenantModel):
    """Everything that is due, in one table: services open a deadline when the duty arises and
    close it when it is done; the sweep reminds before and escalates after (DESIGN: Deadlines)."""

    class Kind(models.TextChoices):
        SELF_REFLECTION = "self_reflection", "Self-reflection"
        OBJECTIVES = "objectives", "Objectives agreed"
        CHECK_IN = "check_in", "Check-in"
        REPORT = "report", "Report issued"
        PAY_DECISION = "pay_decision", "Pay decision"

    class State(models.TextChoices):
        OPEN = "open", "Open"
        MET = "met", "Met"
        OVERDUE = "overdue", "Overdue"
        WAIVED = "waived", "Waived"
        PAUSED = "paused", "Paused"

    kind = models.CharField(max_length=30, choices=Kind.choices)
    key = models.CharField(max_length=40, blank=True, help_text="Tells apart deadlines of one kind: a term, say.")
    title = models.CharField(max_length=200)
    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, null=True, blank=True, related_name="deadlines")
    assignee = models.ForeignKey(
        "trusts.StaffMember", on_delete=models.PROTECT, related_name="deadlines", help_text="Who must act."
    )
    escalate_to = models.ForeignKey(
        "trusts.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    due_on = models.DateField()
    state = models.CharField(max_length=10, choices=State.choices, default=State.OPEN)
    created_at = models.DateTimeField(default=timezone.now)
    met_at = models.DateTimeField(null=True, blank=True)
    paused_days_left = models.IntegerField(null=True, blank=True)

    ACTIVE = (State.OPEN, State.OVERDUE)

    class Meta:
        ordering = ["due_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["appraisal", "kind", "key"], name="deadline_once_per_duty"),
        ]
        indexes = [
            models.Index(fields=["trust", "state", "due_on"]),
            models.Index(fields=["trust", "assignee", "state"]),
        ]

    def __str__(self) -> str:
        return f"{self.title} by {self.due_on:%d/%m/%Y}"


class DeadlineStep(TenantModel):
    """A reminder or escalation that has been sent: one row per (deadline, step), so never twice."""

    deadline = models.ForeignKey(Deadline, on_delete=models.CASCADE, related_name="steps")
    step = models.CharField(max_length=30)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["deadline", "step"], name="deadline_step_once")]


class PanelMember(TenantModel):
    """A member of the panel that reviews a chief executive or a head (NET-R1, CL-R1, WH-R3)."""

    class Capacity(models.TextChoices):
        TRUSTEE = "trustee", "Trustee"
        CHAIR_OF_GOVERNORS = "chair_of_governors", "Chair of governors"
        CEO = "ceo", "Chief executive"
        CLO = "clo", "Chief learning officer"
        DSI = "dsi", "Director of School Improvement"
        EXTERNAL_ADVISER = "external_adviser", "External adviser"
        SIP = "sip", "School improvement partner"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="panel")
    user = models.ForeignKey("trusts.User", on_delete=models.PROTECT, related_name="+")
    capacity = models.CharField(max_length=30, choices=Capacity.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["appraisal", "user"], name="panel_member_once")]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_capacity_display()})"


class ReviewerObjection(TenantModel):
    """A reviewee's written request for a different reviewer, and the written decision (CL-R4, WH-R2)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for a decision"
        UPHELD = "upheld", "Upheld: a new reviewer was appointed"
        REFUSED = "refused", "Refused, with reasons"

    appraisal = models.ForeignKey(Appraisal, on_delete=models.CASCADE, related_name="objections")
    reason = models.TextField()
    raised_at = models.DateTimeField(default=timezone.now)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        "trusts.StaffMember", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decision_reasons = models.TextField(blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"Objection to the reviewer of {self.appraisal.staff}"


class ReviewerCover(TenantModel):
    """While a reviewer is absent, a delegate acts for them; afterwards it is theirs again (CL-R5)."""

    absent = models.ForeignKey("trusts.StaffMember", on_delete=models.PROTECT, related_name="covers_needed")
    delegate = models.ForeignKey("trusts.StaffMember", on_delete=models.PROTECT, related_name="covers_given")
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(condition=Q(ends_on__gte=models.F("starts_on")), name="cover_ends_after_start"),
        ]

    def __str__(self) -> str:
        return f"{self.delegate} covers for {self.absent} {self.starts_on:%d/%m/%Y}–{self.ends_on:%d/%m/%Y}"

    def clean(self) -> None:
        super().clean()
        from django.core.exceptions import ValidationError

        if self.absent_id and self.absent_id == self.delegate_id:
            raise ValidationError({"delegate": "Choose someone other than the person who is absent."})
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "The cover ends on or after the day it starts."})
