"""Roles of places read from a sentence's dependency parse.

A place named in a sentence that reports a movement is an origin, a
destination, a point on the route, or none of these, according to how it hangs
on the movement's trigger. :func:`read_roles` climbs from each place up the
parse until it reaches a trigger, reading each step as one construction:

===========================  ===========================================  ==============
construction                 example                                      role
===========================  ===========================================  ==============
source phrase                fled **from** X, **out of** X                origin
goal phrase                  moved **to** X, crossed **into** X           destination
route phrase                 **via** X, **through** X                     route
location of a departure      evacuated **in** X, displaced **within** X   origin
location of an arrival       arrived **in** X, sheltering **at** X        destination
object of a leaving verb     fled X, left X, evacuated X                  origin
object of a reaching verb    entered X, reached X                         destination
subject of a passive         X was evacuated                              origin
subject of a hosting verb    X hosts refugees, the camp houses N          destination
subject of an evacuating     X evacuated 163,000 people                   origin
agent
place that locates a noun    from their homes **in X**, the town **of X** the noun's role
of the people who moved      **X** residents, residents **of X**,         origin (for a
                             refugees **from X**                          return: destination)
where the movers are         people **in X** were evacuated; IDPs in X   the trigger's
                                                                          location
cause of the movement        fled fighting **in X**; floods in X          origin
                             displaced N; fled as the volcano erupted
                             **in X**; evacuated after the storm hit X;
                             a landslide buried homes **in X**, and
                             survivors were relocated
coordination                 to X **and** Y                               X's role
examples                     fled villages, **including X**               the noun's role
where the movers now are     people **who fled** X **are now in Y**       destination
the returners' history       those **who fled to X** are returning;       origin; for
                             refugees **who fled X** returned home        "fled X", the
                                                                          destination
relative place               X, **where** N were displaced                the trigger's
                                                                          location
fronted location             **In X,** N were evacuated                   the trigger's
                                                                          location
===========================  ===========================================  ==============

A trigger also takes the arguments of the verb that carries it: "forced N
**to flee**", "**sent** N **fleeing**", "**were under** evacuation orders",
"**ordered the evacuation** of X", "evacuations **took place**
in X", "residents of X **are expected to** leave", "they **are to** be
evacuated", and of the copula of a cleft: "**It is to X that** they fled". What a location means depends on the trigger's class: where people
left for departures (flee, leave, evacuate, displace), where they are for
arrivals, hosting and stays.

The tables below are the constructions as data; the code only walks the tree.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mapper.model import Mention
from mapper.movements import lexicon as lx

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

__all__ = ["Trigger", "Role", "Reading", "read_sentence"]

ORIGIN, DESTINATION, ROUTE = "origin", "destination", "route"
#: Trigger classes whose location is where people left, or where they are.
DEPARTURES = frozenset({"flee", "leave", "evacuate", "displace"})
ARRIVALS = frozenset({"arrive", "host", "return", "stay"})
_SOURCE = frozenset({"from", "out of", "away from", "off"})
#: Words that name examples of a noun: the examples share its role.
_EXAMPLES = frozenset({"including", "like", "notably", "especially", "particularly", "such as"})
# Roads bound an evacuation zone ("from X to Y Road, including Z"): Z is in the zone, not where it ends.
_ROADS = frozenset("road roads street streets highway avenue drive lane bridge boulevard route".split())
_GOAL = frozenset({"to", "into", "towards", "toward", "onto"})
_ROUTE = frozenset({"via", "through", "past"})
# Prepositions that place a thing beside X, not in it: after a goal they locate the goal.
_NEAR = frozenset({"outside", "near", "around", "above", "below"})
_OBJECT_ROLE = {
    "flee": ORIGIN, "leave": ORIGIN, "evacuate": ORIGIN, "displace": ORIGIN,
}
_REACHING = frozenset("enter entered enters entering reach reached reaches reaching".split())
_CROSSING = frozenset("cross crossed crosses crossing".split())
_WHERE = frozenset({"where", "wherein"})
_RELATIVE_SUBJECT = frozenset({"which", "that"})
_CLAUSE_LINKS = frozenset({"conj", "xcomp", "ccomp", "advcl"})
_TIME_WORDS = lx.MONTHS | lx.WEEKDAYS | frozenset(
    "day days week weeks month months year years morning evening night afternoon weekend".split())
# People-nouns that are not also places people leave ("homes" counts households, yet
# "from their homes in X" locates X).
_MOVERS = lx.MOVER_HEADS - frozenset("homes home houses house dwellings dwelling homesteads".split())


@dataclass(frozen=True, slots=True)
class Trigger:
    """A word that reports people moving, with its class (see :mod:`lexicon`)."""

    start: int
    end: int
    cls: str


@dataclass(frozen=True, slots=True)
class Role:
    """What a place is to one movement of its sentence, and the construction that says so."""

    role: str
    trigger: Trigger
    rule: str


@dataclass(frozen=True, slots=True)
class Reading:
    """What the parse says of one sentence.

    Attributes
    ----------
    roles : dict
        ``(mention.start, mention.end)`` → :class:`Role`, for the place mentions
        that are ends or route points of a movement.
    movers : dict
        ``trigger.start`` → who the trigger says moved: ``"people"`` (a count,
        people, refugees, "they"), ``"thing"`` (troops, aid, storms, vehicles),
        ``"person"`` (one named or singular person: "he", "Munene", "a woman")
        or ``"unknown"``.
    triggers : tuple of Trigger
        The triggers kept (an adjective "displaced" is none; "15,000 IDPs" is a stock).
    refers_back : frozenset
        Starts of triggers whose movers point back at people named before ("many",
        "17 of whom", "they").
    rejected : frozenset
        Spans of places the grammar says are no ends ("Y" in "X in Y"): the
        words' rules are not asked about them.
    """

    roles: dict
    movers: dict
    triggers: tuple = ()
    refers_back: frozenset = frozenset()
    rejected: frozenset = frozenset()


_PERSON_PRONOUNS = frozenset("he she him her i me his".split())
# One person, when singular with an article: "an individual", "the man", "a student".
_PERSON_NOUNS = frozenset(
    """individual person man woman boy girl couple child student worker farmer official journalist
    activist doctor nurse teacher soldier patient tourist passenger resident refugee migrant""".split()
)
_PEOPLE_PRONOUNS = frozenset("they them their we us those these who whom others".split())
_AGENTIVE = frozenset({"evacuate", "move", "displace"})
_GROUP_NOUNS = frozenset("number numbers total flow flows group groups wave waves stream influx majority rest".split())
# Words that count or group the movers named by their "of" phrase: "the number of migrants".
_GROUP_WORDS = _GROUP_NOUNS | frozenset("thousands hundreds dozens scores millions tens many some most all half several".split())


def _objects(tok: Token, words: tuple[str, ...] = ("of",)) -> list[Token]:
    """The objects of *tok*'s prepositions *words*: "people" in "thousands of people"."""
    return [g for c in tok.children if c.dep_ == "prep" and c.lower_ in words for g in c.children if g.dep_ == "pobj"]


