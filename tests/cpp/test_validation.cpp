// Every validation rule of the loader, each with a bad file: the message and its location.

#include "support.hpp"

#include <algorithm>

using namespace dutymap;
using namespace dutymap::testing;

TEST_CASE("a valid draft over the small corpus has no problem", "[validation]") {
  CHECK(problems_of(instrument_yaml()).empty());
}

TEST_CASE("malformed YAML is reported with its location", "[validation]") {
  // An unclosed bracket is found where the text ends; the message says where it opened.
  require_one(problems_of("instrument:\n  id: [unclosed\n  title: x\n"), 4, 1,
              "YAML syntax error: flow sequence without a closing bracket (it opens at line 2, "
              "column 7)");
}

TEST_CASE("an empty file is an error", "[validation]") {
  require_one(problems_of(""), 0, 0, "file is empty");
  require_one(problems_of("   \n\n"), 0, 0, "file is empty");
  require_one(problems_of("# only a comment\n"), 0, 0, "only comments");
}

TEST_CASE("a file that is not UTF-8 is reported at its first bad byte", "[validation]") {
  require_one(problems_of("instrument:\n  title: caf\xE9\n"), 2, 13, "not valid UTF-8");
  // A byte-order mark is fine.
  CHECK(problems_of("\xEF\xBB\xBF" + instrument_yaml()).empty());
}

TEST_CASE("unknown keys are reported with the nearest valid key", "[validation]") {
  require_one(problems_of(instrument_yaml("  titel: Draft again\n")), 8, 3,
              "unknown key `titel` in instrument; did you mean `title`?");
  auto ps = problems_of(instrument_yaml("", "      article: \"3\"\n      sumary: x\n"));
  const auto hit = std::find_if(ps.begin(), ps.end(), [](const problem& p) {
    return p.message == "unknown key `sumary` in provision; did you mean `summary`?";
  });
  REQUIRE(hit != ps.end());
  CHECK(hit->line == 11);
  CHECK(hit->column == 7);
}

TEST_CASE("an unknown top-level key is reported", "[validation]") {
  require_one(problems_of("instruments:\n  id: x\n"), 1, 1,
              "unknown key `instruments` in a corpus file; did you mean `instrument`?");
}

TEST_CASE("duplicate keys are reported", "[validation]") {
  require_one(problems_of(instrument_yaml("  title: Again\n")), 8, 3,
              "duplicate key `title` in instrument");
}

TEST_CASE("missing required keys are reported", "[validation]") {
  auto ps = problems_of(
      "instrument:\n  id: mou-khm-tha-2026\n  title: x\n  parties: [KHM, THA]\n  source: s\n  "
      "provisions: []\n");
  REQUIRE(ps.size() == 3);
  CHECK(ps[0].line == 2);
  std::string all;
  for (const auto& p : ps) all += p.message + "\n";
  CHECK_THAT(all, Catch::Matchers::Contains("missing required key `kind`"));
  CHECK_THAT(all, Catch::Matchers::Contains("missing required key `level`"));
  // How much of its text was read is required: the validator says what the values mean.
  CHECK_THAT(all, Catch::Matchers::Contains(
                      "missing required key `text` in instrument: how much of its own text was "
                      "read (full, partial, described or none)"));
  require_one(problems_of("instrument:\n  id: x\n  title: x\n  kind: mou\n  level: bilateral\n  "
                          "parties: [KHM, THA]\n  source: s\n  text: full\n"),
              2, 3, "missing required key `provisions`");
}

TEST_CASE("values of the wrong type are reported", "[validation]") {
  require_one(problems_of(instrument_yaml("  notes: [a, b]\n")), 8, 10,
              "expected text for `notes`, got a list");
  require_one(problems_of(instrument_yaml("  binding: maybe\n")), 8, 12,
              "expected `true` or `false` for `binding`");
  require_one(problems_of("actors: {id: KHM}\n"), 1, 9, "expected a list of actors, got a map");
}

