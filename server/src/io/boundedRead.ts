/**
 * Reading a file whose path someone else chose (a command-line argument, a catalog setting) without
 * trusting what is there: only regular files, never more than a cap, and never a blocking open.
 *
 * `O_NONBLOCK` makes opening a FIFO return at once instead of waiting for a writer, and the type and
 * size are checked on the opened descriptor (`fstat`), so a path swapped after a check cannot slip
 * through. Devices such as /dev/zero are refused before a byte is read; files that report size 0
 * (procfs) are still read only up to the cap.
 */
import * as fs from 'node:fs';

export type BoundedRead = { ok: true; bytes: Buffer } | { ok: false; reason: string; tooLarge?: boolean };

const CHUNK_BYTES = 256 * 1024;
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${bytes} bytes`;
}

function kindOf(stat: fs.Stats): string {
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a named pipe (FIFO)';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  if (stat.isSocket()) return 'a socket';
  return 'not a regular file';
}

export function refusalForError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'it does not exist';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  return `cannot read it (${code ?? (error instanceof Error ? error.message : String(error))})`;
}

function refusalForStat(stat: fs.Stats, maxBytes: number): BoundedRead | undefined {
  if (!stat.isFile()) return { ok: false, reason: `it is ${kindOf(stat)}; only regular files are read` };
  if (stat.size > maxBytes) return { ok: false, reason: `it is ${describeSize(stat.size)}; the limit is ${describeSize(maxBytes)}`, tooLarge: true };
  return undefined;
}

const tooLong = (maxBytes: number): BoundedRead => ({ ok: false, reason: `it is larger than the limit of ${describeSize(maxBytes)}`, tooLarge: true });

export function readBoundedFileSync(file: string, maxBytes: number): BoundedRead {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: refusalForError(error) };
  }
  try {
    const stat = fs.fstatSync(fd);
    const refusal = refusalForStat(stat, maxBytes);
    if (refusal) return refusal;
    // Reading one byte past the limit tells a file that grew (or reported size 0) from one that fits.
    const chunks: Buffer[] = [];
    let length = 0;
    // The first chunk fits the size the file reports (plus the byte that tells it grew): a 256 KB
    // buffer for every small file costs more than reading it. Only the bytes read are kept.
    let wanted = stat.size + 1;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(wanted, CHUNK_BYTES, maxBytes + 1 - length));
      const read = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      length += read;
      if (length > maxBytes) return tooLong(maxBytes);
      // A short read most likely met the end: one byte tells.
      wanted = read < chunk.length ? 1 : CHUNK_BYTES;
    }
    return { ok: true, bytes: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, length) };
  } catch (error) {
    return { ok: false, reason: refusalForError(error) };
  } finally {
    fs.closeSync(fd);
  }
}

export async function readBoundedFile(file: string, maxBytes: number): Promise<BoundedRead> {
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(file, OPEN_FLAGS);
  } catch (error) {
    return { ok: false, reason: refusalForError(error) };
  }
  try {
    const refusal = refusalForStat(await handle.stat(), maxBytes);
    if (refusal) return refusal;
    const chunks: Buffer[] = [];
    let length = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(CHUNK_BYTES, maxBytes + 1 - length));
      const { bytesRead } = await handle.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      chunks.push(chunk.subarray(0, bytesRead));
      length += bytesRead;
      if (length > maxBytes) return tooLong(maxBytes);
    }
    return { ok: true, bytes: Buffer.concat(chunks, length) };
  } catch (error) {
    return { ok: false, reason: refusalForError(error) };
  } finally {
    await handle.close();
  }
}
