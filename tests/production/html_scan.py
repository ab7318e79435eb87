"""What an HTML page makes a browser fetch, and what a strict CSP would block in it."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

# Link relations that make the browser fetch something (an <a href> or rel="canonical"
# only names an address).
FETCHING_LINK_RELS = {
    "stylesheet",
    "icon",
    "shortcut",
    "apple-touch-icon",
    "mask-icon",
    "manifest",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
}
# Elements and the attributes through which they fetch.
RESOURCE_ATTRIBUTES = {
    "script": ["src"],
    "img": ["src", "srcset"],
    "source": ["src", "srcset"],
    "iframe": ["src"],
    "frame": ["src"],
    "embed": ["src"],
    "object": ["data"],
    "video": ["src", "poster"],
    "audio": ["src"],
    "track": ["src"],
    "input": ["src"],
}
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}
CSS_URL = re.compile(r"url\(\s*['\"]?([^'\")]+)")


@dataclass
class PageScan:
    resources: list[str] = field(default_factory=list)
    inline_scripts: list[str] = field(default_factory=list)
    inline_styles: list[str] = field(default_factory=list)
    event_handlers: list[str] = field(default_factory=list)

    def resources_elsewhere(self, own_host: str) -> list[str]:
        return [url for url in self.resources if host_of(url) not in {"", own_host}]


def host_of(url: str) -> str:
    url = url.strip()
    if url.startswith("//"):
        url = "https:" + url
    parts = urlsplit(url)
    if parts.scheme in {"", "data"}:
        return ""
    return parts.hostname or ""


class _Scanner(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scan = PageScan()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if name.startswith("on"):
                self.scan.event_handlers.append(f"<{tag} {name}>")
            if name in {"href", "action", "formaction"} and value.strip().lower().startswith(
                "javascript:"
            ):
                self.scan.inline_scripts.append(f"<{tag} {name}='javascript:…'>")
            if name == "style":
                self.scan.inline_styles.append(f"<{tag} style={value!r}>")
                self.scan.resources += CSS_URL.findall(value)
        if tag == "style":
            self.scan.inline_styles.append("<style>")
        if tag == "link" and FETCHING_LINK_RELS & set(values.get("rel", "").lower().split()):
            self.scan.resources.append(values.get("href", ""))
        for attribute in RESOURCE_ATTRIBUTES.get(tag, []):
            if attribute in values:
                if attribute == "srcset":
                    candidates = values[attribute].split(",")
                    self.scan.resources += [c.split()[0] for c in candidates if c.strip()]
                else:
                    self.scan.resources.append(values[attribute])
        if tag == "script" and "src" not in values:
            kind = values.get("type", "").lower()
            if kind not in DATA_SCRIPT_TYPES:
                self.scan.inline_scripts.append(f"<script type={kind!r}>")


def scan_html(html: str) -> PageScan:
    scanner = _Scanner()
    scanner.feed(html)
    scanner.close()
    return scanner.scan