def _moved_token(tok: Token, cls: str) -> Token | None:
    """The noun phrase a trigger says moved: its passive subject, object, subject or controller."""
    if tok.tag_ in ("NNS", "NN") and tok.lower_ in lx.DISPLACED_HEADS:
        return tok  # "the number of returnees from X is N": the trigger names the movers itself
    if cls == "host":
        # "hosts 90,000 IDPs", "home to 9,000 displaced people": the people hosted
        hosted = next((c for c in tok.children if c.dep_ == "dobj"), None) or next(iter(_objects(tok, ("to",))), None)
        if hosted is not None:
            return hosted
    for _ in range(4):
        kids = {c.dep_: c for c in tok.children}
        if "nsubjpass" in kids:
            return kids["nsubjpass"]
        if cls in _AGENTIVE and tok.tag_.startswith("VB"):
            # "police evacuated 300 people", "floods displaced 3,000 people": the object moved.
            moved = kids.get("dobj") or next((c for c in tok.children if c.dep_ in ("npadvmod", "attr", "oprd")
                                              and (c.lower_ in lx.MOVER_HEADS or any(g.dep_ == "nummod" for g in c.children))), None)
            if moved is not None or cls != "move" and "nsubj" in kids and _agent(kids["nsubj"]):
                return moved
        if cls == "return" and tok.tag_.startswith("VB") and "dobj" in kids and _people(kids["dobj"]):
            return kids["dobj"]  # "the UN returned 300 refugees": who sent them back did not move
        if "nsubj" in kids:
            subject = kids["nsubj"]
            if subject.lower_ in ("who", "that", "which") and tok.dep_ == "relcl":
                return tok.head  # "IDPs who have returned": the relative pronoun is its noun
            return subject
        their = next((c for c in tok.children if c.dep_ == "poss" and c.lower_ == "their"), None)
        if tok.tag_.startswith("NN") and their is not None:
            return their  # "their repatriation to X": people named before
        if tok.tag_.startswith("NN"):
            # "the evacuation of 300 people", "an evacuation order for residents"
            nouns = [tok, tok.head] if tok.dep_ == "compound" and tok.head.lower_ in lx.CARRIER_NOUNS else [tok]
            objs = [g for n in nouns for g in _objects(n, ("of", "for"))]
            if objs or not (tok.dep_ == "pobj" and tok.head.head.tag_.startswith("VB")):
                return objs[0] if objs else None
            tok = tok.head.head  # "1,900 people were in evacuation centres": the verb's subject
            obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
            if obj is not None:
                return obj  # "the rains left 10,000 people in relief camps": the verb's object is there
            continue
        head = tok.head
        if head.i == tok.i:
            return None
        if tok.dep_ in ("relcl", "acl"):
            return head  # "people who fled", "families displaced by floods"
        if tok.dep_ == "xcomp":
            hk = {c.dep_: c for c in head.children}
            return hk.get("dobj") or hk.get("nsubjpass") or hk.get("nsubj")  # "forced N to flee"
        if tok.dep_ not in ("conj", "advcl"):
            return None  # "drove to X to enter Y": the purpose clause moves the driver
        before = tok.doc[tok.i - 1] if tok.i > 0 else None
        if tok.dep_ == "advcl" and before is not None and before.dep_ == "conj" and before.i != head.i \
                and (before.lower_ in _GROUP_WORDS or before.lower_ in lx.MOVER_HEADS or before.tag_ == "CD"):
            # "shelled villages near X and thousands crossed into Y": the parser hung "thousands" on X
            return before
        tok = head  # "were killed and 1,000 were evacuated" shares nothing; "fled and crossed" shares
    return None


def _named_displaced(tok: Token) -> bool:
    """ "IDPs", "displaced families": a noun that says its people are displaced."""
    return tok.lower_ in lx.DISPLACED_HEADS or any(
        _describes(c) and c.lower_ in ("displaced", "uprooted", "evacuated") for c in tok.children)


#: Words for a part of a group: "90 percent of all IDPs", "a third of the displaced".
_SHARES = frozenset("percent per cent share proportion fraction third quarter half majority most many some".split())
#: A relative clause that makes its people displaced: "the people who fled".
_FLED = frozenset("fled escaped evacuated displaced left".split())
_ANAPHORIC_STAYERS = frozenset("others majority most many they some rest remainder those these".split())
_SHELTERS = frozenset(
    """camp camps shelter shelters centre centres center centers site sites settlement settlements school
    schools families relatives displacement""".split()
)


def _stayers_kind(tok: Token) -> str:
    """Who a stay says is where: displaced people ("IDPs live in X", "7,000 remain in camps in X"),
    people named before ("others live in X": ``"anaphoric"``), or residents who stay (``"thing"``:
    "50,000 remain trapped in X" is no movement)."""
    if tok.tag_.startswith("NN") or tok.lower_ == "homeless":
        return "people"  # "15,000 IDPs in X": the displaced noun itself; "700 are homeless in X"
    if tok.lower_.startswith("join"):
        joined = next((c for c in tok.children if c.dep_ == "dobj"), None)
        return "people" if _movers_kind(joined, set()) == "people" else "thing"  # "joined 3,400 refugees in X"
    if any(c.dep_ in ("acomp", "oprd", "xcomp") and c.lower_ in ("homeless", "displaced", "uprooted")
           for c in tok.children):
        return "people"  # "1,500 people remain homeless in X"
    subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if tok.dep_ in ("relcl", "acl") and subject is not None and subject.lower_ in ("who", "that", "which"):
        subject = tok.head
    shared = _objects(subject) if subject is not None and subject.lower_ in _SHARES else []
    if shared and _named_displaced(shared[0]):
        subject = shared[0]  # "90 percent of all IDPs live in X": the IDPs do
    if subject is not None and (_named_displaced(subject)
                                or any(c.dep_ == "relcl" and c.lower_ in _FLED for c in subject.children)):
        return "people"  # "IDPs live in X", "displaced families stay in X", "the people who fled are staying in X"
    shelters = any(g.lower_ in _SHELTERS for c in tok.children if c.dep_ == "prep" for g in c.subtree)
    if shelters and subject is not None and _movers_kind(subject, set()) == "people":
        return "people"
    if subject is not None and subject.lower_ in _ANAPHORIC_STAYERS:
        return "anaphoric"
    return "thing"


_BACK_WORDS = frozenset("many most some others half majority rest remainder they them their those these whom all".split())


