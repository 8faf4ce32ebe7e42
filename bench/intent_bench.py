#!/usr/bin/env python3
"""Switchyard's intent classifier next to scikit-learn's TF-IDF + LogisticRegression, same data,
same split, same machine, one run.

Split: `switchyard train --split-out` writes the exact train/dev rows it used (stratified, seeded
SplitMix64; see Sources/SwitchyardIntent/DatasetSplit.swift); scikit-learn trains on that
train.csv and is scored on that dev.csv, as is our model.

scikit-learn pipeline: FeatureUnion(TfidfVectorizer(word, ngram_range=(1,2), sublinear_tf),
TfidfVectorizer(char_wb, ngram_range=(2,5), sublinear_tf)) + LogisticRegression(lbfgs,
max_iter=1000), at C=1 (library default) and C=10.

Latency: 200 texts of >= 4096 bytes, each made by joining consecutive dev rows (an e-mail-sized
body), classified one at a time: `switchyard eval` times model.classify(subject:body:) per
document (tokenise, features, score, calibrate); scikit-learn times pipeline.predict([text]).
"""
import argparse, csv, json, math, os, platform, subprocess, sys, tempfile, time

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.pipeline import make_pipeline, make_union


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))[1:]
    return [r[0] for r in rows if len(r) >= 2], [r[1].strip() for r in rows if len(r) >= 2]


def write_csv(path, texts, labels):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(["text", "category"])
        for t, l in zip(texts, labels):
            w.writerow([t, l])


def rss_bytes():
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def sklearn_pipeline(c):
    return make_pipeline(
        make_union(
            TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
            TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True),
        ),
        LogisticRegression(C=c, max_iter=1000),
    )


def run(cmd):
    t = time.perf_counter()
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    return out.stdout, time.perf_counter() - t


def long_texts(texts, labels, count=200, size=4096):
    out, lab, i = [], [], 0
    while len(out) < count:
        parts, n = [], 0
        label = labels[i % len(texts)]
        while n < size:
            parts.append(texts[i % len(texts)])
            n += len(texts[i % len(texts)].encode()) + 1
            i += 1
        out.append("\n".join(parts))
        lab.append(label)
    return out, lab


def percentile(values, q):
    v = sorted(values)
    return v[min(len(v) - 1, max(0, math.ceil(q * len(v)) - 1))]


def sklearn_latency(pipe, docs):
    pipe.predict(docs[:5])  # warm up
    lat = []
    cpu = time.thread_time()
    for d in docs:
        t = time.perf_counter()
        pipe.predict([d])
        lat.append(time.perf_counter() - t)
    cpu = time.thread_time() - cpu
    return percentile(lat, 0.5) * 1000, percentile(lat, 0.99) * 1000, len(lat) / sum(lat), cpu * 1000 / len(docs)


def bench_banking(a, tmp):
    data = os.path.join(a.shared, "data/intent/banking77/train.csv")
    split = os.path.join(tmp, "banking77-split")
    model = os.path.join(tmp, "banking77.syim")
    log, ours_train = run([a.switchyard, "train", "--csv", data, "--out", model, "--seed", "42",
                           "--dev-split", "0.1", "--split-out", split, "--name", "banking77"])
    dev_eval = json.loads(run([a.switchyard, "eval", "--csv", os.path.join(split, "dev.csv"), "--model", model, "--json"])[0])
    tr_x, tr_y = read_csv(os.path.join(split, "train.csv"))
    dv_x, dv_y = read_csv(os.path.join(split, "dev.csv"))
    docs, doc_labels = long_texts(dv_x, dv_y)
    docs_csv = os.path.join(tmp, "banking77-4k.csv")
    write_csv(docs_csv, docs, doc_labels)
    lat_eval = json.loads(run([a.switchyard, "eval", "--csv", docs_csv, "--model", model, "--json"])[0])
    result = {"train_rows": len(tr_x), "dev_rows": len(dv_x), "ours": {
        "accuracy": dev_eval["accuracy"], "macro_f1": dev_eval["macro_f1"], "abstained": dev_eval["abstained"],
        "train_seconds": ours_train, "p50_ms": lat_eval["latency_p50_ms"], "p99_ms": lat_eval["latency_p99_ms"],
        "docs_per_second_4k": lat_eval["docs_per_second"], "docs_per_second_dev": dev_eval["docs_per_second"],
        "cpu_ms_4k": lat_eval.get("cpu_ms_per_doc"),
        "model_bytes": os.path.getsize(model), "load_ms": dev_eval["model_load_ms"],
        "resident_bytes": dev_eval.get("model_resident_bytes"), "train_log": log.strip().splitlines()[-6:]}}
    for c in (1.0, 10.0):
        pipe = sklearn_pipeline(c)
        before = rss_bytes()
        t = time.perf_counter()
        pipe.fit(tr_x, tr_y)
        fit_s = time.perf_counter() - t
        grown = rss_bytes() - before
        pred = pipe.predict(dv_x)
        p50, p99, dps, cpu_ms = sklearn_latency(pipe, docs)
        t = time.perf_counter()
        for d in dv_x[:300]:
            pipe.predict([d])
        short_dps = 300 / (time.perf_counter() - t)
        import pickle
        result[f"sklearn_C{c:g}"] = {
            "accuracy": float(np.mean(np.array(pred) == np.array(dv_y))),
            "macro_f1": float(f1_score(dv_y, pred, average="macro")), "train_seconds": fit_s,
            "p50_ms": p50, "p99_ms": p99, "docs_per_second_4k": dps, "docs_per_second_dev": short_dps, "cpu_ms_4k": cpu_ms,
            "pickle_bytes": len(pickle.dumps(pipe)), "rss_growth_bytes": grown}
    return result


