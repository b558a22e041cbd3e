import json, sys
from collections import Counter
with open(sys.argv[1], "rb") as f:
    doc = json.load(f)
counts = Counter(str(t["status_id"]) for t in doc["tickets"])
print(json.dumps(dict(counts), separators=(",", ":")))
