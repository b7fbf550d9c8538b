"""Shared test helpers: builders of data and ways of driving widgets."""

from tests.helpers.builders import NOW, REPLY, case_input, person

__all__ = ["NOW", "REPLY", "case_input", "person"]
