"""Target-sentiment features (layer 4): what the target model reads around an actor mention.

    sf = sentence_features(sentence, masker)            # once per sentence
    f = mention_features(sf, start, end, window)        # per mention: a dict name -> value

Every name in the mask vocabulary (masking.py) is replaced by one placeholder before any feature
is computed, so no feature can name a country or an actor. Window features come from per-token
VADER lexicon values computed once per sentence (VADER's lexicon via vader.analyzer(), with its
negation, booster, capitals and "but" conventions approximated per token): there is no call to
polarity_scores per window. check_features() proves a feature list names no vocabulary term.
"""
from __future__ import annotations

import math

from vaderSentiment.vaderSentiment import BOOSTER_DICT, C_INCR, N_SCALAR, NEGATE

from .masking import TOK, merge_spans, norm_token, stem, tokenize
from .vader import analyzer

#: Version of the feature definitions; a model trained on other features is refused.
FEATURE_VERSION = "masked-context-1"
#: In features masked names read ENT, lower-case spellings of vocabulary names that are not
#: names (us, may, turkey) read HOM, the target TGT.
ENT, HOM, TGT = "<ent>", "<hom>", "<t>"
DEFAULT_WINDOW = 8

#: Feature groups a model may use (stored in its JSON as "groups").
ALL_GROUPS = ("bow", "win", "bigram", "trigram", "lex", "position", "clause", "clause_words",
              "governor", "negscope", "stem", "compound")
DEFAULT_GROUPS = ("bow", "win", "bigram", "lex", "position", "clause", "governor", "negscope", "trigram", "stem")

_NEG_WORDS = frozenset(NEGATE) | {"no"}
_BOOST = {k: v for k, v in BOOSTER_DICT.items() if " " not in k}
_CLAUSE_PUNCT = frozenset(",;:()[]{}\"“”—–")
_CLAUSE_WORDS = frozenset("but while although though whereas because which who whom whose "
                          "however yet unless whereby".split())
_QUOTE_STRAIGHT = '"'
# function words skipped when looking for the word that governs a mention
_AUX = frozenset("is are was were be been being am 's has have had having will would shall "
                 "should can could may might must do does did also just already still now then "
                 "reportedly allegedly apparently recently previously later once again even only "
                 "repeatedly publicly privately never not n't soon first last ever".split())
_DET = frozenset("the a an this that these those his her their its our your my some any every "
                 "all both each many several".split())
_PREP = frozenset("of to for against with by on at from about toward towards over in into under "
                  "behind between among like than as upon onto through without within".split())
_REPORT = frozenset("said say says saying told tell tells wrote writes added adds argued argues claimed "
                    "claims noted notes stated states insisted insists tweeted tweets asked asks "
                    "explained explains suggested suggests declared declares announced announces "
                    "replied replies responded responds testified testifies acknowledged admitted "
                    "conceded contended maintained recalled reported confirmed denied".split())
_PRONOUNS = frozenset("he him his himself she her hers herself they them their theirs themselves "
                      "it its itself we us our ours ourselves i me my mine myself you your yours "
                      "yourself yourselves".split())


def _lexicon():
    """VADER's lexicon (the workbook's one analyzer)."""
    return analyzer().lexicon


# --- per-sentence features ----------------------------------------------------------------------
class SentenceFeatures:
    """Everything about one sentence that its mentions share (see sentence_features)."""
    __slots__ = ("text", "norm", "low", "start", "end", "word", "mask", "val", "clause", "negscope",
                 "inquote", "cum", "word_ord", "lexed", "sent", "compound", "n_words")


def _negated(w):
    return w in _NEG_WORDS or "n't" in w


