/** Regions are a chunk (1 MiB) plus the start of a line carried over from the chunk before; most fit in this. */
const DEFAULT_CAPACITY = 1024 * 1024 + 64 * 1024;

/**
 * A free list of region buffers. Workers hand each region's buffer back with its result, so a file of any size
 * runs on a handful of buffers: fresh 1 MiB buffers per chunk piled up as garbage on both sides until the garbage
 * collector's external-memory threshold (tens of megabytes per thread) was reached.
 */
export class RegionBuffers {
  private readonly free: ArrayBuffer[] = [];

  constructor(private readonly maxFree = 16) {}

  /** A view of `size` bytes on a reused buffer when one is big enough, else on a new one. */
  take(size: number): Uint8Array {
    const index = this.free.findIndex((buffer) => buffer.byteLength >= size);
    const buffer = index === -1 ? new ArrayBuffer(Math.max(size, DEFAULT_CAPACITY)) : this.free.splice(index, 1)[0]!;
    return new Uint8Array(buffer, 0, size);
  }

  /** Returns a buffer for reuse; its earlier views must no longer be read. Oversized ones are let go. */
  give(buffer: ArrayBuffer): void {
    if (buffer.byteLength > DEFAULT_CAPACITY || this.free.length >= this.maxFree) return;
    this.free.push(buffer);
  }
}
