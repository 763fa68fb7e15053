"""A spaCy DependencyMatcher whose first step is faster and gives the same result.

spaCy's DependencyMatcher first runs one token Matcher over the Doc with every node of every
pattern as a one-token pattern, then groups the matched tokens by the root of their parse tree
(`_get_keys_to_position_maps`). With ~120 nodes that first step is most of the matcher's time
(the Matcher's state machine and its Python-level `IN` predicates, at every token for every
node). The node patterns of data/relation_patterns.json only test token attributes for equality
or membership (`{"DEP": "nsubj", "LOWER": {"IN": [...]}}`), which numpy answers for all tokens at
once from `Doc.to_array`. The grouping is rebuilt in the same order as spaCy's (matches by token,
then by node in the order they were added), so `__call__` returns the same matches in the same
order; a pattern that uses anything else makes the matcher fall back to spaCy's own code."""

from __future__ import annotations

from collections import defaultdict

import numpy
from spacy.attrs import DEP, IDS, LEMMA, POS, TAG
from spacy.matcher import DependencyMatcher
from spacy.strings import get_string_id

#: Token attributes whose `Doc.to_array` value is what the Matcher compares (not SENT_START).
SIMPLE_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE",
                          "SHAPE", "PREFIX", "SUFFIX"})
#: Attributes the Matcher refuses to match on a Doc without that annotation.
ANNOTATED = {"TAG": TAG, "POS": POS, "LEMMA": LEMMA, "DEP": DEP}


class FastDependencyMatcher(DependencyMatcher):
    """`DependencyMatcher` with a vectorised first step; add every pattern before the first call."""

    def _compile(self):
        """(attribute ids, [(inner key, [(column, values)])] in the inner Matcher's order, attrs
        to check for annotation, each test's values as a uint64 array), or None when some node
        pattern is beyond `_node_tests`."""
        keys = [k for key in self._tokens_to_key for tokens in self._tokens_to_key[key] for k in tokens]
        columns: dict[str, int] = {}
        nodes = []
        for k in keys:
            found = self._matcher.get(k)
            if found is None or len(found[1]) != 1 or len(found[1][0]) != 1:
                return None
            tests = _node_tests(found[1][0][0], columns)
            if tests is None:
                return None
            nodes.append((k, tests))
        if len(set(keys)) != len(keys) or len(keys) != len(self._matcher):
            return None  # the inner Matcher would not list one pattern per node in this order
        attrs = [IDS[name] for name in columns]
        checks = [ANNOTATED[name] for name in columns if name in ANNOTATED]
        arrays = {t: numpy.array(t[1], dtype=numpy.uint64) for _, tests in nodes for t in tests}
        return attrs, nodes, checks, arrays

    def _get_keys_to_position_maps(self, doc):
        plan = getattr(self, "_plan", False)
        if plan is False:
            plan = self._plan = self._compile()
        if plan is None or len(doc) == 0:
            return super()._get_keys_to_position_maps(doc)
        attrs, nodes, checks, arrays = plan
        if any(not doc.has_annotation(a) for a in checks):
            return super()._get_keys_to_position_maps(doc)  # raises spaCy's error
        n = len(doc)
        values = doc.to_array(attrs) if attrs else numpy.zeros((n, 0), dtype=numpy.uint64)
        values = values.reshape(n, -1)
        masks = numpy.ones((len(nodes), n), dtype=bool)
        done: dict[tuple, numpy.ndarray] = {}  # the nodes share many tests ({"DEP": "prep"})
        for row, (_, tests) in enumerate(nodes):
            for test in tests:
                mask = done.get(test)
                if mask is None:
                    column, wanted = test[0], arrays[test]
                    col = values[:, column]
                    mask = done[test] = col == wanted[0] if len(wanted) == 1 else numpy.isin(col, wanted)
                masks[row] &= mask
        roots = _roots(doc.to_array("HEAD").astype(numpy.int64).tolist())
        out = defaultdict(lambda: defaultdict(list))
        tokens, rows = numpy.nonzero(masks.T)  # by token, then node: the Matcher's order
        for i, row in zip(tokens.tolist(), rows.tolist(), strict=True):
            out[roots[i]][nodes[row][0]].append(i)
        return out


def _node_tests(spec: dict, columns: dict[str, int]) -> list[tuple[int, tuple[int, ...]]] | None:
    """The tests of one node pattern as (column of to_array, accepted values), or None."""
    tests = []
    for name, value in spec.items():
        if not isinstance(name, str) or name.upper() != name or name not in SIMPLE_ATTRS:
            return None
        if isinstance(value, str):
            wanted = [get_string_id(value)]  # what Matcher.add stores (StringStore.add: the same id)
        elif isinstance(value, dict) and list(value) == ["IN"] and isinstance(value["IN"], list) \
                and value["IN"] and all(isinstance(v, str) and v for v in value["IN"]):
            wanted = sorted({get_string_id(v) for v in value["IN"]})
        else:
            return None
        key = "ORTH" if name == "TEXT" else name
        column = columns.setdefault(key, len(columns))
        tests.append((column, tuple(wanted)))
    return tests


def _roots(heads: list[int]) -> list[int]:
    """The root of each token's tree, following relative head offsets as Token.ancestors does."""
    n = len(heads)
    roots = [-1] * n
    for i in range(n):
        path, j = [], i
        while roots[j] < 0 and heads[j] != 0:
            path.append(j)
            j += heads[j]
            if len(path) > n:  # a cycle: Token.ancestors stops after len(doc) steps
                return [_ancestors_root(heads, k) for k in range(n)]
        root = roots[j] if roots[j] >= 0 else j
        for p in path:
            roots[p] = root
        roots[j] = root
    return roots


def _ancestors_root(heads: list[int], i: int) -> int:
    j, steps = i, 0
    while heads[j] != 0 and steps < len(heads):
        j += heads[j]
        steps += 1
    return j
