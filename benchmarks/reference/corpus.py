"""Reading a corpus folder into pandas tables.

Every ``*.yaml`` / ``*.yml`` file below the folder is parsed with PyYAML's C loader. Files are
classified by their top-level key (``instrument``, ``topics``/``sectors``, ``actors``,
``ratifications``, ``profiles``); the inheritance rules of docs/corpus-format.md are applied
(annexes inherit parties, level, binding, dates and scope from their MOU, but not ``text``, which
each file says for itself; provisions inherit the instrument's scope key by key; provision ids are
derived from part and article) and the result is laid out as DataFrames, one row per item, plus
long tables for the many-to-many parts (provision x topic, provision x topic x stage, topic x
ancestor, ...) and for the topics a source reports an instrument lacks.

Validation is limited to what an analyst needs for correct answers: malformed input raises
``ValueError`` or ``KeyError``, nothing more.
"""

from __future__ import annotations

import copy
import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Optional

import networkx as nx
import numpy as np
import pandas as pd
import yaml

from .vocab import (
    BINDING,
    BINDING_BY_DEFAULT,
    COMMITTED,
    CONFIDENCE_INDEX,
    GUIDANCE,
    GUIDANCE_KINDS,
    KIND_ROLES,
    RATIFIABLE_KINDS,
    ROLE_INDEX,
    STAGES,
    STRENGTH_INDEX,
    TEXT_COVERAGES,
    role_mask,
)

# --------------------------------------------------------------------------------------------
# Values as written in files


