from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from conflict.admin.login import login as admin_login

urlpatterns = [
    path("", RedirectView.as_view(url="/api/v1/", permanent=False)),
    # Before the admin's own URLs: its login view, throttled (conflict/admin/login.py).
    path("admin/login/", admin_login, name="admin-login"),
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
]