def _refers_back(tok: Token | None) -> bool:
    """Movers named by a word that points back at people already mentioned: "many fled on to Y",
    "17 of whom went to Y", "most of them", "they"."""
    if tok is None:
        return False
    if tok.lower_ in _BACK_WORDS or tok.tag_ == "CD":
        of = _objects(tok)
        return (not of and tok.tag_ != "CD") or any(g.lower_ in ("them", "whom", "these", "those") or
                                                    any(d.lower_ in ("the", "these", "those") for d in g.children)
                                                    for g in of)
    return False


def _of_movers(tok: Token) -> bool:
    """ "a convoy of families", "a boatload of migrants": the people are in the "of" phrase."""
    return any(g.lower_ in lx.MOVER_HEADS for g in _objects(tok))


_CARRYING = frozenset("carrying transporting ferrying bearing taking bringing evacuating".split())


def _carried_people(tok: Token) -> Token | None:
    """ "the convoy carrying 5,000 fighters", "buses transporting civilians": the people carried."""
    for c in tok.children:
        if c.dep_ == "acl" and c.lower_ in _CARRYING:
            obj = next((g for g in c.children if g.dep_ == "dobj"), None)
            if obj is not None and (obj.lower_ in lx.MOVER_HEADS or any(g.dep_ == "nummod" for g in obj.children)):
                return obj
    return None


def _agent(tok: Token) -> bool:
    """A subject that makes others move: a cause, an authority, a place ("floods", "police", "X")."""
    low = tok.lower_
    return low in lx.CAUSE_HEADS or low in lx.NON_MOVERS or tok.tag_ == "NNP"


def _movers_kind(tok: Token | None, places: set[int]) -> str:
    """Who a noun phrase is: people who may be displaced, things, one person, or unknown."""
    if tok is None:
        return "unknown"
    if tok.lower_ in _REMAINS:
        return "thing"  # "the bodies of 30 migrants were returned": the dead are not displaced
    tok = _carried_people(tok) or tok
    if tok.lower_ in _GROUP_WORDS or tok.tag_ == "CD" or _of_movers(tok):
        of = _objects(tok)
        if of:
            tok = of[0]  # "thousands of people", "many of the fighters", "the number of migrants"
        elif tok.tag_ == "CD" or tok.lower_ in _GROUP_WORDS and tok.lower_ not in _GROUP_NOUNS:
            return "people"
    low = tok.lower_
    # One person ("a person displaced between provinces", "the man fled", "a tourist was evacuated"),
    # even where the noun also counts people ("3,000 persons").
    if low in _PERSON_PRONOUNS or low in _PERSON_NOUNS and tok.tag_ == "NN" and any(
            c.lower_ in ("a", "an", "the", "one", "this", "that") for c in tok.children):
        return "person"
    if low in _TRAVELLERS:
        return "traveller"
    if low in lx.MOVER_HEADS or low in _PEOPLE_PRONOUNS or tok.tag_ in ("NNPS", "CD") or low == "homeless" \
            or any(c.dep_ == "nummod" for c in tok.children) and low not in lx.NON_MOVERS:
        return "people"  # "32,000 homeless", "300 Ruritanians"
    if low in lx.NON_MOVERS:
        return "thing"
    if tok.tag_ == "NNP" and low in lx.BUILDINGS:
        return "unknown"  # "evacuated Trump Tower": whoever was inside, not a person named Tower
    if tok.tag_ == "NNP" and tok.i not in places and not any(c.dep_ == "compound" and c.i in places for c in tok.children):
        return "person"
    return "unknown"


#: People who travel of their own will: moved only by an evacuation or a flight ("tourists were
#: evacuated"), not by arriving, heading or returning ("tourists flocked to X").
_TRAVELLERS = frozenset("""tourists tourist holidaymakers visitors fans spectators students pupils shoppers commuters
    worshippers travellers travelers passengers delegates athletes voters""".split())
_FORCED = frozenset({"evacuate", "flee", "displace"})
_REMAINS = frozenset("body bodies corpse corpses remains ashes".split())


def _forced(trig: Trigger, kind: str) -> str:
    """Travellers are movers only when forced; otherwise they are no displaced people."""
    if kind != "traveller":
        return kind
    return "people" if trig.cls in _FORCED else "thing"


def _outside_of(prep: Token) -> bool:
    return prep.lower_ == "of" and prep.head.lower_ in ("outside", "inside") and prep.head.i == prep.i - 1


def _prep_word(prep: Token) -> str:
    """The preposition as one word: "out of", "away from", "due to", "because of"."""
    word = prep.lower_
    if word == "of" and prep.head.lower_ in ("out", "because") and prep.head.i == prep.i - 1:
        return f"{prep.head.lower_} of"
    if word == "from" and prep.head.lower_ == "away" and prep.head.i == prep.i - 1:
        return "away from"
    if _outside_of(prep):
        return prep.head.lower_  # "a camp outside of X" is "a camp outside X"
    if word == "to" and prep.head.lower_ == "due":
        return "due"
    if word == "as" and prep.i > 0 and prep.doc[prep.i - 1].lower_ == "such":
        return "such as"  # "towns such as X": examples of the towns
    return word


def _location_role(cls: str, before_trigger: bool) -> str | None:
    """What "in X" makes of X for a trigger of class *cls*."""
    if cls in DEPARTURES:
        return ORIGIN
    if cls in ARRIVALS:
        return DESTINATION
    if cls == "move" and before_trigger:
        return ORIGIN  # "In X, 900 were moved"; "moved in X" says nothing of where they left
    return None


def _movers_location(cls: str) -> str | None:
    """Where the movers were ("residents in X were relocated"): where they left, or where they are."""
    if cls in DEPARTURES or cls == "move":
        return ORIGIN
    return DESTINATION if cls in ARRIVALS else None


def _passive(tok: Token) -> bool:
    return any(c.dep_ in ("auxpass", "nsubjpass") for c in tok.children) or (
        tok.tag_ == "VBN" and tok.dep_ in ("acl", "relcl", "amod"))


