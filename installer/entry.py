"""PyInstaller entry script: the same as ``python -m itadesk``.

On Windows the bundled program first creates the named mutex ``Local\\ITADesk-<APP_ID>`` and
holds it until it exits, so the installer and uninstaller (installer/itadesk.nsi, which reads
APP_ID from the same line) can tell that ITA Desk is running and ask the clerk to close it
before replacing its files.  Both itadesk.exe and itadesk-cli.exe hold it.
"""

import sys

from itadesk.__main__ import main

# the installer's APP_ID (installer/itadesk.nsi); tests/installer checks they are the same
APP_ID = "{EED16488-AFEE-42EC-84D7-63444EDF29BA}"
RUNNING_MUTEX = f"Local\\ITADesk-{APP_ID}"


def hold_running_mutex():
    """The mutex handle (kept open for the whole process), or None off Windows or on failure."""
    if sys.platform != "win32":
        return None
    try:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        kernel32.CreateMutexW.restype = ctypes.c_void_p
        kernel32.CreateMutexW.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_wchar_p]
        return kernel32.CreateMutexW(None, 0, RUNNING_MUTEX) or None
    except (OSError, AttributeError):   # never stop the program over this
        return None


if __name__ == "__main__":
    _mutex = hold_running_mutex()
    sys.exit(main())
