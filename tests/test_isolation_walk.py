"""The isolation walk: every route of the project, as every role of trust A, against trust B.

A route that takes an object must be listed in OBJECT_ROUTES (how to point it at trust B's
object) or in NOT_TENANT_OBJECTS (why its parameter is no tenant object). A route added later
without either makes ``test_every_route_is_covered`` fail.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from django.contrib.admindocs.views import extract_views_from_urlpatterns
from django.test import Client
from django.urls import get_resolver, reverse

from trusts.admin import admin_site
from trusts.models import (
    AuditEvent,
    ClosureDay,
    Participant,
    Policy,
    RoleAssignment,
    School,
    StaffMember,
    Term,
    Trust,
    User,
)

from .conftest import TrustWorld
from .factories import AuditEventFactory, ParticipantFactory, RoleAssignmentFactory, StaffMemberFactory

# Route name -> how to fill its parameters with trust B's object.
OBJECT_ROUTES = {
    "school_detail": lambda b: {"pk": b.school.pk},
    "staff_detail": lambda b: {"pk": b.teacher.pk},
    "school-detail": lambda b: {"pk": b.school.pk},
    "staff-detail": lambda b: {"pk": b.teacher.pk},
    "school_calendar": lambda b: {"pk": b.school.pk, "year": 2026},
    "objection_raise": lambda b: {"pk": _unscoped("Appraisal", cycle=_b_cycle(b)).pk},
    "panel_edit": lambda b: {"pk": _unscoped("Appraisal", cycle=_b_cycle(b)).pk},
    "appraisal-reviewer": lambda b: {"pk": _unscoped("Appraisal", cycle=_b_cycle(b)).pk},
    "appraisal-objection": lambda b: {"pk": _unscoped("Appraisal", cycle=_b_cycle(b)).pk},
    "appraisal-panel": lambda b: {"pk": _unscoped("Appraisal", cycle=_b_cycle(b)).pk},
    "objection-detail": lambda b: {"pk": _b_objection(b).pk},
    "objection-decide": lambda b: {"pk": _b_objection(b).pk},
    "cover-detail": lambda b: {"pk": _b_cover(b).pk},
    "term-detail": lambda b: {"pk": b_object(Term, b).pk},
    "closure-detail": lambda b: {"pk": b_object(ClosureDay, b).pk},
    "cycle_detail": lambda b: {"pk": _b_cycle(b).pk},
    "cycle-detail": lambda b: {"pk": _b_cycle(b).pk},
    "cycle-close": lambda b: {"pk": _b_cycle(b).pk},
    "appraisal-detail": lambda b: {"pk": _unscoped("Appraisal", cycle=_b_cycle(b)).pk},
    "deadline-detail": lambda b: {"pk": _unscoped("Deadline", appraisal__cycle=_b_cycle(b)).pk},
    "notification-detail": lambda b: {"pk": _b_notification(b).pk},
    "cycle_close": lambda b: {"pk": _b_cycle(b).pk},
    "policy-detail": lambda b: {"pk": Policy.objects_unscoped.filter(trust=b.trust).first().pk},
    "admin:view_on_site": lambda b: {"content_type_id": _ct(StaffMember), "object_id": b.teacher.pk},
    "admin:auth_user_password_change": lambda b: {"id": b.teacher.user.pk},
}
# Parameters that do not name a tenant object, and why.
NOT_TENANT_OBJECTS = {
    "account_confirm_email": "an email-confirmation key, not a record",
    "account_reset_password_from_key": "a password-reset key, checked by allauth",
    "admin:app_list": "an app label; walked with app_label=trusts",
    "api-root": "the API index in another format",
    "trust_calendar": "a year; walked with year=2026 (the page shows the trust's own calendar)",
}
PARAMETERLESS_FILL = {
    "admin:app_list": {"app_label": "trusts"},
    "api-root": {"format": "json"},
    "trust_calendar": {"year": 2026},
}


def _b_cycle(b: TrustWorld):
    from appraisals import services
    from appraisals.models import Cycle
    from trusts.tenancy import trust_scope

    cycle = Cycle.objects_unscoped.filter(trust=b.trust).first()
    if cycle is None:
        with trust_scope(b.trust):
            cycle = services.cycle_populate(
                cycle=services.cycle_open(trust=b.trust, staff_group="teacher", starting_year=2025)
            )
    return cycle


def _unscoped(model_name: str, **filters):
    from django.apps import apps

    return apps.get_model("appraisals", model_name).objects_unscoped.filter(**filters).first()


def _b_objection(b: TrustWorld):
    from appraisals.models import ReviewerObjection

    appraisal = _unscoped("Appraisal", cycle=_b_cycle(b))
    return ReviewerObjection.objects_unscoped.filter(
        appraisal=appraisal
    ).first() or ReviewerObjection.objects_unscoped.create(trust=b.trust, appraisal=appraisal, reason="Birch only")


def _b_cover(b: TrustWorld):
    from appraisals.models import ReviewerCover

    return ReviewerCover.objects_unscoped.filter(trust=b.trust).first() or ReviewerCover.objects_unscoped.create(
        trust=b.trust, absent=b.principal, delegate=b.teacher, starts_on=date(2026, 1, 1), ends_on=date(2026, 1, 2)
    )


def _b_notification(b: TrustWorld):
    from trusts.models import Notification

    return Notification.objects_unscoped.filter(trust=b.trust).first() or Notification.objects_unscoped.create(
        trust=b.trust, user=b.teacher.user, title="Birch only"
    )


def _ct(model) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(model).pk


def all_routes() -> list[tuple[str, set[str]]]:
    routes = []
    for _view, regex, namespace, name in extract_views_from_urlpatterns(get_resolver().url_patterns):
        if not name:
            continue
        namespace = ":".join(namespace) if isinstance(namespace, list) else namespace
        full = f"{namespace}:{name}" if namespace else name
        params = set(re.findall(r"\(\?P<(\w+)>", regex)) | set(re.findall(r"<(?:\w+:)?(\w+)>", regex))
        routes.append((full, params - {"format"} if full != "api-root" else params))
    return sorted({(n, frozenset(p)) for n, p in routes})


def admin_object_routes() -> dict[str, type]:
    """Every registered admin model's object pages."""
    out = {}
    for model in admin_site._registry:
        for page in ("change", "history", "delete"):
            out[f"admin:{model._meta.app_label}_{model._meta.model_name}_{page}"] = model
    return out