def text(value: Any) -> str:
    """A scalar as text, the way a YAML file means it (trailing line breaks are layout)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value).rstrip("\r\n")


def texts(value: Any) -> list[str]:
    """A list of scalars; a single value stands for a one-item list."""
    if value is None:
        return []
    if isinstance(value, list):
        return [text(v) for v in value]
    return [text(value)]


def parse_date(value: Any) -> Optional[str]:
    """A date as written (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or None."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    s = text(value)
    parts = s.split("-")
    if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
        raise ValueError(f"bad date {s!r}")
    if len(parts) == 3:
        dt.date(int(parts[0]), int(parts[1]), int(parts[2]))  # raises on a day that does not exist
    return s


def first_day(date: Any) -> float:
    """Ordinal of the first day a date can mean (NaN for no date)."""
    if date is None or pd.isna(date):
        return np.nan
    parts = [int(p) for p in date.split("-")]
    year, month, day = parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1
    return float(dt.date(year, month, day).toordinal())


def last_day(date: Any) -> float:
    """Ordinal of the last day a date can mean: "1969" is 1969-12-31 (NaN for no date)."""
    if date is None or pd.isna(date):
        return np.nan
    parts = [int(p) for p in date.split("-")]
    if len(parts) == 3:
        return float(dt.date(*parts).toordinal())
    year = parts[0]
    month = parts[1] if len(parts) > 1 else 12
    following = dt.date(year + 1, 1, 1) if month == 12 else dt.date(year, month + 1, 1)
    return float(following.toordinal() - 1)


def slug(s: str) -> str:
    """A citation as an id part: lower case, runs of white space, ``,`` and ``;`` as one dash."""
    out: list[str] = []
    for ch in s:
        if ch in " \t\n\r\v\f,;":
            if out and out[-1] != "-":
                out.append("-")
        else:
            out.append(ch.lower() if ord(ch) < 128 else ch)
    return "".join(out).rstrip("-")


# --------------------------------------------------------------------------------------------
# Parsing files into plain records

_SCOPE_KEYS = ("sectors", "excluded_sectors", "territories", "workers")


def _scope(node: Any) -> tuple[dict[str, Any], set[str]]:
    """A scope mapping and the keys it gives."""
    scope: dict[str, Any] = {"sectors": [], "excluded_sectors": [], "territories": [], "workers": "documented"}
    given: set[str] = set()
    if not node:
        return scope, given
    for key in ("sectors", "excluded_sectors", "territories"):
        if node.get(key) is not None:
            scope[key] = texts(node[key])
            given.add(key)
    if node.get("workers") is not None:
        scope["workers"] = text(node["workers"])
        given.add("workers")
    return scope, given


def _provision(node: dict[str, Any], instrument_id: str, index: int) -> dict[str, Any]:
    topics = []
    for t in node.get("topics") or []:
        if isinstance(t, dict):
            topics.append((text(t["topic"]), text(t.get("effect") or "protects")))
        else:
            topics.append((text(t), "protects"))
    qualifiers = []
    for q in node.get("qualifiers") or []:
        qualifiers.append(text(q["kind"]) if isinstance(q, dict) else text(q))
    scope, given = _scope(node.get("scope"))
    provenance = node.get("provenance") or {}
    part, article, chapter = text(node.get("part")), text(node.get("article")), text(node.get("chapter"))
    local = text(node.get("id"))
    if not local:
        bits = [slug(part)] if part else []
        if article:
            bits.append(slug(article))
        elif chapter:
            bits.append("ch-" + slug(chapter))
        local = ":".join(bits) or f"#{index + 1}"
    beneficiaries = node.get("beneficiaries")
    return {
        "id": f"{instrument_id}:{local}",
        "instrument": instrument_id,
        "part": part,
        "article": article,
        "chapter": chapter,
        "summary": text(node.get("summary")),
        "modality": text(node.get("modality")),
        "strength": text(node.get("strength") or "shall"),
        "bearers": texts(node.get("bearers")),
        "beneficiaries": texts(beneficiaries) if beneficiaries is not None else ["worker"],
        "designated": texts(node.get("designated")),
        "stages": texts(node.get("stages")),
        "topics": topics,
        "scope": scope,
        "scope_given": given,
        "qualifiers": qualifiers,
        "coded_from": text(provenance.get("coded_from") or "text"),
        "confidence": text(provenance.get("confidence") or "high"),
    }


def _lack(node: dict[str, Any]) -> dict[str, Any]:
    """A topic a cited source reports the instrument does not cover (no stages: at every stage)."""
    confidence = text(node["confidence"])
    if confidence not in CONFIDENCE_INDEX:
        raise ValueError(f"bad confidence {confidence!r} in a reported lack")
    return {
        "topic": text(node["topic"]),
        "stages": texts(node.get("stages")),
        "source": text(node["source"]),
        "passage": text(node["passage"]),
        "confidence": confidence,
        "notes": text(node.get("notes")),
    }


def _instrument(node: dict[str, Any]) -> dict[str, Any]:
    iid = text(node["id"])
    # Required of every instrument, annexes too: silence is absence only in a text read in full.
    if node.get("text") is None:
        raise ValueError(f"instrument `{iid}` has no `text` (full, partial, described or none)")
    coverage = text(node["text"])
    if coverage not in TEXT_COVERAGES:
        raise ValueError(f"instrument `{iid}`: bad text {coverage!r}")
    given = {k for k in ("kind", "level", "binding", "adopted", "in_force", "expires") if node.get(k) is not None}
    if node.get("parties") is not None:
        given.add("parties")
    scope, scope_given = _scope(node.get("scope"))
    region = text(node.get("region"))
    if region:
        given.add("region")
    return {
        "id": iid,
        "title": text(node.get("title")),
        "short_title": text(node.get("short_title")),
        "kind": text(node.get("kind")) or "convention",
        "level": text(node.get("level")) or "global",
        "binding": bool(node["binding"]) if node.get("binding") is not None else None,
        "parties": texts(node.get("parties")),
        "region": region,
        "adopted": parse_date(node.get("adopted")),
        "in_force": parse_date(node.get("in_force")),
        "expires": parse_date(node.get("expires")),
        "supersedes": text(node.get("supersedes")),
        "annex_to": text(node.get("annex_to")),
        "scope": scope,
        "text": coverage,
        "lacks": [_lack(n) for n in node.get("lacks") or []],
        "given": given | scope_given,
        "replaces": bool(node.get("replaces")),
        "provisions": [_provision(p, iid, i) for i, p in enumerate(node.get("provisions") or [])],
    }


def _actor(node: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": text(node["id"]),
        "name": text(node.get("name")),
        "kind": text(node.get("kind")),
        "state": text(node.get("state")),
        "roles": texts(node.get("roles")),
        "receives_complaints": texts(node.get("receives_complaints")),
        "refers_to": [(text(r.get("actor")), texts(r.get("stages"))) for r in node.get("refers_to") or []],
        "oversees": [(text(o.get("actor")), text(o.get("role"))) for o in node.get("oversees") or []],
    }


def _ratification(node: dict[str, Any]) -> dict[str, Any]:
    return {
        "state": text(node["state"]),
        "instrument": text(node["instrument"]),
        "signed": parse_date(node.get("signed")),
        "ratified": parse_date(node.get("ratified")),
        "denounced": parse_date(node.get("denounced")),
        "excludes": texts(node.get("excludes")),
        "limited_to": texts(node.get("limited_to")),
    }


def _profile(node: dict[str, Any]) -> dict[str, Any]:
    norms = [
        {
            "topic": text(n["topic"]),
            "stage": text(n["stage"]),
            "bearer": text(n["bearer"]),
            "min_strength": text(n.get("min_strength") or "shall"),
        }
        for n in node.get("norms") or []
    ]
    return {"id": text(node["id"]), "title": text(node.get("title")), "accepts": texts(node.get("accepts")),
            "norms": norms}


@dataclass
class CorpusRecords:
    """The items of a corpus as plain dicts, keyed by id (ratifications by state and instrument)."""

    sectors: dict[str, dict[str, Any]] = field(default_factory=dict)
    topics: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, dict[str, Any]] = field(default_factory=dict)
    instruments: dict[str, dict[str, Any]] = field(default_factory=dict)
    ratifications: dict[tuple[str, str], dict[str, Any]] = field(default_factory=dict)
    profiles: dict[str, dict[str, Any]] = field(default_factory=dict)

    def copy(self) -> "CorpusRecords":
        """A deep copy, for scenarios."""
        return copy.deepcopy(self)