def _anchors(doc: Doc, triggers: dict[int, Trigger]) -> dict[int, Trigger]:
    """Tokens through which a trigger takes arguments: itself, and the verbs that carry it."""
    out = dict(triggers)
    for i, trig in triggers.items():
        tok = doc[i]
        for _ in range(3):
            head = tok.head
            if head.i == tok.i or head.i in out:
                break
            carried = tok.dep_ in ("xcomp", "ccomp", "dobj", "nsubj", "nsubjpass", "pobj") \
                and head.lower_ in lx.CARRIER_VERBS or tok.dep_ == "compound" and head.lower_ in lx.CARRIER_NOUNS \
                or tok.dep_ == "nsubj" and _in_effect(head) \
                or tok.dep_ == "nsubj" and tok.lower_ in _ZONES and head.lower_ in lx.ZONE_VERBS \
                or tok.dep_ in ("advcl", "ccomp", "xcomp") and head.lower_ in _SENDING  # "the zone includes X"; "sent N fleeing"
            # "There were 900 evacuees"; "they are to be evacuated": the copula carries the trigger.
            there_is = tok.dep_ in ("attr", "nsubj", "xcomp", "acomp") and head.lower_ in _COPULAS
            # "It is to X that they fled": a cleft puts the trigger's argument on the copula.
            there_is = there_is or tok.dep_ in ("ccomp", "relcl", "advcl") and head.lower_ in ("is", "was") and any(
                c.dep_ == "nsubj" and c.lower_ == "it" for c in head.children)
            if tok.dep_ == "pobj" and head.lower_ == "under" and head.head.lower_ in _COPULAS:
                head = head.head  # "were under evacuation orders": the copula says who is under them
            elif tok.dep_ == "acl" and head.dep_ == "dobj" and head.head.lower_ in _SENDING:
                head = head.head  # "sent 3,000 people fleeing": the participle hangs on the people sent
            elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.tag_.startswith("VB") \
                    and trig.cls == "arrive" and tok.lower_ in lx.GENERIC_PLACE_NOUNS:
                # "were (still) in nine evacuation centres": the shelter's verb takes the arguments.
                head = head.head
            elif not (carried or there_is):
                break
            out[head.i] = trig
            tok = head
        _where_they_are(doc[i], trig, out)
    return out


#: Verbs that say who is in a state: "There were 900 evacuees", "remain under evacuation orders".
_COPULAS = frozenset("is are was were been remain remained remains".split())
#: What an evacuation takes in places through: "the evacuation zone includes X", "orders cover X".
_ZONES = frozenset("zone zones area areas order orders".split())
#: People whose place is their home: "hundreds of residents in X" left X when they moved.
_RESIDENTS = frozenset("residents inhabitants villagers natives".split())
#: "Fighting in X sent 3,000 people fleeing": the verb that sends people moving carries the movement.
_SENDING = frozenset("send sends sent sending".split())
_BEING = frozenset("is are was were live lives living stay stays staying remain remains remained shelter sheltering".split())


def _where_they_are(tok: Token, trig: Trigger, out: dict[int, Trigger]) -> None:
    """ "2,000 people who fled X are now in Y": the movers' own verb of being says where they went."""
    movers = tok.head
    if tok.dep_ != "relcl" or movers.dep_ != "nsubj" or movers.head.lower_ not in _BEING or movers.head.i in out:
        return
    out[movers.head.i] = Trigger(trig.start, trig.end, "arrive" if trig.cls in DEPARTURES | {"move", "head"} else trig.cls)


#: Verbs whose agent sends people out of the place the agent is: "Tanzania expelled 500 Rwandans".
_EXPELLING = ("expel", "deport", "evict")
#: ... or sends them back or on: "X returned 100 refugees to Y", "X transferred 900 asylum seekers to
#: Y". These also send things ("returned the bodies"): their object must be people.
_SENDING_BACK = ("return", "repatriat", "transfer")


def _people(obj: Token) -> bool:
    """Whether a verb's object is people: a people noun, or a count of anything but remains."""
    counted = obj.tag_ == "CD" or any(c.dep_ == "nummod" for c in obj.children)
    return obj.lower_ in _MOVERS or counted and obj.lower_ not in _REMAINS and not _of_remains(obj)


def _of_remains(obj: Token) -> bool:
    return any(g.lower_ in _REMAINS for g in _objects(obj))


def _sends_out(cls: str, verb: Token) -> bool:
    """Whether the verb's subject sends its object out of itself: an active evacuating, expelling or
    sending-back verb with an object (people, for the sending-back ones) and no source phrase ("X
    evacuated its citizens from Y" left Y, not X)."""
    word = verb.lower_
    if not (cls == "evacuate" or word.startswith(_EXPELLING + _SENDING_BACK)) or _passive(verb):
        return False
    people_only = word.startswith(_SENDING_BACK)
    return any(c.dep_ == "dobj" and (not people_only or _people(c)) for c in verb.children) \
        and not any(c.dep_ == "prep" and _prep_word(c) in _SOURCE for c in verb.children)


def _core_role(trig: Trigger, tok: Token, anchor: Token, dep: str, kind: str | None) -> tuple[str | None, str]:
    """The role of a place that is (or sits in) a core argument of the trigger."""
    cls, word = trig.cls, anchor.lower_
    if kind == "cause":
        return ORIGIN, "cause of the movement"  # "fled fighting in X", "floods in X displaced N"
    if kind == "movers":
        return _movers_location(cls), "where the movers are"
    if kind == "home":
        return _home_role(trig), "home of the movers"
    if dep == "nsubjpass":
        return (ORIGIN, "subject of a passive") if cls in DEPARTURES | {"move"} else (None, "")
    if dep == "nsubj":
        if cls == "host" or word in lx.HOST_VERBS:
            return DESTINATION, "subject of a hosting verb"
        if _sends_out(cls, anchor):
            return ORIGIN, "subject of an evacuating agent"  # "X evacuated N", "X expelled 500 Ruritanians"
        return None, ""
    if dep == "dobj":
        if word in _REACHING:
            return DESTINATION, "object of a reaching verb"
        if word in _CROSSING:
            return ROUTE, "object of a crossing verb"
        role = _OBJECT_ROLE.get(cls)
        return (role, "object of a leaving verb") if role else (None, "")
    if dep == "compound":
        return _location_role(cls, True), "place naming the movement"
    return None, ""


_HOSTS = frozenset("families relatives communities friends hosts".split())


