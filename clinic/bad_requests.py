"""Requests the site cannot or will not read: a short page and one log line, never a 500.

`RequestBodyMiddleware` looks at a request's declared body before anything reads it
(the CSRF check reads the form in its `process_view`, after every middleware's request
phase), and turns away:

- a form declaring a character set other than UTF-8 (400): Django refuses such a form
  with `BadRequest` every time the form is read, and each refusal used to end in
  another traceback;
- a multipart body larger than the sender may send (413), before any of it is read:
  UPLOAD_MAX_BYTES for signed-in staff (image uploads in the admin),
  DATA_UPLOAD_MAX_MEMORY_SIZE for everyone else;
- a file in a multipart body from anyone but signed-in staff (415): the public form
  takes no files. The file is refused as its part begins, before a byte of it is
  written anywhere (`RefuseFiles`); multipart forms without files still work.

`bad_request` is the site's 400 page (handler400), for every other request Django
refuses (a malformed multipart body, too many fields, a body over
DATA_UPLOAD_MAX_MEMORY_SIZE, an unknown host); `csrf_failure` is its page for a form
sent without a valid CSRF cookie or token. `OneLinePerClientError` keeps the log of any
4xx to one line: Django attaches the exception's traceback to those records.
"""

import codecs
import logging

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils import translation
from django.utils.log import log_response

logger = logging.getLogger("clinic.bad_requests")

BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
MULTIPART = "multipart/form-data"


def is_utf8(charset):
    try:
        return codecs.lookup(charset).name == "utf-8"
    except (LookupError, ValueError):
        return False


def refusal_page(request, status):
    """The short page, in the visitor's language; it needs no database."""
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        content = loader.render_to_string("400.html", {"status": status})
    return HttpResponse(content, status=status)


def bad_request(request, exception=None):
    """handler400: Django logs the refusal itself (one line, see OneLinePerClientError)."""
    return refusal_page(request, 415 if isinstance(exception, FilesRefused) else 400)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: a form sent without its security cookie (cookies blocked, or the
    form left open across a browser restart). Django logs the refusal in one line."""
    return refusal_page(request, 403)


class FilesRefused(MultiPartParserError):
    """Django answers a MultiPartParserError with handler400 and one log line."""


class RefuseFiles(FileUploadHandler):
    """The upload handler for visitors: a file part ends the parsing before it is stored."""

    def new_file(self, *args, **kwargs):
        raise FilesRefused("a visitor sent a file")

    def receive_data_chunk(self, raw_data, start):
        return raw_data

    def file_complete(self, file_size):
        return None


class RequestBodyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        refusal = self.refusal(request)
        if refusal:
            status, reason = refusal
            response = refusal_page(request, status)
            log_response(
                "%s %s refused: %s",
                request.method,
                request.path,
                reason,
                response=response,
                request=request,
                logger=logger,
            )
            return response
        return self.get_response(request)

    def refusal(self, request):
        """(status, reason) for a request to turn away, or None."""
        if request.method not in BODY_METHODS:
            return None
        charset = request.content_params.get("charset")
        if charset is not None:
            if not is_utf8(charset):
                return 400, "body not in UTF-8"
            # "utf8", "UTF-8": what Django's form parser accepts as UTF-8.
            request.encoding = "utf-8"
        if request.content_type == MULTIPART:
            user = getattr(request, "user", None)
            if user and user.is_active and user.is_staff:
                limit = settings.UPLOAD_MAX_BYTES
            else:
                limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
                request.upload_handlers = [RefuseFiles(request)]
            if content_length(request) > limit:
                return 413, "body over the size limit"
        return None


def content_length(request):
    try:
        return max(int(request.META.get("CONTENT_LENGTH") or 0), 0)
    except ValueError:
        return 0


class OneLinePerClientError(logging.Filter):
    """Drop the traceback from log records about 4xx responses: one line each."""

    def filter(self, record):
        if getattr(record, "status_code", 500) < 500:
            record.exc_info = None
            record.exc_text = None
            record.stack_info = None
        return True
