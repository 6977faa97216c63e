import busboy from 'busboy';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as yauzl from 'yauzl';
import { ProblemException } from '@ajar/http';
import type { NumberedRow } from '../../domain/list-entry-parsing';
import { OFAC_FILE_NAMES, type OfacFileRole, type OfacPublicationFiles, type OfacSet, readOfacPublication } from '../../domain/ofac-publication';

/**
 * Largest OFAC upload spooled to disk (a multipart body's files together, or one zip), and largest
 * file unpacked from a zip. Today's sdn.csv is a few MB; the caps only stop abuse and zip bombs.
 */
export const MAX_OFAC_UPLOAD_BYTES = 256 * 1024 * 1024;

/** Which set and role each OFAC file name stands for (keys lower case). */
const OFAC_FILES = new Map<string, { set: OfacSet; role: OfacFileRole }>(
  (Object.keys(OFAC_FILE_NAMES) as OfacSet[]).flatMap((set) =>
    (Object.keys(OFAC_FILE_NAMES[set]) as OfacFileRole[]).map((role) => [OFAC_FILE_NAMES[set][role], { set, role }] as const),
  ),
);
const KNOWN_NAMES = [...OFAC_FILES.keys()].join(', ');

function badRequest(field: string, reason: string): ProblemException {
  return new ProblemException(400, 'REQUEST.VALIDATION_FAILED', 'The request is not valid', `${field}: ${reason}.`, [{ field, reason }]);
}

function tooLarge(field: string): ProblemException {
  return new ProblemException(413, 'REQUEST.TOO_LARGE', 'Payload too large', `${field} is larger than ${MAX_OFAC_UPLOAD_BYTES} bytes.`, [
    { field, reason: `must be at most ${MAX_OFAC_UPLOAD_BYTES} bytes` },
  ]);
}

/** The OFAC file a part or zip entry name stands for: its base name, case-insensitive. */
function ofacFile(name: string | undefined): { name: string; set: OfacSet; role: OfacFileRole } | undefined {
  if (name === undefined) return undefined;
  const key = basename(name.replace(/\\/g, '/')).toLowerCase();
  const file = OFAC_FILES.get(key);
  return file === undefined ? undefined : { name: key, ...file };
}

/** The set the files belong to; one publication at a time, and its primary file is required. */
function publicationSet(names: Iterable<string>): OfacSet {
  const sets = new Set<OfacSet>();
  for (const name of names) {
    const file = OFAC_FILES.get(name);
    if (file !== undefined) sets.add(file.set);
  }
  if (sets.size > 1) throw badRequest('files', 'holds files of both the SDN set (sdn.csv, …) and the consolidated set (cons_prim.csv, …): upload one publication at a time');
  const [set] = sets;
  if (set === undefined) throw badRequest('files', `holds no OFAC file; expected ${KNOWN_NAMES}`);
  return set;
}

/** Counts the bytes that pass, and fails past the cap. */
function byteCap(field: string): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      callback(seen > MAX_OFAC_UPLOAD_BYTES ? tooLarge(field) : null, chunk);
    },
  });
}

/**
 * Spools each file part of a multipart body to the folder, named by its OFAC file name (the part
 * name, else its file name). Parts come in any order and the primary file can only be read after
 * the others, so each goes to disk as it arrives; nothing is held in memory.
 */
