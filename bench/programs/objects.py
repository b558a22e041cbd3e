import sys
n = int(sys.argv[1])
items = [{"id": i, "value": i % 7} for i in range(n)]
print(sum(o["value"] for o in items))
