"""German: the one home of the word lists every rule reads.

``words`` holds the closed word classes and the roles some of their words play,
``punctuation`` the sentence and clause signs and the quotation marks, ``dates`` the names
of weekdays and months and the words of time expressions, ``sentences`` what the sentence
splitter must know (abbreviations, nouns after ordinals), and ``lexicon`` loads the longer
lists kept as data files in ``zitat/resources`` (speech verbs, speaker nouns, first names).
Nothing here imports from zitat but its data model and errors.
"""
