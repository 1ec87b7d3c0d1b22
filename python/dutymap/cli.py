"""The ``dutymap`` command: corpus overview, validation, look-ups, gap reports, comparisons,
coverage of the sources, practice beside paper, drafting a coding from an agreement's text and
reviewing it, export and exercises."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from . import CorpusError, ExerciseError, __version__, check, exercises, load
from ._drafting import KINDS
from ._html import corpus_html
from ._text import _wrap as wrap, table


def _corpus(args: argparse.Namespace):
    return load(*args.corpus, builtin=not args.no_builtin)


def cmd_summary(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    if args.format == "json":
        print(json.dumps(corpus.summary(), indent=2))
    else:
        print(corpus.report())
    return 0


def cmd_gaps(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    report = corpus.gaps(
        args.origin,
        args.destination,
        profile=args.profile,
        sector=args.sector,
        worker_status="undocumented" if args.undocumented else "documented",
        as_of=args.as_of,
        beyond_profile=not args.profile_only,
    )
    if args.format == "json":
        df = report.to_pandas()
        df["stage"] = df["stage"].astype(str)
        df["status"] = df["status"].astype(str)
        payload = {
            "corridor": {"origin": args.origin, "destination": args.destination, "sector": args.sector,
                         "worker_status": report.corridor.worker_status},
            "profile": report.profile,
            "as_of": report.as_of,
            "evidence_index": None if report.evidence_index != report.evidence_index else report.evidence_index,
            "rows": df.to_dict(orient="records"),
        }
        print(json.dumps(payload, indent=2, ensure_ascii=False))
    elif args.format == "csv":
        sys.stdout.write(report.to_pandas().to_csv(index=False))
    elif args.format == "html":
        print(report._repr_html_() or "")
    else:
        print(report.text())
    return 0


def cmd_compare(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    ids = args.ids or corpus.bilateral_instruments(args.origin, args.destination)
    if len(ids) < 1:
        print("dutymap: nothing to compare; give instrument ids or --origin/--destination", file=sys.stderr)
        return 2
    cmp = corpus.compare(ids, rollup=args.rollup)
    if args.format == "json":
        payload = {
            "instruments": cmp.instruments,
            "columns": cmp.columns,
            "matrix": cmp.values.tolist(),
            "cosine": cmp.similarity_matrix("cosine").values.tolist(),
            "jaccard": cmp.similarity_matrix("jaccard").values.tolist(),
        }
        if len(ids) == 2:
            payload["diff"] = corpus.diff(ids[0], ids[1]).to_dict(orient="records")
        print(json.dumps(payload, indent=2))
        return 0
    if args.format == "csv":
        sys.stdout.write(cmp.matrix.to_csv())
        return 0
    print("Coverage (protects > 0 > restricts; shall 1, should 0.6, may 0.3, halved when qualified)")
    m = cmp.matrix
    print(table(["column"] + [f"[{i}]" for i in range(len(ids))],
                [[c] + [f"{m.iloc[i][c]:+.1f}" if m.iloc[i][c] else "." for i in range(len(ids))] for c in cmp.columns],
                right=set(range(1, len(ids) + 1))))
    print("\n" + "\n".join(f"[{i}] {x}" for i, x in enumerate(ids)))
    sim = cmp.similarity_matrix("cosine")
    print("\nCosine similarity")
    print(table([""] + [f"[{i}]" for i in range(len(ids))],
                [[f"[{i}]"] + [f"{sim.iloc[i, j]:.2f}" for j in range(len(ids))] for i in range(len(ids))],
                right=set(range(1, len(ids) + 1))))
    if len(ids) == 2:
        d = corpus.diff(ids[0], ids[1])
        print(f"\nDifferences, from {ids[0]}'s side")
        print(table(["topic", "relation", "explanation"], d[["topic", "relation", "explanation"]].values.tolist()))
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    problems = check(*args.paths, builtin=not args.no_builtin)
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''}", file=sys.stderr)
        return 1
    print(f"ok: {', '.join(args.paths)} load cleanly", file=sys.stderr)
    return 0


def cmd_coverage(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    df = corpus.coverage(as_of=args.as_of)
    if args.format == "csv":
        sys.stdout.write(df.to_csv(index=False))
        return 0
    if args.format == "json":
        print(json.dumps(df.to_dict(orient="records"), indent=2))
        return 0
    print(f"How much of each instrument was read, and how many rows of the gap reports of every "
          f"bilateral corridor against every profile ({df.attrs['reports']} reports, "
          f"{df.attrs['rows']} rows) are unknown because it was not read in full. Read the top ones next.")
    print()
    print(table(["instrument", "text", "provisions", "lacks", "unknown rows", "share"],
                [[r.instrument, r.text, r.provisions, r.lacks, r.unknown_rows, f"{100 * r.unknown_share:.1f}%"]
                 for r in df.itertuples()], right={2, 3, 4, 5}))
    return 0


def cmd_practice(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    actor = corpus.actor(args.actor)
    # A state answers for its bodies: their records are listed with its own.
    bodies = {actor.id} | ({a.id for a in corpus.actors if a.state == actor.id} if actor.kind == "state" else set())
    records = corpus.implementation()
    records = records[records["actor"].isin(bodies)]
    reported = set(records["provision"])
    owed = [p for p in corpus.provisions if bodies & set(p.designated) and p.id not in reported]
    if args.format == "csv":
        sys.stdout.write(records.to_csv(index=False))
        return 0
    if args.format == "json":
        print(json.dumps(records.astype({"rating": str}).to_dict(orient="records"), indent=2, ensure_ascii=False))
        return 0
    print(f"{actor.id} ({actor.name}): what it owes on paper, and what sources report was done")
    print()
    for provision, group in records.groupby("provision", sort=True):
        first = group.iloc[0]
        print(f"{first['citation']}  [{provision}]")
        print(_wrap(corpus.provision(provision).summary, "    "))
        for r in group.itertuples():
            print(_wrap(f"{r.period} {r.rating.upper()} ({r.actor}, {r.confidence} confidence): {r.reported}", "    "))
            print(_wrap(f'"{r.passage}" ({r.source})', "        "))
        print()
    if owed:
        print(f"Designated on paper, nothing reported ({len(owed)}):")
        for p in owed:
            print(_wrap(f"{p.citation}  [{p.id}]", "    "))
    if records.empty and not owed:
        print("No implementation record and no designated provision in this corpus.")
    return 0


def _wrap(text: str, indent: str) -> str:
    return wrap(" ".join(text.split()), 100, indent)


def cmd_draft(args: argparse.Namespace) -> int:
    from ._drafting import draft_coding

    corpus = _corpus(args)
    draft = draft_coding(args.text, parties=args.parties, kind=args.kind, corpus=corpus, id=args.id,
                         title=args.title, adopted=args.adopted, max_bytes=args.max_bytes)
    if args.output:
        draft.save(args.output)
    else:
        sys.stdout.write(draft.yaml)
    skipped = len(draft.proposals) - len(draft.coded)
    print(f"{args.text}: {len(draft.clauses)} clauses, {len(draft.coded)} proposed provisions, {skipped} "
          f"clause{'s' if skipped != 1 else ''} on no topic (listed at the end of the file)."
          + (f" Written to {args.output}. Next: dutymap review {args.output}" if args.output else ""),
          file=sys.stderr)
    return 0


def cmd_review(args: argparse.Namespace) -> int:
    from ._review import review

    r = review(args.draft, *args.corpus)
    if args.drop:
        dropped = r.drop(args.drop)
        print(f"dropped {len(dropped)}: {', '.join(dropped)}", file=sys.stderr)
    if args.accept:
        accepted = r.accept(args.accept, confidence=args.confidence)
        print(f"accepted {len(accepted)} as coded from the text, confidence {args.confidence}: "
              f"{', '.join(accepted)}", file=sys.stderr)
        unwritten = [row.provision for row in r.frame.itertuples()
                     if row.provision in accepted and r.corpus.provision(row.provision).summary.startswith("Draft:")]
        if unwritten:
            print(f"{len(unwritten)} accepted provision{'s' if len(unwritten) != 1 else ''} still carry the drafted "
                  "summary: rewrite it in your own words in the file", file=sys.stderr)
    if args.accept or args.drop:
        print(f"{r.pending} of {len(r.provisions)} provisions are still drafts", file=sys.stderr)
        return 0
    if args.format == "csv":
        sys.stdout.write(r.to_pandas().to_csv(index=False))
    elif args.format == "html":
        print(r._repr_html_())
    else:
        print(r.text(width=args.width))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    for getter in (corpus.instrument, corpus.topic, corpus.actor, corpus.profile, corpus.provision):
        try:
            item = getter(args.id)
        except KeyError:
            continue
        if hasattr(item, "to_yaml"):
            print(item.to_yaml(), end="")
        else:
            for name in dir(item):
                if not name.startswith("_"):
                    print(f"{name}: {getattr(item, name)}")
        return 0
    # Let the instrument look-up say what the nearest id is.
    try:
        corpus.instrument(args.id)
    except KeyError as e:
        print(f"dutymap: {e.args[0]}", file=sys.stderr)
    return 2


def cmd_export(args: argparse.Namespace) -> int:
    corpus = _corpus(args)
    if args.format == "yaml":
        if not args.output:
            print("dutymap: --format yaml writes a folder; give it with --output", file=sys.stderr)
            return 2
        corpus.save(args.output, overwrite=args.overwrite)
        return 0
    if args.format == "graphml":
        text = corpus.to_graphml()
    elif args.format == "dot":
        text = corpus.to_dot()
    elif args.format == "csv":
        text = corpus.provisions_frame().to_csv(index=False)
    elif args.format == "html":
        text = corpus_html(corpus.instruments)
    else:
        text = corpus.provisions_frame().to_json(orient="records", indent=2)
    if args.output:
        from pathlib import Path

        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    return 0


def _exercise(args: argparse.Namespace) -> exercises.Exercise:
    """A built-in exercise by id, or a trainer's exercise file (checked against --corpus)."""
    ident = args.exercise
    if ident.endswith((".yaml", ".yml")) or "/" in ident:
        return exercises.load(ident, corpus=_corpus(args))
    return exercises.get(ident)


