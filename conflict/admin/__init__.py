"""Admin curation: one module per model group, registered on import."""

from django.contrib import admin

from . import actors, articles, claims, incidents, login, losses, places

admin.site.site_header = "Conflict claims curation"
admin.site.site_title = "Conflict claims"
admin.site.index_title = "Curation"

__all__ = ["actors", "articles", "claims", "incidents", "login", "losses", "places"]
