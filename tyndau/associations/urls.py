from django.urls import path

from tyndau.associations.views import applicant, public, registrar

app_name = "associations"

urlpatterns = [
    path("", public.index, name="index"),
    path("registry/", public.registry, name="registry"),
    path("registry/<str:number>/", public.registry_detail, name="registry_detail"),
    path("registry/<str:number>/v/<int:version>/", public.version_detail, name="version"),
    path("figures/", public.figures, name="figures"),
    path("new/", applicant.application_new, name="new"),
    path("mine/", applicant.my_applications, name="mine"),
    path("join/<str:invite_token>/", applicant.join, name="join"),
    path("a/<str:number>/", applicant.application_detail, name="detail"),
    path("a/<str:number>/charter/", applicant.charter_edit, name="charter"),
    path("a/<str:number>/submit/", applicant.application_submit, name="submit"),
    path("a/<str:number>/receipt/", applicant.receipt, name="receipt"),
    path("a/<str:number>/withdraw/", applicant.application_withdraw, name="withdraw"),
    path("a/<str:number>/proposals/", applicant.proposal_answer, name="proposal_answer"),
    path("a/<str:number>/leave/", applicant.founder_leave, name="leave"),
    path("a/<str:number>/amend/", applicant.amendment_start, name="amend"),
    path("a/<str:number>/documents/", applicant.document_upload, name="document_upload"),
    path("a/<str:number>/documents/<id:document>/", applicant.document_download, name="document"),
    path("queue/", registrar.queue_home, name="queue_home"),
    path("queue/<int:body_id>/", registrar.queue, name="queue"),
    path("a/<str:number>/register/", registrar.application_register, name="register"),
    path("a/<str:number>/refuse/", registrar.application_refuse, name="refuse"),
    path("a/<str:number>/corrections/", registrar.application_corrections, name="corrections"),
    path("a/<str:number>/court/", registrar.application_court, name="court"),
]
