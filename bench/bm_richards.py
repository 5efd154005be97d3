# An OOP task scheduler in the style of Richards: tasks, packets, queues,
# dynamic dispatch through methods and attribute access.
import sys
IDLE, WORKER, HANDLER_A, HANDLER_B, DEVICE_A, DEVICE_B = range(6)
class Packet:
    def __init__(self, link, ident, kind):
        self.link = link
        self.ident = ident
        self.kind = kind
        self.datum = 0
        self.data = [0] * 4
    def append_to(self, lst):
        self.link = None
        if lst is None:
            return self
        p = lst
        while p.link is not None:
            p = p.link
        p.link = self
        return lst
class Task:
    def __init__(self, sched, ident, priority, queue):
        self.sched = sched
        self.ident = ident
        self.priority = priority
        self.queue = queue
        self.held = False
        self.waiting = queue is not None
    def runnable(self):
        return not self.held and (self.queue is not None or not self.waiting)
    def take_packet(self):
        p = self.queue
        self.queue = p.link
        return p
class IdleTask(Task):
    def __init__(self, sched, ident, priority, count):
        super().__init__(sched, ident, priority, None)
        self.control = 1
        self.count = count
    def run(self, packet):
        self.count -= 1
        if self.count == 0:
            self.held = True
            return None
        if self.control & 1 == 0:
            self.control >>= 1
            return self.sched.release(DEVICE_A)
        self.control = (self.control >> 1) ^ 0xD008
        return self.sched.release(DEVICE_B)
class WorkerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue)
        self.dest = HANDLER_A
        self.count = 0
    def run(self, packet):
        if packet is None:
            self.waiting = True
            return None
        self.dest = HANDLER_B if self.dest == HANDLER_A else HANDLER_A
        packet.ident = self.dest
        packet.datum = 0
        for i in range(4):
            self.count += 1
            if self.count > 26:
                self.count = 1
            packet.data[i] = 64 + self.count
        return self.sched.queue_packet(packet)
class HandlerTask(Task):
    def __init__(self, sched, ident, priority, queue):
        super().__init__(sched, ident, priority, queue)
        self.work = None
        self.devices = None
    def run(self, packet):
        if packet is not None:
            if packet.kind == 1:
                self.work = packet.append_to(self.work)
            else:
                self.devices = packet.append_to(self.devices)
        if self.work is not None:
            w = self.work
            count = w.datum
            if count >= 4:
                self.work = w.link
                return self.sched.queue_packet(w)
            if self.devices is not None:
                d = self.devices
                self.devices = d.link
                d.datum = w.data[count]
                w.datum = count + 1
                return self.sched.queue_packet(d)
        self.waiting = True
        return None
class DeviceTask(Task):
    def __init__(self, sched, ident, priority):
        super().__init__(sched, ident, priority, None)
        self.pending = None
    def run(self, packet):
        if packet is None:
            if self.pending is None:
                self.waiting = True
                return None
            p = self.pending
            self.pending = None
            return self.sched.queue_packet(p)
        self.pending = packet
        self.sched.hold_count += 1
        self.held = True
        return None
class Scheduler:
    def __init__(self):
        self.tasks = {}
        self.queue_count = 0
        self.hold_count = 0
    def add(self, task):
        self.tasks[task.ident] = task
    def release(self, ident):
        t = self.tasks[ident]
        t.held = False
        return t
    def queue_packet(self, packet):
        t = self.tasks[packet.ident]
        self.queue_count += 1
        packet.link = None
        packet.ident = self.current.ident
        if t.queue is None:
            t.queue = packet
        else:
            packet.append_to(t.queue)
        t.waiting = False
        return t
    def run(self):
        order = sorted(self.tasks.values(), key=lambda t: -t.priority)
        steps = 0
        while True:
            runnable = [t for t in order if t.runnable()]
            if not runnable:
                break
            t = runnable[0]
            self.current = t
            packet = t.take_packet() if t.queue is not None else None
            if packet is not None and t.queue is None and not isinstance(t, IdleTask):
                t.waiting = False
            t.run(packet)
            steps += 1
        return steps
def make_packets(n, ident, kind):
    q = None
    for _ in range(n):
        q = Packet(q, ident, kind)
    return q
def bench(count):
    s = Scheduler()
    s.add(IdleTask(s, IDLE, 0, count))
    s.add(WorkerTask(s, WORKER, 1000, make_packets(2, IDLE, 1)))
    s.add(HandlerTask(s, HANDLER_A, 2000, make_packets(3, DEVICE_A, 0)))
    s.add(HandlerTask(s, HANDLER_B, 3000, make_packets(3, DEVICE_B, 0)))
    s.add(DeviceTask(s, DEVICE_A, 4000))
    s.add(DeviceTask(s, DEVICE_B, 5000))
    steps = s.run()
    return steps, s.queue_count, s.hold_count
def kernel():
    # one iteration of the in-process warm-up mode (bench/warmup.py)
    return bench(5)
if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    print(bench(n))