def _prep_role(trig: Trigger, word: str, tok: Token, anchor: Token, kind: str | None) -> tuple[str | None, str]:
    """The role of a place in a prepositional phrase on the trigger."""
    cls = trig.cls
    if kind == "cause":
        return (ORIGIN, "cause of the movement") if word in lx.CAUSE_PREPOSITIONS | _SOURCE | {"due"} else (None, "")
    if word in ("with", "by") and cls in ("stay", "arrive", "host") and tok.lower_ in _HOSTS:
        return DESTINATION, "location of the hosts"  # "staying with host families in X", "hosted by relatives in X"
    if kind == "movers":  # "the relocation of residents in X", "an evacuation order for residents of X";
        # not "an agreement between rebels in X"
        return (_movers_location(cls), "where the movers are") if word in ("of", "for") else (None, "")
    if word in _SOURCE:
        return ORIGIN, "source phrase"
    if word in _GOAL:
        return DESTINATION, "goal phrase"
    # "scattered across X", and "in shelters across X": across places, not a way between them
    spread = cls == "stay" or anchor.lower_ in lx.GENERIC_PLACE_NOUNS
    if word in _ROUTE or (word in ("across", "over") and cls not in DEPARTURES and not spread):
        return ROUTE, "route phrase"
    if word == "of" and anchor.tag_.startswith("NN") and cls in DEPARTURES:
        return ORIGIN, "place the movement empties"  # "the evacuation of X", "the exodus of X"
    if word == "for" and cls in ("head", "leave", "flee"):
        return DESTINATION, "goal phrase"
    if word == "for" and cls == "evacuate":
        return ORIGIN, "place an evacuation is for"  # "an evacuation was ordered for X"
    if word in lx.LOCATIVE_PREPOSITIONS:
        # "went to a shelter in X", "are on their way to a camp in X": a goal before, on the
        # trigger's words or the verb that carries them.
        words = [anchor, *anchor.children, *(g for c in anchor.children if c.dep_ == "prep" for g in c.subtree)]
        goal = any(c.dep_ == "prep" and c.lower_ in _GOAL and c.i < tok.i and c.head.i in {w.i for w in words}
                   for c in words)
        if goal and (cls not in DEPARTURES or word in _NEAR):
            return DESTINATION, "location of the goal"  # "went to a shelter in X", "fled to the hills outside X"
        before = tok.i < anchor.i or anchor.tag_.startswith("NN")  # "the relocation in X": where it happened
        return _location_role(cls, before), "location of the movement"
    return None, ""


def _first_conjunct(tok: Token) -> Token:
    while tok.dep_ == "conj" and tok.head.i != tok.i:
        tok = tok.head
    return tok


#: What the climb returns when the grammar says a place is no end ("X in Y": Y only locates X),
#: as opposed to None, when it found no way from the place to a trigger.
_REJECTED = (None, None, "rejected")


_EFFECT = frozenset("effect force place".split())


def _in_effect(verb: Token) -> bool:
    """ "go into effect", "are in place", "remain in force": the verb says its subject applies."""
    return any(c.dep_ == "prep" and c.lower_ in ("in", "into") and any(g.lower_ in _EFFECT for g in c.children)
               for c in verb.children)


def _agent_of_located(noun: Token) -> Token | None:
    """The participle whose agent a noun is, when that participle describes a camp or shelter
    ("camps built by UN agencies and the government"), else None."""
    while noun.dep_ == "conj" and noun.head.i != noun.i:
        noun = noun.head
    agent = noun.head
    if noun.dep_ != "pobj" or agent.dep_ != "agent":
        return None
    verb = agent.head
    return verb if verb.tag_ == "VBN" and verb.dep_ == "acl" and verb.head.lower_ in lx.LOCATED_HEADS else None


def _governor(prep: Token) -> Token:
    """What a prepositional phrase hangs on, past a date the parser hung it on by mistake."""
    gov = _first_conjunct(prep).head
    if _outside_of(prep) and gov.head.i != gov.i:
        gov = gov.head  # "relocated to a camp outside of X": the phrase is what "outside" hangs on
    if gov.lower_ in _EFFECT and gov.dep_ == "pobj" and gov.head.lower_ in ("in", "into") and gov.head.head.i != gov.i:
        gov = gov.head.head  # "evacuations are in effect for X": the phrase is the verb's
    shelter = _agent_of_located(gov)
    if shelter is not None and prep.lower_ in lx.LOCATIVE_PREPOSITIONS:
        gov = shelter  # "camps built by UN agencies and the government around X": X locates the camps
    while gov.lower_ in _TIME_WORDS and gov.dep_ in ("pobj", "npadvmod", "nmod") and gov.head.i != gov.i:
        # "as of 10 February in X", "on Monday in X": the place hangs on the date by mistake.
        gov = gov.head
        while gov.dep_ == "prep" and gov.head.i != gov.i:
            gov = gov.head  # "as of 10 February": up to what the date phrase hangs on
    return gov


def _climb(tok: Token, anchors: dict[int, Trigger], places: set[int]) -> tuple[Trigger, str | None, str] | None:
    """Walk up from a place to the trigger it depends on; its role and the construction."""
    kind: str | None = None
    for _ in range(12):
        head, dep = tok.head, tok.dep_
        if head.i == tok.i:
            return None
        if dep == "conj" or dep in ("nmod", "compound") and head.i in places and any(c.dep_ == "cc" for c in tok.children):
            tok = head  # "to X and Y": Y shares X's role, also where the parser took "X and Y Z" for one name
            continue
        if dep == "pobj" and (head.dep_ in ("prep", "agent", "dative") or head.dep_ == "conj" and head.tag_ == "IN"):
            step, value = _through_preposition(tok, head, kind, anchors, places)
            if step is _DONE:
                return value
            tok, kind = value
            continue
        if dep == "dobj" and kind is None and (caused := _caused(head, anchors)) is not None \
                and caused != anchors.get(head.i):
            # "evacuated after the cyclone struck X"; "fled as the floods reached X": no one went to X
            return (caused, ORIGIN, "struck by the cause")
        if head.i in anchors and (dep in ("nsubj", "nsubjpass", "dobj", "compound", "nmod", "poss")
                                  or kind == "cause" and dep in ("xcomp", "advcl", "pcomp")):
            trig = anchors[head.i]
            return (trig, *_core_role(trig, tok, head, "compound" if dep in ("nmod", "poss") else dep, kind))
        if dep in ("compound", "nmod", "poss", "amod"):
            low = head.lower_
            if low in _MOVERS and kind is None:
                found = _find_anchor(head, anchors)
                return (found, _home_role(found), "of the people who moved") if found else None
            if head.i in places:
                return _REJECTED  # "Y's X", "Y X camp": Y only locates the place X
            if low in lx.CAUSE_HEADS:
                kind = "cause"
            elif low not in lx.LOCATED_HEADS and not (dep == "poss" and low in _PLACE_TIMES) \
                    and not (dep == "compound" and _compound_end(head).lower_ in lx.LOCATED_HEADS):
                return None  # (but "the X district council hall" is a hall X locates; "Boko Haram attacks" no place)
            tok = head  # "their homes in X", "X's coast"; "the largest evacuation in X's history"
            continue
        if dep == "appos" and head.lower_ in lx.LOCATED_HEADS:
            tok = head  # "the capital, X"
            continue
        if dep in ("nsubj", "nsubjpass", "dobj") and kind in ("movers", "cause", "home") or dep in ("attr",) and kind:
            tok = head
            continue
        return None
    return None


#: Verbs of extent: "from X to Y" says how far a thing reaches.
_SPANNING = frozenset("""stretch stretches stretched stretching extend extends extended extending range ranges
    ranged ranging span spans spanned spanning""".split())
#: What a place's possessive dates rather than locates, though the event is the place's ("in X's history").
_PLACE_TIMES = frozenset("history past".split())

