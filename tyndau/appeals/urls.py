from django.urls import path

from tyndau.appeals import feeds
from tyndau.appeals.views import citizen, files, issues, official, open311, public

app_name = "appeals"

urlpatterns = [
    path("", public.index, name="index"),
    path("register/", public.register, name="register"),
    path("register/feed/", feeds.register_feed, name="register_feed"),
    path("register/issues/", issues.public_issues, name="issues_public"),
    path("register/issues/<id:pk>/", issues.public_issue, name="issue_public"),
    path("register/nearby/", public.nearby, name="nearby"),
    path("register/<str:number>/", public.register_detail, name="register_detail"),
    path("register/<str:number>/preview.png", public.register_preview, name="register_preview"),
    path("bodies/<slug:slug>/figures/", public.body_figures, name="body_figures"),
    path("cosign/<str:token>/", citizen.cosign, name="cosign"),
    path("fixed/<str:token>/", public.fixed, name="fixed"),
    path("open311/<str:key>/", open311.confirm, name="open311_confirm"),
    path("new/", citizen.appeal_new, name="new"),
    path("new/suggest/", citizen.appeal_suggest, name="suggest"),
    path("mine/", citizen.my_appeals, name="mine"),
    path("receipt/anonymous/", citizen.anonymous_receipt, name="anonymous_receipt"),
    path("a/<str:number>/", citizen.appeal_detail, name="detail"),
    path("a/<str:number>/receipt/", citizen.receipt, name="receipt"),
    path("a/<str:number>/reply/", citizen.appeal_reply, name="reply"),
    path("a/<str:number>/complain/", citizen.appeal_complain, name="complain"),
    path("a/<str:number>/rate/", citizen.appeal_rate, name="rate"),
    path("a/<str:number>/close/", citizen.appeal_close, name="close"),
    path("a/<str:number>/files/<id:pk>/", files.attachment, name="attachment"),
    path("queue/", official.queue_home, name="queue_home"),
    path("queue/<id:body_id>/", official.queue, name="queue"),
    path("a/<str:number>/assign/", official.appeal_assign, name="assign"),
    path("a/<str:number>/forward/", official.appeal_forward, name="forward"),
    path("a/<str:number>/request-info/", official.appeal_request_info, name="request_info"),
    path("a/<str:number>/extend/", official.appeal_extend, name="extend"),
    path("a/<str:number>/answer/", official.appeal_answer, name="answer"),
    path("a/<str:number>/official-close/", official.appeal_close, name="official_close"),
    path("issues/<id:body_id>/", issues.body_issues, name="body_issues"),
    path("issue/<id:pk>/", issues.issue_detail, name="issue"),
    path("issue/<id:pk>/answer/", issues.issue_answer, name="issue_answer"),
    path("issue/<id:pk>/split/", issues.issue_split, name="issue_split"),
    path("issue/<id:pk>/merge/", issues.issue_merge, name="issue_merge"),
    path("complaints/<id:pk>/pass/", official.complaint_pass, name="complaint_pass"),
    path("complaints/<id:pk>/grant/", official.complaint_grant, name="complaint_grant"),
    path("complaints/<id:pk>/decide/", official.complaint_decide, name="complaint_decide"),
]
