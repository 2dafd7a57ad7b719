"""The errors a user can cause from outside a scene."""


class SettingError(ValueError):
    """A bad EXPLAINER_* setting; the message names the variable and what it
    accepts. A scene reports it in one line instead of a traceback."""

    exit_code = 1


class PreviewError(SettingError):
    """A preview's range of lines that the video cannot show."""

    exit_code = 2
