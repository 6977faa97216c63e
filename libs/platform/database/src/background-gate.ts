/**
 * Whether background work (the worker's screening and hash-chaining) may run now. The worker's
 * gate closes while the API is busy (`WorkerYield`, @ajar/messaging); without one, work always runs.
 */
export abstract class BackgroundGate {
  abstract isOpen(): boolean;
  /** Called each time the gate opens; returns the unsubscribe. */
  abstract onOpen(listener: () => void): () => void;
}
