/** The cell worker: every cell's code runs here, so the page never waits on training. */
import { Runtime } from './runtime.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

/** The little of a dedicated worker's global scope that we use. */
interface WorkerScope {
  postMessage(message: FromWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ToWorker>) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
const runtime = new Runtime((message) => scope.postMessage(message));
scope.addEventListener('message', (event) => runtime.handle(event.data));
