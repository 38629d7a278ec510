import { open } from "node:fs/promises";

const READ_BYTES = 1 << 20;

/**
 * Reads a file front to back through one reused 1 MiB buffer and hands each filled part to
 * `onChunk`, which must be done with it when it returns (hashing). Nothing is allocated per read,
 * so a pass over a large artifact leaves no garbage behind; the file is usually still in the page
 * cache, having just been written or being about to be sent.
 */
export async function forEachFileChunk(
  file: string,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.allocUnsafeSlow(READ_BYTES);
    let position = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, READ_BYTES, position);
      if (bytesRead === 0) return position;
      onChunk(buffer.subarray(0, bytesRead));
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
}