TEST_CASE("values outside a fixed vocabulary are reported with the nearest one", "[validation]") {
  SECTION("stage") {
    auto ps = problems_of(instrument_yaml(
        "",
        "      article: \"3\"\n      summary: x\n      modality: obligation\n      strength: "
        "shall\n"
        "      bearers: [employer]\n      stages: [employmnet]\n      topics: [wages.minimum]\n"
        "      provenance: {coded_from: text, source: d, confidence: high}\n"));
    REQUIRE(ps.size() >= 1);
    CHECK(ps[0].line == 15);
    CHECK(ps[0].column == 16);
    CHECK_THAT(ps[0].message,
               Catch::Matchers::Contains("unknown stage `employmnet`; did you mean `employment`?"));
  }
  SECTION("role") {
    auto ps = problems_of(instrument_yaml(
        "",
        "      article: \"3\"\n      summary: x\n      modality: obligation\n      strength: "
        "shall\n"
        "      bearers: [employeer]\n      stages: [employment]\n      topics: [wages.minimum]\n"
        "      provenance: {coded_from: text, source: d, confidence: high}\n"));
    REQUIRE(!ps.empty());
    CHECK(ps[0].line == 14);
    CHECK_THAT(ps[0].message,
               Catch::Matchers::Contains("unknown role `employeer`; did you mean `employer`?"));
  }
  SECTION("modality and strength") {
    auto ps = problems_of(instrument_yaml(
        "",
        "      article: \"3\"\n      summary: x\n      modality: obligaton\n      strength: must\n"
        "      bearers: [employer]\n      stages: [employment]\n      topics: [wages.minimum]\n"
        "      provenance: {coded_from: text, source: d, confidence: high}\n"));
    REQUIRE(ps.size() == 2);
    CHECK(ps[0].line == 12);
    CHECK_THAT(ps[0].message, Catch::Matchers::Contains(
                                  "unknown modality `obligaton`; did you mean `obligation`?"));
    CHECK(ps[1].line == 13);
    CHECK_THAT(ps[1].message, Catch::Matchers::Contains("unknown strength `must`"));
    CHECK_THAT(ps[1].message, Catch::Matchers::Contains("allowed: may, should, shall"));
  }
  SECTION("instrument kind") {
    std::string y = instrument_yaml();
    y.replace(y.find("kind: mou"), 9, "kind: memorandum");
    require_one(problems_of(y), 4, 9, "unknown instrument kind `memorandum`");
  }
}

TEST_CASE("bad dates are reported", "[validation]") {
  require_one(problems_of(instrument_yaml("  adopted: 2015-13-01\n")), 8, 12,
              "bad date `2015-13-01` for `adopted`");
  require_one(problems_of(instrument_yaml("  adopted: 2015-02-30\n")), 8, 12,
              "bad date `2015-02-30`");
  require_one(problems_of(instrument_yaml("  adopted: 10 Dec 2015\n")), 8, 12,
              "write YYYY-MM-DD, YYYY-MM or YYYY");
  CHECK(problems_of(instrument_yaml("  adopted: 2016-02-29\n  expires: 2021\n")).empty());
  require_one(problems_of(instrument_yaml("  adopted: 2016-02-29\n  expires: 2015\n")), 9, 12,
              "expires (2015) before it applies (2016-02-29)");
}

