"""The JSON API at /api/v1/ (Django Ninja); each app adds its router in config/api.py."""
