from django.urls import path

from tyndau.petitions import views, views_staff

app_name = "petitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("similar/", views.similar, name="similar"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("moderation/", views_staff.queue, name="moderation"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/draft/", views.draft, name="draft"),
    path("<int:pk>/submit/", views.submit, name="submit"),
    path("<int:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("<int:pk>/sign/", views.sign, name="sign"),
    path("<int:pk>/sign/sent/", views.sign_sent, name="sign_sent"),
    path("<int:pk>/moderate/", views_staff.moderate, name="moderate"),
    path("<int:pk>/approve/", views_staff.approve, name="approve"),
    path("<int:pk>/fraud/", views_staff.fraud, name="fraud"),
    path("<int:pk>/respond/", views_staff.respond, name="respond"),
]
