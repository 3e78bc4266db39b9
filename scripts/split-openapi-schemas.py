#!/usr/bin/env python3
"""Splits the generator's one schemas file into one file per feature (a room each), as
`extension Components.Schemas { … }`; the original file keeps only the namespace. Called by
scripts/gen-openapi-types.sh. A schema no file claims stops the script: add it to FILES."""
import re
import sys

FILES = {
    "Support": ["Problem", "FieldProblem", "Identifiers"],
    "Orgs": ["OrgKind", "OrgStatus", "Approval", "UnitNature", "OrgFlags", "Org", "OrgList", "OrgSummary", "OrgEvent"],
    "OrgInput": ["OrgFlagsInput", "OrgCreate", "OrgPatch"],
    "Members": ["MemberStatus", "EmploymentType", "Member", "MemberEvent", "MembershipOnDate", "TransferState", "Decision", "Transfer"],
    "MemberInput": ["MemberCreate", "MemberPatch"],
    "Auth": ["Role", "User", "Permissions", "Me", "Login"],
    "Audit": ["AuditEntry", "AuditVerification"],
    "Statistics": ["AnnualReport", "CollectiveContract"],
    "Hardship": ["HardshipStage", "HardshipCategory", "HardshipArchive", "HardshipArchiveSummary", "HardshipEvent", "HardshipAttachment"],
    "HardshipInput": ["SubsistenceLine", "HardshipDetails", "HardshipFamilyMemberInput", "HardshipArchiveCreate", "HardshipArchiveRevision"],
    "Cycles": ["Program", "GrantRule", "Cycle", "Budget"],
    "Grants": ["Grant", "PaymentBatch", "AssistanceReportRow", "AssistanceReport", "GrantsMade", "GrantEvent", "BankResultSummary"],
    "Disputes": ["DisputeChannel", "DisputeRequestKind", "DisputeType", "DisputeCaseState", "DisputeOutcome", "DisputeEmployer",
                 "DisputeWorker", "DisputeClaim", "AgreementTerm", "DisputeCase", "DisputeEvent"],
    "DisputeInput": ["DisputeWorkerInput", "DisputeIntake", "DisputeActionInput", "PolicyRule", "CalendarDay", "MinimumWage"],
    "Mediators": ["Mediator", "MediatorRole", "MediatorInput"],
    "Rights": ["CountedKind", "RightsFigures"],
    "MutualAid": ["MutualAidEnrollmentInput", "MutualAidEnrollmentResult", "MutualAidFiguresRow", "MutualAidBreakdown", "MutualAidFigures", "MutualAidClaim"],
    "RightsCases": ["RiskAlert", "LegalAidApplication"],
    "Card": ["CardMeasuresRow", "CardMeasures", "SleepingCard", "CardUsageInput", "CardUsageResult", "CardMerchant"],
    "Loans": ["Loan", "LoanInstalment", "LoanRepayment", "LoanDetail", "LoanFiguresRow", "LoanFigures", "LoanRepaymentsInput", "LoanRepaymentsResult"],
    "Supervision": ["SupervisionLetter", "Supervision"],
    "Mediation": ["ArbitrationInput", "Arbitration", "DisputePaper", "MediationParticularsInput", "MediationSessionInput", "MediationSession", "MediationDocumentLink", "MediationRecord"],
}

folder = sys.argv[1]
path = f"{folder}/Types+Components+Schemas.swift"
lines = open(path, encoding="utf-8").read().split("\n")
opening = lines.index("extension Components {")
header = lines[:opening]
assert lines[opening + 2] == "    package enum Schemas {", "unexpected layout of the generated schemas"
body = lines[opening + 3:]
# The body ends with the two closing braces of `enum Schemas` and `extension Components`.
while body and body[-1] == "":
    body.pop()
assert body[-2:] == ["    }", "}"], "unexpected end of the generated schemas"
body = body[:-2]

# Each schema: its doc comment lines and its declaration, up to the next schema's comments.
decl = re.compile(r"^        (?:@frozen )?package (?:struct|enum|typealias) (\w+)")
blocks, current, name = {}, [], None
for line in body:
    m = decl.match(line)
    if m:
        comments = []
        while current and current[-1].startswith("        ///"):
            comments.insert(0, current.pop())
        if name:
            blocks[name] = current
        current, name = comments + [line], m.group(1)
    else:
        current.append(line)
if name:
    blocks[name] = current

claimed = {n for names in FILES.values() for n in names}
unclaimed = sorted(set(blocks) - claimed)
if unclaimed:
    sys.exit(f"split-openapi-schemas.py: no file claims {', '.join(unclaimed)}: add them to FILES")
for room, names in FILES.items():
    out = header + ["extension Components.Schemas {"]
    for n in names:
        if n not in blocks:
            sys.exit(f"split-openapi-schemas.py: {n} is no longer in openapi.yaml: take it out of FILES")
        out += [l[4:] if l.startswith("    ") else l for l in blocks[n]]
    out += ["}", ""]
    open(f"{folder}/Schemas+{room}.swift", "w", encoding="utf-8").write("\n".join(out))
namespace = header + ["extension Components {",
                      "    /// Types generated from the `#/components/schemas` section of the OpenAPI document, one file per feature (Schemas+….swift).",
                      "    package enum Schemas {}", "}", ""]
open(path, "w", encoding="utf-8").write("\n".join(namespace))
