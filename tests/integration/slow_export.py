"""The project's Celery app for a worker whose first report export hangs half-way,
so a test can kill the worker in the middle of it. The marker file says the export
has begun writing; once it exists, exports (the redelivered task's) run normally."""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from learning.celery import app  # noqa: F401 - the app `celery -A` runs


@task_prerun.connect
def make_the_first_export_hang(**kwargs):
    from learning.reports import exports

    if getattr(exports.write_export, "slowed", False):
        return
    real_write = exports.write_export
    marker = Path(os.environ["SLOW_EXPORT_MARKER"])

    def write_export(rows, writer, file, *args, **kwargs):
        if not marker.exists():
            rows = iter(rows)
            file.write(repr(next(rows)).encode())  # some of the file is written
            marker.write_text(str(os.getpid()))
            time.sleep(300)  # until the test kills this worker
        return real_write(rows, writer, file, *args, **kwargs)

    write_export.slowed = True
    exports.write_export = write_export
