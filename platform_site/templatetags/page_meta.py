"""Tags for what a page says about itself in its <head>: canonical address, sharing tags."""

from django import template
from django.template.context import Context
from django.template.loader_tags import BLOCK_CONTEXT_KEY
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def canonical_url(context: Context) -> str:
    """The page's absolute address without its query string ("" outside a request)."""
    request = context.get("request")
    if request is None:
        return ""
    return request.build_absolute_uri(request.path)


@register.simple_tag(takes_context=True)
def block_text(context: Context, name: str) -> SafeString:
    """Render the named block again, as the most specific template defines it.

    A page sets its title once in ``{% block title %}``; the <title> element and the
    Open Graph title both show it.
    """
    block_context = context.render_context.get(BLOCK_CONTEXT_KEY)
    block = block_context.get_block(name) if block_context is not None else None
    if block is None:
        return SafeString("")
    # The block's output is already escaped by its own rendering.
    return mark_safe(block.render(context).strip())  # noqa: S308
