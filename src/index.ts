/**
 * gocross library entry. Only named, public things are re-exported here; package.json#exports
 * makes this the whole surface.
 */
export { inspectFile, inspectBytes, inspectSource, inspectFileWithStats, detectFormat } from './binary/inspect.ts';
export { bytesSource, fileSource, type ByteSource } from './binary/byte-source.ts';
export { BinaryError, FormatError, UnrecognizedFormatError, BinaryIoError, type BinaryErrorCode } from './binary/errors.ts';
export type * from './binary/types.ts';
export { run, ProcessError, type RunOptions, type RunResult } from './process/run.ts';
export { pool, type Settled, type PoolOptions } from './util/pool.ts';