def bench_clinc(a, tmp):
    data = os.path.join(a.shared, "data/intent/clinc150")
    split = os.path.join(tmp, "clinc150-split")
    model = os.path.join(tmp, "clinc150.syim")
    _, ours_train = run([a.switchyard, "train", "--csv", os.path.join(data, "train.csv"), "--out", model,
                         "--seed", "42", "--dev-split", "0.1", "--split-out", split, "--name", "clinc150"])
    ev = json.loads(run([a.switchyard, "eval", "--csv", os.path.join(data, "val.csv"), "--model", model, "--json"])[0])
    tr_x, tr_y = read_csv(os.path.join(split, "train.csv"))
    va_x, va_y = read_csv(os.path.join(data, "val.csv"))
    pipe = sklearn_pipeline(10.0)
    t = time.perf_counter()
    pipe.fit(tr_x, tr_y)
    fit_s = time.perf_counter() - t
    pred = np.array(pipe.predict(va_x))
    gold = np.array(va_y)
    ins = gold != "oos"
    return {"ours": {"in_scope_accuracy": ev["in_scope_accuracy"], "in_scope_accuracy_with_threshold": ev["in_scope_accuracy_with_threshold"],
                     "oos_recall": ev["oos_recall"], "oos_recall_with_threshold": ev["oos_recall_with_threshold"],
                     "accuracy": ev["accuracy"], "macro_f1": ev["macro_f1"], "train_seconds": ours_train,
                     "model_bytes": os.path.getsize(model)},
            "sklearn_C10": {"in_scope_accuracy": float(np.mean(pred[ins] == gold[ins])),
                            "oos_recall": float(np.mean(pred[~ins] == "oos")), "accuracy": float(np.mean(pred == gold)),
                            "macro_f1": float(f1_score(va_y, pred, average="macro")), "train_seconds": fit_s}}


def machine():
    cpu = "unknown CPU"
    try:
        for line in open("/proc/cpuinfo"):
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg()[0]
    return f"{cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}, load average {load:.2f} at start; " \
           f"Python {platform.python_version()}, scikit-learn {__import__('sklearn').__version__}"


def pct(x):
    return f"{100 * x:.2f}%"


