"""Wall 1: scoped managers, and the cross-trust checks that foreign keys need."""

import pytest
from django.core.exceptions import ValidationError
from django_scopes import ScopeError

from trusts import services
from trusts.models import School, StaffMember
from trusts.tenancy import trust_scope

from ..factories import SchoolFactory, StaffMemberFactory, TrustFactory

pytestmark = pytest.mark.django_db


def test_a_tenant_query_outside_any_trust_scope_raises():
    SchoolFactory()
    with pytest.raises(ScopeError):
        list(School.objects.all())
    with pytest.raises(ScopeError):
        School.objects.filter(name="x").count()


def test_inside_a_trust_scope_only_that_trusts_rows_are_returned():
    a, b = TrustFactory(), TrustFactory()
    mine = SchoolFactory(trust=a)
    SchoolFactory(trust=b)
    with trust_scope(a):
        assert list(School.objects.all()) == [mine]
        assert School.objects.filter(pk__in=School.objects_unscoped.values("pk")).count() == 1


def test_nested_scopes_restore_the_outer_trust():
    a, b = TrustFactory(), TrustFactory()
    SchoolFactory(trust=a, name="A school")
    SchoolFactory(trust=b, name="B school")
    with trust_scope(a):
        with trust_scope(b):
            assert [s.name for s in School.objects.all()] == ["B school"]
        assert [s.name for s in School.objects.all()] == ["A school"]


def test_a_line_manager_from_another_trust_is_refused_by_clean():
    a, b = TrustFactory(), TrustFactory()
    stranger = StaffMemberFactory(trust=b)
    staff = StaffMemberFactory(trust=a)
    with trust_scope(a), pytest.raises(ValidationError) as error:
        services.staff_member_update(staff=staff, line_manager=stranger)
    assert "is not one of this trust's" in str(error.value.message_dict["line_manager"])
    staff.refresh_from_db()
    assert staff.line_manager_id is None


def test_a_school_from_another_trust_is_refused_for_a_new_member_of_staff():
    a, b = TrustFactory(), TrustFactory()
    their_school = SchoolFactory(trust=b)
    with trust_scope(a), pytest.raises(ValidationError, match="not one of this trust's"):
        services.staff_member_create(
            trust=a,
            email="new@example.org",
            first_name="New",
            last_name="Person",
            school=their_school,
            job_title="Teacher",
            staff_group=StaffMember.Group.TEACHER,
            starts_on="2024-09-01",
        )
    assert not StaffMember.objects_unscoped.filter(user__email="new@example.org").exists()
