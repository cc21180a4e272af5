#!/usr/bin/env python3
"""Old jar against new jar, side by side: each benchmark point runs in both, alternating (ABBA per round), with the
same JMH options and JVM flags; every run's JMH JSON is kept, and the summary (README.md) is generated from them.

usage: bench/ab.py OLD_JAR NEW_JAR OUT_DIR ROUNDS [POINT ...]   (a point: Benchmark:param=value,param=value)
       bench/ab.py --summarise OUT_DIR
       bench/ab.py --cpu CLASSES_DIR OLD_JAR NEW_JAR OUT_DIR ROUNDS [POINT ...]
The --cpu mode (AB_WAVE points at a time, default 4) runs bench/ab/CpuTimeAb (compiled into CLASSES_DIR against a bench jar) on each jar's classpath,
old and new of a point at the same time, timing each iteration by the thread's CPU time (less disturbed by a
loaded machine than JMH's wall clock); its summary goes to OUT_DIR/cpu.md.
"""
import glob
import json
import os
import platform
import statistics
import subprocess
import sys

WAVE = int(os.environ.get("AB_WAVE", "4"))  # points whose old and new runs go at the same time in --cpu mode
JMH_OPTS = ["-f", "1", "-wi", "8", "-w", "2s", "-i", "6", "-r", "1s"]
DEFAULT_POINTS = [
    "IterationBenchmark:impl=vector,outcomes=11,components=3,threads=1",
    "IterationBenchmark:impl=vector,outcomes=101,components=8,threads=1",
    "IterationBenchmark:impl=vector,outcomes=1001,components=8,threads=1",
    "IterationBenchmark:impl=vector,outcomes=100001,components=8,threads=1",
    "GenotypeBenchmark:impl=vector,depth=30",
    "GenotypeBenchmark:impl=vector,depth=100",
    "GenotypeBenchmark:impl=vector,depth=200",
    "FamilyIterationBenchmark:impl=vector,family=binomial,components=8",
    "FamilyIterationBenchmark:impl=vector,family=poisson,components=8",
    "FamilyIterationBenchmark:impl=vector,family=geometric,components=8",
    "FamilyIterationBenchmark:impl=vector,family=negative-binomial,components=8",
]


def command(jar, point, json_path):
    bench, params = point.split(":")
    args = ["java", "-jar", jar, "^org.emkernel.bench." + bench + ".iterate$"]
    for kv in params.split(","):
        args += ["-p", kv]
    return args + JMH_OPTS + ["-rf", "json", "-rff", json_path]


