"""Crisis triage: every free-text message from a person is read for danger before anything
else answers it. ``assess(text)`` gives the level (emergency, crisis, basic, none) and the
signals, each with the phrase that raised it."""

from core.triage.engine import Assessment, Signal, assess, to_json

__all__ = ["Assessment", "Signal", "assess", "to_json"]
