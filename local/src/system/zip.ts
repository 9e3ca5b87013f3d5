import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inflateRawSync } from 'node:zlib';

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

export interface ZipEntry {
  name: string;
  content: Buffer;
}

const endOfCentralDirectory = (zip: Buffer): number => {
  // The record is 22 bytes plus a comment of at most 64 KiB, at the very end of the file.
  for (let offset = zip.length - 22; offset >= Math.max(0, zip.length - 22 - 0xffff); offset -= 1) {
    if (zip.readUInt32LE(offset) === END_OF_CENTRAL_DIRECTORY) return offset;
  }
  throw new Error('Not a zip file: no end of central directory record');
};

const entryContent = (zip: Buffer, method: number, localOffset: number, compressedSize: number): Buffer => {
  if (zip.readUInt32LE(localOffset) !== LOCAL_FILE_HEADER) throw new Error('Corrupt zip: bad local header');
  const start = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
  const data = zip.subarray(start, start + compressedSize);
  if (method === STORED) return Buffer.from(data);
  if (method === DEFLATED) return inflateRawSync(data);
  throw new Error(`Unsupported zip compression method ${method}`);
};

/** The files of a zip archive (stored or deflated, no zip64): what `serverless package` writes. */
export const readZip = (zip: Buffer): ZipEntry[] => {
  const end = endOfCentralDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let offset = zip.readUInt32LE(end + 16);
  const entries: ZipEntry[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(offset) !== CENTRAL_DIRECTORY_ENTRY) throw new Error('Corrupt zip: bad directory');
    const method = zip.readUInt16LE(offset + 10);
    const compressedSize = zip.readUInt32LE(offset + 20);
    const nameLength = zip.readUInt16LE(offset + 28);
    const name = zip.toString('utf8', offset + 46, offset + 46 + nameLength);
    const localOffset = zip.readUInt32LE(offset + 42);
    if (!name.endsWith('/')) {
      entries.push({ name, content: entryContent(zip, method, localOffset, compressedSize) });
    }
    offset += 46 + nameLength + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
  }
  return entries;
};

/** Extracts a zip file into `directory`, refusing entries that would land outside it. */
export const extractZip = (zipPath: string, directory: string): void => {
  const root = path.resolve(directory);
  for (const { name, content } of readZip(readFileSync(zipPath))) {
    const target = path.resolve(root, name);
    if (!target.startsWith(root + path.sep)) throw new Error(`${zipPath}: entry ${name} escapes the folder`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }
};
