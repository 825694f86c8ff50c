#!/usr/bin/env python3
"""Check the held-out speaker-attribution set (speaker_eval) for internal consistency.

Run from anywhere:  python3 check_gold.py [--actors-dir /work/main/data]

Checks (errors make the exit status 1):
  * manifest.csv and gold.csv have the documented columns; every article exists, is UTF-8 and
    has 400-900 words (HTML tags not counted);
  * every gold quote occurs verbatim in its article exactly once, or the note says which
    occurrence ("occurrence N") and the number of rows for that text equals its occurrences;
  * the quote is bounded by quotation marks, a transcript label ("NAME: ", "Q: ", "A: "), an
    HTML attribute's marks, or the end of a paragraph / a closing tag (unclosed quotes) --
    reported as a warning otherwise;
  * is_quote is yes/no; yes rows have a speaker, no rows have speaker "";
  * kind_tag is one or more (";"-separated) tags from the documented vocabulary;
  * named speakers do not appear as an alias in the project's actors.csv / polnear_actors.csv;
  * every quoted span in the articles is covered by a gold row (simple mark pairing, independent
    of the project's code).
Then prints counts by is_quote, kind_tag, speaker and article.
"""
import argparse
import collections
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
KINDS = {
    "scare_phrase_attributed", "non_person_head", "party_state_label", "title_not_quote", "markup",
    "backwards_mark", "mixed_marks", "nested_quote", "unclosed_continuing", "never_closed",
    "transcript_line", "qa_interview", "pronoun_speaker", "according_to",
    "next_sentence_attribution", "scare_quote_no_speaker", "label_no_speaker", "split_quote", "plain",
}
OPEN = "“\"‘'”"
CLOSE = "”\"’'"
errors, warnings = [], []


