from django.urls import path

from tyndau.intermediaries import views

app_name = "intermediaries"

urlpatterns = [
    path("", views.home, name="home"),
    path("start/", views.start, name="start"),
    path("scanned/", views.scanned, name="scanned"),
    path("c/<uuid:ref>/", views.consent, name="consent"),
    path("c/<uuid:ref>/confirm/", views.confirm, name="confirm"),
    path("c/<uuid:ref>/resend/", views.resend, name="resend"),
    path("c/<uuid:ref>/appeal/", views.appeal_new, name="appeal_new"),
    path("c/<uuid:ref>/sign/", views.sign, name="sign"),
    path("c/<uuid:ref>/assembly/", views.assembly_new, name="assembly_new"),
    path("given/", views.given, name="given"),
    path("given/<uuid:ref>/withdraw/", views.withdraw, name="withdraw"),
    path("given/<uuid:ref>/sharing/", views.sharing, name="sharing"),
    path("organisations/", views.organisations, name="organisations"),
    path("organisations/accreditations/<id:pk>/revoke/", views.revoke, name="revoke"),
]
