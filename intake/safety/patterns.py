"""The built-in crisis patterns, by category, written against normalised text (see
normalise.py): lower-case words without apostrophes, "|" between sentences.

Placeholders: {G1}..{G12} allow up to that many words in between (never across a sentence),
{PILLS} is any word for medication. A pattern in MENTIONS only counts when the sentence does
not speak of someone else's death ("my uncle died by suicide"); every other pattern counts
wherever it appears. Missing a crisis costs more than a false alarm, so when in doubt a
pattern is included; figurative pain talk ("my back is killing me", "dying to know", "dead
tired", "I'd kill for a night's sleep") is never matched, because every pattern needs the
person themselves (myself, my life, I want to die) as the object.

Beside each pattern stand the first words of every text it can match (matching.Pattern):
"want" is that word, "suicid*" any word beginning so. The matcher tries a pattern only where
one of them begins a word, so a first word missing from the list would hide a crisis:
tests/intake/test_safety_first_words.py checks every list against the corpus and against
texts generated from the pattern itself. A pattern without a list is tried everywhere.
"""

from intake.choices import CrisisCategory as C
from intake.safety.matching import Pattern

NOT = r"(?:dont|doesnt|didnt|no longer|not|never|cant|wont|wouldnt|really dont|just dont|honestly dont|dont really|dont even|no more)"
PILLS = (
    r"(?:pills?|tablets?|meds|medications?|medicines?|capsules?|painkillers?|pain killers|"
    r"opioids?|oxy\w*|hydrocodone|percocets?|vicodin|xanax|benzos?|sleeping pills?|"
    r"sleep meds|sleeping meds|sleeping tablets|insulin|tylenol|acetaminophen|paracetamol|"
    r"gabapentin|morphine|alprazolam|fentanyl|bottle|seroquel|quetiapine|tramadol|trazodone|ambien|zolpidem|lorazepam|ativan|klonopin|clonazepam|valium|diazepam|lithium|amitriptyline|sertraline|zoloft|prozac|fluoxetine|lexapro|wellbutrin|cymbalta|duloxetine|lyrica|pregabalin|codeine|methadone|dilaudid|norco|ibuprofen|advil|aspirin|naproxen|benadryl|pastillas|pildoras|medicamentos|medicinas)"
)
# The first words of PILLS ("pain killers", "sleep meds", "pill*" for pill and pills...).
PILL_WORDS = (
    "pain",
    "sleep",
    "sleeping",
    "acetaminophen*",
    "advil*",
    "alprazolam*",
    "ambien*",
    "amitriptyline*",
    "aspirin*",
    "ativan*",
    "benadryl*",
    "benzo*",
    "bottle*",
    "capsule*",
    "clonazepam*",
    "codeine*",
    "cymbalta*",
    "diazepam*",
    "dilaudid*",
    "duloxetine*",
    "fentanyl*",
    "fluoxetine*",
    "gabapentin*",
    "hydrocodone*",
    "ibuprofen*",
    "insulin*",
    "klonopin*",
    "lexapro*",
    "lithium*",
    "lorazepam*",
    "lyrica*",
    "medicamentos*",
    "medication*",
    "medicinas*",
    "medicine*",
    "meds*",
    "methadone*",
    "morphine*",
    "naproxen*",
    "norco*",
    "opioid*",
    "oxy*",
    "painkiller*",
    "paracetamol*",
    "pastillas*",
    "percocet*",
    "pildoras*",
    "pill*",
    "pregabalin*",
    "prozac*",
    "quetiapine*",
    "seroquel*",
    "sertraline*",
    "tablet*",
    "tramadol*",
    "trazodone*",
    "tylenol*",
    "valium*",
    "vicodin*",
    "wellbutrin*",
    "xanax*",
    "zoloft*",
    "zolpidem*",
)
HARM_VERBS = (
    r"(?:harm|harming|harmed|injure|injuring|mutilate|mutilating|punish|punishing|scratch|"
    r"scratching|hit|hitting|punch|punching|bang|banging|starve|starving|burn|burning|burnt|"
    r"burned|cut|cutting|hurt|hurting)"
)
# What makes "I hurt myself ..." an accident rather than self-harm.
ACCIDENT = (
    r"(?:while|when|at|on|in|lifting|playing|cooking|shaving|running|falling|doing|during|"
    r"slipping|moving|carrying|working|gardening|skiing|opening|chopping|with a|with the|"
    r"with an|badly|pretty|quite|trying to (?:lift|move|open|fix|carry)|by accident|"
    r"accidentally|last (?:week|month|year) (?:at|lifting|while))"
)
INTENT = (
    r"(?:want to|wanted to|urge to|urges to|tempted to|need to|going to|might|will|keep|kept|"
    r"sometimes|often|still|again|been|started|start|think about|thinking about|thought about|"
    r"thoughts of|stop myself from|try not to|trying not to|feel like|felt like|could|would|"
    r"on purpose|deliberately|used to|wish i could|so i can|so i could|cant stop)"
)
SELF_END = (
    r"(?:myself|my life|my own life|my head|my wrists?|suicide|end it|end it all|die|dying|"
    r"kill|killing|be dead|over)"
)

