import { describe, expect, it } from '@jest/globals';
import { chartAlt, renderPdfBuffer, type PdfFrame } from '../../src/documents/pdf-renderer.js';
import { pdfTagging, qpdfCheck, structElements, type StructElement } from '../support/pdf.js';

/**
 * The structure tree the renderer writes, read back by qpdf: every kind of Markdown block the
 * templates use, in one document. (The documents themselves: test/e2e/documents.e2e.spec.ts.)
 */

const frame: PdfFrame = {
  title: 'Tagging check',
  subject: 'A test document',
  author: 'Example e.V.',
  language: 'de',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  header: { left: 'Example e.V.', right: 'KOPFZEILE' },
  footer: 'Fußzeile',
};

const chart = [
  'title: Anfragen nach Art',
  'note: Dunkel: der kleinste Wert.',
  'Durchsuchung | 3 | 3 | 3',
  'Auskunft | 1–4 | 1 | 4',
].join('\n');

const markdown = `# Überschrift

Ein Absatz mit **fett** und \`code\`.

## Abschnitt

- erster Punkt
- zweiter Punkt
  - eingerückt

> Ein Zitat.

| Spalte A | Spalte B |
|---|--:|
| a | 1 |

| | |
|---|---|
| Bezeichnung | Wert |

### Unterabschnitt

\`\`\`chart
${chart}
\`\`\`

---

\`\`\`signatures
Erika Mustermann | Vorsitzende
\`\`\`
`;

const types = (elements: StructElement[]) => elements.map((e) => e.type);

describe('tagged PDF', () => {
  it('has a structure tree of headings, paragraphs, a nested list, tables with header cells and a described figure', async () => {
    const pdf = await renderPdfBuffer(markdown, frame);
    const tagging = pdfTagging(pdf);
    if (!tagging) {
      console.warn(
        'qpdf is not installed: the structure tree is not checked (CI sets REQUIRE_QPDF=1)',
      );
      return;
    }
    expect(tagging).toMatchObject({
      marked: true,
      lang: 'de-DE',
      displayDocTitle: true,
      pagesInParentTree: true,
    });
    expect(types(tagging.tree!)).toEqual(['Document']);
    const doc = tagging.tree![0];
    expect(types(doc.children)).toEqual([
      'H1',
      'P',
      'H2',
      'L',
      'BlockQuote',
      'Table',
      'Table',
      'H3',
      'Figure',
      'P',
      'P',
    ]);
    const all = structElements(tagging.tree!);
    // Everything but containers carries content of its own: nothing is tagged empty.
    for (const e of all.filter(
      (x) => !['Document', 'L', 'LI', 'Table', 'TR', 'BlockQuote'].includes(x.type),
    ))
      expect({ type: e.type, contents: e.contents > 0 || e.children.length > 0 }).toEqual({
        type: e.type,
        contents: true,
      });

    const [list] = doc.children.filter((e) => e.type === 'L');
    expect(list.children.map((li) => types(li.children))).toEqual([
      ['Lbl', 'LBody'],
      ['Lbl', 'LBody'],
    ]);
    expect(types(list.children[1].children[1].children)).toEqual(['P', 'L']);

    const [withHeader, labelled] = doc.children.filter((e) => e.type === 'Table');
    expect(
      withHeader.children.map((tr) =>
        tr.children.map((c) => `${c.type}${c.scope ? `/${c.scope}` : ''}`),
      ),
    ).toEqual([
      ['TH/Column', 'TH/Column'],
      ['TD', 'TD'],
    ]);
    expect(
      labelled.children.map((tr) =>
        tr.children.map((c) => `${c.type}${c.scope ? `/${c.scope}` : ''}`),
      ),
    ).toEqual([['TH/Row', 'TD']]);

    const figure = doc.children.find((e) => e.type === 'Figure')!;
    expect(figure.alt).toBe(chartAlt(chart, 'de'));
    expect(figure.alt).toBe(
      'Balkendiagramm, Anfragen nach Art. Durchsuchung: 3; Auskunft: 1–4. Dunkel: der kleinste Wert.',
    );
    expect(qpdfCheck(pdf)?.code).toBe(0);
  });

  it("describes a chart in the document's language", () => {
    expect(chartAlt('Police | 2 | 2 | 2\nCourt | 500+ | 500 |', 'en')).toBe(
      'Bar chart. Police: 2; Court: 500+.',
    );
  });
});
