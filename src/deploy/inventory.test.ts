import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GocrossError } from '../core/errors.ts';
import { normalizeDeployConfig } from './config.ts';
import { describeSelection, parseHostList, parseLabelSelector, selectHosts } from './inventory.ts';
import type { HostSelection } from './model.ts';

const config = normalizeDeployConfig(
  {
    hosts: [
      { name: 'pi-berlin-1', address: '10.0.0.1', labels: { site: 'berlin', board: 'pi4' } },
      { name: 'pi-berlin-2', address: '10.0.0.2', labels: { site: 'berlin', board: 'pi3' } },
      { name: 'pi-paris-1', address: '10.0.0.3', labels: { site: 'paris', board: 'pi4' } },
      { name: 'router', address: '10.0.0.4' },
    ],
    groups: { canary: ['pi-paris-1', 'pi-berlin-1'], pis: ['pi-berlin-1', 'pi-berlin-2', 'pi-paris-1'] },
    service: { name: 'hello' },
  },
  '/p',
  '/home/op',
);
const sel = (s: Partial<HostSelection>): HostSelection => ({ names: [], groups: [], labels: {}, ...s });
const names = (s: Partial<HostSelection>): string[] => selectHosts(config, sel(s)).map((h) => h.name);

const selections: Array<[Partial<HostSelection>, string[]]> = [
  [{}, ['pi-berlin-1', 'pi-berlin-2', 'pi-paris-1', 'router']],
  [{ names: ['router', 'pi-berlin-1'] }, ['pi-berlin-1', 'router']],
  [{ groups: ['canary'] }, ['pi-berlin-1', 'pi-paris-1']],
  [{ labels: { site: 'berlin' } }, ['pi-berlin-1', 'pi-berlin-2']],
  [{ labels: { site: 'berlin', board: 'pi4' } }, ['pi-berlin-1']],
  [{ groups: ['pis'], labels: { board: 'pi4' } }, ['pi-berlin-1', 'pi-paris-1']],
  [{ groups: ['pis', 'canary'], names: ['pi-paris-1', 'pi-berlin-2'] }, ['pi-paris-1']],
];
for (const [selection, expected] of selections) {
  test(`selectHosts() with ${describeSelection(sel(selection))} keeps config order: ${expected.join(', ')}`, () => {
    assert.deepEqual(names(selection), expected);
  });
}

const refusals: Array<[Partial<HostSelection>, RegExp, RegExp]> = [
  [{ names: ['pi-berlin-3'] }, /Cannot select host "pi-berlin-3": no such host in deploy\.hosts \(did you mean "pi-berlin-1"\?\)/, /known hosts: pi-berlin-1, pi-berlin-2, pi-paris-1, router/],
  [{ names: ['gateway'] }, /Cannot select host "gateway": no such host in deploy\.hosts$/, /known hosts/],
  [{ groups: ['canray'] }, /Cannot select group "canray": .*did you mean "canary"/, /known groups: canary, pis/],
  [{ labels: { site: 'rome' } }, /no host matches --label site=rome/, /loosen the filters/],
  [{ groups: ['canary'], names: ['router'] }, /no host matches --hosts router --group canary/, /all apply at once/],
];
for (const [selection, message, fix] of refusals) {
  test(`selectHosts() refuses ${describeSelection(sel(selection))} with a usage error`, () => {
    assert.throws(
      () => names(selection),
      (e: unknown) => e instanceof GocrossError && e.kind === 'usage' && message.test(e.message) && fix.test(e.fix ?? ''),
    );
  });
}

test('parseLabelSelector() splits at the first "=" and refuses a selector without a key', () => {
  assert.deepEqual(parseLabelSelector('site=berlin'), ['site', 'berlin']);
  assert.deepEqual(parseLabelSelector('expr=a=b'), ['expr', 'a=b']);
  assert.deepEqual(parseLabelSelector('empty='), ['empty', '']);
  for (const bad of ['site', '=berlin', '']) assert.throws(() => parseLabelSelector(bad), (e: unknown) => e instanceof GocrossError && e.kind === 'usage');
});

test('parseHostList() drops blanks around commas', () => {
  assert.deepEqual(parseHostList(' a, b,,c '), ['a', 'b', 'c']);
});
