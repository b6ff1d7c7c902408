"""Open311 GeoReport v2 at /open311/v2/ (config/urls.py includes this module at /open311/)."""

from django.urls import re_path

from tyndau.appeals.open311 import views

app_name = "open311"

FMT = r"\.(?P<fmt>json|xml)$"

urlpatterns = [
    re_path(r"^v2/discovery" + FMT, views.discovery, name="discovery"),
    re_path(r"^v2/services" + FMT, views.services, name="services"),
    re_path(r"^v2/services/(?P<service_code>[\w-]+)" + FMT, views.service_definition, name="service"),
    re_path(r"^v2/requests" + FMT, views.requests_collection, name="requests"),
    re_path(r"^v2/requests/(?P<service_request_id>[\w-]+)" + FMT, views.request_single, name="request"),
    re_path(r"^v2/tokens/(?P<token>[\w-]+)" + FMT, views.token, name="token"),
    # Everything else under /open311/ answers with a spec error, not an HTML page.
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
