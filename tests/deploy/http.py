"""A small browser for the deployment test: cookies, forms and uploads over HTTP(S).

Every request opens its own connection and sends what a browser would (Host, cookies,
and for a form its Origin and Referer, which Django's CSRF check needs over HTTPS).
Bodies are kept as sent: a compressed answer stays compressed, for the tests to see.
"""

import gzip
import http.client
import secrets
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    def header(self, name, default=""):
        return self.headers.get(name, default)

    def all(self, name):
        return self.headers.get_all(name) or []

    @property
    def text(self):
        body = self.body
        if self.header("Content-Encoding") == "gzip":
            body = gzip.decompress(body)
        return body.decode()


class Browser:
    def __init__(
        self,
        address,
        port,
        tls,
        host_header,
        extra_headers=None,
        origin="",
        server_hostname=None,
    ):
        self.address, self.port, self.tls = address, port, tls
        self.host_header = host_header
        self.extra_headers = extra_headers or {}
        self.origin = origin
        self.server_hostname = server_hostname
        self.cookies = {}

    def connection(self, timeout):
        if self.tls is None:
            return http.client.HTTPConnection(self.address, self.port, timeout=timeout)
        return _SiteHTTPSConnection(
            self.address, self.port, timeout, self.tls, self.server_hostname or self.address
        )

    def request(self, method, path, body=None, headers=None, timeout=30):
        all_headers = {"Host": self.host_header, "Accept-Encoding": "identity"}
        all_headers.update(self.extra_headers)
        if self.cookies:
            all_headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        all_headers.update(headers or {})
        connection = self.connection(timeout)
        try:
            connection.request(method, path, body=body, headers=all_headers)
            answer = connection.getresponse()
            response = Response(answer.status, answer.headers, answer.read())
        finally:
            connection.close()
        for set_cookie in response.all("Set-Cookie"):
            for name, morsel in SimpleCookie(set_cookie).items():
                self.cookies[name] = morsel.value
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, fields, files=None, referer_path=None, timeout=30):
        """Send a form as a browser does: urlencoded, or multipart when it has files
        ({name: (filename, content_type, bytes)})."""
        headers = {"Origin": self.origin, "Referer": self.origin + (referer_path or path)}
        if files:
            boundary = secrets.token_hex(16)
            body = multipart(fields, files, boundary)
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
        else:
            body = urllib.parse.urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        return self.request("POST", path, body=body, headers=headers, timeout=timeout)


class _SiteHTTPSConnection(http.client.HTTPSConnection):
    """HTTPS to an address whose certificate names the site rather than the address
    (nginx on 127.0.0.1 with a certificate for localhost)."""

    def __init__(self, address, port, timeout, context, server_hostname):
        super().__init__(address, port, timeout=timeout, context=context)
        self._server_hostname = server_hostname

    def connect(self):
        http.client.HTTPConnection.connect(self)
        self.sock = self._context.wrap_socket(self.sock, server_hostname=self._server_hostname)


def multipart(fields, files, boundary):
    lines = []
    for name, value in fields:
        lines.append(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
            + str(value).encode()
            + b"\r\n"
        )
    for name, (filename, content_type, content) in files.items():
        lines.append(
            f"--{boundary}\r\nContent-Disposition: form-data; "
            f'name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    lines.append(f"--{boundary}--\r\n".encode())
    return b"".join(lines)


@dataclass
class Form:
    action: str
    method: str
    fields: list = field(default_factory=list)  # (name, value) in page order

    def value(self, name):
        return next((value for key, value in self.fields if key == name), None)

    def set(self, name, value):
        self.fields = [(k, v) for k, v in self.fields if k != name] + [(name, value)]


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms = []
        self._textarea = None
        self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        form = self.forms[-1] if self.forms else None
        if tag == "form":
            self.forms.append(Form(attrs.get("action") or "", attrs.get("method", "get")))
        elif form is None or ("name" not in attrs and tag != "option"):
            return
        elif tag == "input":
            kind = attrs.get("type", "text").lower()
            if kind in {"submit", "button", "image", "reset", "file"}:
                return
            if kind in {"checkbox", "radio"} and "checked" not in attrs:
                return
            default = "on" if kind in {"checkbox", "radio"} else ""
            form.fields.append((attrs["name"], attrs.get("value") or default))
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
        elif tag == "select":
            self._select = {
                "name": attrs["name"],
                "multiple": "multiple" in attrs,
                "first": None,
                "chosen": [],
            }
        elif tag == "option" and self._select is not None:
            value = attrs.get("value", "")
            if self._select["first"] is None:
                self._select["first"] = value
            if "selected" in attrs:
                self._select["chosen"].append(value)

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea" and self._textarea is not None:
            self.forms[-1].fields.append(tuple(self._textarea))
            self._textarea = None
        elif tag == "select" and self._select is not None:
            chosen = self._select["chosen"]
            if not chosen and not self._select["multiple"] and self._select["first"] is not None:
                chosen = [self._select["first"]]  # what a browser sends for a plain select
            self.forms[-1].fields.extend((self._select["name"], value) for value in chosen)
            self._select = None


def forms(html):
    """The forms of a page, each with the values a browser would send unchanged."""
    parser = _FormParser()
    parser.feed(html)
    return parser.forms
