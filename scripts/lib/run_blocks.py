"""Writes every `run:` block of the given workflow/action files to DEST/<file>--<job>--<n>.sh so
shellcheck can check them as the runner runs them (bash -e). Prints the files written."""
import os
import re
import sys

import yaml

dest = sys.argv[1]
written = []


def emit(source, where, script, shell):
    if shell not in (None, "bash"):
        return
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", f"{source}--{where}") + ".sh"
    path = os.path.join(dest, name)
    with open(path, "w") as f:
        # The runner runs `bash --noprofile --norc -eo pipefail {0}`; expressions are not expected here.
        f.write(f"#!/usr/bin/env bash\n# from {source} ({where})\nset -eo pipefail\n{script}\n")
    written.append(path)


for source in sys.argv[2:]:
    doc = yaml.safe_load(open(source))
    if "runs" in doc:
        for n, step in enumerate(doc["runs"].get("steps", [])):
            if "run" in step:
                emit(source, f"step{n}", step["run"], step.get("shell"))
    for job_id, job in (doc.get("jobs") or {}).items():
        default_shell = ((job.get("defaults") or {}).get("run") or {}).get("shell")
        for n, step in enumerate(job.get("steps") or []):
            if "run" in step:
                emit(source, f"{job_id}-step{n}", step["run"], step.get("shell", default_shell))
print("\n".join(written))
