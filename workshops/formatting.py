"""How documents are described to readers, shared by templates (as filters) and models."""

from django.utils.translation import get_language_info


def filesize(size):
    """Sizes as documents lists print them: 820 KB, 1.4 MB."""
    if size is None:
        return ""
    for unit in ("bytes", "KB", "MB"):
        if size < 1024 or unit == "MB":
            return f"{size} {unit}" if unit == "bytes" else f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return ""


def language_name(code):
    """The name of an ISO 639-1 code in the reader's language, or the code where Django does not know it."""
    try:
        return get_language_info(code)["name_translated"]
    except KeyError:
        return code
