"""Two views that answer a fixed claim detail, to measure what the stack costs by itself.

``plain/``: a Django view returning the bytes, through the API's middleware. ``drf/``: a DRF
view returning the same data, through the API's authentication, permission, throttles,
content negotiation and JSON renderer. Neither reads the database. The body is a detail the
real API served (bench/floor.py writes it to FLOOR_BODY_FILE before starting the server).
"""

import json
import os
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.urls import path
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

BODY = Path(os.environ["FLOOR_BODY_FILE"]).read_bytes()
DATA = json.loads(BODY)


def plain(request: HttpRequest) -> HttpResponse:
    return HttpResponse(BODY, content_type="application/json")


class Framework(APIView):
    def get(self, request: Request) -> Response:
        return Response(DATA)


urlpatterns = [path("plain/", plain), path("drf/", Framework.as_view())]
