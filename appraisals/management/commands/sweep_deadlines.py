from datetime import date

from django.core.management.base import BaseCommand

from appraisals.deadlines import sweep


class Command(BaseCommand):
    help = "Run the deadline sweep now, without a broker: reminders, overdue notices, escalations."

    def add_arguments(self, parser):
        parser.add_argument("--today", type=date.fromisoformat, help="Sweep as if it were this date (YYYY-MM-DD).")

    def handle(self, *args, today=None, **options):
        counts = sweep(today=today)
        self.stdout.write(
            f"Sent {counts['reminder']} reminders, {counts['overdue']} overdue notices, "
            f"{counts['escalated']} escalations."
        )
