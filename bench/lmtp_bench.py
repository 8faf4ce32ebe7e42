#!/usr/bin/env python3
"""lmtp_bench.py -- Switchyard vs Dovecot LMTP, both delivering to Maildir, same load, same run.

Usage (normally through `make bench`, which builds the release binary first):
    bench/lmtp_bench.py --switchyard PATH [--msgs 2000] [--runs 1] [--sizes 4k,50k]
                        [--sessions 1,4,16] [--rss-msgs 20000] [--work DIR] [--out bench/RESULTS.md]

For every (size, sessions) cell and every run, each server is started fresh with an empty
Maildir root under --work (one filesystem for both), warmed up with 200 messages, then
`smtp-source -L -d -s SESSIONS -m MSGS -F FILE` runs against it. Recorded per cell:
  msgs/s       MSGS / wall time of the smtp-source run (every reply is a durable delivery)
  CPU/msg      user+system CPU of the server's whole process tree during the run / MSGS
  peak RSS     highest sum of VmRSS over the server's process tree, sampled every 100 ms
               (Dovecot runs several processes; PSS, which splits shared pages, is given too)
The files in new/ are counted after each run and must match what smtp-source sent.
Then the memory check: Switchyard alone, 16 sessions, --rss-msgs 4 KB messages, RSS sampled at
start, every 10 % of the run, peak and end.
Maildirs are deleted only at the end: on ext4 without a journal, creating files right after
deleting many costs extra kernel CPU (see ../shared/recipes/RECIPES.md), which would bias later
runs. Results (medians when --runs > 1) replace this script's own section of --out (Markdown,
machine noted); the other benchmarks' sections of bench/RESULTS.md are kept.
"""
import argparse
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from datetime import datetime, timezone

TCK = os.sysconf("SC_CLK_TCK")
START = "<!-- lmtp_bench.py: start (this section is rewritten by bench/lmtp.sh) -->"
END = "<!-- lmtp_bench.py: end -->"
PAGE = os.sysconf("SC_PAGE_SIZE")


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def wait_greeting(port, proc, timeout=60):
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before greeting")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=2) as c:
                if c.recv(512).startswith(b"220"):
                    c.sendall(b"QUIT\r\n")
                    return
        except OSError:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"no greeting on port {port}")


def tree(pid):
    """pid and all its descendants."""
    children = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                with open(f"/proc/{d}/stat") as fh:
                    s = fh.read()
                ppid = int(s[s.rindex(")") + 2:].split()[1])
                children.setdefault(ppid, []).append(int(d))
            except (OSError, ValueError):
                pass
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def tree_cpu(pid):
    """CPU seconds of pid's tree, including children it already reaped."""
    total = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/stat") as fh:
                s = fh.read()
            f = s[s.rindex(")") + 2:].split()
            total += sum(int(x) for x in f[11:15])
        except OSError:
            pass
    return total / TCK


def tree_memory(pid):
    """(sum of RSS, sum of PSS) in bytes over pid's tree."""
    rss = pss = 0
    for p in tree(pid):
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except OSError:
            pass
    return rss, pss


class Sampler(threading.Thread):
    """Samples a process tree's memory every interval until stopped."""

    def __init__(self, pid, interval=0.1):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_rss = self.peak_pss = 0
        self.samples = []
        self._halt = threading.Event()

    def run(self):
        while not self._halt.is_set():
            rss, pss = tree_memory(self.pid)
            self.samples.append((time.time(), rss))
            self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)
            self._halt.wait(self.interval)

    def stop(self):
        self._halt.set()
        self.join()


def count_files(path):
    try:
        return sum(1 for e in os.scandir(path) if e.is_file())
    except FileNotFoundError:
        return 0


