"""SARIF 2.1.0 output, checked against the schema's object shapes and GitHub code scanning's rules,
then field by field against the Run it came from."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from auditor.baseline import finding_fingerprints
from auditor.cli import main
from auditor.config import Policy
from auditor.engine import Run, audit_paths
from auditor.findings import Category, CorpusFinding, Severity, Span
from auditor.outputs import relpath, sarif

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
LEVEL = {"high": "error", "medium": "warning", "low": "note"}

# Properties each SARIF object may have (the 2.1.0 schema sets additionalProperties: false on all
# of them except property bags) and the ones it must have.
ALLOWED = {
    "log": {"$schema", "version", "runs", "inlineExternalProperties", "properties"},
    "run": {"tool", "invocations", "conversion", "language", "versionControlProvenance",
            "originalUriBaseIds", "artifacts", "logicalLocations", "graphs", "results",
            "automationDetails", "runAggregates", "baselineGuid", "redactionTokens", "defaultEncoding",
            "defaultSourceLanguage", "newlineSequences", "columnKind", "externalPropertyFileReferences",
            "threadFlowLocations", "taxonomies", "addresses", "translations", "policies", "webRequests",
            "webResponses", "specialLocations", "properties"},
    "tool": {"driver", "extensions", "properties"},
    "toolComponent": {"guid", "name", "organization", "product", "productSuite", "shortDescription",
                      "fullDescription", "fullName", "version", "semanticVersion",
                      "dottedQuadFileVersion", "releaseDateUtc", "downloadUri", "informationUri",
                      "globalMessageStrings", "notifications", "rules", "taxa", "locations", "language",
                      "contents", "isComprehensive", "localizedDataSemanticVersion",
                      "minimumRequiredLocalizedDataSemanticVersion", "associatedComponent",
                      "translationMetadata", "supportedTaxonomies", "properties"},
    "reportingDescriptor": {"id", "deprecatedIds", "guid", "deprecatedGuids", "name", "deprecatedNames",
                            "shortDescription", "fullDescription", "messageStrings",
                            "defaultConfiguration", "helpUri", "help", "relationships", "properties"},
    "multiformatMessageString": {"text", "markdown", "properties"},
    "reportingConfiguration": {"enabled", "level", "rank", "parameters", "properties"},
    "invocation": {"commandLine", "arguments", "responseFiles", "startTimeUtc", "endTimeUtc", "exitCode",
                   "ruleConfigurationOverrides", "notificationConfigurationOverrides",
                   "toolExecutionNotifications", "toolConfigurationNotifications",
                   "exitCodeDescription", "exitSignalName", "exitSignalNumber",
                   "processStartFailureMessage", "executionSuccessful", "machine", "account",
                   "processId", "executableLocation", "workingDirectory", "environmentVariables",
                   "stdin", "stdout", "stderr", "stdoutStderr", "properties"},
    "notification": {"locations", "message", "level", "threadId", "timeUtc", "exception", "descriptor",
                     "associatedRule", "properties"},
    "result": {"ruleId", "ruleIndex", "rule", "kind", "level", "message", "analysisTarget", "locations",
               "guid", "correlationGuid", "occurrenceCount", "partialFingerprints", "fingerprints",
               "stacks", "codeFlows", "graphs", "graphTraversals", "relatedLocations", "suppressions",
               "baselineState", "rank", "attachments", "hostedViewerUri", "workItemUris", "provenance",
               "fixes", "taxa", "webRequest", "webResponse", "properties"},
    "message": {"text", "markdown", "id", "arguments", "properties"},
    "location": {"id", "physicalLocation", "logicalLocations", "message", "annotations", "relationships",
                 "properties"},
    "physicalLocation": {"address", "artifactLocation", "region", "contextRegion", "properties"},
    "artifactLocation": {"uri", "uriBaseId", "index", "description", "properties"},
    "region": {"startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength",
               "byteOffset", "byteLength", "snippet", "message", "sourceLanguage", "properties"},
}
LEVELS = {"none", "note", "warning", "error"}


def _obj(value, kind: str, where: str, required=()) -> dict:
    assert isinstance(value, dict), f"{where}: not an object"
    extra = set(value) - ALLOWED[kind]
    assert not extra, f"{where}: properties the schema does not allow: {extra}"
    for key in required:
        assert key in value, f"{where}: missing {key}"
    if "properties" in value:
        assert isinstance(value["properties"], dict)
        tags = value["properties"].get("tags", [])
        assert isinstance(tags, list) and len(tags) == len(set(tags)) and all(isinstance(t, str) for t in tags)
    return value


def _text(value, kind: str, where: str) -> None:
    _obj(value, kind, where, ["text"] if kind == "multiformatMessageString" else ())
    assert isinstance(value.get("text"), str) and value["text"].strip(), f"{where}: empty text"


def _location(loc, where: str, n_related=None) -> None:
    _obj(loc, "location", where)
    if "id" in loc:
        assert isinstance(loc["id"], int) and loc["id"] >= -1
    phys = _obj(loc["physicalLocation"], "physicalLocation", where + ".physicalLocation", ["artifactLocation"])
    art = _obj(phys["artifactLocation"], "artifactLocation", where + ".artifactLocation", ["uri"])
    uri = art["uri"]
    # GitHub needs stable paths relative to the repository: no scheme, no leading slash, no backslash
    assert isinstance(uri, str) and uri and "\\" not in uri and not uri.startswith("./")
    if re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*:", uri):
        assert uri.startswith("file:///")   # a file outside the working directory
    else:
        assert not uri.startswith("/")
    # a valid URI reference: nothing outside RFC 3986's characters
    assert re.fullmatch(r"[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+", uri), uri
    if "region" in phys:
        reg = _obj(phys["region"], "region", where + ".region", ["startLine"])
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            if key in reg:
                assert isinstance(reg[key], int) and reg[key] >= 1, f"{where}: {key} {reg.get(key)}"
        assert reg.get("endLine", reg["startLine"]) >= reg["startLine"]
        if reg.get("endLine", reg["startLine"]) == reg["startLine"] and "endColumn" in reg:
            assert reg["endColumn"] > reg.get("startColumn", 1)
    if "message" in loc:
        _text(loc["message"], "message", where + ".message")


def validate(doc: dict) -> None:
    """The structure the SARIF 2.1.0 schema and GitHub code scanning require."""
    _obj(doc, "log", "log", ["version", "runs"])
    assert doc["version"] == "2.1.0"
    assert doc["$schema"].startswith("https://") and doc["$schema"].endswith("sarif-schema-2.1.0.json")
    assert isinstance(doc["runs"], list) and len(doc["runs"]) == 1
    run = _obj(doc["runs"][0], "run", "run", ["tool", "results"])
    assert run.get("columnKind") in (None, "utf16CodeUnits", "unicodeCodePoints")
    driver = _obj(_obj(run["tool"], "tool", "tool", ["driver"])["driver"], "toolComponent", "driver", ["name"])
    if "informationUri" in driver:
        assert driver["informationUri"].startswith(("https://", "http://"))
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids)), "duplicate rule ids"
    for i, r in enumerate(rules):
        w = f"rules[{i}]"
        _obj(r, "reportingDescriptor", w, ["id"])
        # GitHub shows these on every alert
        _text(r["shortDescription"], "multiformatMessageString", w + ".shortDescription")
        _text(r["fullDescription"], "multiformatMessageString", w + ".fullDescription")
        _text(r["help"], "multiformatMessageString", w + ".help")
        conf = _obj(r["defaultConfiguration"], "reportingConfiguration", w + ".defaultConfiguration")
        assert conf["level"] in LEVELS
    for inv in run.get("invocations", []):
        _obj(inv, "invocation", "invocation", ["executionSuccessful"])
        assert isinstance(inv["executionSuccessful"], bool)
        for j, n in enumerate(inv.get("toolExecutionNotifications", [])):
            _obj(n, "notification", f"notification[{j}]", ["message"])
            _text(n["message"], "message", f"notification[{j}].message")
            assert n.get("level", "warning") in LEVELS
            for k, loc in enumerate(n.get("locations", [])):
                _location(loc, f"notification[{j}].locations[{k}]")
    results = run["results"]
    assert len(results) <= 25_000            # GitHub's limit a run
    for i, res in enumerate(results):
        w = f"results[{i}]"
        _obj(res, "result", w, ["message"])
        _text(res["message"], "message", w + ".message")
        assert res.get("level", "warning") in LEVELS
        assert isinstance(res["ruleId"], str)
        idx = res.get("ruleIndex", -1)
        assert isinstance(idx, int) and idx >= -1
        if idx >= 0:
            assert rules[idx]["id"] == res["ruleId"]
        assert 1 <= len(res["locations"]) <= 10, "GitHub needs a location (and uses the first)"
        for k, loc in enumerate(res["locations"]):
            _location(loc, f"{w}.locations[{k}]")
        related = res.get("relatedLocations", [])
        assert len({json.dumps(x, sort_keys=True) for x in related}) == len(related)   # uniqueItems
        for k, loc in enumerate(related):
            _location(loc, f"{w}.relatedLocations[{k}]")
        for links in re.findall(r"\]\((\d+)\)", res["message"]["text"]):
            assert int(links) in {loc.get("id") for loc in related}
        fps = res.get("partialFingerprints", {})
        assert isinstance(fps, dict) and all(isinstance(v, str) for v in fps.values())
    json.dumps(doc, allow_nan=False)


# ---- helpers -----------------------------------------------------------------------------------

@pytest.fixture
def workdir(tmp_path, monkeypatch):
    for name in ("01_boilerplate.txt", "02_captions.txt", "07_clean.txt"):
        shutil.copy(SAMPLES / name, tmp_path / name)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "wrapped.txt").write_text(
        "The talks ended.\n\nThese were the details of the news Talks end in Geneva for this day. "
        "We hope that\nwe have succeeded by giving you the full details and information.\n",
        encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _sarif(run) -> dict:
    return json.loads(sarif.render(run))


# ---- the tests ---------------------------------------------------------------------------------

def check_fields(run, doc) -> None:
    """Every rule and every finding of ``run`` in ``doc``, field by field."""
    r0 = doc["runs"][0]
    driver = r0["tool"]["driver"]
    assert driver["name"] == "auditor" and driver["version"] == sarif.__version__
    assert r0["columnKind"] == "unicodeCodePoints"
    # every rule, each described as `audit explain` does
    assert [r["id"] for r in driver["rules"]] == sorted(run.rules)
    for r in driver["rules"]:
        rule = run.rules[r["id"]]
        assert r["name"] == rule.name
        assert r["shortDescription"]["text"] == rule.message
        assert r["fullDescription"]["text"] == rule.what
        assert rule.why in r["help"]["text"] and rule.why in r["help"]["markdown"]
        assert r["help"]["markdown"].startswith(f"**{rule.code} ({rule.name})**")
        assert r["defaultConfiguration"]["level"] == LEVEL[rule.severity.value]
        assert r["properties"]["category"] == rule.category.value
        assert r["properties"]["fixable"] is rule.fixable
    # one result per finding, in order, field by field
    findings = [(a, f) for a in run.articles for f in a.findings]
    results = r0["results"][:len(findings)]
    assert len(results) == len(findings)
    lines = {a.path: a.text.split("\n") for a in run.articles}
    for res, (a, f) in zip(results, findings):
        assert res["ruleId"] == f.rule
        assert driver["rules"][res["ruleIndex"]]["id"] == f.rule
        assert res["level"] == LEVEL[f.severity.value]
        assert res["message"]["text"].startswith(f.message)
        loc = res["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == relpath(a.path) == a.path.replace("\\", "/")
        reg = loc["region"]
        assert (reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]) == \
            (f.line, f.column, f.end_line, f.end_column)
        # the region addresses exactly the matched text (1-based, endColumn exclusive)
        src = lines[a.path][reg["startLine"] - 1:reg["endLine"]]
        src[-1] = src[-1][:reg["endColumn"] - 1]
        src[0] = src[0][reg["startColumn"] - 1:]
        assert "\n".join(src) == f.text
        assert res["properties"]["category"] == f.category.value
        assert res["properties"]["fixable"] is f.fixable
        assert res["properties"]["confidence"] == round(f.confidence, 2)
    assert len(r0["results"]) == len(findings) + len(run.corpus_findings)
    for res, c in zip(r0["results"][len(findings):], run.corpus_findings):
        assert res["ruleId"] == c.rule and res["properties"]["corpus"] is True
        uris = [loc["physicalLocation"]["artifactLocation"]["uri"]
                for loc in res["locations"] + res.get("relatedLocations", [])]
        assert sorted(uris) == sorted(relpath(s.path) for s in c.spans)


def test_structure_and_fields(workdir):
    run = audit_paths(["01_boilerplate.txt", "02_captions.txt", "07_clean.txt", "sub"],
                      Policy(select=["BP", "DC"]))
    doc = _sarif(run)
    validate(doc)
    check_fields(run, doc)
    assert doc["runs"][0]["invocations"] == [{"executionSuccessful": True}]
    assert len(doc["runs"][0]["results"]) == sum(len(a.findings) for a in run.articles) > 0
    # a finding over two lines (a hard-wrapped paragraph)
    wrapped = [res for res in doc["runs"][0]["results"]
               if res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "sub/wrapped.txt"]
    assert len(wrapped) == 1
    assert wrapped[0]["locations"][0]["physicalLocation"]["region"] == {
        "startLine": 3, "startColumn": 1, "endLine": 4, "endColumn": 66}


def test_every_sample_with_every_rule(monkeypatch):
    monkeypatch.chdir(SAMPLES.parent)
    run = audit_paths(["samples"], Policy())
    doc = _sarif(run)
    validate(doc)
    check_fields(run, doc)


def test_fingerprints_are_stable_across_edits(workdir):
    run = audit_paths(["01_boilerplate.txt"], Policy(select=["BP", "DC"]))
    before = _sarif(run)["runs"][0]["results"]
    p = workdir / "01_boilerplate.txt"
    text = p.read_text(encoding="utf-8")
    anchor = "The Dutch minister"
    p.write_text(text.replace(anchor, "An added paragraph, written by the desk on Tuesday.\n\n" + anchor),
                 encoding="utf-8")
    after = _sarif(audit_paths(["01_boilerplate.txt"], Policy(select=["BP", "DC"])))["runs"][0]["results"]
    key = "primaryLocationLineHash"
    assert [r["partialFingerprints"][key] for r in before] == [r["partialFingerprints"][key] for r in after]
    line = text[:text.index(anchor)].count("\n") + 1
    start = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in before]
    assert [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in after] == \
        [n + 2 if n >= line else n for n in start]
    assert any(n >= line for n in start) and any(n < line for n in start)
    fps = [r["partialFingerprints"][key] for r in before]
    assert len(set(fps)) == len(fps)
    assert fps == finding_fingerprints("01_boilerplate.txt", run.articles[0].findings)
    assert all(r["partialFingerprints"][sarif.FINGERPRINT_KEY] == r["partialFingerprints"][key] for r in before)


def test_corpus_findings_and_errors(workdir):
    run = audit_paths(["01_boilerplate.txt", "missing.txt"], Policy(select=["BP", "DC"]))
    cf = CorpusFinding(
        "BP001", "ad-placeholder", Category.SYNDICATION, Severity.MEDIUM, "Passage copied across articles",
        [Span("sub/wrapped.txt", 0, 16, "The talks ended.", 1, 1),
         Span("01_boilerplate.txt", 75, 88, "ADVERTISEMENT", 3, 1)], suggestion="credit the source")
    run.corpus_findings = [cf]
    doc = _sarif(run)
    validate(doc)
    r0 = doc["runs"][0]
    res = r0["results"][-1]
    assert res["ruleId"] == "BP001" and res["level"] == "warning" and res["properties"]["corpus"] is True
    primary = res["locations"][0]["physicalLocation"]
    assert primary["artifactLocation"]["uri"] == "01_boilerplate.txt"
    assert primary["region"] == {"startLine": 3, "startColumn": 1, "endLine": 3, "endColumn": 14}
    rel = res["relatedLocations"]
    assert [(x["id"], x["physicalLocation"]["artifactLocation"]["uri"]) for x in rel] == [(1, "sub/wrapped.txt")]
    assert rel[0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1, "endLine": 1, "endColumn": 17}
    assert res["message"]["text"] == ("Passage copied across articles (suggest: credit the source); "
                                      "also in [sub/wrapped.txt:1](1)")
    assert res["properties"]["paths"] == ["01_boilerplate.txt", "sub/wrapped.txt"]
    inv = r0["invocations"][0]
    assert inv["executionSuccessful"] is False
    note = inv["toolExecutionNotifications"][0]
    assert note["level"] == "error" and note["message"]["text"] == "no such file or directory"
    assert note["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "missing.txt"


def test_too_many_results_keeps_the_most_severe(workdir, monkeypatch):
    run = audit_paths(["01_boilerplate.txt"], Policy(select=["BP", "DC"]))
    monkeypatch.setattr(sarif, "MAX_RESULTS", 5)
    doc = _sarif(run)
    validate(doc)
    results = doc["runs"][0]["results"]
    assert len(results) == 5 and {r["level"] for r in results} == {"error"}
    lines = [r["locations"][0]["physicalLocation"]["region"]["startLine"] for r in results]
    assert lines == sorted(lines)
    note = doc["runs"][0]["invocations"][0]["toolExecutionNotifications"][-1]
    assert note["level"] == "warning" and note["message"]["text"].startswith(
        f"{sum(len(a.findings) for a in run.articles) - 5} less severe result(s) left out")


def test_empty_run_and_determinism(workdir):
    run = audit_paths(["07_clean.txt"], Policy())
    doc = _sarif(run)
    validate(doc)
    assert doc["runs"][0]["results"] == []
    assert sarif.render(run) == sarif.render(audit_paths(["07_clean.txt"], Policy()))


def test_cli_writes_sarif_file(workdir):
    r = CliRunner().invoke(main, ["01_boilerplate.txt", "-f", "sarif", "-o", "out/audit.sarif", "--no-report"])
    assert r.exit_code == 1 and r.stdout == ""
    doc = json.loads((workdir / "out" / "audit.sarif").read_text(encoding="utf-8"))
    validate(doc)
    run = audit_paths(["01_boilerplate.txt"], Policy())
    check_fields(run, doc)


def test_information_uri_from_metadata(monkeypatch):
    class Meta:
        def get_all(self, key):
            return ["Homepage, https://example.org/auditor"] if key == "Project-URL" else None

        def get(self, key):
            return None

    monkeypatch.setattr(sarif.metadata, "metadata", lambda name: Meta())
    assert sarif.information_uri() == "https://example.org/auditor"
    run = Run(articles=[], corpus_findings=[], errors=[], rules={}, policy=Policy())
    doc = _sarif(run)
    validate(doc)
    assert doc["runs"][0]["tool"]["driver"]["informationUri"] == "https://example.org/auditor"


@pytest.mark.parametrize("break_it", [
    lambda d: d["runs"][0]["results"][0].update(extra=1),
    lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"].update(startColumn=0),
    lambda d: d["runs"][0]["results"][0].update(level="fatal"),
    lambda d: d["runs"][0]["results"][0].update(ruleIndex=1),
    lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].update(
        uri="/abs/path.txt"),
    lambda d: d["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"].update(
        uri="a b.txt"),
    lambda d: d["runs"][0]["results"][0].update(locations=[]),
    lambda d: d["runs"][0]["tool"]["driver"]["rules"][0].pop("help"),
    lambda d: d["runs"][0]["results"][0]["message"].update(text=""),
])
def test_the_validator_catches_broken_documents(workdir, break_it):
    doc = _sarif(audit_paths(["01_boilerplate.txt"], Policy()))
    validate(doc)
    break_it(doc)
    with pytest.raises((AssertionError, KeyError)):
        validate(doc)


def test_uris_are_encoded(tmp_path, monkeypatch):
    from auditor.documents import Document
    from auditor.engine import audit_documents

    monkeypatch.chdir(tmp_path)
    text = "Talks\n\n[ad_1]\n\nThe delegations met on Monday, officials said.\n"
    outside = tmp_path.parent / "outside dir" / "x.txt"
    docs = [Document(path=p, text=text) for p in ("news, today 1%.txt", "<stdin>", str(outside))]
    doc = _sarif(audit_documents(docs, Policy(select=["BP"])))
    validate(doc)
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in doc["runs"][0]["results"]]
    assert uris == ["news%2C%20today%201%25.txt", "%3Cstdin%3E", outside.as_uri()]
    assert uris[2].startswith("file:///") and "outside%20dir/x.txt" in uris[2]
