import json, sys
with open(sys.argv[1], "rb") as f:
    doc = json.load(f)
print(len(doc["tickets"]))
