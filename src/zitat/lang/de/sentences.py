"""What the German sentence splitter must know: where a full stop ends no sentence."""

from __future__ import annotations

from zitat.lang.de.dates import MONTH_ABBREVIATIONS, MONTHS
from zitat.lang.de.words import DEFINITE, INDEFINITE, POSSESSIVE_GENDER
from zitat.schema import Gender

ABBREVIATIONS = frozenset(
    """
    abs abg akad allg bzw ca chr co dr dipl evtl etc gegr ggf hl hrsg inkl jh jr kap
    max min mio mrd nr ol pkt prof rd sen sog st str tel u.a usw vgl vs z.b zb zzt
    mr mrs ms gen lt col sgt
    bgm vzbgm lhstv stv univ ing dkfm geb gest
    """.split()
) | frozenset(MONTH_ABBREVIATIONS)
"""Abbreviations after which a full stop does not end a sentence (lower case). Titles before
Austrian names ("Bgm.", "LHStv.", "Ing.", "Dkfm.") are among them; "Mag." is not: "mag" ends
sentences as a verb ("…, was er mag.")."""

AFTER_ORDINALS = frozenset(MONTHS) | frozenset(
    """jahrhundert jahrhunderts jahrtausend jahrtausends quartal quartals halbjahr halbjahres
    platz rang runde liga stock stockwerk etage spieltag spieltags klasse bezirk mal
    weltkrieg weltkriegs lebensjahr lebensjahres etappe fc fsv""".split()
)
"""Words after which "3." is an ordinal ("3. Mai", "21. Jahrhundert", "1. FC Köln"), not a
sentence end."""

BEFORE_ORDINALS = (
    DEFINITE
    | INDEFINITE
    | frozenset(w for w, gender in POSSESSIVE_GENDER.items() if gender is not Gender.UNKNOWN)
    | frozenset("am im zum zur beim vom ins".split())
)
"""Words after which "15." is an ordinal of a noun to come ("die 15. Laufzeit", "seinem 60.
Geburtstag"): an article or possessive does not end a sentence before its noun."""
