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
        households-members members displacements displacement arrivals newcomers
        victims inmates prisoners detainees""",
    "families": "families family",
    "households": "households household homes home houses house dwellings dwelling homesteads",
    "fighters": """fighters fighter rebels rebel militants militant gunmen combatants insurgents
        jihadists jihadis opposition-fighters""",
    "children": "children child kids minors babies orphans infants pupils schoolchildren",
    "buses": "buses bus busses coaches",
    "vehicles": "vehicles vehicle cars car trucks truck lorries lorry ambulances ambulance vans",
}.items():
    for _w in _words.split():
        UNIT_NOUNS[_w.strip(",.")] = _unit

# Units whose counts are movers (or their households) — the figures a movement may carry.
MOVER_UNITS = frozenset({"people", "families", "households", "fighters", "children", "buses"})
#: Units that count how people went, not how many: shown only when no people are counted.
VEHICLE_UNITS = frozenset({"buses", "vehicles"})

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
    aged age ages population pop
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
    went came ran sought took got fell rose stayed stay live lived flee leave made make headed found spent
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

# --------------------------------------------------------------------------------
# Movement triggers: regular expressions (lower-case text) → trigger class.
# The class decides how a bare "in X" is read (arrive in X: destination;
# evacuated in X: where people left) and what the default scope is.
# --------------------------------------------------------------------------------
TRIGGERS: tuple[tuple[str, str], ...] = (
    # "left 32,000 homeless", "leaving 150,000 people without shelter": displaced, as monitors
    # count them (before "left", a leaving verb, below).
    (r"(?:left|leaving|leaves|leave|made|making|rendered|rendering)\s+(?:[\w,.-]+\s+){0,4}?"
     r"(?:homeless|without (?:shelter|homes?|a home|a roof))", "displace"),
    # "fighting forced 2,000 families from their homes", "drove N out of their villages": a causative
    # verb whose object is moved out of where it lived.
    (r"(?:forc(?:e|es|ed|ing)|dr(?:ove|ive|ives|iving|iven)|chas(?:e|es|ed|ing)|push(?:es|ed|ing)?)"
     r"(?= (?:[\w,.-]+ ){1,6}?(?:from|out of) (?:(?:their|his|her|its|the) (?:[\w-]+ ){0,3}?"
     r"(?:homes?|houses?|villages?|towns?|cit(?:y|ies)|areas?|camps?|lands?|neighbou?rhoods?|farms?|communities)|homes)\b"
     r"| (?:[\w,.-]+ ){0,4}?(?:people|persons|families|residents|civilians|villagers|households|inhabitants) "
     r"(?:from|out of)\b)", "displace"),
    # "X has taken in N refugees": before "taken" (carried people) below.
    (r"(?:take|takes|took|taken|taking) in(?= [^.;]{0,30}\b(?:refugees|migrants|evacuees|displaced|people|families|asylum))", "host"),
    # Multi-word triggers first (the scan takes the leftmost alternative):
    # "the evacuation centre in X" is where evacuees went; "taken refuge in X".
    (r"evacuation (?:cent(?:re|er)s?|shelters?|sites?)|relief camps?|"
     r"(?:sought|seek|seeks|seeking|took|take|taken|takes|taking|find|found|finding|finds) (?:refuge|shelter|safety|asylum)", "arrive"),
    (r"fle(?:e|es|eing|d)|escap(?:e|ed|es|ing)|ran away|run(?:ning)? away|bolted", "flee"),
    (r"left|leav(?:e|es|ing)|depart(?:s|ed|ing)?|abandon(?:ed|ing)?|desert(?:ed|ing)|"
     r"empt(?:ied|ying)(?= of (?:its |their )?(?:residents|civilians|people|inhabitants|population)\b)", "leave"),
    (r"evacuat(?:e|ed|es|ing|ion|ions)|evacuees?", "evacuate"),
    (r"displac(?:e|ed|es|ing|ement|ements)|uproot(?:ed|ing)?|made homeless|evict(?:s|ed|ing|ion|ions)?", "displace"),
    (r"exodus|outflow|pull-?out|withdr[ae]w(?:al|n|ing)?", "leave"),
    (r"relocat(?:e|ed|es|ing|ion)|mov(?:e|ed|es|ing)|shift(?:ed|ing)?|transferr?(?:ed|ing)?|"
     r"transport(?:ed|ing)?|bus(?:s)?ed|ferr(?:y|ied|ying)|airlift(?:ed|ing)?|truck(?:ed|ing)|"
     r"taken|brought|bring(?:ing)?|carr(?:y|ies|ied|ying)|resettl(?:e|ed|ing|ement)|flown(?= (?:[\w-]+ ){0,2}?(?:from|to|out|into|back)\b)|"
     r"repatriat(?:e|ed|ing|ion)|deport(?:ed|ing|ation|ations)?|expell?(?:ed|ing)?|expulsions?|"
     r"driven|forced (?:out|from)|push(?:ed|ing)?(?= (?:[\w-]+ ){0,3}?(?:out|across|over|into|towards?)\b)|chased out|sen(?:t|ds?|ding)|go|goes|going|went|gone",
     "move"),
    (r"head(?:s|ed|ing)?|bound|en route|on (?:their|its|his|her) way|made (?:their|its) way|"
     r"mak(?:e|ing) (?:their|its) way|set off|trek(?:s|ked|king)?|walk(?:ed|ing)|migrat(?:e|ed|ing|ion)|"
     r"emigrat(?:e|ed|ing|ion)|journey(?:ed)?", "head"),
    (r"arriv(?:e|ed|es|ing|als?)|reach(?:ed|es|ing)?|land(?:ed|ing)(?= (?:on|in|at)\b)|enter(?:ed|s|ing)?|cross(?:ed|es|ing)?|"
     r"pour(?:s|ed|ing)?(?= (?:in|into|across|over|towards?)\b)|stream(?:s|ed|ing)?(?= (?:in|into|across|over|out|towards?)\b)|"
     r"flock(?:ed|ing)|influx|"
     r"shelter(?:ed|ing)", "arrive"),
    (r"return(?:ed|s|ing|ees?)?|went back|go(?:ing)? back|came back|com(?:e|ing) back", "return"),
    (r"host(?:s|ed|ing)?|home to|receiv(?:e|es|ed|ing)|hous(?:es|ed|ing)", "host"),
    # Where displaced people are: "Others live in X", "the majority are located in X",
    # "7,000 remain in collective centres in X" (the parse checks who stays).
    (r"(?:remain(?:s|ed|ing)?(?! (?:in|into) (?:effect|place|force)\b)|liv(?:e|es|ed|ing)|located|concentrated|scattered|dispersed|stay(?:s|ed|ing)?|homeless|settl(?:ed|e|es|ing)|camp(?:ed|ing)|"
     r"sp(?:ent|end|ending) (?:the|last|a|two|three|several|their) nights?)(?= (?:[\w-]+ ){0,3}?(?:in|at|with|across|"
     r"throughout)\b)", "stay"),
    # "forced them to join 60,000 Sudanese in camps around X": the people joined are there (a stock).
    (r"join(?:s|ed|ing)?(?= (?:[\w,.-]+ ){1,6}?(?:already |now )?(?:in|at)\b)", "stay"),
    # "Most are now in X", "those displaced are in X": the copula with a place right after
    # (triggers.py checks the place; the parse checks who is there).
    (r"(?:are|were)(?= (?:now |currently |still |mostly |mainly |largely )?(?:in|at) )", "stay"),
    # "close to 50,000 IDPs": displaced people counted, a stock (kept only with a count before it).
    (r"idps|refugees|evacuees|internally displaced (?:people|persons)", "stay"),
)

# A trigger word followed by one of these is a noun modifier, not a report
# of people moving ("evacuation deals", "evacuation centre", "relocation plan").
TRIGGER_NOUN_BLOCKERS = frozenset(
    """
    deal deals agreement agreements accord accords pact pacts talks negotiations
    centre centres center centers site sites point points zone zones route routes
    corridor corridors drill drills plan plans procedure procedures policy policies
    process committee officials official team teams operation's
    """.split()
)

# Subjects that move but are not displaced people.
NON_MOVERS = frozenset(
    """
    troops soldiers army armies military police policemen militia militias officers
    convoy convoys aid supplies trucks lorries ships ship vessels vessel boat cargo goods
    planes plane aircraft jets jet helicopters flights flight food shipments shipment
    journalists reporters rescuers firefighters officials delegation envoy ambassador
    president minister ministers premier leader leaders team teams inspectors observers
    water floodwaters floodwater flood floods fire fires blaze flames storm hurricane cyclone
    typhoon depression smoke lava ash river rivers rain rains tornado quake earthquake
    regime allies government authorities tanks weapons prices price money funds
    investors fans players team train trains route routes road roads
    trade exports imports shipping traffic passengers' airline airlines airliner
    barge barges tanker tankers freighter ferry-boat cruise liner train
    number numbers toll figure figures total level levels temperature temperatures
    deal agreement he she him i me couple man woman boy girl king queen pope singer actor
    player coach star prince princess governor mayor senator candidate spokesman spokeswoman
    trio duo pair donations donation funds fund teams personnel staff crews crew volunteers
    investment investments banks companies firms business businesses jobs capital
    substance package parcel envelope letter letters rainfall rain flooding snow it system
    tornadoes twister twisters hail rocket rockets missile missiles shell shells mortar mortars bomb bombs
    projectile projectiles
    fire-fighters firefighter seat courthouse headquarters company office offices railroad
    railway line lines trail service ferry factory plant university college school church
    highway hwy street lanes lane traffic
    birds bird animals animal cattle livestock fish whales pigs poultry chickens mosquitoes
    locusts virus viruses disease strain visits visit trips trip holiday vacation tour
    builders engineers experts specialists technicians inspectors investigators monitors
    """.split()
)

# Phrases that negate movement: people who stay, are trapped, cannot leave.
NON_MOVEMENT = (
    r"\b(?:stay(?:s|ed|ing)?|remain(?:s|ed|ing)?|trapped|stuck|refus(?:e|ed|ing) to (?:leave|go)|"
    r"unable to (?:leave|flee|escape)|cannot (?:leave|flee)|can't (?:leave|flee)|could not (?:leave|flee)|"
    r"(?:were|are|was|is) not (?:allowed|able) to|stay(?:ed)? behind|left behind|"
    r"killed|dead|died|drowned|perished|injured|wounded|missing|arrested|detained)\b"
)

# Nouns after a bare place name that make it the movers' origin ("X residents").
BARE_RESIDENT_NOUNS = frozenset("residents resident inhabitants villagers natives evacuees".split())
# Trigger objects that are not people ("transport cargo", "sent aid").
#: Animals: "three dozen displaced dogs" counts no people (kept out of NON_MOVERS: "residents and
#: their pets were evacuated" still moves the residents).
ANIMALS = frozenset("""dogs dog cats cat pets pet horses horse sheep goats cows cattle livestock donkeys camels
    animals animal birds pigs poultry chickens""".split())


NON_MOVER_OBJECTS = frozenset(
    """cargo goods aid supplies food troops soldiers weapons equipment money funds messages
    signals letters shipments shipment grain fuel oil gas water electricity troops""".split()
)
# Words after a place that make it part of a name ("X River Road", "X Tribune").
NAME_TAIL_WORDS = frozenset(
    """road street st avenue ave bridge highway drive lane boulevard way park school hospital
    university college airport station church center centre hall hotel tribune times post news
    herald journal airways airlines club fc united city's""".split()
)

