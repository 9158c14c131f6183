"""Home-page panels. Apps to the right of ``trusts`` register what they add to a person's home,
so ``trusts`` never imports them (DESIGN: dependencies run one way)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest

Panel = Callable[[HttpRequest], dict | None]
PANELS: list[Panel] = []


def register_panel(panel: Panel) -> Panel:
    if panel not in PANELS:
        PANELS.append(panel)
    return panel


def panels_for(request: HttpRequest) -> list[dict]:
    """Each panel returns a dict with its ``template`` and context, or None to show nothing."""
    return [p for p in (panel(request) for panel in PANELS) if p]
