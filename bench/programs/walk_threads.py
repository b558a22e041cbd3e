# The concurrent walk with requests: page 1 for record_count, then the rest on 8 threads
# (concurrent.futures), a session per thread, assembled in page order.
import sys
from concurrent.futures import ThreadPoolExecutor
from walk_common import token, page
size = int(sys.argv[1])
token()
first = page(1, size)
total = first["record_count"]
pages = -(-total // size)
with ThreadPoolExecutor(max_workers=8) as pool:
    rest = list(pool.map(lambda n: page(n, size), range(2, pages + 1)))
tickets = first["tickets"] + [t for body in rest for t in body["tickets"]]
print(len(tickets), tickets[0]["id"], tickets[-1]["id"])