def render(r):
    b = r["banking77"]
    o, s1, s10 = b["ours"], b["sklearn_C1"], b["sklearn_C10"]
    lines = ["## Intent classifier", "",
             f"Measured {r['date']} by `bench/intent.sh` on {r['machine']}. The machine is shared with other "
             "jobs, so times carry noise; accuracies are exact.", "",
             f"### BANKING77, stratified dev split (seed 42, 10%: {b['train_rows']} train / {b['dev_rows']} dev rows)", "",
             "| | Switchyard | scikit-learn C=1 | scikit-learn C=10 |", "|---|---|---|---|",
             f"| dev accuracy | {pct(o['accuracy'])} | {pct(s1['accuracy'])} | {pct(s10['accuracy'])} |",
             f"| dev macro-F1 | {pct(o['macro_f1'])} | {pct(s1['macro_f1'])} | {pct(s10['macro_f1'])} |",
             f"| training time | {o['train_seconds']:.1f} s (incl. features, calibration, file) | {s1['train_seconds']:.1f} s | {s10['train_seconds']:.1f} s |",
             f"| latency per 4 KB text, p50 / p99 | {o['p50_ms']:.3f} / {o['p99_ms']:.3f} ms | {s1['p50_ms']:.3f} / {s1['p99_ms']:.3f} ms | {s10['p50_ms']:.3f} / {s10['p99_ms']:.3f} ms |",
             f"| CPU time per 4 KB text (thread CPU clock) | {o['cpu_ms_4k']:.3f} ms | {s1['cpu_ms_4k']:.3f} ms | {s10['cpu_ms_4k']:.3f} ms |",
             f"| single-document throughput, 4 KB texts | {o['docs_per_second_4k']:.0f} docs/s | {s1['docs_per_second_4k']:.0f} docs/s | {s10['docs_per_second_4k']:.0f} docs/s |",
             f"| single-document throughput, dev rows (short) | {o['docs_per_second_dev']:.0f} docs/s | {s1['docs_per_second_dev']:.0f} docs/s | {s10['docs_per_second_dev']:.0f} docs/s |",
             f"| model size | {o['model_bytes'] / 1e6:.2f} MB file | {s1['pickle_bytes'] / 1e6:.2f} MB pickled | {s10['pickle_bytes'] / 1e6:.2f} MB pickled |",
             f"| loaded model memory | {(o['resident_bytes'] or 0) / 1e6:.1f} MB RSS growth on load ({o['load_ms']:.1f} ms) | {s1['rss_growth_bytes'] / 1e6:.1f} MB RSS growth in fit | {s10['rss_growth_bytes'] / 1e6:.1f} MB RSS growth in fit |",
             "",
             f"Throughput vs scikit-learn C=10 on 4 KB texts: {o['docs_per_second_4k'] / s10['docs_per_second_4k']:.1f}x wall clock, "
             f"{s10['cpu_ms_4k'] / o['cpu_ms_4k']:.1f}x by CPU time; "
             f"on short dev rows: {o['docs_per_second_dev'] / s10['docs_per_second_dev']:.1f}x. "
             f"Our dev abstention rate (calibrated threshold): {pct(o['abstained'])}.", ""]
    if "clinc150" in r:
        c = r["clinc150"]
        co, cs = c["ours"], c["sklearn_C10"]
        lines += ["### CLINC150 (train on train minus a 10% dev split, seed 42; measured on val, 3,100 rows incl. 100 `oos`)", "",
                  "| | Switchyard, no threshold | Switchyard, with threshold | scikit-learn C=10 |", "|---|---|---|---|",
                  f"| in-scope accuracy | {pct(co['in_scope_accuracy'])} | {pct(co['in_scope_accuracy_with_threshold'])} | {pct(cs['in_scope_accuracy'])} |",
                  f"| out-of-scope recall | {pct(co['oos_recall'])} | {pct(co['oos_recall_with_threshold'])} | {pct(cs['oos_recall'])} |",
                  f"| macro-F1 (151 labels, argmax) | {pct(co['macro_f1'])} | | {pct(cs['macro_f1'])} |",
                  f"| training time | {co['train_seconds']:.1f} s | | {cs['train_seconds']:.1f} s |", "",
                  f"Threshold cost on in-scope accuracy: {100 * (co['in_scope_accuracy'] - co['in_scope_accuracy_with_threshold']):.2f} points.", ""]
    lines += ["Reproduce: `bench/intent.sh` (builds release, installs scikit-learn from PyPI if missing). "
              "Raw figures: `bench/intent-results.json`.", ""]
    return "\n".join(lines)


def write_section(path, section):
    text = open(path, encoding="utf-8").read() if os.path.exists(path) else "# Benchmark results\n\n"
    start = text.find("## Intent classifier")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + section + ("\n" + text[end + 1:] if end >= 0 else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--shared", default="../shared")
    p.add_argument("--switchyard", default=".build/release/switchyard")
    p.add_argument("--results", default="bench/RESULTS.md")
    a = p.parse_args()
    r = {"date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), "machine": machine()}
    with tempfile.TemporaryDirectory() as tmp:
        r["banking77"] = bench_banking(a, tmp)
        if os.environ.get("QUICK") != "1":
            r["clinc150"] = bench_clinc(a, tmp)
    with open(os.path.join(os.path.dirname(a.results), "intent-results.json"), "w") as f:
        json.dump(r, f, indent=2)
    section = render(r)
    write_section(a.results, section)
    print(section)


if __name__ == "__main__":
    main()
