from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    # The reader pages, at the root: last, so they never shadow the admin or the API.
    path("", include("web.urls")),
]
