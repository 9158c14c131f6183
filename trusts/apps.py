from django.apps import AppConfig
from django.db.models.signals import post_migrate


class TrustsConfig(AppConfig):
    name = "trusts"
    verbose_name = "Trusts and people"

    def ready(self) -> None:
        from . import permissions, signals  # noqa: F401

        post_migrate.connect(_install_rls, sender=self, dispatch_uid="trusts.install_rls")


def _install_rls(sender, using="default", **kwargs) -> None:
    from . import rls

    rls.install(using)
