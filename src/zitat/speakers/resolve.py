"""Speaker and addressee mentions -> entities, inside one article.

Each role is read from left to right: pronouns and "demnach" go to an antecedent,
statement nouns ("Angaben der Polizei") pass to their owner, documents ("einem Bericht
der Zeitung") stay documents, named persons and organisations become their article
entity, role descriptions go to the named person holding that role ("der GdP-Vorsitzende"
after "Der GdP-Vorsitzende Konrad Freiberg"), and unnamed individuals, plurals and
coordinations become anonymous sources and groups. Anything else stays ``None``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from itertools import takewhile

from zitat.lang.de.dates import is_time_word
from zitat.lang.de.words import (
    ADVERBS,
    BACK_REFERENCES,
    DEFINITE,
    DEMONSTRATIVE_GENDER,
    DEMONSTRATIVES,
    FIRST_PERSON,
    FUNCTION_WORDS,
    INDEFINITE,
    NAME_PARTICLES,
    OBLIQUE_MARKERS,
    ORG_DESCRIPTION_CUTS,
    POSSESSIVE_GENDER,
    RELATIVE_PRONOUNS,
    RUN_ON_OBJECTS,
    SOMEONE,
)
from zitat.lang.de.words import SPEAKER_PREPOSITIONS as PREPOSITIONS
from zitat.schema import AnalysisResult, EntityKind, EntityRef, Gender, Quotation, Role
from zitat.speakers.article import ArticleEntities
from zitat.speakers.candidates import Antecedents
from zitat.speakers.descriptions import RoleDescriptions
from zitat.speakers.documents import DocumentBook
from zitat.speakers.gender import pronoun_gender, role_gender
from zitat.speakers.groups import coordinated, is_coordination, named_members
from zitat.speakers.holders import ROLE_WINDOW
from zitat.speakers.identity import entity_id
from zitat.speakers.mentions import is_entity_name
from zitat.speakers.names import is_acronym, is_name_word
from zitat.speakers.phrases import (
    ANONYMOUS_SUFFIX,
    describe,
    looks_like_brand,
    nominative,
    organisation_ref,
    phrase,
    quoted,
    singular_nominative,
)
from zitat.speakers.roles import names_abstraction, noun_info
from zitat.text.document import ParsedText
from zitat.text.tokenize import Token

_NOT_A_PRONOUN = object()
_OPEN_END_WORDS = 3
"""Words a broken-off speaker span may be continued by."""
_NAME_REACH = 200
"""Characters back from a word within which a name holding it must start."""


class ArticleResolver:
    """Resolves the roles of one article's quotations, in text order."""

    def __init__(self, result: AnalysisResult, doc: ParsedText) -> None:
        self.article = ArticleEntities(result, doc)
        self.antecedents = Antecedents(self.article)
        self.descriptions = RoleDescriptions(self.article, self.antecedents)
        self.doc = doc
        self.text = doc.text
        self._documents: DocumentBook | None = None
        self._by_id: dict[str, Quotation] = {q.id: q for q in result.quotations}

    def resolve(self, role: Role, quotation: Quotation, as_speaker: bool) -> EntityRef | None:
        start = role.spans[0][0]
        first = self.doc.token_at(start)
        last = self.doc.token_at(role.spans[-1][1] - 1)
        tokens = [
            t
            for t in self.doc.tokens[first : last + 1]
            if any(s <= t.start and t.end <= e for s, e in role.spans)
        ]
        if tokens:
            kept = _without_relative_clause(tokens)
            tokens = kept if len(kept) < len(tokens) else tokens + self._unfinished(last, quotation)
            tokens = _without_run_on(tokens, self._inside_name)
        ref = self._resolve_tokens(tokens, quotation) if tokens else None
        if ref is not None and not _speaker_name(ref):
            ref = None
        if ref is not None and as_speaker:
            self.antecedents.add_speaker(start, ref)
        elif ref is not None and _outlet(ref):
            self.article.organisations.add_medium(start, ref)  # "sagte er der Welt am Sonntag"
        if ref is not None:
            self.article.record(ref, role)
        return ref

    def _inside_name(self, token: Token) -> bool:
        """Whether ``token`` lies inside an entity mention that starts before it ("am" of "Welt
        am Sonntag")."""
        earlier = self.article.mentions_in(token.start - _NAME_REACH, token.start)
        return any(stop > token.start for _, stop, _ in earlier)

    def _unfinished(self, last: int, quotation: Quotation) -> list[Token]:
        """The rest of a noun phrase a speaker span breaks off in ("Angaben von" n24, "den
        jüngsten" Untersuchungen): the next words up to its noun, in the same sentence and
        outside the quote; none when the span ends in a noun or name."""
        toks = self.doc.tokens
        if not _open_end(toks[last].text):
            return []
        stop = self.doc.sentences[self.doc.sentence_of_token(last)].last_token  # exclusive
        quote = quotation.quote.spans
        rest: list[Token] = []
        for k in range(last + 1, min(stop, last + 1 + _OPEN_END_WORDS)):
            token = toks[k]
            if any(s <= token.start < e for s, e in quote) or not token.text[:1].isalnum():
                return []
            rest.append(token)
            if not _open_end(token.text):
                named = token.text[:1].isupper() or looks_like_brand(token.text)  # "n24"
                return rest if named else []
        return []

    def _resolve_tokens(self, tokens: list[Token], quotation: Quotation) -> EntityRef | None:
        lower = [t.text.lower() for t in tokens]
        start = tokens[0].start
        if len(tokens) == 1 or (len(tokens) == 2 and lower[0] in PREPOSITIONS):
            pronoun = self._pronoun(tokens[-1], quotation)
            if pronoun is not _NOT_A_PRONOUN:
                return pronoun  # type: ignore[return-value]
        # strip leading prepositions and articles, remembering definiteness
        i, definite, indefinite = 0, False, False
        while i < len(tokens) and (
            (lower[i] in PREPOSITIONS and not (definite or indefinite))  # not "der an der …"
            or lower[i] in DEFINITE
            or lower[i] in INDEFINITE
        ):
            definite |= lower[i] in DEFINITE
            indefinite |= lower[i] in INDEFINITE
            i += 1
        possessive = lower[i] if i < len(tokens) and lower[i] in POSSESSIVE_GENDER else None
        i += possessive is not None
        body = tokens[i:]
        if not body:
            return None
        if all(t.text.isalpha() and t.text.isupper() for t in body) and (
            len(body) > 1 or not is_acronym(body[0].text)
        ):
            return self.article.named_text(  # "DONALD TRUMP", the interview label "STANDARD"
                " ".join(t.text.title() for t in body), body[0].start
            )
        if body[0].text.lower() in SOMEONE:  # "jemand aus seinem Team": never named
            return describe(body, EntityKind.ANONYMOUS)
        if self.article.place(body):
            return None  # "Zürich", "Tirol": a place is no speaker (a state is: "Island")
        in_quotes = quoted(body)
        if in_quotes or looks_like_brand(phrase(body)):
            return self.article.organisations.organisation(in_quotes or body, head=None)
        head = self._head(tokens, i)
        info = noun_info(tokens[head].text) if head is not None else None
        if info is not None and info.cls == "statement" and head is not None:
            return self._statement_owner(tokens, i, head, possessive, quotation)
        if (
            info is not None
            and head == i
            and info.cls in ("role", "adjrole")
            and self.descriptions.role_of_someone_named(tokens, head)
        ):  # "Ein Sprecher der zuständigen Landesrätin Martina Berthold (Grüne)"
            bracket = next((k for k, t in enumerate(body) if t.text == "("), len(body))
            return describe(body[:bracket], EntityKind.ANONYMOUS, role_gender([body[0].text]))
        if info is not None and info.cls == "office" and head == i:
            office = self.descriptions.office(tokens, head, info, possessive)
            if office is not None:
                return office
        persons = [
            e
            for e in self.article.entities_in(start, tokens[-1].end)
            if e.kind == EntityKind.PERSON
        ]
        if len(persons) >= 2 and coordinated(self.article, body, persons):
            names = " und ".join(p.name for p in persons)
            return EntityRef(entity_id(names, EntityKind.GROUP), names, EntityKind.GROUP)
        named = self.descriptions.leading_name(body) or self.descriptions.apposed_name(body)
        if named is not None:
            return named
        if info is not None and info.cls == "document":
            known = (
                self.documents.known(info.stem, start)
                if definite and head == len(tokens) - 1  # "die Studie", "der Studie"
                else None
            )
            as_named = singular_nominative(body, head - i, info) if head is not None else body
            return known or describe(as_named, EntityKind.DOCUMENT)
        if is_coordination(body):
            members = named_members(self.article, body)
            if members is not None:
                return replace(members, role=self.text[body[0].start : body[-1].end])
            return describe(body, EntityKind.GROUP)
        if info is not None and head is not None and info.cls == "medium":
            return self.article.organisations.organisation(body, head=tokens[head])
        if persons:
            person = self.descriptions.appositive_person(body, persons)
            return self.article.ref(person, self.descriptions.rolephrase(body, person))
        if info is not None and head is not None and info.cls in ("role", "adjrole"):
            definite |= possessive is not None
            return self.descriptions.describe_role(tokens, i, head, info, definite, indefinite)
        if info is not None and (info.cls == "group" or (info.cls == "org" and info.plural)):
            again = (
                self.antecedents.same_group(info.stem, start)
                if definite and head == len(tokens) - 1
                else None
            )
            # "den Gläubigerschutzverbänden" after "die Gläubigerschutzverbände Creditreform
            # und AKV Europa"
            return again or describe(body, EntityKind.GROUP)  # "Experten", "die Behörden"
        before_phrase = list(takewhile(lambda t: t.text.lower() not in PREPOSITIONS, body))
        if (
            0 < len(before_phrase) < len(body)
            and not definite
            and all(is_name_word(t.text) or t.text in NAME_PARTICLES for t in before_phrase)
        ):  # "Airbus im französischen Toulouse", "Sascha Kempf vom Max-Planck-Institut"
            return self.article.named(before_phrase)
        organisations = self.article.entities_in(start, tokens[-1].end)
        if info is not None and head is not None and info.cls in ("org", "office"):
            own_name = not organisations or any(
                s >= tokens[head].start
                for m in organisations[0].mentions
                for s, _ in m.spans[:1]
                if s < tokens[-1].end and s >= start
            )
            cut = next((k for k in range(1, len(body)) if _description_starts(body, k)), None)
            if own_name or (cut is not None and body[cut].start > tokens[head].start):
                return self.article.organisations.organisation(
                    body[:cut] if cut else body, head=tokens[head]
                )
        if organisations:
            return self.article.ref(organisations[0])
        names_only = all(
            is_name_word(t.text) or t.text in NAME_PARTICLES or t.text in ("-", ".") for t in body
        )
        if (
            definite
            and all(t.text[:1].isupper() for t in body)
            and not _abstract_noun(body, lower[i - 1] if i else "")
        ):
            return describe(body, EntityKind.ORGANISATION)  # "das Rote Kreuz"
        if names_only and not definite and not indefinite:
            return self.article.named(body)
        return None

    def _pronoun(self, token: Token, quotation: Quotation) -> EntityRef | object | None:
        """The referent of a pronoun-like speaker; ``_NOT_A_PRONOUN`` for other words."""
        word = token.text.lower()
        if word in FIRST_PERSON and quotation.nested_in is not None:
            return self._outer_speaker(quotation)
        if word in BACK_REFERENCES:
            document = self._recent_document(token.start)
            if document is not None:
                return document  # "Die Studie über … wurde publiziert. Demnach würde …"
            return self.antecedents.antecedent(
                token.start, Gender.UNKNOWN, plural_ok=True, any_kind=True
            )
        at = self.doc.token_at(token.start)
        before = [t.text for t in self.doc.tokens[max(0, at - 2) : at]]
        if (
            word in DEMONSTRATIVE_GENDER
            and before
            and (
                before[-1] == ","
                or (len(before) == 2 and before[0] == "," and before[1] in PREPOSITIONS)
            )
        ):  # a relative pronoun: "…der Polizei, die …", "eine Klageschrift, nach der …"
            comma = self.doc.tokens[at - 1 if before[-1] == "," else at - 2]
            return self._relative_antecedent(comma, quotation)
        if word in DEMONSTRATIVES:
            return self.antecedents.antecedent(
                token.start, DEMONSTRATIVES[word], plural_ok=True, any_kind=True, nearest=True
            )
        gender = pronoun_gender(word) or DEMONSTRATIVE_GENDER.get(word)
        if gender is None:
            return _NOT_A_PRONOUN
        return self.antecedents.of_pronoun(token.start, word, gender)

    @property
    def documents(self) -> DocumentBook:
        if self._documents is None:
            toks = self.doc.tokens
            self._documents = DocumentBook(toks, [not self.article.in_quote(t.start) for t in toks])
        return self._documents

    def _recent_document(self, position: int) -> EntityRef | None:
        """A document introduced with its subject in this or the previous sentence."""
        latest = self.documents.latest(position)
        if latest is None:
            return None
        sentence = self.article.sentence_at(position)
        before = self.article.sentence_at(latest[0])
        return latest[1] if sentence - before <= 1 else None

    def _relative_antecedent(self, comma: Token, quotation: Quotation) -> EntityRef | None:
        """The noun phrase right before the comma that opens a relative clause."""
        at = self.doc.token_at(comma.start)
        first = at
        while first > max(0, at - ROLE_WINDOW) and self.doc.tokens[first - 1].text not in ",.;:":
            first -= 1
            if self.doc.tokens[first].text.lower() in DEFINITE | INDEFINITE:
                break
        phrase = self.doc.tokens[first:at]
        while phrase and phrase[-1].text[:1].islower():
            phrase = phrase[:-1]  # "eine Klageschrift eingereicht, nach der": no verb
        return self._resolve_tokens(phrase, quotation) if phrase else None

    def _statement_owner(
        self,
        tokens: list[Token],
        i: int,
        head: int,
        possessive: str | None,
        quotation: Quotation,
    ) -> EntityRef | None:
        """ "Angaben der Polizei", "Celebis Angaben", "Polizeiangaben", "seiner Meinung nach"."""
        rest = tokens[head + 1 :]
        if rest:
            return self._resolve_tokens(rest, quotation)
        before = tokens[i:head]
        if before and all(is_name_word(t.text.removesuffix("s")) for t in before):
            name = self.text[before[0].start : before[-1].end].removesuffix("s")
            return self.article.named_text(name, before[0].start)
        word = tokens[head].text
        stem = noun_info(word).stem if noun_info(word) else ""  # type: ignore[union-attr]
        prefix = word[: word.lower().find(stem)].rstrip("-").removesuffix("s") if stem else ""
        owner = noun_info(prefix.capitalize()) if len(prefix) > 2 else None
        if owner is not None and owner.cls == "org":
            known = self.article.organisations.known(owner.stem, tokens[0].start)
            if known is not None:
                return known  # "Unternehmensangaben" after "Volkswagen AG"
        if (owner is not None and owner.cls == "org") or (prefix.isupper() and len(prefix) > 1):
            # "Polizeiangaben", "NASA-Angaben", "israelischen Armeeangaben"
            adjectives = [t.text for t in tokens[i:head] if t.text[:1].islower()]
            name = " ".join(
                [*nominative(adjectives), prefix if prefix.isupper() else prefix.capitalize()]
            )
            return organisation_ref(name)
        if possessive is not None:
            return self.antecedents.of_possessive(tokens[0].start, possessive)
        return None

    def _head(self, tokens: list[Token], i: int) -> int | None:
        """The first speaker noun from ``i`` on before any preposition, else the first role
        noun, else the first capitalised word ("Patrick Kamanda von der … Behörde" is headed
        by the name)."""
        end = next(
            (j for j in range(i, len(tokens)) if tokens[j].text.lower() in PREPOSITIONS),
            len(tokens),
        )
        for j in range(i, end):
            if noun_info(tokens[j].text) is not None:
                return j
        for j in range(end, len(tokens)):  # "der an der Studie beteiligte Politologe X"
            if (info := noun_info(tokens[j].text)) is not None and info.cls in ("role", "adjrole"):
                return j
        for j in range(i, len(tokens)):
            if tokens[j].text[:1].isupper() and tokens[j].text not in FUNCTION_WORDS:
                return j
        return None

    def _outer_speaker(self, quotation: Quotation) -> EntityRef | None:
        outer = self._by_id.get(quotation.nested_in or "")
        if outer is not None and outer.speaker is not None:
            return outer.speaker.entity
        return None


