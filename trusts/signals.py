"""Sign-in events go to the audit trail of each trust the person belongs to."""

from django.contrib.auth.signals import user_logged_in
from django.dispatch import Signal, receiver

from . import audit, tenancy
from .selectors import trusts_for_user


@receiver(user_logged_in, dispatch_uid="trusts.audit_sign_in")
def audit_sign_in(sender, request, user, **kwargs) -> None:
    with tenancy.user_lookup(user.pk):
        trusts = list(trusts_for_user(user=user))
    for trust in trusts:
        with tenancy.trust_scope(trust, user_id=user.pk):
            audit.record(actor=user, action="account.sign_in", target=user, trust=trust)


# Apps to the right of trusts react to changes in people without trusts importing them.
staff_joined = Signal()  # sender=StaffMember, staff=
staff_post_changed = Signal()  # staff=, before={"staff_group":..., "school_id":...}
staff_leaving = Signal()  # staff=, on=date
