import type {
  DefaultError,
  QueryKey,
  QueryObserverLoadingErrorResult,
  UseQueryOptions,
  UseQueryResult,
} from "@tanstack/react-query";
import { hashKey, useQuery } from "@tanstack/react-query";
import { useState } from "react";

interface Failure<TError> {
  /** The query the error belongs to: a failure of another key (another account, say) is not kept. */
  readonly key: string;
  readonly error: TError;
}

/**
 * useQuery, except that a query that failed stays failed while it is tried again. react-query puts a
 * query that has never had data back to `pending`, its error cleared, for as long as every refetch is in
 * flight (query-core's `fetchState`; TanStack/query#2673). With polling, a card that shows the error
 * would then swap its explanation for a loading line at every tick while the chain stays down, and
 * screen readers would announce the alert again each time it came back. Here the last error stays
 * (`isError`, `isFetching`) until the query succeeds or fails with another error.
 */
export function useQueryKeepingError<
  TQueryFnData = unknown,
  TError = DefaultError,
  TData = TQueryFnData,
  TQueryKey extends QueryKey = QueryKey,
>(options: UseQueryOptions<TQueryFnData, TError, TData, TQueryKey>): UseQueryResult<TData, TError> {
  const result = useQuery(options);
  const key = hashKey(options.queryKey);
  const [lastFailure, setLastFailure] = useState<Failure<TError> | null>(null);

  // State derived from earlier renders, updated during render as React recommends for this: React
  // renders again at once, before anything is committed.
  if (result.isError) {
    if (lastFailure?.key !== key || lastFailure.error !== result.error) {
      setLastFailure({ key, error: result.error });
    }
  } else if (result.isSuccess && lastFailure !== null) {
    setLastFailure(null);
  }

  // errorUpdateCount guards against a query removed from the cache and started afresh under the same key.
  if (result.isPending && result.errorUpdateCount > 0 && lastFailure?.key === key) {
    const keptError: QueryObserverLoadingErrorResult<TData, TError> = {
      ...result,
      status: "error",
      data: undefined,
      error: lastFailure.error,
      isError: true,
      isPending: false,
      isLoading: false,
      isInitialLoading: false,
      isLoadingError: true,
      isRefetchError: false,
      isRefetching: result.isFetching,
      isSuccess: false,
      isPlaceholderData: false,
    };
    return keptError;
  }
  return result;
}
