"""Shared factory-boy factories. Tenant rows are written outside any scope, as fixtures."""

from datetime import date

import factory
from factory.django import DjangoModelFactory

from trusts.models import AuditEvent, Participant, Policy, RoleAssignment, School, StaffMember, Trust, User
from trusts.policy.presets import preset

TEST_PASSWORD = "correct-horse-battery"


class TenantFactory(DjangoModelFactory):
    class Meta:
        abstract = True

    @classmethod
    def _get_manager(cls, model_class):
        return model_class.objects_unscoped


class TrustFactory(DjangoModelFactory):
    class Meta:
        model = Trust

    name = factory.Sequence(lambda n: f"Trust {n}")
    slug = factory.Sequence(lambda n: f"trust-{n}")
    process_name = "Professional Growth"
    reviewer_term = "appraiser"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = factory.Faker("first_name", locale="en_GB")
    last_name = factory.Faker("last_name", locale="en_GB")
    password = factory.PostGenerationMethodCall("set_password", TEST_PASSWORD)

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class SchoolFactory(TenantFactory):
    class Meta:
        model = School

    trust = factory.SubFactory(TrustFactory)
    name = factory.Sequence(lambda n: f"School {n} Academy")
    phase = School.Phase.PRIMARY
    urn = factory.Sequence(lambda n: f"{100000 + n}")


class StaffMemberFactory(TenantFactory):
    class Meta:
        model = StaffMember

    trust = factory.SubFactory(TrustFactory)
    user = factory.SubFactory(UserFactory)
    school = factory.SubFactory(SchoolFactory, trust=factory.SelfAttribute("..trust"))
    job_title = "Class Teacher"
    staff_group = StaffMember.Group.TEACHER
    has_qts = True
    starts_on = date(2020, 9, 1)


class RoleAssignmentFactory(TenantFactory):
    class Meta:
        model = RoleAssignment

    trust = factory.SubFactory(TrustFactory)
    user = factory.SubFactory(UserFactory)
    role = RoleAssignment.Role.HR_ADMIN
    starts_on = date(2020, 9, 1)


class ParticipantFactory(TenantFactory):
    class Meta:
        model = Participant

    trust = factory.SubFactory(TrustFactory)
    user = factory.SubFactory(UserFactory)
    kind = Participant.Kind.TRUSTEE
    starts_on = date(2020, 9, 1)


class AuditEventFactory(TenantFactory):
    class Meta:
        model = AuditEvent

    trust = factory.SubFactory(TrustFactory)
    action = "test.event"
    actor_label = "system"


class PolicyFactory(TenantFactory):
    """A policy version from a preset (``preset="wh"``)."""

    class Meta:
        model = Policy

    class Params:
        preset_key = "dfe_2024"

    trust = factory.SubFactory(TrustFactory)
    version = factory.Sequence(lambda n: n + 1)
    preset = factory.SelfAttribute("preset_key")
    settings = factory.LazyAttribute(lambda o: preset(o.preset_key).to_json())