def _valences(norm, raw, word_idx, masked, lex):
    """VADER's per-word valence (SentimentIntensityAnalyzer.sentiment_valence) for each word
    token: lexicon value, "no" handling, capitals, boosters and negation in the three preceding
    words, "least". Masked tokens and booster words are 0. Not idioms (VADER's own list is
    five phrases of slang)."""
    words = [norm[i] for i in word_idx]
    out = [0.0] * len(words)
    cand = [j for j, w in enumerate(words) if w in lex]
    if not cand:
        return out
    raws = [raw[i] for i in word_idx]
    n_up = sum(1 for r in raws if r.isupper())
    cap_diff = 0 < n_up < len(raws)
    for j in cand:
        w = words[j]
        if masked[word_idx[j]] or w in _BOOST:
            continue
        if w == "kind" and j + 1 < len(words) and words[j + 1] == "of":
            continue
        v = lex[w]
        if w == "no" and j + 1 < len(words) and words[j + 1] in lex:
            v = 0.0
        if (j > 0 and words[j - 1] == "no") or (j > 1 and words[j - 2] == "no") or \
                (j > 2 and words[j - 3] == "no" and words[j - 1] in ("or", "nor")):
            v = lex[w] * N_SCALAR
        if cap_diff and raws[j].isupper():
            v = v + C_INCR if v > 0 else v - C_INCR
        for s in range(3):
            if j > s and words[j - s - 1] not in lex:
                p = words[j - s - 1]
                b = _BOOST.get(p, 0.0)
                if b:
                    b = -b if v < 0 else b
                    if cap_diff and raws[j - s - 1].isupper():
                        b = b + C_INCR if v > 0 else b - C_INCR
                    b *= (1.0, 0.95, 0.9)[s]
                v += b
                if s == 0:
                    if _negated(p):
                        v *= N_SCALAR
                elif s == 1:
                    if p == "never" and words[j - 1] in ("so", "this"):
                        v *= 1.25
                    elif p == "without" and words[j - 1] == "doubt":
                        pass
                    elif _negated(p):
                        v *= N_SCALAR
                else:
                    if (p == "never" and words[j - 2] in ("so", "this")) or words[j - 1] in ("so", "this"):
                        v *= 1.25
                    elif p == "without" and (words[j - 2] == "doubt" or words[j - 1] == "doubt"):
                        pass
                    elif _negated(p):
                        v *= N_SCALAR
        if j > 0 and words[j - 1] == "least" and words[j - 1] not in lex:
            if j == 1 or words[j - 2] not in ("at", "very"):
                v *= N_SCALAR
        out[j] = v
    return out


def _normalize(x, alpha=15.0):
    return x / math.sqrt(x * x + alpha)


