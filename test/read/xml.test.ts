import fc from 'fast-check';
import { Parser } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { decodeReferences, XmlTokenizer } from '../../src/read/xml.js';

type XmlEvent = ['open', string, Record<string, string>] | ['close', string] | ['text', string];

/** The events of one tokenizer run, adjacent text joined (tokenizers may split text anywhere). */
function collect(feed: (handlers: { onopentag: (tag: string, attributes: Record<string, string>) => void; onclosetag: (tag: string) => void; ontext: (text: string) => void }) => void): XmlEvent[] {
  const events: XmlEvent[] = [];
  feed({
    onopentag: (tag, attributes) => events.push(['open', tag, { ...attributes }]),
    onclosetag: (tag) => events.push(['close', tag]),
    ontext: (text) => {
      const last = events.at(-1);
      if (last?.[0] === 'text') last[1] += text;
      else events.push(['text', text]);
    },
  });
  return events;
}

function tokenize(chunks: readonly string[]): XmlEvent[] {
  return collect((handlers) => {
    const tokenizer = new XmlTokenizer(handlers);
    for (const chunk of chunks) tokenizer.write(chunk);
    tokenizer.end();
  });
}

/** What htmlparser2 in XML mode, the tokenizer fenjie used before, makes of the same input. */
function reference(text: string): XmlEvent[] {
  return collect((handlers) => new Parser(handlers, { xmlMode: true, decodeEntities: true }).end(text));
}

/** Splits a text at the given fractions of its length. */
function split(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const out: string[] = [];
  let from = 0;
  for (const cut of at) {
    out.push(text.slice(from, cut));
    from = cut;
  }
  out.push(text.slice(from));
  return out;
}

const PIECES = [
  '<', '>', '/', '!', '?', '-', '[', ']', '"', "'", '=', ' ', '\n', '&', ';', '#', 'x', 'a', 'b', 'w:t', '中',
  'amp', 'lt', 'quot', 'apos', '#38', '#x41', '#0', '#128', '#xD800', '&amp;', '&lt;', '&#20013;', '&#x4e2d;',
  '<a>', '</a>', '<b>', '</b>', '<w:t xml:space="preserve">', '</w:t>', '<c x="1" y=\'2\' z=3 x="4"/>', '<d/>',
  '<!--', '-->', '<![CDATA[', ']]>', 'CDATA[', '<?xml version="1.0"?>', '<!DOCTYPE x>', '</ a >', '<//>',
  '<w:p>', '</w:p>', '<e a="1" b=\'&lt;2\' a="3">', '<f\n a=">"\t/>', '<g a="&#x4e2d;&amp" />', '<h a="1"b="2">', '</h >',
];

/** Plain markup, the kind the tokenizer's fast path reads: tags with quoted attributes, and text. */
const PLAIN = [
  '<w:p>', '</w:p>', '<w:r>', '</w:r>', '<w:t xml:space="preserve">', '</w:t>', '<w:vMerge w:val="continue"/>', '<w:br/>',
  '<c r="A1" s=\'2\' t="s">', '</c>', '<v>', '</v>', '<e\ta="x"\n/>', '<e a="" b="&amp;&#65;">', '</e>', '</x>',
  'text', '中文', '&amp;', '&#20013;', ' ', '\n', 'a&b', '&', '<!-- c -->', '<![CDATA[<x>]]>', '<?pi?>',
];

/** Near-XML: pieces of markup, or single characters that make up markup, in any order. */
const markup = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((pieces) => pieces.join('')),
  fc.array(fc.constantFrom(...'<>/!?-[]"\'= \n&;#xab:CDAT'), { maxLength: 40 }).map((chars) => chars.join('')),
);

