"""The one error a user can cause from outside a scene."""


class SettingError(ValueError):
    """A bad EXPLAINER_* setting; the message names the variable and what it
    accepts. A scene reports it in one line instead of a traceback."""
