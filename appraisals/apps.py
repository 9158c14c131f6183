from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "appraisals"
    verbose_name = "Appraisals"

    def ready(self) -> None:
        from trusts.demo import register_demo_step
        from trusts.home import register_panel

        from . import permissions, signals  # noqa: F401
        from .views import home_panel

        register_panel(home_panel)
        from .demo import open_current_cycles

        register_demo_step(open_current_cycles)
