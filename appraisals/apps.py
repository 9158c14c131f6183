from django.apps import AppConfig


class AppraisalsConfig(AppConfig):
    name = "appraisals"
    verbose_name = "Appraisals"

    def ready(self) -> None:
        from . import permissions  # noqa: F401
