"""The German word lists kept as data files in ``zitat/resources``, each loaded once.

Speech verbs, Konjunktiv forms and report nouns for the quotation rules; first names,
speaker nouns, company suffixes, closed-class words, state and news outlet names for the
speakers; the word classes the speaker ranker reads around a candidate.

The speech-verb list names each verb once (infinitive, medium, irregular forms); the
inflected forms a news text uses are generated here, so ``teilte``, ``mitgeteilt``,
``mitzuteilen`` and ``teile`` all find ``mit|teilen``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from zitat.errors import ModelError
from zitat.lang.de.punctuation import QUOTE_MARKS
from zitat.schema import Gender, Medium

# Inseparable prefixes: their participles take no "ge-" (erklärt, bestätigt, versichert).
_NO_GE_PREFIXES = ("be", "emp", "ent", "er", "ge", "miss", "ver", "zer", "über", "unter", "wider")


@dataclass(frozen=True, slots=True)
class SpeechVerb:
    """One speech verb; ``particle`` is the separable prefix ("mit" in mit|teilen) or ""."""

    lemma: str
    particle: str
    medium: Medium
    reports: bool = False
    """Its sentence reports a speech act even without content ("forderte den Rücktritt")."""


@dataclass(frozen=True, slots=True)
class SpeechVerbForm:
    """An inflected form found in text: the verb, and whether the particle is attached."""

    verb: SpeechVerb
    joined: bool
    """True for forms that already carry the particle (mitgeteilt, mitteilen)."""


CITING_VERB = "zitieren"
"""The speech verb whose object, not its subject, is the one who spoke when it is active ("Der
Spiegel zitiert den Prediger mit den Worten …")."""


def cites(word: str) -> bool:
    """Whether ``word`` is a form of :data:`CITING_VERB` ("zitiert", "zitierte")."""
    return any(form.verb.lemma == CITING_VERB for form in speech_verbs().get(word.lower(), ()))


def swiss_spelling(word: str) -> str:
    """``word`` as Swiss German writes it, with "ss" for "ß" ("hiess", "äussern")."""
    return word.replace("ß", "ss")


def with_swiss_spellings(words: Iterable[str]) -> frozenset[str]:
    """``words`` and their Swiss spellings: the word lists write "ß", Swiss news never."""
    return frozenset(form for word in words for form in {word, swiss_spelling(word)})


def _lines(filename: str) -> list[str]:
    try:
        raw = resources.files("zitat.resources").joinpath(filename).read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError) as exc:
        raise ModelError(f"lexicon {filename!r} is missing from the zitat package") from exc
    return [ln.strip() for ln in raw.splitlines() if ln.strip() and not ln.startswith("#")]


def _weak_forms(base: str) -> set[str]:
    """Regular finite forms and participle of an unprefixed infinitive (sagen -> sagte ...)."""
    stem = base[:-2] if base.endswith("en") else base[:-1]
    # "antworten", "bitten": an -e- before t-endings
    link = "e" if stem.endswith(("t", "d")) or stem.endswith(("chn", "gn", "ffn")) else ""
    forms = {base, stem + "e", stem + link + "st", stem + link + "t"}
    forms |= {stem + link + "te" + ending for ending in ("", "n", "st", "t")}
    plain_participle = base.endswith("ieren") or base.startswith(_NO_GE_PREFIXES)
    forms.add((stem if plain_participle else "ge" + stem) + link + "t")
    return forms


def _verb_forms(particle: str, base: str, extra: list[str]) -> dict[str, bool]:
    """Every form of the verb mapped to whether it carries the particle itself.

    ``extra`` lists irregular forms to add and, prefixed with "-", generated forms to drop
    because they are mostly other words ("meine", "bitte").
    """
    dropped = {f[1:] for f in extra if f.startswith("-")}
    finite = (_weak_forms(base) | {f for f in extra if not f.startswith("-")}) - dropped
    if not particle:
        return dict.fromkeys(finite, True)
    # "gesagt" of sagen; for geben and gehen only the longer "gegeben", "gegangen"
    min_len = len(base) + 2 if base.startswith("ge") else 0
    participles = {f for f in finite if f.startswith("ge") and len(f) >= min_len}
    forms = dict.fromkeys(finite - participles, False)
    # participles, infinitives and verb-final finite forms ("wie er mitteilte") are
    # written together with the particle
    for form in finite:
        forms[particle + form] = True
    forms[particle + "zu" + base] = True
    return forms


@cache
def speech_verbs() -> dict[str, tuple[SpeechVerbForm, ...]]:
    """Inflected form -> the speech verbs it may belong to ("gab": angeben, zugeben, ...)."""
    table: dict[str, tuple[SpeechVerbForm, ...]] = {}
    for line in _lines("speech_verbs_de.txt"):
        infinitive, medium, *extra = line.split()
        particle, _, base = infinitive.rpartition("|")
        verb = SpeechVerb(
            lemma=infinitive.replace("|", ""),
            particle=particle,
            medium=Medium(medium),
            reports="@reported" in extra,
        )
        extra = [form for form in extra if form != "@reported"]
        for form, joined in _verb_forms(particle, base, extra).items():
            for spelling in with_swiss_spellings([form]):
                table[spelling] = (*table.get(spelling, ()), SpeechVerbForm(verb, joined))
    return table


