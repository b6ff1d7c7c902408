"""The JSON API root: /api/v1/ with its OpenAPI schema at /api/v1/openapi.json.

Each domain app exposes a Ninja `router` in its `api.py`; they are mounted here.
Authentication is declared per operation (session for people, API keys for
client applications); an operation with no auth is public and is listed as
such in the access matrix.
"""

from __future__ import annotations

from django.http import HttpRequest
from ninja import NinjaAPI, Schema

from tyndau.core.api_docs import LocalSwagger

api = NinjaAPI(
    title="Tyndau API",
    version="1.0.0",
    urls_namespace="api",
    description="Appeals, petitions and open data of Tyndau. Personal data is never returned to another user.",
    docs_url="/docs",
    docs=LocalSwagger(),
)


class ApiRoot(Schema):
    name: str
    version: str
    openapi: str


@api.get("/", response=ApiRoot, auth=None, tags=["meta"], summary="API root")
def api_root(request: HttpRequest) -> dict[str, str]:
    return {"name": "Tyndau", "version": "1", "openapi": request.build_absolute_uri("openapi.json")}


def _mount_routers() -> None:
    from importlib import import_module

    for app in (
        "accounts",
        "authorities",
        "appeals",
        "petitions",
        "assemblies",
        "associations",
        "transparency",
        "intermediaries",
        "audit",
        "following",
    ):
        api.add_router(f"/{app}/", import_module(f"tyndau.{app}.api").router)
    # One search box over every app: /api/v1/search?q=
    api.add_router("/search", import_module("tyndau.search.api").router)


_mount_routers()
