# The serial walk with requests: one session (keep-alive), page after page until record_count.
import sys
from walk_common import token, page
size = int(sys.argv[1])
token()
tickets, page_no, total = [], 1, None
while total is None or len(tickets) < total:
    body = page(page_no, size)
    total = body["record_count"]
    tickets += body["tickets"]
    page_no += 1
print(len(tickets), tickets[0]["id"], tickets[-1]["id"])