@cache
def role_synonyms() -> dict[str, str]:
    """Lemma of a role noun ("premierminister") -> the first word of its office's line in
    ``role_synonyms_de.txt`` ("premier"): role nouns the press uses for one person."""
    return {
        word: line.split()[0] for line in _lines("role_synonyms_de.txt") for word in line.split()
    }


@cache
def konjunktiv_forms() -> frozenset[str]:
    """Finite forms that mark a clause as reported (Konjunktiv I, and II in its stead)."""
    return with_swiss_spellings(_lines("konjunktiv_de.txt"))


@cache
def _report_nouns() -> tuple[frozenset[str], tuple[str, ...]]:
    lines = _lines("report_nouns_de.txt")
    words = frozenset(ln.lower() for ln in lines if not ln.startswith("-"))
    suffixes = tuple(ln[1:].lower() for ln in lines if ln.startswith("-"))
    return words, suffixes


def is_report_noun(word: str) -> bool:
    """True for "Angaben", "Polizeiangaben", "Ansicht": sources in "nach Angaben der …"."""
    words, suffixes = _report_nouns()
    low = word.lower()
    return word[:1].isupper() and (low in words or low.endswith(suffixes))


@cache
def first_names() -> dict[str, Gender]:
    """First name -> gender (``unknown`` for names given to both)."""
    table = {}
    for line in _lines("first_names.tsv"):
        name, gender = line.split("\t")
        table[name] = Gender(gender)
    return table


@cache
def speaker_nouns() -> dict[str, str]:
    """Lower-cased noun stem -> class (role, adjrole, org, medium, document, statement, group)."""
    return {fields[0].lower(): fields[1] for fields in _noun_rows()}


@cache
def noun_genders() -> dict[str, Gender]:
    """Stems whose natural gender the word itself gives: "Mutter", "Vater"."""
    return {fields[0].lower(): Gender(fields[2]) for fields in _noun_rows() if len(fields) > 2}


@cache
def _noun_rows() -> list[list[str]]:
    return [line.split("\t") for line in _lines("speaker_nouns.tsv")]


@cache
def org_suffixes() -> frozenset[str]:
    return frozenset(_lines("org_suffixes.txt"))


@cache
def closed_class() -> dict[str, str]:
    """Lower-case German closed-class word -> its class (article, pronoun, preposition, …)."""
    classes = dict(line.split("\t") for line in _lines("closed_class_de.tsv"))
    return {swiss_spelling(word): cls for word, cls in classes.items()} | classes


@cache
def states() -> frozenset[str]:
    """German short names of states: places that may speak as organisations."""
    return frozenset(_lines("states_de.txt"))


_NAME_ARTICLES = frozenset({"der", "die", "das", "dem", "den", "des", "the", "le", "la", "el"})
_QUOTES = "".join(QUOTE_MARKS) + '"'


def _name_words(name: str) -> list[str]:
    """The lower-case words of a title without quotation marks and leading article."""
    words = [w for w in (w.strip(_QUOTES).lower() for w in name.split()) if w]
    return words[1:] if len(words) > 1 and words[0] in _NAME_ARTICLES else words


def _name_key(words: list[str]) -> str:
    """What the inflected forms of a title share: each word without a genitive -s and an
    adjective ending ("Süddeutschen Zeitung", "Süddeutsche Zeitung" -> "süddeutsch zeitung";
    "Spiegels" -> "spiegel")."""
    keys = []
    for word in words:
        if word.endswith("s") and len(word) > 3:
            word = word[:-1]
        for ending in ("en", "er", "em", "es", "e"):
            if word.endswith(ending) and len(word) - len(ending) >= 3:
                word = word[: -len(ending)]
                break
        keys.append(word)
    return " ".join(keys)


@dataclass(frozen=True, slots=True)
class Outlet:
    """A news outlet of ``outlets_de.tsv``: its name and kind (paper, magazine, broadcaster,
    agency)."""

    name: str
    kind: str


@cache
def _outlets() -> tuple[dict[str, Outlet], dict[str, Outlet]]:
    """Outlets by the words of their name as written, and by its inflection key (the first
    outlet of a key wins: "Time" and "The Times" share one, and each is found as written)."""
    exact: dict[str, Outlet] = {}
    inflected: dict[str, Outlet] = {}
    for line in _lines("outlets_de.tsv"):
        name, kind = line.split("\t")
        words = _name_words(name)
        exact[" ".join(words)] = Outlet(name, kind)
        inflected.setdefault(_name_key(words), exact[" ".join(words)])
    return exact, inflected


def outlet(name: str) -> Outlet | None:
    """The news outlet ``name`` names in any case or inflection ("der Süddeutschen Zeitung"
    is "Süddeutsche Zeitung", "dem STANDARD" "Der Standard", "DPA" "dpa"), else None."""
    exact, inflected = _outlets()
    words = _name_words(name)
    return exact.get(" ".join(words)) or inflected.get(_name_key(words))


@cache
def context_word_classes() -> dict[str, str]:
    """Lower-case function word -> its class in ``speaker_context_de.tsv`` (the speaker
    ranker's view of the words around a candidate)."""
    return dict(line.split("\t") for line in _lines("speaker_context_de.tsv"))