def sentence_features(sentence, masker=None, extra_spans=(), compound=None):
    """Features of one sentence shared by all its mentions, computed once.

    ``masker``: a Masker (None masks nothing but ``extra_spans``). ``extra_spans``: further
    (start, end) character spans to mask (e.g. annotated entity mentions); spans overlapping a
    term are merged with it. ``compound``: the sentence's own VADER compound, computed by the
    caller on the unmasked sentence (analyzer.polarity_scores(sentence)["compound"]), or None.

    Holds: the tokens (normalised: lower case, masked names as ENT, homographs as HOM) with their
    offsets in ``sentence``, per-token VADER valence, clause index, negation scope, inside-quote
    flags, prefix sums of valences, and the masked sentence's VADER-style summary.
    """
    toks = [(m.group(), m.start(), m.end()) for m in TOK.finditer(sentence)]
    if masker is not None:
        spans, hom = masker.scan(sentence, toks)
    else:
        spans, hom = [], []
    if extra_spans:
        spans = merge_spans(spans + [tuple(x) for x in extra_spans])
        hom = [(a, b) for a, b in hom if not any(x < b and a < y for x, y in spans)]
    if not spans and not hom:
        raw = [t for t, _, _ in toks]
        st = [x for _, x, _ in toks]
        en = [y for _, _, y in toks]
        norm = [t.lower().replace("’", "'") for t in raw]
        low = list(norm)
        msk = [False] * len(norm)
    else:
        marks = sorted([(a, b, ENT) for a, b in spans] + [(a, b, HOM) for a, b in hom])
        nt, ptr = len(toks), [0]
        out, where = [], []

        def segment(lo, hi):
            # the text between marks: the sentence's own tokens, or re-tokenised where a mark
            # cuts a token (the same tokens as tokenising the segment alone)
            j = ptr[0]
            while j < nt and toks[j][2] <= lo:
                j += 1
            k = j
            while k < nt and toks[k][2] <= hi:
                k += 1
            if (j < nt and toks[j][1] < lo) or (k < nt and toks[k][1] < hi):
                out.extend([(m.group(), m.start(), m.end()) for m in TOK.finditer(sentence, lo, hi)])
            else:
                out.extend(toks[j:k])
            ptr[0] = k
        last = 0
        for a, b, kind in marks:
            segment(last, a)
            where.append((len(out), kind))
            out.append((sentence[a:b], a, b))
            last = b
        segment(last, len(sentence))
        raw = [t for t, _, _ in out]
        st = [x for _, x, _ in out]
        en = [y for _, _, y in out]
        norm = [t.lower().replace("’", "'") for t in raw]
        low = list(norm)
        msk = [False] * len(out)
        for i, kind in where:
            # a mark: features read the placeholder; structure (clauses, negation, governors)
            # and valence read a homograph as the word it is (who, us), a masked name as ENT
            norm[i] = kind
            low[i] = kind if kind == ENT else " ".join(raw[i].split()).lower().replace("’", "'")
            msk[i] = kind == ENT
    n = len(norm)
    is_word = [x in (ENT, HOM) or x[0].isalnum() or x[1:2].isalnum() for x in norm]
    word_idx = [i for i in range(n) if is_word[i]]
    lex = _lexicon()
    wv = _valences(low, raw, word_idx, msk, lex)
    val = [0.0] * n
    for j, i in enumerate(word_idx):
        val[i] = wv[j]
    # one pass over the tokens: clause index (a boundary token opens a new clause), negation
    # scope (after a negator, to the end of its clause or the next punctuation), inside
    # quotation marks (odd straight quotes or more opened than closed before the token),
    # prefix sums of valence, VADER's pos and neg parts (|v| + 1) and neutral words, and the
    # word ordinal of each token (punctuation: of the next word)
    clause, negscope, inq = [0] * n, [False] * n, [False] * n
    c0, c1, c2, c3 = [0.0] * (n + 1), [0.0] * (n + 1), [0.0] * (n + 1), [0.0] * (n + 1)
    word_ord = [0] * (n + 1)
    c = k = q = o = cl = 0
    on = False
    s0 = s1 = s2 = s3 = 0.0
    for i in range(n):
        x = low[i]
        isw = is_word[i]
        bound = x in _CLAUSE_WORDS
        if bound or x in _CLAUSE_PUNCT or (x == "-" and i + 1 < n and low[i + 1] == "-"):
            c += 1
        clause[i] = c
        if not isw or bound:
            on = False
        negscope[i] = on
        if isw and not msk[i] and (x in _NEG_WORDS or "n't" in x):
            on = True
        inq[i] = (q % 2 == 1) or (o > cl)
        if x == _QUOTE_STRAIGHT:
            q += 1
        elif x == "“":
            o += 1
        elif x == "”":
            cl += 1
        v = val[i]
        if v:
            s0 += v
            if v > 0:
                s1 += v + 1.0
            else:
                s2 += -v + 1.0
        elif isw:
            s0 += v
            s3 += 1.0
        j = i + 1
        c0[j], c1[j], c2[j], c3[j] = s0, s1, s2, s3
        word_ord[i] = k
        if isw:
            k += 1
    word_ord[n] = k
    lexed = [i for i in range(n) if val[i]]
    # the masked sentence as VADER would summarise it: "but" halves what precedes it and
    # raises what follows by half; ! and ? emphasis
    bi = -1
    for i in word_idx:
        if low[i] == "but":
            bi = i
            break
    tot_s = pos = neg = neu = 0.0
    for i in word_idx:
        v = val[i]
        if bi >= 0:
            v = v * 0.5 if i < bi else v * 1.5 if i > bi else v
        tot_s += v
        if v > 0:
            pos += v + 1
        elif v < 0:
            neg += -v + 1
        else:
            neu += 1
    emph = min(sentence.count("!"), 4) * 0.292
    qm = sentence.count("?")
    emph += (qm * 0.18 if qm <= 3 else 0.96) if qm > 1 else 0.0
    if tot_s > 0:
        tot_s += emph
    elif tot_s < 0:
        tot_s -= emph
    if pos > neg:
        pos += emph
    elif pos < neg:
        neg += emph
    tot = pos + neg + neu
    sf = SentenceFeatures()
    sf.text, sf.norm, sf.low, sf.start, sf.end, sf.word, sf.mask = sentence, norm, low, st, en, is_word, msk
    sf.val, sf.clause, sf.negscope, sf.inquote, sf.cum = val, clause, negscope, inq, (c0, c1, c2, c3)
    sf.word_ord, sf.lexed = word_ord, lexed
    sf.sent = (_normalize(tot_s) if word_idx else 0.0, pos / tot if tot else 0.0, neg / tot if tot else 0.0)
    sf.compound = compound
    sf.n_words = len(word_idx)
    return sf