TEST_CASE("dangling references name the nearest valid id", "[validation]") {
  SECTION("topic") {
    auto y = instrument_yaml();
    y.replace(y.find("working_time.weekly_rest"), 24, "wages.minimun");
    require_one(problems_of(y), 16, 16,
                "unknown topic `wages.minimun`; did you mean `wages.minimum`?");
  }
  SECTION("actor as party") {
    auto y = instrument_yaml();
    y.replace(y.find("[KHM, THA]"), 10, "[KHM, TAH]");
    require_one(problems_of(y), 6, 18, "unknown actor `TAH`; did you mean `THA`?");
  }
  SECTION("designated actor") {
    auto ps = problems_of(instrument_yaml(
        "",
        "      article: \"3\"\n      summary: x\n      modality: obligation\n      strength: "
        "shall\n"
        "      bearers: [employer]\n      designated: [KHM.MOLTV]\n      stages: [employment]\n"
        "      topics: [wages.minimum]\n      provenance: {coded_from: text, source: d, "
        "confidence: high}\n"));
    require_one(ps, 15, 20, "unknown actor `KHM.MOLTV`; did you mean `KHM.MOLVT`?");
  }
  SECTION("instrument") {
    require_one(problems_of(instrument_yaml("  supersedes: mou-khm-tha-2051\n")), 8, 15,
                "unknown instrument `mou-khm-tha-2051`; did you mean `mou-khm-tha-2015`?");
  }
  SECTION("sector") {
    require_one(problems_of(instrument_yaml("  scope: {sectors: [domestic_wrok]}\n")), 8, 10,
                "unknown sector `domestic_wrok`; did you mean `domestic_work`?");
  }
  SECTION("topic in a profile") {
    require_one(
        problems_of(
            "profiles:\n  - id: p\n    title: P\n    source: s\n    norms:\n"
            "      - {topic: wages.minimun, stage: employment, bearer: employer, source: s}\n"),
        6, 17, "unknown topic `wages.minimun`; did you mean `wages.minimum`?");
  }
  SECTION("a profile norm at a stage its topic does not belong to") {
    require_one(
        problems_of(
            "profiles:\n  - id: p\n    title: P\n    source: s\n    norms:\n"
            "      - {topic: wages.minimum, stage: transit, bearer: employer, source: s}\n"),
        6, 39, "topic `wages.minimum` does not belong to stage `transit`");
  }
  SECTION("parent topic") {
    require_one(problems_of("topics:\n  - id: housing.rent\n    title: Rent\n    description: d\n  "
                            "  stages: [employment]\n"),
                2, 9, "has no parent topic `housing`");
  }
}

TEST_CASE("duplicate ids are reported, within a layer and across layers", "[validation]") {
  SECTION("within one file") {
    auto ps = problems_of(
        "actors:\n  - {id: LAO, name: Lao PDR, kind: state, source: s}\n"
        "  - {id: LAO, name: Laos, kind: state, source: s}\n");
    require_one(ps, 3, 5, "duplicate actor `LAO`: already defined at bad.yaml:2:5");
  }
  SECTION("across layers, without replaces") {
    require_one(problems_of("actors:\n  - {id: KHM, name: Cambodia, kind: state, source: s}\n"), 2,
                5, "actor `KHM` is already defined in the base corpus; add `replaces: true`");
  }
  SECTION("replaces that replaces nothing") {
    require_one(
        problems_of("actors:\n  - {id: KHN, name: x, kind: state, source: s, replaces: true}\n"), 2,
        5, "says `replaces: true`, but no earlier layer defines it; did you mean `KHM`?");
  }
  SECTION("two provisions with the same citation") {
    auto y = instrument_yaml();
    y.insert(y.rfind("  text: full\n"),
             "    - article: \"3\"\n      summary: again\n      modality: obligation\n      "
             "strength: shall\n"
             "      bearers: [employer]\n      stages: [employment]\n      topics: "
             "[wages.minimum]\n"
             "      provenance: {coded_from: text, source: d, confidence: high}\n");
    require_one(problems_of(y), 18, 7, "duplicate provision id `mou-khm-tha-2026:3`");
  }
}

TEST_CASE("supersedes chains may not loop or change parties", "[validation]") {
  SECTION("changing parties") {
    auto y = instrument_yaml("  supersedes: mou-khm-mys-2015-dw\n");
    require_one(problems_of(y), 8, 15, "supersedes `mou-khm-mys-2015-dw`, which has other parties");
  }
  SECTION("a loop") {
    const std::string a =
        "instrument:\n  id: mou-a\n  title: A\n  kind: mou\n  level: bilateral\n  parties: [KHM, "
        "THA]\n"
        "  supersedes: mou-b\n  source: s\n  provisions: []\n  text: full\n";
    const std::string b =
        "instrument:\n  id: mou-b\n  title: B\n  kind: mou\n  level: bilateral\n  parties: [KHM, "
        "THA]\n"
        "  supersedes: mou-a\n  source: s\n  provisions: []\n  text: full\n";
    auto ps = check_sources({{source_file{"a.yaml", a}, source_file{"b.yaml", b}}}, small());
    REQUIRE(ps.size() == 1);
    CHECK(ps[0].file == "a.yaml");
    CHECK(ps[0].line == 7);
    CHECK_THAT(ps[0].message,
               Catch::Matchers::Contains("`supersedes` chain of `mou-a` loops back on itself"));
  }
}

