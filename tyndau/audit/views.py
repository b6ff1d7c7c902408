from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.core.access import public


@public
def verify(request: HttpRequest) -> HttpResponse:
    return render(request, "audit/verify.html")
