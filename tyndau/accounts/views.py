from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.core.access import public, signed_in

login_view = public(auth_views.LoginView.as_view(template_name="accounts/login.html"))
logout_view = public(auth_views.LogoutView.as_view())


@signed_in
def dashboard(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/dashboard.html")