def read_csv(name, columns):
    with open(os.path.join(HERE, name), encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != columns:
            errors.append(f"{name}: columns {reader.fieldnames} != {columns}")
        return list(reader)


def load_aliases(actors_dir):
    aliases = set()
    for name in ("actors.csv", "polnear_actors.csv"):
        path = os.path.join(actors_dir, name)
        if not os.path.exists(path):
            warnings.append(f"{path} not found: invented-name check skipped for it")
            continue
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                aliases.add(row["alias"].strip().lower())
                aliases.add(row["actor"].strip().lower())
    return aliases


def bounded(text, quote, start):
    before = text[:start]
    after = text[start + len(quote):]
    b = before.rstrip(" ")
    last_line = b.split("\n")[-1]
    opened = (b[-1:] in OPEN) or bool(re.search(r"^([A-Z][A-Z .'-]*|[A-Z][^:\n]*\)|Q|A):$", last_line))
    opened = opened or b.endswith("\n") or b == ""
    a = after.lstrip(",;:")
    closed = a[:1] in CLOSE or after[:1] in ("\n", "<") or after == ""
    return opened and closed


def quoted_spans(text):
    """Double-quoted spans by a left-to-right scan per paragraph (any of “ ” " opens, ” or "
    closes, an unclosed span runs to the paragraph end or the next tag), plus ‘single’ spans."""
    spans = []
    for para in text.split("\n\n"):
        cur = None
        for ch in para:
            if cur is None:
                if ch in "“”\"":
                    cur = []
            elif ch in "”\"":
                spans.append("".join(cur))
                cur = None
            elif ch == "“":
                cur = []
            else:
                cur.append(ch)
        if cur is not None:
            spans.append("".join(cur).split("<")[0])
        for m in re.finditer(r"(?:(?<=^)|(?<=[\s(“—-]))‘(.+?)’(?=[\s.,;:!?”)—-]|$)", para):
            spans.append(m.group(1))
    return [s.strip().rstrip(",;:").strip() for s in spans if s.strip()]


def covered(text, q, quotes):
    """How many occurrences of q lie inside an occurrence of a longer gold quote of the article."""
    spans = []
    for other in quotes:
        if other != q and q in other:
            i = text.find(other)
            while i >= 0:
                spans.append((i, i + len(other)))
                i = text.find(other, i + 1)
    n, i = 0, text.find(q)
    while i >= 0:
        if any(a <= i and i + len(q) <= b for a, b in spans):
            n += 1
        i = text.find(q, i + 1)
    return n


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--actors-dir", default="/work/main/data")
    args = ap.parse_args()
    manifest = read_csv("manifest.csv", ["doc_id", "file", "outlet", "label", "outlet_country",
                                         "wire", "headline", "published", "evidence"])
    gold = read_csv("gold.csv", ["doc_id", "quote", "speaker", "is_quote", "kind_tag", "note"])
    aliases = load_aliases(args.actors_dir)

    texts = {}
    for row in manifest:
        try:
            with open(os.path.join(HERE, row["file"]), encoding="utf-8") as f:
                texts[row["doc_id"]] = f.read()
        except (OSError, UnicodeDecodeError) as e:
            errors.append(f"{row['doc_id']}: cannot read: {e}")
            continue
        n = len(re.sub(r"<[^>]+>", " ", texts[row["doc_id"]]).split())
        if not 400 <= n <= 900:
            errors.append(f"{row['doc_id']}: {n} words, outside 400-900")

    rows_per_text = collections.Counter((g["doc_id"], g["quote"]) for g in gold)
    by_doc_all = collections.defaultdict(set)
    for g in gold:
        by_doc_all[g["doc_id"]].add(g["quote"])
    for i, g in enumerate(gold, start=2):
        where = f"gold.csv line {i} ({g['doc_id']})"
        text = texts.get(g["doc_id"])
        if text is None:
            errors.append(f"{where}: unknown doc_id")
            continue
        q = g["quote"]
        if q != q.strip() or q.rstrip(",;:") != q:
            errors.append(f"{where}: quote has outer spaces or a trailing , ; :")
        n = text.count(q)
        if n == 0:
            errors.append(f"{where}: quote not found verbatim: {q[:60]!r}")
            continue
        if n > 1:
            m = re.search(r"occurrence (\d+)", g["note"])
            if not m:
                errors.append(f"{where}: {q[:40]!r} occurs {n} times; note must say 'occurrence N'")
            elif rows_per_text[(g["doc_id"], q)] not in (n, n - covered(text, q, by_doc_all[g["doc_id"]])):
                warnings.append(f"{where}: {q[:40]!r} occurs {n} times but has "
                                f"{rows_per_text[(g['doc_id'], q)]} rows")
            else:
                k = int(m.group(1))
                start = -1
                for _ in range(k):
                    start = text.find(q, start + 1)
                if start < 0 or not bounded(text, q, start):
                    warnings.append(f"{where}: occurrence {k} not bounded by marks")
        elif not bounded(text, q, text.find(q)):
            warnings.append(f"{where}: quote not bounded by marks/label/paragraph end: {q[:50]!r}")
        if g["is_quote"] not in ("yes", "no"):
            errors.append(f"{where}: is_quote must be yes or no")
        if g["is_quote"] == "yes" and not g["speaker"]:
            errors.append(f"{where}: is_quote=yes needs a speaker")
        if g["is_quote"] == "no" and g["speaker"]:
            errors.append(f"{where}: is_quote=no must have speaker ''")
        tags = g["kind_tag"].split(";")
        bad = [t for t in tags if t not in KINDS]
        if bad:
            errors.append(f"{where}: unknown kind_tag {bad}")
        sp = g["speaker"]
        if sp and sp.split()[0].lower() not in {"a", "an", "the"} and "'s" not in sp:
            toks = sp.lower().split()
            hits = [a for a in (sp.lower(), toks[-1], toks[0]) if a in aliases]
            if hits:
                errors.append(f"{where}: speaker {sp!r} matches an actor-table alias {hits}")

    by_doc = collections.defaultdict(set)
    for g in gold:
        by_doc[g["doc_id"]].add(g["quote"])
    for d, t in texts.items():
        for s in quoted_spans(t):
            if not any(s == q or s in q or q in s for q in by_doc[d]):
                warnings.append(f"{d}: quoted span neither in gold nor covered: {s[:60]!r}")

    print(f"articles: {len(texts)}  gold rows: {len(gold)}")
    for title, key in (("is_quote", lambda g: [g["is_quote"]]),
                       ("kind_tag (a row may count under several tags)", lambda g: g["kind_tag"].split(";")),
                       ("primary kind_tag", lambda g: [g["kind_tag"].split(";")[0]]),
                       ("article", lambda g: [g["doc_id"]]),
                       ("speaker (is_quote=yes)", lambda g: [g["speaker"]] if g["is_quote"] == "yes" else [])):
        c = collections.Counter(k for g in gold for k in key(g))
        print(f"\nby {title}:")
        for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {k:55s} {v}")
    for w in warnings:
        print("WARNING:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"\n{len(errors)} error(s), {len(warnings)} warning(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