# Words before "to" that make it something else than a destination ("according to X").
NOT_DESTINATION_TO = frozenset(
    """
    according close next due similar thanks compared owing up prior related belonging
    relative adjacent access aid help assistance visit trip return's attributed equal
    """.split()
)
# Verbs after which "for X" is a destination ("headed for X", "left for X").
FOR_DESTINATION_VERBS = frozenset(
    """
    head heads headed heading bound left leave leaves leaving depart departed departing
    set sets setting bused bussed evacuated evacuate fled flee fleeing boarded board
    sail sailed sailing
    """.split()
)
# Words after which "in"/"at" names where people arrived or stay (a destination).
ARRIVAL_IN_WORDS = frozenset(
    """
    arrived arrive arrives arriving arrival arrivals refuge shelter sheltered sheltering
    settled resettled resettle camped safety asylum landed
    """.split()
)
# Words after which "in X" says where people are, not where they went.
STATIVE_IN_WORDS = frozenset("hosted hosting housed living live lives staying stay accommodated remain remained".split())
# Words that, directly before a place, make it an origin ("fled X", "leaving X").
ORIGIN_VERBS = frozenset(
    """
    fled flee flees fleeing left leave leaves leaving evacuated evacuate evacuates evacuating
    abandoned abandon abandoning escaped escape escaping deserted desert vacating vacated
    vacate emptied
    """.split()
)
DESTINATION_VERBS = frozenset(
    """
    reach reached reaches reaching enter entered enters entering
    """.split()
)
ORIGIN_PREPOSITIONS = frozenset({"from"})
DESTINATION_PREPOSITIONS = frozenset({"to", "towards", "toward", "into", "onto"})
ROUTE_PREPOSITIONS = frozenset({"via", "through", "across", "past", "over"})
# Nouns whose "of X" names the origin ("the evacuation of X", "residents of X").
ORIGIN_OF_NOUNS = frozenset(
    """
    evacuation evacuations exodus residents people inhabitants population citizens villagers
    natives displacement depopulation emptying
    """.split()
)
# Nouns after a place that make it an origin ("X residents", "X's people").
RESIDENT_NOUNS = frozenset(
    """
    residents resident people inhabitants population citizens villagers natives evacuees
    refugees families
    """.split()
)
# Words that may sit between a cue and the place it governs ("to the besieged town of X").
NP_WORDS = frozenset(
    """
    the a an its their his her our this that these those two three four several some other
    neighbouring neighboring nearby adjacent besieged embattled beleaguered stricken flooded
    northern southern eastern western central northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western north south east west
    upper lower greater remote rural coastal mountainous main last capital border port far
    town towns city cities village villages district districts province provinces region
    regions state states county counties camp camps area areas territory territories part
    parts outskirts suburb suburbs island islands country municipality neighbourhood
    neighborhood neighbourhoods neighborhoods hamlet hamlets settlement settlements enclave
    governorate prefecture township locality commune department countryside valley
    safer safe relative relatively rebel opposition government regime army kurdish
    held controlled war-torn war-ravaged quake-hit flood-hit storm-hit fire-hit
    what is now
    """.split()
)
# Generic place nouns: "camps in X" → X is where the camps are.
GENERIC_PLACE_NOUNS = frozenset(
    """
    camp camps shelter shelters centre centres center centers site sites area areas
    village villages town towns region regions parts part settlement settlements school
    schools locations location places place homes home territory territories city cities
    accommodation housing facilities facility hospital hospitals church churches mosque
    mosques stadium relatives families communities community districts neighbourhoods
    neighborhoods outskirts suburbs countryside
    """.split()
)
# Anaphoric place phrases after an origin/destination cue: "out of the district".
ANAPHORA_NOUNS = frozenset(
    """
    district town city village camp area region province state island neighbourhood
    neighborhood enclave towns villages cities municipality suburb county country
    """.split()
)
# Feature hints (from mapper.places) that an anaphoric noun may refer to.
ANAPHORA_HINTS: dict[str, frozenset] = {
    "district": frozenset({"district", "admin2", "neighbourhood"}),
    "neighbourhood": frozenset({"district", "neighbourhood"}),
    "neighborhood": frozenset({"district", "neighbourhood"}),
    "town": frozenset({"town", "city", "village"}), "towns": frozenset({"town", "city", "village"}),
    "city": frozenset({"city", "town"}), "cities": frozenset({"city", "town"}),
    "village": frozenset({"village", "town"}), "villages": frozenset({"village", "town"}),
    "camp": frozenset({"camp"}),
    "province": frozenset({"admin1", "province"}), "state": frozenset({"admin1", "state"}),
    "region": frozenset({"admin1", "region"}), "county": frozenset({"admin2", "county"}),
}