async function spoolMultipart(request: IncomingMessage, folder: string): Promise<Map<string, string>> {
  const spooled = new Map<string, string>();
  const writes: Promise<void>[] = [];
  let refused: ProblemException | undefined;
  let total = 0;
  await new Promise<void>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: request.headers, limits: { files: 8, fields: 8, fileSize: MAX_OFAC_UPLOAD_BYTES } });
    } catch (error) {
      reject(badRequest('Content-Type', `is not a readable multipart/form-data header (${(error as Error).message})`));
      return;
    }
    parser.on('file', (partName, stream, info) => {
      const file = ofacFile(partName) ?? ofacFile(info.filename);
      if (file === undefined || spooled.has(file.name) || refused !== undefined) {
        refused ??= file === undefined ? badRequest(partName, `is no OFAC file; name each part by its file name: ${KNOWN_NAMES}`) : badRequest(partName, 'is sent twice');
        stream.resume();
        return;
      }
      const path = join(folder, file.name);
      spooled.set(file.name, path);
      stream.on('limit', () => {
        refused ??= tooLarge(file.name);
      });
      // Past the cap of all parts together, the rest is read (busboy needs it consumed) but not written.
      const capped = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          total += chunk.length;
          if (total <= MAX_OFAC_UPLOAD_BYTES) return callback(null, chunk);
          refused ??= tooLarge('body');
          callback();
        },
      });
      writes.push(pipeline(stream, capped, createWriteStream(path)));
    });
    parser.on('field', (name) => {
      refused ??= badRequest(name, 'must be sent as a file part (curl -F "name=@file")');
    });
    parser.on('filesLimit', () => {
      refused ??= badRequest('files', 'at most 8 parts');
    });
    parser.on('error', (error: Error) => reject(badRequest('body', `is not readable multipart/form-data (${error.message})`)));
    parser.on('close', () => resolve());
    request.on('error', reject);
    request.pipe(parser);
  });
  await Promise.all(writes);
  if (refused !== undefined) throw refused;
  return spooled;
}

/** The zip's OFAC entries opened as streams; the zip itself was spooled to the folder. */
async function openZip(request: IncomingMessage, folder: string): Promise<{ streams: Map<string, Readable>; close: () => void }> {
  const path = join(folder, 'upload.zip');
  await pipeline(request, byteCap('body'), createWriteStream(path));
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.openPromise(path, { autoClose: false });
  } catch (error) {
    throw badRequest('body', `is not a readable zip file (${(error as Error).message})`);
  }
  try {
    const entries = new Map<string, yauzl.Entry>();
    try {
      for await (const entry of zip.eachEntry()) {
        const file = ofacFile(entry.fileName);
        // Folders, readme files and the like are no part of the publication: passed over.
        if (file === undefined || entry.fileName.endsWith('/')) continue;
        if (entries.has(file.name)) throw badRequest(entry.fileName, 'is in the zip twice');
        if (entry.uncompressedSize > MAX_OFAC_UPLOAD_BYTES) throw tooLarge(entry.fileName);
        entries.set(file.name, entry);
      }
    } catch (error) {
      throw error instanceof ProblemException ? error : badRequest('body', `is not a readable zip file (${(error as Error).message})`);
    }
    const streams = new Map<string, Readable>();
    for (const [name, entry] of entries) streams.set(name, await zip.openReadStreamPromise(entry));
    return { streams, close: () => zip.close() };
  } catch (error) {
    zip.close();
    throw error;
  }
}

/** The publication's files, by role, from streams named by OFAC file name. */
function publicationFiles(streams: Map<string, Readable>): OfacPublicationFiles {
  const set = publicationSet(streams.keys());
  const names = OFAC_FILE_NAMES[set];
  const primary = streams.get(names.primary);
  if (primary === undefined) throw badRequest(names.primary, `is required (the primary file of the ${set === 'sdn' ? 'SDN' : 'consolidated'} set)`);
  return { set, primary, alt: streams.get(names.alt), add: streams.get(names.add), comments: streams.get(names.comments) };
}

/**
 * One OFAC publication in the legacy CSV format, uploaded as multipart/form-data (parts named by
 * file name) or as one zip. Either way it is spooled to a temporary folder first, which is deleted
 * when the rows have been read (or reading stopped).
 */
export async function* ofacUploadRows(request: IncomingMessage, container: 'multipart' | 'zip'): AsyncIterable<NumberedRow> {
  const folder = await mkdtemp(join(tmpdir(), 'ajar-ofac-'));
  const streams = new Map<string, Readable>();
  let close = (): void => undefined;
  try {
    if (container === 'multipart') {
      for (const [name, path] of await spoolMultipart(request, folder)) streams.set(name, createReadStream(path));
    } else {
      const zip = await openZip(request, folder);
      for (const [name, stream] of zip.streams) streams.set(name, stream);
      close = zip.close;
    }
    yield* readOfacPublication(publicationFiles(streams));
  } finally {
    for (const stream of streams.values()) stream.destroy();
    close();
    await rm(folder, { recursive: true, force: true });
  }
}
