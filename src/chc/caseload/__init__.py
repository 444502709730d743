"""A caseload: many complaints from one case file, each with its due dates.

- :mod:`chc.caseload.frame`: the shape every case file is read into;
- :mod:`chc.caseload.reading`: the reader (headers, dates, stage rows), over
  :mod:`chc.caseload.sources` (CSV, JSON lines) and :mod:`chc.caseload.workbooks` (Excel);
- :mod:`chc.caseload.engine`: every complaint's due dates, statuses and lateness as columns;
- :mod:`chc.caseload.writers`: CSV, JSON lines, JSON and the summary, streamed, with
  :mod:`chc.caseload.json_text` building the JSON.
"""

import os

# polars allocates through jemalloc, which by default keeps freed pages for half a second,
# and zeroed ones for ever, and gives each thread its own arenas. A chc run is one short
# batch job whose frames are built and dropped in turn, so handing pages back sooner, and
# keeping them in one arena where the next frame can reuse them, bounds its peak.
# Measured on 100,000 complaints (best of 4, taking turns): polars' default gave CSV
# 1.10 s / 231 MB and JSON lines 1.72 s / 321 MB (an earlier engine); returning every page
# at once cost 20 to 40% more time; decay at 50 ms with per-thread arenas, CSV 1.05 s /
# 182 MB and JSON lines 1.67 s / 193 MB; the same with one arena, 1.04 s / 178 MB and
# 1.52 s / 184 MB. polars adds the variable to its own defaults when it is first imported;
# a value the user set wins.
os.environ.setdefault("_RJEM_MALLOC_CONF", "dirty_decay_ms:50,muzzy_decay_ms:0,narenas:1")