def run(old, new, out, rounds, points):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "command.txt"), "w") as f:
        f.write("bench/ab.py %s %s %s %d %s\n" % (old, new, out, rounds, " ".join(points)))
        f.write("each run: " + " ".join(command("<jar>", points[0], "<json>")) + "\n")
    for r in range(rounds):
        for i, point in enumerate(points):
            order = [("old", old), ("new", new)] if (r + i) % 2 == 0 else [("new", new), ("old", old)]
            for label, jar in order:
                path = os.path.join(out, "%s-%02d-r%d.json" % (label, i, r))
                if os.path.exists(path):
                    continue
                subprocess.run(command(jar, point, path), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                print(label, point, "round", r, flush=True)
    summarise(out)


def key(result):
    params = result.get("params", {})
    return result["benchmark"].split(".")[-2] + " " + " ".join("%s=%s" % kv for kv in sorted(params.items()))


def comparison(scores, forks):
    """The table's rows, one per point both jars ran, and the line of the largest ratios."""
    rows = []
    worst = 0
    least = 0
    worst_forks = 0
    for name in sorted(scores):
        s = scores[name]
        if "old" not in s or "new" not in s:
            continue
        o = statistics.median(s["old"])
        n = statistics.median(s["new"])
        lo = min(s["old"])
        ln = min(s["new"])
        fo = statistics.median(forks[name]["old"])
        fn = statistics.median(forks[name]["new"])
        worst = max(worst, n / o)
        least = max(least, ln / lo)
        worst_forks = max(worst_forks, fn / fo)
        rows.append("| %s | %.1f | %.1f | %.3f | %.3f | %.1f | %.1f | %.3f | %d + %d |"
                    % (name, o, n, n / o, fn / fo, lo, ln, ln / lo, len(s["old"]), len(s["new"])))
    return rows + ["", "Largest new / old: %.3f by the medians, %.3f by the forks' medians, %.3f by the least."
                   % (worst, worst_forks, least), ""]


def summarise(out):
    scores = {}
    forks = {}  # per point and jar, each JMH fork's median
    jvm = None
    for path in sorted(glob.glob(os.path.join(out, "[on][le][dw]-*.json"))):
        label = os.path.basename(path).split("-")[0]
        with open(path) as f:
            try:
                data = json.load(f)
            except ValueError:
                continue
        if not isinstance(data, list):
            continue
        for result in data:
            jvm = jvm or "%s %s, args %s" % (result.get("vmName"), result.get("jdkVersion"), " ".join(result.get("jvmArgs", [])))
            for fork in result["primaryMetric"]["rawData"]:
                scores.setdefault(key(result), {}).setdefault(label, []).extend(fork)
                forks.setdefault(key(result), {}).setdefault(label, []).append(statistics.median(fork))
    lines = ["# Old against new, side by side", "",
             "Generated by bench/ab.py from the JMH JSON files in this directory (one per run).", "",
             "- Machine: %s, %s, %d processors (shared with other builds: compare the ratios only)"
             % (platform.node(), cpu(), os.cpu_count()),
             "- JVM: %s" % jvm,
             "- Command: see command.txt; runs alternate old and new per point (ABBA by round), JMH %s" % " ".join(JMH_OPTS),
             "Per point: the median and the least of every measured iteration of every run (the machine's load shows as",
             "slow iterations; the least is the least disturbed).", "",
             "| benchmark | old median ns/op | new median ns/op | new / old (median) | new / old (median of forks' medians) | old least | new least | new / old (least) | iterations |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += comparison(scores, forks)
    with open(os.path.join(out, "README.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


def cpu():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


def cpu_run(classes, old, new, out, rounds, points):
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "cpu-command.txt"), "w") as f:
        f.write("AB_WAVE=%d bench/ab.py --cpu %s %s %s %s %d %s\n" % (WAVE, classes, old, new, out, rounds, " ".join(points)))
        f.write("each run: java --add-modules jdk.incubator.vector -Xmx3g -cp <jar>:%s CpuTimeAb <benchmark> <params>\n" % classes)
        f.write("load average at the start: %.2f %.2f %.2f\n" % os.getloadavg())
    for r in range(rounds):
        for wave in range(0, len(points), WAVE):
            procs = []
            for i in range(wave, min(len(points), wave + WAVE)):
                bench, params = points[i].split(":")
                for label, jar in (("old", old), ("new", new)):
                    path = os.path.join(out, "cpu-%s-%02d-r%d.json" % (label, i, r))
                    if os.path.exists(path):
                        continue
                    args = ["java", "--add-modules", "jdk.incubator.vector", "-Xmx3g", "-cp", jar + ":" + classes,
                            "CpuTimeAb", bench] + params.split(",")
                    procs.append((path, subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)))
            for path, proc in procs:
                text = proc.communicate()[0]
                lines = [l for l in text.splitlines() if l.startswith("{")]
                if lines:
                    with open(path, "w") as f:
                        f.write(lines[-1] + "\n")
            print("cpu wave", wave, "round", r, flush=True)
    with open(os.path.join(out, "cpu-command.txt"), "a") as f:
        f.write("load average at the end: %.2f %.2f %.2f\n" % os.getloadavg())
    cpu_summarise(out)


def cpu_summarise(out):
    scores = {}
    forks = {}  # per point and jar, each run's (fork's) median: a JVM's code layout moves all its batches together
    java = None
    for path in sorted(glob.glob(os.path.join(out, "cpu-*-*.json"))):
        label = os.path.basename(path).split("-")[1]
        with open(path) as f:
            data = json.load(f)
        java = java or data["java"]
        scores.setdefault(data["benchmark"] + " " + data["params"], {}).setdefault(label, []).extend(data["cpuNsPerOp"])
        forks.setdefault(data["benchmark"] + " " + data["params"], {}).setdefault(label, []).append(
            statistics.median(data["cpuNsPerOp"]))
    lines = ["# Old against new by CPU time", "",
             "Generated by bench/ab.py --cpu from the cpu-*.json files in this directory (one per run: 12 batches of",
             "about 0.25 s of thread CPU time after 3 s of warm-up, the session and settling as in the JMH benchmark).",
             "Old and new of a point run at the same time, AB_WAVE points at a time (cpu-command.txt gives it and the",
             "load average at the start and end of the run).", "",
             "- Machine: %s, %s, %d processors (shared with other builds)" % (platform.node(), cpu(), os.cpu_count()),
             "- JVM: %s, flags --add-modules jdk.incubator.vector -Xmx3g" % java,
             "- Command: see cpu-command.txt", "",
             "| point | old median CPU ns/op | new median CPU ns/op | new / old (median) | new / old (median of forks' medians) | old least | new least | new / old (least) | batches |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += comparison(scores, forks)
    with open(os.path.join(out, "cpu.md"), "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    if sys.argv[1] == "--cpu-summarise":
        cpu_summarise(sys.argv[2])
    elif sys.argv[1] == "--cpu":
        cpu_run(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], int(sys.argv[6]), sys.argv[7:] or DEFAULT_POINTS)
    elif sys.argv[1] == "--summarise":
        summarise(sys.argv[2])
    else:
        run(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5:] or DEFAULT_POINTS)