def _outlet(addressee: EntityRef) -> bool:
    """Whether an addressee is an outlet: an organisation named by a name ("der Welt am
    Sonntag", "der APA") or by a medium noun, not by another noun ("dem Ministerium", "den
    Parlamentariern")."""
    info = noun_info(addressee.name.split()[-1]) if addressee.name else None
    return addressee.kind is EntityKind.ORGANISATION and (info is None or info.cls == "medium")


def _speaker_name(ref: EntityRef) -> bool:
    """Whether ``ref`` may be a speaker: never an entity named "die" or "„", never an
    organisation named by one abstract noun ("Vorbedingungen")."""
    name = ref.name.removesuffix(ANONYMOUS_SUFFIX)
    return is_entity_name(name) and not (
        ref.kind is EntityKind.ORGANISATION and " " not in name and names_abstraction(name)
    )


def _without_relative_clause(tokens: list[Token]) -> list[Token]:
    """A speaker span without the relative clause it ends in: "Anwalt Herbert Eichenseder,
    der den Angeklagten Mantler vertritt" (a clause ends in its lower-case verb; "Celebi, die
    Anwältin der Frau" is an apposition and stays)."""
    if len(tokens) < 4 or not tokens[-1].text.islower():
        return tokens
    for k in range(1, len(tokens) - 2):
        if tokens[k].text == "," and tokens[k + 1].text.lower() in RELATIVE_PRONOUNS:
            return tokens[:k]
    return tokens


