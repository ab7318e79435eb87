"""Staff write summaries in Markdown; the public sees sanitised HTML."""

import markdown
import nh3

ALLOWED_TAGS = {
    "h2", "h3", "h4", "p", "ul", "ol", "li", "a", "strong", "em", "blockquote", "br", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "code",
}  # fmt: skip


def render_markdown(text: str) -> str:
    """Markdown to HTML with only harmless tags; links get rel=noopener noreferrer."""
    html = markdown.markdown(text or "", extensions=["sane_lists", "tables"], output_format="html")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes={"a": {"href", "title"}, "th": {"scope"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