describe('XmlTokenizer', () => {
  it('reads well-formed XML: tags, attributes, references, CDATA; comments and declarations are skipped', () => {
    const xml = '<?xml version="1.0"?><!-- note --><r a="1 &amp; 2" b=\'&#x4e2d;\'><t>x &lt; y</t><e/><![CDATA[<&amp;>]]></r>';
    expect(tokenize([xml])).toEqual([
      ['open', 'r', { a: '1 & 2', b: '中' }],
      ['open', 't', {}],
      ['text', 'x < y'],
      ['close', 't'],
      ['open', 'e', {}],
      ['close', 'e'],
      ['text', '<&amp;>'],
      ['close', 'r'],
    ]);
  });

  it('closes what an end tag skips over, ignores an end tag that matches nothing, and closes what is open at the end', () => {
    expect(tokenize(['<a><b><c></b></x>text'])).toEqual([
      ['open', 'a', {}],
      ['open', 'b', {}],
      ['open', 'c', {}],
      ['close', 'c'],
      ['close', 'b'],
      ['text', 'text'],
      ['close', 'a'],
    ]);
  });

  it('reads markup like htmlparser2 in XML mode, however the input is split into chunks', () => {
    fc.assert(
      fc.property(markup, fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 6 }), (text, cuts) => {
        // htmlparser2 shows a tag cut off by the end after `/` or in its end tag as stray characters; fenjie drops it.
        fc.pre(!/(<[^\s/>!?]|<\/\s*[^\s/>])[^>]*$/.test(text));
        expect(tokenize(split(text, cuts))).toEqual(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads plain markup like htmlparser2 however finely it is split, tags cut by chunk ends included', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...PLAIN), { maxLength: 60 }).map((pieces) => pieces.join('')),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }),
        (text, cuts) => {
          expect(tokenize(split(text, cuts))).toEqual(reference(text));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('decodes a character reference split across chunks', () => {
    const text = '<t>a&#x4e2d;b&amp;c</t>';
    for (let cut = 0; cut <= text.length; cut += 1) {
      expect(tokenize([text.slice(0, cut), text.slice(cut)])).toEqual(reference(text));
    }
  });

  it('takes linear time on long runs of one construct fed in small chunks', () => {
    for (const [open, body, close, times] of [
      ['<a b="', 'x', '">'],
      ['<!--', 'x', '-->'],
      ['<![CDATA[', 'x', ']]>'],
      ['<t>', '&', '</t>'],
      ['<t>', '&#', '</t>'],
      // Many attributes: each costs several steps of the state machine, so fewer of them.
      ['<a', ' b="x"', ' c=d>', 200_000],
    ] as const) {
      const text = open + body.repeat(times ?? 2_000_000) + close;
      const chunks = [];
      for (let at = 0; at < text.length; at += 1000) chunks.push(text.slice(at, at + 1000));
      const started = performance.now();
      const tokenizer = new XmlTokenizer({});
      for (const chunk of chunks) tokenizer.write(chunk);
      tokenizer.end();
      expect(performance.now() - started).toBeLessThan(2000);
    }
  });
});

describe('XmlTokenizer on a part read whole', () => {
  it('reads a tag of many attributes in one string as htmlparser2 does, past the fast path', () => {
    for (const count of [64, 65, 300]) {
      const text = `<a${Array.from({ length: count }, (_, i) => ` n${i}="v${i}"`).join('')}>x</a>`;
      expect(tokenize([text])).toEqual(reference(text));
    }
  });

  it('does not overflow the regular expression stack on a tag of millions of attributes', () => {
    const attributes = new Set<number>();
    const tags: string[] = [];
    const tokenizer = new XmlTokenizer({
      onopentag: (tag, read) => {
        tags.push(tag);
        attributes.add(Object.keys(read).length);
      },
    });
    tokenizer.write(`<r${' b="x"'.repeat(2_000_000)}/><s c="d"/>`);
    tokenizer.end();
    expect(tags).toEqual(['r', 's']);
    expect([...attributes]).toEqual([1]);
  });
});

describe('decodeReferences', () => {
  it('decodes the five named references and numeric ones, and leaves anything else as written', () => {
    expect(decodeReferences('&amp;&lt;&gt;&quot;&apos;&#65;&#x42;&#X43;')).toBe('&<>"\'ABC');
    expect(decodeReferences('&nbsp; &AMP; &amp &#; &#x; &#12a; & ;')).toBe('&nbsp; &AMP; &amp &#; &#x; &#12a; & ;');
    expect(decodeReferences('&#0;&#xD800;&#x110000;&#128;&#159;')).toBe('\ufffd\ufffd\ufffd€Ÿ');
  });

  it('keeps a numeric reference longer than 32 characters as written', () => {
    expect(decodeReferences(`&#${'0'.repeat(28)}65;`)).toBe('A');
    expect(decodeReferences(`&#${'0'.repeat(29)}65;`)).toBe(`&#${'0'.repeat(29)}65;`);
  });

  it('takes linear time on many ampersands before one semicolon', () => {
    const text = `${'&'.repeat(1_000_000)};`;
    const started = performance.now();
    expect(decodeReferences(text)).toBe(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
