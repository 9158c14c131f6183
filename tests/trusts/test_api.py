import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from trusts.models import AuditEvent, StaffMember

from ..factories import ParticipantFactory

pytestmark = pytest.mark.django_db


def api_as(user, trust_slug=None) -> APIClient:
    client = APIClient()
    token, _ = Token.objects.get_or_create(user=user)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}", **({"HTTP_X_TRUST": trust_slug} if trust_slug else {}))
    return client


def test_hr_lists_only_their_trusts_staff(world_a, world_b):
    response = api_as(world_a.hr.user).get("/api/v1/staff/")
    assert response.status_code == 200
    emails = {row["email"] for row in response.json()["results"]}
    assert world_a.teacher.user.email in emails
    assert world_b.teacher.user.email not in emails


def test_a_teacher_sees_only_themselves(world_a):
    response = api_as(world_a.teacher.user).get("/api/v1/staff/")
    assert [row["email"] for row in response.json()["results"]] == [world_a.teacher.user.email]


def test_the_list_query_count_does_not_grow_with_staff(world_a):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import StaffMemberFactory

    client = api_as(world_a.hr.user)
    client.get("/api/v1/staff/")  # warm up: the first request of a session does one-off work
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/staff/")
    StaffMemberFactory.create_batch(20, trust=world_a.trust, school=world_a.school, line_manager=world_a.principal)
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/staff/").json()["results"]) == 25
    assert len(many) == len(few) <= 30


def test_hr_creates_a_member_of_staff_and_it_is_audited(world_a):
    payload = {
        "email": "new.teacher@example.org",
        "first_name": "Nia",
        "last_name": "Cole",
        "school": world_a.school.pk,
        "job_title": "Teacher",
        "staff_group": "teacher",
        "starts_on": "2025-09-01",
        "line_manager": world_a.principal.pk,
    }
    response = api_as(world_a.hr.user).post("/api/v1/staff/", payload, format="json")
    assert response.status_code == 201, response.json()
    staff = StaffMember.objects_unscoped.get(user__email="new.teacher@example.org")
    assert staff.trust == world_a.trust and staff.line_manager == world_a.principal
    assert AuditEvent.objects_unscoped.filter(action="staff.create", target_id=str(staff.pk)).exists()


def test_bad_payload_is_a_400_with_field_errors_and_nothing_saved(world_a, world_b):
    payload = {
        "email": "x@example.org",
        "first_name": "X",
        "last_name": "Y",
        "school": world_b.school.pk,
        "job_title": "Teacher",
        "staff_group": "wizard",
        "starts_on": "31/31/2025",
    }
    response = api_as(world_a.hr.user).post("/api/v1/staff/", payload, format="json")
    assert response.status_code == 400
    errors = response.json()
    assert {"school", "staff_group", "starts_on"} <= set(errors)
    assert not StaffMember.objects_unscoped.filter(user__email="x@example.org").exists()


def test_model_rules_come_back_as_field_errors(world_a):
    payload = {
        "email": "c@example.org",
        "first_name": "C",
        "last_name": "D",
        "school": world_a.school.pk,
        "job_title": "CFO",
        "staff_group": "central",
        "starts_on": "2025-09-01",
    }
    response = api_as(world_a.hr.user).post("/api/v1/staff/", payload, format="json")
    assert response.status_code == 400
    assert "central team" in response.json()["school"][0]


def test_only_hr_may_add_staff(world_a):
    payload = {
        "email": "z@example.org",
        "first_name": "Z",
        "last_name": "Z",
        "job_title": "T",
        "staff_group": "teacher",
        "school": world_a.school.pk,
        "starts_on": "2025-09-01",
    }
    assert api_as(world_a.teacher.user).post("/api/v1/staff/", payload, format="json").status_code == 403


def test_a_person_in_two_trusts_names_one_with_x_trust(world_a, world_b):
    user = world_a.teacher.user
    ParticipantFactory(trust=world_b.trust, user=user)
    assert api_as(user).get("/api/v1/schools/").status_code == 400
    names = [s["name"] for s in api_as(user, "birch").get("/api/v1/schools/").json()["results"]]
    assert names == []  # a participant in Birch leads no school there
    assert api_as(user, "no-such-trust").get("/api/v1/schools/").status_code == 404


def test_anonymous_gets_401(world_a):
    assert APIClient().get("/api/v1/staff/").status_code == 401


def test_schema_and_docs_are_served(world_a, signed_in):
    client = signed_in(world_a.hr.user)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/staff/" in schema.content
    assert client.get("/api/docs/").status_code == 200