# Status cues --------------------------------------------------------------------
PLANNED_CUES = (
    r"\b(?:will|would|shall|'ll|to be|are to|is to|were to|was to|expected|expect|expects|"
    r"plans?|planned|planning|ordered|orders?|order(?:ing)?|told to|urged|urging|advised|asked to|"
    r"set to|due to (?:leave|be|depart|arrive|return)|could|(?-i:may)|might|mandatory|compulsory|"
    r"preparing to|prepare to|scheduled|projected|going to|warned|warning)\b"
)
ONGOING_CUES = (
    r"\b(?:continu(?:e|es|ed|ing)|still|ongoing|underway|under way|started|starts?|began|begin|"
    r"begun|beginning|are (?:fleeing|leaving|arriving|being|crossing|returning|heading|streaming)|"
    r"is (?:fleeing|leaving|arriving|being|continuing)|have been (?:fleeing|leaving|arriving|crossing|returning)|"
    r"keep|kept)\b"
)
BLOCKED_CUES = (
    r"\b(?:pushed back|turned back|turned away|blocked|prevented|stopped from|denied (?:entry|access)|"
    r"refused entry|sent back|forced back)\b"
)
# Scope cues ----------------------------------------------------------------------
CUMULATIVE_CUES = (
    r"\b(?:so far|to date|in total|in all|total|totals|altogether|overall|cumulative|since|"
    r"by the time|by the end|brings? to|bringing|as of|over the past|in the (?:past|last)|"
    r"this year|several stages|stages|until now|thus far)\b"
)
RATE_CUES = r"\b(?:per|each|every) (?:day|week|month|hour)\b|\b(?:daily|weekly)\b"
STOCK_CUES = (
    r"\b(?:hosts?|hosting|hosted|home to|now live|living in|currently|are sheltering|"
    r"are staying|remain displaced|still displaced|are displaced|live in)\b"
)
# Clause boundaries inside a sentence.
CLAUSE_BREAK = r";|\bwhile\b|\bwhereas\b|\bmeanwhile\b|\bbut\b|—|–(?= )"
#: ", and hundreds moved on to X": a new count as the subject of a new clause. A break only
#: when that clause has a verb of its own; "..., and up to 9,000 in all" or "..., and 1,200
#: to Y" share the verb before them, and "..., and dozens more followed" continues the same
#: movement: they stay in its clause.
COUNT_CLAUSE_BREAK = (
    r",\s*(?:and|with)\s+(?=(?:(?:some|about|around|nearly|over|more than|at least|up to|another|a further|an additional|"
    r"a staggering|an estimated)\s+)?"
    r"(?:\d[\d,.]*|hundreds|thousands|dozens|scores|tens of thousands|many|others|most|they)\b"
    # "..., and dozens more were expected to follow": more of the same movement
    r"(?!\s+(?:more|others)\b))"
    # "fled X and 500 crossed into Y": a count after a word, not after a number ("2,000 and 3,000")
    r"|(?<=[A-Za-z])\s+and\s+(?=(?:(?:some|about|around|nearly|over|more than|at least|up to|another|a further)\s+)?"
    r"\d[\d,.]*\s+(?!(?:people|persons|residents|families)\s+(?:each|a day|per)\b))"
)
#: "displaced N in X and sent another 250,000 into Y": a second verb with a second group starts a
#: clause even when its verb is no trigger of its own.
GROUP_CLAUSE_BREAK = (r"\band\s+(?=[a-z]+\s+(?:another|a further|an additional)\s+\d)"
                      # ", with Uganda receiving 5,000": one place of a list given its own count
                      r"|,\s*with\s+(?=(?:[A-Z][\w'’-]+\s+){1,3}(?:alone\s+)?(?:receiving|hosting|taking\s+in|sheltering|"
                      r"accounting\s+for)\s)")

