"""Wine 8.0's gaps, for the Windows Python under Wine only (.ci/windows/setup copies this file into
its site-packages; it is not part of the project, and a real Windows needs none of it).

- KERNEL32's CopyFile2 is unimplemented: Python 3.12's shutil.copy2 calls it through
  _winapi.CopyFile2 when the module has it, and the process dies. Without it shutil copies the
  bytes and the metadata itself, as on Python 3.11.
"""

import _winapi

if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2
