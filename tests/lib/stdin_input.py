name = input("Name? ")
print("Hello,", name)
n = int(input())
print(sum(int(input()) for _ in range(n)))
import sys
print(sys.stdin.readline().strip().upper())
print([l.strip() for l in sys.stdin])
try:
    input()
except EOFError:
    print("EOF reached")
