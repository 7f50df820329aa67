/** Label selectors (metav1.LabelSelector): matchLabels and matchExpressions, all ANDed; an empty selector matches everything. */
import { arr, isObject, str, stringMap } from './json.ts';
import type { Json } from './model.ts';

export function selectorMatches(selector: Json | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!isObject(selector)) return false;
  for (const [k, v] of Object.entries(stringMap(selector, ['matchLabels']))) if (labels[k] !== v) return false;
  for (const e of arr(selector, ['matchExpressions'])) {
    const key = str(e, ['key']) ?? '';
    const values = arr(e, ['values']).filter((v): v is string => typeof v === 'string');
    const has = Object.hasOwn(labels, key);
    switch (str(e, ['operator'])) {
      case 'In':
        if (!has || !values.includes(labels[key]!)) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key]!)) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false; // an unknown operator selects nothing (the API rejects it)
    }
  }
  return true;
}

/** A Service's or a NetworkPolicy's plain map selector. */
export function mapSelectorMatches(selector: Json | undefined, labels: Readonly<Record<string, string>>): boolean {
  if (!isObject(selector)) return false;
  return Object.entries(stringMap(selector)).every(([k, v]) => labels[k] === v);
}