def b_object(model, b: TrustWorld):
    return {
        School: b.school,
        StaffMember: b.teacher,
        Trust: b.trust,
        User: b.teacher.user,
        Participant: Participant.objects_unscoped.filter(trust=b.trust).first(),
        RoleAssignment: RoleAssignment.objects_unscoped.filter(trust=b.trust).first(),
        AuditEvent: AuditEvent.objects_unscoped.filter(trust=b.trust).first() or AuditEventFactory(trust=b.trust),
        Policy: Policy.objects_unscoped.filter(trust=b.trust).first(),
        Term: Term.objects_unscoped.filter(trust=b.trust).first()
        or Term.objects_unscoped.create(
            trust=b.trust,
            school=b.school,
            academic_year=2026,
            name="autumn",
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 12, 18),
            half_term_starts_on=date(2026, 10, 26),
            half_term_ends_on=date(2026, 10, 30),
        ),
        ClosureDay: ClosureDay.objects_unscoped.filter(trust=b.trust).first()
        or ClosureDay.objects_unscoped.create(trust=b.trust, school=b.school, date=date(2026, 11, 2)),
    }[model]


def test_every_route_is_covered():
    admin_routes = admin_object_routes()
    uncovered = [
        name
        for name, params in all_routes()
        if params
        and name not in OBJECT_ROUTES
        and name not in NOT_TENANT_OBJECTS
        and name not in admin_routes
        and not name.startswith("socialaccount")
        and not name.endswith(("_callback", "_login"))
    ]
    assert uncovered == [], f"routes with parameters but no isolation entry: {uncovered}"