def _agg(cum, a, b):
    """(compound-like, pos share, neg share) of tokens a..b-1 from the prefix sums."""
    if b <= a:
        return 0.0, 0.0, 0.0
    c0, c1, c2, c3 = cum
    d1, d2 = c1[b] - c1[a], c2[b] - c2[a]
    tot = d1 + d2 + (c3[b] - c3[a])
    if tot <= 0:
        return 0.0, 0.0, 0.0
    return _normalize(c0[b] - c0[a]), d1 / tot, d2 / tot


def _agg_out(cum, a, b, i0, i1):
    """(compound-like, pos share, neg share) of tokens a..b-1 without the mention's i0..i1-1,
    the mention read as one neutral word."""
    c0, c1, c2, c3 = cum
    d1 = c1[b] - c1[a] - (c1[i1] - c1[i0])
    d2 = c2[b] - c2[a] - (c2[i1] - c2[i0])
    tot = d1 + d2 + (c3[b] - c3[a] - (c3[i1] - c3[i0])) + 1.0
    return _normalize(c0[b] - c0[a] - (c0[i1] - c0[i0])), d1 / tot, d2 / tot


def window_valence(sf, start, end, window=DEFAULT_WINDOW):
    """VADER-style compound of the tokens within ``window`` tokens either side of the mention
    sentence[start:end] (the mention included; a masked name has no valence), from the per-token
    valences of sentence_features(): their sum normalised as VADER's compound is, without
    VADER's "but" and !/? emphasis (sentence-level rules). 0.0 when no word is in the window."""
    i0, i1 = _target_tokens(sf, start, end)
    return _agg(sf.cum, max(0, i0 - window), min(len(sf.norm), i1 + window))[0]


_W3, _W5, _W12 = (("v_w%d" % k, "v_w%d_pos" % k, "v_w%d_neg" % k) for k in (3, 5, 12))


def _target_tokens(sf, start, end):
    """(i0, i1): tokens i0..i1-1 overlap [start, end); i0 == i1 when none does."""
    n = len(sf.norm)
    i0 = 0
    while i0 < n and sf.end[i0] <= start:
        i0 += 1
    i1 = i0
    while i1 < n and sf.start[i1] < end:
        i1 += 1
    return i0, i1


def _governors(sf, i0, i1):
    """(after, before, prep, passive, before_index, after_index): the first content word after
    the mention in its clause (its verb when the mention is a subject) skipping auxiliaries and
    adverbs, and the nearest content word before it skipping determiners, with the preposition
    passed (criticism *of* X, attacked X)."""
    n, norm, word, cl = len(sf.norm), sf.low, sf.word, sf.clause
    after = before = prep = None
    passive = False
    ai = bi = -1
    c_after = cl[i1] if i1 < n else -1
    i, be = i1, False
    while i < n and cl[i] == c_after and i < i1 + 6:
        w = norm[i]
        if not word[i]:
            break
        if w in _AUX or (w.endswith("ly") and len(w) > 4):
            be = be or w in ("is", "are", "was", "were", "be", "been", "being")
            i += 1
            continue
        if w == ENT or w in _DET:
            break
        after, ai = sf.norm[i], i
        passive = be and (w.endswith("ed") or w.endswith("en"))
        break
    c_before = cl[i0 - 1] if i0 > 0 else -1
    i = i0 - 1
    while i >= 0 and cl[i] == c_before and i >= i0 - 6:
        w = norm[i]
        if not word[i]:
            break
        if w in _DET or w == "'s" or w == ENT:
            i -= 1
            continue
        if w in _PREP and prep is None:
            prep = sf.norm[i]
            i -= 1
            continue
        if w in _AUX:
            i -= 1
            continue
        before, bi = sf.norm[i], i
        break
    return after, before, prep, passive, bi, ai


