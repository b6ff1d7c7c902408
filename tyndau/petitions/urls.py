from django.urls import path

from tyndau.petitions import feeds, views, views_embed, views_staff

app_name = "petitions"

urlpatterns = [
    path("", views.index, name="index"),
    path("new/", views.create, name="create"),
    path("mine/", views.mine, name="mine"),
    path("similar/", views.similar, name="similar"),
    path("feeds/new/", feeds.new_petitions, name="feed_new"),
    path("feeds/forwarded/", feeds.forwarded_petitions, name="feed_forwarded"),
    path("feeds/responses/", feeds.petition_responses, name="feed_responses"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("bodies/<slug:slug>/", views.body, name="body"),
    path("moderation/", views_staff.queue, name="moderation"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/draft/", views.draft, name="draft"),
    path("<id:pk>/submit/", views.submit, name="submit"),
    path("<id:pk>/resubmit/", views.resubmit, name="resubmit"),
    path("<id:pk>/sign/", views.sign, name="sign"),
    path("<id:pk>/embed/", views_embed.embed, name="embed"),
    path("<id:pk>/badge.svg", views_embed.badge, name="badge"),
    path("<id:pk>/preview.png", views_embed.preview, name="preview"),
    path("<id:pk>/sign/sent/", views.sign_sent, name="sign_sent"),
    path("<id:pk>/moderate/", views_staff.moderate, name="moderate"),
    path("<id:pk>/approve/", views_staff.approve, name="approve"),
    path("<id:pk>/fraud/", views_staff.fraud, name="fraud"),
    path("<id:pk>/respond/", views_staff.respond, name="respond"),
]