def cmd_exercise(args: argparse.Namespace) -> int:
    action = args.action
    if action == "list":
        listing = exercises.list()
        if args.format == "csv":
            print(listing.to_csv(index=False), end="")
        else:
            print(listing.to_string(index=False))
        return 0
    if args.exercise is None:
        print(f"dutymap: `exercise {action}` needs an exercise id or file", file=sys.stderr)
        return 2
    ex = _exercise(args)
    if action == "show":
        print(ex.text())
        return 0
    if action == "blank":
        text = ex.blank().to_csv(index=False)
    elif action == "key":
        text = ex.key().to_csv(index=False)
    elif action == "check":
        problems = ex.check_key()
        for problem in problems:
            print(problem)
        if problems:
            print(f"{len(problems)} disagreement{'s' if len(problems) != 1 else ''} between the key "
                  "and the corpus", file=sys.stderr)
            return 1
        print(f"ok: {ex.id} reads cleanly and its key agrees with the corpus", file=sys.stderr)
        return 0
    else:  # grade
        if args.answers is None:
            print("dutymap: `exercise grade` needs the answers file (CSV)", file=sys.stderr)
            return 2
        grade = ex.grade(args.answers)
        if args.format == "json":
            text = json.dumps({"exercise": ex.id, "score": grade.score,
                               "tasks": grade.tasks.reset_index().to_dict(orient="records"),
                               "items": grade.items.to_dict(orient="records")}, indent=2)
        elif args.format == "csv":
            text = grade.items.to_csv(index=False)
        elif args.format == "html":
            text = grade._repr_html_()
        else:
            text = grade.text()
    if args.output:
        with open(args.output, "w", encoding="utf-8") as f:
            f.write(text if text.endswith("\n") else text + "\n")
    else:
        print(text, end="" if text.endswith("\n") else "\n")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="dutymap",
        description="Who owes what to a migrant worker, at each stage, under which instrument.",
    )
    p.add_argument("--version", action="version", version=f"dutymap {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--corpus", action="append", default=[], metavar="PATH",
        help="a folder or file layered over the built-in corpus (repeatable)",
    )
    common.add_argument("--no-builtin", action="store_true", help="do not start from the built-in corpus")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("summary", parents=[common], help="overview of the corpus")
    s.add_argument("--format", choices=["text", "json"], default="text")
    s.set_defaults(func=cmd_summary)

    g = sub.add_parser(
        "gaps",
        parents=[common],
        help="gap report of a corridor against a profile",
        description="For each norm of the profile: who owes it in the corridor, under which "
        "instrument, how strongly, and where nobody does. Also the restrictions the corridor's "
        "instruments place on the worker.",
    )
    g.add_argument("origin", help="origin state, e.g. KHM")
    g.add_argument("destination", help="destination state, e.g. THA")
    g.add_argument("--profile", default="khm-lmp-2014-mou-minimum", help="reference profile (default: %(default)s)")
    g.add_argument("--sector", help="sector, e.g. domestic_work")
    g.add_argument("--as-of", dest="as_of", help="date of the question, YYYY-MM-DD (default: today)")
    g.add_argument("--undocumented", action="store_true", help="the worker is undocumented")
    g.add_argument("--profile-only", action="store_true", help="leave out protections beyond the profile")
    g.add_argument("--format", choices=["text", "json", "csv", "html"], default="text")
    g.set_defaults(func=cmd_gaps)

    c = sub.add_parser("compare", parents=[common], help="compare instruments: coverage, similarity, differences")
    c.add_argument("ids", nargs="*", metavar="ID", help="instrument ids (two give a topic-by-topic diff)")
    c.add_argument("--origin", help="all bilateral instruments of this origin state")
    c.add_argument("--destination", help="all bilateral instruments with this destination state")
    c.add_argument("--rollup", choices=["topic", "group", "stage"], default="topic")
    c.add_argument("--format", choices=["text", "json", "csv"], default="text")
    c.set_defaults(func=cmd_compare)

    v = sub.add_parser(
        "validate", help="check corpus files; prints file:line:col: message per problem, exit 1 if any"
    )
    v.add_argument("paths", nargs="+", metavar="PATH")
    v.add_argument("--no-builtin", action="store_true", help="check the files on their own")
    v.set_defaults(func=cmd_validate)

    cv = sub.add_parser(
        "coverage",
        parents=[common],
        help="per instrument: how much was read, and how many report rows are unknown because of it",
        description="Per instrument: its `text` kind, provisions and reported lacks, and how many rows "
        "of the gap reports of every bilateral corridor against every profile are unknown because "
        "it was not read in full, so that a reader sees which source to read next.",
    )
    cv.add_argument("--as-of", dest="as_of", help="date of the reports, YYYY-MM-DD (default: today)")
    cv.add_argument("--format", choices=["text", "json", "csv"], default="text")
    cv.set_defaults(func=cmd_coverage)

    pr = sub.add_parser(
        "practice",
        parents=[common],
        help="what an actor owes on paper, and what sources report it did",
        description="The implementation records of an actor (for a state, also of its bodies), "
        "provision by provision: the rating, what was reported and the source's words; then the "
        "provisions that designate it with nothing reported.",
    )
    pr.add_argument("actor", help="actor id, e.g. KHM.MOLVT")
    pr.add_argument("--format", choices=["text", "json", "csv"], default="text")
    pr.set_defaults(func=cmd_practice)

    d = sub.add_parser(
        "draft",
        parents=[common],
        help="propose a coding of an agreement from its plain text",
        description="Splits a plain-text agreement or standard contract into its clauses and proposes, "
        "for each, topics, stage, bearer, modality and strength, effect, qualifiers and scope. Writes a "
        "corpus file (text: full, every provision coded_from: draft, confidence: low, its clause as the "
        "passage) that loads and gives a gap report at once; review it with `dutymap review`.",
    )
    d.add_argument("text", help="the agreement as a UTF-8 plain-text file")
    d.add_argument("--parties", required=True, help="the two states, origin first, e.g. KHM,THA")
    d.add_argument("--kind", default="mou", choices=list(KINDS))
    d.add_argument("--id", help="the instrument id (default: mou-<origin>-<destination>-<year>-draft)")
    d.add_argument("--title", help="the instrument's title (default: the text's first line)")
    d.add_argument("--adopted", help="date adopted or signed, YYYY-MM-DD")
    d.add_argument("--max-bytes", dest="max_bytes", type=int, help="read a text larger than 2 MB")
    d.add_argument("-o", "--output", help="the corpus file to write (default: standard output)")
    d.set_defaults(func=cmd_draft)

    rv = sub.add_parser(
        "review",
        parents=[common],
        help="review a drafted coding: each provision beside its clause and the nearest precedent",
        description="Lists the provisions of a drafted corpus file beside their clauses, the proposed "
        "coding and the nearest coded precedent. --accept marks provisions as coded from the text, "
        "with the confidence you give; --drop removes wrong proposals. Other fixes: edit the file.",
    )
    rv.add_argument("draft", help="the drafted corpus file")
    rv.add_argument("--accept", action="append", metavar="N", help="provisions to accept: numbers, ranges (3-5), ids or all")
    rv.add_argument("--drop", action="append", metavar="N", help="provisions to remove from the draft")
    rv.add_argument("--confidence", default="medium", choices=["low", "medium", "high"],
                    help="the confidence of accepted provisions (default: %(default)s)")
    rv.add_argument("--format", choices=["text", "csv", "html"], default="text")
    rv.add_argument("--width", type=int, default=100)
    rv.set_defaults(func=cmd_review)

    sh = sub.add_parser("show", parents=[common], help="show an instrument, topic, actor, profile or provision")
    sh.add_argument("id")
    sh.set_defaults(func=cmd_show)

    e = sub.add_parser("export", parents=[common], help="export the corpus")
    e.add_argument("--format", choices=["csv", "json", "graphml", "dot", "html", "yaml"], default="csv",
                   help="csv/json: one row per provision and topic; graphml/dot: the graph view; "
                   "html: a page listing every instrument and provision; yaml: the corpus as files")
    e.add_argument("--output", "-o", help="file (or folder for yaml); default: standard output")
    e.add_argument("--overwrite", action="store_true", help="replace an existing output folder")
    e.set_defaults(func=cmd_export)

    x = sub.add_parser(
        "exercise",
        parents=[common],
        help="training exercises: list, show, blank, key, check, grade",
        description="Training exercises on MOU gap analysis. `list` the built-in ones; `show ID` "
        "prints the case; `blank ID` writes the answer sheet (CSV) to fill; `grade ID ANSWERS.csv` "
        "grades it with feedback; `key ID` writes the answer key; `check ID` checks that an "
        "exercise's hand-written key agrees with the corpus. ID is a built-in exercise's id or the "
        "path of an exercise file (YAML).",
    )
    x.add_argument("action", choices=["list", "show", "blank", "key", "check", "grade"])
    x.add_argument("exercise", nargs="?", metavar="ID", help="exercise id or file")
    x.add_argument("answers", nargs="?", metavar="ANSWERS.csv", help="for grade: the answer sheet")
    x.add_argument("--format", choices=["text", "json", "csv", "html"], default="text",
                   help="for list and grade (default: text)")
    x.add_argument("--output", "-o", help="file to write; default: standard output")
    x.set_defaults(func=cmd_exercise)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return int(args.func(args))
    except CorpusError as e:
        for problem in e.problems:
            print(problem, file=sys.stderr)
        return 1
    except ExerciseError as e:
        print(f"dutymap: {e.args[0] if e.args else e}", file=sys.stderr)
        return 1
    except (ValueError, KeyError) as e:
        print(f"dutymap: {e.args[0] if e.args else e}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
