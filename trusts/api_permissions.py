"""API permission shared by every app's endpoints."""

from rest_framework import permissions


class IsTrustMember(permissions.BasePermission):
    """Signed in and working in a trust; object checks use the app's ``rules``."""

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated and getattr(request, "membership", None))
