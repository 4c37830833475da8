"""The JSON API under ``/api`` (:mod:`zitat.api.routes`), beside the web pages of
:mod:`zitat.ui`; :mod:`zitat.server` serves both."""
