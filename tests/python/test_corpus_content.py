"""The built-in corpus holds what its sources say: the LMP review's findings on each MOU, the
taxonomy, ratifications, actors and profiles, every provision with its citation and provenance."""

from __future__ import annotations

import re

import pytest

REQUIRED_TOPICS = """recruitment.fees recruitment.licensing recruitment.advertising
contract.written_before_departure contract.standard_contract information.pre_departure_orientation
skills.training documents.worker_keeps_passport transit.safe_passage wages.minimum
wages.equal_treatment wages.payment_schedule wages.no_unlawful_deduction wages.overtime_pay
working_time.hours working_time.weekly_rest working_time.annual_leave social_security.insurance
social_security.portability association.join_union mobility.change_employer termination.by_worker
complaints.mechanism justice.access consular.assistance forced_labour.protection repatriation.cost
skills.certification reintegration.services data.sex_disaggregated welfare_fund""".split()

REQUIRED_INSTRUMENTS = """ilo-c19 ilo-c29 ilo-p029 ilo-c87 ilo-c97 ilo-c98 ilo-c100 ilo-c105 ilo-c111
ilo-c138 ilo-c143 ilo-c181 ilo-c182 ilo-c187 ilo-c188 ilo-c189 ilo-r188 ilo-r201
ilo-fair-recruitment-2016 un-icrmw asean-consensus-2017 asean-declaration-2007 khm-lmp-2014
khm-subdecree-190-2011 mou-khm-tha-2003 mou-khm-tha-2015 mou-khm-mys-2015-dw
mou-khm-mys-2015-dw-contract mou-khm-mys-2015-gw mou-khm-mys-2015-gw-contract mou-khm-sau-2016""".split()

ASEAN = ["BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"]


def coverage(corpus, *instrument_ids):
    """Topic -> set of effects, over instruments and their annexes."""
    out: dict[str, set[str]] = {}
    ids = list(instrument_ids)
    for i in instrument_ids:
        ids += corpus.annexes(i)
    for i in ids:
        for p in corpus.instrument(i).provisions:
            for topic, effect in p.topics.items():
                out.setdefault(topic, set()).add(effect)
    return out


def test_malaysia_domestic_workers_mou_as_the_lmp_review_describes_it(corpus):
    cov = coverage(corpus, "mou-khm-mys-2015-dw")
    for topic in [
        "documents.worker_keeps_passport",
        "working_time.weekly_rest",
        "social_security.insurance",
        "wages.payment_schedule",
        "wages.no_unlawful_deduction",
        "termination.by_worker",
    ]:
        assert "protects" in cov.get(topic, ()), topic
    for topic in ["working_time.hours", "social_security.portability", "skills.certification", "wages.minimum"]:
        assert topic not in cov, topic
    assert cov["mobility.change_employer"] == {"restricts"}
    assert cov["repatriation.cost"] == {"restricts"}
    contract = corpus.instrument("mou-khm-mys-2015-dw-contract")
    assert contract.annex_to == "mou-khm-mys-2015-dw" and contract.kind == "standard_contract"
    assert contract.scope.sectors == ["domestic_work"]


def test_malaysia_general_workers_mou_as_the_lmp_review_describes_it(corpus):
    cov = coverage(corpus, "mou-khm-mys-2015-gw")
    for topic in [
        "working_time.hours",
        "wages.payment_schedule",
        "wages.overtime_pay",
        "working_time.weekly_rest",
        "social_security.insurance",
        "documents.worker_keeps_passport",
    ]:
        assert cov.get(topic) == {"protects"}, topic
    for topic in ["social_security.portability", "skills.certification", "wages.minimum"]:
        assert topic not in cov, topic
    assert "domestic_work" in corpus.instrument("mou-khm-mys-2015-gw-contract").scope.excluded_sectors
    assert corpus.instrument("mou-khm-mys-2015-gw").adopted == "2015-12-10"


def test_revised_thailand_mou_lacks_what_the_review_says_it_lacks(corpus):
    assert corpus.revision_chain("mou-khm-tha-2015")[:2] == ["mou-khm-tha-2003", "mou-khm-tha-2015"]
    cov = coverage(corpus, "mou-khm-tha-2015")
    for topic in [
        "working_time.weekly_rest",
        "working_time.hours",
        "social_security.portability",
        "skills.certification",
        "wages.minimum",
    ]:
        assert topic not in cov, topic