def corpus_files(path: "str | os.PathLike[str]") -> list[Path]:
    """The YAML files of a folder (recursively, sorted), or the file itself."""
    p = Path(path)
    if p.is_dir():
        return sorted(f for f in p.rglob("*") if f.suffix in (".yaml", ".yml") and f.is_file())
    return [p]


def read_records(paths: Iterable["str | os.PathLike[str]"], into: Optional[CorpusRecords] = None) -> CorpusRecords:
    """Parses folders or files, later ones laid over earlier ones (items replace by id)."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None:
        raise ImportError("this PyYAML was built without libyaml: yaml.CSafeLoader is missing")
    records = into if into is not None else CorpusRecords()
    for path in paths:
        for f in corpus_files(path):
            with open(f, "rb") as fh:
                doc = yaml.load(fh, Loader=loader)
            if not isinstance(doc, dict):
                raise ValueError(f"{f}: not a corpus file")
            for s in doc.get("sectors") or []:
                records.sectors[text(s["id"])] = {"id": text(s["id"]), "title": text(s.get("title"))}
            for t in doc.get("topics") or []:
                records.topics[text(t["id"])] = {"id": text(t["id"]), "title": text(t.get("title")),
                                                 "stages": texts(t.get("stages"))}
            for a in doc.get("actors") or []:
                actor = _actor(a)
                records.actors[actor["id"]] = actor
            for r in doc.get("ratifications") or []:
                rat = _ratification(r)
                records.ratifications[(rat["state"], rat["instrument"])] = rat
            for p in doc.get("profiles") or []:
                prof = _profile(p)
                records.profiles[prof["id"]] = prof
            if doc.get("instrument") is not None:
                inst = _instrument(doc["instrument"])
                records.instruments[inst["id"]] = inst
    return records


def resolve(records: CorpusRecords) -> None:
    """Applies the inheritance rules in place (idempotent for already resolved instruments)."""
    instruments = records.instruments
    for inst in instruments.values():
        if not inst["annex_to"] and inst["binding"] is None:
            inst["binding"] = inst["kind"] in BINDING_BY_DEFAULT
    for inst in instruments.values():
        if not inst["annex_to"]:
            continue
        parent = instruments[inst["annex_to"]]
        given = inst["given"]
        if "parties" not in given:
            inst["parties"] = list(parent["parties"])
        if "level" not in given:
            inst["level"] = parent["level"]
        if "binding" not in given:
            inst["binding"] = parent["binding"]
        if "kind" not in given:
            inst["kind"] = "standard_contract"
        if "region" not in given:
            inst["region"] = parent["region"]
        for key in ("adopted", "in_force", "expires"):
            if key not in given:
                inst[key] = parent[key]
        for key in _SCOPE_KEYS:
            if key not in given:
                inst["scope"][key] = copy.copy(parent["scope"][key])
    for inst in instruments.values():
        if inst["binding"] is None:  # an annex of an annex: not valid, keep the default
            inst["binding"] = inst["kind"] in BINDING_BY_DEFAULT
        for p in inst["provisions"]:
            for key in _SCOPE_KEYS:
                if key not in p["scope_given"]:
                    p["scope"][key] = copy.copy(inst["scope"][key])
            # Once resolved, the scope is complete: resolving again changes nothing.
            p["scope_given"] = set(_SCOPE_KEYS)
        inst["given"] = set(inst["given"]) | {"parties", "level", "binding", "kind", "region", "adopted",
                                              "in_force", "expires", *_SCOPE_KEYS}


# --------------------------------------------------------------------------------------------
# Tables


@dataclass
class ReferenceCorpus:
    """A corpus as pandas tables (and networkx graphs of referrals between actors).

    ``instruments`` is indexed by id in id order. ``provisions`` has one row per provision, in
    instrument order then file order; its integer index is the provision's position and is what
    the long tables refer to.
    """

    records: CorpusRecords
    instruments: pd.DataFrame
    provisions: pd.DataFrame
    provision_topics: pd.DataFrame  #: provision, topic, effect (long form)
    provision_topic_stages: pd.DataFrame  #: provision, topic, effect, k, stage, key ("<topic>@<stage>")
    provision_sectors: pd.DataFrame  #: provision, sector, excluded
    provision_designated: pd.DataFrame  #: provision, actor
    topics: pd.DataFrame
    topic_ancestors: pd.DataFrame  #: topic, ancestor (the topic itself included)
    sectors: pd.DataFrame
    actors: pd.DataFrame
    referrals: pd.DataFrame  #: actor, target, stages
    ratifications: pd.DataFrame
    profiles: pd.DataFrame
    norms: pd.DataFrame
    instrument_parties: pd.DataFrame  #: instrument, state
    instrument_successors: pd.DataFrame  #: instrument, later (every later revision on its chain)
    #: instrument, position (the instrument's), k (file order), topic, stages (empty: every stage),
    #: source, passage, confidence, confidence_rank: the topics a source reports an instrument lacks
    lacks: pd.DataFrame
    referral_graphs: dict[str, nx.DiGraph]  #: per stage, the referrals valid at it
    #: ancestor, stage, provision, protects, restricts, key ("<ancestor>@<stage>"): the provisions
    #: about a topic or a sub-topic at a stage, and whether they protect or restrict the worker on it
    candidates: pd.DataFrame
    #: provision, state, ratified_last, denounced_first, limited_to, part_excluded: for the
    #: provisions of conventions and protocols, each state's ratification record
    provision_ratifications: pd.DataFrame

    def provision_ids(self) -> np.ndarray:
        """Provision ids by position."""
        return self.provisions["id"].to_numpy()

    def annexes_of(self, instrument: str) -> list[str]:
        """Ids of the instruments annexed to one, in id order."""
        return self.instruments.index[self.instruments["annex_to"] == instrument].tolist()

    def bilateral_instruments(self) -> list[str]:
        """Ids of the bilateral instruments that are not annexes, in id order."""
        i = self.instruments
        mask = (i["level"] == "bilateral") & (i["annex_to"] == "") & (i["parties"].map(len) == 2)
        return i.index[mask].tolist()

    def revision_chain(self, instrument: str) -> list[str]:
        """The ids of an instrument's supersedes chain, oldest first (itself included). Where two
        files revise the same instrument, the later id is taken as its successor."""
        supersedes = self.instruments["supersedes"]
        first = instrument
        while supersedes[first]:
            first = supersedes[first]
        successor = {old: new for new, old in supersedes.items() if old}  # id order: the last wins
        chain = [first]
        while chain[-1] in successor and successor[chain[-1]] not in chain:
            chain.append(successor[chain[-1]])
        return chain


def _ratification_frame(records: CorpusRecords) -> pd.DataFrame:
    rows = sorted(records.ratifications.values(), key=lambda r: (r["state"], r["instrument"]))
    df = pd.DataFrame(rows, columns=["state", "instrument", "signed", "ratified", "denounced", "excludes",
                                     "limited_to"])
    df["excludes"] = df["excludes"].map(tuple)
    df["limited_to"] = df["limited_to"].map(tuple)
    df["ratified_last"] = df["ratified"].map(last_day).astype(float)
    df["denounced_first"] = df["denounced"].map(first_day).astype(float)
    return df


_PLAIN_ARTICLE = set("0123456789()abcdefghijklmnopqrstuvwxyz.")


def citation(instrument: str, part: str, article: str, chapter: str) -> str:
    """A provision's citation as a reader writes it: "ilo-c97 Annex II Art. 4(2)", "... Ch. 6"."""
    out = instrument + (" " + part if part else "")
    if article:
        return out + (" Art. " if set(article) <= _PLAIN_ARTICLE else " ") + article
    return out + (" Ch. " + chapter if chapter else "")