def _without_run_on(tokens: list[Token], inside_name: Callable[[Token], bool]) -> list[Token]:
    """A speaker span without what a tagger's span runs on into after a noun or name: a
    time ("das Verteidigungsministerium am Donnerstag", "der Konzern Mittwochabend"; a
    document keeps its "vom August 2002"), an adverb ("das Wirtschaftsministerium heute")
    or the object after it ("die Polizei einem Interessenten"). Not after a preposition:
    "die Kommission in den USA"; nor inside a name: "die Welt am Sonntag"."""
    for k in range(1, len(tokens)):
        before, word = tokens[k - 1].text, tokens[k].text
        after = tokens[k + 1].text.lower() if k + 1 < len(tokens) else ""
        if not before[:1].isupper() or before in FUNCTION_WORDS:
            continue  # "Der mittlerweile 77-jährige Charlton": no noun before the adverb
        if is_time_word(word) or word in ADVERBS or word in RUN_ON_OBJECTS:
            return tokens[:k]
        dated = word == "am" and (is_time_word(after) or after[:1].isdigit())
        if dated and not inside_name(tokens[k]):
            return tokens[:k]
    return tokens


def _description_starts(body: list[Token], k: int) -> bool:
    """Whether the name of an organisation ends before ``body[k]``: "die Regierung unter Tony
    Blair", "die Polizei von weniger Auseinandersetzungen" (a preposition before a
    lower-case word); not "die Schutzvereinigung für Wertpapierbesitz"."""
    word = body[k].text
    if word in ORG_DESCRIPTION_CUTS:
        return True
    after = body[k + 1].text if k + 1 < len(body) else ""
    return word in PREPOSITIONS and after.islower() and after not in DEFINITE | INDEFINITE