def b_markers(b: TrustWorld) -> list[str]:
    return [b.trust.name, b.school.name, b.teacher.user.email, b.principal.user.email]


@pytest.fixture
def walkers(world_a, world_b):
    """Every role of trust A, plus someone in both trusts working in A."""
    AuditEventFactory(trust=world_b.trust)
    both = StaffMemberFactory(trust=world_a.trust, school=world_a.school).user
    ParticipantFactory(trust=world_b.trust, user=both, kind=Participant.Kind.EXTERNAL_ADVISER)
    RoleAssignmentFactory(trust=world_b.trust, user=both, role=RoleAssignment.Role.TRUSTEE)
    users = world_a.users_by_role()
    users["in_both_trusts_working_in_a"] = both
    clients = {}
    for role, user in users.items():
        client = Client()
        client.force_login(user)
        session = client.session
        session["trust_id"] = world_a.trust.pk
        session.save()
        clients[role] = client
    return clients


def object_urls(b: TrustWorld) -> list[str]:
    urls = []
    for name, params in all_routes():
        if name in OBJECT_ROUTES:
            kwargs = OBJECT_ROUTES[name](b)
            if "format" in params:
                kwargs["format"] = "json"
            if set(kwargs) == set(params) | ({"format"} if "format" in params else set()):
                urls.append(reverse(name, kwargs=kwargs))
    for name, model in admin_object_routes().items():
        urls.append(reverse(name, kwargs={"object_id": b_object(model, b).pk}))
    return sorted(set(urls))


@pytest.mark.django_db
def test_trust_a_roles_get_404_for_every_trust_b_object(world_a, world_b, walkers):
    urls = object_urls(world_b)
    assert len(urls) >= 20
    failures = []
    for role, client in walkers.items():
        for url in urls:
            if url.endswith(("/close/", "/objection/", "/reviewer/", "/decide/")):  # actions: POST only
                methods = ("post",)
            elif url.endswith("/panel/") and url.startswith("/api/"):
                methods = ("put",)
            elif "/admin/" in url:
                methods = ("get", "post")
            elif url.startswith("/api/v1/staff/"):
                methods = ("get", "patch")
            elif url.startswith("/api/v1/closures/"):
                methods = ("get", "delete")
            else:
                methods = ("get",)
            for method in methods:
                response = (
                    getattr(client, method)(url, content_type="application/json")
                    if method in ("patch", "put")
                    else getattr(client, method)(url)
                )
                if response.status_code != 404:
                    failures.append(f"{role} {method.upper()} {url} -> {response.status_code}")
    assert failures == []
    print(f"\nisolation walk: {len(urls)} object routes x {len(walkers)} roles")


@pytest.mark.django_db
def test_pages_without_objects_never_show_trust_b(world_a, world_b, walkers):
    failures = []
    pages = [
        reverse(name, kwargs=PARAMETERLESS_FILL.get(name))
        for name, params in all_routes()
        if (not params or name in PARAMETERLESS_FILL)
        and not name.startswith(("socialaccount", "google", "microsoft"))
        and name not in ("account_logout", "admin:logout")
    ]
    for role, client in walkers.items():
        for url in pages:
            response = client.get(url, follow=False)
            if response.status_code >= 500:
                failures.append(f"{role} {url} -> {response.status_code}")
                continue
            body = response.content.decode(errors="ignore") if not getattr(response, "streaming", False) else ""
            leaked = [m for m in b_markers(world_b) if m in body]
            if role == "in_both_trusts_working_in_a" and url == reverse("trust_choose"):
                leaked = [m for m in leaked if m != world_b.trust.name]  # their own choice of trusts
            if leaked:
                failures.append(f"{role} {url} shows {leaked}")
    assert failures == []
    print(f"\nisolation walk: {len(pages)} pages without objects x {len(walkers)} roles")


@pytest.mark.django_db
def test_anonymous_is_sent_to_sign_in_or_refused(world_b):
    client = Client()
    for url in object_urls(world_b):
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code == 401, url
        else:
            assert response.status_code == 302, url
            assert "login" in response["Location"], url
