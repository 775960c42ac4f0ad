from django import template

register = template.Library()


@register.filter
def thousands(value: object) -> str:
    """12345 -> '12,345' (the figures on the quality page are counts)."""
    if value is None or value == "":
        return ""
    try:
        return f"{int(value):,}"  # type: ignore[call-overload]
    except (TypeError, ValueError):
        return str(value)
