"""Reads a page as a browser would, to find what a Content-Security-Policy without 'unsafe-inline' blocks
and what an injected payload would have to become to run: inline script, event handlers, style attributes,
javascript: addresses."""

from html.parser import HTMLParser

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class _Auditor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.findings = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name.startswith("on"):
                self.findings.append(f"<{tag} {name}=…> event handler")
            elif name == "style":
                self.findings.append(f"<{tag} style=…> inline style")
            elif name in URL_ATTRIBUTES and value and value.strip().lower().startswith(("javascript:", "vbscript:")):
                self.findings.append(f"<{tag} {name}={value[:40]!r}> script address")
            elif name == "srcdoc":
                self.findings.append(f"<{tag} srcdoc=…> inline document")
        if tag == "script":
            if not dict(attrs).get("src"):
                self.findings.append("<script> without src: inline script")
        elif tag in {"style", "iframe", "object", "embed", "base"}:
            self.findings.append(f"<{tag}> element")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)


def inline_code(html, *, scripts_only=False):
    """What in the page would run or style it from inside the page, as a list of findings; with
    `scripts_only`, only what would run."""
    auditor = _Auditor()
    auditor.feed(html)
    auditor.close()
    if scripts_only:
        return [finding for finding in auditor.findings if "style" not in finding]
    return auditor.findings