def mention_features(sf, start, end, window=DEFAULT_WINDOW, groups=DEFAULT_GROUPS):
    """Features of the mention sentence[start:end] from sentence_features() (a dict name ->
    value). The mention's own tokens are left out; masked names read ENT, the mention TGT.

    Groups: bow (w=: words of the sentence), win (Lw=/Rw=: words within ``window`` tokens),
    bigram / trigram (word pairs / triples around the mention), lex (VADER-style valence of the
    masked sentence, of the left and right windows, of 3/5/12 tokens either side, by distance),
    position, clause (valence of the mention's clause), clause_words (Cw=), governor (the word
    governing the mention: gA= after it, gB= before it, gP= the preposition between, their
    valence), negscope (Nw=: window words in a negation's scope), stem (stems of window and
    governor words), compound (the caller's VADER compound of the unmasked sentence).
    """
    g = set(groups)
    norm, n = sf.norm, len(sf.norm)
    i0, i1 = _target_tokens(sf, start, end)
    f = {}
    nl, nr = i0, n - i1
    if "position" in g:
        f["bias_len"] = min(n, 60) / 60
        f["pos_frac"] = nl / max(1, nl + nr)
        f["t_first"] = float(nl <= 1)
        f["neg_near"] = float(any(sf.word[i] and _negated(sf.low[i])
                                  for i in list(range(max(0, i0 - 3), i0)) + list(range(i1, min(n, i1 + 3)))))
        f["in_quote"] = float(sf.inquote[i0]) if i0 < n else 0.0
        tgt = " ".join(sf.low[i0:i1])
        f["t_pron"] = float(tgt in _PRONOUNS)
        f["t_poss"] = float(i1 < n and sf.low[i1] == "'s")
    if "bow" in g:
        for w in dict.fromkeys(norm[:i0] + norm[i1:]):      # first-occurrence order
            f["w=" + w] = 1.0
    lo, hi = max(0, i0 - window), min(n, i1 + window)
    if "win" in g:
        for i in range(lo, i0):
            f["Lw=" + norm[i]] = 1.0
        for i in range(i1, hi):
            f["Rw=" + norm[i]] = 1.0
    if "stem" in g:
        for i in range(lo, i0):
            f["Ls=" + stem(norm[i])] = 1.0
        for i in range(i1, hi):
            f["Rs=" + stem(norm[i])] = 1.0
    if "bigram" in g or "trigram" in g:
        seq = norm[lo:i0] + [TGT] + norm[i1:hi]
        if "bigram" in g:
            for a, b in zip(seq, seq[1:]):
                f["bg=" + a + "_" + b] = 1.0
        if "trigram" in g:
            k = i0 - lo
            for j in range(max(0, k - 2), min(len(seq) - 2, k + 1)):
                f["tg=" + "_".join(seq[j:j + 3])] = 1.0
    if "lex" in g:
        cum, val = sf.cum, sf.val
        f["v_sent"], f["v_sent_pos"], f["v_sent_neg"] = sf.sent
        f["v_left"] = _agg(cum, lo, i0)[0]
        f["v_right"] = _agg(cum, i1, hi)[0]
        for k, names in ((3, _W3), (5, _W5), (12, _W12)):
            f[names[0]], f[names[1]], f[names[2]] = _agg_out(cum, max(0, i0 - k), min(n, i1 + k), i0, i1)
        # lexicon words by side and distance in words (nearest first on each side)
        acc = 0.0
        wo, lexed = sf.word_ord, sf.lexed
        left = [i for i in lexed if i < i0]
        right = [i for i in lexed if i >= i1]
        for side, idx in (("L", reversed(left)), ("R", right)):
            for i in idx:
                d = wo[i0] - wo[i] if side == "L" else wo[i] - wo[i1] + 1
                s = val[i]
                acc += s / d
                band = "1" if d <= 2 else "2" if d <= 5 else "3" if d <= window else "4"
                key = "lex" + side + band + ("p" if s > 0 else "n")
                f[key] = f.get(key, 0.0) + abs(s) / 4
        f["v_dist"] = acc / 4
    if "clause" in g or "clause_words" in g:
        c = sf.clause[i0] if i0 < n else (sf.clause[-1] if n else 0)
        a = i0
        while a > 0 and sf.clause[a - 1] == c:
            a -= 1
        b = i1
        while b < n and sf.clause[b] == c:
            b += 1
        if "clause" in g:
            f["v_cl"], f["v_cl_pos"], f["v_cl_neg"] = _agg_out(sf.cum, a, b, i0, i1)
            f["cl_first"] = float(a == i0 or all(sf.low[i] in _DET or not sf.word[i] or sf.low[i] in _CLAUSE_WORDS
                                                 for i in range(a, i0)))
            f["cl_share"] = (b - a) / max(1, n)
            neg_in = any(sf.negscope[i] for i in range(a, b))
            f["cl_neg"] = float(neg_in)
            # valence outside the mention's clause (what the rest of the sentence says)
            c0 = sf.cum[0]
            f["v_outside"] = _normalize(c0[n] - c0[0] - (c0[b] - c0[a]))
        if "clause_words" in g:
            for i in range(a, b):
                if i < i0 or i >= i1:
                    f["Cw=" + norm[i]] = 1.0
    if "governor" in g:
        after, before, prep, passive, bi, ai = _governors(sf, i0, i1)
        if after is not None:
            f["gA=" + after] = 1.0
            f["gA_v"] = sf.val[ai] / 4
            f["gA_v_pass" if passive else "gA_v_act"] = sf.val[ai] / 4
            if passive:
                f["gA_pass"] = 1.0
            if sf.low[ai] in _REPORT:
                # the mention is the speaker: what it says is not what is said of it
                f["rep"] = 1.0
                f["rep_v_rest"] = _normalize(sf.cum[0][n] - sf.cum[0][ai + 1])
            if "stem" in g:
                f["gAs=" + stem(after)] = 1.0
        if before is not None:
            f["gB=" + before] = 1.0
            f["gB_v"] = sf.val[bi] / 4
            if prep is not None:
                f["gBp=" + before + "_" + prep] = 1.0
            if "stem" in g:
                f["gBs=" + stem(before)] = 1.0
        if prep is not None:
            f["gP=" + prep] = 1.0
            if prep == "by" and after is None:
                f["gP_agent"] = 1.0
    if "negscope" in g:
        for i in list(range(lo, i0)) + list(range(i1, hi)):
            if sf.negscope[i]:
                f["Nw=" + norm[i]] = 1.0
                if sf.val[i]:
                    f["neg_lex"] = f.get("neg_lex", 0.0) + sf.val[i] / 4
    if "compound" in g:
        f["v_vader"] = float(sf.compound) if sf.compound is not None else f.get("v_sent", 0.0)
    return f


