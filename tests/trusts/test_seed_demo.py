import pytest
from django.core.management import call_command

from trusts.models import Participant, RoleAssignment, StaffMember, Trust, User
from trusts.tenancy import trust_scope

pytestmark = pytest.mark.django_db


def test_seed_demo_builds_four_trusts_once(capsys):
    call_command("seed_demo")
    call_command("seed_demo")  # idempotent
    out = capsys.readouterr().out
    assert Trust.objects.count() == 4
    assert "Password for every demo account" in out and "platform@appraisal.example" in out
    for trust in Trust.objects.all():
        with trust_scope(trust):
            staff = StaffMember.objects.all()
            assert 35 <= staff.count() <= 60
            assert set(staff.values_list("staff_group", flat=True)) == set(StaffMember.Group.values)
            assert set(StaffMember.Contract.values) - {"temporary", "contractor", "volunteer"} <= set(
                staff.values_list("contract_type", flat=True)
            )
            roles = set(RoleAssignment.objects.values_list("role", flat=True))
            assert {"hr_admin", "ceo", "principal", "trustee"} <= roles
            assert Participant.objects.filter(kind=Participant.Kind.TRUSTEE).count() == 3
    adviser = User.objects.get(email="adviser@improvement.example")
    assert Participant.objects_unscoped.filter(user=adviser).count() == 2
