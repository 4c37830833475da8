"""Speakers as entities and the time of a statement (see docs/speakers.md).

``entities`` builds an article's entities from model or fallback (``names``) mentions,
``resolve`` gives every speaker and addressee its entity, ``identity`` makes ids stable across
a corpus, ``time`` anchors quotations in time; ``scoring`` measures all of it against the
hand annotations in data/annotations.
"""
