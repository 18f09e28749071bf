// Query limits as graph-node enforces them (depth, complexity, `first`/`skip`, a time limit), plus a cap on
// filter terms that graph-node leaves to Postgres but SQLite needs: its parser nests `a OR b OR …` one level
// per term and gives up at 1,000 levels with "Expression tree is too large".
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isListType,
  isObjectType,
  Kind,
  type OperationDefinitionNode,
  type ParseOptions,
  parse,
  type SelectionSetNode,
  type Source,
  type ValueNode,
} from "graphql";
import { checkNumericOptions } from "../numeric-options.js";

export interface QueryLimits {
  /** Deepest field nesting a query may have (graph-node: `GRAPH_GRAPHQL_MAX_DEPTH`, default 255). */
  readonly maxDepth: number;
  /**
   * Most entities a query may potentially return, counted as graph-node does (`GRAPH_GRAPHQL_MAX_COMPLEXITY`).
   * Unlimited by default, as in graph-node: the SDK's own proposal query (1,000 proposals with up to 1,000
   * actions each) counts millions; the time limit bounds what a fan-out costs.
   */
  readonly maxComplexity: number;
  /** Largest `first` (`GRAPH_GRAPHQL_MAX_FIRST`, default 1000). */
  readonly maxFirst: number;
  /** Largest `skip` (`GRAPH_GRAPHQL_MAX_SKIP`). */
  readonly maxSkip: number;
  /** Most terms (field conditions) one `where` may hold, across its `and`/`or` lists. */
  readonly maxFilterTerms: number;
  /**
   * Most lexical tokens a query may hold; parsing stops there. Parsing runs on the main thread before any
   * other limit can look at the query: a 90 kB query takes 30–250 ms to parse on a busy machine.
   */
  readonly maxTokens: number;
  /** Time one query may run before it is abandoned with "Query timed out" (`GRAPH_GRAPHQL_QUERY_TIMEOUT`, in s there). */
  readonly timeoutMs: number;
}

export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 255,
  maxComplexity: Number.MAX_SAFE_INTEGER,
  maxFirst: 1000,
  maxSkip: 5000,
  maxFilterTerms: 500,
  maxTokens: 5000,
  timeoutMs: 10_000,
};

/** The collection size a list field is assumed to return when the query gives no `first`. */
const DEFAULT_FIRST = 100;

export function resolveLimits(partial: Partial<QueryLimits> | undefined): QueryLimits {
  const limits = { ...DEFAULT_QUERY_LIMITS, ...partial };
  checkNumericOptions(limits, "query limit ");
  return limits;
}

export function tooDeep(max: number): GraphQLError {
  return new GraphQLError(`query has a depth that exceeds the limit of \`${max}\``);
}

export function tooComplex(complexity: number, max: number): GraphQLError {
  return new GraphQLError(
    `query potentially returns \`${complexity}\` entities or more and thereby exceeds the limit of \`${max}\` entities. ` +
      "Possible solutions are reducing the depth of the query, querying fewer relationships or using `first` to return smaller collections",
  );
}

export function tooManyFilterTerms(terms: number, max: number): GraphQLError {
  return new GraphQLError(
    `the \`where\` filter has ${terms} terms, more than the limit of ${max}; split the query or use \`_in\` lists`,
  );
}

export function tooManyTokens(max: number): GraphQLError {
  return new GraphQLError(`query has more than ${max} tokens, the limit; parsing stopped there`);
}

/** `parse` under the token limit, with a message that names it. */
export function parseLimited(
  source: string | Source,
  maxTokens: number,
  options?: ParseOptions,
): DocumentNode {
  try {
    return parse(source, { ...options, maxTokens });
  } catch (error) {
    // graphql-js: "Document contains more that N tokens. Parsing aborted." (sic)
    if (
      error instanceof GraphQLError &&
      /^Syntax Error: Document contains more tha[nt] \d+ tokens/.test(error.message)
    ) {
      throw tooManyTokens(maxTokens);
    }
    throw error;
  }
}

export function timedOut(): GraphQLError {
  return new GraphQLError("Query timed out");
}

interface Walk {
  readonly schema: GraphQLSchema;
  readonly fragments: ReadonlyMap<string, FragmentDefinitionNode>;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly limits: QueryLimits;
}

