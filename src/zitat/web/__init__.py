"""What the JSON API (:mod:`zitat.api`) and the web pages (:mod:`zitat.ui`) share: settings,
services, request dependencies, authentication, errors, inputs and limits.

:mod:`zitat.server` puts the two side by side into the app that ``zitat serve`` runs. Nothing
here imports FastAPI on ``import zitat.web``, so the CLI can read the settings cheaply.
"""
