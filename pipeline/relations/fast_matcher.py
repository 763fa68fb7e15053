"""A spaCy DependencyMatcher that is faster and gives the same result.

spaCy's DependencyMatcher first runs one token Matcher over the Doc with every node of every
pattern as a one-token pattern, then groups the matched tokens by the root of their parse tree
(`_get_keys_to_position_maps`). With ~120 nodes that first step is most of the matcher's time
(the Matcher's state machine and its Python-level `IN` predicates, at every token for every
node). The node patterns of data/relation_patterns.json only test token attributes for equality
or membership (`{"DEP": "nsubj", "LOWER": {"IN": [...]}}`), which are answered once per distinct
value of a column of `Doc.to_array` and then for all tokens at once with numpy. The grouping is
rebuilt in the same order as spaCy's (matches by token, then by node in the order they were
added), so `__call__` returns the same matches in the same order; a pattern that uses anything
else makes this step fall back to spaCy's own code. `__call__` is spaCy's, except that it searches
only the trees where every node of a pattern matched some token (elsewhere spaCy's search finds
nothing), found for all patterns at once from a (node x tree) table, and builds the token lists
of those trees only.
"""

from __future__ import annotations

from collections import defaultdict

import numpy
from spacy.attrs import DEP, IDS, LEMMA, POS, TAG
from spacy.matcher import DependencyMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

#: Token attributes whose `Doc.to_array` value is what the Matcher compares (not SENT_START).
SIMPLE_ATTRS = frozenset({"ORTH", "TEXT", "LOWER", "NORM", "LEMMA", "POS", "TAG", "DEP", "ENT_TYPE",
                          "SHAPE", "PREFIX", "SUFFIX"})
#: Attributes the Matcher refuses to match on a Doc without that annotation.
ANNOTATED = {"TAG": TAG, "POS": POS, "LEMMA": LEMMA, "DEP": DEP}