TEST_CASE("a bilateral instrument has exactly two state parties", "[validation]") {
  auto y = instrument_yaml();
  y.replace(y.find("[KHM, THA]"), 10, "[KHM, THA, MYS]");
  require_one(problems_of(y), 6, 12,
              "bilateral instrument `mou-khm-tha-2026` must have exactly two state parties, has 3");
  auto z = instrument_yaml();
  z.replace(z.find("[KHM, THA]"), 10, "[KHM, KHM.MOLVT]");
  require_one(problems_of(z), 6, 18, "party `KHM.MOLVT` of `mou-khm-tha-2026` is not a state");
}

TEST_CASE("a provision needs a citation, topic, stage and bearer", "[validation]") {
  auto ps = problems_of(
      instrument_yaml("",
                      "      summary: x\n      modality: obligation\n      strength: shall\n"
                      "      provenance: {coded_from: text, source: d, confidence: high}\n"));
  REQUIRE(ps.size() == 4);
  for (const auto& p : ps) CHECK(p.line == 10);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains("has no citation"));
  CHECK_THAT(ps[1].message, Catch::Matchers::Contains("has no bearer"));
  CHECK_THAT(ps[2].message, Catch::Matchers::Contains("has no stage"));
  CHECK_THAT(ps[3].message, Catch::Matchers::Contains("has no topic"));
}

TEST_CASE("secondary coding must quote its passage", "[validation]") {
  auto y = instrument_yaml();
  y.replace(y.find("coded_from: text"), 16, "coded_from: secondary");
  require_one(problems_of(y), 17, 19, "coded from a secondary source but gives no `passage`");
}

TEST_CASE("ratifications: only of ratifiable instruments, only by states", "[validation]") {
  require_one(problems_of("ratifications:\n  - {state: KHM, instrument: mou-khm-tha-2015, "
                          "ratified: 2016, source: s}\n"),
              2, 30, "`mou-khm-tha-2015` is a mou, which cannot be ratified");
  require_one(problems_of("ratifications:\n  - {state: KHM.MOLVT, instrument: ilo-c189, ratified: "
                          "2016, source: s, replaces: false}\n"),
              2, 13, "`KHM.MOLVT` ratifies `ilo-c189` but is not a state");
  require_one(problems_of("ratifications:\n  - {state: MYS, instrument: ilo-c189, ratified: 2016, "
                          "excludes: [Part 3], source: s}\n"),
              2, 66, "`ilo-c189` has no part `Part 3`; did you mean `Part I`?");
  require_one(problems_of("ratifications:\n  - {state: MYS, instrument: ilo-c189, source: s}\n"), 2,
              5, "gives neither `signed` nor `ratified`");
}

TEST_CASE("an annex inherits from its instrument and must agree with it", "[validation]") {
  const auto& c = small();
  const auto& annex = c.get_instrument("mou-khm-mys-2015-dw-contract");
  CHECK(annex.kind == instrument_kind::standard_contract);
  CHECK(annex.parties == std::vector<std::string>{"KHM", "MYS"});
  CHECK(annex.level == level::bilateral);
  CHECK_FALSE(annex.binding);
  CHECK(annex.expires == date::parse("2020-12-10"));
  CHECK(annex.provisions[0].scope.sectors == std::vector<std::string>{"domestic_work"});
  require_one(
      problems_of("instrument:\n  id: annex-x\n  title: x\n  annex_to: mou-khm-mys-2015-dw\n"
                  "  binding: true\n  source: s\n  provisions: []\n  text: full\n"),
      5, 12, "`binding` of annex `annex-x` differs from that of `mou-khm-mys-2015-dw`");
}

