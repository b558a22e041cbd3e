import sys
n = int(sys.argv[1])
# Idiomatic Python: collect the pieces, join once (a module-level `text +=` goes quadratic).
pieces = []
for i in range(n):
    pieces.append("ticket-" + str(i) + ",")
text = "".join(pieces)
parts = text.split(",")
print(len(parts), len(text))