_DONE, _UP = "done", "up"


def _through_preposition(tok: Token, prep: Token, kind: str | None, anchors: dict[int, Trigger],
                         places: set[int]) -> tuple[str, object]:
    """One step of the climb from a place that is a preposition's object: ``(_DONE, result)`` with
    the place's role (or None, or ``_REJECTED``), or ``(_UP, (token, kind))`` to climb on from."""
    word, gov = _prep_word(prep), _governor(prep)
    if word in lx.LOCATIVE_PREPOSITIONS and kind is None and (caused := _caused(gov, anchors)) is not None:
        return _DONE, (caused, ORIGIN, "where the cause struck")  # "fled as the volcano erupted in X"
    if word in _EXAMPLES and gov.i not in anchors and (gov.i in places and gov.lower_ not in _ROADS
                                                        or gov.lower_ in lx.LOCATED_HEADS):
        return _UP, (gov, kind)  # "fled several villages, including X": X shares the villages' role
    if gov.i in anchors:
        trig = anchors[gov.i]
        return _DONE, (trig, *_prep_role(trig, word, tok, gov, kind))
    if word in lx.LOCATIVE_PREPOSITIONS and kind is None and (goal := _misread_goal(gov, anchors)) is not None:
        return _DONE, (goal, DESTINATION, "goal phrase")  # "relocated to resettlement sites in X"
    low = gov.lower_
    if word in _SOURCE | _GOAL | _ROUTE and kind is None:
        # A direction keeps its meaning wherever the parser hangs it ("refugees from X",
        # "fled to a camp from X"), as long as the noun belongs to a movement and is not a
        # thing that goes somewhere itself ("the Route 611 service to X", "flights to X").
        if low in lx.NON_MOVERS or low in _SPANNING:
            return _DONE, _REJECTED  # "a heatwave stretching from X to Y" spans, nobody goes
        found = _find_anchor(gov, anchors)
        if found is None:
            return _DONE, None
        return _DONE, (found, *_prep_role(found, word, tok, gov, None))
    if low in _MOVERS and word == "of" and kind is None:
        found = _find_anchor(gov, anchors)
        return _DONE, (found, _home_role(found), "of the people who moved") if found else None
    if kind == "movers" and word == "of" and (low in _GROUP_WORDS or gov.tag_ == "CD") \
            and gov.dep_ in ("nsubj", "nsubjpass"):  # not "aid reached 800 of the families in X"
        # "thousands of people in X are seeking shelter": the group is where its people are;
        # "hundreds of residents in X spent the night in evacuation centres": residents of X left it
        return _UP, (gov, "home" if tok.lower_ in _RESIDENTS else kind)
    if gov.tag_ == "VBN" and gov.dep_ == "acl" and gov.head.lower_ in lx.LOCATED_HEADS and kind is None \
            and word in lx.LOCATIVE_PREPOSITIONS:
        return _UP, (gov.head, kind)  # "camps built by the government around X": X locates the camps
    if low in _MOVERS and word in lx.LOCATIVE_PREPOSITIONS:
        kind = "movers"
    elif low in lx.CAUSE_HEADS and word in lx.LOCATIVE_PREPOSITIONS | {"of"}:
        kind = "cause"
    elif gov.i in places and word in ("in", "inside") and gov.dep_ == "pobj" and _prep_word(gov.head) in _SOURCE:
        # "refugees from X in Y": where they are now, or X's container (the frames drop Y then)
        found = _find_anchor(gov.head.head, anchors)
        return _DONE, (found, DESTINATION, "where the movers from a place are") if found else _REJECTED
    elif gov.i in places and word in lx.LOCATIVE_PREPOSITIONS | {"of"}:
        return _DONE, _REJECTED  # "X in Y" only locates X
    elif gov.i in places or low not in lx.LOCATED_HEADS or word not in lx.LOCATIVE_PREPOSITIONS | {"of"}:
        return _DONE, None  # "killed in Y" is no movement; "left X for Y" is for the words to read
    return _UP, (gov, kind)  # the place locates the noun: it takes the noun's role


_NOMINAL_ENDINGS = ("ment", "tion", "sion")


def _misread_goal(verb: Token, anchors: dict[int, Trigger]) -> Trigger | None:
    """The movement whose goal the parser took for an infinitive: in "relocated to resettlement sites",
    "resettlement" is tagged a verb with "sites" its object. A word in -ment, -tion or -sion after "to",
    with a place-like object, is a noun: the movement it hangs on went to its sites."""
    if verb.tag_ != "VB" or not verb.lower_.endswith(_NOMINAL_ENDINGS) or verb.head.i not in anchors:
        return None
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return anchors[verb.head.i] if any(c.dep_ == "dobj" and c.lower_ in lx.LOCATED_HEADS for c in verb.children) else None


def _compound_end(tok: Token) -> Token:
    """The noun a chain of compound modifiers ends in: "district council hall" → "hall"."""
    while tok.dep_ == "compound" and tok.head.i != tok.i:
        tok = tok.head
    return tok


def _caused(verb: Token, anchors: dict[int, Trigger]) -> Trigger | None:
    """The movement a clause whose subject drove people out is the cause of: the trigger it hangs
    on ("fled after the storm hit X"), or the one coordinated after it ("a landslide buried homes
    in X, and survivors were relocated to Y")."""
    if not any(c.dep_ == "nsubj" and c.lower_ in lx.CAUSE_HEADS for c in verb.children):
        return None
    if verb.dep_ in ("advcl", "relcl") and verb.head.i in anchors:
        return anchors[verb.head.i]
    return next((anchors[c.i] for c in verb.children
                 if c.dep_ == "conj" and c.i in anchors and anchors[c.i].cls in DEPARTURES | {"move"}), None)


def _home_role(trig: Trigger) -> str:
    """Where "X residents" or "residents of X" stand in a movement: they leave X, or go back to it."""
    return DESTINATION if trig.cls == "return" else ORIGIN


def _counted_argument(verb: Token) -> bool:
    """Whether a verb's subject or object is a count of its own ("sent another 250,000")."""
    return any(c.dep_ in ("dobj", "nsubj", "nsubjpass") and (c.tag_ == "CD" or any(g.dep_ == "nummod" for g in c.children))
               for c in verb.children)


def _find_anchor(tok: Token, anchors: dict[int, Trigger]) -> Trigger | None:
    """The trigger whose argument the noun phrase at *tok* is, if any."""
    for _ in range(6):
        if tok.i in anchors:
            return anchors[tok.i]
        if tok.head.i == tok.i:
            return None
        if tok.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj", "prep", "conj", "appos", "compound", "nmod", "agent"):
            return None
        if tok.dep_ == "conj" and tok.tag_.startswith("VB") and _counted_argument(tok):
            return None  # "displaced N in X and sent another 250,000 into Y": a movement with its own count
        tok = tok.head
    return None