# fmt: off
PATTERNS = {
    C.SUICIDAL_THOUGHTS: [
        Pattern(r"\bkill(?:ing|ed)? myself\b", first_words=("kill*",)),
        Pattern(r"\b(?:want|wants|wanted|going|trying|tried|plans?|planning|threaten\w*|talk\w* about|said (?:he|she|they) (?:would|will|wants? to)) (?:to )?kill (?:himself|herself|themselves|themself)\b|\b(?:he|she|they|hes|shes|theyre) (?:is |are |has been |have been |been |feels |seems )?suicidal\b", first_words=("he", "hes", "said", "she", "shes", "they", "theyre", "going*", "plan*", "talk*", "threaten*", "tried*", "trying*", "want*")),
        Pattern(r"\b(?:wants?|going|plans?|planning|threaten\w*|talk\w* about|said (?:he|she|they) (?:would|will|wants? to)) (?:to )?(?:end|take|ending|taking) (?:his|her|their) (?:own )?life\b", first_words=("said", "going*", "plan*", "talk*", "threaten*", "want*")),
        Pattern(r"\b(?:wants?|wanted|wishes|wished) (?:to die|(?:he|she|they) (?:was|were) dead|to be dead)\b|\b(?:says?|said|keeps saying|told me|tells me) (?:that )?(?:he|she|they) (?:wants?|wishes|wanted) (?:to die|to be dead|to end it|to disappear)\b", first_words=("keeps", "tells", "told", "said*", "say*", "want*", "wished*", "wishes*")),
        Pattern(r"\b(?:disappointed|upset|angry|sad|annoyed) (?:that )?(?:im|i am|i was) still (?:here|alive|breathing)\b|\bwake up disappointed\b", first_words=("angry", "annoyed", "disappointed", "sad", "upset", "wake")),
        Pattern(r"\b(?:run|ran|running) out of reasons to (?:live|stay alive|keep going|go on|keep living)\b", first_words=("ran", "run", "running")),
        Pattern(r"\b(?:dont|cant|do not|no longer|never) see myself (?:alive|here|around|living|making it|still here) (?:by|at|for|in|past|much longer|next|after|to)\b", first_words=("cant", "do", "dont", "never", "no")),
        Pattern(r"\bdone with (?:being alive|living|existing)\b|\b(?:life|living|existence) {G5}(?:done with it|over with|had enough of it)\b", first_words=("done", "existence", "life", "living")),
        Pattern(r"\bwith being alive\b", first_words=("with",)),
        Pattern(r"\bwhy i should (?:keep living|live|go on|stay alive|keep going|bother living|still be here|be alive)\b", first_words=("why",)),
        Pattern(r"\b(?:picture|picturing|pictured|imagine|imagining|imagined|see|seeing|visuali\w+|dream\w*) myself (?:dead|in a coffin|hanging|dying|jumping|gone|not here|not existing)\b", first_words=("dream*", "imagine*", "imagining*", "picture*", "picturing*", "see*", "visuali*")),
        Pattern(r"\brather {G2}(?:be dead|die|not (?:be )?(?:alive|here|exist|live|wake up|be around))\b", first_words=("rather",)),
        Pattern(r"\bwaiting (?:to die|for death|for (?:it|the end|my death) to (?:come|happen))\b(?! of)", first_words=("waiting",)),
        Pattern(r"\b(?:want|wanted|need|wanna) out (?:for good|forever|permanently|of (?:life|this life|this world|living))\b", first_words=("need", "wanna", "want", "wanted")),
        Pattern(r"\b(?:ill|i will|im going to|i might|i may|i could) be dead (?:by|before|tomorrow|soon|tonight|this time|in a)\b", first_words=("i", "ill", "im")),
        Pattern(r"\bunalive\w*", first_words=("unalive*",)),
        Pattern(r"\b(?:take|taking|took|end|ending|ended) (?:my|my own) life\b", first_words=("end", "ended", "ending", "take", "taking", "took")),
        Pattern(r"(?<!the )(?<!an )(?<!to the )\bend(?:ing)? (?:it|it all|everything|things|this life|all of this|my existence)\b(?! with\b)(?! for (?:him|her|them)\b)", first_words=("end*",)),
        Pattern(r"(?<!dont )(?<!not )(?<!never )(?<!didnt )\b(?:want|wanted|wanting|wish|wished|planning|plan|ready|prepared|tempted|trying|tried|deserve|praying|pray|about|desire|wishing|hoping|hope|like|longing|need) to die\b", first_words=("about", "deserve", "desire", "hope", "hoping", "like", "longing", "need", "plan", "planning", "pray", "praying", "prepared", "ready", "tempted", "tried", "trying", "want", "wanted", "wanting", "wish", "wished", "wishing")),
        Pattern(r"\b(?:want|wanted|wanting|wish|wishing|deserve|ready|prefer) (?:to )?be dead\b", first_words=("deserve", "prefer", "ready", "want", "wanted", "wanting", "wish", "wishing")),
        Pattern(r"\b(?:rather|better off|wish i was|wish i were|wish id|wish to be|id be) (?:be )?dead\b", first_words=("better", "id", "rather", "wish")),
        Pattern(r"\b(?:id|i would|id much|i would much) rather (?:be dead|die|not exist|not be alive|not be here|not wake up|not live)\b", first_words=("i", "id")),
        Pattern(r"\bwish (?:i|id) (?:could )?(?:die|was dead|were dead|be dead|had died|didnt exist|never existed|was never born|had never been born|were never born|wasnt alive|werent alive|wasnt here|werent here|wasnt around|could disappear|could just disappear|could vanish|would die|would just die|could sleep forever|would not wake up|wouldnt wake up)\b", first_words=("wish",)),
        Pattern(r"\b(?:dying|death|being dead|to die|dead) (?:would|will|could|seems|feels|is|sounds) (?:be |like )?(?:easier|better|a relief|the answer|the only way|welcome|peaceful|my only option|the only option|the best option|the way out|a release)\b", first_words=("being", "dead", "death", "dying", "to")),
        Pattern(r"\bonly (?:way out|answer|option|escape|solution|way to stop (?:the|this) pain)(?: left)? (?:is|would be|seems|seems to be|feels like|i see is|i can see is) (?:death|dying|to die|suicide|ending it|ending my life|killing myself)\b", first_words=("only",)),
        Pattern(r"\b(?:want|wanting|welcome|welcoming|crave|craving|long for|longing for) death\b", first_words=("crave", "craving", "long", "longing", "want", "wanting", "welcome", "welcoming")),
        Pattern(r"\b(?:thoughts?|thinking|thinks?|thought|dreaming|fantasi\w+) (?:a lot |so much |all the time |constantly |every day |daily )?(?:of|about) (?:dying|death|ending it|ending my life|killing myself|not being here|being dead|not existing|not waking up|my death|my funeral|suicide)\b", first_words=("dreaming*", "fantasi*", "think*", "thought*")),
        Pattern(r"\b"
        + NOT
        + r" {G2}(?:want|wish|feel like|care|plan|intend|see myself|know how|see the point) {G1}(?:to )?(?:live|living|be alive|stay alive|exist|existing|keep living|go on living|carry on living|continue living|being alive|keep existing|wake up(?! (?:early|at|before|so|for|in time))|be alive much longer|being alive much longer)\b", first_words=("cant", "didnt", "doesnt", "dont", "honestly", "just", "never", "no", "not", "really", "wont", "wouldnt")),
        Pattern(r"\b"
        + NOT
        + r" {G2}(?:want|wish|feel like) {G1}(?:to )?be (?:here|around|on this earth|in this world|on earth|alive) (?:anymore|any more|any longer|no more|much longer)\b", first_words=("cant", "didnt", "doesnt", "dont", "honestly", "just", "never", "no", "not", "really", "wont", "wouldnt")),
        Pattern(r"\b"
        + NOT
        + r" {G2}(?:want|wish|feel like) (?:to )?be (?:on this earth|in this world|on earth|alive)\b", first_words=("cant", "didnt", "doesnt", "dont", "honestly", "just", "never", "no", "not", "really", "wont", "wouldnt")),
        Pattern(r"\b(?:want|wish|hope|hoping|pray|praying|rather|like|would like|id like|just want) {G3}(?:never|not|dont|wont|didnt) (?:to )?wake up\b", first_words=("hope", "hoping", "id", "just", "like", "pray", "praying", "rather", "want", "wish", "would")),
        # Not caring whether one lives: a passive death wish, often said beside "not suicidal".
        Pattern(r"\b(?:dont|do not|no longer|longer|wouldnt|would not|didnt) (?:really |even )?care (?:if|whether) i (?:live or die|live|die|wake up|survive)\b(?! (?:the|this|my|a|an) )\b", first_words=("didnt", "do", "dont", "longer", "no", "would", "wouldnt")),
        Pattern(r"\bno me importa (?:si )?(?:vivir o morir|vivo o muero|morirme|si me muero|me muero|despertar|no despertar(?:me)?)\b", first_words=("no",)),
        Pattern(r"\b(?:go to sleep|fall asleep|sleep|close my eyes) (?:and )?(?:never|not) (?:wake up|open them again)\b", first_words=("close", "fall", "go", "sleep")),
        Pattern(r"\b(?:im|i am|feel|feeling|felt|been|get|getting|got|having|have|had|became|become|very|so|really|pretty|quite|extremely|been feeling|am|ive been) (?!(?:not|never|no) ){G1}suicid\w*", first_words=("am", "became", "become", "been", "extremely", "feel", "feeling", "felt", "get", "getting", "got", "had", "have", "having", "i", "im", "ive", "pretty", "quite", "really", "so", "very")),
        Pattern(r"\bsuicid\w* (?:thoughts?|ideation|feelings?|urges?|plan|plans|note|idea|ideas|tendencies|thinking|mood|again|lately|today|tonight)\b", first_words=("suicid*",)),
        Pattern(r"\b(?:commit|committing|contemplat\w+|consider\w*|think\w* of|think\w* about) suicide\b", first_words=("commit*", "consider*", "contemplat*", "think*")),
    ],
    C.PLAN_MEANS_INTENT: [
        # "ending it with pills": "end it" alone stops before "with" ("end it with my boyfriend").
        Pattern(r"\bend(?:ing|ed)? (?:it|it all|things|my life) with (?:the |my |some |those |his |her |a )?(?:{PILLS}|gun|pistol|rifle|shotgun|rope|razor|razors|blade|blades|knife|car)\b", first_words=("end*",)),
        Pattern(r"(?<!\bany )\b(?:plan|plans|planned|planning|method|methods|way|ways|how|the means|means) (?:to |for |of |on |i would |id |ill )?{G2}(?:kill(?:ing)? myself|end(?:ing)? (?:my life|it|it all)|tak(?:e|ing) my (?:own )?life|suicide|do it|overdos\w*)\b", first_words=("how", "means", "method", "methods", "plan", "planned", "planning", "plans", "the", "way", "ways")),
        Pattern(r"\b(?:hang|hanging|hanged|shoot|shooting|shot|drown|drowning|stab|stabbing|poison|poisoning|suffocate|suffocating|strangle|strangling|electrocute|electrocuting|gas|gassing|throw|throwing|crash|crashing|overdose|od|suffocating|jump|jumping)(?: off| in front of)? myself\b(?! in the foot)", first_words=("crash*", "drown*", "electrocute*", "electrocuting*", "gas*", "hang*", "jump*", "od*", "overdose*", "poison*", "shoot*", "shot*", "stab*", "strangle*", "strangling*", "suffocate*", "suffocating*", "throw*")),
        Pattern(r"\b(?:gun|guns|pistol|rifle|firearm|shotgun|handgun|rope|noose|bridge|train|tracks|cliff|ledge|balcony|rooftop|roof|razor|razors|blade|blades|belt|car exhaust|exhaust) {G12}"
        + SELF_END
        + r"\b", first_words=("balcony", "belt", "blade", "blades", "bridge", "car", "cliff", "exhaust", "firearm", "gun", "guns", "handgun", "ledge", "noose", "pistol", "razor", "razors", "rifle", "roof", "rooftop", "rope", "shotgun", "tracks", "train")),
        Pattern(r"\b(?:jump|jumping|throw myself|step|stepping|walk|walking|lie down|lying down|drive|driving|run|running) (?:off|from|in front of|into|under|onto) (?:a|the|my|an|some|oncoming)? ?(?:bridge|building|roof|rooftop|cliff|balcony|window|train|bus|truck|car|cars|traffic|tracks|subway|highway|freeway|river|overpass|parking garage|parking deck|parking structure|deck|lorry)\b", first_words=("drive", "driving", "jump", "jumping", "lie", "lying", "run", "running", "step", "stepping", "throw", "walk", "walking")),
        Pattern(r"\b(?:drive|driving|crash|crashing|swerve|swerving|steer|steering) (?:my car |the car )?(?:off|into) (?:a|the)? ?(?:bridge|cliff|tree|wall|river|lake|traffic|oncoming traffic|overpass|pole)\b(?! by accident)", first_words=("crash", "crashing", "drive", "driving", "steer", "steering", "swerve", "swerving")),
        Pattern(r"\b(?:bullet (?:in|into|through) my (?:head|brain)|blow my (?:brains|head) (?:out|off)|gun to my head|gun in my mouth)\b", first_words=("blow", "bullet", "gun")),
        Pattern(r"\b(?:slit|slash|slitting|slashing|open|opening) (?:my|both) (?:wrists?|throat|veins)\b", first_words=("open", "opening", "slash", "slashing", "slit", "slitting")),
        Pattern(r"\b(?:ways?|how|methods?|best way|easiest way|painless way|quickest way|fastest way|least painful way) to (?:die|kill myself|end it|end my life|commit suicide)\b", first_words=("best", "easiest", "fastest", "least", "painless", "quickest", "how*", "method*", "way*")),
        Pattern(r"\b(?:use|using|turn|turning|point|pointing) (?:it|them|the gun|a gun|that|the knife|a knife) on myself\b", first_words=("point", "pointing", "turn", "turning", "use", "using")),
        Pattern(r"\bloaded (?:\w+ ){0,2}(?:gun|pistol|rifle|shotgun|revolver)\b|\b(?:gun|pistol|rifle|shotgun) (?:is |its )?(?:next to me|beside me|in my hand|in my lap|in my mouth|loaded)\b", first_words=("gun", "loaded", "pistol", "rifle", "shotgun")),
        Pattern(r"\b(?:bought|buying|got|tied|tying|made|making) (?:a |the |some )?(?:rope|noose)\b|\b(?:practic\w+|practis\w+) (?:tying|to tie) (?:a |the )?(?:knot|noose)\b", first_words=("bought", "buying", "got", "made", "making", "tied", "tying", "practic*", "practis*")),
        Pattern(r"\b(?:drive|driving|jump|jumping|walk|walking|throw myself|roll|rolling) off (?:it|of it|the edge|the overlook|the ledge|the cliff|the bridge|the roof|a bridge|a cliff|a building)\b", first_words=("drive", "driving", "jump", "jumping", "roll", "rolling", "throw", "walk", "walking")),
        Pattern(r"\b(?:razor|razors|blade|blades|rope|noose|gun|pills|pill|tablets|meds) (?:are |is )?(?:ready|counted out|laid out|lined up|set out|all out|out on the table|in front of me|waiting)\b", first_words=("blade", "blades", "gun", "meds", "noose", "pill", "pills", "razor", "razors", "rope", "tablets")),
        Pattern(r"\b(?:garage|car) with the (?:car|engine|motor) (?:running|on)\b|\bcar exhaust\b|\bcharcoal (?:in|and) (?:the|my)\b", first_words=("car", "charcoal", "garage")),
        Pattern(r"\b(?:dont|not|wouldnt|wont|couldnt) survive (?:the fall|the jump|it)\b|\bso (?:i|you) (?:dont|wouldnt|wont) survive\b", first_words=("couldnt", "dont", "not", "so", "wont", "wouldnt")),
        Pattern(r"\b(?:want|wanna|going|about|ready|tempted|thinking about|planning|plan|need) to jump\b(?! (?:in|into|on|at|start|back|right|through|ahead|up|the gun|ship|the queue|rope|around))", first_words=("about", "going", "need", "plan", "planning", "ready", "tempted", "thinking", "wanna", "want")),
        Pattern(r"\b(?:im|i am) (?:standing |sitting |up )?(?:on|at) (?:the|a|this) (?:bridge|roof|rooftop|ledge|edge|cliff|tracks|overpass|railroad|train tracks|top of (?:the|a) (?:building|parking garage|bridge))\b", first_words=("i", "im")),
        Pattern(r"\b(?:how and when|when and how|where and when|when and where) (?:im going|i will|ill|i am going|to|i|im) (?:to )?(?:do it|end it|kill myself|die)\b", first_words=("how", "when", "where")),
        Pattern(r"\bwhat im about to do\b|\bat peace with (?:my decision|what im|dying|leaving|it all|ending)\b", first_words=("at", "what")),
        Pattern(r"\b(?:have|got|made|ive|ive got|there is) a plan and a (?:date|time|day|place)\b|\b(?:picked|chose|chosen|found) (?:out )?(?:the|a|my) spot\b|\bknow which (?:bridge|building|tree|spot|overpass|cliff)\b", first_words=("chose", "chosen", "found", "got", "have", "ive", "know", "made", "picked", "there")),
        Pattern(r"\b(?:took|taken|take|taking) (?:the )?(?:trigger lock|safety) off\b|\b(?:if|whether) (?:its|it is|the \w+ is) high enough\b", first_words=("if", "take", "taken", "taking", "took", "whether")),
        Pattern(r"\b(?:rope|noose|gun|rifle|pistol|razor blades|razors|blades|pills|tablets|meds) {G5}(?:ready|lined up|counted out|laid out|set out)\b(?! (?:for|to) (?:the|my) (?:trip|week|pharmacy|appointment))", first_words=("blades", "gun", "meds", "noose", "pills", "pistol", "razor", "razors", "rifle", "rope", "tablets")),
        Pattern(r"\b(?:compre|tengo|comprar|consegui) una (?:soga|cuerda|pistola|arma)\b|\b(?:colgarme|la voy a colgar|me voy a colgar)\b", first_words=("comprar", "compre", "consegui", "la", "me", "tengo", "colgarme*")),
        Pattern(r"\b(?:lethal|fatal|deadly) (?:dose|amount|overdose|quantity)\b", first_words=("deadly", "fatal", "lethal")),
        Pattern(r"\bhow (?:much|many) (?:\w+ ){0,4}(?:is|are|would be|would) (?:lethal|fatal|deadly)\b", first_words=("how",)),
        # "If I take all 90 of the baclofen will that be it?", "would a whole bottle be enough?"
        Pattern(r"\bif i (?:take|took|swallow|swallowed|drink|drank) (?:all|every|the whole|a whole|both|[1-9][0-9]*) (?:\w+ ){0,6}(?:will|would|could|is) (?:that|it|i) (?:be it|be enough|kill me|die|stop my heart|not wake up|do it)\b", first_words=("if",)),
        Pattern(r"\b(?:would|will|is) (?:a|the|one) whole (?:bottle|box|pack|packet|month|supply) (?:\w+ ){0,3}(?:be enough|kill|do it)\b", first_words=("is", "will", "would")),
        Pattern(r"\b(?:how many|how much|enough) {G3}(?:to|would|will|does it take to|it takes to|would it take to|needed to) {G2}(?:die|kill|be fatal|be lethal|not wake up|never wake up|overdose|od|end it|stop my heart|do it)\b", first_words=("enough", "how")),
        Pattern(r"\b(?:im|i am|i could be|i might be|i feel like im|ive become|i have become) (?:a )?(?:danger|risk|threat) to myself\b", first_words=("i", "im", "ive")),
        Pattern(r"\b(?:not|dont feel|dont|never|no longer|not feeling|dont think im|dont think i am) (?:feel )?safe (?:with|around|from|by|being alone with|alone with|to be alone with|to be left alone with|on my own with) myself\b", first_words=("dont", "never", "no", "not")),
        Pattern(r"\b(?:im|i am|i feel|feel|feeling|dont feel|do not feel|not feeling) (?:not )?safe (?:tonight|right now|alone tonight) (?:with|around) myself\b", first_words=("do", "dont", "feel", "feeling", "i", "im", "not")),
        Pattern(r"\b(?:dont|cant|wont) trust myself (?:not to|alone|around|with (?:my |the |a )?(?:pills|meds|knives|knife|gun|car|medication|razor)|anymore|any more|tonight)\b", first_words=("cant", "dont", "wont")),
        Pattern(r"\b(?:scared|afraid|frightened|worried|terrified) (?:of what|that|i|ill|i will|i might|id) {G3}(?:do to myself|hurt myself|harm myself|kill myself|act on (?:it|them|these thoughts|my thoughts)|do something to myself|do something stupid|end it|end my life)\b", first_words=("afraid", "frightened", "scared", "terrified", "worried")),
        Pattern(r"\b(?:scared|afraid|frightened|terrified) of what i (?:might|will|could|may|would) do\b", first_words=("afraid", "frightened", "scared", "terrified")),
        Pattern(r"\b(?:tonight|today|this weekend|tomorrow|this week) (?:is|will be) (?:the|my) (?:night|day|last|end)\b(?! of)", first_words=("this", "today", "tomorrow", "tonight")),
        Pattern(r"\bthis is (?:my|the) (?:last|final) (?:message|night|day|time (?:youll|you will) hear from me|email)\b(?! (?:before|until|till|for (?:now|today|the week)))", first_words=("this",)),
        Pattern(r"\b(?:ive|i have|im|i am|ive got|i have got|got) {G2}(?:bought|got|getting|buying|found|ready|picked out|chose|chosen) {G3}(?:rope|noose|gun|pills|the pills|a gun|the gun|a rope|charcoal|helium)\b {G5}(?:myself|end it|die|suicide|do it|tonight|when)\b", first_words=("got", "i", "im", "ive")),
    ],
    C.SELF_HARM: [
        Pattern(r"\bself mutilat\w*", first_words=("self",)),
        Pattern(r"(?<!\bno )(?<!\bany )\b" + INTENT + r" {G2}" + HARM_VERBS + r" myself\b", first_words=("again", "been", "cant", "could", "deliberately", "feel", "felt", "going", "keep", "kept", "might", "need", "often", "on", "so", "sometimes", "start", "started", "still", "stop", "tempted", "think", "thinking", "thought", "thoughts", "try", "trying", "urge", "urges", "used", "want", "wanted", "will", "wish", "would")),
        Pattern(r"\b(?:cut|cutting|burn\w*|hurt\w*|harm\w*|hit|hitting|crash\w*|scratch\w*|slic\w+|stab\w*|punch\w*|starv\w*|took|take|taking|swallow\w*|od|odd|overdos\w*|reopen\w*|corte|cortarme|quemarme|lastimarme|haciendo dano|hacerme dano|tome|tomarme) {G12}(?:on purpose|deliberately|intentionally|a proposito)\b", first_words=("hacerme", "haciendo", "burn*", "cortarme*", "corte*", "crash*", "cut*", "harm*", "hit*", "hurt*", "lastimarme*", "od*", "overdos*", "punch*", "quemarme*", "reopen*", "scratch*", "slic*", "stab*", "starv*", "swallow*", "take*", "taking*", "tomarme*", "tome*", "took*")),
        Pattern(r"\b(?:cuts|wounds|scabs|scars|burns) {G5}(?:on purpose|so they dont heal|so it doesnt heal|deliberately)\b|\b(?:reopen\w*|open\w* up|pick\w* at) (?:the |my )?(?:cuts|wounds|scabs|scars)\b", first_words=("burns", "cuts", "scabs", "scars", "wounds", "open*", "pick*", "reopen*")),
        Pattern(r"\b(?:on purpose|deliberately|intentionally|a proposito) {G3}(?:cut|cutting|burn|burned|burning|hurt|hurting|harm|harming|hit|hitting|crash|starve|starving)\b", first_words=("a", "deliberately", "intentionally", "on")),
        Pattern(r"\b(?:hit|hitting|bang|banging|slam|slamming|smash|smashing) my head (?:against|on|into) (?:the|a) (?:wall|walls|floor|door|table|mirror)\b", first_words=("bang", "banging", "hit", "hitting", "slam", "slamming", "smash", "smashing")),
        Pattern(r"\b(?:cut|cutting|scratch\w*|pick\w*|burn\w*) {G5}until (?:it|i|they) (?:bleeds?|bled|bleeding|blister\w*)\b", first_words=("burn*", "cut*", "pick*", "scratch*")),
        Pattern(r"\bsh (?:urges?|again|relapse|scars?|wounds?|cuts?|thoughts)\b|\b(?:relapsed|relapse|urges?|clean from|free from|months clean from) (?:on |with |from |to )?sh\b", first_words=("clean", "free", "months", "sh", "relapse*", "urge*")),
        Pattern(r"\b(?:want|wanna|urge|urges|need|tempted|itching) to cut (?:so|again|right now|tonight|really|badly|myself|deep|deeper|\|)", first_words=("itching", "need", "tempted", "urge", "urges", "wanna", "want")),
        Pattern(r"\b(?:want|wanna|urge|urges|need|tempted|itching) to cut$", first_words=("itching", "need", "tempted", "urge", "urges", "wanna", "want")),
        Pattern(r"\bcut (?:too deep|deeper|deep enough|so deep)\b", first_words=("cut",)),
        Pattern(r"\b(?:cuts|scars|burns|cutting scars|fresh cuts|bruises) (?:on|all over|up and down|covering) my (?:arms|wrists|legs|thighs|body|stomach)\b|\bmy (?:arms|wrists|legs|thighs|stomach) (?:are|is) (?:covered in|full of|covered with) (?:cuts|scars|burns)\b", first_words=("bruises", "burns", "cuts", "cutting", "fresh", "my", "scars")),
        Pattern(r"\b(?:carve|carved|carving|cut|cutting|etch\w*|scratch\w*) (?:\w+ ){0,2}into my (?:arm|arms|leg|legs|skin|wrist|wrists|thigh|thighs|stomach|body)\b", first_words=("carve*", "carving*", "cut*", "etch*", "scratch*")),
        Pattern(r"\b(?:razor|razors|blade|blades|lighter|cigarette|cigarettes|knife|scissors)s? (?:to|on|into|against|across) my (?:skin|arms?|wrists?|legs?|thighs?|body)\b", first_words=("blade*", "cigarette*", "knife*", "lighter*", "razor*", "scissors*")),
        Pattern(r"\b(?:relapse|relapsed|relapsing|urge|urges|craving|cravings|itch|itching|need) {G2}(?:to )?(?:cut|cutting|selfharm\w*|harm myself|burn myself|burning myself|hurt myself)\b", first_words=("craving", "cravings", "itch", "itching", "need", "relapse", "relapsed", "relapsing", "urge", "urges")),
        Pattern(r"\b(?:started|start|been|keep|kept|back to|went back to|gone back to|cant stop|stopped|stop) (?:cutting|burning myself|hurting myself|harming myself)(?: again)?\b", first_words=("back", "been", "cant", "gone", "keep", "kept", "start", "started", "stop", "stopped", "went")),
        Pattern(r"\bcutting (?:again|myself|my arms|my wrists|my legs|is the only)\b", first_words=("cutting",)),
        Pattern(r"\b(?:hurt|harm|punish) my (?:own )?body on purpose\b", first_words=("harm", "hurt", "punish")),
        Pattern(r"\b(?:deserve|deserved) (?:to (?:be hurt|hurt|suffer|feel pain|be in pain)|the pain)\b", first_words=("deserve", "deserved")),
    ],
    C.OVERDOSE: [
        Pattern(r"\b(?:i|ive|im|id|myself|ill|me|almost|nearly) {G3}(?:overdos\w*|od|oded|od on)\b", first_words=("almost", "i", "id", "ill", "im", "ive", "me", "myself", "nearly")),
        Pattern(r"\bod(?:ed|ing)? (?:on|again|tonight|last|in)\b|\bto od\b|\bstockpil\w*", first_words=("to", "od*", "stockpil*")),
        Pattern(r"\b(?:took|taken|swallowed|swallow|take|downed|popped|ate) (?:like |about |around |over |almost |nearly |maybe |at least |more than )?(?:[1-9][0-9]+|a hundred|fifty|forty|thirty|twenty|dozens)\b(?! (?:mg|mcg|ml|milligrams|micrograms|units|minutes|min|mins|hours|hrs|years|days|weeks|months|sessions|steps|seconds|percent|of (?:them )?(?:years|days|weeks)))", first_words=("ate", "downed", "popped", "swallow", "swallowed", "take", "taken", "took")),
        Pattern(r"\b(?:took|take|taking|swallowed|swallow|downed|popped) (?:all of |)(?:my|the|a|an) (?:whole|entire) (?:month|week|bottle|box|pack|packet|supply|prescription|script|stash|months|weeks)\b", first_words=("downed", "popped", "swallow", "swallowed", "take", "taking", "took")),
        Pattern(r""
        + "{PILLS}"
        + r" {G12}(?:hoard\w*|stockpil\w*|stash\w*|saving (?:them|it) up|saving them|saved them|collecting them)\b", first_words=PILL_WORDS),
        Pattern(r"\b(?:take|taking|took|swallow|swallowing|swallowed|mix|mixing|mixed|down|downing|downed|chug|chugging|gulp|eat|eating|pop|popping|popped|use|using|empty|emptying|drink|drinking) (?:all|every|everything|the whole|a whole|whole|the entire|an entire|a bunch of|bunch of|a handful of|handfuls of|a handful|handfuls|lots of|loads of|too many|way too many|a lot of|all of|the rest of|enough|a bottle of|the bottle of|a box of|the box of|a pack of|the pack of|the packet of|a packet of|a month of|months of|weeks of|a months worth of|all the|every single|each of) ?{G2}"
        + PILLS
        + r"\b", first_words=("chug", "chugging", "down", "downed", "downing", "drink", "drinking", "eat", "eating", "empty", "emptying", "gulp", "mix", "mixed", "mixing", "pop", "popped", "popping", "swallow", "swallowed", "swallowing", "take", "taking", "took", "use", "using")),
        Pattern(r"\b(?:take|taking|swallow|swallowing|down|downing) (?:them|it) all\b", first_words=("down", "downing", "swallow", "swallowing", "take", "taking")),
        Pattern(r"\bhow many (?:of )?(?:my |the |these |those )?"
        + "{PILLS}"
        + r" {G3}(?:it would|would it|does it|will it|it will|it does|it takes|it would) take\b", first_words=("how",)),
        Pattern(r"\b(?:have|got|ive got|ive|theres) enough (?:saved|stored|put away|stockpiled|set aside|hidden)\b(?! (?:for|to pay|to cover|up|money|funds))|\benough {G3}for when im ready\b", first_words=("enough", "got", "have", "ive", "theres")),
        Pattern(r""
        + "{PILLS}"
        + r" {G3}(?:hidden|hid|stashed|hoarded|saved up|stockpiled|squirreled away)\b", first_words=PILL_WORDS),
        Pattern(r"\b(?:guardadas|guardados|juntadas|juntados|escondidas|escondidos|acumuladas) (?:las |mis |muchas )?"
        + "{PILLS}"
        + r"|\b"
        + "{PILLS}"
        + r" (?:guardadas|escondidas|juntadas)\b|\bcuantas (?:necesito|me tengo que tomar|hacen falta)\b", first_words=(*PILL_WORDS, "acumuladas", "cuantas", "escondidas", "escondidos", "guardadas", "guardados", "juntadas", "juntados")),
        Pattern(r"\b(?:save|saving|saved|stockpile|stockpiling|stockpiled|hoard|hoarding|hoarded|stash|stashing|stashed|hide|hiding|hid|build up|building up|built up|saving up|saved up|put aside|putting aside|been keeping|been holding onto) (?:up )?{G3}"
        + PILLS
        + r"\b", first_words=("been", "build", "building", "built", "hid", "hide", "hiding", "hoard", "hoarded", "hoarding", "put", "putting", "save", "saved", "saving", "stash", "stashed", "stashing", "stockpile", "stockpiled", "stockpiling")),
        Pattern(r"\b(?:collect|collecting|collected|gather|gathering|gathered|accumulate|accumulating|accumulated) (?:up )?(?:a lot of |lots of |enough |extra |all the |all my )?"
        + PILLS
        + r"\b", first_words=("accumulate", "accumulated", "accumulating", "collect", "collected", "collecting", "gather", "gathered", "gathering")),
        Pattern(r"\benough {G2}"
        + PILLS
        + r" {G3}(?:to )?(?:die|kill|end|not wake|never wake|do it|overdose|od|stop my heart|be fatal|make sure)\b", first_words=("enough",)),
        Pattern(r"\b(?:mix|mixing|mixed|take|taking|took) {G3}"
        + PILLS
        + r" (?:with|and) (?:alcohol|vodka|whiskey|booze|wine) (?:to|so|and never|and not)\b", first_words=("mix", "mixed", "mixing", "take", "taking", "took")),
    ],
    C.FAREWELL_BURDEN: [
        Pattern(r"\bbetter off (?:without me|if im (?:gone|dead|not (?:here|around|alive))|if i (?:was|were|wasnt|werent|died|disappeared|didnt exist|was gone|were gone|was dead|were dead|wasnt around|wasnt here|werent here|werent around|had never been born|was never born|left for good|killed myself|ended it|just died|just disappeared|did it)|with me gone|once im gone|when im gone|with me dead)\b", first_words=("better",)),
        Pattern(r"\b(?:nobody|no one|none of them|not a single person|nobody else|no one else|not one person|not a soul) {G2}(?:miss me|notice (?:if|when|that) i|notice im gone|notice i was gone|care (?:if|when) i (?:die|died|was gone|were gone|disappeared|wasnt here|was dead|am gone|killed myself|ended it)|care if im gone|even notice|cry at my funeral|come to my funeral)\b", first_words=("no", "nobody", "none", "not")),
        Pattern(r"\b(?:im|i am|i feel like|feel like|ive become|i have become|i feel|im just|i am just|always been|ill always be|i will always be|feeling like|i know im|i know i am) (?:such |just |only |nothing but |more of |a huge |a massive |a big |the )?(?:a |an )?(?:burden|drain|waste of space|waste of air|waste of oxygen|waste of life)\b", first_words=("always", "feel", "feeling", "i", "ill", "im", "ive")),
        Pattern(r"\b(?:suicide|goodbye|farewell) (?:note|letter|letters|notes|message|messages|video|post)\b|\b(?:final|last) (?:goodbye|goodbyes|words|letter|note)\b(?! (?:from|to) (?:you|the clinic|dr|doctor))", first_words=("farewell", "final", "goodbye", "last", "suicide")),
        Pattern(r"\b(?:wrote|written|writing|finished|left) my (?:note|letters?|notes)\b(?! (?:to|for|at) (?:the|my|your) (?:doctor|gp|clinic|dr|employer|work|boss|school|reception|front desk))", first_words=("finished", "left", "writing", "written", "wrote")),
        Pattern(r"\b(?:giving|gave|give|given) (?:\w+ ){0,3}(?:things|stuff|belongings|possessions|guitar|books|clothes|jewelry|pets?|cat|dog) away\b", first_words=("gave", "give", "given", "giving")),
        Pattern(r"\b(?:wont|will not) (?:need|be needing) (?:them|it|this|these|any of (?:it|this|them)|my \w+|anything|those) (?:anymore|any more|where im going|after (?:this|tonight|today|tomorrow)\w*|much longer)\b", first_words=("will", "wont")),
        Pattern(r"\b(?:goodbye|bye) (?:\w+ ){0,2}before i (?:go|leave|die|do it)\b|\b(?:tell|let) (?:the staff|everyone|them|the team|everybody|\w+) (?:know )?i said (?:goodbye|bye)\b", first_words=("bye", "goodbye", "let", "tell")),
        Pattern(r"\b(?:doesnt|dont|didnt|wont) (?:know|understand|realise|realize|get) what i (?:meant|mean|really meant)\b", first_words=("didnt", "doesnt", "dont", "wont")),
        Pattern(r"\b(?:its|it is|this is|it isnt|it wasnt) (?:not )?(?:your|anyones) fault\b", first_words=("it", "its", "this")),
        Pattern(r"\bout of (?:everyones|your|their|the|everybodys|peoples) way (?:for good|forever|soon|permanently)\b", first_words=("out",)),
        Pattern(r"\blast time (?:ill|i will|youll|you will|im going to) (?:bother|hear from|see|talk to|contact|write to|message)\b", first_words=("last",)),
        Pattern(r"\b(?:easier|better|happier|simpler|lighter) {G5}if i (?:wasnt|werent|was not|were not) (?:alive|around|here|born)\b|\bif i (?:wasnt|werent) (?:alive|around anymore|here anymore)\b", first_words=("better", "easier", "happier", "if", "lighter", "simpler")),
        Pattern(r"\b(?:wrote|written|writing|write|left|leave|leaving|recorded|recording|drafted|drafting) {G5}(?:note|letter|letters|notes|message|video|messages) {G5}(?:goodbye|goodbyes|farewell|forgive me|sorry for everything|when im gone|after im gone|for when i|to find|for after|explaining why)\b", first_words=("drafted", "drafting", "leave", "leaving", "left", "recorded", "recording", "write", "writing", "written", "wrote")),
        Pattern(r"\b(?:saying|said|say|saying my|said my|say my) (?:my )?(?:goodbyes|farewells|last goodbyes|final goodbyes|goodbye to (?:everyone|everybody|my family|my kids|my children|the world|you all|all of you|people|my friends|my loved ones|life))\b", first_words=("said", "say", "saying")),
        Pattern(r"\btell (?:my|the) (?:kids|children|family|wife|husband|mom|dad|son|daughter|parents|girls|boys|sister|brother|grandkids) (?:that )?i (?:love|loved) (?:them|him|her|you)\b", first_words=("tell",)),
        Pattern(r"\b(?:written|wrote|writing|left|leaving) (?:letters|a letter|notes|a note|cards) (?:to|for) (?:my|each of my) (?:kids|children|family|wife|husband|son|sons|daughter|daughters|parents|mom|dad|loved ones|friends)\b|\bcartas? (?:a|para) mis (?:hijos|hijas|padres|nietos)\b", first_words=("leaving", "left", "writing", "written", "wrote", "carta*")),
        Pattern(r"\bbetter off {G5}than (?:with|having) me\b", first_words=("better",)),
        Pattern(r"\b(?:be|d be|would be|will be) (?:free|happier|better|easier|fine|relieved|better off) if (?:i|im) (?:was|were|am|is)? ?(?:gone|dead|not here|not around)\b(?! (?:for|on|to|at)\b)", first_words=("be", "d", "will", "would")),
        Pattern(r"\b(?:you|they|nobody|no one|anyone|you all) (?:wont|will not|wont ever|dont) (?:have to|need to)? ?(?:deal with|worry about|put up with|bother with|hear from) me (?:again|anymore|any more|after|much longer|soon|for long)\b", first_words=("anyone", "no", "nobody", "they", "you")),
        Pattern(r"\b(?:wont|will not|not going to) be (?:around|here|alive) (?:for|by|at|to see) (?:my|his|her|their|christmas|the holidays|thanksgiving|next year|new year|the birth|graduation)\b|\bno voy a estar (?:aqui|viv[oa]|con ustedes) (?:mucho tiempo|por mucho|mas tiempo|mucho)\b", first_words=("no", "not", "will", "wont")),
        Pattern(r"\bthis is (?:my )?goodbye\b", first_words=("this",)),
        Pattern(r"\bgoodbye (?:forever|for good|world|cruel world|everyone|everybody|all)\b", first_words=("goodbye",)),
        Pattern(r"\bby the time (?:you|anyone|someone|somebody|they) (?:read|reads|get|gets|see|sees|find|finds) this\b", first_words=("by",)),
        Pattern(r"\b(?:giving|gave|give|given|been giving) away (?:all |most of |most )?(?:of )?(?:my |her |his )?(?:things|stuff|belongings|possessions|pets?|cat|dog|cats|dogs|everything|my things|clothes|treasures|jewelry)\b", first_words=("been", "gave", "give", "given", "giving")),
        Pattern(r"\b(?:put|putting|get|getting|got|sort|sorting|sorted) (?:all )?my affairs in order\b", first_words=("get", "getting", "got", "put", "putting", "sort", "sorted", "sorting")),
        Pattern(r"\b(?:when|after|once) im (?:gone|dead|not here)\b(?! (?:on|for|to|away|out|at|from|in|until|till|over)\b)", first_words=("after", "once", "when")),
        Pattern(r"\b(?:wont|will not|wont be) (?:be )?(?:around|here|alive|on this earth) (?:much longer|for much longer|for long|anymore|any more|long|by (?:then|next week|the weekend))\b", first_words=("will", "wont")),
        Pattern(r"\b(?:wont|will not|not going to) (?:be a (?:problem|burden|bother)|bother anyone|trouble anyone|be in anyones way|be anyones problem) (?:to anyone |for anyone |for you |for them )?(?:much longer|for long|anymore|any more|soon|ever again|after (?:this|tonight|today|tomorrow)\w*(?: \w+)?)\b", first_words=("not", "will", "wont")),
        Pattern(r"\b(?:im|i am) (?:going|leaving) (?:away )?(?:for good|forever|and not coming back|and wont be back)\b(?! to)", first_words=("i", "im")),
        Pattern(r"\b(?:everyone|everybody|they|theyd|my family|family|world|people|my kids|my children|my wife|my husband|my partner|my parents|you all|all) {G3}(?:happier|better) (?:without me|if i (?:was|were) (?:gone|dead)|with me gone)\b", first_words=("all", "everybody", "everyone", "family", "my", "people", "they", "theyd", "world", "you")),
    ],
    C.HOPELESSNESS: [
        Pattern(r"\b(?:life|living|my life|this life|existence|being alive|it all|lifes|life is|my existence) {G2}(?:isnt|is not|not|no longer|doesnt|does not|aint|never|wasnt|no) {G2}worth (?:living|it|anything|much|the effort|the pain|the struggle|going on|fighting for|a thing|nothing)\b", first_words=("being", "existence", "it", "life", "lifes", "living", "my", "this")),
        Pattern(r"\bnot worth living\b|\bworthless life\b|\bpointless life\b|\blife is (?:pointless|meaningless|worthless|over|hopeless|a waste)\b|\bmy life is (?:over|pointless|meaningless|worthless|hopeless|a waste|nothing)\b", first_words=("life", "my", "not", "pointless", "worthless")),
        Pattern(r"\b(?:whats|what is|theres|is there|see|see any|no|any|find no|cant find a|cant find any|cant see a|cant see any|cant see the|dont see the|dont see a|dont see any|lost the|there is no|dont have a|dont have any|have no|without any|with no|without a) (?:the |a |any |real |more )?(?:point|reason|reasons|purpose|sense|meaning) (?:in |of |to |for )?(?:living|life|my life|going on|carrying on|keep going|keeping going|keep living|being alive|staying alive|existing|to live|live|it all|anymore|any more|being here|me being here|anything anymore|getting up|waking up|even trying anymore|trying anymore|to go on|to keep going|to wake up|to exist|to stay alive|to be alive|to be here)\b", first_words=("any", "cant", "dont", "find", "have", "is", "lost", "no", "see", "there", "theres", "what", "whats", "with", "without")),
        Pattern(r"\b(?:no|any|see no|cant see any|dont see any|lost all) (?:point|reason|reasons|purpose) (?:for me |for me to |in me |to me )(?:living|keep living|going on|being alive|staying alive|existing|to live|live|go on|keep going|exist|be here|being here)\b", first_words=("any", "cant", "dont", "lost", "no", "see")),
        Pattern(r"\bnothing (?:left )?(?:to|worth) (?:live|living) for\b", first_words=("nothing",)),
        Pattern(r"\b(?:no|lost (?:the|my|all)|dont have (?:the|any)|dont have a|without the|have no|losing the|losing my|lost all|lost any) (?:will|desire|wish|reason|motivation|energy|strength|want) to (?:live|keep living|go on|stay alive|be alive|keep going|carry on|exist|fight)\b", first_words=("dont", "have", "losing", "lost", "no", "without")),
        Pattern(r"\b(?:cant|cannot|dont know how to|dont know if i can|unable to|dont think i can|not sure i can|cant keep|not able to) (?:go on|keep going|carry on|keep living|go on living|live (?:like this|this way) (?:anymore|any more|any longer|much longer)|do this anymore|do this any more|do this any longer|do it anymore|take it anymore|take it any more|take it any longer|keep fighting|fight anymore|fight it anymore|survive this|face another day|handle life|do life|cope anymore|cope any more)\b(?! to\b)(?! with\b)(?! on\b)", first_words=("cannot", "cant", "dont", "not", "unable")),
        Pattern(r"\b(?:tired|sick|weary|exhausted|done) (?:of|with) (?:living|being alive|life|existing|my life|waking up|this life|it all|everything|fighting|trying|being here|the world)\b(?! with\b)(?! in\b)", first_words=("done", "exhausted", "sick", "tired", "weary")),
        Pattern(r"\b(?:give|giving|given|gave) up (?:on )?(?:life|living|myself|everything|on it all|the fight)\b", first_words=("gave", "give", "given", "giving")),
        Pattern(r"\b(?:no|dont see a|cant see a|dont have a|there is no|theres no|see no|dont see any|cant see any) (?:future|way out|hope left|hope for me|light at the end|escape|end in sight|other way out|other option|other choice)\b", first_words=("cant", "dont", "no", "see", "there", "theres")),
        Pattern(r"\b(?:want|wish|wanted|need|wishing|hope|just want) (?:it all|everything|all of this|my life|life|it|this|things) to (?:be over|end|stop|finish)\b", first_words=("hope", "just", "need", "want", "wanted", "wish", "wishing")),
        Pattern(r"\b(?:vanish|disappear|go to sleep|fall asleep|sleep|go away and|leave|stop) {G3}(?:forever|for good|permanently|and never (?:come back|return|be found|wake up)|and not wake up|and not come back)\b", first_words=("disappear", "fall", "go", "leave", "sleep", "stop", "vanish")),
        Pattern(r"\b(?:i|me) {G2}(?:should|shouldnt) (?:not )?(?:exist|be alive|be here|have been born)\b", first_words=("i", "me")),
        Pattern(r"\b(?:whats|what is) the point (?:anymore|any more|of anything|of it all|of me|of going on|of living|of life)\b", first_words=("what", "whats")),
        Pattern(r"\bwhy (?:am i|do i|should i|bother) (?:still |even )?(?:alive|here|live|living|keep going|going on|exist|existing|bother living|bother going on|staying alive)\b", first_words=("why",)),
        Pattern(r"\b(?:want|wanted|wish|need|just want|wanna) (?:to )?(?:stop|quit|end) (?:living|existing|breathing|being alive|my existence|life)\b", first_words=("just", "need", "wanna", "want", "wanted", "wish")),
    ],
}
# fmt: on

