#!/usr/bin/env python3
"""hopeprint's benchmark: the full catalogue build, cold and warm, against the same
generated Typst compiled with one `typst compile` process per document (the way a shell
script around a template tool and the typst CLI would), and hopeprint's peak memory; and
session packs for 20 and 200 participants (time and peak memory, and their ratios).

Run from the repository:  python3 tests/bench/bench.py
(with CARGO_TARGET_DIR set, the binary is taken from there). It builds hopeprint in release mode, installs the typst CLI 0.15.1 with cargo when it is
not on PATH (or skips that part with a message if it cannot), and prints one table. All
figures come from this one run on this machine; ratios are what to compare.
"""

import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
TARGET = os.environ.get("CARGO_TARGET_DIR") or os.path.join(REPO, "target")
BINARY = os.path.join(TARGET, "release", "hopeprint")


def run(args, **kwargs):
    """Runs a command, fails loudly, returns seconds taken."""
    start = time.perf_counter()
    subprocess.run(args, check=True, cwd=REPO, **kwargs)
    return time.perf_counter() - start


def peak_rss_mb_of(args):
    """Runs a command and returns (seconds, its peak resident memory in MB). It runs under
    a fresh Python process, so the peak is the command's own and not that of an earlier
    child (such as the compiler)."""
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=True, stdout=subprocess.DEVNULL)\n"
        "print(time.perf_counter() - start, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    output = subprocess.run([sys.executable, "-c", probe, *args], check=True, cwd=REPO, capture_output=True, text=True)
    seconds, kib = output.stdout.split()
    return float(seconds), int(kib) / 1024


def typst_cli():
    found = shutil.which("typst")
    if found:
        return found
    print("typst CLI not found: installing typst-cli 0.15.1 with cargo (takes several minutes)...")
    try:
        subprocess.run(["cargo", "install", "typst-cli", "--version", "0.15.1", "--locked"], check=True)
    except (subprocess.CalledProcessError, FileNotFoundError) as error:
        print(f"could not install the typst CLI ({error}); skipping the comparison")
        return None
    return shutil.which("typst") or os.path.expanduser("~/.cargo/bin/typst")


def packs(work):
    """A session pack for 20 and for 200 participants: each document is typeset once and
    its pages repeated for the copies, so ten times the participants should cost at most
    about twice the time and memory. Returns the table's rows."""
    rows = []
    for pack in ("partners-in-recovery", "introducing-the-model"):
        measured = {}
        for participants in (20, 200):
            out = os.path.join(work, f"{pack}-{participants}.pdf")
            args = [BINARY, "pack", pack, "--participants", str(participants), "--duplex", "-o", out]
            seconds, peak = min(peak_rss_mb_of(args) for _ in range(3))
            measured[participants] = (seconds, peak)
            rows.append((f"pack {pack}, {participants} participants", f"{seconds:.2f} s, {peak:.0f} MB"))
        (t20, m20), (t200, m200) = measured[20], measured[200]
        rows.append((f"pack {pack}, 200 / 20", f"time {t200 / t20:.2f}, memory {m200 / m20:.2f}  (target <= 2)"))
    return rows


def main():
    run(["cargo", "build", "--release", "--quiet"])
    work = tempfile.mkdtemp(prefix="hopeprint-bench-")
    out = os.path.join(work, "out")
    # The fastest of three cold builds (each into an empty folder), as the packs below and
    # the typst CLI's loop take theirs: the machine is shared, and one run can be slowed by
    # another's work.
    colds = []
    for _ in range(3):
        shutil.rmtree(out, ignore_errors=True)
        colds.append(peak_rss_mb_of([BINARY, "build", "--quiet", "--out", out]))
    cold, peak = min(colds)[0], max(p for _, p in colds)
    warm = run([BINARY, "build", "--quiet", "--out", out], stdout=subprocess.DEVNULL)
    documents = sum(len([f for f in files if f.endswith(".pdf")]) for _, _, files in os.walk(out))

    rows = [
        ("documents", f"{documents}"),
        ("hopeprint build, cold (no manifest; fastest of 3)", f"{cold:.2f} s"),
        ("hopeprint build, warm (nothing changed)", f"{warm:.3f} s"),
        ("hopeprint peak memory (cold build)", f"{peak:.0f} MB"),
    ]

    typst = typst_cli()
    if typst:
        emitted = os.path.join(work, "emitted")
        run([BINARY, "build", "--quiet", "--force", "--emit-typst", "--out", emitted], stdout=subprocess.DEVNULL)
        layouts = {f for f in os.listdir(os.path.join(REPO, "layouts")) if f.endswith(".typ")}
        sources = []
        for directory, _, files in os.walk(emitted):
            sources += [os.path.join(directory, f) for f in files if f.endswith(".typ") and f not in layouts]
        fonts = os.path.join(REPO, "fonts")
        def compile_all():
            start = time.perf_counter()
            for source in sorted(sources):
                subprocess.run(
                    # The same features and standards hopeprint compiles and exports with.
                    [typst, "compile", "--features", "a11y-extras", "--pdf-standard", "ua-1,a-2a",
                     "--ignore-system-fonts", "--font-path", fonts, source, source[:-4] + ".cli.pdf"],
                    check=True, cwd=REPO, stdout=subprocess.DEVNULL,
                )
            return time.perf_counter() - start
        cli = min(compile_all() for _ in range(3))
        rows.append((f"typst CLI, one process per document ({len(sources)}; fastest of 3)", f"{cli:.2f} s"))
        rows.append(("cold build / typst CLI", f"{cold / cli:.2f}  (target <= 0.5)"))
    rows += packs(work)
    rows.append(("warm rebuild", f"{warm:.3f} s  (target <= 0.2 s)"))
    rows.append(("peak memory", f"{peak:.0f} MB  (target <= 400 MB)"))

    width = max(len(label) for label, _ in rows)
    print(f"hopeprint benchmark, {os.cpu_count()} cores, {time.strftime('%Y-%m-%d')}")
    for label, value in rows:
        print(f"  {label:<{width}}  {value}")
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