def _place_before_where(doc: Doc, kids: dict[str, Token], heads: dict[int, Mention]) -> int | None:
    """The place right before a clause's "where", when the parser hung the clause elsewhere."""
    where = next((kids[w] for w in _WHERE if w in kids), None)
    if where is None or where.i == 0:
        return None
    prev = doc[where.i - 1]
    if prev.is_punct and prev.i > 0:
        prev = doc[prev.i - 1]  # "X, where"
    return prev.i if prev.i in heads else None


def _relative_roles(doc: Doc, anchors: dict[int, Trigger], heads: dict[int, Mention]) -> dict[int, tuple]:
    """ "X, where N were displaced" and "X, which was evacuated": the clause hangs on the place."""
    out = {}
    for i, trig in anchors.items():
        tok = doc[i]
        if tok.dep_ not in ("relcl", "acl", "advcl"):
            continue
        kids = {c.lower_: c for c in tok.children}
        if tok.head.i not in heads:
            place = _place_before_where(doc, kids, heads)
            role = _location_role(trig.cls, True) if place is not None else None
            if role:
                out[place] = (trig, role, "relative place")  # "attacked the camp in X where N took refuge"
            continue
        if _WHERE & kids.keys():
            role = _location_role(trig.cls, True)
            if role:
                out[tok.head.i] = (trig, role, "relative place")
        elif any(c.dep_ == "nsubjpass" and c.lower_ in _RELATIVE_SUBJECT for c in tok.children) \
                and trig.cls in DEPARTURES:
            out[tok.head.i] = (trig, ORIGIN, "subject of a passive")
        elif trig.cls == "host" and any(c.dep_ == "nsubj" and c.lower_ in _RELATIVE_SUBJECT for c in tok.children):
            out[tok.head.i] = (trig, DESTINATION, "subject of a hosting relative")  # "X camp, which hosts N"
    return out


#: Verbs whose subject, or whose place phrase, says where the displaced people they count are.
_RECORDING = frozenset("""record records recorded recording register registers registered registering count counts
    counted counting report reports reported have has had""".split())
#: Verbs of aid to displaced people, whose place phrase says where they are ("assisting 1,500 IDPs in X").
_AIDING = frozenset("""assist assists assisted assisting help helps helped helping support supports supported
    supporting feed feeds fed feeding serve serves served serving aid aids aided aiding reach reaches reached
    reaching protect protects protected protecting""".split())


def _stock_holders(doc: Doc, anchors: dict[int, Trigger], heads: dict[int, Mention]) -> dict[int, tuple]:
    """ "X recorded 1,500 displaced households", "assisting 1,500 displaced people in X": a verb that
    counts or aids displaced people says where they are, through its subject or its place phrase."""
    out = {}
    for i, trig in anchors.items():
        noun = doc[i]
        if trig.cls != "stay" or not noun.tag_.startswith("NN") or not any(c.dep_ == "nummod" for c in noun.children):
            continue  # a count of them, not aid "to assist IDPs in X"
        verb = noun.head if noun.dep_ == "dobj" else noun.head.head if (
            noun.dep_ == "pobj" and noun.head.lower_ in ("over", "to", "for")) else None
        if verb is None or verb.i in anchors or verb.lower_ not in _RECORDING | _AIDING:
            continue
        for c in verb.children:
            if c.dep_ == "nsubj" and verb.lower_ in _RECORDING:
                places = [*_conjuncts(c), *(g for o in _objects(c) for g in _conjuncts(o))]  # "the district of X"
            elif c.dep_ == "prep" and c.lower_ in lx.LOCATIVE_PREPOSITIONS and c.i > i:
                places = [g for o in c.children if o.dep_ == "pobj" for g in _conjuncts(o)]
            else:
                continue
            for place in places:
                if place.i in heads:
                    out.setdefault(place.i, (trig, DESTINATION, "where a counted stock is"))
    return out


def _fronted_roles(doc: Doc, anchors: dict[int, Trigger], heads: dict[int, Mention]) -> dict[int, tuple]:
    """ "In X, N were evacuated": a location before the trigger, on the verbs its clause hangs from."""
    out = {}
    for i, trig in anchors.items():
        tok, chain = doc[i], [doc[i]]
        while tok.head.i != tok.i and len(chain) < 4:
            if tok.dep_ in _CLAUSE_LINKS:
                tok = tok.head
            elif _counted_in_subject(tok):
                tok = tok.head.head.head  # "In X, the number of new arrivals has reached N": the verb of the number
            else:
                break
            chain.append(tok)
        for verb in chain:
            subject = min((c.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), default=verb.i)
            for prep in verb.children:
                # Fronted: before the verb's subject ("In X, N were evacuated"), not "bought a car in X".
                if prep.dep_ != "prep" or prep.i > min(i, subject) or prep.lower_ not in lx.LOCATIVE_PREPOSITIONS:
                    continue
                for obj in prep.children:
                    if obj.dep_ == "pobj":
                        for place in _conjuncts(obj):
                            role = _location_role(trig.cls, True)
                            if place.i in heads and role:
                                out.setdefault(place.i, (trig, role, "fronted location"))
    return out


def _counted_in_subject(tok: Token) -> bool:
    """ "the number of new arrivals": a trigger noun counted by the subject of a verb."""
    of = tok.head
    return tok.dep_ == "pobj" and of.lower_ == "of" and of.head.lower_ in _GROUP_NOUNS \
        and of.head.dep_ in ("nsubj", "nsubjpass")


def _conjuncts(tok: Token) -> Iterable[Token]:
    yield tok
    for c in tok.children:
        if c.dep_ == "conj":
            yield from _conjuncts(c)


def _describes(tok: Token) -> bool:
    """A participle used as an adjective ("the displaced families are in need") reports no movement."""
    if tok.dep_ == "compound" and tok.tag_ == "NNP" and tok.lower_.endswith("ed") and tok.head.tag_ in ("NNS", "NN"):
        return True  # "Displaced families live in X": a capitalised participle the parser took for a name
    return tok.dep_ == "amod" and tok.tag_ in ("VBN", "JJ") and not any(
        c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in tok.children)  # "has displaced people": a verb


def _is_argument(tok: Token, anchors: dict[int, Trigger]) -> bool:
    """Whether a noun is (in) the subject or object of a trigger: "refugees in X fled"."""
    return _find_anchor(tok, anchors) is not None


