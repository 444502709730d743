"""A caseload: many complaints from one case file, each with its due dates.

- :mod:`chc.caseload.frame`: the shape every case file is read into;
- :mod:`chc.caseload.reading`: the reader (CSV, Excel, JSON lines; headers, dates, stage rows);
- :mod:`chc.caseload.engine`: every complaint's due dates, statuses and lateness as columns;
- :mod:`chc.caseload.writers`: CSV, JSON lines, JSON and the summary, streamed.
"""

import os

# polars allocates through jemalloc, which by default keeps freed pages for half a second,
# and zeroed ones for ever. A chc run is one short batch job whose frames are built and
# dropped in turn, so handing pages back sooner bounds its peak. Measured on 100,000
# complaints (best of 5): polars' default gave CSV 1.10 s / 231 MB and JSON lines
# 1.72 s / 321 MB; returning every page at once, 1.31 s / 186 MB and 2.71 s / 186 MB; this
# middle setting, 1.05 s / 210 MB and 1.91 s / 216 MB. polars adds the variable to its own
# defaults when it is first imported; a value the user set wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:50,muzzy_decay_ms:0")
