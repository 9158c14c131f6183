"""Every request runs in one transaction, as the app role, inside the chosen trust's scope."""

from __future__ import annotations

import re
import uuid

from django.db import transaction
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

from . import context, tenancy
from .selectors import membership_for, trusts_for_user

SESSION_KEY = "trust_id"
# Pages a signed-in person can reach before choosing a trust.
TRUSTLESS_PATHS = re.compile(r"^/(accounts/|trusts/choose/|static/|healthz|api/schema/|api/docs/|favicon)")
# Pages a leader can reach before setting up two-factor sign-in.
MFA_SETUP_PATHS = re.compile(r"^/(accounts/|static/|trusts/choose/|healthz)")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        incoming = request.headers.get("X-Request-ID", "")
        rid = incoming if re.fullmatch(r"[A-Za-z0-9._-]{8,64}", incoming) else uuid.uuid4().hex
        request.request_id = rid
        tokens = (context.request_id.set(rid), context.client_ip.set(request.META.get("REMOTE_ADDR")))
        try:
            response = self.get_response(request)
        finally:
            context.request_id.reset(tokens[0])
            context.client_ip.reset(tokens[1])
        response["X-Request-ID"] = rid
        return response


class ApiTokenMiddleware:
    """Token-authenticated API calls are known before the trust is chosen, like sessions."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        header = request.headers.get("Authorization", "")
        if header.startswith("Token ") and request.path.startswith("/api/"):
            from rest_framework.authtoken.models import Token

            token = Token.objects.select_related("user").filter(key=header[6:].strip()).first()
            if token and token.user.is_active:
                request.user = token.user
                request._dont_enforce_csrf_checks = True
        return self.get_response(request)


def _is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


class TrustMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.trust = None
        request.membership = None
        request.available_trusts = []
        user = request.user
        if not user.is_authenticated:
            return self._respond(request, tenancy.no_trust_scope())
        with tenancy.user_lookup(user.pk):
            trusts = list(trusts_for_user(user=user))
        request.available_trusts = trusts
        if user.is_superuser and request.path.startswith("/admin/"):
            return self._respond(request, tenancy.platform_scope())
        trust, problem = self._choose(request, trusts)
        if problem is not None:
            return problem
        if trust is None:
            return self._respond(request, tenancy.no_trust_scope())
        request.trust = trust
        return self._respond(request, tenancy.trust_scope(trust, user_id=user.pk), enter_membership=True)

    def _choose(self, request: HttpRequest, trusts: list):
        by_id = {t.pk: t for t in trusts}
        slug = request.headers.get("X-Trust") if _is_api(request) else None
        if slug:
            match = [t for t in trusts if t.slug == slug]
            if not match:
                return None, JsonResponse({"detail": "Not found."}, status=404)
            return match[0], None
        chosen = by_id.get(request.session.get(SESSION_KEY))
        if chosen is None and len(trusts) == 1:
            chosen = trusts[0]
            request.session[SESSION_KEY] = chosen.pk
        if chosen is None and len(trusts) > 1 and not TRUSTLESS_PATHS.match(request.path):
            if _is_api(request):
                return None, JsonResponse(
                    {"detail": "You work in more than one trust: name one with the X-Trust header."}, status=400
                )
            return None, redirect(f"{reverse('trust_choose')}?next={request.get_full_path()}")
        return chosen, None

    def _respond(self, request: HttpRequest, scope, enter_membership: bool = False) -> HttpResponse:
        with scope:
            token = None
            if enter_membership:
                request.membership = membership_for(user=request.user, trust=request.trust)
                request.user.membership = request.membership
                token = context.membership.set(request.membership)
                if not _is_api(request):
                    from .models import Notification

                    request.unread_notifications = Notification.objects.filter(user=request.user, read_at=None).count()
            try:
                response = (self._needs_mfa_setup(request) if enter_membership else None) or self.get_response(request)
            finally:
                if token is not None:
                    context.membership.reset(token)
            if response.status_code >= 500:
                transaction.set_rollback(True)
            return response

    def _needs_mfa_setup(self, request: HttpRequest) -> HttpResponse | None:
        if not (request.trust.mfa_required_for_leaders and request.membership.is_leader):
            return None
        if MFA_SETUP_PATHS.match(request.path):
            return None
        from allauth.mfa.models import Authenticator

        if Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists():
            return None
        if _is_api(request):
            return JsonResponse({"detail": "Your trust asks leaders to set up two-factor sign-in first."}, status=403)
        from django.contrib import messages

        messages.info(
            request,
            f"{request.trust.name} asks leaders and HR to use two-factor sign-in. "
            "Set up an authenticator app to continue.",
        )
        return redirect("mfa_activate_totp")