# --------------------------------------------------------------------------------
# Grammar: what the words around a place in a parsed sentence make of it
# (:mod:`mapper.movements.grammar`). Lower-case word forms, as written.
# --------------------------------------------------------------------------------
#: Heads of noun phrases that name the people who move ("residents of X", "X refugees").
MOVER_HEADS = frozenset(
    w for w, u in UNIT_NOUNS.items() if u in ("people", "families", "households", "fighters", "children")
) | frozenset("population populations thousands hundreds dozens others many most victims".split())
#: Mover heads that say the people are displaced: "N IDPs in X" reports where they are.
DISPLACED_HEADS = frozenset(
    """idps idp refugees refugee evacuees evacuee displaced returnees returnee asylum-seekers
    seekers deportees""".split()
)
#: Buildings that are evacuated and that a place locates ("evacuated the Grand Hotel in X").
BUILDINGS = frozenset(
    """tower towers hotel hotels hospital hospitals mall malls building buildings airport airports
    station stadium church mosque university college prison jail market complex apartments
    headquarters embassy terminal courthouse hall halls gymnasium gym""".split()
)
#: Nouns a place only locates ("their homes in X", "camps near X", "the town of X"):
#: the place takes the noun's role.
LOCATED_HEADS = GENERIC_PLACE_NOUNS | frozenset(
    """homes home houses house properties property land lands farms farm villages areas area
    parts part outskirts suburbs neighbourhood neighborhood neighbourhoods neighborhoods district
    districts province provinces region regions state states county counties municipality
    municipalities island islands basin valley coast shore banks bank border borders side
    towns city cities enclave countryside province's zone zones rest corner corners
    north south east west northeast northwest southeast southwest centre center interior
    capital port hamlet hamlets settlement settlements locality localities commune communes
    prefecture prefectures governorate governorates regency regencies township townships
    territory territories community communities hometown hometowns village's plain plains downtown
    waterfront riverside riverbanks shoreline coastline seafront beachfront suburb ward wards slum
    slums quarter quarters barangay barangays colonia colonias kebele kebeles
    highlands lowlands hills mountains slopes foothills uplands forest forests bush jungle woods roads roadsides""".split()
) | BUILDINGS
#: Events that people flee or are displaced by: "fled fighting in X" starts in X.
CAUSE_HEADS = frozenset(
    """fighting violence conflict conflicts clashes clash war wars attack attacks offensive
    offensives bombardment bombardments bombing bombings shelling airstrikes air-strikes
    strikes raids raid hostilities insurgency unrest insecurity persecution crackdown
    operations operation battle battles siege fire fires wildfire wildfires blaze blazes
    flood floods flooding floodwaters rains rain downpours storm storms cyclone typhoon
    hurricane earthquake quake quakes tsunami landslide landslides mudslides eruption
    volcano drought famine disaster disasters tornado tornadoes violence's rainfall monsoon
    monsoons downpour deluge floodwater snowstorm blizzard avalanche avalanches mudslide tremor
    tremors aftershock aftershocks explosion explosions cyclones typhoons hurricanes""".split()
)
#: Verbs through which another verb's trigger takes its arguments:
#: "forced N to flee", "ordered the evacuation of X", "evacuations took place in X".
CARRIER_VERBS = frozenset(
    """force forced forces forcing drive drove driven drives driving compel compelled prompt
    prompted prompting cause caused causing trigger triggered sparked spark push pushed
    order ordered orders ordering urge urged urging advise advised tell told ask asked
    begin began begun beginning start started starting continue continued continuing
    carry carried carrying conduct conducted conducting take took taken taking occur occurred
    happen happened see saw seen seeing witness witnessed prepare prepared preparing
    decide decided plan planned planning manage managed help helped allow allowed let
    make made making have had resume resumed complete completed organise organised organize
    organized establish established establishing opened open opening supposed expected due set
    scheduled likely going able unable trying tried try attempt attempted attempting want wanted
    wants hope hoped hoping issue issued issues issuing""".split()
)
#: Nouns a movement noun names the kind of: "an evacuation order for X", "the relocation plan".
CARRIER_NOUNS = frozenset(
    """order orders plan plans operation operations effort efforts notice notices advisory advisories
    warning warnings alert alerts call calls drive campaign programme program process zone zones area areas""".split()
)
#: Verbs that say what an evacuation zone takes in: "the evacuation zone includes X".
ZONE_VERBS = frozenset("include includes included including cover covers covered covering".split())
#: Prepositions read as where the movement happened: "evacuated in X", "displaced within X".
LOCATIVE_PREPOSITIONS = frozenset("in at within inside throughout on near around outside across among between along "
                                  "above below".split())
#: Prepositions that link a movement to its cause: "displaced by floods in X".
CAUSE_PREPOSITIONS = frozenset("by after following amid over because due despite with".split())
#: Verbs whose subject is where displaced people are ("Uganda hosts", "the camp houses").
HOST_VERBS = frozenset(
    """host hosts hosted hosting house houses housed housing shelter shelters sheltered
    sheltering accommodate accommodates accommodated accommodating receive receives received
    receiving welcome welcomes welcomed welcoming absorb absorbed absorbs accept accepts
    accepted accepting""".split()
)
#: Verbs whose displaced subject stays where it is: "N IDPs live in X", "the majority are located in X".
STAY_VERBS = frozenset(
    """live lives lived living remain remains remained remaining stay stays stayed staying
    located settled resettled camped camping housed sheltered sheltering accommodated
    registered""".split()
)
