class Task:
    def __init__(self, name, steps):
        self.name = name
        self.gen = self.run(steps)
    def run(self, steps):
        for i in range(steps):
            yield f"{self.name} step {i}"
        return f"{self.name} done"
class Scheduler:
    def __init__(self):
        self.queue = []
        self.log = []
    def add(self, task):
        self.queue.append(task)
    def run(self):
        while self.queue:
            task = self.queue.pop(0)
            try:
                self.log.append(next(task.gen))
                self.queue.append(task)
            except StopIteration as e:
                self.log.append(e.value)
s = Scheduler()
for name, n in [("A", 2), ("B", 3), ("C", 1)]:
    s.add(Task(name, n))
s.run()
print("\n".join(s.log))
