from django.urls import path

from tyndau.following import views

app_name = "following"

urlpatterns = [
    path("", views.follow_new, name="new"),
    path("sent/", views.follow_sent, name="sent"),
    path("mine/", views.follow_mine, name="mine"),
    path("confirm/<str:token>/", views.follow_confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.follow_unsubscribe, name="unsubscribe"),
    path("manage/<str:token>/", views.follow_manage, name="manage"),
]
