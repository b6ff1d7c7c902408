from django.urls import path

from tyndau.core import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    *(path(f"{page}/", views.standard_page, {"page": page}, name=page) for page, _label in views.STANDARD_PAGES),
]
