class InsufficientFunds(Exception):
    def __init__(self, needed, available):
        super().__init__(f"need {needed}, have {available}")
        self.needed = needed
class Account:
    _next_id = 1
    def __init__(self, owner, balance=0):
        self.owner = owner
        self.balance = balance
        self.id = Account._next_id
        Account._next_id += 1
        self.history = []
    def deposit(self, amount):
        if amount <= 0:
            raise ValueError("deposit must be positive")
        self.balance += amount
        self.history.append(("deposit", amount))
        return self
    def withdraw(self, amount):
        if amount > self.balance:
            raise InsufficientFunds(amount, self.balance)
        self.balance -= amount
        self.history.append(("withdraw", amount))
        return self
    def __repr__(self):
        return f"Account#{self.id}({self.owner!r}, {self.balance})"
class Savings(Account):
    rate = 0.02
    def add_interest(self):
        return self.deposit(round(self.balance * self.rate, 2))
a = Account("ann", 100).deposit(50).withdraw(30)
s = Savings("sam", 1000).add_interest()
print(a, s, a.history, s.history)
for op in [lambda: a.withdraw(500), lambda: a.deposit(-1)]:
    try:
        op()
    except InsufficientFunds as e:
        print("insufficient:", e, e.needed)
    except ValueError as e:
        print("invalid:", e)
accounts = sorted([a, s, Account("zed", 5)], key=lambda acc: acc.balance, reverse=True)
print(accounts, sum(acc.balance for acc in accounts))
