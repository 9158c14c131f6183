from rest_framework import serializers

from .models import Appraisal, Cycle, Deadline


class CycleSerializer(serializers.ModelSerializer):
    policy_version = serializers.IntegerField(source="policy.version", read_only=True)
    progress_percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = Cycle
        fields = [
            "id",
            "staff_group",
            "starting_year",
            "starts_on",
            "ends_on",
            "status",
            "policy_version",
            "progress_done",
            "progress_total",
            "progress_percent",
            "opened_at",
            "closed_at",
        ]
        read_only_fields = [
            "starts_on",
            "ends_on",
            "status",
            "progress_done",
            "progress_total",
            "opened_at",
            "closed_at",
        ]


class CycleOpenSerializer(serializers.Serializer):
    from trusts.models import StaffMember

    staff_group = serializers.ChoiceField(choices=StaffMember.Group.choices)
    starting_year = serializers.IntegerField(min_value=2000, max_value=2100)


class AppraisalSerializer(serializers.ModelSerializer):
    staff_name = serializers.CharField(source="staff.full_name", read_only=True)
    reviewer_name = serializers.CharField(source="reviewer.full_name", read_only=True, default=None)
    cycle_name = serializers.CharField(source="cycle.__str__", read_only=True)

    class Meta:
        model = Appraisal
        fields = [
            "id",
            "cycle",
            "cycle_name",
            "staff",
            "staff_name",
            "school",
            "reviewer",
            "reviewer_name",
            "state",
            "track",
            "track_reason",
            "starts_on",
            "ends_on",
            "report_due_on",
            "pay_decision_due_on",
        ]
        read_only_fields = fields


class DeadlineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Deadline
        fields = ["id", "kind", "key", "title", "appraisal", "assignee", "due_on", "state", "met_at"]
        read_only_fields = fields


class ReviewerChangeSerializer(serializers.Serializer):
    reviewer = serializers.IntegerField()


class ObjectionRaiseSerializer(serializers.Serializer):
    reason = serializers.CharField()


class ObjectionSerializer(serializers.ModelSerializer):
    class Meta:
        from .models import ReviewerObjection

        model = ReviewerObjection
        fields = ["id", "appraisal", "reason", "raised_at", "status", "decided_by", "decision_reasons", "decided_at"]
        read_only_fields = fields


class ObjectionDecideSerializer(serializers.Serializer):
    upheld = serializers.BooleanField()
    reasons = serializers.CharField()
    new_reviewer = serializers.IntegerField(required=False, allow_null=True)


class CoverSerializer(serializers.ModelSerializer):
    class Meta:
        from .models import ReviewerCover

        model = ReviewerCover
        fields = ["id", "absent", "delegate", "starts_on", "ends_on", "reason"]


class PanelMemberInSerializer(serializers.Serializer):
    email = serializers.EmailField()
    capacity = serializers.ChoiceField(
        choices=[
            "trustee",
            "chair_of_governors",
            "ceo",
            "clo",
            "dsi",
            "external_adviser",
            "sip",
        ]
    )


class PanelSerializer(serializers.Serializer):
    members = PanelMemberInSerializer(many=True)