# --- checking a feature list ---------------------------------------------------------------------
def feature_parts(name):
    """The word parts of a feature name: the value after '=' split at '_' (bigrams join words
    with '_', and tokens never contain one), or the dense name split at '_'."""
    val = name.split("=", 1)[1] if "=" in name else name
    return [p for p in val.split("_") if p]


def check_features(names, terms):
    """Raise ValueError naming every feature whose word parts (lower case) spell a vocabulary
    term: a single part equal to a one-token term, or consecutive parts equal to a multi-token
    term (tokenised as features tokenise text)."""
    seqs = set()
    for t in terms:
        toks = tuple(norm_token(x) for x, _, _ in tokenize(t))
        if toks:
            seqs.add(toks)
        seqs.add((t.lower(),))
    lens = sorted({len(s) for s in seqs})
    bad = []
    for name in names:
        parts = [p.lower() for p in feature_parts(name)]
        hit = None
        for L in lens:
            if L > len(parts):
                break
            for j in range(len(parts) - L + 1):
                if tuple(parts[j:j + L]) in seqs:
                    hit = " ".join(parts[j:j + L])
                    break
            if hit:
                break
        if hit:
            bad.append(f"{name} ({hit})")
    if bad:
        raise ValueError(f"{len(bad)} feature(s) name a masked term: " + ", ".join(sorted(bad)[:50]))
    return True