def test_secondary_coding_of_the_mous_quotes_the_review(corpus):
    seed = "001_f9b74ad6f969ad03.txt"
    for i in ["mou-khm-mys-2015-dw-contract", "mou-khm-mys-2015-gw-contract"]:
        for p in corpus.instrument(i).provisions:
            assert p.provenance.coded_from == "secondary"
            assert seed in p.provenance.source
            assert p.provenance.passage
    passages = {p.provenance.passage for p in corpus.instrument("mou-khm-mys-2015-dw-contract").provisions}
    assert "1 rest day per week" in passages


def test_every_provision_has_a_citation_and_provenance(corpus):
    assert len(corpus.provisions) >= 250
    for p in corpus.provisions:
        assert p.article or p.chapter, p.id
        assert p.summary and p.provenance.source, p.id
        assert re.search(r"(Art\.|Ch\.|\S)", p.citation)
        if p.provenance.coded_from == "secondary":
            assert p.provenance.passage, p.id
        assert p.bearers and p.stages and p.topics, p.id


def test_articles_are_not_invented_for_the_asean_consensus(corpus):
    consensus = corpus.instrument("asean-consensus-2017")
    assert consensus.provisions
    # Paragraph numbers only where a source read quotes the paragraph with its number (TWC2's
    # quotations of 9, 12, 13 and 15); everything else cites its chapter, or says that no source
    # places it.
    quoted = {"Para 9", "Para 12", "Para 13", "Para 15"}
    for p in consensus.provisions:
        assert p.article in quoted | {"", "clause not identified"}, p.id
        assert p.article or p.chapter, p.id
        assert p.provenance.confidence != "high"
        if p.article in quoted:
            assert "twc2.org.sg" in p.provenance.source and p.provenance.passage, p.id
    assert {p.article for p in consensus.provisions} >= quoted


def test_taxonomy(corpus):
    ids = {t.id for t in corpus.topics}
    assert len([t for t in corpus.topics if "." in t.id]) >= 60
    assert set(REQUIRED_TOPICS) <= ids
    for t in corpus.topics:
        assert t.title and len(t.description) > 40 and t.stages, t.id


def test_instruments_and_actors(corpus):
    ids = {i.id for i in corpus.instruments}
    assert set(REQUIRED_INSTRUMENTS) <= ids
    for i in corpus.instruments:
        assert i.source, i.id
    actors = {a.id for a in corpus.actors}
    assert set(ASEAN) <= actors
    for a in ["KHM.MOLVT", "KHM.MOI", "KHM.MOFAIC", "KHM.MOWA", "KHM.MOSVY", "KHM.NCCT", "KHM.NEA", "KHM.ACRA"]:
        assert a in actors
        assert corpus.actor(a).state == "KHM"
    molvt = corpus.actor("KHM.MOLVT")
    assert any(o.role == "recruitment_agency" or o.actor for o in molvt.oversees)


def test_ratifications_are_sourced_and_cover_the_asean_states(corpus):
    df = corpus.ratifications()
    assert set(df.state) >= set(ASEAN) - {"BRN"} or set(df.state) >= set(ASEAN)
    assert (df.source.str.len() > 0).all()
    tha = corpus.ratifications("THA").set_index("instrument")
    assert tha.loc["ilo-c29", "ratified"] == "1969-02-26"
    assert tha.loc["ilo-p029", "ratified"].startswith("2018")
    mys = corpus.ratifications("MYS").set_index("instrument")
    assert mys.loc["ilo-c105", "status"] == "denounced"
    assert mys.loc["ilo-c97", "limited_to"] == ["Sabah"]
    icrmw = corpus.ratifications(instrument="un-icrmw").set_index("state")
    assert icrmw.loc["KHM", "status"] == "signed"
    assert icrmw.loc["PHL", "status"] == "ratified"


@pytest.mark.parametrize(
    "profile", ["asean-consensus-2017", "ilo-migrant-core", "ilo-fair-recruitment", "khm-lmp-2014-mou-minimum"]
)
def test_profiles_exist_with_sourced_norms(corpus, profile):
    p = corpus.profile(profile)
    assert p.norms and p.source
    for n in p.norms:
        assert n.source


def test_lmp_minimum_profile(corpus):
    p = corpus.profile("khm-lmp-2014-mou-minimum")
    assert set(p.accepts) == {"bilateral_agreement", "mou", "standard_contract"}
    topics = {n.topic for n in p.norms}
    assert {
        "recruitment.fees",
        "social_security.portability",
        "skills.certification",
        "wages.minimum",
        "working_time.weekly_rest",
        "working_time.hours",
        "contract.standard_contract",
    } <= topics
    assert topics & {"conditions.accommodation", "conditions.occupational_safety"}
