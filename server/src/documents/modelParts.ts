/**
 * A model crosses from the analysis thread as one buffer holding several values: the model without
 * its handler sites, then the sites a few dozen at a time. Reading a large module's model at once
 * took the main thread 13-30 ms (most of it the sites and the young collections they cause); read
 * part by part, one turn of the event loop at a time, no step takes more than about 2 ms, and a hover
 * on another file is answered in between.
 *
 * The values share one serializer, so an object reached from two of them (a site and a signal
 * reference) is still one object once read.
 */
import * as v8 from 'node:v8';
import type { FileModel } from '../analysis/model';

/** A part took 0.3 to 2 ms to read, young collections included (a 534 KB module has 680 sites). */
const SITES_PER_PART = 32;

export function serialisedInParts(model: FileModel): ArrayBuffer {
  const serializer = new v8.DefaultSerializer();
  serializer.writeHeader();
  serializer.writeValue({ ...model, sites: [] });
  const { sites } = model;
  serializer.writeUint32(Math.ceil(sites.length / SITES_PER_PART));
  for (let start = 0; start < sites.length; start += SITES_PER_PART) serializer.writeValue(sites.slice(start, start + SITES_PER_PART));
  const bytes = serializer.releaseBuffer();
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export class ModelReader {
  private readonly deserializer: v8.Deserializer;
  private readonly model: FileModel;
  private partsLeft: number;

  constructor(buffer: ArrayBuffer) {
    this.deserializer = new v8.DefaultDeserializer(new Uint8Array(buffer));
    this.deserializer.readHeader();
    this.model = this.deserializer.readValue() as FileModel;
    // The empty array written in the sites' place reads back as a sparse one: the sites go in a packed one.
    this.model.sites = [];
    this.partsLeft = this.deserializer.readUint32();
  }

  get done(): boolean {
    return this.partsLeft === 0;
  }

  /** Reads the next part of the sites; the model once all of them are in. */
  step(): FileModel | undefined {
    if (this.partsLeft > 0) {
      for (const site of this.deserializer.readValue() as FileModel['sites']) this.model.sites.push(site);
      this.partsLeft--;
    }
    return this.partsLeft === 0 ? this.model : undefined;
  }

  /** The rest at once, for a reader that cannot wait. */
  readAll(): FileModel {
    for (;;) {
      const model = this.step();
      if (model) return model;
    }
  }

  /** The rest, one part per turn of the event loop. */
  async readInTurns(): Promise<FileModel> {
    for (;;) {
      const model = this.step();
      if (model) return model;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}
