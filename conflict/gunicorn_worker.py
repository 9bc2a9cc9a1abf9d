"""gunicorn's gthread worker, answering the errors gunicorn raises itself in the API's JSON.

gunicorn refuses some requests before Django sees them (a request line over 8190 bytes, too
many or too large headers, header bytes HTTP does not allow) and writes an HTML page for
each (``gunicorn.util.write_error``). The API promises JSON errors, so this worker replaces
that writer, in its own process, with one writing the API's error shape (api.errors):
same status, same reason, ``Content-Type: application/json``.
"""

import json

from gunicorn import util
from gunicorn.workers.gthread import ThreadWorker

# gunicorn's messages say what it refused; the code names the kind, as the API's codes do.
CODES = {400: "bad_request", 403: "forbidden", 414: "uri_too_long", 417: "expectation_failed"}
CODES[431] = "request_header_fields_too_large"


def write_json_error(sock: object, status_int: int, reason: str, mesg: str) -> None:
    """gunicorn's ``util.write_error``, in the API's JSON error shape."""
    kind = "client_error" if 400 <= status_int < 500 else "server_error"
    code = CODES.get(status_int, "server_error" if status_int >= 500 else "bad_request")
    error = {"code": code, "detail": mesg or reason, "attr": None}
    body = json.dumps({"type": kind, "errors": [error]}).encode("utf-8")
    head = (
        f"HTTP/1.1 {status_int} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n\r\n"
    )
    util.write_nonblock(sock, head.encode("latin-1") + body)


class JSONErrorThreadWorker(ThreadWorker):
    def init_process(self) -> None:
        # Replaced here, in the worker process, before it serves a request.
        util.write_error = write_json_error
        super().init_process()
