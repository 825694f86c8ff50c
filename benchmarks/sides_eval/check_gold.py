#!/usr/bin/env python3
"""Check the held-out side-accuracy set (sides_eval) for internal consistency.

Run from anywhere:  python3 check_gold.py [--actors-dir /work/main/data]

Checks (errors make the exit status 1):
  * manifest.csv, gold.csv and not_quotes.csv have the documented columns; every article exists,
    is UTF-8, and has 300-800 words;
  * every gold quote occurs verbatim in its article, exactly once (or the note names which
    occurrence: "occurrence N");
  * the quote is bounded by quotation marks (or is a transcript line after "LABEL: ", or the
    remainder of a paragraph for a multi-paragraph quote) -- reported as a warning otherwise;
  * side is one of china, russia, ukraine, west, other, unknown; evidence_kind is one of
    actors, descriptor, context, corpus, none; side=unknown <=> evidence_kind=none;
  * evidence_text occurs verbatim in the same article (kinds actors/descriptor/context) or in
    another article of the set and not in this one (kind corpus); the speaker's name also occurs
    in that other article;
  * speakers who are not evidence_kind=actors do not appear as an alias in the project's
    actors.csv / polnear_actors.csv (invented names);
  * every quoted span found in the articles is either a gold quote or listed in not_quotes.csv
    (a completeness check done with a simple mark pairing, independent of the project's code).
Then prints counts by side, evidence kind, article, house style and quote-mark style.
"""
import argparse
import collections
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SIDES = {"china", "russia", "ukraine", "west", "other", "unknown"}
KINDS = {"actors", "descriptor", "context", "corpus", "none"}
OPEN = "“\"‘'”"          # marks that may open a quote (” is used backwards by some sites)
CLOSE = "”\"’'"
STYLE = {  # house style of each article, see README.md
    "se01_wire_kyiv": "a Reuters-like wire", "se02_xinhua_briefing": "c Xinhua-like state media",
    "se03_kyiv_outlet_rada": "e Ukrainian outlet", "se04_tass_mfa": "d TASS-like state media",
    "se05_afp_moscow": "b AFP-like wire", "se06_broadcaster_kyiv": "f broadcaster",
    "se07_wire_un": "a Reuters-like wire", "se08_euro_analysis": "g European analysis",
    "se09_transcript_beijing": "h transcript-heavy briefing",
}

errors, warnings = [], []


def err(msg):
    errors.append(msg)


def warn(msg):
    warnings.append(msg)


def read_csv(name, columns):
    path = os.path.join(HERE, name)
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            err(f"{name}: columns {reader.fieldnames} != {columns}")
        return list(reader)


def load_aliases(actors_dir):
    aliases = set()
    for name in ("actors.csv", "polnear_actors.csv"):
        path = os.path.join(actors_dir, name)
        if not os.path.exists(path):
            warn(f"{path} not found: invented-name check skipped for it")
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                aliases.add(row["alias"].strip().lower())
                aliases.add(row["actor"].strip().lower())
    return aliases


def looks_like_name(speaker):
    first = speaker.split()[0].lower() if speaker.split() else ""
    if first in {"a", "an", "the", "one", "its", "his", "her", "their"}:
        return False
    if "'s" in speaker or "’s" in speaker:
        return False
    return all(w[:1].isupper() for w in speaker.replace("-", " ").split())


def quoted_spans(text):
    """Quoted spans per paragraph by simple pairing (for the completeness check only)."""
    spans = []
    for para in text.split("\n\n"):
        for m in re.finditer(r"“([^“”]*)(”|$)", para):
            spans.append(m.group(1))
        for line in para.split("\n"):
            parts = line.split('"')
            for i in range(1, len(parts), 2):
                spans.append(parts[i])
        for m in re.finditer(r"(?:(?<=^)|(?<=[\s(“—-]))‘(.+?)’(?=[\s.,;:!?”)—-]|$)", para):
            spans.append(m.group(1))
    return [s.strip().rstrip(",;:").strip() for s in spans if s.strip()]


