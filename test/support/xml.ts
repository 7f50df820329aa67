/**
 * A small strict XML 1.0 well-formedness parser for tests (JUnit reports): elements, attributes,
 * text, comments, the XML declaration and the five predefined entities plus character references.
 * Returns the element tree or throws with the offset of the first problem.
 */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_:][A-Za-z0-9._:-]*/;
const ENTITY = /^&(amp|lt|gt|quot|apos|#[0-9]+|#x[0-9A-Fa-f]+);/;

function decode(raw: string, at: number): string {
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c === '<') throw new Error(`unescaped '<' at ${at + i}`);
    if (c !== '&') {
      out += c;
      continue;
    }
    const m = ENTITY.exec(raw.slice(i));
    if (!m) throw new Error(`bad entity at ${at + i}: ${raw.slice(i, i + 10)}`);
    const e = m[1]!;
    out += e === 'amp' ? '&' : e === 'lt' ? '<' : e === 'gt' ? '>' : e === 'quot' ? '"' : e === 'apos' ? "'" : String.fromCodePoint(e.startsWith('#x') ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    i += m[0].length - 1;
  }
  return out;
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  if (/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(xml)) throw new Error('character not allowed in XML 1.0');
  if (xml.startsWith('<?xml')) {
    const end = xml.indexOf('?>');
    if (end < 0) throw new Error('unterminated XML declaration');
    i = end + 2;
  }
  const skipMisc = (): void => {
    for (;;) {
      while (i < xml.length && /\s/.test(xml[i]!)) i++;
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) throw new Error(`unterminated comment at ${i}`);
        i = end + 3;
      } else return;
    }
  };
  const parseElement = (): XmlElement => {
    if (xml[i] !== '<') throw new Error(`expected '<' at ${i}`);
    i++;
    const name = NAME.exec(xml.slice(i))?.[0];
    if (!name) throw new Error(`bad element name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attributes: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(xml.slice(i))![0].length;
      i += ws;
      if (xml.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (xml[i] === '>') {
        i++;
        break;
      }
      if (ws === 0) throw new Error(`expected whitespace before attribute at ${i}`);
      const an = NAME.exec(xml.slice(i))?.[0];
      if (!an) throw new Error(`bad attribute name at ${i}`);
      i += an.length;
      if (xml[i] !== '=') throw new Error(`expected '=' at ${i}`);
      const q = xml[i + 1];
      if (q !== '"' && q !== "'") throw new Error(`unquoted attribute value at ${i + 1}`);
      const end = xml.indexOf(q, i + 2);
      if (end < 0) throw new Error(`unterminated attribute at ${i}`);
      if (an in el.attributes) throw new Error(`duplicate attribute ${an} at ${i}`);
      el.attributes[an] = decode(xml.slice(i + 2, end), i + 2);
      i = end + 1;
    }
    for (;;) {
      const lt = xml.indexOf('<', i);
      if (lt < 0) throw new Error(`unclosed <${name}>`);
      el.text += decode(xml.slice(i, lt), i);
      i = lt;
      if (xml.startsWith('</', i)) {
        const close = `</${name}`;
        if (!xml.startsWith(close, i)) throw new Error(`mismatched close tag at ${i}: expected </${name}>`);
        i += close.length;
        i += /^\s*/.exec(xml.slice(i))![0].length;
        if (xml[i] !== '>') throw new Error(`bad close tag at ${i}`);
        i++;
        return el;
      }
      if (xml.startsWith('<!--', i)) {
        const end = xml.indexOf('-->', i);
        if (end < 0) throw new Error(`unterminated comment at ${i}`);
        i = end + 3;
        continue;
      }
      if (xml.startsWith('<![CDATA[', i)) {
        const end = xml.indexOf(']]>', i);
        if (end < 0) throw new Error(`unterminated CDATA at ${i}`);
        el.text += xml.slice(i + 9, end);
        i = end + 3;
        continue;
      }
      el.children.push(parseElement());
    }
  };
  skipMisc();
  const root = parseElement();
  skipMisc();
  if (i !== xml.length) throw new Error(`content after the root element at ${i}`);
  return root;
}
