"""The trust's policy as data: a typed settings schema, presets, validation and plain words.

Nothing in code says "5 days" or "31 October": services ask ``PolicySettings``.
"""

from .schema import CycleRule, PolicySettings, RequiredCategory  # noqa: F401