TEST_CASE("every problem is reported, not only the first", "[validation]") {
  auto ps = check_sources(
      {{source_file{"a.yaml", "instrument:\n  id: [\n"},
        source_file{"b.yaml", "actors:\n  - {id: XYZ, name: x, kind: planet, source: s}\n"},
        source_file{"c.yaml", ""}}},
      small());
  REQUIRE(ps.size() == 3);
  CHECK(ps[0].file == "a.yaml");
  CHECK(ps[1].file == "b.yaml");
  CHECK(ps[2].file == "c.yaml");
}

TEST_CASE("load throws corpus_error carrying every problem and changes nothing", "[validation]") {
  const corpus before = small();
  try {
    load_sources(
        {{source_file{"bad.yaml", "actors:\n  - {id: KHM, name: x, kind: state, source: s}\n"}}},
        before);
    FAIL("expected corpus_error");
  } catch (const corpus_error& e) {
    REQUIRE(e.problems().size() == 1);
    CHECK_THAT(std::string(e.what()),
               Catch::Matchers::Contains("bad.yaml:2:5: actor `KHM` is already defined"));
  }
  CHECK(before == small());
  CHECK(before.find_actor("KHM")->name == "Kingdom of Cambodia");
}

TEST_CASE("files on disk are reported by path, and a missing path is a problem", "[validation]") {
  auto ps = check({data_dir + "/no-such-folder"}, small());
  REQUIRE(ps.size() == 1);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains("no such file or folder"));
}

TEST_CASE("YAML values: nulls are absent, quoted text is text, aliases share", "[validation]") {
  // A plain `~` or `null`, or nothing, is no value; quoted, it is the word.
  for (const char* absent : {"  notes: ~\n", "  notes: null\n", "  notes:\n"}) {
    const corpus c = load_sources({{source_file{"n.yaml", instrument_yaml(absent)}}}, small());
    CHECK(c.get_instrument("mou-khm-tha-2026").notes.empty());
  }
  const corpus quoted =
      load_sources({{source_file{"q.yaml", instrument_yaml("  notes: \"null\"\n")}}}, small());
  CHECK(quoted.get_instrument("mou-khm-tha-2026").notes == "null");
  // An anchored value read again through its alias.
  const corpus aliased = load_sources(
      {{source_file{
          "a.yaml",
          instrument_yaml("  notes: &words Weekly rest.\n",
                          "      article: \"3\"\n"
                          "      summary: *words\n"
                          "      modality: obligation\n"
                          "      strength: shall\n"
                          "      bearers: [employer]\n"
                          "      stages: [employment]\n"
                          "      topics: [working_time.weekly_rest]\n"
                          "      provenance: {coded_from: text, source: d, confidence: high}\n")}}},
      small());
  const auto& in = aliased.get_instrument("mou-khm-tha-2026");
  CHECK(in.notes == "Weekly rest.");
  CHECK(in.provisions.at(0).summary == "Weekly rest.");
}

TEST_CASE("a second YAML document or an unknown alias is a located problem", "[validation]") {
  require_one(problems_of(instrument_yaml() + "---\nactors: []\n"), 19, 1,
              "a second YAML document starts here");
  const auto ps = problems_of(instrument_yaml("  notes: *nowhere\n"));
  REQUIRE_FALSE(ps.empty());
  CHECK(ps[0].line == 8);
  CHECK_THAT(ps[0].message, Catch::Matchers::Contains("nowhere"));
}

TEST_CASE("a block scalar's text must be indented more than its key", "[validation]") {
  // Text at the key's own indentation is not the block's: YAML ends the (empty) block there.
  require_one(problems_of(instrument_yaml("  notes: >\n  Shared words.\n")), 9, 3,
              "the text of a block scalar (`|` or `>`) must be indented more than its key");
  // Blank lines before the text, and an explicit indentation, are fine.
  const corpus c = load_sources(
      {{source_file{"b.yaml", instrument_yaml("  notes: >-\n\n    Shared\n    words.\n")}}},
      small());
  CHECK(c.get_instrument("mou-khm-tha-2026").notes == "\nShared words.");
  const corpus k = load_sources(
      {{source_file{"k.yaml", instrument_yaml("  notes: |2\n      indented\n")}}}, small());
  CHECK(k.get_instrument("mou-khm-tha-2026").notes == "  indented");
}
