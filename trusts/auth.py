"""Sign-in rules: no public sign-up; social sign-in only for a verified email HR already knows."""

from allauth.account.adapter import DefaultAccountAdapter
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from django.http import HttpRequest

from .models import User


class AccountAdapter(DefaultAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False  # HR invites staff; nobody signs themselves up.


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin) -> bool:
        return False

    def pre_social_login(self, request: HttpRequest, sociallogin) -> None:
        """Microsoft or Google: match a verified email to an existing account, or refuse."""
        if sociallogin.is_existing:
            return
        verified = [e.email.lower() for e in sociallogin.email_addresses if e.verified]
        user = User.objects.filter(email__in=verified, is_active=True).first()
        if user is not None:
            sociallogin.connect(request, user)
