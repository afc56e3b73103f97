#!/usr/bin/env python3
"""The process-level half of authflow's benchmark (`bash Benchmarks/run.sh`).

Drives the real binary and prints one JSON object of figures:
- start to first frame and keystroke to frame of `authflow demo`, in a pseudo-terminal (the time
  from the key's write to the last byte of the redraw it causes);
- `authflow decode` of N RS256 tokens on standard input against a PyJWT loop doing the same;
- `authflow run` against `authflow simulate` against a one-process http.client script doing the
  same exchanges;
- peak RSS (wait4's ru_maxrss) of decode, run and a TUI session walked through the whole flow.

Standard library only, except PyJWT (for the comparison), run with the venv's Python as a child.
"""
import argparse
import fcntl
import json
import os
import pty
import select
import signal
import socket
import statistics
import struct
import subprocess
import sys
import termios
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ENV_ID = "5caa81af-ec05-41ff-a709-c7378007a99c"
CLIENT_ID = "724ec718-c41c-4d51-98b0-84a583f450f9"
CLIENT_SECRET = "demo-secret-7Hq2"
PASSWORD = "2Federate!"


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1)))))
    return ordered[index]


def wait_rss(pid):
    """Waits for a child and returns (exit status, peak RSS in MB)."""
    _, status, usage = os.wait4(pid, 0)
    return os.waitstatus_to_exitcode(status), usage.ru_maxrss / 1024.0


class Terminal:
    """`authflow demo` on a pseudo-terminal of a given size."""

    def __init__(self, command, columns, rows):
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:
            os.environ["TERM"] = "xterm-256color"
            os.environ["LANG"] = "C.UTF-8"
            os.environ.pop("NO_COLOR", None)
            os.execvp(command[0], command)
        self.pid, self.fd = pid, fd
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.screen = b""

    def read_burst(self, quiet=0.03, timeout=10.0, until=None):
        """Reads until `until` (bytes) was seen and then nothing came for `quiet` seconds; returns
        (time of the first byte, time of the last byte), perf_counter seconds."""
        first = last = None
        deadline = time.perf_counter() + timeout
        seen = until is None
        while True:
            now = time.perf_counter()
            if now > deadline:
                raise TimeoutError("no screen change (waited %.1f s for %r)" % (timeout, until))
            wait = quiet if (seen and last is not None) else deadline - now
            ready, _, _ = select.select([self.fd], [], [], wait)
            if not ready:
                if seen and last is not None:
                    return first, last
                continue
            try:
                chunk = os.read(self.fd, 65536)
            except OSError:
                raise TimeoutError("the program ended")
            stamp = time.perf_counter()
            if first is None:
                first = stamp
            last = stamp
            self.screen = (self.screen + chunk)[-200000:]
            if not seen and until in self.screen:
                seen = True

    def send(self, data):
        self.screen = b""
        os.write(self.fd, data)
        return time.perf_counter()

    def close(self):
        os.write(self.fd, b"q")
        try:
            while os.read(self.fd, 65536):
                pass
        except OSError:
            pass
        status, rss = wait_rss(self.pid)
        os.close(self.fd)
        return status, rss


def tui(authflow, runs, keys):
    firsts, latencies = [], []
    for _ in range(runs):
        terminal = Terminal([authflow, "demo"], 120, 40)
        _, last = terminal.read_burst(until=b"Authorize")
        firsts.append(last - terminal.started)
        terminal.close()
    # Keystroke to frame: Tab moves the focus (a new frame each time), in one session.
    terminal = Terminal([authflow, "demo"], 120, 40)
    terminal.read_burst(until=b"Authorize")
    time.sleep(0.3)
    for index in range(keys):
        sent = terminal.send(b"\t")
        _, last = terminal.read_burst(quiet=0.03, timeout=5)
        latencies.append(last - sent)
        time.sleep(0.01 * (index % 3))
    # The whole flow in the same session, for its peak RSS.
    steps = [(b"n", b"flowId"), (b"n", b"USERNAME_PASSWORD_REQUIRED"), (b"n", b"assword")]
    steps += [(PASSWORD.encode(), None), (b"\r", b"Credentials set"), (b"n", b"COMPLETED")]
    steps += [(b"n", b"Resume"), (b"n", b"Token"), (b"n", b"signature")]
    for key, marker in steps:
        terminal.send(key)
        terminal.read_burst(until=marker, timeout=15)
    status, rss = terminal.close()
    if status != 0:
        raise RuntimeError("authflow demo exited %d" % status)
    return {
        "first_frame_ms": {"p50": 1000 * statistics.median(firsts), "max": 1000 * max(firsts), "runs": runs},
        "keystroke_ms": {"p50": 1000 * percentile(latencies, 0.5), "p99": 1000 * percentile(latencies, 0.99),
                         "keys": keys},
        "tui_rss_mb": rss,
    }


