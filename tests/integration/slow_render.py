"""The project's Celery app for a worker whose first certificate render hangs, so a
test can kill the worker in the middle of it. The marker file says the render has
begun; once it exists, renders (the redelivered task's) run normally."""

import os
import time
from pathlib import Path

from celery.signals import task_prerun

from learning.celery import app  # noqa: F401 - the app `celery -A` runs


@task_prerun.connect
def make_the_first_render_hang(**kwargs):
    from learning.certificates import rendering

    if getattr(rendering.render_certificate, "slowed", False):
        return
    real_render = rendering.render_certificate
    marker = Path(os.environ["SLOW_RENDER_MARKER"])

    def render(certificate):
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(300)  # until the test kills this worker
        return real_render(certificate)

    render.slowed = True
    rendering.render_certificate = render
