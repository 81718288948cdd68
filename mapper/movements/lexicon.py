"""Words that signal movements, their roles, counts and their meaning — as data.

Everything here is plain tuples/sets/dicts of lower-case English words so the
rules in :mod:`mapper.movements.counts` and :mod:`mapper.movements.extract`
stay readable and the vocabulary can grow without touching code. Nothing here
names a place.
"""

from __future__ import annotations

# --------------------------------------------------------------------------------
# Units: the noun after a number says who or what is counted.
# --------------------------------------------------------------------------------
UNIT_NOUNS: dict[str, str] = {}
for _unit, _words in {
    "people": """people persons person individuals individual civilians civilian residents resident
        refugees refugee migrants migrant evacuees evacuee inhabitants villagers idps idp
        displaced survivors locals citizens nationals returnees returnee asylum-seekers
        seekers passengers tourists visitors workers labourers laborers farmers herders
        pastoralists students patients women men elderly men, people. souls
        christians muslims hindus yazidis kurds rohingya tamils uighurs uyghurs arabs
        palestinians bedouins settlers squatters dwellers occupants tenants homeowners
        households-members members displacements displacement""",
    "families": "families family",
    "households": "households household homes home houses house dwellings dwelling homesteads",
    "fighters": """fighters fighter rebels rebel militants militant gunmen combatants insurgents
        jihadists jihadis opposition-fighters""",
    "children": "children child kids minors babies orphans infants",
    "buses": "buses bus busses coaches",
    "vehicles": "vehicles vehicle cars car trucks truck lorries lorry ambulances ambulance vans",
}.items():
    for _w in _words.split():
        UNIT_NOUNS[_w.strip(",.")] = _unit

# Units whose counts are movers (or their households) — the figures a movement may carry.
MOVER_UNITS = frozenset({"people", "families", "households", "fighters", "children", "buses"})

# After a number these make it a measure, a duration, money or a share: never a count.
MEASURE_WORDS = frozenset(
    """
    km kms kilometres kilometers kilometre kilometer miles mile metres meters metre meter m
    cm mm ft feet foot inches inch yards yard hectares hectare ha acres acre sq square
    tonnes tonne tons ton kg kilograms kilos grams lbs pounds litres liters gallons barrels
    mph kph knots degrees degree magnitude richter mw
    years year yrs months month weeks week days day hours hour hrs minutes minute mins
    seconds second decades decade centuries century nights night
    gmt utc am pm a.m. p.m. local
    per percent pct pc
    dollars dollar usd euros euro eur gbp yuan yen rupees rupee rs naira shillings rand
    pesos peso ringgit baht dinars dinar riyals lira liras francs cedis kwacha taka
    storeys stories floors points votes seats goals runs
    """.split()
)
CURRENCY_SIGNS = "$€£¥₹₦"

# Words after which a number is a label, not a quantity ("Route 66", "magnitude 7").
LABEL_WORDS = frozenset(
    """
    route highway road rd hwy article resolution phase no no. nos number level category
    magnitude grade page chapter gate block sector zone flight room ward section
    unit platoon brigade division battalion squad channel act law bill chapter item
    code covid sars mers h1n1 windows iphone version model vol p pp
    aged age ages
    """.split()
)

MONTHS = frozenset(
    """
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    """.split()
)
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())

# Words between a number and its unit noun that may be skipped ("3,000 newly displaced people").
UNIT_MODIFIERS = frozenset(
    """
    more other additional extra further new newly internally externally forcibly
    displaced affected stranded homeless evacuated fleeing relocated rescued registered
    mostly mainly largely predominantly nearly almost some
    local poor vulnerable young old elderly minor unaccompanied ethnic religious
    flood-affected flood-hit quake-hit storm-hit fire-hit conflict-affected war-affected
    undocumented irregular illegal stateless asylum asylum-seeking foreign
    """.split()
)

# After a number, these show the number stands alone for people ("12,000 were moved").
IMPLICIT_PEOPLE_FOLLOWERS = frozenset(
    """
    were are was is have has had will would could may might should must can
    who whom which that remain remained remains still already now
    fled left escaped evacuated returned arrived crossed moved relocated
    from in into to at across on and or , . ; : ) ( — – - of in total
    more others the a an this these those its their his her our
    between during since as after before when while with for by according over per each
    """.split()
)

# Rate markers after a count: "2,000 a day", "per week", "daily".
RATE_WORDS = {"day": "day", "daily": "day", "week": "week", "weekly": "week",
              "month": "month", "monthly": "month", "hour": "hour", "night": "night"}

# Quantifier phrases before a number and what they imply (bound, approximate).
# ``low`` → the number is a lower bound, ``high`` → an upper bound.
QUALIFIERS: dict[str, tuple[str | None, bool]] = {
    "some": (None, True), "about": (None, True), "around": (None, True),
    "roughly": (None, True), "approximately": (None, True), "approx.": (None, True),
    "an estimated": (None, True), "estimated": (None, True), "an approximate": (None, True),
    "a reported": (None, False), "reportedly": (None, False), "circa": (None, True),
    "nearly": ("high", False), "almost": ("high", False), "close to": ("high", False),
    "up to": ("high", False), "as many as": ("high", False), "as much as": ("high", False),
    "just under": ("high", False), "fewer than": ("high", False), "less than": ("high", False),
    "under": ("high", False), "below": ("high", False), "not more than": ("high", False),
    "no more than": ("high", False), "a maximum of": ("high", False),
    "more than": ("low", False), "over": ("low", False), "at least": ("low", False),
    "no fewer than": ("low", False), "no less than": ("low", False),
    "not less than": ("low", False), "in excess of": ("low", False),
    "upwards of": ("low", False), "exceeding": ("low", False), "just over": ("low", False),
    "well over": ("low", False), "well above": ("low", False), "above": ("low", False),
    "a minimum of": ("low", False), "exceeded": ("low", False),
    "another": (None, False), "a further": (None, False), "an additional": (None, False),
    "an extra": (None, False), "only": (None, False), "just": (None, False),
}