def _open_end(word: str) -> bool:
    """A word a noun phrase cannot end in: an article, a preposition, an inflected adjective
    ("jüngsten")."""
    lower = word.lower()
    return (
        lower in DEFINITE
        or lower in INDEFINITE
        or lower in OBLIQUE_MARKERS
        or (word.islower() and word.endswith(("en", "er", "es", "em", "e")) and len(word) > 3)
    )


def _abstract_noun(body: list[Token], article: str) -> bool:
    """One noun that names no body: an abstract noun ("die Entscheidung", "der Ausstoß") or a
    nominalised verb ("dem Vernehmen nach", "das Vorgehen")."""
    if len(body) != 1:
        return False
    word = body[0].text
    return names_abstraction(word) or (article in ("das", "dem") and word.lower().endswith("en"))


def _sort_key(q: Quotation) -> int:
    role = q.speaker or q.quote
    return role.spans[0][0] if role.spans else 0


class SpeakersEnricher:
    """The ``speakers`` enricher: fills ``entity`` of every speaker and addressee."""

    requires: tuple[str, ...] = ("entities",)

    def __call__(self, result: AnalysisResult, doc: ParsedText) -> AnalysisResult:
        resolver = ArticleResolver(result, doc)
        # outer quotations first so that nested "ich" finds its speaker
        for q in sorted(result.quotations, key=lambda q: (q.nested_in is not None, _sort_key(q))):
            speaker = q.speaker
            if speaker is not None and speaker.spans:
                q.speaker = replace(speaker, entity=resolver.resolve(speaker, q, as_speaker=True))
            addressee = q.addressee
            if addressee is not None and addressee.spans:
                q.addressee = replace(
                    addressee, entity=resolver.resolve(addressee, q, as_speaker=False)
                )
        return result
