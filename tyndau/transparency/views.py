from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from tyndau.core.access import public


@public
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "transparency/index.html")