# fmt: off
SPANISH = {
    C.SUICIDAL_THOUGHTS: [
        Pattern(r"\b(?:quiero|quisiera|queria|deseo|desearia|ganas de|pienso en|pensando en|pense en|prefiero|preferiria|me gustaria|solo quiero|ya quiero|necesito) {G1}(?:morir|morirme|estar muert[oa]|dejar de (?:vivir|existir)|matarme|suicidarme|desaparecer para siempre|no despertar|dormir y no despertar(?:me)?|no existir|no estar aqui)\b(?! de (?:la |el )?(?:verguenza|pena|risa|hambre|sueno|frio|calor|aburrimiento|ganas|envidia|miedo)\b)", first_words=("desearia", "deseo", "ganas", "me", "necesito", "pensando", "pense", "pienso", "preferiria", "prefiero", "queria", "quiero", "quisiera", "solo", "ya")),
        Pattern(r"\b(?:me (?:quiero|voy a|gustaria|queria)|se (?:quiere|va a|queria)) (?:morir|matar|quitar la vida|suicidar)\b(?! de\b)", first_words=("me", "se")),
        Pattern(r"(?<!\bse )\b(?:quitarme|quitar|me quite|me quito|quite|quito) (?:la|mi) vida\b", first_words=("me", "quitar", "quitarme", "quite", "quito")),
        Pattern(r"\b(?:acabar|terminar|poner fin|ponerle fin|termino|acabo) (?:con|a) (?:mi vida|todo|mi existencia|esto de una vez|todo de una vez)\b(?! el\b)(?! lo\b)", first_words=("acabar", "acabo", "poner", "ponerle", "terminar", "termino")),
        Pattern(r"\bmatarme\b|\bquitarme la vida\b", first_words=("quitarme", "matarme*")),
        Pattern(r"\bganas (?:horribles|enormes|tremendas|terribles|muchas|grandes|fuertes) de (?:morir|morirme|matarme|suicidarme|desaparecer)\b", first_words=("ganas",)),
        # "Ya" is optional, so no one first word: tried everywhere.
        Pattern(r"\b(?:ya )?no quiero (?:seguir )?(?:vivir|viviendo|existir|estar (?:aqui|viv[oa]|en este mundo)|despertar|seguir (?:vivi\w*|aqui|asi|adelante|existiendo|en este mundo))\b"),
        Pattern(r"\b(?:dormir|dormirme|acostarme) y no (?:despertar|volver a despertar|despertarme)\b", first_words=("acostarme", "dormir", "dormirme")),
        Pattern(r"\bno tengo ganas de (?:vivir|seguir viviendo|seguir)\b", first_words=("no",)),
        Pattern(r"\b(?:mejor|prefiero estar|preferiria estar) muert[oa]\b", first_words=("mejor", "preferiria", "prefiero")),
        Pattern(r"\b(?:pensamientos|ideas) (?:de|sobre) (?:morir|muerte|matarme|suicidio|quitarme la vida)\b", first_words=("ideas", "pensamientos")),
        Pattern(r"\b(?:unica|ultima) (?:salida|opcion|solucion|respuesta) (?:que (?:me queda|veo|tengo) )?(?:es|seria|sera) (?:la muerte|morir|morirme|matarme|suicidarme|quitarme la vida)\b", first_words=("ultima", "unica")),
    ],
    C.HOPELESSNESS: [
        Pattern(r"\b(?:sin|no (?:tengo|hay|veo|encuentro)) (?:ninguna |una |ningun )?(?:razon|razones|motivo|motivos|sentido|proposito) (?:para|de|a|en) (?:vivir|seguir|la vida|mi vida|seguir viviendo|existir)\b", first_words=("no", "sin")),
        Pattern(r"\b(?:la vida|mi vida|vivir|vivir asi) (?:ya )?no (?:vale|tiene) (?:la pena|sentido|valor|nada)\b", first_words=("la", "mi", "vivir")),
        Pattern(r"\bno vale la pena (?:vivir|seguir)\b", first_words=("no",)),
        Pattern(r"\bno le (?:veo|encuentro) (?:ningun )?sentido a (?:la vida|mi vida|vivir|nada|seguir)\b", first_words=("no",)),
        # "Ya" is optional, so no one first word: tried everywhere.
        Pattern(r"\b(?:ya )?no puedo (?:mas con (?:esta|mi|la) vida|seguir (?:viviendo|asi|adelante)|mas con todo)\b"),
        Pattern(r"\bcansad[oa] de (?:vivir|la vida|existir|todo)\b", first_words=("cansad*",)),
    ],
    C.FAREWELL_BURDEN: [
        Pattern(r"\b(?:estarian|estaria|estaran|estarias|estarian todos) mejor (?:sin mi|si (?:yo )?(?:no estuviera|muriera|me muero|desapareciera|no existiera))\b", first_words=("estaran", "estaria", "estarian", "estarias")),
        Pattern(r"\b(?:mejor|better off) sin mi\b|\b(?:esta|este) es mi (?:despedida|adios)\b|\bmi despedida\b", first_words=("better", "mejor", "mi", "est*")),
        Pattern(r"\b(?:ser|soy|sere|voy a ser) (?:una|un) (?:carga|estorbo)\b|\buna carga para (?:nadie|todos|mi familia|ustedes)\b", first_words=("ser", "sere", "soy", "una", "voy")),
        Pattern(r"\b(?:regale|regalando|regalar|regalado) (?:todas )?(?:mis|todas mis) cosas\b|\bno las voy a necesitar\b", first_words=("no", "regalado", "regalando", "regalar", "regale")),
        Pattern(r"\bnadie (?:me )?(?:extranaria|echaria de menos|va a extranar|extranara|notaria)\b", first_words=("nadie",)),
        Pattern(r"\bsoy (?:una|un) (?:carga|estorbo)\b", first_words=("soy",)),
        Pattern(r"\b(?:diganle|digales|dile|dales) a (?:mis?|mi) \w+ que (?:los|las|lo|la|le|les) (?:quise|ame|amaba|queria)\b", first_words=("dales", "diganle", "digales", "dile")),
        Pattern(r"\bcarta de despedida\b|\bdespedirme de (?:todos|mi familia|todo el mundo|ustedes|mis hijos)\b|\bregalando mis cosas\b", first_words=("carta", "despedirme", "regalando")),
    ],
    C.SELF_HARM: [
        Pattern(r"\b(?:me estoy|estoy) (?:cortando|lastimando|quemando|haciendo dano) (?:otra vez|de nuevo|a proposito|los brazos|las piernas)\b|\b(?:me lastimo|me corto|me quemo|me golpeo) a mi mism[oa]\b", first_words=("estoy", "me")),
        Pattern(r"\b(?:me corto|me cortaba|me he cortado|me corte|cortarme|me lastimo|lastimarme|me hago dano|hacerme dano|me quemo|quemarme|me golpeo|golpearme) (?:los brazos|las munecas|la muneca|las piernas|la piel|los muslos|otra vez|de nuevo|cuando|a proposito|para)\b", first_words=("cortarme", "golpearme", "hacerme", "lastimarme", "me", "quemarme")),
        # "Me corté con..." is left to MENTIONS: more often a kitchen knife than self-harm.
        Pattern(r"\b(?:me cortaba|cortarme|me lastimo|lastimarme|me hago dano|me quemo|quemarme|me golpeo|golpearme) con\b", first_words=("cortarme", "golpearme", "lastimarme", "me", "quemarme")),
        Pattern(r"(?<!\bno )\b(?:quiero|ganas de|pienso en|necesito|tengo ganas de|no puedo dejar de) (?:cortarme|lastimarme|hacerme dano|quemarme|golpearme)\b", first_words=("ganas", "necesito", "no", "pienso", "quiero", "tengo")),
        # "Me corto desde hace meses", "me volví a cortar": not a haircut, nails or cooking.
        Pattern(r"\bme (?:corto|sigo cortando|vuelvo a cortar|volvi a cortar|he vuelto a cortar|volvi a lastimar|vuelvo a lastimar|volvi a quemar|vuelvo a quemar)\b(?! (?:mucho |muy |seguido )?(?:el |los |las |la |mis |mi |un |una )?(?:pelo|cabello|fleco|barba|bigote|unas|cuticulas|dedo|dedos|mano|pan|carne|cebolla|papel)\b)(?! con\b)", first_words=("me",)),
        Pattern(r"\bme (?:pegue|golpee|queme|lastime|rasgune|mordi|hice dano|tire|avente) {G5}a proposito\b", first_words=("me",)),
        Pattern(r"\bautolesion\w*|\bme autolesiono\b|\b(?:cortandome|lastimandome|quemandome)\b|\bse (?:esta )?(?:cortando|corta|lastima|lastimando|quema|quemando)\b", first_words=("me", "se", "autolesion*", "cortandome*", "lastimandome*", "quemandome*")),
    ],
    C.OVERDOSE: [
        Pattern(r"\b(?:tomarme|tomar|tome|me tome|tragarme|me trague|trague|tomarme todo) (?:todas|todo|un monton de|muchas|toda|demasiadas|el frasco de|una caja de|toda la caja de|todo el frasco de|[1-9][0-9]+) (?:las |mis |el |de )?"
        + PILLS
        + r"\b", first_words=("me", "tomar", "tomarme", "tome", "tragarme", "trague")),
        # "Si me tomo todas las de lorazepam, ¿me muero?": asking whether a whole supply kills.
        Pattern(r"\bsi (?:me|te|uno se) (?:tomo|tomas|toma|tomara|tomaras|acabo|acabas|trago|tragas|tomaria) (?:\w+ ){0,2}(?:todas|todos|todo|toda|el frasco|la caja|un monton|muchas|muchos|[1-9][0-9]+) (?:\w+ ){0,6}(?:me muero|te mueres|se muere|muero|me moriria|me duermo para siempre|no despierto|no despertaria|me mata|me mataria|you die)\b(?! de (?:sueno|risa|hambre|verguenza|frio|calor|ganas|aburrimiento)\b)", first_words=("si",)),
        Pattern(r"\b(?:juntando|guardando|ahorrando|acumulando|escondiendo) (?:mis |las |muchas |my )?"
        + PILLS
        + r"\b", first_words=("acumulando", "ahorrando", "escondiendo", "guardando", "juntando")),
    ],
    C.PLAN_MEANS_INTENT: [
        Pattern(r"\b(?:tengo|hice) un plan para (?:matarme|morir|quitarme la vida|suicidarme|acabar con todo)\b", first_words=("hice", "tengo")),
        Pattern(r"\b(?:tirarme|aventarme|lanzarme|aventar|tirar|lanzar|arrojarme|arrojar) {G2}(?:puente|edificio|techo|azotea|tren|metro|carro|camion|acantilado|balcon|ventana)\b", first_words=("arrojar", "arrojarme", "aventar", "aventarme", "lanzar", "lanzarme", "tirar", "tirarme")),
        Pattern(r"\b(?:ahorcarme|colgarme|tirarme (?:de|del|al|a las|a la|frente)|aventarme (?:de|del|al))\b", first_words=("aventarme", "tirarme", "ahorcarme*", "colgarme*")),
        Pattern(r"\b(?:de )?que altura (?:\w+ ){0,3}(?:tirarse|aventarse|tirarme|aventarme|lanzarse|lanzarme)\b", first_words=("de", "que")),
        Pattern(r"\b(?:faja|cinturon|cuerda|soga|cable|cordon|belt|cord|rope|scarf) (?:\w+ ){0,2}(?:amarrad[oa]|atad[oa]|apretad[oa]|tied|tight|wrapped) (?:al|alrededor del|en el|around (?:his|her|my|their)) (?:cuello|neck)\b", first_words=("belt", "cable", "cinturon", "cord", "cordon", "cuerda", "faja", "rope", "scarf", "soga")),
        Pattern(r"\b(?:me tiro|me aviento|me lanzo|me arrojo|me voy a aventar|me voy a lanzar|se va a tirar|se va a aventar|se quiere tirar|se quiere aventar) (?:de|del|al|a la|a las|desde|frente)\b", first_words=("me", "se")),
        Pattern(r"\b(?:queria|quiero|quise|ganas de|pense en|pienso en|tentad[oa] a) (?:chocar|estrellarme|estamparme|estrellar el (?:carro|coche|camion)|estrellar la camioneta)\b", first_words=("ganas", "pense", "pienso", "queria", "quise", "quiero", "tentad*")),
        Pattern(r"\b(?:dosis|cantidad) (?:letal|mortal)\b|\b(?:cuant[oa]s?|que cantidad de) (?:\w+ ){0,4}(?:es|son|seria|serian|sera|se necesita|se necesitan) (?:letal|lethal|mortal|fatal|para morir|para no despertar)\b", first_words=("cantidad", "dosis", "que", "cuant*")),
        Pattern(r"\b(?:cuanto tarda|cuanto tiempo tarda|how long does|how long do) (?:\w+ ){0,5}(?:veneno|raticida|anticongelante|poison|antifreeze)\b(?! (?:ivy|oak|sumac|control|center))", first_words=("cuanto", "how")),
        Pattern(r"\b(?:soga|rope|noose) (?:\w+ ){0,2}(?:amarrad[oa]|atad[oa]|colgad[oa]|list[oa]|preparad[oa]|tied|hung|hanging|ready|set up)\b", first_words=("noose", "rope", "soga")),
        Pattern(r"\b(?:no estoy|no me siento) segur[oa] (?:conmigo mism[oa]|sol[oa])\b|\bsoy un peligro para mi mism[oa]\b", first_words=("no", "soy")),
    ],
}
# fmt: on