def bounded(text, quote, start):
    before = text[:start].rstrip(" ")
    after = text[start + len(quote):]
    after_stripped = after.lstrip(",;:")
    opened = bool(before) and before[-1] in OPEN
    transcript = bool(re.search(r"^[A-Z][^\n]*?:$", before.split("\n")[-1])) if before else False
    para_start = before == "" or before.endswith("\n")
    closed = after_stripped[:1] in CLOSE
    para_end = after.startswith("\n") or after == ""
    return (opened or transcript or para_start) and (closed or para_end)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--actors-dir", default="/work/main/data")
    args = ap.parse_args()

    manifest = read_csv("manifest.csv", ["doc_id", "file", "outlet", "label", "outlet_country",
                                         "wire", "headline", "published", "evidence"])
    gold = read_csv("gold.csv", ["doc_id", "quote", "speaker", "side", "evidence_kind",
                                 "evidence_text", "note"])
    notq = read_csv("not_quotes.csv", ["doc_id", "text", "why"])
    aliases = load_aliases(args.actors_dir)

    texts = {}
    for row in manifest:
        path = os.path.join(HERE, row["file"])
        try:
            with open(path, encoding="utf-8") as f:
                texts[row["doc_id"]] = f.read()
        except (OSError, UnicodeDecodeError) as e:
            err(f"{row['doc_id']}: cannot read {path}: {e}")
            continue
        n = len(texts[row["doc_id"]].split())
        if not 300 <= n <= 800:
            err(f"{row['doc_id']}: {n} words, outside 300-800")
        head = texts[row["doc_id"]].split("\n", 1)[0].strip()
        if head != row["headline"]:
            warn(f"{row['doc_id']}: headline in manifest differs from the first line")

    for i, g in enumerate(gold, start=2):
        where = f"gold.csv line {i} ({g['doc_id']})"
        text = texts.get(g["doc_id"])
        if text is None:
            err(f"{where}: unknown doc_id")
            continue
        q = g["quote"]
        if q != q.strip() or q.rstrip(",;:") != q:
            err(f"{where}: quote has outer spaces or a trailing , ; :")
        n = text.count(q)
        if n == 0:
            err(f"{where}: quote not found verbatim: {q[:60]!r}")
            continue
        if n > 1 and "occurrence" not in g["note"]:
            err(f"{where}: quote occurs {n} times and the note does not say which occurrence")
        if not bounded(text, q, text.find(q)):
            warn(f"{where}: quote not bounded by quotation marks / transcript label: {q[:50]!r}")
        if g["side"] not in SIDES:
            err(f"{where}: bad side {g['side']!r}")
        if g["evidence_kind"] not in KINDS:
            err(f"{where}: bad evidence_kind {g['evidence_kind']!r}")
        if (g["side"] == "unknown") != (g["evidence_kind"] == "none"):
            err(f"{where}: side unknown must go with evidence_kind none (and only then)")
        ev = g["evidence_text"]
        if g["evidence_kind"] == "none":
            if ev:
                err(f"{where}: evidence_text given for evidence_kind none")
        elif not ev:
            err(f"{where}: evidence_text missing")
        elif g["evidence_kind"] == "corpus":
            if ev in text:
                err(f"{where}: corpus evidence {ev!r} occurs in this article (should be context/descriptor)")
            others = [d for d, t in texts.items() if d != g["doc_id"] and ev in t and g["speaker"] in t]
            if not others:
                err(f"{where}: corpus evidence {ev!r} + speaker not found together in another article")
            elif all(d > g["doc_id"] for d in others):
                warn(f"{where}: speaker introduced only in a later article ({others})")
        elif ev not in text:
            err(f"{where}: evidence_text not in the article: {ev!r}")
        if g["evidence_kind"] != "actors" and looks_like_name(g["speaker"]):
            toks = g["speaker"].lower().split()
            hits = [a for a in (g["speaker"].lower(), toks[-1], toks[0]) if a in aliases]
            if hits:
                err(f"{where}: speaker {g['speaker']!r} matches an alias in the actor tables: {hits}")

    gold_by_doc = collections.defaultdict(set)
    for g in gold:
        gold_by_doc[g["doc_id"]].add(g["quote"])
    for r in notq:
        if r["doc_id"] not in texts or r["text"] not in texts[r["doc_id"]]:
            err(f"not_quotes.csv: {r['doc_id']} {r['text']!r} not found")
        gold_by_doc[r["doc_id"]].add(r["text"])
    for d, t in texts.items():
        for s in quoted_spans(t):
            if not any(s == g or s in g or g in s for g in gold_by_doc[d]):
                warn(f"{d}: quoted span in the article is neither gold nor not_quotes: {s[:60]!r}")

    # counts
    def mark_style(g):
        t = texts.get(g["doc_id"], "")
        i = t.find(g["quote"])
        b = t[:i].rstrip(" ")[-1:] if i > 0 else ""
        if b == "“":
            return "curly"
        if b == '"':
            return "straight"
        if b == ":":
            return "transcript line"
        return "no opening mark (paragraph continuation)"

    print(f"articles: {len(texts)}  words: {sum(len(t.split()) for t in texts.values())}")
    print(f"gold quotes: {len(gold)}  (not_quotes: {len(notq)})")
    for title, key in (("side", lambda g: g["side"]), ("evidence_kind", lambda g: g["evidence_kind"]),
                       ("article", lambda g: g["doc_id"]), ("house style", lambda g: STYLE.get(g["doc_id"], "?")),
                       ("quote marks", mark_style),
                       ("speaker type", lambda g: "listed leader (actors)" if g["evidence_kind"] == "actors"
                        else "invented person/office")):
        c = collections.Counter(key(g) for g in gold)
        print(f"\nby {title}:")
        for k, v in sorted(c.items()):
            print(f"  {k:45s} {v}")
    xt = collections.Counter((g["side"], g["evidence_kind"]) for g in gold)
    print("\nside x evidence_kind:")
    kinds = sorted(KINDS)
    print("  " + " " * 9 + "".join(f"{k:>11s}" for k in kinds))
    for s in sorted(SIDES):
        print(f"  {s:9s}" + "".join(f"{xt[(s, k)]:>11d}" for k in kinds))

    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"\n{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
