#!/usr/bin/env python3
"""Drain3 reference run for `zerolog bench drain`.

Reads message bodies (one per line), mines them with Drain3's TemplateMiner configured in memory
with the settings given as JSON, and prints `key=value` lines: lines, seconds, lines_per_second,
clusters. Optionally writes each line's cluster id (0-based, creation order) for comparison.
"""
import argparse
import json
import time

from drain3 import TemplateMiner
from drain3.masking import MaskingInstruction
from drain3.template_miner_config import TemplateMinerConfig


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bodies", required=True)
    ap.add_argument("--config", required=True, help="JSON: similarityThreshold, depth, maxChildren, maxClusters, masks, extraDelimiters")
    ap.add_argument("--assignments", help="write one cluster id per line here")
    args = ap.parse_args()
    settings = json.loads(args.config)

    config = TemplateMinerConfig()
    config.drain_sim_th = settings["similarityThreshold"]
    config.drain_depth = settings["depth"]
    config.drain_max_children = settings["maxChildren"]
    config.drain_max_clusters = settings.get("maxClusters")
    config.drain_extra_delimiters = settings.get("extraDelimiters", [])
    config.profiling_enabled = False
    instructions = []
    for mask in settings.get("masks", []):
        replacement = mask["replacement"]
        if not (replacement.startswith("<") and replacement.endswith(">")):
            raise SystemExit(f"mask replacement {replacement!r} is not of the form <NAME> (Drain3 mask_prefix/suffix)")
        instructions.append(MaskingInstruction(mask["pattern"], replacement[1:-1]))
    config.masking_instructions = instructions
    miner = TemplateMiner(persistence_handler=None, config=config)

    with open(args.bodies, encoding="utf-8", errors="replace") as f:
        lines = f.read().splitlines()

    add = miner.add_log_message
    ids = []
    append = ids.append
    start = time.perf_counter()
    for line in lines:
        append(add(line)["cluster_id"])
    seconds = time.perf_counter() - start

    if args.assignments:
        with open(args.assignments, "w") as out:
            out.write("\n".join(str(i - 1) for i in ids))
            out.write("\n")
    print(f"lines={len(lines)}")
    print(f"seconds={seconds:.6f}")
    print(f"lines_per_second={len(lines) / seconds:.1f}")
    print(f"clusters={len(miner.drain.clusters)}")


if __name__ == "__main__":
    main()
