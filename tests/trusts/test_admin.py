"""HR admins work in Django admin: only their trust's rows, every change validated and audited."""

import pytest

from trusts.models import AuditEvent, Participant, RoleAssignment, School, StaffMember

pytestmark = pytest.mark.django_db


def test_hr_sees_only_their_trusts_staff_in_admin(world_a, world_b, signed_in):
    body = signed_in(world_a.hr.user).get("/admin/trusts/staffmember/").content.decode()
    assert world_a.teacher.user.email in body
    assert world_b.teacher.user.email not in body


def test_the_add_form_offers_only_this_trusts_schools(world_a, world_b, signed_in):
    response = signed_in(world_a.hr.user).get("/admin/trusts/staffmember/add/")
    choices = list(response.context["adminform"].form.fields["school"].queryset)
    assert choices == [world_a.school]
    assert "trust" not in response.context["adminform"].form.fields


def test_hr_adds_a_member_of_staff_and_it_is_audited(world_a, signed_in):
    response = signed_in(world_a.hr.user).post(
        "/admin/trusts/staffmember/add/",
        {
            "email": "Nia.Cole@Example.org",
            "first_name": "Nia",
            "last_name": "Cole",
            "school": world_a.school.pk,
            "job_title": "Teacher",
            "staff_group": "teacher",
            "contract_type": "permanent",
            "starts_on": "01/09/2025",
            "fte": "1",
            "training_route": "",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    staff = StaffMember.objects_unscoped.get(user__email="nia.cole@example.org")
    assert staff.trust == world_a.trust
    assert AuditEvent.objects_unscoped.filter(action="staff.create", target_id=str(staff.pk)).exists()


def test_a_school_from_another_trust_is_refused_next_to_the_field(world_a, world_b, signed_in):
    response = signed_in(world_a.hr.user).post(
        "/admin/trusts/staffmember/add/",
        {
            "email": "x@example.org",
            "first_name": "X",
            "last_name": "Y",
            "school": world_b.school.pk,
            "job_title": "Teacher",
            "staff_group": "teacher",
            "contract_type": "permanent",
            "starts_on": "01/09/2025",
            "fte": "1",
        },
    )
    assert response.status_code == 200
    assert "school" in response.context["adminform"].form.errors
    assert not StaffMember.objects_unscoped.filter(user__email="x@example.org").exists()


def test_hr_assigns_a_principal_by_email(world_a, signed_in):
    response = signed_in(world_a.hr.user).post(
        "/admin/trusts/roleassignment/add/",
        {
            "email": world_a.teacher.user.email,
            "role": "principal",
            "school": world_a.school.pk,
            "starts_on": "01/09/2025",
        },
    )
    assert response.status_code == 302
    role = RoleAssignment.objects_unscoped.get(user=world_a.teacher.user, role="principal")
    assert role.school == world_a.school
    assert AuditEvent.objects_unscoped.filter(action="role.assign", target_id=str(role.pk)).exists()


def test_a_role_for_someone_outside_the_trust_is_refused(world_a, world_b, signed_in):
    response = signed_in(world_a.hr.user).post(
        "/admin/trusts/roleassignment/add/",
        {"email": world_b.teacher.user.email, "role": "hr_admin", "starts_on": "01/09/2025"},
    )
    assert "Nobody with this email works in this trust" in str(response.context["adminform"].form.errors)
    assert not RoleAssignment.objects_unscoped.filter(user=world_b.teacher.user, trust=world_a.trust).exists()


def test_a_principal_role_without_a_school_is_explained(world_a, signed_in):
    response = signed_in(world_a.hr.user).post(
        "/admin/trusts/roleassignment/add/",
        {"email": world_a.teacher.user.email, "role": "principal", "starts_on": "01/09/2025"},
    )
    assert "the role of one school" in str(response.context["adminform"].form.errors)


def test_hr_adds_an_external_adviser_who_is_new(world_a, signed_in):
    response = signed_in(world_a.hr.user).post(
        "/admin/trusts/participant/add/",
        {
            "email": "sip@partners.example",
            "first_name": "Sam",
            "last_name": "Ip",
            "kind": "external_adviser",
            "organisation": "Partners",
            "starts_on": "01/09/2025",
        },
    )
    assert response.status_code == 302
    participant = Participant.objects_unscoped.get(user__email="sip@partners.example")
    assert participant.trust == world_a.trust and not participant.user.has_usable_password()


def test_hr_edits_a_school_and_the_change_is_audited(world_a, signed_in):
    response = signed_in(world_a.hr.user).post(
        f"/admin/trusts/school/{world_a.school.pk}/change/",
        {"name": "Renamed Primary", "phase": "primary", "urn": world_a.school.urn},
    )
    assert response.status_code == 302
    assert School.objects_unscoped.get(pk=world_a.school.pk).name == "Renamed Primary"
    event = AuditEvent.objects_unscoped.get(action="school.update")
    assert event.details == {"changed": ["name"]} and event.actor == world_a.hr.user


def test_audit_events_are_read_only_in_admin(world_a, signed_in):
    client = signed_in(world_a.hr.user)
    client.get("/")  # sign-in and visits leave events
    event = AuditEvent.objects_unscoped.filter(trust=world_a.trust).first()
    response = client.post(f"/admin/trusts/auditevent/{event.pk}/change/", {"action": "edited"})
    assert response.status_code in (200, 403)
    event.refresh_from_db()
    assert event.action != "edited"


def test_staff_without_hr_role_cannot_reach_admin(world_a, signed_in):
    assert signed_in(world_a.teacher.user).get("/admin/").status_code == 404


def test_platform_superuser_sees_every_trust(world_a, world_b, client):
    from ..factories import UserFactory

    root = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(root)
    body = client.get("/admin/trusts/staffmember/").content.decode()
    assert world_a.teacher.user.email in body and world_b.teacher.user.email in body


def test_hr_changes_the_trusts_words_and_it_is_audited(world_a, signed_in):
    data = {
        "name": world_a.trust.name,
        "central_team_name": "Core team",
        "process_name": "Professional Growth",
        "reviewer_term": "appraiser",
        "reviewee_term": "appraisee",
        "objectives_term": "performance expectations",
        "support_plan_term": "informal PIP",
    }
    response = signed_in(world_a.hr.user).post(f"/admin/trusts/trust/{world_a.trust.pk}/change/", data)
    assert response.status_code == 302
    world_a.trust.refresh_from_db()
    assert world_a.trust.objectives_term == "performance expectations"
    assert "objectives_term" in AuditEvent.objects_unscoped.get(action="trust.update").details["changed"]


def test_a_platform_superuser_creates_a_trust_from_the_default_preset(client):
    from ..factories import UserFactory

    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    data = {
        "name": "New Trust",
        "slug": "new-trust",
        "central_team_name": "Central team",
        "process_name": "Appraisal",
        "reviewer_term": "reviewer",
        "reviewee_term": "reviewee",
        "objectives_term": "objectives",
        "support_plan_term": "support plan",
    }
    assert client.post("/admin/trusts/trust/add/", data).status_code == 302
    from trusts.models import Policy

    assert Policy.objects_unscoped.get(trust__slug="new-trust").preset == "dfe_2024"
