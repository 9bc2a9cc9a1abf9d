from django.contrib import admin
from django.urls import include, path

from conflict.admin.login import login as admin_login

urlpatterns = [
    # Before the admin's own URLs: its login view, throttled (conflict/admin/login.py).
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    # The reader pages, at the root: last, so they never shadow the admin or the API.
    path("", include("web.urls")),
]
