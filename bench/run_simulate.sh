#!/bin/sh
# run_simulate.sh [BUILD_DIR]: the simulation benchmark (bench/bench_simulate.c) on the WTPF
# example (24 delegations, 34 amendments; 20 runs) and on the generated scale scenario (193
# Member States, 300 amendments, bench/gen_scale_scenario.sh; 2 runs), with one and two jobs;
# and an agent call through the runtime against a bare Lua call (bench/bench_agents.c).
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$root/bench/gen_scale_scenario.sh" "$tmp/scale"
"$build/bench/bench_simulate" "$root/examples/wtpf-2013/simulation.lua" 20 1 2
"$build/bench/bench_agents"
"$build/bench/bench_simulate" "$tmp/scale/scale.lua" 2 1 2 | tail -n +2
