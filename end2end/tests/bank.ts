import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The right answers of the demo question bank, read from the GIFT file the platform seeds, so
 * a browser test can pass a quiz as a learner who studied would. Only what this bank uses is
 * read: choices (with or without weights), true/false, short answers and matching.
 */
export interface Key {
  right: string[];
  truth?: boolean;
  pairs: [string, string][];
  /** The competence domain of the question (its `$CATEGORY: <domain>/<level>`). */
  domain: string;
}

const GIFT = join(__dirname, '..', '..', 'content', 'questions', 'ngan-hang-cau-hoi.gift');

/** Letters and digits only, lowercased: how a question's text is matched with the page. */
export function keyOf(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/\\(.)/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, '')
    .slice(0, 60);
}

function unescape(text: string): string {
  return text.replace(/\\(.)/g, '$1').trim();
}

/** Splits on a character not preceded by a backslash. */
function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\' && i + 1 < text.length) {
      current += text[i] + text[i + 1];
      i++;
    } else if (text[i] === sep) {
      parts.push(current);
      current = '';
    } else {
      current += text[i];
    }
  }
  parts.push(current);
  return parts;
}

export function loadBank(): Map<string, Key> {
  const bank = new Map<string, Key>();
  const sections = readFileSync(GIFT, 'utf8').split(/^\$CATEGORY:\s*/m).slice(1);
  const blocks = sections.flatMap((section) => {
    const domain = section.split('/')[0].trim();
    return section
      .split(/\n\s*\n/)
      .map((b) => b.split('\n').filter((l) => !l.trim().startsWith('//')).join('\n').trim())
      .filter((b) => b.startsWith('::'))
      .map((b) => ({ b, domain }));
  });
  for (const { b: block, domain } of blocks) {
    const afterTitle = block.replace(/^::.*?::/, '');
    const open = afterTitle.search(/(?<!\\)\{/);
    const close = afterTitle.lastIndexOf('}');
    const text = afterTitle.slice(0, open).replace(/^\[(markdown|plain|html|moodle)\]/, '');
    const body = afterTitle.slice(open + 1, close).trim();
    const key: Key = { right: [], pairs: [], domain };
    const tf = body.match(/^(T|F|TRUE|FALSE)\b/i);
    if (tf) {
      key.truth = tf[1].toUpperCase().startsWith('T');
    } else {
      for (const raw of body.split(/\n|(?<!\\)(?=[=~])/)) {
        const answer = raw.trim();
        if (!answer) continue;
        const right = answer.startsWith('=');
        let rest = answer.slice(1);
        let weight = right ? 100 : 0;
        const w = rest.match(/^%(-?[\d.]+)%/);
        if (w) {
          weight = parseFloat(w[1]);
          rest = rest.slice(w[0].length);
        }
        rest = splitUnescaped(rest, '#')[0];
        if (rest.includes('->')) {
          const [l, r] = rest.split('->');
          key.pairs.push([unescape(l), unescape(r)]);
        } else if (weight > 0) {
          key.right.push(unescape(rest));
        }
      }
    }
    bank.set(keyOf(text), key);
  }
  return bank;
}