# Bare mentions: they count unless the same sentence shows they are about something else:
# someone else's death or the subject in general ("my uncle died by suicide", "suicide
# prevention", "naloxone for an overdose"), a form's questions, an accident. First-person
# uses ("I feel suicidal", "I overdosed", "I want to hurt myself") are matched above anyway.
SOMEONE_ELSE = (
    r"\b(?:my|our|his|her|their|a|the|mi|su|un|una) (?:\w+ ){0,2}(?:died|passed|passed away|"
    r"killed (?:himself|herself|themselves)|took (?:his|her|their) (?:own )?life|committed suicide|"
    r"was lost|murio|fallecio|se suicido|se quito la vida)\b|"
    r"\b(?:died|dead|death|lost|losing|murio|fallecio|perdi) (?:\w+ ){0,3}(?:by|to|from|of|por|de) "
    r"(?:an |una )?(?:suicide|overdose|suicidio|sobredosis)\b|"
    r"\b(?:awareness|prevention|hotline|lifeline|training|research|statistics|naloxone|narcan|"
    r"prevencion|someone else|somebody else|a friend|my friend|a patient|my patient|patients|"
    r"students?|protocols?|discloses|disclosed|line of duty|suicidality)\b|"
    # The subject in general, or a loss: "suicide loss", "survivors of suicide", "my sister's
    # suicide", "grief after a suicide", "lost him to suicide", "se suicidó" (he or she did).
    r"\b(?:suicide|suicidio) (?:loss|losses|survivors?|rates?|risk|screening|assessment|"
    r"postvention|calls?|grief|bereavement|protocol|education|course|workshop)\b|"
    r"\b(?:survivors? of|grief after|grieving|loss to|anniversary of|history of|family history|"
    r"postvention|(?:his|her|their|mothers|moms|mums|fathers|dads|sisters|brothers|sons|daughters|wifes|husbands|partners|friends|cousins|uncles|aunts|grandpas|grandmas|grandfathers|grandmothers|neighbors|neighbours|coworkers|colleagues|students|parents|childs|boyfriends|girlfriends) suicide|by (?:a |an )?suicide|(?:grief|grieving|life|loss|healing) after (?:a |an )?suicide|"
    r"(?:lost|lose|losing) (?:\w+ ){0,3}to suicide)\b|"
    r"\b(?:se suicid\w*|por suicidio|sobrevivientes?|duelo|tamizaje|riesgo suicida|"
    r"antecedentes|se quito la vida|se mato)\b"
)
# "Driving the 405 at 5pm is literally suicide", "career suicide", "a suicide mission": a
# figure of speech about something risky, not about the writer's life.
FIGURATIVE = (
    r"\b(?:literally|basically|pure|career|social|financial|political|fashion) suicide\b|"
    r"\bsuicide (?:mission|missions|run|runs|squad|sprints?|drills?|doors?|lane|pass)\b|"
    r"\bsuicidio (?:social|profesional|financiero|politico)\b|\bmision suicida\b"
)
A_FORM = r"\b(?:questionnaire|questionnaires|form|forms|survey|screening|screener|question|questions|asks about|asked about|phq\w*)\b"
AN_ACCIDENT = (
    r"\b(?:accident\w*|pulled|pulling|slipped|slipping|fell|falling|tripped|lifting|lifted|"
    r"picking up|picked up|stretching|threw my back|twisted|sprained|at the gym|playing|skiing|"
    r"shaving|cooking|kitchen|stove|oven|iron|workout|working out|exercis\w+|running|garden\w*|"
    r"moving|carrying|shower|stairs|ice|yoga|pt|physio|sport\w*|football|soccer|tennis|golf|"
    r"hiking|bike|biking|chopping|pruning|prune|rose|roses|bush|bushes|thorns?|brambles?|knife slipped|at work|on the job|door|car door|drawer|cabinet)\b"
)
# "No pienso en hacerme daño": the writer says they don't.
NEGATED_ES = r"\b(?:no|ni|nunca|jamas|nada de) (?:\w+ ){0,3}hacerme dano\b"
SPANISH_ACCIDENT = (
    r"\b(?:accidente|cocinando|cocina|picando|cebolla|cuchillo de (?:la )?cocina|lata|vidrio|vaso|"
    r"papel|paper|abriendo|afeitando|rasurando|jardin|tijeras|puntadas|tetano)\b"
)
# "My grandmother overdosed accidentally", "took a double dose by accident": a mistake, said
# to be one ("not by accident", "wasn't accidental" are not).
ACCIDENTAL = (
    r"(?<!\bnot )(?<!\bwasnt )(?<!\bno fue )(?<!\bno )\b(?:accidental|accidentally|by accident|"
    r"by mistake|por accidente|por error|sin querer)\b"
)
# A form's question about attempts (not "a weird question": the writer's own).
A_FORM_ASKS = r"\b(?:questionnaire|form|forms|survey|screening|screener|asks about|asked about)\b"
# An attempt long ago, told with how the writer is now (a form asks; "when I was 19").
DISTANT_PAST = (
    r"^(?!.*\b(?:again|same way|that way|those thoughts|lately|otra vez|de nuevo)\b).*?\b(?:"
    r"(?:many|several|\d\d+|ten|eleven|twelve|fifteen|twenty\w*|thirty\w*|forty\w*) years ago|"
    r"decades ago|in (?:19\d\d|200\d|201[0-5])|when i was (?:a )?(?:1\d|teen\w*|kid|child|young\w*)|"
    r"in (?:my )?(?:college|high school|twenties|teens|youth)|(?:a )?long (?:time )?ago|"
    r"hace (?:mas de )?(?:\d\d+|muchos|varios|diez|veinte\w*|treinta\w*) anos|cuando tenia \d\d)\b"
)
ATTEMPT = (
    r"\b(?:an|my|a|last|previous|past|prior|first|second|third|another|failed|recent) "
    r"(?:suicide )?attempts?\b(?! (?:to (?:book|call|reach|contact|get|schedule|fix)|at (?:booking|calling)))|"
    r"\b(?:attempt|attempted|attempts|tried|try|trying) (?:suicide|to kill myself|to end (?:my life|it|it all)|"
    r"to take my (?:own )?life|to overdose|to hang myself|to die)\b|\bsuicid\w* attempts?\b"
)
# fmt: off
MENTIONS = [
    (C.SUICIDAL_THOUGHTS, Pattern(r"\bsuicid\w*", first_words=("suicid*",)), SOMEONE_ELSE + "|" + A_FORM + "|" + DISTANT_PAST + "|" + FIGURATIVE),
    (C.SUICIDAL_THOUGHTS, Pattern(ATTEMPT, first_words=("a", "an", "another", "attempt", "attempted", "attempts", "failed", "first", "last", "my", "past", "previous", "prior", "recent", "second", "third", "tried", "try", "trying", "suicid*")), SOMEONE_ELSE + "|" + A_FORM_ASKS + "|" + DISTANT_PAST),
    (C.SELF_HARM, Pattern(r"\bhacerme dano\b", first_words=("hacerme",)), NEGATED_ES + "|" + A_FORM),
    (C.SELF_HARM, Pattern(r"\bme (?:corte|corto|he cortado) con\b", first_words=("me",)), AN_ACCIDENT + "|" + SPANISH_ACCIDENT),
    (C.OVERDOSE, Pattern(r"\boverdos\w*|\bsobredosis\b", first_words=("overdos*", "sobredosis*")), SOMEONE_ELSE + "|" + ACCIDENTAL),
    (C.SELF_HARM, Pattern(r"\bselfharm\w*|\bselfinjur\w*|\bcutter\b", first_words=("cutter*", "selfharm*", "selfinjur*")), SOMEONE_ELSE + "|" + A_FORM),
    (C.SELF_HARM, Pattern(r"\b" + HARM_VERBS + r" myself\b", first_words=("bang", "banging", "burn", "burned", "burning", "burnt", "cut", "cutting", "harm", "harmed", "harming", "hit", "hitting", "hurt", "hurting", "injure", "injuring", "mutilate", "mutilating", "punch", "punching", "punish", "punishing", "scratch", "scratching", "starve", "starving")), AN_ACCIDENT + "|" + A_FORM),
    (
        C.SELF_HARM,
        Pattern(r"\b(?:cut|cutting|cuts|slice|slicing|sliced|slash|slashing|slashed|burn|burning|burned|"
        r"burnt|scratch|scratching|scratched|carve|carving|carved|hit|hitting|punch|punching) "
        r"(?:on )?(?:my|both) (?:own )?(?:arms|wrists?|legs|thighs?|skin|stomach|belly|hips?|body|"
        r"forearms?)\b", first_words=("burn", "burned", "burning", "burnt", "carve", "carved", "carving", "cut", "cuts", "cutting", "hit", "hitting", "punch", "punching", "scratch", "scratched", "scratching", "slash", "slashed", "slashing", "slice", "sliced", "slicing")),
        AN_ACCIDENT,
    ),
]
# fmt: on

