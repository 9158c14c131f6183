"""The policy is data: versioned, validated, explained in plain words, and in the API."""

import pytest
from django.core.exceptions import ValidationError
from rest_framework.test import APIClient

from trusts import services
from trusts.models import Policy
from trusts.policy.presets import preset
from trusts.tenancy import trust_scope

from ..factories import TrustFactory

pytestmark = pytest.mark.django_db


def test_a_new_trust_starts_from_its_preset():
    trust = services.trust_create(name="New Trust", slug="new", preset="cl")
    policy = Policy.objects_unscoped.get(trust=trust)
    assert (policy.version, policy.preset) == (1, "cl")
    assert policy.rules.trust_objective_for == ["teacher"]


def test_revising_makes_a_new_version_and_the_old_one_is_kept():
    trust = services.trust_create(name="New Trust", slug="new", preset="net")
    settings = preset("net").to_json() | {"feedback_within_days": 3}
    with trust_scope(trust):
        new = services.policy_revise(trust=trust, settings=settings, note="Feedback faster")
    versions = {p.version: p.rules.feedback_within_days for p in Policy.objects_unscoped.filter(trust=trust)}
    assert versions == {1: 5, 2: 3} and new.version == 2


def test_a_saved_version_cannot_be_changed():
    trust = services.trust_create(name="New Trust", slug="new", preset="net")
    policy = Policy.objects_unscoped.get(trust=trust)
    policy.note = "tampered"
    with pytest.raises(ValidationError, match="never changed"):
        policy.save()


def test_impossible_settings_are_explained_and_nothing_is_saved():
    trust = services.trust_create(name="New Trust", slug="new", preset="cl")
    bad = preset("cl").to_json() | {"support_plan_extension_max_weeks": 5, "support_plan_min_weeks": 10}
    with trust_scope(trust), pytest.raises(ValidationError) as error:
        services.policy_revise(trust=trust, settings=bad, note="oops")
    messages = error.value.message_dict
    assert (
        "cannot exceed 4 weeks when the monitoring period is at most 8"
        in messages["support_plan_extension_max_weeks"][0]
    )
    assert "cannot be longer than the longest" in messages["support_plan_min_weeks"][0]
    assert Policy.objects_unscoped.filter(trust=trust).count() == 1


def test_a_staff_group_without_a_cycle_is_refused():
    settings = preset("wh")
    settings.cycles = [c for c in settings.cycles if c.applies_to != "support"]
    with pytest.raises(ValidationError, match="none is set for: support"):
        settings.validate()


def test_no_pay_deadline_when_pay_is_not_linked():
    settings = preset("wh")
    settings.cycles[0].pay_decision_due = "10-31"
    with pytest.raises(ValidationError, match="no pay decision"):
        settings.validate()


def test_every_member_reads_the_policy_in_the_trusts_words(world_a, signed_in):
    body = signed_in(world_a.teacher.user).get("/policy/").content.decode()
    assert "the year runs from 1 October to 30 September" in body  # WH preset in the test world
    assert "Complete your self-reflection by 15 October." in body
    assert (
        "No more than 3 performance expectations are recommended." in body
        or "No more than 3 objectives are recommended." in body
    )
    assert "Pay is not linked to" in body


def test_net_words_say_feedback_within_five_working_days():
    from trusts.policy.words import plain_words

    sections = plain_words(
        preset("net"),
        terms={
            "process": "Professional Learning",
            "reviewer": "reviewer",
            "objectives": "objectives",
            "support_plan": "Support and Challenge programme",
        },
    )
    text = " ".join(line for s in sections for line in s.lines)
    assert "Feedback within 5 working days of an observation" in text
    assert "Your reports are due by 31 October" in text or "reports are due by 31 October" in text
    assert "A Support and Challenge programme lasts at most 6 weeks." in text


def test_hr_revises_the_policy_in_admin(world_a, signed_in):
    client = signed_in(world_a.hr.user)
    form = client.get("/admin/trusts/policy/revise/").context["form"]
    data = {
        name: field.initial
        for name, field in form.fields.items()
        if field.initial is not None and field.initial is not False
    }
    data |= {"note": "Four check-ins", "checkins_min_per_year": "4"}
    response = client.post("/admin/trusts/policy/revise/", data)
    assert response.status_code == 302, response.context["form"].errors
    latest = Policy.objects_unscoped.filter(trust=world_a.trust).order_by("-version").first()
    assert (latest.version, latest.rules.checkins_min_per_year, latest.note) == (2, 4, "Four check-ins")


def test_bad_settings_in_admin_are_shown_next_to_the_field(world_a, signed_in):
    client = signed_in(world_a.hr.user)
    form = client.get("/admin/trusts/policy/revise/").context["form"]
    data = {
        name: field.initial
        for name, field in form.fields.items()
        if field.initial is not None and field.initial is not False
    }
    data |= {"note": "bad", "checkins_min_per_year": "1", "cycles": "[not json"}
    response = client.post("/admin/trusts/policy/revise/", data)
    errors = response.context["form"].errors
    assert "not valid JSON" in str(errors["cycles"])
    assert Policy.objects_unscoped.filter(trust=world_a.trust).count() == 1


def test_api_current_policy_and_hr_revision(world_a, world_b):
    api = APIClient()
    api.force_authenticate(world_a.teacher.user)
    api.force_login(world_a.teacher.user)
    current = api.get("/api/v1/policy/current/").json()
    assert current["version"] == 1 and current["plain_words"][0]["title"] == "Who it applies to"
    assert api.post("/api/v1/policy/revise/", {}, format="json").status_code == 403
    hr = APIClient()
    hr.force_login(world_a.hr.user)
    bad = hr.post(
        "/api/v1/policy/revise/",
        {"note": "x", "settings": {**current["settings"], "retention_years": 0}},
        format="json",
    )
    assert bad.status_code == 400 and "retention_years" in bad.json()
    good = hr.post(
        "/api/v1/policy/revise/",
        {"note": "x", "settings": {**current["settings"], "retention_years": 7}},
        format="json",
    )
    assert good.status_code == 201 and good.json()["version"] == 2


def test_another_trusts_policy_is_a_404_in_the_api(world_a, world_b):
    api = APIClient()
    api.force_login(world_a.hr.user)
    their = Policy.objects_unscoped.get(trust=world_b.trust)
    assert api.get(f"/api/v1/policy/{their.pk}/").status_code == 404


def test_presets_can_be_adopted_as_a_new_version():
    trust = TrustFactory()
    with trust_scope(trust):
        services.policy_adopt_preset(trust=trust, preset="wh")
        services.policy_adopt_preset(trust=trust, preset="net")
        with pytest.raises(ValidationError, match="Choose one of the presets"):
            services.policy_adopt_preset(trust=trust, preset="nonsense")
    assert list(Policy.objects_unscoped.filter(trust=trust).values_list("version", "preset")) == [(2, "net"), (1, "wh")]
