"""The reader pages, at the site root (the admin is at /admin/, the API at /api/v1/)."""

from django.urls import path

from . import views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("articles/<slug:slug>/", views.article, name="article"),
    path("incidents/<slug:slug>/", views.incident, name="incident"),
    path("actors/<slug:slug>/", views.actor, name="actor"),
    path("map/", views.incident_map, name="map"),
    path("tolls/", views.tolls, name="tolls"),
]
