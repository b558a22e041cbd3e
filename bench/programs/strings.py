import sys
n = int(sys.argv[1])
text = ""
for i in range(n):
    text += "ticket-" + str(i) + ","
parts = text.split(",")
print(len(parts), len(text))