/** Depth and complexity of the operation that will run; errors (at most one) say which limit it breaks. */
export function checkQueryShape(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>> | null | undefined,
  operationName: string | null | undefined,
  limits: QueryLimits,
): GraphQLError[] {
  const fragments = new Map<string, FragmentDefinitionNode>();
  const operations: OperationDefinitionNode[] = [];
  for (const def of document.definitions) {
    if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    else if (def.kind === Kind.OPERATION_DEFINITION) operations.push(def);
  }
  const operation = operationName
    ? operations.find((o) => o.name?.value === operationName)
    : operations.length === 1
      ? operations[0]
      : undefined;
  // Which operation runs (or none) is the executor's to report.
  if (!operation) return [];
  const root = operation.operation === "query" ? schema.getQueryType() : null;
  if (!root) return [];
  const walk: Walk = { schema, fragments, variables: variables ?? {}, limits };
  try {
    const complexity = selectionComplexity(walk, operation.selectionSet, root, 1, new Set());
    if (complexity > limits.maxComplexity) return [tooComplex(complexity, limits.maxComplexity)];
  } catch (error) {
    if (error instanceof GraphQLError) return [error];
    throw error;
  }
  return [];
}

/** The fields a selection set selects on `type`, through fragments, with the depth checked on the way. */
function selectionComplexity(
  walk: Walk,
  set: SelectionSetNode,
  type: GraphQLNamedType,
  depth: number,
  inFragments: Set<string>,
): number {
  if (depth > walk.limits.maxDepth) throw tooDeep(walk.limits.maxDepth);
  let total = 0;
  for (const selection of set.selections) {
    if (selection.kind === Kind.FIELD) {
      total += fieldComplexity(walk, selection, type, depth, inFragments);
    } else {
      let fragmentSet: SelectionSetNode;
      let name: string | null = null;
      if (selection.kind === Kind.INLINE_FRAGMENT) fragmentSet = selection.selectionSet;
      else {
        name = selection.name.value;
        const fragment = walk.fragments.get(name);
        // Unknown or cyclic fragments are the validator's to report.
        if (!fragment || inFragments.has(name)) continue;
        fragmentSet = fragment.selectionSet;
        inFragments.add(name);
      }
      const condition =
        selection.kind === Kind.INLINE_FRAGMENT
          ? selection.typeCondition
          : walk.fragments.get(name ?? "")?.typeCondition;
      const onType = (condition && walk.schema.getType(condition.name.value)) || type;
      total += selectionComplexity(walk, fragmentSet, onType, depth, inFragments);
      if (name !== null) inFragments.delete(name);
    }
    // Saturate rather than overflow: anything past the limit is refused anyway.
    if (total > Number.MAX_SAFE_INTEGER / 2) total = Number.MAX_SAFE_INTEGER / 2;
  }
  return total;
}

function fieldComplexity(
  walk: Walk,
  node: FieldNode,
  parent: GraphQLNamedType,
  depth: number,
  inFragments: Set<string>,
): number {
  const where = node.arguments?.find((a) => a.name.value === "where");
  if (where) {
    // Here rather than when the field runs: coercing and validating a 5,000-term literal alone takes a second.
    const terms = termsOf(walk, where.value);
    if (terms > walk.limits.maxFilterTerms) throw tooManyFilterTerms(terms, walk.limits.maxFilterTerms);
  }
  const field = fieldOf(parent, node.name.value);
  if (!node.selectionSet || !field) return 1;
  const children = selectionComplexity(
    walk,
    node.selectionSet,
    getNamedType(field.type),
    depth + 1,
    inFragments,
  );
  const size = returnsList(field.type) ? firstOf(walk, node) : 1;
  return size * (1 + children);
}

function fieldOf(type: GraphQLNamedType, name: string): GraphQLField<unknown, unknown> | undefined {
  if (isObjectType(type) || isInterfaceType(type)) return type.getFields()[name];
  return undefined;
}

function returnsList(type: GraphQLOutputType): boolean {
  return isListType(getNullableType(type));
}

function firstOf(walk: Walk, node: FieldNode): number {
  const arg = node.arguments?.find((a) => a.name.value === "first");
  const value = arg ? literal(walk, arg.value) : undefined;
  return typeof value === "number" && value >= 0 ? value : DEFAULT_FIRST;
}

