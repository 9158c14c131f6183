from django.core.management.base import BaseCommand
from django.utils import timezone

from trusts.demo import seed_demo


class Command(BaseCommand):
    help = "Create the four demo trusts (one per seed policy) with staff and sign-ins. Safe to run twice."

    def handle(self, *args, **options):
        from django.conf import settings

        sign_ins = seed_demo(today=timezone.localdate())
        self.stdout.write(self.style.SUCCESS("Demo data is ready. Sign in at http://127.0.0.1:8000/"))
        self.stdout.write(f"Password for every demo account: {settings.SEED_DEMO_PASSWORD}")
        width = max(len(t) for t, _, _ in sign_ins)
        for trust, role, email in sign_ins:
            self.stdout.write(f"  {trust:<{width}}  {role:<30}  {email}")
