"""The fixed vocabularies of the corpus format, in their canonical order.

The order matters: stages sort in the order a worker lives them, roles and strengths in the order
the format lists them (``may`` < ``should`` < ``shall``), and the statuses in the order the gap
report decides them.
"""

from __future__ import annotations

STAGES: list[str] = ["pre_departure", "transit", "employment", "return"]
STAGE_INDEX: dict[str, int] = {s: i for i, s in enumerate(STAGES)}

ROLES: list[str] = [
    "origin_state",
    "transit_state",
    "destination_state",
    "recruitment_agency",
    "employer",
    "worker",
    "worker_family",
    "worker_organisation",
    "employer_organisation",
    "civil_society",
    "international_organisation",
    "regional_body",
]
ROLE_INDEX: dict[str, int] = {r: i for i, r in enumerate(ROLES)}

STRENGTHS: list[str] = ["may", "should", "shall"]
STRENGTH_INDEX: dict[str, int] = {s: i for i, s in enumerate(STRENGTHS)}

CONFIDENCES: list[str] = ["low", "medium", "high"]
CONFIDENCE_INDEX: dict[str, int] = {c: i for i, c in enumerate(CONFIDENCES)}

STATUSES: list[str] = ["conflict", "binding", "committed", "guidance", "weak", "unassigned", "unknown", "gap"]
STATUS_INDEX: dict[str, int] = {s: i for i, s in enumerate(STATUSES)}

#: How much of an instrument's own text was read; only silence of a ``full`` text is absence.
TEXT_COVERAGES: list[str] = ["full", "partial", "described", "none"]

#: What a row's evidence item is: a deciding provision; for a norm nothing known covers, what is
#: known of each answerable instrument (a source reports it lacking, read in full, not read).
EVIDENCE_KINDS: list[str] = ["provision", "reported_lack", "read_in_full", "not_read"]

#: The weight of each status in the coverage index (docs/gaps.md); ``unknown`` has none: it is
#: neither covered nor a gap, and is left out.
COVERAGE_WEIGHTS: dict[str, float] = {"conflict": -0.5, "binding": 1.0, "committed": 0.6, "guidance": 0.3,
                                      "weak": 0.3, "unassigned": 0.2, "gap": 0.0}

#: Tiers of an instrument, coded like the statuses they give (binding 1, committed 2, guidance 3).
BINDING, COMMITTED, GUIDANCE = 1, 2, 3

#: Kinds that states become bound by through ratification.
RATIFIABLE_KINDS = frozenset({"convention", "protocol"})
#: Kinds that bind their parties unless the file says otherwise.
BINDING_BY_DEFAULT = frozenset({"convention", "protocol", "bilateral_agreement", "national_law"})
#: Kinds that are guidance whatever their `binding` flag says.
GUIDANCE_KINDS = frozenset({"recommendation", "guidelines"})

#: Roles an actor plays by its kind when it lists none of its own.
KIND_ROLES: dict[str, str] = {
    "union": "worker_organisation",
    "ngo": "civil_society",
    "international_organisation": "international_organisation",
    "regional_body": "regional_body",
    "employer": "employer",
}

#: The relations `diff` names, in the order its checks run.
RELATIONS: list[str] = [
    "equivalent",
    "only_in_a",
    "only_in_b",
    "opposite",
    "different_bearer",
    "weaker_in_a",
    "weaker_in_b",
    "qualified_in_a",
    "qualified_in_b",
    "narrower_in_a",
    "narrower_in_b",
    "unknown_in_a",
    "unknown_in_b",
]


def role_mask(roles: "list[str] | tuple[str, ...] | set[str] | frozenset[str]") -> int:
    """The roles as a bit mask (bit i for ``ROLES[i]``)."""
    mask = 0
    for r in roles:
        mask |= 1 << ROLE_INDEX[r]
    return mask
