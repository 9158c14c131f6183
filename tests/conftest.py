from dataclasses import dataclass

import pytest
from django.test import Client

from trusts.models import RoleAssignment, StaffMember, Trust, User

from .factories import (
    ParticipantFactory,
    PolicyFactory,
    RoleAssignmentFactory,
    SchoolFactory,
    StaffMemberFactory,
    TrustFactory,
)

R = RoleAssignment.Role


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.AXES_ENABLED = True


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate limits live in the cache (Redis in tests): each test starts with none."""
    from django.core.cache import cache

    cache.clear()


@dataclass
class TrustWorld:
    """A trust with one school and a person in every role, for walks and journeys."""

    trust: Trust
    school: object
    hr: StaffMember
    ceo: StaffMember
    principal: StaffMember
    teacher: StaffMember
    support: StaffMember
    trustee: User

    def users_by_role(self) -> dict[str, User]:
        return {
            "hr_admin": self.hr.user,
            "ceo": self.ceo.user,
            "principal": self.principal.user,
            "teacher": self.teacher.user,
            "support": self.support.user,
            "trustee": self.trustee,
        }


def build_world(name: str, slug: str) -> TrustWorld:
    trust = TrustFactory(name=name, slug=slug)
    school = SchoolFactory(trust=trust, name=f"{name} Primary")
    PolicyFactory(trust=trust, version=1, preset_key="wh")
    hr = StaffMemberFactory(trust=trust, school=None, staff_group=StaffMember.Group.CENTRAL, job_title="HR Manager")
    RoleAssignmentFactory(trust=trust, user=hr.user, role=R.HR_ADMIN)
    ceo = StaffMemberFactory(trust=trust, school=None, staff_group=StaffMember.Group.EXECUTIVE, job_title="CEO")
    RoleAssignmentFactory(trust=trust, user=ceo.user, role=R.CEO)
    principal = StaffMemberFactory(
        trust=trust, school=school, staff_group=StaffMember.Group.LEADERSHIP, job_title="Principal", line_manager=ceo
    )
    RoleAssignmentFactory(trust=trust, user=principal.user, role=R.PRINCIPAL, school=school)
    teacher = StaffMemberFactory(trust=trust, school=school, line_manager=principal)
    support = StaffMemberFactory(
        trust=trust,
        school=school,
        staff_group=StaffMember.Group.SUPPORT,
        job_title="Teaching Assistant",
        line_manager=principal,
        has_qts=False,
    )
    trustee = ParticipantFactory(trust=trust).user
    RoleAssignmentFactory(trust=trust, user=trustee, role=R.TRUSTEE)
    return TrustWorld(trust, school, hr, ceo, principal, teacher, support, trustee)


@pytest.fixture
def world_a(db) -> TrustWorld:
    return build_world("Alder Trust", "alder")


@pytest.fixture
def world_b(db) -> TrustWorld:
    return build_world("Birch Trust", "birch")


@pytest.fixture
def signed_in():
    """A client signed in as the given user, working in their (only) trust."""

    def make(user: User) -> Client:
        client = Client()
        client.force_login(user)
        return client

    return make
