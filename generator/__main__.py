"""`python -m generator` is the same program as the `schemasmith` command (`run`)."""

import os
import signal
import sys
from types import FrameType


def _interrupted(signum: int, frame: FrameType | None) -> None:
    # Unbuffered: the interrupted code may be in the middle of writing to stderr.
    os.write(2, b"schemasmith: interrupted\n")
    os._exit(130)


def quit_on_interrupt() -> None:
    """Make Ctrl-C end the program at once, printing one line (exit 130).

    Nothing on disk is in the middle of a change then: `generate` holds the
    interrupt back while it writes (`generator.writer.write`). A KeyboardInterrupt
    could not do this: one raised in a callback or a finaliser (an import's, say)
    is printed and ignored. A SIGINT that is ignored stays ignored.
    """
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:
        signal.signal(signal.SIGINT, _interrupted)


def run() -> int:
    quit_on_interrupt()  # before the imports, which take a while
    from generator.cli import console

    return console()


if __name__ == "__main__":
    sys.exit(run())
