import sys
print("exit 3")
sys.exit(3)
