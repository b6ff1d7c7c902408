from django.urls import path

from tyndau.appeals.views import citizen, files, official, public

app_name = "appeals"

urlpatterns = [
    path("", public.index, name="index"),
    path("register/", public.register, name="register"),
    path("register/<str:number>/", public.register_detail, name="register_detail"),
    path("bodies/<slug:slug>/figures/", public.body_figures, name="body_figures"),
    path("cosign/<str:token>/", citizen.cosign, name="cosign"),
    path("new/", citizen.appeal_new, name="new"),
    path("mine/", citizen.my_appeals, name="mine"),
    path("receipt/anonymous/", citizen.anonymous_receipt, name="anonymous_receipt"),
    path("a/<str:number>/", citizen.appeal_detail, name="detail"),
    path("a/<str:number>/receipt/", citizen.receipt, name="receipt"),
    path("a/<str:number>/reply/", citizen.appeal_reply, name="reply"),
    path("a/<str:number>/complain/", citizen.appeal_complain, name="complain"),
    path("a/<str:number>/rate/", citizen.appeal_rate, name="rate"),
    path("a/<str:number>/close/", citizen.appeal_close, name="close"),
    path("a/<str:number>/files/<int:pk>/", files.attachment, name="attachment"),
    path("queue/", official.queue_home, name="queue_home"),
    path("queue/<int:body_id>/", official.queue, name="queue"),
    path("a/<str:number>/assign/", official.appeal_assign, name="assign"),
    path("a/<str:number>/forward/", official.appeal_forward, name="forward"),
    path("a/<str:number>/request-info/", official.appeal_request_info, name="request_info"),
    path("a/<str:number>/extend/", official.appeal_extend, name="extend"),
    path("a/<str:number>/answer/", official.appeal_answer, name="answer"),
    path("a/<str:number>/official-close/", official.appeal_close, name="official_close"),
    path("complaints/<int:pk>/pass/", official.complaint_pass, name="complaint_pass"),
    path("complaints/<int:pk>/grant/", official.complaint_grant, name="complaint_grant"),
    path("complaints/<int:pk>/decide/", official.complaint_decide, name="complaint_decide"),
]
