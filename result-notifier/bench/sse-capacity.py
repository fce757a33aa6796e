"""Opens N SSE streams on GET /api/events of a running runner (access control off), then measures the heap they
hold and how long each job's `succeeded` event takes to reach every stream.

    java -Xmx2g -jar all-in-one/target/all-in-one-0.1.0-SNAPSHOT.jar --server.port=18080 \
        --pipeline.access.reads-per-minute=1000000 --pipeline.access.submissions-per-minute=100000
    python3 result-notifier/bench/sse-capacity.py 127.0.0.1 18080 <streams> <jobs> <runner pid>

Heap is read with jcmd after two full GCs; the delay is from the event's `at` to its arrival here, so it includes
this single-threaded reader's own lag."""
import os, socket, selectors, sys, time, json, re, subprocess, statistics, urllib.request
from datetime import datetime

HOST, PORT, N, JOBS, PID = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
JCMD = os.path.join(os.environ.get('JAVA_HOME', '/usr/lib/jvm/temurin-25-jdk-amd64'), 'bin', 'jcmd')

def heap_used_mb():
    subprocess.run([JCMD, PID, 'GC.run'], capture_output=True)
    time.sleep(1)
    subprocess.run([JCMD, PID, 'GC.run'], capture_output=True)
    out = subprocess.run([JCMD, PID, 'GC.heap_info'], capture_output=True, text=True).stdout
    m = re.search(r'used (\d+)K', out)
    return int(m.group(1)) / 1024

sel = selectors.DefaultSelector()
base = heap_used_mb()
conns = {}
t0 = time.time()
for i in range(N):
    s = socket.create_connection((HOST, PORT))
    s.sendall(f'GET /api/events HTTP/1.1\r\nHost: {HOST}\r\nAccept: text/event-stream\r\n\r\n'.encode())
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)
    conns[s] = bytearray()

def pump(until, stop=None):
    while time.time() < until:
        for key, _ in sel.select(timeout=0.2):
            data = key.fileobj.recv(65536)
            if data:
                conns[key.fileobj] += data
                if stop is not None:
                    stop(key.fileobj, data)
        if stop is None and all(b':watching' in b for b in conns.values()):
            return True
    return False

opened = pump(time.time() + 120)
open_s = time.time() - t0
watching = sum(1 for b in conns.values() if b':watching' in b)
with_streams = heap_used_mb()
print(f'streams opened: {watching}/{N} in {open_s:.1f} s; heap after full GC: {base:.1f} MB before, {with_streams:.1f} MB with streams, {(with_streams-base)*1024/max(watching,1):.1f} KB a stream', flush=True)

delays = []
for j in range(JOBS):
    for b in conns.values():
        b.clear()
    body = json.dumps({"description": f"ceramic vase {j}", "category": "home_decor", "style": "studio",
                       "settings": {"num_images": 1, "resolution": "512x512"}}).encode()
    req = urllib.request.Request(f'http://{HOST}:{PORT}/api/generate', data=body, method='POST',
                                 headers={'Content-Type': 'application/json'})
    with urllib.request.urlopen(req) as r:
        job = json.loads(r.read())['id']
    got = {}
    def stop(sock, data):
        if sock in got:
            return
        buf = conns[sock]
        i = buf.find(b'event:succeeded')
        if i >= 0:
            m = re.search(rb'"at":"([^"]+)"', buf[i:])
            if m:
                got[sock] = (time.time(), m.group(1).decode())
    deadline = time.time() + 60
    while time.time() < deadline and len(got) < watching:
        pump(min(deadline, time.time() + 0.5), stop)
    for recv, at in got.values():
        sent = datetime.fromisoformat(at.replace('Z', '+00:00')).timestamp()
        delays.append((recv - sent) * 1000)
    print(f'job {j}: succeeded reached {len(got)}/{watching} streams', flush=True)

delays.sort()
print(f'delay from the succeeded event\'s time to each client, ms: median {statistics.median(delays):.0f}, '
      f'p95 {delays[int(0.95*(len(delays)-1))]:.0f}, p99 {delays[int(0.99*(len(delays)-1))]:.0f}, max {delays[-1]:.0f} '
      f'({len(delays)} deliveries)', flush=True)
