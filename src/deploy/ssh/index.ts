/** The SSH layer of `gocross deploy`: connect to a device, run quoted commands, upload files. */
export { connect } from './connect.ts';
export { commandLine, shellQuote } from './quote.ts';
export { ConnectionLostError, RemoteCommandError, describeTarget } from './errors.ts';
export { fingerprintOf, keyTypeOf } from './key-blob.ts';
export { MAX_OUTPUT_BYTES } from './channel.ts';
