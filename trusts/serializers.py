from rest_framework import serializers

from .models import School, StaffMember
from .services import STAFF_FIELDS


class SchoolSerializer(serializers.ModelSerializer):
    staff_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = School
        fields = ["id", "name", "phase", "urn", "staff_count"]


class TrustRelatedField(serializers.PrimaryKeyRelatedField):
    """Offers and accepts only objects of the request's trust (the scoped manager)."""

    def get_queryset(self):
        return self.queryset.model.objects.all()


class StaffMemberSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email")
    first_name = serializers.CharField(source="user.first_name", max_length=150)
    last_name = serializers.CharField(source="user.last_name", max_length=150)
    school = TrustRelatedField(queryset=School.objects_unscoped.all(), allow_null=True, required=False)
    line_manager = TrustRelatedField(queryset=StaffMember.objects_unscoped.all(), allow_null=True, required=False)

    class Meta:
        model = StaffMember
        fields = ["id", "email", "first_name", "last_name", *STAFF_FIELDS]


class PolicySerializer(serializers.ModelSerializer):
    plain_words = serializers.SerializerMethodField()

    class Meta:
        from .models import Policy

        model = Policy
        fields = ["id", "version", "preset", "note", "created_at", "settings", "plain_words"]

    def get_plain_words(self, policy) -> list[dict]:
        from .policy.words import plain_words
        from .selectors import policy_terms

        sections = plain_words(policy.rules, terms=policy_terms(trust=policy.trust))
        return [{"title": s.title, "lines": s.lines} for s in sections]


class PolicyReviseSerializer(serializers.Serializer):
    settings = serializers.DictField()
    note = serializers.CharField(max_length=300)


class NotificationSerializer(serializers.ModelSerializer):
    class Meta:
        from .models import Notification

        model = Notification
        fields = ["id", "title", "url", "created_at", "read_at"]
        read_only_fields = fields


class TermSerializer(serializers.ModelSerializer):
    school = TrustRelatedField(queryset=School.objects_unscoped.all(), allow_null=True, required=False)

    class Meta:
        from .models import Term

        model = Term
        fields = [
            "id",
            "school",
            "academic_year",
            "name",
            "starts_on",
            "ends_on",
            "half_term_starts_on",
            "half_term_ends_on",
        ]


class ClosureDaySerializer(serializers.ModelSerializer):
    school = TrustRelatedField(queryset=School.objects_unscoped.all(), allow_null=True, required=False)

    class Meta:
        from .models import ClosureDay

        model = ClosureDay
        fields = ["id", "school", "date", "kind", "reason"]
