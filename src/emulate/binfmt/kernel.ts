/**
 * The writes binfmt_misc understands: one register string in one write() to `register`, and
 * `-1` to an entry to remove it. Errors keep the kernel's errno and gain a readable reason.
 */
import { open } from 'node:fs/promises';
import { join } from 'node:path';
import { BinfmtError } from './errors.ts';

async function writeOnce(path: string, text: string): Promise<void> {
  const fh = await open(path, 'w');
  try {
    const data = Buffer.from(text, 'utf8');
    const { bytesWritten } = await fh.write(data, 0, data.length);
    if (bytesWritten !== data.length) throw new Error(`short write (${bytesWritten} of ${data.length} bytes)`);
  } finally {
    await fh.close();
  }
}

export async function registerEntry(mount: string, registerString: string, name: string): Promise<void> {
  try {
    await writeOnce(join(mount, 'register'), registerString);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST'
        ? [`an entry named ${name} already exists`, 'pass --replace to replace it']
        : code === 'ENOENT'
          ? ['the interpreter does not exist (the F flag opens it now)', 'install qemu-user-static']
          : code === 'EINVAL'
            ? ['the kernel rejected the register string (kernels before 4.8 reject the F flag)', 'retry with --flags ""']
            : code === 'EACCES' || code === 'EPERM'
              ? ['permission denied', 'run as root']
              : [(error as Error).message, undefined];
    throw new BinfmtError(`Cannot register ${name}: ${why[0]}`, why[1], { cause: error });
  }
}

export async function removeEntry(mount: string, name: string): Promise<void> {
  try {
    await writeOnce(join(mount, name), '-1');
  } catch (error) {
    throw new BinfmtError(`Cannot remove binfmt_misc entry ${name}: ${(error as Error).message}`, undefined, { cause: error });
  }
}
