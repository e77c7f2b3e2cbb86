"""The ``audit`` command: a thin click shell over :mod:`auditor.engine`.

``audit PATHS...`` audits (the default command); ``audit rules`` lists the rules;
``audit explain CODE`` prints one rule's documentation.
"""

from __future__ import annotations

import json as _json
import sys
from pathlib import Path

import click

from . import __version__
from . import fixes as _fixes
from . import statistics as _statistics
from .baseline import Baseline, BaselineError, apply_baseline, write_baseline
from .config import ConfigError, Policy, load_policy
from .engine import Run, audit_paths, effective_packs
from .findings import Severity
from .outputs import formats
from .rulepacks import RulePackError, all_rules

EXIT_OK, EXIT_FAIL, EXIT_ERROR = 0, 1, 2
SEVERITIES = click.Choice([s.value for s in Severity], case_sensitive=False)


def _err(msg: str) -> None:
    click.echo(f"audit: {msg}", err=True)


def _split(values: tuple[str, ...]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


class DefaultGroup(click.Group):
    """``audit PATHS`` means ``audit check PATHS`` unless the first word is a subcommand."""

    default_command = "check"

    def parse_args(self, ctx, args):
        if not args or (args[0] not in self.commands and args[0] not in ("--help", "-h", "--version")):
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


@click.group(cls=DefaultGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Audit machine-translated, scraped news articles before they are published.

    \b
    audit PATHS...        audit files, folders (their *.txt, recursively) or - (stdin)
    audit rules           list every rule
    audit explain CODE    explain one rule
    """


def _load_policy(config: str | None, isolated: bool) -> Policy:
    return Policy() if isolated else load_policy(config)


@main.command("check")
@click.argument("paths", nargs=-1, required=True)
@click.option("-f", "--format", "formats_", multiple=True,
              help="Output format: text, json, html, sarif, junit, github (repeat for several; the n-th "
                   "--output goes with the n-th --format).")
@click.option("-o", "--output", "outputs", multiple=True, type=click.Path(),
              help="Where to write the matching --format (a file; a folder for html).")
@click.option("--select", multiple=True, help="Only these rules: codes, prefixes (NM, MT1) or names.")
@click.option("--ignore", multiple=True, help="Skip these rules: codes, prefixes or names.")
@click.option("--fail-on", type=SEVERITIES, help="Fail an article with a finding at or above this severity [high].")
@click.option("--fail-under", type=click.FloatRange(0, 100), help="Fail an article with any score under this.")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Drop findings below this confidence.")
@click.option("--exit-zero", is_flag=True, help="Exit 0 even when articles fail the policy.")
@click.option("--config", type=click.Path(dir_okay=False), help="Config file (auditor.toml or pyproject.toml).")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--report-dir", type=click.Path(file_okay=False),
              help="Folder for the HTML report written by a plain run [reports].")
@click.option("--no-report", is_flag=True, help="Do not write the HTML report on a plain run.")
@click.option("-q", "--quiet", is_flag=True, help="Print only the findings and failures, no summaries.")
@click.option("--fix", is_flag=True, help="Apply the safe fixes in place, then report what is left.")
@click.option("--diff", is_flag=True, help="Print the safe fixes as a unified diff; write nothing.")
@click.option("--statistics", is_flag=True, help="Print how many findings each rule produced.")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False),
              help="Report and fail only on findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False),
              help="Record every finding of this run in a baseline file, then exit.")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Processes that check articles in parallel [one per CPU for large runs].")
def check(paths, formats_, outputs, select, ignore, fail_on, fail_under, min_confidence, exit_zero,
          config, isolated, report_dir, no_report, quiet, fix, diff, statistics, baseline_file,
          write_baseline_file, jobs) -> None:
    """Audit PATHS and report the findings.

    \b
    Exit status: 0 every article passes the policy; 1 at least one fails it;
    2 usage or configuration error, or an input that could not be read or fixed.
    """
    if fix and diff:
        raise click.UsageError("--fix and --diff cannot be combined (--diff only shows the fixes)")
    if fix and "-" in paths:
        raise click.UsageError("standard input cannot be fixed in place: use --diff")
    if write_baseline_file and (fix or diff):
        raise click.UsageError("--write-baseline records findings as they are: run --fix first, on its own")
    if (diff or write_baseline_file) and (formats_ or outputs):
        raise click.UsageError(f"{'--diff' if diff else '--write-baseline'} writes no report: "
                               "drop --format/--output")
    try:
        policy = _load_policy(config, isolated)
        policy = policy.with_overrides(
            select=_split(select) or None, ignore=(policy.ignore + _split(ignore)) if ignore else None,
            fail_on=Severity.parse(fail_on) if fail_on else None, fail_under=fail_under,
            min_confidence=min_confidence,
        )
        plan = _plan_outputs(list(formats_), list(outputs), policy, report_dir, no_report, statistics)
        baseline = Baseline.load(baseline_file) if baseline_file and not write_baseline_file else None
        run = audit_paths(list(paths), policy, jobs=jobs)
    except (ConfigError, RulePackError, BaselineError, click.UsageError) as exc:
        if isinstance(exc, click.UsageError):
            raise
        _err(f"error: {exc}")
        sys.exit(EXIT_ERROR)
    for err in run.errors:
        _err(f"error: {err}")
    if write_baseline_file:
        n = write_baseline(run, write_baseline_file)
        _err(f"Wrote {n} finding(s) to the baseline {write_baseline_file}")
        sys.exit(EXIT_ERROR if run.errors else EXIT_OK)
    if diff:
        sys.exit(_show_diff(run, policy))
    fix_failed = False
    if fix:
        run, fix_failed = _apply_fixes(run, list(paths), policy, quiet)
    if baseline is not None:
        res = apply_baseline(run, baseline)
        if not quiet:
            stale = f"; {res.stale} baseline entr{'y' if res.stale == 1 else 'ies'} no longer match" \
                if res.stale else ""
            _err(f"{res.suppressed} finding(s) left out by the baseline {baseline.source}{stale}")
    for fmt, dest in plan:
        _emit(run, fmt, dest, quiet)
    if run.errors or fix_failed:
        sys.exit(EXIT_ERROR)
    sys.exit(EXIT_FAIL if run.failed and not exit_zero else EXIT_OK)


def _show_diff(run: Run, policy: Policy) -> int:
    """``--diff``: the fixes as one unified diff on stdout; 1 if there is any, 2 on errors."""
    results = _fixes.fix_run(run, policy)
    changed = [f for f in results if f.changed]
    click.echo("".join(f.diff() for f in changed), nl=False)
    for f in results:
        if f.error:
            _err(f"error: {f.path}: {f.error}")
    n = sum(len(f.applied) for f in changed)
    _err(f"Would fix {n} finding(s) in {len(changed)} file(s)")
    if run.errors or any(f.error for f in results):
        return EXIT_ERROR
    return EXIT_FAIL if changed else EXIT_OK


def _apply_fixes(run: Run, paths: list[str], policy: Policy, quiet: bool) -> tuple[Run, bool]:
    """``--fix``: write the fixes, then audit again so the report shows what is left."""
    results = _fixes.write_fixes(_fixes.fix_run(run, policy))
    failed = False
    for f in results:
        if f.error:
            failed = True
            _err(f"error: {f.path}: {f.error}")
    changed = [f for f in results if f.changed and not f.error]
    if not quiet:
        _err(f"Fixed {sum(len(f.applied) for f in changed)} finding(s) in {len(changed)} file(s)")
    if changed:
        run = audit_paths(paths, policy)
    return run, failed


def _plan_outputs(fmts: list[str], outs: list[str], policy: Policy, report_dir, no_report,
                  statistics: bool = False):
    """(format, destination) pairs; ``statistics`` takes the place of text on standard output."""
    known = formats()
    for f in fmts:
        if f not in known:
            raise click.UsageError(f"unknown format {f!r} (choose from {', '.join(known)})")
    if len(outs) > max(len(fmts), 1):
        raise click.UsageError("more --output than --format options")
    for f, out in zip(fmts or ["text"], outs):
        meant = _SUFFIX_FORMATS.get(Path(out).suffix.lower())
        if meant and f not in meant:
            raise click.UsageError(f"--output {out} looks like {meant[0]} but is paired with --format {f} "
                                   "(the n-th --output goes with the n-th --format)")
    if not fmts:
        plan = [("text", outs[0] if outs else None)]
        if "html" in known and not no_report:
            plan.append(("html", report_dir or policy.output_dir))
    else:
        plan = []
        for i, f in enumerate(fmts):
            dest = outs[i] if i < len(outs) else None
            if dest is None and getattr(known[f], "DIRECTORY", False):
                dest = report_dir or policy.output_dir
            plan.append((f, dest))
    if statistics:
        plan = [p for p in plan if p != ("text", None)]
        plan.append((STATISTICS, None))
    if sum(1 for _, d in plan if d is None) > 1:
        what = "--statistics and another format" if statistics else "several formats"
        raise click.UsageError(f"{what} would share standard output: give each format an --output")
    return plan


STATISTICS = "statistics"
# File suffixes that name a format, to catch an --output paired with the wrong --format.
_SUFFIX_FORMATS = {".sarif": ("sarif",), ".xml": ("junit",), ".json": ("json", "sarif"),
                   ".html": ("html",), ".txt": ("text", "github")}


def _emit(run: Run, fmt: str, dest: str | None, quiet: bool) -> None:
    if fmt == STATISTICS:
        click.echo(_statistics.render(run), nl=False)
        return
    mod = formats()[fmt]
    if getattr(mod, "DIRECTORY", False):
        index = mod.write(run, Path(dest))
        if not quiet:
            _err(f"HTML report: {index}")
        return
    if fmt == "text" and quiet:
        body = "".join(line + "\n" for line in mod.render(run).splitlines()
                       if ": " in line and not line.endswith(": pass"))
    else:
        body = mod.render(run)
    if dest:
        Path(dest).parent.mkdir(parents=True, exist_ok=True)
        Path(dest).write_text(body, encoding="utf-8")
    else:
        click.echo(body, nl=False)


@main.command("rules")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text")
def rules_cmd(fmt: str) -> None:
    """List every rule: code, name, category, severity, message."""
    rules = _rules()
    if fmt == "json":
        click.echo(_json.dumps([r.to_dict() for r in rules.values()], indent=2, ensure_ascii=False))
        return
    for r in rules.values():
        fix = (" (fixable)" if r.fixable else "") + ("" if r.default_enabled else " (opt-in)")
        click.echo(f"{r.code:7} {r.name:32} {r.category.value:19} {r.severity.value:7} {r.message}{fix}")


@main.command("explain")
@click.argument("code")
def explain(code: str) -> None:
    """Explain one rule (by code or name): what it does, why, examples, fix."""
    rules = _rules()
    rule = rules.get(code.upper()) or next((r for r in rules.values() if r.name == code.lower()), None)
    if rule is None:
        _err(f"error: no rule {code!r}; `audit rules` lists them")
        sys.exit(EXIT_ERROR)
    click.echo(explain_text(rule))


def explain_text(rule) -> str:
    out = [f"{rule.code} ({rule.name})", "",
           f"Category: {rule.category.value}    Default severity: {rule.severity.value}"
           f"    Fix: {'safe fix available' if rule.fixable else 'none'}"
           + ("" if rule.default_enabled else "    Opt-in: select it by code or name"), "",
           "## What it does", rule.what, "", "## Why is this bad?", rule.why, ""]
    if rule.examples_bad:
        out += ["## Example (flagged)", "\n\n".join(_example(e) for e in rule.examples_bad[:2]), ""]
    if rule.examples_good:
        out += ["## Not flagged", "\n\n".join(_example(e) for e in rule.examples_good[:2]), ""]
    if rule.fix:
        out += ["## Fix", rule.fix, ""]
    if rule.reference:
        out += ["## Reference", rule.reference, ""]
    return "\n".join(out).rstrip() + "\n"


def _example(e) -> str:
    text = "\n---\n".join(e) if isinstance(e, list) else e
    return "\n".join("    " + line for line in text.strip().splitlines())


def _rules():
    try:
        return all_rules(effective_packs(load_policy()))
    except (ConfigError, RulePackError) as exc:
        _err(f"error: {exc}")
        sys.exit(EXIT_ERROR)


if __name__ == "__main__":  # pragma: no cover
    main()
