"""The publishing workflow runs the README's commands, pins its actions and passes actionlint."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import yaml

from tests.conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "site.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def readme_commands() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## The two commands", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    return {line.split("#", 1)[0].strip() for line in block.splitlines() if line.strip()}


def steps() -> list[dict]:
    return [step for job in workflow()["jobs"].values() for step in job.get("steps", [])]


def test_the_workflow_runs_the_readme_commands_and_nothing_else() -> None:
    commands = readme_commands()
    assert commands == {"bash build_tools/site.sh", "bash build_tools/test.sh"}
    runs = [step["run"].strip() for step in steps() if "run" in step]
    assert runs
    for run in runs:
        assert any(run == command or run.startswith(command + " ") for command in commands), run
    assert {command for command in commands if any(run.startswith(command) for run in runs)} == commands


def test_ci_runs_the_readme_test_command() -> None:
    assert "bash build_tools/test.sh" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_actions_are_pinned_to_commits_and_permissions_are_minimal() -> None:
    for step in steps():
        if "uses" in step:
            assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", step["uses"]), step["uses"]
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    assert data["concurrency"]["group"]
    jobs = data["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert all("permissions" not in job for name, job in jobs.items() if name not in ("deploy", "build"))
    uses = {step["uses"].split("@")[0] for step in steps() if "uses" in step}
    assert {"actions/upload-pages-artifact", "actions/deploy-pages"} <= uses
    cached = [step for step in jobs["build"]["steps"] if step.get("uses", "").startswith("actions/cache@")]
    # the build cache and the last site, restored before the build, which then rebuilds in place
    assert [step["with"]["path"].split() for step in cached] == [[".cache", "site"]]
    build_env = next(step["env"] for step in jobs["build"]["steps"] if step.get("run", "").startswith("bash build_tools/site.sh"))
    assert {"SITE_URL", "REPO_URL"} <= set(build_env)
    assert data[True]["pull_request"] is None or "pull_request" in data[True]  # tests run on pull requests


def test_actionlint_passes() -> None:
    actionlint = shutil.which("actionlint") or str(Path(ROOT / ".venv" / "bin" / "actionlint"))
    result = subprocess.run([actionlint, str(WORKFLOW)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