class Switchyard:
    name = "Switchyard"

    def __init__(self, binary, work):
        self.binary, self.work = binary, work

    def start(self, tag):
        self.root = os.path.join(self.work, f"sy-{tag}")
        os.makedirs(self.root)
        self.port = free_port()
        conf = os.path.join(self.root, "switchyard.yaml")
        with open(conf, "w") as fh:
            fh.write(
                f"listeners:\n  - protocol: lmtp\n    address: \"127.0.0.1:{self.port}\"\n"
                f"hostname: bench.switchyard.test\n"
                f"maildir:\n  root: \"{self.root}/maildirs\"\n  default_team: bench\n"
                f"logging:\n  level: warning\n"
            )
        self.log = open(os.path.join(self.root, "switchyard.log"), "ab")
        self.proc = subprocess.Popen([self.binary, "serve", "--config", conf], stdout=self.log, stderr=self.log)
        wait_greeting(self.port, self.proc)
        return self.proc.pid

    def recipient(self, tag):
        return f"{tag}@bench.test"

    def delivered(self, tag):
        return count_files(os.path.join(self.root, "maildirs", "bench", "new"))

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(40)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


class Dovecot:
    name = "Dovecot LMTP"

    def __init__(self, work):
        self.work = work

    def start(self, tag):
        self.root = os.path.join(self.work, f"dv-{tag}")
        for sub in ("run", "state", "mail"):
            os.makedirs(os.path.join(self.root, sub))
        shutil.chown(os.path.join(self.root, "mail"), "nobody", "nogroup")
        self.port = free_port()
        conf = os.path.join(self.root, "dovecot.conf")
        # Dovecot's defaults where they matter (mail_fsync = optimized, indexes on disk); one
        # Maildir per recipient under mail/, delivered as nobody.
        with open(conf, "w") as fh:
            fh.write(f"""base_dir = {self.root}/run
state_dir = {self.root}/state
log_path = {self.root}/dovecot.log
protocols = lmtp
listen = 127.0.0.1
ssl = no
mail_location = maildir:~/Maildir
passdb {{
  driver = static
  args = nopassword=y
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={self.root}/mail/%n allow_all_users=yes
}}
service lmtp {{
  inet_listener lmtp {{
    address = 127.0.0.1
    port = {self.port}
  }}
}}
service anvil {{
  chroot =
}}
service stats {{
  inet_listener http {{
    port = 0
  }}
}}
""")
        self.proc = subprocess.Popen(["dovecot", "-F", "-c", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_greeting(self.port, self.proc)
        return self.proc.pid

    def recipient(self, tag):
        return f"{tag}@bench.test"

    def delivered(self, tag):
        return count_files(os.path.join(self.root, "mail", tag, "Maildir", "new"))

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(40)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def make_message(path, size):
    """A plain-text message of about `size` bytes with LF line ends (smtp-source -F adds CR)."""
    head = (
        "From: Bench Sender <sender@customer.example>\n"
        "To: <support@bench.test>\n"
        "Subject: benchmark message of %d bytes\n"
        "Date: Fri, 27 Nov 2026 10:00:00 +0000\n"
        "Message-ID: <bench-%d@customer.example>\n"
        "MIME-Version: 1.0\n"
        "Content-Type: text/plain; charset=utf-8\n\n" % (size, size)
    )
    words = "the customer writes about an invoice a delivery a refund and a password reset".split()
    lines, n, total = [], 0, len(head)
    while total < size:
        line = " ".join(words[(n + i) % len(words)] for i in range(11))
        lines.append(line)
        total += len(line) + 1
        n += 1
    with open(path, "w") as fh:
        fh.write(head + "\n".join(lines) + "\n")


def smtp_source(port, sessions, msgs, file, rcpt):
    cmd = ["smtp-source", "-L", "-d", "-s", str(sessions), "-m", str(msgs), "-F", file,
           "-f", "sender@bench.test", "-t", rcpt, f"127.0.0.1:{port}"]
    t0 = time.time()
    result = subprocess.run(cmd, capture_output=True, timeout=1800)
    elapsed = time.time() - t0
    if result.returncode != 0:
        raise RuntimeError(f"smtp-source failed: {result.stderr.decode(errors='replace')[-500:]}")
    return elapsed


def measure(server, tag, port_msgs, sessions, file):
    pid = server.start(tag)
    try:
        rcpt = server.recipient(tag)
        smtp_source(server.port, 4, 200, file, rcpt)  # warm-up: processes, caches, directories
        before = server.delivered(tag)
        os.sync()
        sampler = Sampler(pid)
        sampler.start()
        cpu0 = tree_cpu(pid)
        elapsed = smtp_source(server.port, sessions, port_msgs, file, rcpt)
        cpu1 = tree_cpu(pid)
        sampler.stop()
        delivered = server.delivered(tag) - before
        if delivered != port_msgs:
            raise RuntimeError(f"{server.name}: {delivered} files in new/ for {port_msgs} messages sent")
        return {
            "rate": port_msgs / elapsed,
            "cpu_ms": (cpu1 - cpu0) * 1000 / port_msgs,
            "rss_mb": sampler.peak_rss / 2**20,
            "pss_mb": sampler.peak_pss / 2**20,
            "load": os.getloadavg()[0],
        }
    finally:
        server.stop()


def rss_check(binary, work, msgs, file):
    server = Switchyard(binary, work)
    pid = server.start("rss")
    try:
        start_rss = tree_memory(pid)[0]
        sampler = Sampler(pid, interval=0.2)
        sampler.start()
        t0 = time.time()
        smtp_source(server.port, 16, msgs, file, server.recipient("rss"))
        elapsed = time.time() - t0
        sampler.stop()
        end_rss = tree_memory(pid)[0]
        delivered = server.delivered("rss")
        # RSS at each tenth of the run, to show whether it grows.
        marks = []
        for k in range(1, 11):
            t = t0 + elapsed * k / 10
            near = min(sampler.samples, key=lambda s: abs(s[0] - t))
            marks.append(near[1] / 2**20)
        return {"start": start_rss / 2**20, "peak": sampler.peak_rss / 2**20, "end": end_rss / 2**20,
                "marks": marks, "delivered": delivered, "rate": msgs / elapsed}
    finally:
        server.stop()


def machine():
    mem = "?"
    with open("/proc/meminfo") as fh:
        for line in fh:
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 2**20:.1f} GiB"
    cpu = "?"
    with open("/proc/cpuinfo") as fh:
        for line in fh:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return {"nproc": os.cpu_count(), "mem": mem, "cpu": cpu}


def filesystem(path):
    out = subprocess.run(["findmnt", "-n", "-o", "FSTYPE,OPTIONS,SOURCE", "--target", path],
                         capture_output=True, text=True).stdout.strip()
    return out or "?"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--switchyard", required=True)
    ap.add_argument("--msgs", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=1)
    ap.add_argument("--sizes", default="4k,50k")
    ap.add_argument("--sessions", default="1,4,16")
    ap.add_argument("--rss-msgs", type=int, default=20000)
    ap.add_argument("--work", default="/tmp/switchyard-bench")
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "RESULTS.md"))
    args = ap.parse_args()

    for tool in ("smtp-source", "dovecot", "findmnt"):
        if shutil.which(tool) is None:
            sys.exit(f"lmtp_bench: {tool} missing (make test-deps installs the peers)")
    if os.path.exists(args.work):
        shutil.rmtree(args.work)
    os.makedirs(args.work)
    os.chmod(args.work, 0o755)
    started = datetime.now(timezone.utc)
    try:
        files = {}
        for size in args.sizes.split(","):
            files[size] = os.path.join(args.work, f"m{size}.eml")
            make_message(files[size], int(size.rstrip("k")) * 1024)
        results = {}  # (server, size, sessions) -> [measurements]
        servers = [Switchyard(args.switchyard, args.work), Dovecot(args.work)]
        cell = 0
        for size in args.sizes.split(","):
            for sessions in [int(s) for s in args.sessions.split(",")]:
                for run in range(args.runs):
                    for server in servers:
                        cell += 1
                        tag = f"r{cell}"
                        m = measure(server, tag, args.msgs, sessions, files[size])
                        results.setdefault((server.name, size, sessions), []).append(m)
                        print(f"{server.name:13} {size:>4} s={sessions:<2} run {run + 1}: {m['rate']:7.0f} msg/s "
                              f"{m['cpu_ms']:6.2f} ms CPU/msg  peak RSS {m['rss_mb']:6.1f} MB "
                              f"(PSS {m['pss_mb']:.1f})  load {m['load']:.1f}", flush=True)
        rss = None
        if args.rss_msgs > 0:
            rss = rss_check(args.switchyard, args.work, args.rss_msgs, files[args.sizes.split(",")[0]])
            print(f"RSS check: start {rss['start']:.1f} MB, peak {rss['peak']:.1f} MB, end {rss['end']:.1f} MB, "
                  f"{rss['delivered']} delivered", flush=True)
        write_results(args, results, rss, started, servers)
    finally:
        shutil.rmtree(args.work, ignore_errors=True)


