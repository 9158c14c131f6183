from django.http import HttpRequest

from .models import StaffMember


def trust(request: HttpRequest) -> dict:
    """The trust and person in view, on every page."""
    t = getattr(request, "trust", None)
    return {
        # Counted by TrustMiddleware inside the trust's scope: templates can also be rendered
        # after it (in on-commit hooks), where no query of a tenant table may run.
        "unread_notifications": getattr(request, "unread_notifications", 0),
        "trust": t,
        "membership": getattr(request, "membership", None),
        "staff_groups": StaffMember.Group.choices,
        "available_trusts": getattr(request, "available_trusts", []),
        "words": {
            "process": t.process_name if t else "Appraisal",
            "reviewer": t.reviewer_term if t else "reviewer",
            "reviewee": t.reviewee_term if t else "reviewee",
            "objectives": t.objectives_term if t else "objectives",
            "support_plan": t.support_plan_term if t else "support plan",
            "central_team": t.central_team_name if t else "Central team",
        },
    }
