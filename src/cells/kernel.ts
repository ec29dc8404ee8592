/** The page's handle on the cell worker: starts it on first use, sends typed messages, restarts it if it must. */
import type { FromWorker, ToWorker } from './protocol.ts';

export class Kernel {
  private worker: Worker | undefined;
  private listeners: ((message: FromWorker) => void)[] = [];

  /** Every message from the worker goes to each listener. */
  listen(listener: (message: FromWorker) => void): void {
    this.listeners.push(listener);
  }

  send(message: ToWorker): void {
    this.spawn().postMessage(message);
  }

  /** End the worker mid-step (its state is lost) and start a fresh one on the next send. */
  restart(): void {
    this.worker?.terminate();
    this.worker = undefined;
  }

  private spawn(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'microgpt cells' });
    worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      for (const listener of this.listeners) listener(event.data);
    });
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      for (const listener of this.listeners) listener({ type: 'status', cell: 'train', runId: -1, state: 'failed', message: `The cell worker failed to start: ${event.message || 'unknown error'}` });
    });
    this.worker = worker;
    return worker;
  }
}
