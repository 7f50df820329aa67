/**
 * Making registrations survive a reboot, the way the host already does it:
 *  - Debian binfmt-support (update-binfmts present): /usr/share/binfmts/<name>, then
 *    `update-binfmts --import <name>`;
 *  - systemd-binfmt: /etc/binfmt.d/<name>.conf, one register line (systemd-binfmt flushes every
 *    entry on restart and re-registers these files).
 * Every path sits under `root` (default "/") so tests can write into a temp dir.
 */
import { access, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeBytes, fromHex } from './escape.ts';
import { buildRegisterString } from './register-string.ts';
import type { BinfmtRule } from './types.ts';

export type PersistStyle = 'systemd' | 'debian';

export interface PersistFile {
  path: string;
  content: string;
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

/** Which mechanism the host under `root` uses; null when neither is present. */
export async function detectPersistStyle(root = '/'): Promise<PersistStyle | null> {
  for (const p of ['usr/sbin/update-binfmts', 'sbin/update-binfmts']) if (await exists(join(root, p))) return 'debian';
  for (const p of ['lib/systemd/systemd-binfmt', 'usr/lib/systemd/systemd-binfmt', 'etc/binfmt.d']) if (await exists(join(root, p))) return 'systemd';
  return null;
}

export function systemdConfPath(name: string, root = '/'): string {
  return join(root, 'etc/binfmt.d', `${name}.conf`);
}

export function debianFormatPath(name: string, root = '/'): string {
  return join(root, 'usr/share/binfmts', name);
}

/** The file that persists `rule` in `style` (pure). */
export function persistFile(rule: BinfmtRule, style: PersistStyle, root = '/'): PersistFile {
  if (style === 'systemd') {
    return {
      path: systemdConfPath(rule.name, root),
      content: `# Written by gocross binfmt install --persist; remove with: gocross binfmt uninstall\n${buildRegisterString(rule)}\n`,
    };
  }
  const yes = (b: boolean): string => (b ? 'yes' : 'no');
  const lines = ['package gocross', `interpreter ${rule.interpreter}`];
  if (rule.type === 'M') {
    lines.push(`magic ${escapeBytes(fromHex(rule.magic ?? '') ?? new Uint8Array())}`, `offset ${rule.offset}`);
    if (rule.mask) lines.push(`mask ${escapeBytes(fromHex(rule.mask) ?? new Uint8Array())}`);
  } else {
    lines.push(`extension ${rule.extension ?? ''}`);
  }
  lines.push(`credentials ${yes(rule.flags.includes('C'))}`, `preserve ${yes(rule.flags.includes('P'))}`, `fix_binary ${yes(rule.flags.includes('F'))}`);
  return { path: debianFormatPath(rule.name, root), content: `${lines.join('\n')}\n` };
}

/** Removes the persisted files of an entry gocross owns (both styles); returns what was removed. */
export async function removePersisted(name: string, root = '/'): Promise<string[]> {
  const removed: string[] = [];
  for (const p of [systemdConfPath(name, root), debianFormatPath(name, root)]) {
    if (await exists(p)) {
      await rm(p, { force: true });
      removed.push(p);
    }
  }
  return removed;
}
