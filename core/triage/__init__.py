"""Crisis triage: every free-text message from a person is read for danger before anything
else answers it. ``assess(text)`` gives the level (emergency, crisis, basic, none) and the
signals, each with the phrase that raised it."""

from core.triage.engine import Assessment, Signal, assess, mentions_pregnancy, to_json


def warm_up() -> None:
    """Loads the morphology dictionary and the classifier (a few hundred ms), so that the first
    message read is as fast as the rest."""
    assess("прогрев")


__all__ = ["Assessment", "Signal", "assess", "mentions_pregnancy", "to_json", "warm_up"]
