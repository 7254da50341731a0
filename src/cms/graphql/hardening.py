"""Limits on what one GraphQL request may ask for: tokens, the cost of checking the document,
depth, aliases, one operation, and no introspection or suggestions outside development."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any

from graphql import (
    ASTValidationRule,
    DocumentNode,
    ExecutableDefinitionNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    Source,
    ValidationContext,
    validate,
)
from graphql.validation import NoSchemaIntrospectionCustomRule
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    QueryDepthLimiter,
    SchemaExtension,
)
from strawberry.schema.validation_rules.maybe_null import MaybeNullValidationRule
from strawberry.schema.validation_rules.one_of import OneOfInputValidationRule

from cms.graphql.shared_execution import SharedEventExecutor

MAX_DEPTH = 10
MAX_ALIASES = 15
MAX_TOKENS = 2_000
# Parsing costs about 0.15 ms a kilobyte even of whitespace or a comment; 2,000 tokens of a
# real query fit in a tenth of this.
MAX_QUERY_CHARACTERS = 32_000
# Checking a document costs about 30 µs per selection, and the overlapping-fields rule adds a
# few µs for every pair of same-named fields (or of fragments) it compares in one selection
# set. These bounds keep the worst document a few milliseconds from answered, and stay far
# above real clients' queries (a few dozen selections; a few dozen pairs where code generators
# repeat __typename in every fragment).
MAX_SELECTIONS = 500  # fields, inline fragments and spreads; a fragment counts wherever spread
MAX_COMPARED_PAIRS = 1_000
# Expanding fragments that spread each other can multiply without end: stop counting here.
MAX_SELECTIONS_MEASURED = 10 * MAX_SELECTIONS
VALIDATIONS_CACHED = 1_000
TOO_COMPLEX = "QUERY_TOO_COMPLEX"
TOO_LARGE = "QUERY_TOO_LARGE"


def too_complex(message: str, *nodes: FieldNode) -> GraphQLError:
    return GraphQLError(message, list(nodes) or None, extensions={"code": TOO_COMPLEX})


class _SelectionBudgetSpent(Exception):
    pass


@dataclass
class _Measure:
    """What checking a document would cost, as far as counted: its selections, and the pairs
    of same-named fields and of fragments the overlapping-fields rule would compare."""

    selections: int = 0
    compared_pairs: int = 0
    most_repeated: tuple[str, int] = ("", 0)
    most_repeated_node: FieldNode | None = None
    most_fragments: int = 0
    # Counting stopped once over a bound: the figures are at least what they say.
    stopped_early: bool = False

    def repeated(self, name: str, count: int, node: FieldNode | None = None) -> None:
        if count > self.most_repeated[1]:
            self.most_repeated, self.most_repeated_node = (name, count), node

    def refusal(self) -> GraphQLError | None:
        if self.compared_pairs > MAX_COMPARED_PAIRS:
            name, count = self.most_repeated
            if _pairs(count) >= _pairs(self.most_fragments):
                times = f"{count} or more" if self.stopped_early else str(count)
                return too_complex(
                    f"'{name}' is selected {times} times in one selection set (counting "
                    "fragments wherever they are spread), too often to check. Select each "
                    "field once.",
                    *([self.most_repeated_node] if self.most_repeated_node else []),
                )
            fragments = self.most_fragments
            return too_complex(
                f"{fragments}{' or more' if self.stopped_early else ''} fragments are spread in "
                "one selection set, too many to check. Spread fewer fragments, or merge them."
            )
        if self.selections > MAX_SELECTIONS:
            return too_complex(
                f"This document selects more than {MAX_SELECTIONS} fields and fragments, "
                "counting each fragment wherever it is spread. Ask for fewer fields, or split "
                "the query into several requests."
            )
        return None


def _pairs(count: int) -> int:
    return count * (count - 1) // 2


# The document's tokens, as GraphQL's lexer reads them, but found by one C-speed regular
# expression: strings (whose content may look like anything), comments, spreads, names,
# numbers and punctuators. Whitespace and commas fall between matches.
_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*"""'
    r'|"(?:[^"\\\n\r]|\\.)*"'
    r"|#[^\n\r]*"
    r"|\.\.\."
    r"|[_A-Za-z][_0-9A-Za-z]*"
    r"|-?[0-9][_0-9A-Za-z.+-]*"
    r"|[!$&():=@\[\]{|}]"
)
_NAME_START = frozenset("_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
_PARENTHESES = {"(": 1, ")": -1}


def text_refusal(query: str) -> GraphQLError | None:
    """The cost of checking a document, from its text alone, before the costlier parse.

    The parser reads a document character by character and builds a node for each token
    (some milliseconds for 2,000 tokens), so the text is measured first: its length, its
    tokens, and what its selection sets repeat. This counts less than `cost_refusal` does
    (fragments are not expanded, nor the sub-selections of same-named fields merged), so it
    refuses nothing the count of the parsed document would let through; a text it cannot read
    as GraphQL is left for the parser to refuse.
    """
    if len(query) > MAX_QUERY_CHARACTERS:
        return GraphQLError(
            f"The query is {len(query):,} characters long; the limit is "
            f"{MAX_QUERY_CHARACTERS:,}. Send a shorter document, with long values in variables.",
            extensions={"code": TOO_LARGE},
        )
    tokens = _TOKEN.findall(query)
    if len(tokens) > MAX_TOKENS:  # counting comments, as the parser does
        return _too_many_tokens(query)
    tokens = [token for token in tokens if token[0] != "#"]
    measure = _Measure()
    # The selection set being read (its fields by response name, and the fragments spread in
    # it), and those that enclose it; None outside every selection set.
    fields: dict[str, int] | None = None
    spreads: set[str] = set()
    enclosing: list[tuple[dict[str, int] | None, set[str]]] = []
    continues_selection = False  # the next "{" opens an inline fragment: the same selection set
    index, end = 0, len(tokens)
    while index < end and measure.compared_pairs <= MAX_COMPARED_PAIRS:
        token = tokens[index]
        index += 1
        if token[0] in _NAME_START:
            if fields is None:
                continue  # a definition's keywords, name and type condition
            measure.selections += 1
            if index < end and tokens[index] == ":":
                index += 2  # an alias: the response name is the alias, then the field's name
            count = fields[token] = fields.get(token, 0) + 1
            measure.compared_pairs += count - 1
            if count > measure.most_repeated[1]:
                measure.most_repeated = (token, count)
        elif token == "{":
            enclosing.append((fields, spreads))
            if not (continues_selection and fields is not None):
                fields, spreads = {}, set()
            continues_selection = False
        elif token == "}":
            if enclosing:
                fields, spreads = enclosing.pop()
        elif token == "(":
            # Arguments and variable definitions hold values, never selections.
            depth = 1
            while index < end and depth:
                depth += _PARENTHESES.get(tokens[index], 0)
                index += 1
        elif token == "@":
            index += 1  # the directive's name
        elif token == "..." and fields is not None:
            measure.selections += 1
            following = tokens[index] if index < end else ""
            if following == "on":
                index += 2  # "on" and the type condition
                continues_selection = True
            elif following in ("@", "{"):
                continues_selection = True
            else:
                index += 1
                if following not in spreads:
                    measure.compared_pairs += len(spreads)
                    spreads.add(following)
                    measure.most_fragments = max(measure.most_fragments, len(spreads))
    measure.stopped_early = index < end
    return measure.refusal()


def _too_many_tokens(query: str) -> GraphQLError:
    """The parser's own refusal of a document over MAX_TOKENS tokens, without parsing it."""
    first_too_many = next(islice(_TOKEN.finditer(query), MAX_TOKENS, None))
    return GraphQLSyntaxError(
        Source(query),
        first_too_many.start(),
        f"Document contains more than {MAX_TOKENS} tokens. Parsing aborted.",
    )


@dataclass
class _DocumentMeasure(_Measure):
    """The count for a parsed document, fragments expanded wherever they are spread."""

    fragments: dict[str, FragmentDefinitionNode] = field(default_factory=dict)

    def group(self, selection_sets: list[SelectionSetNode]) -> list[list[SelectionSetNode]]:
        """Count one merged selection set; answer the merged sets of its fields' selections.

        Fields of the same response name are merged, as the overlapping-fields rule compares
        them: every pair of them, and then every pair of their sub-selections, and so on.
        """
        fields: dict[str, list[FieldNode]] = {}
        spread: set[str] = set()
        # (selection set, the fragments it was reached through) to expand, without recursion.
        pending = [(selection_set, frozenset[str]()) for selection_set in selection_sets]
        while pending:
            selection_set, path = pending.pop()
            for selection in selection_set.selections:
                self.selections += 1
                if self.selections > MAX_SELECTIONS_MEASURED:
                    raise _SelectionBudgetSpent()
                if isinstance(selection, FieldNode):
                    name = (selection.alias or selection.name).value
                    fields.setdefault(name, []).append(selection)
                elif isinstance(selection, FragmentSpreadNode):
                    name = selection.name.value
                    fragment = self.fragments.get(name)
                    # Unknown and cyclic spreads are left for the validation rules to report.
                    if fragment is not None and name not in path:
                        spread.add(name)
                        pending.append((fragment.selection_set, path | {name}))
                elif isinstance(selection, InlineFragmentNode):
                    pending.append((selection.selection_set, path))
        self.compared_pairs += _pairs(len(spread))
        self.most_fragments = max(self.most_fragments, len(spread))
        children = []
        for name, same_named in fields.items():
            self.compared_pairs += _pairs(len(same_named))
            self.repeated(name, len(same_named), same_named[0])
            sub_selections = [node.selection_set for node in same_named if node.selection_set]
            if sub_selections:
                children.append(sub_selections)
        return children


def cost_refusal(document: DocumentNode) -> GraphQLError | None:
    """Why checking this document would cost too much, or None when it is within bounds.

    Every operation and fragment definition is measured: the rules check unused fragments too.
    """
    definitions = [d for d in document.definitions if isinstance(d, ExecutableDefinitionNode)]
    measure = _DocumentMeasure(
        fragments={d.name.value: d for d in definitions if isinstance(d, FragmentDefinitionNode)}
    )
    pending = [[definition.selection_set] for definition in definitions]
    try:
        while pending and measure.compared_pairs <= MAX_COMPARED_PAIRS:
            pending.extend(measure.group(pending.pop()))
    except _SelectionBudgetSpent:
        pass
    return measure.refusal()


@lru_cache(maxsize=VALIDATIONS_CACHED)
def _validate_once(
    schema: GraphQLSchema,
    document: DocumentNode,
    rules: tuple[type[ASTValidationRule], ...],
    hide_suggestions: bool,
) -> tuple[GraphQLError, ...]:
    return tuple(validate(schema, document, rules, hide_suggestions=hide_suggestions))


class BoundedValidation(SchemaExtension):
    """Validation, once the document's cost is known to be bounded: a document too costly to
    check is refused without running a rule, from its text before it is parsed and from the
    parsed document (fragments expanded) before it is validated. Valid documents are
    remembered (the parse cache hands back the same document for the same text), so each is
    checked once.

    This takes the place of Strawberry's ValidationCache and adds what it cannot do: hide
    suggestions ("Did you mean 'auditLog'?"), which would map the schema for anyone.
    """

    def __init__(self, *, hide_suggestions: bool) -> None:
        super().__init__()
        self.hide_suggestions = hide_suggestions

    def on_parse(self) -> Iterator[None]:
        # Before the parse (listed before the parse cache): parsing a document of 2,000 tokens
        # takes some milliseconds, and an attacker varies a comment to miss the cache. Raised
        # here, the refusal is answered as a parse error is.
        query = self.execution_context.query
        refusal = text_refusal(query) if query else None
        if refusal is not None:
            raise refusal
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        assert document is not None  # validation follows a successful parse
        refusal = cost_refusal(document)
        if refusal is not None:
            context.pre_execution_errors = [refusal]
        else:
            # The rules Strawberry's own validation adds to the application's.
            rules = (*context.validation_rules, MaybeNullValidationRule, OneOfInputValidationRule)
            context.pre_execution_errors = list(
                _validate_once(context.schema._schema, document, rules, self.hide_suggestions)
            )
        yield


class SuggestionFreeExecutor(SharedEventExecutor):
    """Execution whose errors suggest nothing (a variable's unknown enum value or input field)."""

    @classmethod
    def build(cls, *args: Any, **kwargs: Any) -> Any:
        return super().build(*args, **{**kwargs, "hide_suggestions": True})


def executor_class(development: bool) -> type[SharedEventExecutor]:
    return SharedEventExecutor if development else SuggestionFreeExecutor


class OneOperationRule(ASTValidationRule):
    """Refuse a document that holds more than one operation, even with an operationName.

    A batch hidden in one document multiplies the work a single request can ask for, and the
    operation that would run depends on a second parameter: one operation per request is
    simpler to reason about, log and limit.
    """

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        operations = [
            definition
            for definition in context.document.definitions
            if isinstance(definition, OperationDefinitionNode)
        ]
        if len(operations) > 1:
            context.report_error(
                GraphQLError(
                    f"Send one operation per request, not {len(operations)}.",
                    operations,
                    extensions={"code": "GRAPHQL_VALIDATION_FAILED"},
                )
            )


def security_extensions(development: bool) -> list[Callable[[], SchemaExtension]]:
    """Extension factories that bound each request; introspection and suggestions only in
    development. They validate the document: no other validation extension is needed."""
    # The validation rules are made once, here: the depth and alias limiters build a new rule
    # class on every construction, and a new class per request would make every request miss
    # the validation cache (its key includes the rules).
    rules: list[type[ASTValidationRule]] = [
        *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
        *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
        OneOperationRule,
    ]
    if not development:
        rules.append(NoSchemaIntrospectionCustomRule)
    return [
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: AddValidationRules(rules),
        lambda: BoundedValidation(hide_suggestions=not development),
    ]
