import sys
n = int(sys.argv[1])
numbers = list(range(n))
kept = [x for x in numbers if x % 3 == 0]
print(len(kept))