def timed(command, stdin_path=None, env=None):
    """Runs a command with output to /dev/null; returns (seconds, peak RSS MB)."""
    stdin = open(stdin_path, "rb") if stdin_path else subprocess.DEVNULL
    started = time.perf_counter()
    process = subprocess.Popen(command, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    status, rss = wait_rss(process.pid)
    elapsed = time.perf_counter() - started
    error = process.stderr.read().decode(errors="replace")
    process.returncode = status
    if stdin_path:
        stdin.close()
    if status != 0:
        raise RuntimeError("%s exited %d: %s" % (" ".join(command[:3]), status, error[-500:]))
    return elapsed, rss


def decode(authflow, python, data, count, runs):
    subprocess.run([python, os.path.join(HERE, "tokens.py"), data, str(count)], check=True)
    tokens = os.path.join(data, "tokens-%d.txt" % count)
    jwks = os.path.join(data, "jwks.json")
    af_command = [authflow, "decode", "--jwks", jwks, "--issuer", "https://bench.example/as", "--audience",
                  "bench-client", "-"]
    py_command = [python, os.path.join(HERE, "pyjwt_decode.py"), jwks]
    af_times, py_times, rss = [], [], 0.0
    for _ in range(runs):
        elapsed, peak = timed(af_command, tokens)
        af_times.append(elapsed)
        rss = max(rss, peak)
        py_times.append(timed(py_command, tokens)[0])
    af, py = statistics.median(af_times), statistics.median(py_times)
    return {"tokens": count, "authflow_s": af, "pyjwt_s": py, "throughput_ratio": py / af, "decode_rss_mb": rss}


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def run_flow(authflow, python, runs):
    port = free_port()
    simulator = subprocess.Popen([authflow, "simulate", "--port", str(port)], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
    try:
        deadline = time.time() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.time() > deadline or simulator.poll() is not None:
                    raise RuntimeError("authflow simulate did not start")
                time.sleep(0.05)
        base = "http://127.0.0.1:%d" % port
        env = dict(os.environ, AUTHFLOW_CLIENT_SECRET=CLIENT_SECRET, AUTHFLOW_PASSWORD=PASSWORD)
        af_command = [authflow, "run", "--auth-path", base, "--env", ENV_ID, "--client-id", CLIENT_ID,
                      "--redirect-uri", "http://127.0.0.1/callback", "--username", "demo"]
        py_command = [python, os.path.join(HERE, "httpclient_flow.py"), base, ENV_ID, CLIENT_ID, CLIENT_SECRET,
                      "demo", PASSWORD]
        # One of each first, unmeasured: the simulator's first answers are slower.
        timed(af_command, env=env)
        timed(py_command)
        af_times, py_times, rss = [], [], 0.0
        for _ in range(runs):
            elapsed, peak = timed(af_command, env=env)
            af_times.append(elapsed)
            rss = max(rss, peak)
            py_times.append(timed(py_command)[0])
        af, py = statistics.median(af_times), statistics.median(py_times)
        return {"authflow_s": af, "httpclient_s": py, "time_ratio": af / py, "run_rss_mb": rss, "runs": runs}
    finally:
        simulator.send_signal(signal.SIGTERM)
        simulator.wait()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--authflow", required=True)
    parser.add_argument("--python", required=True, help="the venv's Python, with PyJWT")
    parser.add_argument("--data", required=True, help="a folder for the generated tokens")
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--parts", default="tui,decode,run",
                        help="which parts to measure, comma-separated (default: all of tui,decode,run)")
    arguments = parser.parse_args()
    os.makedirs(arguments.data, exist_ok=True)
    smoke = arguments.smoke
    parts = set(arguments.parts.split(","))
    # The machine's load average (1, 5, 15 min) around the run: on a shared machine the tails are
    # as much the load's as authflow's.
    results = {"load_before": os.getloadavg()}
    if "tui" in parts:
        results["tui"] = tui(arguments.authflow, runs=1 if smoke else 10, keys=3 if smoke else 100)
    if "decode" in parts:
        results["decode"] = decode(arguments.authflow, arguments.python, arguments.data,
                                   20 if smoke else 10_000, runs=1 if smoke else 3)
    if "run" in parts:
        results["run"] = run_flow(arguments.authflow, arguments.python, runs=1 if smoke else 10)
    results["load_after"] = os.getloadavg()
    json.dump(results, sys.stdout, indent=2)
    print()


if __name__ == "__main__":
    main()