def _stock_triggers(doc: Doc, offset: int, motion: dict[int, Trigger]) -> dict[int, Trigger]:
    """Displaced people named where they are: "15,000 IDPs in X", "displaced families in X".

    The noun itself reports a stock of displaced people unless it is the
    subject or object of a movement ("refugees in X fled to Y": X is where
    they left).
    """
    anchors = _anchors(doc, motion) if motion else {}
    out = {}
    for tok in doc:
        if tok.dep_ == "compound" or tok.tag_ not in ("NNS", "NNPS") and not any(c.dep_ == "nummod" for c in tok.children):
            continue  # "refugee camps", "a Refugee Crisis Appeal": a modifier, or one person
        displaced = tok.lower_ in lx.DISPLACED_HEADS or (
            tok.lower_ in lx.MOVER_HEADS and any(_describes(c) and c.lower_ in ("displaced", "uprooted", "evacuated")
                                                 for c in tok.children))
        if displaced and tok.tag_.startswith("NN") and tok.i not in motion and not _is_argument(tok, anchors):
            out[tok.i] = Trigger(offset + tok.idx, offset + tok.idx + len(tok), "stay")
    return out


def _idiom_tokens(doc: Doc, head: Token, trig: Trigger, starts: list[int]) -> dict[int, Trigger]:
    """The other words of a trigger of several ("on their way", "sought refuge", "made their way"),
    and the verb a prepositional one hangs on ("are on their way"): each takes the trigger's arguments."""
    lo, hi = bisect.bisect_left(starts, trig.start), bisect.bisect_left(starts, trig.end)
    out = {i: trig for i in range(lo, hi) if i != head.i}
    if head.dep_ == "prep" and head.head.i != head.i and head.head.tag_.startswith("VB"):
        out[head.head.i] = trig
    return out


def _head_token(doc: Doc, offset: int, start: int, end: int, starts: list[int] | None = None) -> Token | None:
    """The token of a span whose head lies outside it (the span's syntactic head).

    *starts* is each token's article offset, in order (computed once per sentence).
    """
    if starts is None:
        starts = [offset + t.idx for t in doc]
    lo, hi = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
    inside = [doc[i] for i in range(lo, hi)]
    if not inside:
        return None
    idx = {t.i for t in inside}
    for t in inside:
        if t.head.i not in idx or t.head.i == t.i:
            return t
    return inside[-1]


def _history_roles(doc: Doc, trig_tokens: dict[int, Trigger], roles: dict) -> tuple[dict, set[int]]:
    """ "Those who fled to X are now returning to Y": the flight in the relative clause is the
    returners' history, so where they fled to is where they return from, and where they fled
    from is the home they return to ("refugees who fled X have returned home").

    Returns the roles seen from the return, and the relative clauses' trigger tokens, which
    report no movement of their own here.
    """
    past: dict[int, Trigger] = {}
    for i, trig in trig_tokens.items():
        tok = doc[i]
        if trig.cls not in DEPARTURES or tok.dep_ != "relcl":
            continue
        movers = tok.head
        if movers.dep_ == "pobj" and movers.head.dep_ == "prep":
            movers = movers.head.head  # "many of those who fled": the subject is "many"
        back = trig_tokens.get(movers.head.i) if movers.dep_ in ("nsubj", "nsubjpass") else None
        if back is not None and back.cls == "return":
            past[i] = back
    if not past:
        return roles, set()
    by_trigger = {trig_tokens[i].start: back for i, back in past.items()}
    has_goal = {r.trigger.start for r in roles.values() if r.role == DESTINATION and r.trigger.start not in by_trigger}
    out = {}
    for span, r in roles.items():
        back = by_trigger.get(r.trigger.start)
        if back is None:
            out[span] = r
        elif r.role == DESTINATION:
            out[span] = Role(role=ORIGIN, trigger=back, rule="where the returners had fled")
        elif r.role == ORIGIN and back.start not in has_goal:
            out[span] = Role(role=DESTINATION, trigger=back, rule="the home the returners had fled")
    return out, set(past)


def read_sentence(doc: Doc, offset: int, mentions: Sequence[Mention],
                  triggers: Sequence[Trigger]) -> Reading:
    """The roles of a parsed sentence's places and who its triggers say moved.

    Parameters
    ----------
    doc : spacy.tokens.Doc
        The parsed sentence.
    offset : int
        Where the sentence starts in the article (``token.idx + offset`` is an
        article offset).
    mentions : sequence of Mention
        The place mentions in the sentence (article offsets).
    triggers : sequence of Trigger
        The sentence's movement triggers (article offsets).

    Returns
    -------
    Reading
        The roles of the mentions that are ends or route points of a
        movement here (the others are not), and the movers of each trigger.
    """
    starts = [offset + t.idx for t in doc]
    trig_tokens, idioms = {}, {}
    for trig in triggers:
        tok = _head_token(doc, offset, trig.start, trig.end, starts)
        if tok is not None and not _describes(tok):
            trig_tokens[tok.i] = trig
            idioms |= _idiom_tokens(doc, tok, trig, starts)
    trig_tokens |= _stock_triggers(doc, offset, trig_tokens)
    if not trig_tokens:
        return Reading(roles={}, movers={})
    anchors = _anchors(doc, trig_tokens) | {i: t for i, t in idioms.items() if i not in trig_tokens}
    heads: dict[int, Mention] = {}
    for m in mentions:
        tok = _head_token(doc, offset, m.start, m.end, starts)
        if tok is not None:
            heads.setdefault(tok.i, m)
    special = _fronted_roles(doc, anchors, heads) | _relative_roles(doc, anchors, heads) | _stock_holders(doc, anchors, heads)
    out, rejected = {}, set()
    for i, m in heads.items():
        found = _climb(doc[i], anchors, set(heads))
        if found is _REJECTED:
            rejected.add((m.start, m.end))
            found = None
        if (found is None or found[1] is None) and i in special:
            found = special[i]
        if found is not None and found[1] is not None:
            trig, role, rule = found
            out[(m.start, m.end)] = Role(role=role, trigger=trig, rule=rule)
    moved = {i: _moved_token(doc[i], trig.cls) for i, trig in trig_tokens.items()}
    movers = {trig.start: _stayers_kind(doc[i]) if trig.cls == "stay" else _forced(trig, _movers_kind(moved[i], set(heads)))
              for i, trig in trig_tokens.items()}
    back = frozenset(trig.start for i, trig in trig_tokens.items() if _refers_back(moved[i]))
    # Places on a trigger that moves things or one person are no ends of a movement.
    out = {k: r for k, r in out.items() if movers[r.trigger.start] not in ("thing", "person")}
    out, past = _history_roles(doc, trig_tokens, out)
    stock = {i: t for i, t in trig_tokens.items() if (t.cls != "stay" or movers[t.start] != "thing") and i not in past}
    return Reading(roles=out, movers=movers, triggers=tuple(sorted(stock.values(), key=lambda t: t.start)),
                   refers_back=back, rejected=frozenset(rejected - out.keys()))