function literal(walk: Walk, value: ValueNode): unknown {
  if (value.kind === Kind.INT) return Number(value.value);
  if (value.kind === Kind.VARIABLE) return walk.variables[value.name.value];
  return undefined;
}

/** `countFilterTerms` over a `where` literal, variables included. */
function termsOf(walk: Walk, value: ValueNode): number {
  switch (value.kind) {
    case Kind.VARIABLE:
      return countFilterTerms(walk.variables[value.name.value]);
    case Kind.LIST:
      return value.values.reduce((n, item) => n + termsOf(walk, item), 0);
    case Kind.OBJECT: {
      let terms = 0;
      for (const field of value.fields) {
        const key = field.name.value;
        terms += key === "and" || key === "or" || key.endsWith("_") ? termsOf(walk, field.value) : 1;
      }
      return terms;
    }
    default:
      return 0;
  }
}

/** The number of field conditions in a coerced `where` argument, counting into `and`, `or` and nested filters. */
export function countFilterTerms(where: unknown): number {
  if (where === null || typeof where !== "object") return 0;
  if (Array.isArray(where)) return where.reduce((n: number, item) => n + countFilterTerms(item), 0);
  let terms = 0;
  for (const [key, value] of Object.entries(where)) {
    const nested = key === "and" || key === "or" || key.endsWith("_");
    terms += nested ? countFilterTerms(value) : 1;
  }
  return terms;
}

/**
 * Per-query time keeping. Resolvers run on the main thread, so the deadline is checked cooperatively before
 * each store read; a query that has used its slice of the thread defers its further reads to a queue that
 * runs one slice per turn of the event loop, so that other requests are answered in between.
 */
export class QueryClock {
  private readonly deadline: number;
  private sliceStart: number;
  private readonly deferred: (() => void)[] = [];
  private scheduled = false;
  private onExpire: (() => void) | null = null;
  expired = false;

  constructor(
    timeoutMs: number,
    private readonly sliceMs: number | null,
  ) {
    this.sliceStart = Date.now();
    this.deadline = this.sliceStart + timeoutMs;
  }

  /**
   * Resolves when the queue finds the query past its deadline; the queued tasks are then dropped, never run, so
   * that the abandoned execution costs nothing more (the caller answers "Query timed out" on its own).
   */
  readonly expiry = new Promise<void>((resolve) => {
    this.onExpire = resolve;
  });

  /** Throws "Query timed out" once the deadline has passed. */
  check(): void {
    if (this.pastDeadline()) {
      this.expired = true;
      throw timedOut();
    }
  }

  private pastDeadline(): boolean {
    return this.expired || Date.now() > this.deadline;
  }

  /** Whether the query has held the thread for its slice: further reads then go through `defer`. */
  yieldDue(): boolean {
    return this.sliceMs !== null && Date.now() - this.sliceStart >= this.sliceMs;
  }

  /**
   * Runs `task` in a later turn of the event loop. Graphql-js calls the resolvers of a list's items one after
   * another in one go: each deferred on its own, they would all run in the same turn again.
   */
  defer(task: () => void): void {
    this.deferred.push(task);
    this.schedule();
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.pump());
  }

  private pump(): void {
    this.scheduled = false;
    this.sliceStart = Date.now();
    void this.runSlice();
  }

  /**
   * Runs deferred tasks for one slice of this turn of the event loop. A task is often a cheap read (a memo hit),
   * but graphql-js completes what it resolves in a microtask (a list of 1,000 entities, say): each task's
   * completion is let run before the slice is measured again, so that it counts against the slice.
   */
  private async runSlice(): Promise<void> {
    // Past the deadline the rest of the query is abandoned: rejecting every queued task would make graphql-js
    // build an error for each (hundreds for a fan-out) only for them to be replaced by "Query timed out".
    if (this.pastDeadline()) {
      this.expired = true;
      this.deferred.length = 0;
      this.onExpire?.();
      return;
    }
    do {
      this.deferred.shift()?.();
      await afterCompletion();
    } while (this.deferred.length > 0 && !this.yieldDue() && !this.pastDeadline());
    if (this.deferred.length > 0) this.schedule();
  }
}

/** Resolves after the microtasks queued so far (graphql-js's completion of a resolved value) have run. */
function afterCompletion(): Promise<void> {
  return new Promise((resolve) => queueMicrotask(resolve));
}
