from django.urls import path

from tyndau.assemblies.views import challenges, co_organisers, monitoring, official, organiser, places, public

app_name = "assemblies"

urlpatterns = [
    path("", public.index, name="index"),
    path("register/", public.register, name="register"),
    path("register/<str:number>/", public.register_detail, name="register_detail"),
    path("calendar/", public.calendar, name="calendar"),
    path("calendar.ics", public.calendar_feed, name="calendar_feed"),
    path("register/<str:number>/observe/", monitoring.observer_report, name="observe"),
    path("a/<str:number>/challenge/", challenges.challenge_new, name="challenge"),
    path("challenges/", challenges.challenge_queue, name="challenge_queue"),
    path("challenges/<int:pk>/", challenges.challenge_decide, name="challenge_decide"),
    path("new/", organiser.assembly_new, name="new"),
    path("mine/", organiser.my_assemblies, name="mine"),
    path("a/<str:number>/", organiser.assembly_detail, name="detail"),
    path("a/<str:number>/receipt/", organiser.receipt, name="receipt"),
    path("a/<str:number>/withdraw/", organiser.assembly_withdraw, name="withdraw"),
    path("a/<str:number>/alternative/", organiser.alternative_respond, name="alternative_respond"),
    path("a/<str:number>/outcome/", organiser.assembly_outcome, name="outcome"),
    path("queue/", official.queue_home, name="queue_home"),
    path("queue/<int:body_id>/", official.queue, name="queue"),
    path("a/<str:number>/accept/", official.assembly_accept, name="accept"),
    path("a/<str:number>/conditions/", official.assembly_accept_with_conditions, name="conditions"),
    path("a/<str:number>/propose/", official.assembly_propose, name="propose"),
    path("a/<str:number>/refuse/", official.assembly_refuse, name="refuse"),
    # The maslikhat's register of specialised places (issue #12).
    path("places/", places.places, name="places"),
    path("places/<int:place_id>/", places.place_detail, name="place_detail"),
    path("places/edit/", places.editor_home, name="places_editor_home"),
    path("places/edit/<int:body_id>/", places.editor, name="places_editor"),
    path("places/edit/<int:body_id>/new/", places.place_new, name="place_new"),
    path("places/<int:place_id>/change/", places.place_edit, name="place_edit"),
    path("places/<int:place_id>/remove/", places.place_remove, name="place_remove"),
    # Co-organisers confirm from their own accounts before a request is submitted.
    path("drafts/<uuid:key>/", co_organisers.draft, name="draft"),
    path("invitations/", co_organisers.invitations, name="invitations"),
]
