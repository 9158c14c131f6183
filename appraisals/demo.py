"""The appraisals part of the demo: each trust's current year is open and swept, so reminders wait."""

from datetime import date

from trusts.models import StaffMember, Trust
from trusts.policy.schema import cycle_span
from trusts.selectors import policy_current
from trusts.tenancy import trust_scope

from .deadlines import sweep
from .models import Cycle
from .services import cycle_open, cycle_populate


def open_current_cycles(*, today: date) -> None:
    for trust in Trust.objects.order_by("pk"):
        with trust_scope(trust):
            rules = policy_current(trust=trust).rules
            for group in StaffMember.Group.values:
                rule = rules.cycle_rule_for(staff_group=group)
                year = today.year if cycle_span(rule, starting_year=today.year)[0] <= today else today.year - 1
                cycle = cycle_open(trust=trust, staff_group=group, starting_year=year)
                if cycle.status == Cycle.Status.OPENING:
                    cycle_populate(cycle=cycle)
    sweep(today=today)
