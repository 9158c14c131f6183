import pytest
from django.core import mail

from trusts.models import AuditEvent

from ..factories import ParticipantFactory, TrustFactory

pytestmark = pytest.mark.django_db


def test_teacher_home_shows_their_post_and_no_cycle_yet(world_a, signed_in):
    body = signed_in(world_a.teacher.user).get("/").content.decode()
    assert world_a.teacher.job_title in body
    assert "No professional growth cycle is open for you yet" in body
    assert world_a.principal.user.get_full_name() in body  # their line manager


def test_hr_home_counts_staff_by_group(world_a, signed_in):
    response = signed_in(world_a.hr.user).get("/")
    assert response.context["counts"] == {"central": 1, "executive": 1, "leadership": 1, "teacher": 1, "support": 1}


def test_principal_sees_their_school_and_staff(world_a, signed_in):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..factories import StaffMemberFactory

    client = signed_in(world_a.principal.user)
    client.get(f"/schools/{world_a.school.pk}/")  # warm up: the first request of a session does one-off work
    with CaptureQueriesContext(connection) as few:
        body = client.get(f"/schools/{world_a.school.pk}/").content.decode()
    assert world_a.teacher.user.get_full_name() in body
    StaffMemberFactory.create_batch(15, trust=world_a.trust, school=world_a.school, line_manager=world_a.principal)
    with CaptureQueriesContext(connection) as many:
        client.get(f"/schools/{world_a.school.pk}/")
    assert len(many) == len(few) <= 30


def test_teacher_cannot_see_a_colleagues_record(world_a, signed_in):
    assert signed_in(world_a.teacher.user).get(f"/staff/{world_a.support.pk}/").status_code == 404


def test_staff_filter_works_without_javascript(world_a, signed_in):
    body = signed_in(world_a.hr.user).get("/staff/", {"staff_group": "support"}).content.decode()
    assert world_a.support.user.get_full_name() in body
    assert world_a.teacher.user.get_full_name() not in body


def test_bad_filter_value_is_explained_next_to_the_field(world_a, signed_in):
    response = signed_in(world_a.hr.user).get("/staff/", {"staff_group": "wizard"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


def test_a_person_in_two_trusts_chooses_and_the_choice_is_shown(world_a, world_b, signed_in):
    user = world_a.teacher.user
    ParticipantFactory(trust=world_b.trust, user=user)
    client = signed_in(user)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/trusts/choose/")
    response = client.post("/trusts/choose/", {"trust": world_b.trust.pk, "next": "/"})
    assert response.status_code == 302
    body = client.get("/").content.decode()
    assert "Birch Trust" in body and "Switch trust" in body


def test_choosing_a_trust_you_are_not_in_is_refused(world_a, world_b, signed_in):
    response = signed_in(world_a.teacher.user).post("/trusts/choose/", {"trust": world_b.trust.pk})
    assert response.status_code == 400
    assert "Choose one of your trusts" in response.content.decode()


def test_leaders_are_sent_to_set_up_mfa_when_the_trust_requires_it(world_a, signed_in):
    world_a.trust.mfa_required_for_leaders = True
    world_a.trust.save()
    response = signed_in(world_a.principal.user).get("/")
    assert response.status_code == 302 and response["Location"] == "/accounts/2fa/totp/activate/"
    assert signed_in(world_a.teacher.user).get("/").status_code == 200  # not a leader


def test_signing_in_is_audited_in_the_persons_trust(world_a, client):
    from ..factories import TEST_PASSWORD

    response = client.post("/accounts/login/", {"login": world_a.teacher.user.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    event = AuditEvent.objects_unscoped.get(action="account.sign_in")
    assert event.trust == world_a.trust and event.actor == world_a.teacher.user
    assert event.ip == "127.0.0.1" and event.request_id


def test_repeated_failed_sign_ins_lock_the_account(world_a, client, settings):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        client.post("/accounts/login/", {"login": world_a.teacher.user.email, "password": "wrong-password"})
    from ..factories import TEST_PASSWORD

    response = client.post("/accounts/login/", {"login": world_a.teacher.user.email, "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Sign-in paused" in response.content.decode()


def test_password_reset_sends_a_link_not_content(world_a, client):
    client.post("/accounts/password/reset/", {"email": world_a.teacher.user.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_there_is_no_public_sign_up(client):
    TrustFactory()
    body = client.get("/accounts/signup/").content.decode()
    assert "Sign Up Closed" in body or "closed" in body.lower()


def test_a_person_issues_uses_and_revokes_their_api_token(world_a, signed_in):
    from rest_framework.test import APIClient

    client = signed_in(world_a.teacher.user)
    body = client.post("/settings/api-token/", {"action": "issue"}).content.decode()
    key = body.split('id="api-token-key">')[1].split("<")[0]
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get("/api/v1/staff/").status_code == 200
    assert "copy it now" not in client.get("/settings/api-token/").content.decode()  # shown once
    client.post("/settings/api-token/", {"action": "revoke"})
    assert api.get("/api/v1/staff/").status_code == 401
    actions = list(AuditEvent.objects_unscoped.filter(action__startswith="api_token").values_list("action", flat=True))
    assert sorted(actions) == ["api_token.issue", "api_token.revoke"]
