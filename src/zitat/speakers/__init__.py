"""Speakers as entities and the time of a statement (see docs/speakers.md).

``mentions`` turns model and fallback (``names``) mentions into candidate names,
``entities`` builds an article's entities from them, ``resolve`` gives every speaker and
addressee its entity (with ``holders`` for roles, ``antecedents`` for pronouns,
``organisations`` for descriptions), ``identity`` makes ids stable across a corpus, ``time``
anchors quotations in time; ``scoring`` measures all of it against the hand annotations in
data/annotations. Their word lists are in :mod:`zitat.lang.de`.
"""