# Warning signs that are ordinary alone ("thank you for everything", "I'm tired", "I have a
# rope in the garage") but together are how many people say goodbye or say what they plan.
# Two different kinds in one message make it urgent, unless it gives a practical reason
# (moving away, a holiday, a new doctor), which explains a goodbye.
# fmt: off
WARNING_SIGNS = {
    "finality": [
        Pattern(r"\b(?:goodbye|goodbyes|adios|farewell)\b", first_words=("adios*", "farewell*", "goodbye*")),
        Pattern(r"\b(?:thank|thanks|thank you) (?:\w+ ){0,6}(?:for everything|for all you did|for all youve done|for trying|for all your help|for being (?:so )?(?:kind|nice|good to me)|for all of it|por todo)\b", first_words=("thank", "thanks")),
        Pattern(r"\b(?:wont|will not) (?:be back|be coming back|be needing|need) ?(?:it|them|any more \w+|anymore|again)?\b", first_words=("will", "wont")),
        Pattern(r"\btell \w+ (?:\w+ ){0,6}thank you\b", first_words=("tell",)),
        Pattern(r"\b(?:she|he|they|you) (?:was|were) always (?:so )?(?:nice|kind|good) to me\b|\byou were all (?:kind|good|nice)\b", first_words=("he", "she", "they", "you")),
        Pattern(r"\b(?:if anything happens|when the time comes)\b", first_words=("if", "when")),
        Pattern(r"\b(?:new home for my|take (?:care of )?my (?:dog|cat|pets?|kids))\b", first_words=("new", "take")),
        Pattern(r"\b(?:set it all up|all set up|sorted everything out|got everything in order)\b", first_words=("all", "got", "set", "sorted")),
        Pattern(r"\b(?:updated|wrote|made|finished) (?:my|a) will\b|\bpasswords\b|\blife insurance\b|\bgave away my\b|\bi love you all\b|\bjust wanted someone to know\b", first_words=("finished", "gave", "i", "just", "life", "made", "updated", "wrote", "passwords*")),
        Pattern(r"\b(?:hice|tengo hecho|ya hice) (?:mi|el) (?:testamento|will)\b|\b(?:deje|dejo) (?:todo|mis papeles) (?:arreglado|en orden|listo)s?\b", first_words=("deje", "dejo", "hice", "tengo", "ya")),
        Pattern(r"\b(?:le di|le regale|les di|les regale) (?:a )?mis? (?:perro|perrita|perrito|gato|gata|dog|cat|cosas|anillo|reloj)\b|\bgave (?:me|away|him|her) (?:his|her|their|my) (?:watch|ring|guitar|dog|cat|things|stuff|tools|belongings)\b", first_words=("gave", "le", "les")),
        Pattern(r"\b(?:its|it has|it was|has been) (?:been )?(?:good|nice|great) knowing (?:you|u)\b|\b(?:fue|ha sido) un (?:gusto|placer) (?:conocerte|conocerlos|conocerlas|conocerlas)\b", first_words=("fue", "ha", "has", "it", "its")),
        Pattern(r"\bcleaned out (?:his|her|their|my) (?:locker|desk|room|office|closet)\b|\bvacio su (?:locker|escritorio|cuarto)\b", first_words=("cleaned", "vacio")),
        Pattern(r"\b(?:feel|feeling|felt) (?:so )?(?:calm|at peace|peaceful|relieved) (?:for the first time|now|finally|about it)\b|\bat peace\b", first_words=("at", "feel", "feeling", "felt")),
    ],
    "exhaustion": [
        Pattern(r"\b(?:im|i am|so|just) (?:so )?(?:tired|exhausted|done)(?: \||$)|\bim done\b|\bnothing (?:works|helps|has helped|worked)\b|\b(?:cant|cannot) do this\b|\bno hope\b|\bhad enough\b|\bdone fighting\b|\bgive up\b", first_words=("cannot", "cant", "done", "give", "had", "i", "im", "just", "no", "nothing", "so")),
        Pattern(r"\b(?:felt|feeling|feel) like (?:this|that) (?:again|before)\b|\b(?:ended up|was) in (?:the )?(?:icu|er|hospital|emergency)\b|\bwith all of it\b|\bwith being alive\b", first_words=("ended", "feel", "feeling", "felt", "was", "with")),
    ],
    "apology": [
        Pattern(r"(?:^|\| )(?:im sorry|sorry for everything|im so sorry|forgive me|sorry)(?: \||$)", first_words=("forgive", "im", "sorry", "|", "sorry*"))
    ],
    "medication": [Pattern(r"\b" + PILLS + r"\b", first_words=PILL_WORDS)],
    "means": [
        Pattern(r"\b(?:rope|noose|gun|guns|rifle|pistol|firearm|shotgun|trigger lock|razor blades|bridge|overpass|parking deck|ledge|cliff|train tracks|the tracks|exhaust|door seals|the garage)\b", first_words=("door", "parking", "razor", "the", "train", "trigger", "bridge*", "cliff*", "exhaust*", "firearm*", "gun*", "ledge*", "noose*", "overpass*", "pistol*", "rifle*", "rope*", "shotgun*")),
        Pattern(r"\b(?:saving|saved|counting|hoarding|stashing|hiding) (?:them|it|those|these)\b|\b(?:lined up|counted out|laid out)\b", first_words=("counted", "counting", "hiding", "hoarding", "laid", "lined", "saved", "saving", "stashing")),
    ],
    "intent": [
        Pattern(r"\b(?:know what (?:its|it is|they are|theyre) for|look at it|to look|the nerve|when im ready|im ready|its time|figuring out|figured out|havent (?:turned it on|done it|used it) yet|how and when)\b", first_words=("figured", "figuring", "havent", "how", "im", "its", "know", "look", "the", "to", "when")),
        Pattern(r"\b(?:ive decided|i have decided|decided to|going to do it|gonna do it|do it (?:this weekend|tonight|tomorrow|soon|friday|saturday|sunday))\b", first_words=("decided", "do", "going", "gonna", "i", "ive")),
        Pattern(r"\bwhen my (?:husband|wife|partner|family|kids|parents|roommate) (?:is|are) (?:at|out|away|gone)\b", first_words=("when",)),
    ],
}
# fmt: on
# Combinations that count: a means with a plan or a state of mind; a farewell with exhaustion
# or intent.
URGENT_COMBINATIONS = (
    ({"means", "intent"}, C.PLAN_MEANS_INTENT),
    ({"means", "finality"}, C.PLAN_MEANS_INTENT),
    ({"finality", "exhaustion"}, C.FAREWELL_BURDEN),
    ({"finality", "intent"}, C.FAREWELL_BURDEN),
    ({"finality", "apology"}, C.FAREWELL_BURDEN),
    ({"means", "exhaustion"}, C.PLAN_MEANS_INTENT),
    ({"means", "medication"}, C.OVERDOSE),
)
INTENT_ALONE = 2  # two different signs of a decided plan
FINALITY_ALONE = 3  # three different farewell signs and no practical reason
PRACTICAL_REASON = (
    r"\b(?:moving|move|moved|relocat\w+|new (?:doctor|clinic|provider|job|city|state|insurance)|"
    r"vacation|holiday|trip|travel\w*|retir\w+|insurance|transfer\w*|switching|switch|"
    r"graduat\w+|college|university|deployment|deployed|pregnan\w+|surgery|procedure|refill|"
    r"prescription|appointment on|see you|next visit|reschedul\w+|out of state)\b"
)
