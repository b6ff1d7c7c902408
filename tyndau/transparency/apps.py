from django.apps import AppConfig


class TransparencyConfig(AppConfig):
    name = "tyndau.transparency"
    label = "transparency"

    def ready(self) -> None:
        # The body page of the reference data shows these figures without importing this app.
        from tyndau.authorities import figures
        from tyndau.transparency.selectors import body_figures

        figures.register(body_figures)