class FastDependencyMatcher(DependencyMatcher):
    """`DependencyMatcher` with a vectorised first step; add every pattern before the first call."""

    def add(self, key, patterns, *args, **kwargs):
        super().add(key, patterns, *args, **kwargs)
        self._plan, self._nodes = False, None  # compiled again at the next call

    def remove(self, key):
        super().remove(key)
        self._plan, self._nodes = False, None

    def _compile(self):
        """The plan of `_get_keys_to_position_maps`, or None when some node pattern is beyond
        `_node_tests`: the attribute ids to read, the inner keys in the inner Matcher's order,
        the attributes to check for annotation, per column its accepted values (sorted) with the
        tests each passes (test x value, and a last, empty column for any other value), the
        number of tests, and the nodes grouped by their number of tests (rows, tests of each)."""
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
            nodes.append(tests)
        if len(set(keys)) != len(keys) or len(keys) != len(self._matcher):
            return None  # the inner Matcher would not list one pattern per node in this order
        attrs = [IDS[name] for name in columns]
        checks = [ANNOTATED[name] for name in columns if name in ANNOTATED]
        index = {t: j for j, t in enumerate(dict.fromkeys(t for tests in nodes for t in tests))}
        passes: list[dict[int, list[int]]] = [{} for _ in columns]
        for (column, values), j in index.items():
            for v in values:
                passes[column].setdefault(v, []).append(j)
        by_size: dict[int, tuple[list[int], list[list[int]]]] = {}  # nodes by their number of tests
        for row, tests in enumerate(nodes):
            rows, tested = by_size.setdefault(len(tests), ([], []))
            rows.append(row)
            tested.append([index[t] for t in tests])
        groups = [(numpy.array(rows), numpy.array(tested, dtype=numpy.int64).reshape(len(rows), size))
                  for size, (rows, tested) in sorted(by_size.items())]
        lookups = []  # per column: its accepted values, sorted, and which tests each passes
        for table in passes:
            known = sorted(table)
            member = numpy.zeros((len(index), len(known) + 1), dtype=bool)  # last column: no value's
            for k, v in enumerate(known):
                member[table[v], k] = True
            lookups.append((numpy.array(known, dtype=numpy.uint64), member))
        return attrs, keys, checks, lookups, len(index), groups

    def __call__(self, doclike):
        """spaCy's `DependencyMatcher.__call__`, searching only the trees where every node of the
        pattern matched some token (elsewhere the cartesian product spaCy searches is empty)."""
        if not isinstance(doclike, Doc):
            return super().__call__(doclike)  # spaCy copies a Span into a Doc first
        doc = doclike
        plan = self._get_plan()
        if plan is None or len(doc) == 0 or any(not doc.has_annotation(a) for a in plan[2]):
            return self._call_per_tree(doc, self._get_keys_to_position_maps(doc))
        matched_key_trees = self._matches_by_presence(doc, plan)
        for i, (match_id, _nodes) in enumerate(matched_key_trees):
            on_match = self._callbacks.get(match_id)
            if on_match is not None:
                on_match(self, doc, i, matched_key_trees)
        return matched_key_trees

    def _call_per_tree(self, doc, keys_to_position_maps):
        matched_key_trees = []
        cache: dict = {}
        for key in self._patterns.keys():
            for _root, tree, tokens_to_key in zip(self._root[key], self._tree[key], self._tokens_to_key[key],
                                                  strict=False):
                for keys_to_position in keys_to_position_maps.values():
                    if not all(keys_to_position.get(k) for k in tokens_to_key):
                        continue
                    for matched_tree in self._get_matches(cache, doc, tree, tokens_to_key, keys_to_position):
                        matched_key_trees.append((key, matched_tree))
        for i, (match_id, _nodes) in enumerate(matched_key_trees):
            on_match = self._callbacks.get(match_id)
            if on_match is not None:
                on_match(self, doc, i, matched_key_trees)
        return matched_key_trees

    def _matches_by_presence(self, doc, plan) -> list:
        """What `_call_per_tree` finds over `_get_keys_to_position_maps`, without building every
        tree's token lists: a (node x tree) table of which nodes matched some token of the tree
        says at once, for each pattern, the trees where all its nodes did; the token lists are
        made only for those. Trees are in the order `_get_keys_to_position_maps` lists them (of
        their first matched token), each list in token order, as there."""
        keys = plan[1]
        matched = self._matched(doc, plan)  # node x token
        hit = numpy.flatnonzero(matched.any(axis=0))  # tokens that some node matched, ascending
        if not len(hit):
            return self._call_per_tree(doc, {})
        roots = numpy.array(_roots(doc.to_array("HEAD").astype(numpy.int64).tolist()), dtype=numpy.int64)[hit]
        found, first, column = numpy.unique(roots, return_index=True, return_inverse=True)
        rank = numpy.empty(len(found), dtype=numpy.int64)  # tree -> its place in the listing order
        rank[numpy.argsort(first, kind="stable")] = numpy.arange(len(found))
        column = rank[column.reshape(-1)]  # each hit token's tree, by listing order
        sub = matched[:, hit]
        by_tree = numpy.argsort(column, kind="stable")
        starts = numpy.searchsorted(column[by_tree], numpy.arange(len(found)))
        present = numpy.logical_or.reduceat(sub[:, by_tree], starts, axis=1)  # node x tree: matched in it
        entries, incidence, sizes = self._pattern_nodes(keys)
        viable = (incidence @ present.astype(numpy.int32)) == sizes  # pattern x tree: all its nodes did
        lists: dict[tuple[int, int], list[int]] = {}
        matched_key_trees = []
        cache: dict = {}
        for e, c in zip(*(x.tolist() for x in numpy.nonzero(viable)), strict=True):  # by pattern, then tree
            key, tree, tokens_to_key, rows = entries[e]
            keys_to_position = {}
            for k, row in zip(tokens_to_key, rows, strict=True):
                positions = lists.get((row, c))
                if positions is None:
                    positions = lists[(row, c)] = hit[(column == c) & sub[row]].tolist()
                keys_to_position[k] = positions
            for matched_tree in self._get_matches(cache, doc, tree, tokens_to_key, keys_to_position):
                matched_key_trees.append((key, matched_tree))
        return matched_key_trees

    def _pattern_nodes(self, keys) -> tuple[list, numpy.ndarray, numpy.ndarray]:
        """Each pattern (key, tree, node keys, node rows) in `__call__`'s order; which nodes each
        pattern has (pattern x node, 0/1) and how many."""
        found = getattr(self, "_nodes", None)
        if found is None:
            row = {k: j for j, k in enumerate(keys)}
            entries = [(key, tree, tokens, [row[k] for k in tokens]) for key in self._patterns.keys()
                       for _root, tree, tokens in zip(self._root[key], self._tree[key], self._tokens_to_key[key],
                                                      strict=False)]
            incidence = numpy.zeros((len(entries), len(keys)), dtype=numpy.int32)
            for e, (_key, _tree, _tokens, rows) in enumerate(entries):
                for r in rows:
                    incidence[e, r] += 1  # a node listed twice counts twice, in `sizes` too
            sizes = numpy.array([len(rows) for *_, rows in entries], dtype=numpy.int32).reshape(-1, 1)
            found = self._nodes = (entries, incidence, sizes)
        return found

    def _get_plan(self):
        plan = getattr(self, "_plan", False)
        if plan is False:
            plan = self._plan = self._compile()
        return plan

    def _get_keys_to_position_maps(self, doc):
        plan = self._get_plan()
        if plan is None or len(doc) == 0:
            return super()._get_keys_to_position_maps(doc)
        if any(not doc.has_annotation(a) for a in plan[2]):
            return super()._get_keys_to_position_maps(doc)  # raises spaCy's error
        keys = plan[1]
        matched = self._matched(doc, plan)
        roots = _roots(doc.to_array("HEAD").astype(numpy.int64).tolist())
        out = defaultdict(lambda: defaultdict(list))
        tokens, rows = numpy.nonzero(matched.T)  # by token, then node: the Matcher's order
        for i, row in zip(tokens.tolist(), rows.tolist(), strict=True):
            out[roots[i]][keys[row]].append(i)
        return out

    @staticmethod
    def _matched(doc, plan):
        """node x token: the token passes every test of the node's pattern."""
        attrs, keys, _checks, lookups, n_tests, groups = plan
        n = len(doc)
        passed = numpy.zeros((n_tests, n), dtype=bool)  # test x token
        if attrs:
            values = doc.to_array(attrs).reshape(n, -1).astype(numpy.uint64)
            for column, (known, member) in enumerate(lookups):  # each token's value found by bisection
                if not len(known):
                    continue
                got = values[:, column]
                at = numpy.minimum(numpy.searchsorted(known, got), len(known) - 1)
                at[known[at] != got] = len(known)  # a value no test accepts: the empty column
                passed |= member[:, at]
        matched = numpy.ones((len(keys), n), dtype=bool)  # node x token: every test of the node passed
        for rows, tested in groups:
            if tested.shape[1]:
                matched[rows] = passed[tested].all(axis=1)
        return matched


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
