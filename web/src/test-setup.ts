// The API client reads the page's origin when it is imported, and the language setting reads
// localStorage and sets the document's language; tests run without a page.
const stored = new Map<string, string>();
Object.assign(globalThis, {
  window: { location: { origin: 'http://127.0.0.1:3000' } },
  localStorage: {
    getItem: (key: string) => stored.get(key) ?? null,
    setItem: (key: string, value: string) => void stored.set(key, value),
    removeItem: (key: string) => void stored.delete(key),
  },
  document: { documentElement: { lang: '' } },
});
