#!/usr/bin/env bash
# The full suite's CPU time, Chromium and the background builds included: pytest runs
# as `bash dev.sh test` runs it, inside a cgroup (v1 cpuacct) of its own, which counts
# every process it starts, whoever reaps them. `/usr/bin/time` misses most of
# Chromium's processes, and wall time on this 2-core machine moves with whatever else
# runs; CPU seconds / 2 is the wall time the suite needs on the two cores when nothing
# else runs (it keeps both busy: vmstat shows no idle time during a run).
#
#   bash benchmarks/suite_cpu.sh [extra pytest arguments]
#
# Needs root (writes /sys/fs/cgroup/cpuacct/). Used for benchmarks/TESTS.md.
set -euo pipefail
cd "$(dirname "$0")/.."
group=/sys/fs/cgroup/cpuacct/medins-suite-$$
mkdir "$group"
trap 'rmdir "$group" 2>/dev/null || true' EXIT
start=$(date +%s.%N)
set +e
bash -c 'echo $$ > "$1/cgroup.procs"; shift; exec "$@"' _ "$group" \
  .venv/bin/python -m pytest -q -n 2 --dist loadfile --no-loadscope-reorder "$@"
status=$?
set -e
end=$(date +%s.%N)
# Background builds may outlive pytest by a moment: wait until the group is empty.
while [ -s "$group/cgroup.procs" ]; do sleep 0.5; done
cpu=$(cat "$group/cpuacct.usage")
python3 - "$start" "$end" "$cpu" <<'EOF'
import os, sys
start, end, cpu = float(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]) / 1e9
cores = os.cpu_count() or 1
print(f"suite: {end - start:.1f} s wall, {cpu:.1f} s CPU (all processes), "
      f"CPU / {cores} cores = {cpu / cores:.1f} s; load average now "
      f"{os.getloadavg()[0]:.1f}")
EOF
exit $status
