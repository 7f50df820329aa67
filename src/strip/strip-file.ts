/**
 * `gocross strip` as a library call: read the layout, decide (policy + plan), then write the
 * output atomically. The input is never modified unless `inPlace`.
 */
import { open, stat } from 'node:fs/promises';
import { fileSource } from '../binary/byte-source.ts';
import { BinaryError, BinaryIoError } from '../binary/errors.ts';
import { atomicWrite } from '../util/atomic-write.ts';
import { readElfLayout } from './elf-layout.ts';
import { StripRefusedError } from './errors.ts';
import { foreignExecutableKind } from './foreign-format.ts';
import { buildStripPlan, contentsNeeded, paddingRange, type StripPlan } from './plan.ts';
import { sectionsToRemove, type StripMode } from './policy.ts';

export interface StripOptions {
  mode?: StripMode;
  /** Output path; default `<input>.stripped`. Ignored with inPlace. */
  output?: string;
  inPlace?: boolean;
}

export interface StripResult {
  input: string;
  output: string;
  mode: StripMode;
  removed: string[];
  sizeBefore: number;
  sizeAfter: number;
  unchanged: boolean;
}

/** Reads `input` and decides how to strip it, without writing anything. */
async function planStrip(input: string, mode: StripMode): Promise<StripPlan> {
  const source = await fileSource(input);
  try {
    const head = await source.read(0, Math.min(source.size, 8), 'file header');
    const kind = foreignExecutableKind(head);
    if (kind) {
      throw new StripRefusedError(
        `Cannot strip ${input}: it is a ${kind} executable; gocross strips ELF only (rebuild with go build -ldflags="-s -w" to leave out the symbol table and DWARF)`,
      );
    }
    const layout = await readElfLayout(source);
    const removed = sectionsToRemove(layout, mode);
    const contents = new Map<number, Uint8Array>();
    for (const i of contentsNeeded(layout, removed)) {
      const s = layout.sections[i]!;
      contents.set(i, await source.read(s.offset, s.size, `section ${s.name || i}`));
    }
    const header = await source.read(0, layout.ehsize, 'ELF file header');
    const programHeaderTable = await source.read(layout.phoff, layout.programHeaders.length * layout.phentsize, 'program header table');
    const range = paddingRange(layout, removed);
    const padding = range ? await source.read(range.offset, range.length, 'segment padding') : null;
    return buildStripPlan(layout, removed, { header, programHeaderTable, padding, contents, dropFileSymbols: mode === 'debug' });
  } catch (error) {
    if (error instanceof StripRefusedError && !error.message.includes(input)) {
      throw new StripRefusedError(error.message.replace(/^Cannot strip/, `Cannot strip ${input}`), { cause: error });
    }
    if (error instanceof BinaryError && !error.message.includes(input)) {
      throw new StripRefusedError(`Cannot strip ${input}: ${error.message}`, { cause: error });
    }
    throw error;
  } finally {
    await source.close();
  }
}

const CHUNK = 1 << 20;

export async function stripFile(input: string, options: StripOptions = {}): Promise<StripResult> {
  const mode = options.mode ?? 'all';
  const output = options.inPlace ? input : (options.output ?? `${input}.stripped`);
  const st = await stat(input).catch((cause: unknown) => {
    throw new BinaryIoError(`Cannot strip ${input}: ${(cause as Error).message}`, { cause });
  });
  const plan = await planStrip(input, mode);
  const result: StripResult = { input, output, mode, removed: plan.removed, sizeBefore: st.size, sizeAfter: plan.outputSize, unchanged: plan.unchanged };
  if (plan.unchanged && options.inPlace) return result;
  const src = await open(input, 'r');
  try {
    await atomicWrite(output, async (out) => {
      const buffer = new Uint8Array(CHUNK);
      let pos = 0;
      for (const piece of plan.pieces) {
        if (piece.kind === 'bytes') {
          await out.write(piece.data, 0, piece.data.length, pos);
          pos += piece.data.length;
          continue;
        }
        for (let done = 0; done < piece.length; ) {
          const n = Math.min(CHUNK, piece.length - done);
          const { bytesRead } = await src.read(buffer, 0, n, piece.from + done);
          if (bytesRead !== n) throw new BinaryIoError(`Cannot strip ${input}: the file changed while it was being read`);
          await out.write(buffer, 0, n, pos);
          pos += n;
          done += n;
        }
      }
    }, { mode: st.mode & 0o7777 });
  } finally {
    await src.close();
  }
  return result;
}
