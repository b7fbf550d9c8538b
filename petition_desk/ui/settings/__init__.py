"""The 设置 page: one widget per tab, mounted by ``SettingsPage``."""

from petition_desk.ui.settings.page import SettingsPage

__all__ = ["SettingsPage"]
