"""gunicorn settings for the API (``gunicorn conflict.wsgi``); each can be overridden from the
environment or the command line.

gthread workers: a process per core keeps the CPU busy despite the GIL, and threads let a slow
client or a long streaming export hold a thread, not a whole worker.
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# gthread, answering gunicorn's own refusals (URI too long, headers too large, bad header
# bytes: 414, 431, 400) in the API's JSON error shape instead of HTML.
worker_class = "conflict.gunicorn_worker.JSONErrorThreadWorker"
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
# A whole-collection export streams for minutes: the timeout is for a worker that stopped
# answering its heartbeat, not for a long response (gthread heartbeats while streaming).
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
# A gthread worker accepts connections while it holds fewer than worker_connections, and a
# kept-alive connection stays with the process that accepted it: with the default (1,000)
# one process could take every connection of a few busy clients while the other cores sat
# idle (8 connections: 78 requests/s when they all landed on one of two workers, 157 when
# spread). At one connection per thread gthread keeps none alive (it keeps up to
# worker_connections - threads), so each request is accepted by whichever process is free.
worker_connections = int(os.environ.get("GUNICORN_WORKER_CONNECTIONS", str(threads)))
keepalive = 5  # used only when GUNICORN_WORKER_CONNECTIONS is raised above the threads
# Recycle workers now and then so a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG") or None


def post_worker_init(worker: object) -> None:
    """Load every URL's view (the API's modules) and freeze what the worker holds so far.

    Python's full garbage collection walks every tracked object: the modules, classes and
    compiled plans of a loaded Django app are ~150,000 of them, and each full collection
    paused all of a worker's threads for ~70 ms (at a few hundred requests apart: the p99 of
    every list). Frozen, they are never walked again; a full collection takes ~13 ms.
    """
    import gc

    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018 (imports every view, serializer and filterset)
    gc.collect()
    gc.freeze()
