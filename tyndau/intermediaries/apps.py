from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IntermediariesConfig(AppConfig):
    name = "tyndau.intermediaries"
    label = "intermediaries"
    verbose_name = _("Help from accredited intermediaries")
