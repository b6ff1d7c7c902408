from django.urls import path

from tyndau.transparency import views

app_name = "transparency"

urlpatterns = [
    path("", views.index, name="index"),
    path("bodies/", views.scorecards, name="scorecards"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("refusals/", views.refusals, name="refusals"),
    path("assemblies/", views.assemblies, name="assemblies"),
    path("data/", views.open_data, name="open_data"),
]
