import * as v8 from 'node:v8';
import type { ThreadHeap } from './workerProtocol';

/** The calling thread's V8 heap: each thread has its own isolate, so each reports its own. */
export function threadHeap(): ThreadHeap {
  const heap = v8.getHeapStatistics();
  const young = v8.getHeapSpaceStatistics().find((space) => space.space_name === 'new_space');
  return { used: heap.used_heap_size, total: heap.total_heap_size, external: heap.external_memory, youngGeneration: young?.space_size ?? 0 };
}
