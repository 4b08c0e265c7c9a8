/**
 * The panel's data between the poll loop and the view: the reduced model, the latest checks and
 * the last poll error. There is one loop (the caller's poller); each sample is folded in with the
 * real reducer, and checks are gathered from that same tick on a slower cadence, without holding
 * up the next sample. The snapshot object changes — and subscribers hear about it — only when the
 * model's `version`, the checks or the error changed, so the view re-renders only then.
 */
import type { PanelModel } from '../domain/status/panel-model.js';
import { reduce } from '../domain/status/reducer.js';
import type { Sample } from '../domain/status/types.js';
import { sameChecks, type CheckResult, type GatherChecks } from './check-result.js';

/** Where the checks are. */
export type ChecksState =
  | { readonly kind: 'unavailable' }
  | { readonly kind: 'pending' }
  | { readonly kind: 'ready'; readonly results: readonly CheckResult[] }
  | { readonly kind: 'error'; readonly message: string };

/** What the view draws. */
export interface PanelSnapshot {
  readonly model: PanelModel;
  readonly checks: ChecksState;
  /** The last poll's error (first line), until a poll succeeds again. */
  readonly error: string | undefined;
}

/** Inputs of {@link createPanelStore}. */
export interface PanelStoreOptions {
  /** Starting model (usually `createPanelModel({ peerNames })`). */
  readonly model: PanelModel;
  /** Wall clock, ms (handshake ages, event times, check cadence). */
  readonly now: () => number;
  /** Runs every check; absent means checks are not available in this build. */
  readonly gatherChecks?: GatherChecks;
  /** Minimum time between two check runs, ms; default 10 000. */
  readonly checksEveryMs?: number;
}

/** Subscribable panel state, fed by the poll loop. */
export interface PanelStore {
  getSnapshot(): PanelSnapshot;
  subscribe(listener: () => void): () => void;
  /** Fold one sample in (the poll loop's `onSample`). */
  onSample(sample: Sample): void;
  /** Record a failed poll (the poll loop's `onError`). */
  onError(error: unknown): void;
}

/** First line of an error's message. */
export function errorLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim() || 'unknown error';
}

/** Create the store. */
export function createPanelStore(options: PanelStoreOptions): PanelStore {
  const gather = options.gatherChecks;
  const every = options.checksEveryMs ?? 10_000;
  const listeners = new Set<() => void>();
  let snapshot: PanelSnapshot = {
    model: options.model,
    checks: gather ? { kind: 'pending' } : { kind: 'unavailable' },
    error: undefined,
  };
  let checksRunning = false;
  let lastChecksAt = -Infinity;

  const publish = (next: PanelSnapshot): void => {
    snapshot = next;
    for (const listener of [...listeners]) listener();
  };

  const setChecks = (checks: ChecksState): void => {
    const old = snapshot.checks;
    const same =
      old.kind === checks.kind &&
      (old.kind !== 'ready' ||
        sameChecks(old.results, (checks as { results: readonly CheckResult[] }).results)) &&
      (old.kind !== 'error' || old.message === (checks as { message: string }).message);
    if (!same) publish({ ...snapshot, checks });
  };

  const maybeRunChecks = (): void => {
    if (gather === undefined || checksRunning) return;
    const now = options.now();
    if (now - lastChecksAt < every) return;
    lastChecksAt = now;
    checksRunning = true;
    gather().then(
      (results) => {
        checksRunning = false;
        setChecks({ kind: 'ready', results });
      },
      (error: unknown) => {
        checksRunning = false;
        setChecks({ kind: 'error', message: errorLine(error) });
      },
    );
  };

  return {
    getSnapshot: () => snapshot,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    onSample(sample) {
      const model = reduce(snapshot.model, sample, options.now());
      if (model.version !== snapshot.model.version || snapshot.error !== undefined) {
        publish({ ...snapshot, model, error: undefined });
      } else {
        snapshot = { ...snapshot, model }; // internal bookkeeping only: nobody is told
      }
      maybeRunChecks();
    },
    onError(error) {
      const message = errorLine(error);
      if (message !== snapshot.error) publish({ ...snapshot, error: message });
      maybeRunChecks(); // a tunnel that cannot be read is when the checks matter most
    },
  };
}