def write_results(args, results, rss, started, servers):
    m = machine()
    med = lambda xs: statistics.median(xs)
    lines = [
        START,
        "## LMTP delivery: Switchyard vs Dovecot LMTP, to Maildir",
        "",
        f"Written by `bench/lmtp_bench.py` (via `make bench`) on {started.strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        f"- Machine: {m['nproc']} CPUs ({m['cpu']}), {m['mem']} memory; shared with other jobs, "
        "so the 1-minute load average during each cell is given.",
        f"- Filesystem of both Maildir roots: `{filesystem(args.work)}` ({args.work}).",
        f"- Load: `smtp-source -L -d -s SESSIONS -m {args.msgs} -F FILE`, one recipient per message, "
        f"after a 200-message warm-up; each server started fresh per cell; {args.runs} run(s) per cell"
        + (" (medians)." if args.runs > 1 else "."),
        "- Switchyard: release build, default configuration (fsync of file and directory per copy, "
        "dedupe on -- the bench messages carry no Received: header, so no dedupe records are written). "
        "Dovecot 2.3 LMTP: `mail_fsync = optimized` (its default), Maildir with indexes.",
        "- msgs/s: messages / wall time (smtp-source waits for each per-recipient reply, sent only once "
        "the copy is durable). CPU/msg: user+system CPU of the server's process tree / messages. "
        "Peak RSS: highest sum of RSS over the server's processes (PSS in brackets).",
        "",
        "| size | sessions | Switchyard msgs/s | Dovecot msgs/s | Switchyard CPU ms/msg | Dovecot CPU ms/msg "
        "| Switchyard peak RSS MB | Dovecot peak RSS MB (PSS) | load |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for size in args.sizes.split(","):
        for sessions in [int(s) for s in args.sessions.split(",")]:
            sy = results[("Switchyard", size, sessions)]
            dv = results[("Dovecot LMTP", size, sessions)]
            lines.append(
                f"| {size.upper()}B | {sessions} | {med([x['rate'] for x in sy]):.0f} | {med([x['rate'] for x in dv]):.0f} "
                f"| {med([x['cpu_ms'] for x in sy]):.2f} | {med([x['cpu_ms'] for x in dv]):.2f} "
                f"| {med([x['rss_mb'] for x in sy]):.1f} | {med([x['rss_mb'] for x in dv]):.1f} "
                f"({med([x['pss_mb'] for x in dv]):.1f}) | {med([x['load'] for x in sy + dv]):.1f} |")
    if rss:
        lines += [
            "",
            f"### Memory over a long run: Switchyard, 16 sessions, {args.rss_msgs} messages of "
            f"{args.sizes.split(',')[0].upper()}B",
            "",
            f"{rss['delivered']} files delivered at {rss['rate']:.0f} msgs/s. RSS at start "
            f"{rss['start']:.1f} MB, peak {rss['peak']:.1f} MB, end {rss['end']:.1f} MB.",
            "",
            "RSS (MB) at each tenth of the run: " + ", ".join(f"{x:.1f}" for x in rss["marks"]) + ".",
        ]
    lines.append(END)
    section = "\n".join(lines) + "\n"
    # bench/RESULTS.md is shared with the other benchmarks: replace only this section.
    try:
        with open(args.out) as fh:
            text = fh.read()
    except FileNotFoundError:
        text = "# Benchmark results\n"
    if START in text and END in text:
        head, rest = text.split(START, 1)
        text = head + section.rstrip("\n") + rest.split(END, 1)[1]
    else:
        text = text.rstrip("\n") + "\n\n" + section
    with open(args.out, "w") as fh:
        fh.write(text)
    print(f"wrote the LMTP section of {args.out}")


if __name__ == "__main__":
    main()
