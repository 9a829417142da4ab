"""What every worker of a pool would load for itself, loaded once in the fork server the workers fork from.

Where workers start by "forkserver" (see :func:`~newsclean.runner.workers.start_method`),
multiprocessing starts one server process per interpreter, imports the modules it
is told to preload there, then forks every worker from it. This module is that
preload: importing it builds a pipeline and cleans :data:`SERVER_WARM_UP_DOCUMENTS`,
which loads what the workers need whatever their configuration: the stages' imports
(trafilatura, htmldate, jusText, resiliparse, lxml, ftfy), py3langid's model (some
0.9 s of CPU to unpack), jusText's stop words and dateparser's locale data and
patterns. It keeps the models in :data:`MODELS`, which a worker forked from the
server builds its pipeline with (:func:`~newsclean.runner.workers.build_standard`):
it pays none of this, and shares the server's memory pages until it writes to them.
What the server holds is then frozen (:func:`~newsclean.runner.memory.freeze_long_lived`):
a worker's garbage collections never walk those objects, so never write to their pages.

The work is done at import because that is the only hook multiprocessing gives
(``set_forkserver_preload`` takes module names); nothing but the fork server
imports this module. An error leaves :data:`MODELS` None and is logged at debug
level: each worker then loads what it needs itself and reports a failure where it
can stop the run (:class:`~newsclean.runner.workers.WorkerFailed`); raised here,
it would kill the server, and every worker with it, with no word of the reason.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..config import LimitsConfig, PipelineConfig
from ..document import RawDocument
from ..records import ContentType
from .memory import freeze_long_lived, heap_releaser

if TYPE_CHECKING:
    from ..assembly import Models

logger = logging.getLogger(__name__)

#: The documents the server cleans once, with the default configuration: every content type's
#: warm-up (:data:`~newsclean.assembly.WARM_UP_DOCUMENTS`, so the stages' libraries and tables are
#: loaded), then an HTML page that ends on a line htmldate's text search hands to dateparser and that
#: reads as a date in no language, so that dateparser compiles its patterns for every locale here
#: (1.5-3 s of CPU and some 20 MB) rather than in each worker, on its first page with such a line
#: (one page in sixty of the dev sets), inside that page's time limit.
SERVER_WARM_UP_DOCUMENTS: Sequence[RawDocument] = (
    RawDocument(source="<fork-server warm-up>", content_type=ContentType.HTML, data=(
        "<html><head><title>Town Council Approves New Bridge</title></head><body><article>"
        "<h1>Town Council Approves New Bridge</h1><p>The town council voted on Tuesday to approve the "
        "construction of a new bridge over the river.</p><p>Work is expected to begin next spring, and the "
        "project should take about two years to complete.</p></article><footer>Edition 12 of 2019</footer>"
        "</body></html>"
    ).encode()),
)


def load() -> Models | None:
    """The models, once every library is loaded and warmed and what this process holds is frozen; None on error."""
    try:
        from ..assembly import WARM_UP_DOCUMENTS, build_pipeline, load_models
        from . import workers  # noqa: F401 - what every worker runs: pebble's side of the pool, the reader

        models = load_models()
        # no time limit: an alarm could only cut the loading short, and no document of a user's is at stake
        config = PipelineConfig(limits=LimitsConfig(seconds_per_document=None))
        pipeline = build_pipeline(config, models=models)
        for content_type in WARM_UP_DOCUMENTS:
            pipeline.prepare(content_type)
        for raw in SERVER_WARM_UP_DOCUMENTS:
            pipeline.process(raw)
    except Exception:  # the workers load for themselves, and report what fails where it can stop the run
        logger.debug("the fork server could not preload the pipeline's models", exc_info=True)
        return None
    release = heap_releaser()
    if release is not None:
        release()  # the warm-up's freed pages go back to the system, not into every worker's copy
    freeze_long_lived()
    return models


#: The models every worker forked from this server builds its pipeline with (None: see :func:`load`).
MODELS: Models | None = load()
