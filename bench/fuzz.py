"""The parameter fuzzer on a large budget: `python bench/fuzz.py --examples 5000`.

Runs tests/security/test_fuzz_params.py (every page with fuzzed query parameters, the main forms with
fuzzed values, as anonymous visitor, participant and administrator) with `--examples` examples per
property and a fresh random seed (the suite's small run is derandomised). Any response ≥ 500 fails with
the request that caused it; hypothesis prints the seed to replay it (`--seed`).
"""

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=5000, help="examples per property (default 5000)")
    parser.add_argument("--seed", help="replay a run with hypothesis's seed")
    parser.add_argument("--database-url", help="e.g. postgres://postgres@127.0.0.1:5432/participe_fuzz")
    args = parser.parse_args(argv)
    env = {**os.environ, "FUZZ_EXAMPLES": str(args.examples), "FUZZ_RANDOM": "1"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    command = [sys.executable, "-m", "pytest", "tests/security/test_fuzz_params.py", "-q", "-p", "no:cacheprovider"]
    if args.seed:
        command += ["--hypothesis-seed", args.seed]
    return subprocess.call(command, env=env, cwd=ROOT)


if __name__ == "__main__":
    sys.exit(main())