def provision_ratifications(provisions: pd.DataFrame, ratifications: pd.DataFrame) -> pd.DataFrame:
    """Each ratifiable provision with each state's record for its instrument."""
    prov = provisions.loc[provisions["ratifiable"], ["instrument", "part"]].rename_axis("provision").reset_index()
    out = prov.merge(ratifications[["state", "instrument", "ratified_last", "denounced_first", "excludes",
                                    "limited_to"]], on="instrument")
    out["part_excluded"] = [bool(part) and part in ex for part, ex in zip(out["part"], out["excludes"])]
    return out[["provision", "state", "ratified_last", "denounced_first", "limited_to", "part_excluded"]]


def build(records: CorpusRecords) -> ReferenceCorpus:
    """Lays resolved records out as tables."""
    resolve(records)
    inst_rows: list[dict[str, Any]] = []
    prov_rows: list[dict[str, Any]] = []
    topic_rows: list[tuple[int, str, str, int]] = []
    lack_rows: list[dict[str, Any]] = []
    for iid in sorted(records.instruments):
        inst = records.instruments[iid]
        scope = inst["scope"]
        effective = inst["in_force"] or inst["adopted"]
        kind = inst["kind"]
        tier = GUIDANCE if kind in GUIDANCE_KINDS else BINDING if inst["binding"] else COMMITTED
        inst_rows.append({
            "id": iid, "title": inst["title"], "short_title": inst["short_title"], "kind": kind,
            "level": inst["level"], "binding": bool(inst["binding"]), "parties": tuple(inst["parties"]),
            "region": inst["region"], "adopted": inst["adopted"], "in_force": inst["in_force"],
            "expires": inst["expires"], "supersedes": inst["supersedes"], "annex_to": inst["annex_to"],
            "sectors": tuple(scope["sectors"]), "excluded_sectors": tuple(scope["excluded_sectors"]),
            "territories": tuple(scope["territories"]), "workers": scope["workers"],
            "tier": tier, "ratifiable": kind in RATIFIABLE_KINDS,
            "effective_last": last_day(effective), "expires_first": first_day(inst["expires"]),
            "provision_count": len(inst["provisions"]), "party_count": len(inst["parties"]), "text": inst["text"],
        })
        for k, lack in enumerate(inst["lacks"]):
            lack_rows.append({"instrument": iid, "position": len(inst_rows) - 1, "k": k, "topic": lack["topic"],
                              "stages": tuple(lack["stages"]), "source": lack["source"],
                              "passage": lack["passage"], "confidence": lack["confidence"],
                              "confidence_rank": CONFIDENCE_INDEX[lack["confidence"]]})
        for p in inst["provisions"]:
            pos = len(prov_rows)
            ps = p["scope"]
            bearers = sorted(set(p["bearers"]), key=ROLE_INDEX.__getitem__)
            prov_rows.append({
                "id": p["id"], "instrument": iid, "citation": citation(iid, p["part"], p["article"], p["chapter"]),
                "part": p["part"], "article": p["article"],
                "chapter": p["chapter"], "modality": p["modality"], "strength": p["strength"],
                "strength_rank": STRENGTH_INDEX[p["strength"]], "bearers": tuple(bearers),
                "bearer_mask": role_mask(bearers), "first_bearer": bearers[0] if bearers else "destination_state",
                "stages": tuple(sorted(set(p["stages"]), key=STAGES.index)),
                "topic_ids": tuple(t for t, _ in p["topics"]),
                "designated": tuple(p["designated"]), "sectors": tuple(ps["sectors"]),
                "excluded_sectors": tuple(ps["excluded_sectors"]), "territories": tuple(ps["territories"]),
                "workers": ps["workers"], "qualifiers": tuple(p["qualifiers"]),
                "n_qualifiers": len(p["qualifiers"]), "coded_from": p["coded_from"],
                "confidence": p["confidence"], "confidence_rank": CONFIDENCE_INDEX[p["confidence"]],
                "restricts": any(e == "restricts" for _, e in p["topics"]), "summary": p["summary"],
                "tier": tier, "ratifiable": kind in RATIFIABLE_KINDS, "kind": kind,
                "instrument_position": len(inst_rows) - 1,
            })
            for k, (t, e) in enumerate(p["topics"]):
                topic_rows.append((pos, t, e, k))

    instruments = pd.DataFrame(inst_rows).set_index("id", drop=False)
    instruments.index.name = None
    lacks = pd.DataFrame(lack_rows, columns=["instrument", "position", "k", "topic", "stages", "source", "passage",
                                             "confidence", "confidence_rank"])
    provisions = pd.DataFrame(prov_rows)
    provisions["has_scope_sectors"] = (provisions["sectors"].map(len) > 0) | (
        provisions["excluded_sectors"].map(len) > 0)
    provisions["documented_only"] = provisions["workers"] == "documented"

    provision_topics = pd.DataFrame(topic_rows, columns=["provision", "topic", "effect", "k"])
    stages = provisions["stages"].explode().dropna().rename("stage")
    provision_topic_stages = provision_topics.merge(stages, left_on="provision", right_index=True)
    provision_topic_stages = provision_topic_stages.sort_values(["provision", "k"], kind="stable").reset_index(
        drop=True)
    provision_topic_stages["key"] = provision_topic_stages["topic"] + "@" + provision_topic_stages["stage"]

    sector_rows = [(pos, s, False) for pos, ss in provisions["sectors"].items() for s in ss]
    sector_rows += [(pos, s, True) for pos, ss in provisions["excluded_sectors"].items() for s in ss]
    provision_sectors = pd.DataFrame(sector_rows, columns=["provision", "sector", "excluded"])
    provision_designated = (provisions["designated"].explode().dropna().rename("actor").rename_axis("provision")
                            .reset_index())

    topics = pd.DataFrame(sorted(records.topics.values(), key=lambda t: t["id"]), columns=["id", "title", "stages"])
    anc_rows = []
    for tid in topics["id"]:
        parts = tid.split(".")
        for k in range(1, len(parts) + 1):
            anc_rows.append((tid, ".".join(parts[:k])))
    topic_ancestors = pd.DataFrame(anc_rows, columns=["topic", "ancestor"])
    sectors = pd.DataFrame(sorted(records.sectors.values(), key=lambda s: s["id"]), columns=["id", "title"])

    actor_rows = []
    ref_rows = []
    for aid in sorted(records.actors):
        a = records.actors[aid]
        own = set(a["roles"])
        implied = own | ({KIND_ROLES[a["kind"]]} if a["kind"] in KIND_ROLES else set())
        actor_rows.append({
            "id": aid, "name": a["name"], "kind": a["kind"], "state": a["state"], "roles": tuple(a["roles"]),
            "role_mask": role_mask(own), "kind_role_mask": role_mask(implied),
            "receives_complaints": tuple(a["receives_complaints"]),
        })
        for target, st in a["refers_to"]:
            ref_rows.append({"actor": aid, "target": target, "stages": tuple(st)})
    actors = pd.DataFrame(actor_rows).set_index("id", drop=False)
    actors.index.name = None
    referrals = pd.DataFrame(ref_rows, columns=["actor", "target", "stages"])
    graphs = {}
    for s in STAGES:
        g = nx.DiGraph()
        g.add_nodes_from(actors.index)
        valid = referrals[referrals["stages"].map(lambda st, s=s: not st or s in st)]
        g.add_edges_from(zip(valid["actor"], valid["target"]))
        for aid, rc in actors["receives_complaints"].items():
            g.nodes[aid]["receives"] = s in rc
        graphs[s] = g

    profiles = pd.DataFrame([{"id": p["id"], "title": p["title"], "accepts": tuple(p["accepts"])}
                             for _, p in sorted(records.profiles.items())]).set_index("id", drop=False)
    profiles.index.name = None
    norms = pd.DataFrame([{"profile": pid, "position": k, **n} for pid, p in sorted(records.profiles.items())
                          for k, n in enumerate(p["norms"])],
                         columns=["profile", "position", "topic", "stage", "bearer", "min_strength"])

    instrument_parties = (instruments["parties"].explode().dropna().rename("state").rename_axis("instrument")
                          .reset_index())
    successor = {i["supersedes"]: iid for iid, i in records.instruments.items() if i["supersedes"]}
    succ_rows = []
    for iid in instruments.index:
        later = successor.get(iid)
        seen = {iid}
        while later is not None and later not in seen:
            succ_rows.append((iid, later))
            seen.add(later)
            later = successor.get(later)
    instrument_successors = pd.DataFrame(succ_rows, columns=["instrument", "later"])

    candidates = topic_ancestors.merge(provision_topic_stages, on="topic")
    candidates["protects"] = candidates["effect"] == "protects"
    candidates["restricts"] = ~candidates["protects"]
    candidates = (candidates.groupby(["ancestor", "stage", "provision"], sort=True)[["protects", "restricts"]]
                  .any().reset_index())
    candidates["key"] = candidates["ancestor"] + "@" + candidates["stage"]
    ratifications = _ratification_frame(records)

    return ReferenceCorpus(
        records=records, instruments=instruments, provisions=provisions, provision_topics=provision_topics,
        provision_topic_stages=provision_topic_stages, provision_sectors=provision_sectors,
        provision_designated=provision_designated, topics=topics, topic_ancestors=topic_ancestors,
        sectors=sectors, actors=actors, referrals=referrals, ratifications=ratifications,
        profiles=profiles, norms=norms, instrument_parties=instrument_parties,
        instrument_successors=instrument_successors, lacks=lacks, referral_graphs=graphs, candidates=candidates,
        provision_ratifications=provision_ratifications(provisions, ratifications),
    )


def load(*paths: "str | os.PathLike[str]") -> ReferenceCorpus:
    """Reads corpus folders (or files), later ones laid over earlier ones, into tables.

    >>> corpus = load("corpus/")   # doctest: +SKIP
    """
    if not paths:
        raise TypeError("load() needs at least one folder")
    return build(read_records(paths))
