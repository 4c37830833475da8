"""Training and export of the tagger and the speaker ranker (the ``train`` extra: PyTorch and
ONNX). Analysis never imports this package: it runs the exported graph on ONNX Runtime.

Commands: ``python -m zitat.training.train`` (the tagger), ``python -m
zitat.training.train_ner`` (its NER head), ``python -m zitat.training.export`` (the ONNX
graph), ``python -m zitat.training.speaker_train`` (the speaker ranker).
"""

import sys

from zitat.errors import MissingExtraError
from zitat.extras import require

try:
    require("zitat.training", "train")
except MissingExtraError as exc:
    if sys.argv[0] == "-m":  # being located by `python -m`: a command, so one line
        sys.exit(f"zitat: error: {exc}")
    raise
